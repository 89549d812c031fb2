//! The catalog use cases: search, read, manual entry, admin edits and merges.
//!
//! Search is local-first: this service asks the local store. The remote fallback (TMDb) plugs in here, behind its
//! own port, when the catalog has fewer local hits than asked for.
//!
//! Who may write what is decided here: a user's own entry carries no provider id (TMDb, IMDb, a provider's
//! attributes), so it can never stand in for the provider's title that imports and TMDb data match on; only admins
//! set them, to curate. And [`CatalogQuota`] bounds the entries one user makes per day, by hand or by import.
//!
//! Its ports: [`MediaRepository`] (the store) and [`CatalogObserver`] (told of every created or edited item).

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use crate::error::{FieldError, StoreError};
use crate::media::{MediaFields, MediaId, MediaItem, SearchQuery};
use crate::page::Page;
use crate::user::{User, UserId};

/// Why a catalog operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// No such item.
    #[error("media item not found")]
    NotFound,
    /// The caller may not do this (admins only).
    #[error("only admins may do this")]
    Forbidden,
    /// Invalid input.
    #[error("invalid catalog input")]
    Invalid(Vec<FieldError>),
    /// Another item of the same kind has this TMDb id.
    #[error("another {kind} has TMDb id {tmdb_id}")]
    DuplicateTmdbId {
        /// The kind.
        kind: String,
        /// The TMDb id.
        tmdb_id: i64,
    },
    /// The caller has made as many entries as the quota allows per day.
    #[error(transparent)]
    QuotaExceeded(QuotaExceeded),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<MediaWriteError> for CatalogError {
    fn from(e: MediaWriteError) -> Self {
        match e {
            MediaWriteError::NotFound => CatalogError::NotFound,
            MediaWriteError::DuplicateTmdbId { kind, tmdb_id } => CatalogError::DuplicateTmdbId { kind, tmdb_id },
            MediaWriteError::QuotaExceeded(q) => CatalogError::QuotaExceeded(q),
            MediaWriteError::Store(s) => CatalogError::Store(s),
        }
    }
}

/// How many catalog entries one user may create per rolling day (24 hours), by `POST /media` and by imports
/// together. Entries from TMDb (search, import lookups) and the MovieLens import are catalog data, not a user's,
/// and do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogQuota {
    per_day: u32,
}

/// A quota that is used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the quota of {limit} new catalog entries per day is used up; try again in {retry_after_secs} s")]
pub struct QuotaExceeded {
    /// Entries allowed per day.
    pub limit: u32,
    /// Seconds until the oldest counted entry leaves the window and one more may be made.
    pub retry_after_secs: u64,
}

impl Default for CatalogQuota {
    fn default() -> Self {
        Self::per_day(Self::DEFAULT_PER_DAY)
    }
}

impl CatalogQuota {
    /// The default: 50 entries a day, far above what one person enters by hand, and enough for an import's few
    /// titles the catalog and TMDb both lack.
    pub const DEFAULT_PER_DAY: u32 = 50;

    /// A quota of `per_day` entries (0: users make none).
    pub fn per_day(per_day: u32) -> Self {
        Self { per_day }
    }

    /// Entries allowed per day.
    pub fn limit(self) -> u32 {
        self.per_day
    }

    /// The window counted: the last 24 hours.
    pub fn window() -> Duration {
        Duration::hours(24)
    }

    /// The start of the window that ends at `now`: entries created after it count.
    pub fn since(now: DateTime<Utc>) -> DateTime<Utc> {
        now - Self::window()
    }

    /// How many more entries the user may make now, given when they made those inside the window (any order).
    ///
    /// # Errors
    /// [`QuotaExceeded`] with the wait until enough of them leave the window for one more.
    pub fn check(self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<u32, QuotaExceeded> {
        let since = Self::since(now);
        let mut times: Vec<DateTime<Utc>> = recent.iter().copied().filter(|t| *t > since).collect();
        let used = u32::try_from(times.len()).unwrap_or(u32::MAX);
        if used < self.per_day {
            return Ok(self.per_day - used);
        }
        // One more fits once `used - per_day + 1` of them have aged out: the oldest first.
        times.sort_unstable();
        let frees = times.get(times.len() - self.per_day as usize).copied();
        let wait = frees.map_or_else(Self::window, |t| t + Self::window() - now);
        let retry_after_secs = u64::try_from(wait.num_milliseconds()).unwrap_or(0).div_ceil(1000).max(1);
        Err(QuotaExceeded { limit: self.per_day, retry_after_secs })
    }
}

/// Checks that `actor` may set the provider ids `fields` carries: admins may (curation), nobody else.
///
/// # Errors
/// One [`FieldError`] per provider field set by a user who is not an admin.
pub fn check_provider_ids(actor: &User, fields: &MediaFields) -> Result<(), Vec<FieldError>> {
    if actor.is_admin {
        return Ok(());
    }
    let errors: Vec<FieldError> = fields
        .provider_fields()
        .into_iter()
        .map(|f| FieldError::new(f, "only admins may set a provider id; leave it out (TMDb data brings its own)"))
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The catalog use cases.
#[derive(Clone)]
pub struct CatalogService {
    media: Arc<dyn MediaRepository>,
    observers: Vec<Arc<dyn CatalogObserver>>,
    quota: CatalogQuota,
}

impl fmt::Debug for CatalogService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CatalogService").finish_non_exhaustive()
    }
}

