//! Resumable catalog syncs from a provider (`marquee sync tmdb`): the use case ([`SyncService`]), the provider's
//! port ([`SyncSource`]), its progress observer, the progress a run leaves behind, and the port that keeps it. A
//! run is a fixed sequence of steps (one page of one list, say), each written in its own transaction; after each,
//! the run records how many steps are done. A run with the same options resumes after the last step written; other
//! options start over. See docs/providers.md.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::error::StoreError;
use crate::media::{MediaFields, MediaKind};
use crate::remote::{CatalogUpsert, RemoteError};

/// What a job left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncProgress {
    /// A fingerprint of the run's options: a run with other options does not resume this one.
    pub params: String,
    /// Steps written so far; 0 once a run has finished.
    pub next_step: u32,
    /// When a run of this job last finished.
    pub completed_at: Option<DateTime<Utc>>,
}

impl SyncProgress {
    /// What a run with options `params` leaves when it finishes now.
    pub fn finished(params: String) -> Self {
        Self { params, next_step: 0, completed_at: Some(Utc::now()) }
    }

    /// The step a run with options `params` starts at, given what the last run left (`saved`): after the last
    /// step written when that run had the same options and did not finish, else 0.
    pub fn resume_at(saved: Option<&SyncProgress>, params: &str) -> u32 {
        saved.filter(|s| s.params == params).map_or(0, |s| s.next_step)
    }
}

/// Where sync progress is kept, and what the catalog already holds.
#[async_trait]
pub trait SyncStateRepository: Send + Sync {
    /// The progress of `job`, if it ever ran.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn sync_progress(&self, job: &str) -> Result<Option<SyncProgress>, StoreError>;

    /// Replaces the progress of `job`.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn save_sync_progress(&self, job: &str, progress: &SyncProgress) -> Result<(), StoreError>;

    /// Which of `tmdb_ids` the catalog holds as items of `kind`, ascending.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn known_tmdb_ids(&self, kind: MediaKind, tmdb_ids: &[i64]) -> Result<Vec<i64>, StoreError>;
}

/// A list a provider ranks its titles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderList {
    /// Trending this week.
    Trending,
    /// Popular now.
    Popular,
    /// Best rated of all time.
    TopRated,
}

impl ProviderList {
    /// Its name in progress labels.
    pub fn name(self) -> &'static str {
        match self {
            ProviderList::Trending => "trending",
            ProviderList::Popular => "popular",
            ProviderList::TopRated => "top_rated",
        }
    }
}

/// A provider's catalog as a sync reads it (TMDb). Fields come back ready for [`CatalogUpsert`], their genres
/// named in the language asked for.
#[async_trait]
pub trait SyncSource: Send + Sync {
    /// The provider's name, which prefixes its job names (`tmdb` → `tmdb-lists`, `tmdb-changes`).
    fn name(&self) -> &'static str;

    /// One page of `list` for `kind`, in `language`.
    ///
    /// # Errors
    /// [`RemoteError`] when the provider fails (after its own retries).
    async fn list_page(
        &self,
        kind: MediaKind,
        list: ProviderList,
        page: u32,
        language: &str,
    ) -> Result<Vec<MediaFields>, RemoteError>;

    /// The provider ids of the titles of `kind` changed from `since` to `until`, every page read.
    ///
    /// # Errors
    /// [`RemoteError`] when the provider fails.
    async fn changed(&self, kind: MediaKind, since: NaiveDate, until: NaiveDate) -> Result<Vec<i64>, RemoteError>;

    /// The current fields of one title, in `language`; `None` when the provider no longer has it.
    ///
    /// # Errors
    /// [`RemoteError`] when the provider fails.
    async fn details(&self, kind: MediaKind, id: i64, language: &str) -> Result<Option<MediaFields>, RemoteError>;
}

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
    pub kinds: Vec<MediaKind>,
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
    /// The provider failed (after its retries).
    #[error("the provider failed: {0}")]
    Source(#[from] RemoteError),
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

/// The sync use case: a provider, the catalog it writes to and the progress store.
///
/// - [`SyncService::lists`] pulls the trending (week), popular and top-rated pages of each kind. A step is one
///   page of one list, fetched in every language asked for: the first language gives the catalog fields, the
///   others add their title and overview under `attributes.tmdb_i18n.<language>`.
/// - [`SyncService::changes`] asks what changed since the last finished changes run (at most 14 days back) and
///   refreshes those of the changed titles the catalog holds, 20 titles per step.
///
/// Every step is upserted through [`CatalogUpsert`], then the step count is saved through
/// [`SyncStateRepository`], so a failed run resumes after its last written step when run again with the same
/// options.
#[derive(Clone)]
pub struct SyncService {
    source: Arc<dyn SyncSource>,
    catalog: Arc<dyn CatalogUpsert>,
    state: Arc<dyn SyncStateRepository>,
}

impl std::fmt::Debug for SyncService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncService").field("source", &self.source.name()).finish_non_exhaustive()
    }
}

impl SyncService {
    /// A sync from `source`, writing through `catalog`, keeping progress in `state`.
    pub fn new(
        source: Arc<dyn SyncSource>,
        catalog: Arc<dyn CatalogUpsert>,
        state: Arc<dyn SyncStateRepository>,
    ) -> Self {
        Self { source, catalog, state }
    }

    /// The progress table's name of the list job.
    pub fn lists_job(&self) -> String {
        format!("{}-lists", self.source.name())
    }

    /// The progress table's name of the changes job.
    pub fn changes_job(&self) -> String {
        format!("{}-changes", self.source.name())
    }

