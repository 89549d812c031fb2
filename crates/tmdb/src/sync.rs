//! `marquee sync tmdb`: bulk catalog syncs from TMDb into the local catalog, resumable step by step.
//!
//! - [`TmdbSync::lists`] pulls the genre lists, then trending (week), popular and top-rated pages of each kind.
//!   A step is one page of one list, fetched in every language asked for: the first language gives the catalog
//!   fields, the others add their title and overview under `attributes.tmdb_i18n.<language>`.
//! - [`TmdbSync::changes`] asks `movie/changes` and `tv/changes` for what changed since the last finished changes
//!   run (at most 14 days back, TMDb's limit) and refreshes those of the changed titles the catalog holds, from
//!   their details, 20 titles per step.
//!
//! Every step is upserted through [`CatalogUpsert`] (dedupe by kind + TMDb id, user-made entries untouched,
//! unchanged rows not rewritten), then the step count is saved through [`SyncStateRepository`], so a failed run
//! resumes after its last written step when run again with the same options.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, Utc};
use marquee_domain::StoreError;
use marquee_domain::media::MediaFields;
use marquee_domain::remote::CatalogUpsert;
use marquee_domain::sync::{SyncProgress, SyncStateRepository};
use serde_json::{Value, json};

use crate::adapter::{GenreNames, media_kind, to_fields};
use crate::api::{Paged, Title, TmdbKind, TrendingScope, Window};
use crate::client::{TmdbClient, TmdbError};

/// The job names in the progress table.
pub const LISTS_JOB: &str = "tmdb-lists";
/// See [`LISTS_JOB`].
pub const CHANGES_JOB: &str = "tmdb-changes";
/// TMDb serves at most 500 pages of a list.
pub const MAX_PAGES: u32 = 500;
/// Titles refreshed per step of a changes run.
const CHANGES_PER_STEP: usize = 20;
/// How far back `changes` may look.
const MAX_CHANGES_DAYS: i64 = 14;

/// What to sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOptions {
    /// Pages of each list (20 titles a page), 1 to 500.
    pub pages: u32,
    /// Languages (`en-US`, `fr-FR`, …); the first gives the catalog's text.
    pub languages: Vec<String>,
    /// Kinds to pull.
    pub kinds: Vec<TmdbKind>,
}

impl SyncOptions {
    fn check(&self) -> Result<(), SyncError> {
        if !(1..=MAX_PAGES).contains(&self.pages) {
            return Err(SyncError::Options(format!("pages must be between 1 and {MAX_PAGES}")));
        }
        if self.kinds.is_empty() {
            return Err(SyncError::Options("no kind to sync".into()));
        }
        let well_formed =
            |l: &String| !l.is_empty() && l.len() <= 10 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if self.languages.is_empty() || !self.languages.iter().all(well_formed) {
            return Err(SyncError::Options("languages must be codes like en-US, comma-separated".into()));
        }
        Ok(())
    }

    fn kinds_key(&self) -> String {
        self.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// Why a sync stopped. Steps written before the failure stay written and are not fetched again on resume.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Bad options.
    #[error("{0}")]
    Options(String),
    /// TMDb failed (after the client's retries).
    #[error("TMDb: {0}")]
    Tmdb(#[from] TmdbError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncReport {
    /// Steps in the run.
    pub steps: u32,
    /// Steps skipped because an earlier run had written them.
    pub resumed_at: u32,
    /// Titles handed to the upsert (inserted, refreshed or unchanged).
    pub titles: u64,
}

/// Where a run reports its progress (the CLI draws a bar).
pub trait SyncObserver: Send + Sync {
    /// The run has `total` steps, of which `done` were written by an earlier run.
    fn begin(&self, total: u64, done: u64);
    /// One more step written.
    fn step(&self, label: &str);
}

/// No progress display.
impl SyncObserver for () {
    fn begin(&self, _: u64, _: u64) {}
    fn step(&self, _: &str) {}
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Trending,
    Popular,
    TopRated,
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::Trending => "trending",
            List::Popular => "popular",
            List::TopRated => "top_rated",
        }
    }
}

