//! The ports: what the use cases need from the outside world, in domain types only.
//!
//! Every adapter (PostgreSQL, in-memory, bcrypt, …) implements these traits, and the in-memory and PostgreSQL
//! stores pass the same contract suites (`marquee_memory::contract`).

use async_trait::async_trait;

use crate::catalog::{CatalogQuota, QuotaExceeded};
use crate::error::StoreError;
use crate::media::{MediaFields, MediaId, MediaItem, SearchQuery};
use crate::page::Page;
use crate::ranking::{MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RateOutcome};
use crate::tier::Stars;
use crate::user::{Email, NewUser, Password, PasswordHash, User, UserId};

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    /// Another account has this e-mail address.
    #[error("an account with this e-mail address exists")]
    EmailTaken,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Accounts.
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Creates an account.
    ///
    /// # Errors
    /// [`CreateUserError::EmailTaken`] when the (normalised) address is in use; `Store` on storage failure.
    async fn create(&self, user: NewUser) -> Result<User, CreateUserError>;

    /// The account with this address and its password hash, if there is one.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only; an unknown address is `Ok(None)`.
    async fn find_by_email(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, StoreError>;

    /// The account with this id, if there is one.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn get(&self, id: UserId) -> Result<Option<User>, StoreError>;

    /// Grants or revokes admin rights; returns the updated account, or `None` for an unknown address.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn set_admin(&self, email: &Email, is_admin: bool) -> Result<Option<User>, StoreError>;
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

/// Personal tier lists. Every write locks the user's list for its duration, so concurrent writes to one list
/// serialise and can never produce equal keys or lose a title.
#[async_trait]
pub trait RankingRepository: Send + Sync {
    /// One page of a list, S → D, then by key; positions and tier sizes count the whole tier, whatever the filter.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn list(&self, user: UserId, filter: &RankingFilter) -> Result<Page<RankedTitle>, StoreError>;

    /// One ranking of this user's, or `None` (also for another user's ranking).
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn get(&self, user: UserId, id: RankingId) -> Result<Option<RankedTitle>, StoreError>;

    /// Places a title: one row, or a rebalance of the tier when the new key would be oversized.
    ///
    /// # Errors
    /// `UnknownMedia`, `AlreadyRanked`, `UnknownNeighbour`, `NeighbourInOtherTier`, `NotAdjacent`, `SelfAnchor`, or
    /// `Store`. On any error nothing is written.
    async fn place(&self, user: UserId, command: &PlaceCommand) -> Result<RankedTitle, RankingError>;

    /// Moves a ranking inside its tier or to another.
    ///
    /// # Errors
    /// `NotFound` for an id not in this user's list, the neighbour errors of [`RankingRepository::place`], or
    /// `Store`. On any error nothing is written.
    async fn relocate(&self, user: UserId, id: RankingId, command: &MoveCommand) -> Result<RankedTitle, RankingError>;

    /// Removes a ranking; `false` when this user has no such ranking.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn remove(&self, user: UserId, id: RankingId) -> Result<bool, StoreError>;

    /// The quick rating: puts the title at the bottom of the star's tier unless it is in that tier already, and
    /// records the stars either way.
    ///
    /// # Errors
    /// `UnknownMedia` or `Store`. On any error nothing is written.
    async fn rate(
        &self,
        user: UserId,
        media: MediaId,
        stars: Stars,
    ) -> Result<(RankedTitle, RateOutcome), RankingError>;
}

/// Why hashing failed.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(pub String);

/// Password hashing. Implementations run the slow work off the async workers.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes a new password.
    ///
    /// # Errors
    /// [`HashError`] when the hasher fails (never for a valid [`Password`]).
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError>;

    /// Whether `password` matches `hash`. A malformed hash is `Ok(false)`.
    ///
    /// # Errors
    /// [`HashError`] when the hasher itself fails.
    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, HashError>;

    /// A hash of a random secret made with the same cost, verified against when an e-mail address is unknown so
    /// that a failed login takes the same time whether or not the account exists.
    fn decoy(&self) -> &PasswordHash;

    /// How fast hashes go now (how many at once, a moving estimate of one's time), for the edge to size the queue in
    /// front of the hasher; `None` when the hasher does not measure itself.
    fn pace(&self) -> Option<std::sync::Arc<crate::hashing::HashPace>> {
        None
    }
}

/// Readiness of a backing service.
#[async_trait]
pub trait HealthCheck: Send + Sync {
    /// Succeeds when the service answers.
    ///
    /// # Errors
    /// [`StoreError`] when it does not.
    async fn ready(&self) -> Result<(), StoreError>;
}