impl CatalogService {
    /// A service over a catalog store.
    pub fn new(media: Arc<dyn MediaRepository>) -> Self {
        Self { media, observers: Vec::new(), quota: CatalogQuota::default() }
    }

    /// Limits the entries each user creates per day to `quota` (default [`CatalogQuota::DEFAULT_PER_DAY`]).
    #[must_use]
    pub fn with_quota(mut self, quota: CatalogQuota) -> Self {
        self.quota = quota;
        self
    }

    /// Tells `observer` of every item created or updated through this service (the embedding queue, say).
    #[must_use]
    pub fn with_observer(mut self, observer: Arc<dyn CatalogObserver>) -> Self {
        self.observers.push(observer);
        self
    }

    fn changed(&self, item: &MediaItem) {
        for observer in &self.observers {
            observer.changed(item);
        }
    }

    /// Local search, best match first.
    pub async fn search(&self, query: &SearchQuery) -> Result<Page<MediaHit>, CatalogError> {
        Ok(self.media.search(query).await?)
    }

    /// One item.
    pub async fn get(&self, id: MediaId) -> Result<MediaItem, CatalogError> {
        self.media.get(id).await?.ok_or(CatalogError::NotFound)
    }

    /// A manual entry by any signed-in user (plays and books, mostly), within the daily quota. Only admins may give
    /// it provider ids ([`check_provider_ids`]).
    pub async fn create(&self, actor: &User, fields: MediaFields) -> Result<MediaItem, CatalogError> {
        check_provider_ids(actor, &fields).map_err(CatalogError::Invalid)?;
        let item = self.media.create_within_quota(fields, actor.id, self.quota).await?;
        self.changed(&item);
        Ok(item)
    }

    /// Replaces an item's fields (admins only).
    pub async fn update(&self, actor: &User, id: MediaId, fields: MediaFields) -> Result<MediaItem, CatalogError> {
        if !actor.is_admin {
            return Err(CatalogError::Forbidden);
        }
        let item = self.media.update(id, fields).await?;
        self.changed(&item);
        Ok(item)
    }

    /// Folds a duplicate into the item to keep (admins only).
    pub async fn merge(&self, actor: &User, keep: MediaId, duplicate: MediaId) -> Result<MergeReport, CatalogError> {
        if !actor.is_admin {
            return Err(CatalogError::Forbidden);
        }
        if keep == duplicate {
            return Err(CatalogError::Invalid(vec![FieldError::new("duplicate_id", "must differ from the item kept")]));
        }
        Ok(self.media.merge(keep, duplicate).await?)
    }

    /// How many items the catalog holds.
    pub async fn count(&self) -> Result<u64, CatalogError> {
        Ok(self.media.count().await?)
    }
}

