//! Top-4 matchups: each user names four favourite titles; voters pick the better of two other users' sets; each
//! set carries an Elo rating ([`crate::elo`]).
//!
//! **Changing a set.** Naming the same four titles again (in any order) keeps the set, its rating and its votes,
//! and only updates the order. Naming different titles makes a new set: a new id, 1500, no votes. The rating
//! measured how voters liked those four titles, and carrying it over to others would misstate both. The old set's
//! unanswered matchups go with it (voting on one answers 404); recorded votes stay, as feedback.
//!
//! **Matchmaking** ([`choose_pair`]) is pure: among the other users' sets, the anchor is the set with the fewest
//! votes (fresh sets get seen), ties broken by a per-request seed; its opponent is the set that minimises
//! `|rating difference| + GENRE_PENALTY × staleness`, where a set's staleness is the share of its genres already
//! shown to this voter in their last [`RECENT_GENRE_MATCHUPS`] matchups, so consecutive matchups drift across
//! genres. Pairs the voter saw inside the repeat window are never offered again, and the voter's own set never
//! appears.
//!
//! **Privacy.** A set shows its owner, so it is offered, and listed on the leaderboard, only to viewers who may
//! see that owner ([`crate::privacy`]): a private user's set to nobody, a followers-only user's set to their
//! accepted followers, and the signed-out leaderboard holds public users' sets only.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::elo;
use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaSummary};
use crate::page::{Page, PageRequest};
use crate::privacy::{Audience, Visibility};
use crate::user::UserId;

/// A top-4 set's id; a new one whenever the set's titles change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SetId(pub uuid::Uuid);

/// A matchup's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MatchupId(pub uuid::Uuid);

impl fmt::Display for MatchupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How many titles a set holds.
pub const SET_SIZE: usize = 4;

/// Elo points one fully stale set costs in matchmaking.
pub const GENRE_PENALTY: f64 = 100.0;

/// How many of the voter's latest matchups count towards a set's staleness.
pub const RECENT_GENRE_MATCHUPS: usize = 5;

/// Four distinct titles, in the user's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Top4([MediaId; SET_SIZE]);

impl Top4 {
    /// Validates the list: exactly four ids, none repeated. A repeat is reported at its later position.
    pub fn new(ids: &[uuid::Uuid]) -> Result<Self, Vec<FieldError>> {
        if ids.len() != SET_SIZE {
            return Err(vec![FieldError::new(
                "media_ids",
                format!("must list exactly {SET_SIZE} titles, not {}", ids.len()),
            )]);
        }
        let mut errors = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            if let Some(first) = ids[..i].iter().position(|x| x == id) {
                errors.push(FieldError::new(format!("media_ids[{i}]"), format!("repeats media_ids[{first}]")));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut out = [MediaId(uuid::Uuid::nil()); SET_SIZE];
        for (slot, id) in out.iter_mut().zip(ids) {
            *slot = MediaId(*id);
        }
        Ok(Self(out))
    }

    /// The titles in order.
    pub fn ids(&self) -> &[MediaId; SET_SIZE] {
        &self.0
    }

    /// Whether `other` names the same titles, in any order.
    pub fn same_titles(&self, other: &[MediaId]) -> bool {
        let mut mine = self.0.to_vec();
        let mut theirs = other.to_vec();
        mine.sort_unstable();
        theirs.sort_unstable();
        mine == theirs
    }
}

/// A stored set.
#[derive(Debug, Clone, PartialEq)]
pub struct Top4Set {
    /// Its id.
    pub id: SetId,
    /// Its owner.
    pub user: UserId,
    /// The owner's display name.
    pub owner: String,
    /// The four titles, in the owner's order.
    pub media: Vec<MediaSummary>,
    /// Its Elo rating.
    pub rating: f64,
    /// Votes won.
    pub wins: u32,
    /// Votes lost.
    pub losses: u32,
    /// When these four titles were first set.
    pub created_at: DateTime<Utc>,
    /// When the set last changed (order or rating).
    pub updated_at: DateTime<Utc>,
}

/// What matchmaking knows of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The set.
    pub set: SetId,
    /// Its owner.
    pub user: UserId,
    /// Its rating.
    pub rating: f64,
    /// Votes it took part in.
    pub votes: u32,
    /// The genres of its titles.
    pub genres: Vec<String>,
    /// Its owner's visibility.
    pub visibility: Visibility,
    /// Whether the voter follows its owner with an accepted follow.
    pub followed: bool,
}

