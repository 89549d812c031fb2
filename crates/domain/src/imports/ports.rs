//! The ports of imports and exports: a user's list in the store, a remote title lookup, and bulk catalog writes.

use async_trait::async_trait;

use crate::catalog::CatalogQuota;
use crate::error::StoreError;
use crate::imports::export::UserExport;
use crate::imports::matching::MatchKeys;
use crate::imports::plan::StoreOutcome;
use crate::imports::types::{ComparisonEntry, ImportEntry, ImportExtras, ImportSource};
use crate::media::{MediaFields, MediaId};
use crate::rank::RankKey;
use crate::tier::{Stars, Tier};
use crate::user::{NewUser, UserId};

/// A user's list import and export, in the store.
#[async_trait]
pub trait ImportRepository: Send + Sync {
    /// In one transaction that first locks the user's list: matches every entry ([`CatalogIndex`](crate::imports::CatalogIndex) over the
    /// catalog), makes a manual entry (created by `user`, or by nobody when `looked_up`) for each that matches
    /// nothing, as long as an [`EntryBudget`](crate::imports::EntryBudget) from `quota` allows (read under the same lock as
    /// `MediaRepository::create_within_quota`; looked-up entries do not count; rows beyond it are reported in
    /// `over_quota` and not placed), and appends the titles not yet in the list to the bottom of their tier in the
    /// order given, giving each touched tier evenly spread keys. Titles already in the list stay where they are.
    /// Comparisons are added when both titles match and the same answer is not stored yet. The extras, when present, replace the user's
    /// top 4 (matched or made like rows; the same four titles keep their set, rating and votes, as
    /// `MatchupRepository::put_top4` does) and services.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn import_list(
        &self,
        user: UserId,
        source: ImportSource,
        entries: &[ImportEntry],
        comparisons: &[ComparisonEntry],
        extras: &ImportExtras,
        quota: CatalogQuota,
    ) -> Result<StoreOutcome, StoreError>;

    /// Which of these rows match nothing in the catalog now (indices into `keys`); reads only.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn unmatched(&self, keys: &[MatchKeys]) -> Result<Vec<usize>, StoreError>;

    /// Everything the user owns, for the export: the list, comparisons, top 4 and services, read as one snapshot.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn export(&self, user: UserId) -> Result<UserExport, StoreError>;
}

/// Why a remote lookup failed; an import then carries on with the local result.
#[derive(Debug, thiserror::Error)]
#[error("title lookup failed: {0}")]
pub struct LookupError(pub String);

/// A remote catalog (TMDb) that can identify a title the local catalog lacks.
///
/// Optional: without one, unmatched rows become manual entries. `marquee-tmdb`'s `TmdbCatalog` implements it
/// (`find` by IMDb id, else a search by title and year), wired when TMDb is configured.
#[async_trait]
pub trait TitleLookup: Send + Sync {
    /// The catalog fields (with a TMDb id) of the title these keys name, or `None` when the remote knows none.
    ///
    /// # Errors
    /// [`LookupError`] when the remote cannot be asked (down, slow, over quota).
    async fn lookup(&self, keys: &MatchKeys) -> Result<Option<MediaFields>, LookupError>;
}

/// One MovieLens list row: a title, its tier and key, and the stars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkRanking {
    /// The title.
    pub media: MediaId,
    /// Its tier.
    pub tier: Tier,
    /// Its key (fresh keys from [`crate::rank::spread`]).
    pub key: RankKey,
    /// The stars recorded.
    pub stars: Option<Stars>,
}

/// What a bulk catalog upsert did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogUpsert {
    /// The item of each input, in order.
    pub ids: Vec<MediaId>,
    /// Items inserted.
    pub inserted: u64,
    /// Existing items that gained facts (an IMDb id, the source's id in `attributes`).
    pub updated: u64,
}

/// Bulk writes for catalog-sized imports (MovieLens). Each call is one transaction of multi-row statements.
#[async_trait]
pub trait CatalogBulkWriter: Send + Sync {
    /// Upserts catalog items: by kind + TMDb id, or, without one, by `attributes[id_key]`. An existing item keeps
    /// its title, overview and poster; it gains a missing IMDb id, year or genres and the new attributes. An item
    /// that would gain nothing is not written at all.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn upsert_catalog(&self, items: &[MediaFields], id_key: &str) -> Result<CatalogUpsert, StoreError>;

    /// Creates the accounts whose address is not taken yet; returns every account's id, in order.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn ensure_accounts(&self, accounts: &[NewUser]) -> Result<Vec<UserId>, StoreError>;

    /// Writes whole lists in one transaction that locks each user first. A user whose list is not empty is left
    /// alone (so a re-run changes nothing). Returns the rankings written.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn write_lists(&self, lists: &[(UserId, Vec<BulkRanking>)]) -> Result<u64, StoreError>;
}