/// The sync: a TMDb client, the catalog it writes to and the progress store.
#[derive(Clone)]
pub struct TmdbSync {
    client: TmdbClient,
    catalog: Arc<dyn CatalogUpsert>,
    state: Arc<dyn SyncStateRepository>,
}

impl std::fmt::Debug for TmdbSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TmdbSync").finish_non_exhaustive()
    }
}

impl TmdbSync {
    /// A sync over `client`, writing through `catalog`, keeping progress in `state`.
    pub fn new(client: TmdbClient, catalog: Arc<dyn CatalogUpsert>, state: Arc<dyn SyncStateRepository>) -> Self {
        Self { client, catalog, state }
    }

    async fn fetch(&self, kind: TmdbKind, list: List, page: u32, language: &str) -> Result<Paged<Title>, TmdbError> {
        let lang = Some(language);
        match list {
            List::Trending => self.client.trending(TrendingScope::Kind(kind), Window::Week, page, lang).await,
            List::Popular => self.client.list(kind, "popular", page, lang).await,
            List::TopRated => self.client.list(kind, "top_rated", page, lang).await,
        }
    }

    /// Genre lists, trending, popular and top-rated titles; see the module docs.
    ///
    /// # Errors
    /// [`SyncError`]; the steps written before it stay written, and the next run with the same options resumes.
    pub async fn lists(&self, options: &SyncOptions, observer: &dyn SyncObserver) -> Result<SyncReport, SyncError> {
        options.check()?;
        let params =
            format!("pages={};languages={};kinds={}", options.pages, options.languages.join(","), options.kinds_key());
        let saved = self.state.sync_progress(LISTS_JOB).await?;
        let start = SyncProgress::resume_at(saved.as_ref(), &params);
        let completed_at = saved.and_then(|s| s.completed_at);

        let mut genres: Vec<GenreNames> = Vec::with_capacity(options.languages.len());
        for language in &options.languages {
            let mut names = GenreNames::default();
            for &kind in &options.kinds {
                names.add(kind, &self.client.genres(kind, Some(language)).await?);
            }
            genres.push(names);
        }

        let steps: Vec<(TmdbKind, List, u32)> = options
            .kinds
            .iter()
            .flat_map(|&k| {
                [List::Trending, List::Popular, List::TopRated]
                    .into_iter()
                    .flat_map(move |l| (1..=options.pages).map(move |p| (k, l, p)))
            })
            .collect();
        let total = u32::try_from(steps.len()).unwrap_or(u32::MAX);
        observer.begin(u64::from(total), u64::from(start.min(total)));
        tracing::info!(steps = total, resumed_at = start, "TMDb list sync");
        let mut titles = 0;
        for (i, &(kind, list, page)) in steps.iter().enumerate().skip(start as usize) {
            let mut fields: Vec<MediaFields> = Vec::new();
            let mut at: HashMap<i64, usize> = HashMap::new();
            for (n, (language, names)) in options.languages.iter().zip(&genres).enumerate() {
                let primary = n == 0;
                let paged = self.fetch(kind, list, page, language).await?;
                for title in &paged.results {
                    let Some(mut f) = to_fields(title, Some(kind), names) else { continue };
                    let localized = json!({"title": f.title, "overview": f.overview});
                    if let Some(&j) = at.get(&title.id) {
                        add_translation(&mut fields[j], language, localized);
                    } else {
                        if !primary {
                            add_translation(&mut f, language, localized);
                        }
                        at.insert(title.id, fields.len());
                        fields.push(f);
                    }
                }
            }
            self.catalog.upsert_remote(&fields).await?;
            titles += fields.len() as u64;
            let next_step = u32::try_from(i + 1).unwrap_or(u32::MAX);
            self.state
                .save_sync_progress(LISTS_JOB, &SyncProgress { params: params.clone(), next_step, completed_at })
                .await?;
            observer.step(&format!("{} {} page {page}", media_kind(kind), list.name()));
        }
        self.state
            .save_sync_progress(LISTS_JOB, &SyncProgress { params, next_step: 0, completed_at: Some(Utc::now()) })
            .await?;
        Ok(SyncReport { steps: total, resumed_at: start.min(total), titles })
    }