    /// Upserts one step's titles, then records the step as written; returns how many titles it handed over.
    async fn write_step(&self, job: &str, fields: &[MediaFields], progress: SyncProgress) -> Result<u64, SyncError> {
        self.catalog.upsert_remote(fields).await?;
        self.state.save_sync_progress(job, &progress).await?;
        Ok(fields.len() as u64)
    }

    /// Trending, popular and top-rated titles; see the type's docs.
    ///
    /// # Errors
    /// [`SyncError`]; the steps written before it stay written, and the next run with the same options resumes.
    pub async fn lists(&self, options: &SyncOptions, observer: &dyn SyncObserver) -> Result<SyncReport, SyncError> {
        options.check()?;
        let job = self.lists_job();
        let params =
            format!("pages={};languages={};kinds={}", options.pages, options.languages.join(","), options.kinds_key());
        let saved = self.state.sync_progress(&job).await?;
        let start = SyncProgress::resume_at(saved.as_ref(), &params);
        let completed_at = saved.and_then(|s| s.completed_at);

        let lists = [ProviderList::Trending, ProviderList::Popular, ProviderList::TopRated];
        let steps: Vec<(MediaKind, ProviderList, u32)> = options
            .kinds
            .iter()
            .flat_map(|&k| lists.into_iter().flat_map(move |l| (1..=options.pages).map(move |p| (k, l, p))))
            .collect();
        let total = u32::try_from(steps.len()).unwrap_or(u32::MAX);
        observer.begin(u64::from(total), u64::from(start.min(total)));
        let mut titles = 0;
        for (i, &(kind, list, page)) in steps.iter().enumerate().skip(start as usize) {
            let mut fields: Vec<MediaFields> = Vec::new();
            let mut at: HashMap<i64, usize> = HashMap::new();
            for (n, language) in options.languages.iter().enumerate() {
                let primary = n == 0;
                for mut f in self.source.list_page(kind, list, page, language).await? {
                    let localized = json!({"title": f.title, "overview": f.overview});
                    if let Some(&j) = f.tmdb_id.and_then(|id| at.get(&id)) {
                        add_translation(&mut fields[j], language, localized);
                    } else {
                        if !primary {
                            add_translation(&mut f, language, localized);
                        }
                        if let Some(id) = f.tmdb_id {
                            at.insert(id, fields.len());
                        }
                        fields.push(f);
                    }
                }
            }
            let next_step = u32::try_from(i + 1).unwrap_or(u32::MAX);
            titles += self
                .write_step(&job, &fields, SyncProgress { params: params.clone(), next_step, completed_at })
                .await?;
            observer.step(&format!("{} {} page {page}", kind.as_str(), list.name()));
        }
        self.state.save_sync_progress(&job, &SyncProgress::finished(params)).await?;
        Ok(SyncReport { steps: total, resumed_at: start.min(total), titles })
    }

    /// Refreshes the catalog's titles that the provider lists as changed since the last finished changes run (or
    /// since yesterday), up to `today`; see the type's docs. Only the first language is used.
    ///
    /// # Errors
    /// As [`SyncService::lists`].
    pub async fn changes(
        &self,
        options: &SyncOptions,
        today: NaiveDate,
        observer: &dyn SyncObserver,
    ) -> Result<SyncReport, SyncError> {
        options.check()?;
        let job = self.changes_job();
        let language = options.languages[0].as_str();
        let saved = self.state.sync_progress(&job).await?;
        let completed_at = saved.as_ref().and_then(|s| s.completed_at);
        let since = completed_at
            .map_or(today - Duration::days(1), |c| c.date_naive())
            .clamp(today - Duration::days(MAX_CHANGES_DAYS), today);
        let params = format!("since={since};until={today};language={language};kinds={}", options.kinds_key());
        let start = SyncProgress::resume_at(saved.as_ref(), &params);

        // Which changed titles the catalog holds, in a stable order (kind, id) so a resumed run cuts the same steps.
        let mut wanted: Vec<(MediaKind, i64)> = Vec::new();
        for &kind in &options.kinds {
            let mut ids = self.source.changed(kind, since, today).await?;
            ids.sort_unstable();
            ids.dedup();
            let known = self.state.known_tmdb_ids(kind, &ids).await?;
            wanted.extend(known.into_iter().map(|id| (kind, id)));
        }
        let steps: Vec<&[(MediaKind, i64)]> = wanted.chunks(CHANGES_PER_STEP).collect();
        let total = u32::try_from(steps.len()).unwrap_or(u32::MAX);
        observer.begin(u64::from(total), u64::from(start.min(total)));
        let mut titles = 0;
        for (i, chunk) in steps.iter().enumerate().skip(start as usize) {
            let mut fields = Vec::with_capacity(chunk.len());
            for &(kind, id) in *chunk {
                // `None`: gone from the provider since it was listed, nothing to refresh.
                fields.extend(self.source.details(kind, id, language).await?);
            }
            let next_step = u32::try_from(i + 1).unwrap_or(u32::MAX);
            titles += self
                .write_step(&job, &fields, SyncProgress { params: params.clone(), next_step, completed_at })
                .await?;
            observer.step(&format!("{} changed titles", chunk.len()));
        }
        self.state.save_sync_progress(&job, &SyncProgress::finished(params)).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_resumes_only_an_unfinished_run_with_the_same_options() {
        let saved = SyncProgress { params: "pages=2".into(), next_step: 5, completed_at: None };
        assert_eq!(SyncProgress::resume_at(Some(&saved), "pages=2"), 5);
        assert_eq!(SyncProgress::resume_at(Some(&saved), "pages=3"), 0);
        assert_eq!(SyncProgress::resume_at(None, "pages=2"), 0);
        let finished = SyncProgress { next_step: 0, completed_at: Some(Utc::now()), ..saved };
        assert_eq!(SyncProgress::resume_at(Some(&finished), "pages=2"), 0);
    }
}
