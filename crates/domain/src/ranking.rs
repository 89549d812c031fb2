//! Personal tier lists: ranked titles, the commands that change a list, and the ranking use cases.
//!
//! Order inside a tier is a [`RankKey`]; the score is derived from tier and position ([`Score::derive`]) when a
//! list is read, so placing, moving or removing a title writes that title's row and no other (except for the
//! rare rebalance, see [`crate::rank`]).

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaKind, MediaSummary};
use crate::page::{Page, PageRequest};
use crate::rank::{RankKey, spread};
use crate::score::Score;
use crate::tier::{Stars, Tier};
use crate::user::UserId;

/// A ranking's id: one title in one user's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct RankingId(pub uuid::Uuid);

impl fmt::Display for RankingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A title in a user's list, with its derived position and score.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedTitle {
    /// The ranking's id.
    pub id: RankingId,
    /// The title ranked.
    pub media: MediaSummary,
    /// Its tier.
    pub tier: Tier,
    /// Its key inside the tier.
    pub rank_key: RankKey,
    /// Its position inside the tier, 1 = the tier's best.
    pub position: u64,
    /// How many titles the tier holds.
    pub tier_size: u64,
    /// The derived 0–10 score.
    pub score: Score,
    /// The quick rating it was given, if it came in that way.
    pub stars: Option<Stars>,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
}

/// The stored part of a ranking, from which [`RankedTitle`] derives position and score.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRecord {
    /// The ranking's id.
    pub id: RankingId,
    /// The title ranked.
    pub media: MediaSummary,
    /// Its tier.
    pub tier: Tier,
    /// Its key inside the tier.
    pub rank_key: RankKey,
    /// Its quick rating.
    pub stars: Option<Stars>,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
}

impl RankedTitle {
    /// Adds the position inside the tier (1-based) and the tier's size, and derives the score.
    pub fn new(record: RankingRecord, position: u64, tier_size: u64) -> Self {
        Self {
            score: Score::derive(record.tier, position, tier_size),
            id: record.id,
            media: record.media,
            tier: record.tier,
            rank_key: record.rank_key,
            position,
            tier_size,
            stars: record.stars,
            created_at: record.created_at,
            updated_at: record.updated_at,
        }
    }
}

/// Where a title goes inside its tier, relative to titles already ranked there.
///
/// `Before(x)` puts it directly above `x` (liked more), `After(x)` directly below `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// At the bottom of the tier.
    Bottom,
    /// At the top of the tier.
    Top,
    /// Directly above this ranking.
    Before(RankingId),
    /// Directly below this ranking.
    After(RankingId),
    /// Between two rankings that are next to each other: below `after`, above `before`.
    Between {
        /// The ranking directly above.
        after: RankingId,
        /// The ranking directly below.
        before: RankingId,
    },
}

impl Anchor {
    /// The anchor a request's optional `before` and `after` name; neither means the bottom.
    pub fn from_neighbours(before: Option<RankingId>, after: Option<RankingId>) -> Self {
        match (before, after) {
            (None, None) => Anchor::Bottom,
            (Some(b), None) => Anchor::Before(b),
            (None, Some(a)) => Anchor::After(a),
            (Some(before), Some(after)) => Anchor::Between { after, before },
        }
    }

    /// The rankings this anchor names.
    pub fn neighbours(self) -> Vec<RankingId> {
        match self {
            Anchor::Bottom | Anchor::Top => Vec::new(),
            Anchor::Before(id) | Anchor::After(id) => vec![id],
            Anchor::Between { after, before } => vec![after, before],
        }
    }
}

/// Place a title in the caller's list.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCommand {
    /// The title.
    pub media_id: MediaId,
    /// The tier. With a neighbour, the neighbour must be in this tier.
    pub tier: Tier,
    /// Where inside the tier.
    pub anchor: Anchor,
    /// The quick rating that led here, if any.
    pub stars: Option<Stars>,
}

/// Move a ranked title inside its tier or to another tier.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveCommand {
    /// The target tier; `None` keeps the neighbour's tier, or the current tier when there is no neighbour.
    pub tier: Option<Tier>,
    /// Where inside the target tier.
    pub anchor: Anchor,
}

impl MoveCommand {
    /// A move must say where to: a tier, a neighbour, or both.
    pub fn new(tier: Option<Tier>, anchor: Anchor) -> Result<Self, FieldError> {
        if tier.is_none() && anchor == Anchor::Bottom {
            return Err(FieldError::new("tier", "give a tier, a `before` or an `after` neighbour"));
        }
        Ok(Self { tier, anchor })
    }
}

/// Which part of a list to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct RankingFilter {
    /// Only this tier.
    pub tier: Option<Tier>,
    /// Only this kind of title.
    pub kind: Option<MediaKind>,
    /// Only titles with this genre (case-insensitive).
    pub genre: Option<String>,
    /// Which page.
    pub page: PageRequest,
}

/// What a quick rating did.
#[derive(Debug, Clone, PartialEq, Eq, Copy)]
pub enum RateOutcome {
    /// The title was not ranked: it now is, at the bottom of the star's tier.
    Created,
    /// The title was in another tier: it moved to the bottom of the star's tier.
    Moved,
    /// The title was already in the star's tier: it kept its place.
    Unchanged,
}