/// A matchup as shown: two sets, `a` and `b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Matchup {
    /// Its id.
    pub id: MatchupId,
    /// The first set.
    pub a: Top4Set,
    /// The second set.
    pub b: Top4Set,
    /// When it was drawn.
    pub created_at: DateTime<Utc>,
}

/// A side of a matchup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Set `a`.
    A,
    /// Set `b`.
    B,
}

/// A recorded vote and what it did to the ratings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoteOutcome {
    /// The matchup.
    pub matchup: MatchupId,
    /// The winning side.
    pub winner: Side,
    /// The winning set and its rating before and after.
    pub winner_set: (SetId, f64, f64),
    /// The losing set and its rating before and after.
    pub loser_set: (SetId, f64, f64),
}

/// Why a matchup request failed.
#[derive(Debug, thiserror::Error)]
pub enum MatchupError {
    /// Bad input; names every bad field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The caller has no top-4 set.
    #[error("you have not named your top 4 yet")]
    NoSet,
    /// Fewer than two other sets, or every pair was shown to the caller inside the repeat window.
    #[error("no matchup is available: fewer than two other top-4 sets, or you have seen every pair lately")]
    NoneAvailable,
    /// No such matchup for this voter (or one of its sets has changed since).
    #[error("matchup not found")]
    NotFound,
    /// The voter has voted on this matchup already.
    #[error("this matchup has been voted on already")]
    AlreadyVoted,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Top-4 sets, matchups and votes.
#[async_trait]
pub trait MatchupRepository: Send + Sync {
    /// Sets the user's four titles (see the module notes on what a change keeps), in one transaction.
    ///
    /// # Errors
    /// `Invalid` naming `media_ids[i]` for each id that names no title; `Store` on storage failure.
    async fn put_top4(&self, user: UserId, titles: &Top4) -> Result<Top4Set, MatchupError>;

    /// The user's set, if any.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn top4(&self, user: UserId) -> Result<Option<Top4Set>, StoreError>;

    /// Every set but `voter`'s, for matchmaking, with what [`crate::privacy`] needs to know of its owner.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn candidates(&self, voter: UserId) -> Result<Vec<Candidate>, StoreError>;

    /// The set pairs shown to `voter` since `since`, newest first.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn recent_pairs(&self, voter: UserId, since: DateTime<Utc>) -> Result<Vec<(SetId, SetId)>, StoreError>;

    /// Records a matchup of `a` against `b` for `voter`; `None` when either set has gone meanwhile.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn create_matchup(
        &self,
        id: MatchupId,
        voter: UserId,
        a: SetId,
        b: SetId,
    ) -> Result<Option<Matchup>, StoreError>;

    /// Records `voter`'s vote and moves both ratings by [`elo::update`] with factor `k`, all in one transaction
    /// that locks the two sets in id order.
    ///
    /// # Errors
    /// `NotFound` for an unknown matchup or another voter's; `AlreadyVoted`; `Store`. Nothing is written then.
    async fn vote(&self, voter: UserId, id: MatchupId, winner: Side, k: f64) -> Result<VoteOutcome, MatchupError>;

    /// The sets of the owners `audience` shows, by rating, best first (ties: more votes first, then id), with
    /// their total.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn leaderboard(&self, audience: &Audience, page: PageRequest) -> Result<Page<Top4Set>, StoreError>;
}

