//! `marquee import movielens`: reads the folder, then runs the domain's [`MovieLensImport`] with progress bars.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use marquee_domain::imports::movielens::{self, MovieLensImport, Progress};
use marquee_postgres::PgStore;

/// One bar per stage, drawn on stderr (hidden when stderr is not a terminal).
struct Bars {
    current: std::sync::Mutex<Option<ProgressBar>>,
}

impl Progress for Bars {
    fn stage(&self, name: &str, total: u64) {
        let bar = ProgressBar::new(total);
        let style = ProgressStyle::with_template("{prefix:>9} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(name.to_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        let mut current = self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(done) = current.replace(bar) {
            done.finish();
        }
    }

    fn advance(&self, done: u64) {
        if let Some(bar) = self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref() {
            bar.inc(done);
        }
    }
}

impl Bars {
    fn finish(&self) {
        if let Some(bar) = self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take() {
            bar.finish();
        }
    }
}

fn read(dir: &Path, name: &str) -> anyhow::Result<String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

/// Parses the folder and imports it.
pub async fn run(store: Arc<PgStore>, dir: &Path, with_ratings: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let catalog = movielens::parse_catalog(&read(dir, "movies.csv")?, &read(dir, "links.csv")?)
        .map_err(|e| anyhow::anyhow!("{e}: {:?}", e.fields()))?;
    let ratings = if with_ratings {
        Some(
            movielens::parse_ratings(&read(dir, "ratings.csv")?)
                .map_err(|e| anyhow::anyhow!("{e}: {:?}", e.fields()))?,
        )
    } else {
        None
    };
    tracing::info!(titles = catalog.items.len(), ratings = ratings.as_ref().map(Vec::len), "read the MovieLens files");
    let bars = Bars { current: std::sync::Mutex::new(None) };
    let report = MovieLensImport::new(store).run(&catalog, ratings.as_deref(), &bars).await;
    bars.finish();
    let report = report.context("importing MovieLens")?;
    tracing::info!(
        items = report.items,
        inserted = report.inserted,
        updated = report.updated,
        accounts = report.accounts,
        ratings = report.ratings,
        rankings_written = report.rankings,
        seconds = started.elapsed().as_secs_f64(),
        "MovieLens import done"
    );
    Ok(())
}