    /// Refreshes the catalog's titles that TMDb lists as changed since the last finished changes run (or since
    /// yesterday), up to `today`; see the module docs. Only the first language is used.
    ///
    /// # Errors
    /// As [`TmdbSync::lists`].
    pub async fn changes(
        &self,
        options: &SyncOptions,
        today: NaiveDate,
        observer: &dyn SyncObserver,
    ) -> Result<SyncReport, SyncError> {
        options.check()?;
        let language = options.languages[0].as_str();
        let saved = self.state.sync_progress(CHANGES_JOB).await?;
        let completed_at = saved.as_ref().and_then(|s| s.completed_at);
        let since = completed_at
            .map_or(today - Duration::days(1), |c| c.date_naive())
            .clamp(today - Duration::days(MAX_CHANGES_DAYS), today);
        let params = format!("since={since};until={today};language={language};kinds={}", options.kinds_key());
        let start = SyncProgress::resume_at(saved.as_ref(), &params);

        // Which changed titles the catalog holds, in a stable order (kind, id) so a resumed run cuts the same steps.
        let mut wanted: Vec<(TmdbKind, i64)> = Vec::new();
        for &kind in &options.kinds {
            let mut ids = Vec::new();
            let mut page = 1;
            loop {
                let changed = self.client.changes(kind, since, today, page).await?;
                ids.extend(changed.results.iter().filter(|c| c.adult != Some(true)).map(|c| c.id));
                if page >= changed.total_pages.min(MAX_PAGES) {
                    break;
                }
                page += 1;
            }
            ids.sort_unstable();
            ids.dedup();
            let known = self.state.known_tmdb_ids(media_kind(kind), &ids).await?;
            wanted.extend(known.into_iter().map(|id| (kind, id)));
        }
        let steps: Vec<&[(TmdbKind, i64)]> = wanted.chunks(CHANGES_PER_STEP).collect();
        let total = u32::try_from(steps.len()).unwrap_or(u32::MAX);
        observer.begin(u64::from(total), u64::from(start.min(total)));
        tracing::info!(%since, %today, titles = wanted.len(), resumed_at = start, "TMDb changes sync");
        let mut titles = 0;
        let none = GenreNames::default();
        for (i, chunk) in steps.iter().enumerate().skip(start as usize) {
            let mut fields = Vec::with_capacity(chunk.len());
            for &(kind, id) in *chunk {
                match self.client.details(kind, id, &["external_ids", "keywords"], Some(language)).await {
                    Ok(title) => fields.extend(to_fields(&title, Some(kind), &none)),
                    // Gone from TMDb since it was listed: nothing to refresh.
                    Err(TmdbError::NotFound) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            self.catalog.upsert_remote(&fields).await?;
            titles += fields.len() as u64;
            let next_step = u32::try_from(i + 1).unwrap_or(u32::MAX);
            self.state
                .save_sync_progress(CHANGES_JOB, &SyncProgress { params: params.clone(), next_step, completed_at })
                .await?;
            observer.step(&format!("{} changed titles", chunk.len()));
        }
        self.state
            .save_sync_progress(CHANGES_JOB, &SyncProgress { params, next_step: 0, completed_at: Some(Utc::now()) })
            .await?;
        Ok(SyncReport { steps: total, resumed_at: start.min(total), titles })
    }
}

/// Adds a language's title and overview under `attributes.tmdb_i18n.<language>`.
fn add_translation(fields: &mut MediaFields, language: &str, localized: Value) {
    if !fields.attributes.is_object() {
        fields.attributes = json!({});
    }
    if let Some(map) = fields.attributes.as_object_mut() {
        let i18n = map.entry("tmdb_i18n").or_insert_with(|| json!({}));
        if let Some(i18n) = i18n.as_object_mut() {
            i18n.insert(language.to_owned(), localized);
        }
    }
}