/// A cheap, well-mixed hash (splitmix64) for seeded tie-breaks.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn pair_key(a: SetId, b: SetId) -> (SetId, SetId) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Chooses two sets for `voter` (see the module notes); `None` when no unseen pair exists. `recent` lists the
/// pairs shown inside the repeat window, newest first; `seed` varies the tie-breaks between requests.
pub fn choose_pair(
    voter: UserId,
    candidates: &[Candidate],
    recent: &[(SetId, SetId)],
    seed: u64,
) -> Option<(SetId, SetId)> {
    let pool: Vec<&Candidate> = candidates.iter().filter(|c| c.user != voter).collect();
    let seen: HashSet<(SetId, SetId)> = recent.iter().map(|&(a, b)| pair_key(a, b)).collect();
    let by_id: HashMap<SetId, &Candidate> = pool.iter().map(|c| (c.set, *c)).collect();
    let mut shown_genres: HashSet<String> = HashSet::new();
    for (a, b) in recent.iter().take(RECENT_GENRE_MATCHUPS) {
        for set in [a, b] {
            if let Some(c) = by_id.get(set) {
                shown_genres.extend(c.genres.iter().map(|g| g.to_lowercase()));
            }
        }
    }
    let staleness = |c: &Candidate| {
        let genres: HashSet<String> = c.genres.iter().map(|g| g.to_lowercase()).collect();
        if genres.is_empty() {
            return 0.0;
        }
        genres.iter().filter(|g| shown_genres.contains(*g)).count() as f64 / genres.len() as f64
    };
    let tiebreak = |c: &Candidate| mix(seed ^ (c.set.0.as_u128() as u64) ^ ((c.set.0.as_u128() >> 64) as u64));

    let mut anchors = pool.clone();
    anchors.sort_by_key(|c| (c.votes, tiebreak(c)));
    for anchor in anchors {
        let best = pool
            .iter()
            .filter(|c| c.set != anchor.set && !seen.contains(&pair_key(anchor.set, c.set)))
            .map(|c| ((anchor.rating - c.rating).abs() + GENRE_PENALTY * staleness(c), tiebreak(c), c.set))
            .min_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        if let Some((_, _, partner)) = best {
            // Which side the anchor shows on is a coin toss, so position carries no hint.
            return Some(if mix(seed) & 1 == 0 { (anchor.set, partner) } else { (partner, anchor.set) });
        }
    }
    None
}

/// The matchup use cases.
#[derive(Clone)]
pub struct MatchupService {
    repo: Arc<dyn MatchupRepository>,
    repeat_window: chrono::Duration,
    k: f64,
}

impl fmt::Debug for MatchupService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MatchupService").field("repeat_window", &self.repeat_window).finish_non_exhaustive()
    }
}

impl MatchupService {
    /// A service over a matchup store: pairs are not shown again to a voter within `repeat_window`; votes move
    /// ratings by the Elo factor [`elo::K_FACTOR`].
    pub fn new(repo: Arc<dyn MatchupRepository>, repeat_window: chrono::Duration) -> Self {
        Self { repo, repeat_window, k: elo::K_FACTOR }
    }

    /// Sets the caller's four favourites from raw ids.
    pub async fn put_top4(&self, user: UserId, ids: &[uuid::Uuid]) -> Result<Top4Set, MatchupError> {
        let titles = Top4::new(ids).map_err(MatchupError::Invalid)?;
        self.repo.put_top4(user, &titles).await
    }

    /// The caller's set.
    pub async fn top4(&self, user: UserId) -> Result<Top4Set, MatchupError> {
        self.repo.top4(user).await?.ok_or(MatchupError::NoSet)
    }

    /// Draws the next matchup for `voter` and records it as shown.
    pub async fn next(&self, voter: UserId) -> Result<Matchup, MatchupError> {
        // A set replaced between reading the candidates and recording the matchup makes the draw fail; draw
        // again, a few times at most.
        for _ in 0..3 {
            let id = MatchupId(uuid::Uuid::now_v7());
            let audience = Audience::of(Some(voter));
            let mut candidates = self.repo.candidates(voter).await?;
            candidates.retain(|c| audience.shows(c.user, c.visibility, c.followed));
            let recent = self.repo.recent_pairs(voter, Utc::now() - self.repeat_window).await?;
            // The low 64 bits of a version-7 id are random: a fresh seed per draw.
            let seed = id.0.as_u128() as u64;
            let Some((a, b)) = choose_pair(voter, &candidates, &recent, seed) else {
                return Err(MatchupError::NoneAvailable);
            };
            if let Some(matchup) = self.repo.create_matchup(id, voter, a, b).await? {
                return Ok(matchup);
            }
        }
        Err(MatchupError::NoneAvailable)
    }

    /// Records the caller's vote.
    pub async fn vote(&self, voter: UserId, id: MatchupId, winner: Side) -> Result<VoteOutcome, MatchupError> {
        self.repo.vote(voter, id, winner, self.k).await
    }