/// Why a catalog write failed.
#[derive(Debug, thiserror::Error)]
pub enum MediaWriteError {
    /// No item has this id.
    #[error("media item not found")]
    NotFound,
    /// Another item of the same kind has this TMDb id.
    #[error("another {kind} has TMDb id {tmdb_id}")]
    DuplicateTmdbId {
        /// The kind.
        kind: String,
        /// The TMDb id.
        tmdb_id: i64,
    },
    /// The user has used up their daily quota of new entries.
    #[error(transparent)]
    QuotaExceeded(#[from] QuotaExceeded),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A search hit with its relevance (higher is better; only the order is meaningful).
#[derive(Debug, Clone, PartialEq)]
pub struct MediaHit {
    /// The item.
    pub item: MediaItem,
    /// How well it matches.
    pub relevance: f32,
}

/// What merging two catalog items did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Rankings of the duplicate that now point at the kept item.
    pub rankings_moved: u64,
    /// Rankings of the duplicate dropped because their user had ranked the kept item too.
    pub rankings_dropped: u64,
    /// Comparisons naming the duplicate that now name the kept item.
    pub comparisons_moved: u64,
    /// Comparisons between the duplicate and the kept item, dropped: a title cannot be compared with itself.
    pub comparisons_dropped: u64,
    /// Placement sessions placing the duplicate (or asking about it) that now refer to the kept item.
    pub sessions_moved: u64,
    /// Open sessions placing the duplicate for a user whose list now holds the kept item: abandoned.
    pub sessions_dropped: u64,
    /// Top-4 sets that now name the kept item in the duplicate's slot (same set, rating and votes).
    pub top4_sets_moved: u64,
    /// Top-4 sets that named both titles, deleted: three distinct titles are not a top 4.
    pub top4_sets_dropped: u64,
}

/// The catalog.
#[async_trait]
pub trait MediaRepository: Send + Sync {
    /// Adds an item.
    ///
    /// # Errors
    /// [`MediaWriteError::DuplicateTmdbId`] when kind + TMDb id exist already; `Store` on storage failure.
    async fn create(&self, fields: MediaFields, created_by: Option<UserId>) -> Result<MediaItem, MediaWriteError>;

    /// Adds `user`'s manual entry if `quota` allows it: in one step that no other creation by the same user can
    /// interleave with (a lock held while it counts and inserts), reads the times of the user's entries created
    /// within [`CatalogQuota::window`] of now, asks [`CatalogQuota::check`], and inserts only when it allows.
    ///
    /// # Errors
    /// [`MediaWriteError::QuotaExceeded`] (nothing written), `DuplicateTmdbId`, or `Store`.
    async fn create_within_quota(
        &self,
        fields: MediaFields,
        user: UserId,
        quota: CatalogQuota,
    ) -> Result<MediaItem, MediaWriteError>;

    /// The item with this id.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn get(&self, id: MediaId) -> Result<Option<MediaItem>, StoreError>;

    /// Replaces an item's fields.
    ///
    /// # Errors
    /// `NotFound`, `DuplicateTmdbId`, or `Store`.
    async fn update(&self, id: MediaId, fields: MediaFields) -> Result<MediaItem, MediaWriteError>;

    /// Folds `duplicate` into `keep` in one transaction: its rankings, comparisons, placement sessions and top-4
    /// slots move over (or are dropped where they would name the kept title twice; see docs/matchups.md), matchup
    /// votes' title copies are repointed, then it is deleted.
    ///
    /// # Errors
    /// `NotFound` when either item is missing; `Store` on storage failure (nothing is written then).
    async fn merge(&self, keep: MediaId, duplicate: MediaId) -> Result<MergeReport, MediaWriteError>;

    /// Local search: trigram similarity on titles and original titles, plus substring matches, best first.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn search(&self, query: &SearchQuery) -> Result<Page<MediaHit>, StoreError>;

    /// How many items the catalog holds.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn count(&self) -> Result<u64, StoreError>;
}

/// Told when an item enters the catalog or changes. Must return at once (queue the work, never do it inline).
pub trait CatalogObserver: Send + Sync {
    /// The item as now stored.
    fn changed(&self, item: &MediaItem);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(now: DateTime<Utc>, hours_ago: i64) -> DateTime<Utc> {
        now - Duration::hours(hours_ago)
    }

    #[test]
    fn the_quota_counts_the_last_day_and_says_when_one_more_fits() {
        let now = Utc::now();
        let quota = CatalogQuota::per_day(3);
        assert_eq!(quota.check(&[], now), Ok(3));
        assert_eq!(quota.check(&[at(now, 30), at(now, 2)], now), Ok(2), "older than a day does not count");
        let full = [at(now, 1), at(now, 20), at(now, 5)];
        let err = quota.check(&full, now).unwrap_err();
        assert_eq!((err.limit, err.retry_after_secs), (3, 4 * 3600), "the oldest (20 h ago) frees a slot in 4 h");
        // Lowered below what was made: one more fits once enough have aged out.
        let err = CatalogQuota::per_day(1).check(&full, now).unwrap_err();
        assert_eq!(err.retry_after_secs, 23 * 3600, "the two oldest must go: the second oldest is 5 h old");
        assert_eq!(CatalogQuota::per_day(0).check(&[], now).unwrap_err().retry_after_secs, 24 * 3600);
    }
}