/// Why a ranking command failed.
#[derive(Debug, thiserror::Error)]
pub enum RankingError {
    /// The media id names no catalog item.
    #[error("media item {0} does not exist")]
    UnknownMedia(MediaId),
    /// The title is in the list already.
    #[error("this title is already in your list")]
    AlreadyRanked(RankingId),
    /// No such ranking in the caller's list.
    #[error("ranking not found")]
    NotFound,
    /// A neighbour is not in the caller's list.
    #[error("neighbour {0} is not in your list")]
    UnknownNeighbour(RankingId),
    /// A neighbour is in another tier than the one asked for.
    #[error("neighbour {id} is in tier {actual}, not {expected}")]
    NeighbourInOtherTier {
        /// The neighbour.
        id: RankingId,
        /// The tier asked for.
        expected: Tier,
        /// The neighbour's tier.
        actual: Tier,
    },
    /// `before` and `after` are not next to each other, or not in that order.
    #[error("`after` must be directly above `before`")]
    NotAdjacent,
    /// A title cannot be placed relative to itself.
    #[error("a title cannot be its own neighbour")]
    SelfAnchor,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RankingError {
    /// The request field an input error is about, for problem+json's field list.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            RankingError::UnknownMedia(_) => Some("media_id"),
            RankingError::UnknownNeighbour(_)
            | RankingError::NeighbourInOtherTier { .. }
            | RankingError::NotAdjacent
            | RankingError::SelfAnchor => Some("before/after"),
            RankingError::AlreadyRanked(_) | RankingError::NotFound | RankingError::Store(_) => None,
        }
    }
}

/// Fresh, evenly spaced keys for a whole tier in its new order (the rebalance).
pub fn rebalance<T>(ordered: Vec<T>) -> Vec<(T, RankKey)> {
    let keys = spread(ordered.len());
    ordered.into_iter().zip(keys).collect()
}

/// The ranking use cases.
#[derive(Clone)]
pub struct RankingService {
    rankings: Arc<dyn RankingRepository>,
}

impl fmt::Debug for RankingService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RankingService").finish_non_exhaustive()
    }
}

impl RankingService {
    /// A service over a ranking store.
    pub fn new(rankings: Arc<dyn RankingRepository>) -> Self {
        Self { rankings }
    }

    /// One page of the caller's list, ordered S → D and by key inside a tier.
    pub async fn list(&self, user: UserId, filter: &RankingFilter) -> Result<Page<RankedTitle>, RankingError> {
        Ok(self.rankings.list(user, filter).await?)
    }

    /// One ranking of the caller's.
    pub async fn get(&self, user: UserId, id: RankingId) -> Result<RankedTitle, RankingError> {
        self.rankings.get(user, id).await?.ok_or(RankingError::NotFound)
    }

    /// Places a title; one row written (or one tier rebalanced, rarely).
    pub async fn place(&self, user: UserId, command: &PlaceCommand) -> Result<RankedTitle, RankingError> {
        self.rankings.place(user, command).await
    }

    /// Moves a ranked title.
    pub async fn relocate(
        &self,
        user: UserId,
        id: RankingId,
        command: &MoveCommand,
    ) -> Result<RankedTitle, RankingError> {
        if command.anchor.neighbours().contains(&id) {
            return Err(RankingError::SelfAnchor);
        }
        self.rankings.relocate(user, id, command).await
    }

    /// Removes a title from the caller's list.
    pub async fn remove(&self, user: UserId, id: RankingId) -> Result<(), RankingError> {
        if self.rankings.remove(user, id).await? { Ok(()) } else { Err(RankingError::NotFound) }
    }

    /// The quick-rating path: the star's tier, at its bottom; an upsert.
    pub async fn rate(
        &self,
        user: UserId,
        media: MediaId,
        stars: Stars,
    ) -> Result<(RankedTitle, RateOutcome), RankingError> {
        self.rankings.rate(user, media, stars).await
    }
}

/// Personal tier lists. Every write locks the user's list for its duration, so concurrent writes to one list
/// serialise and can never produce equal keys or lose a title.
#[async_trait::async_trait]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> RankingId {
        RankingId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn neighbours_become_anchors() {
        assert_eq!(Anchor::from_neighbours(None, None), Anchor::Bottom);
        assert_eq!(Anchor::from_neighbours(Some(id(1)), None), Anchor::Before(id(1)));
        assert_eq!(Anchor::from_neighbours(None, Some(id(2))), Anchor::After(id(2)));
        assert_eq!(Anchor::from_neighbours(Some(id(1)), Some(id(2))), Anchor::Between { after: id(2), before: id(1) });
    }

    #[test]
    fn a_move_must_say_where_to() {
        assert!(MoveCommand::new(None, Anchor::Bottom).is_err());
        assert!(MoveCommand::new(Some(Tier::A), Anchor::Bottom).is_ok());
        assert!(MoveCommand::new(None, Anchor::Top).is_ok());
    }

    #[test]
    fn a_rebalance_orders_keys_as_given() {
        let keys = rebalance(vec!['a', 'b', 'c']);
        assert!(keys.windows(2).all(|w| w[0].1 < w[1].1));
    }
}