    /// Sets by rating, of the owners `viewer` (`None`: signed out) may see.
    pub async fn leaderboard(&self, viewer: Option<UserId>, page: PageRequest) -> Result<Page<Top4Set>, MatchupError> {
        Ok(self.repo.leaderboard(&Audience::of(viewer), page).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> uuid::Uuid {
        uuid::Uuid::from_u128(n)
    }

    fn cand(set: u128, user: u128, rating: f64, votes: u32, genres: &[&str]) -> Candidate {
        Candidate {
            set: SetId(id(set)),
            user: UserId(id(user)),
            rating,
            votes,
            genres: genres.iter().map(|g| (*g).to_owned()).collect(),
            visibility: Visibility::Public,
            followed: false,
        }
    }

    fn sorted(pair: (SetId, SetId)) -> (u128, u128) {
        let (a, b) = pair_key(pair.0, pair.1);
        (a.0.as_u128(), b.0.as_u128())
    }

    #[test]
    fn four_distinct_ids_are_required() {
        assert_eq!(Top4::new(&[id(1), id(2), id(3)]).unwrap_err()[0].field, "media_ids");
        assert_eq!(Top4::new(&[id(1), id(2), id(3), id(4), id(5)]).unwrap_err()[0].field, "media_ids");
        let errors = Top4::new(&[id(1), id(2), id(1), id(2)]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["media_ids[2]", "media_ids[3]"]);
        assert_eq!(errors[0].message, "repeats media_ids[0]");
        let top = Top4::new(&[id(4), id(3), id(2), id(1)]).unwrap();
        assert!(top.same_titles(&[MediaId(id(1)), MediaId(id(2)), MediaId(id(3)), MediaId(id(4))]));
        assert!(!top.same_titles(&[MediaId(id(1)), MediaId(id(2)), MediaId(id(3)), MediaId(id(5))]));
    }

    #[test]
    fn never_the_voters_own_set_and_none_with_fewer_than_two_others() {
        let voter = UserId(id(100));
        let sets = [cand(1, 100, 1500.0, 0, &[]), cand(2, 101, 1500.0, 0, &[])];
        assert_eq!(choose_pair(voter, &sets, &[], 7), None);
        let sets = [cand(1, 100, 1500.0, 0, &[]), cand(2, 101, 1500.0, 0, &[]), cand(3, 102, 1500.0, 0, &[])];
        for seed in 0..50 {
            assert_eq!(sorted(choose_pair(voter, &sets, &[], seed).unwrap()), (2, 3));
        }
    }

    #[test]
    fn the_least_voted_set_meets_its_closest_rating() {
        let voter = UserId(id(100));
        let sets = [
            cand(1, 101, 1500.0, 0, &[]),
            cand(2, 102, 1700.0, 9, &[]),
            cand(3, 103, 1520.0, 9, &[]),
            cand(4, 104, 1400.0, 9, &[]),
        ];
        for seed in 0..50 {
            assert_eq!(sorted(choose_pair(voter, &sets, &[], seed).unwrap()), (1, 3), "seed {seed}");
        }
    }

    #[test]
    fn pairs_seen_lately_are_skipped_until_none_is_left() {
        let voter = UserId(id(100));
        let sets = [cand(1, 101, 1500.0, 0, &[]), cand(2, 102, 1500.0, 0, &[]), cand(3, 103, 1500.0, 0, &[])];
        let mut recent = Vec::new();
        for _ in 0..3 {
            let pair = choose_pair(voter, &sets, &recent, 42).unwrap();
            assert!(!recent.iter().any(|&(a, b)| pair_key(a, b) == pair_key(pair.0, pair.1)));
            recent.insert(0, pair);
        }
        assert_eq!(choose_pair(voter, &sets, &recent, 42), None);
    }

    #[test]
    fn genres_shown_lately_push_a_partner_back() {
        let voter = UserId(id(100));
        let sets = [
            cand(1, 101, 1500.0, 0, &["Horror"]),
            cand(2, 102, 1510.0, 5, &["Drama"]),
            cand(3, 103, 1560.0, 5, &["Comedy"]),
            cand(8, 108, 1900.0, 9, &["Drama"]),
            cand(9, 109, 1900.0, 9, &["Western"]),
        ];
        // Without history set 1 meets set 2 (10 points apart).
        assert_eq!(sorted(choose_pair(voter, &sets, &[], 1).unwrap()), (1, 2));
        // After a Drama matchup, set 2 costs 10 + 100 and set 3 only 60.
        let recent = [(SetId(id(8)), SetId(id(9)))];
        assert_eq!(sorted(choose_pair(voter, &sets, &recent, 1).unwrap()), (1, 3));
    }

    #[test]
    fn the_seed_varies_the_sides_and_ties() {
        let voter = UserId(id(100));
        let sets: Vec<Candidate> = (1..=6).map(|n| cand(n, 100 + n, 1500.0, 0, &[])).collect();
        let draws: HashSet<(SetId, SetId)> = (0..64).filter_map(|s| choose_pair(voter, &sets, &[], s)).collect();
        assert!(draws.len() > 4, "{draws:?}");
    }
}
