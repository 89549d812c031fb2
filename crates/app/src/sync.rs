//! `marquee sync tmdb`: the domain's sync use case over the TMDb source, with a progress bar, on the configured
//! PostgreSQL store and TMDb credentials.

use std::sync::Arc;

use anyhow::{Context, bail};
use marquee_domain::media::MediaKind;
use marquee_domain::sync::{SyncObserver, SyncOptions, SyncService};
use marquee_tmdb::TmdbSyncSource;

use crate::config::Config;

/// The command line's options.
#[derive(Debug, Clone, clap::Args)]
pub struct TmdbSyncArgs {
    /// Pages of each list (trending, popular, top rated), 20 titles a page.
    #[arg(long, default_value_t = 5)]
    pub pages: u32,
    /// Comma-separated languages; the first gives the catalog's titles and overviews (default: `TMDB_LANGUAGE`).
    #[arg(long, value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Comma-separated kinds: `movie`, `show`.
    #[arg(long, value_delimiter = ',', default_value = "movie,show")]
    pub kinds: Vec<String>,
    /// Refresh the catalog's titles that TMDb lists as changed since the last `--changes` run, instead.
    #[arg(long)]
    pub changes: bool,
}

struct Bar(indicatif::ProgressBar);

impl SyncObserver for Bar {
    fn begin(&self, total: u64, done: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
        tracing::info!(steps = total, resumed_at = done, "TMDb sync");
        if done > 0 {
            self.0.println(format!("resuming after step {done} of {total}"));
        }
    }

    fn step(&self, label: &str) {
        self.0.set_message(label.to_owned());
        self.0.inc(1);
    }
}

/// Runs the sync.
pub async fn tmdb(config: &Config, args: &TmdbSyncArgs) -> anyhow::Result<()> {
    let Some(client) = crate::providers::tmdb_client(&config.providers)? else {
        bail!("TMDb is not configured: set TMDB_READ_TOKEN or TMDB_API_KEY");
    };
    let kinds = args
        .kinds
        .iter()
        .map(|k| match k.trim() {
            "movie" => Ok(MediaKind::Movie),
            "show" | "tv" => Ok(MediaKind::Show),
            other => bail!("unknown kind {other:?}: use movie or show"),
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut languages: Vec<String> = args.languages.iter().map(|l| l.trim().to_owned()).collect();
    if languages.is_empty() {
        languages.push(config.providers.tmdb.language.clone());
    }
    let options = SyncOptions { pages: args.pages, languages, kinds };
    let store = Arc::new(crate::wiring::store(config)?);
    let sync = SyncService::new(Arc::new(TmdbSyncSource::new(client)), store.clone(), store);
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} steps ({elapsed}) {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let observer = Bar(bar.clone());
    let started = std::time::Instant::now();
    let report = if args.changes {
        sync.changes(&options, chrono::Utc::now().date_naive(), &observer).await
    } else {
        sync.lists(&options, &observer).await
    }
    .context("syncing from TMDb (run the same command again to resume)")?;
    bar.finish_with_message(format!(
        "{} titles upserted in {} steps ({} resumed) in {:.1}s",
        report.titles,
        report.steps,
        report.resumed_at,
        started.elapsed().as_secs_f64()
    ));
    tracing::info!(titles = report.titles, steps = report.steps, resumed_at = report.resumed_at, "TMDb sync done");
    Ok(())
}
