//! Pairwise placement: a title finds its place in a tier by "which did you like more?" questions.
//!
//! The search is a binary insertion over the tier's slots (n titles leave n + 1 places for the new one). Every
//! question halves the open slots at worst, so a tier of n titles never takes more than
//! [`question_bound`]`(n)` = ⌈log₂(n + 1)⌉ questions. Inside that budget the pivot may lean towards where a prior
//! (a star rating, a global score) predicts the title belongs: a split is allowed when both sides still fit in
//! the questions left, i.e. each side holds at most 2^(b−1) of the open slots when b questions remain. The prior
//! shortens the average and can never lengthen the worst case.
//!
//! The state ([`SearchState`]) keeps the answers, not indices: each answer names its pivot's ranking, and the
//! open interval is recomputed from the current list on every step. A pivot that was deleted or moved to another
//! tier simply stops constraining the search (its neighbours' answers still do); answers that contradict each
//! other after a move are resolved in favour of the newer one.
//!
//! [`PlacementRepository`] is the port that stores sessions and comparisons, and [`PlacementService`] the use case.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::StoreError;
use crate::media::{MediaId, MediaSummary};
use crate::page::{Page, PageRequest};
use crate::ranking::{Anchor, RankedTitle, RankingError, RankingId};
use crate::tier::{Stars, Tier};
use crate::user::UserId;

/// The comparisons context placement answers are stored under.
pub const CONTEXT: &str = "placement";

/// How long an idle session lives by default; each answer or undo restarts the clock.
pub const DEFAULT_TTL: Duration = Duration::from_mins(30);

/// ⌈log₂(k)⌉ for k ≥ 1: the questions a binary search needs to tell k slots apart.
pub fn ceil_log2(k: u64) -> u32 {
    if k <= 1 { 0 } else { u64::BITS - (k - 1).leading_zeros() }
}

/// The most questions placing a title into a tier of `n` titles can take: ⌈log₂(n + 1)⌉.
pub fn question_bound(n: usize) -> u32 {
    ceil_log2(n as u64 + 1)
}

/// Which title the user liked more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preference {
    /// The title being placed.
    New,
    /// The title already in the list.
    Existing,
    /// Too close to call: the new title goes right next to the existing one.
    TooClose,
}

impl std::str::FromStr for Preference {
    type Err = crate::FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "new" => Ok(Self::New),
            "existing" => Ok(Self::Existing),
            "too_close" => Ok(Self::TooClose),
            _ => Err(crate::FieldError::new("prefer", "must be one of new, existing, too_close")),
        }
    }
}

/// A title of the tier as the search sees it: its ranking, its catalog item and its prior value, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierEntry {
    /// The ranking.
    pub id: RankingId,
    /// The title.
    pub media: MediaId,
    /// Where the prior puts it (higher = liked more), e.g. its stars.
    pub prior: Option<f64>,
}

/// The title a question compares against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pivot {
    /// Its ranking.
    pub id: RankingId,
    /// Its catalog item.
    pub media: MediaId,
}

/// One answer given in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Answer {
    /// The title compared against.
    pub pivot: Pivot,
    /// The answer.
    pub prefer: Preference,
    /// The comparison row that records it (removed again by an undo).
    pub comparison: uuid::Uuid,
}

/// What the session needs next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Ask this question.
    Ask {
        /// The title to compare against.
        pivot: Pivot,
        /// At most this many questions remain, this one included.
        questions_left: u32,
    },
    /// The search is over: the title goes here.
    Place(Anchor),
}

/// How a prior steers the pivot. The prior predicts a slot; the pivot then splits the probability mass of a
/// bell around that slot (standard deviation `spread` × tier size, mixed with `floor` of uniform mass so that a
/// wrong prior costs little), within the split the question budget allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guide {
    /// The prediction's standard deviation as a share of the tier's size.
    pub spread: f64,
    /// The share of uniform mass mixed in.
    pub floor: f64,
}

impl Default for Guide {
    /// The values the MovieLens simulation chose (docs/ranking.md).
    fn default() -> Self {
        Self { spread: 0.12, floor: 0.1 }
    }
}

/// Why a session step was refused.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum SearchError {
    /// An answer came while no question was open.
    #[error("no question is open")]
    NoQuestion,
    /// Undo with nothing answered.
    #[error("there is no answer to take back")]
    NothingToUndo,
}

/// A placement search in progress: what was answered and which question is open. Serialisable, so stores keep it
/// as one value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchState {
    /// The prior value of the title being placed.
    pub prior: Option<f64>,
    /// ⌈log₂(n + 1)⌉ for the tier's size when the session started.
    pub budget: u32,
    /// The answers, oldest first.
    pub answers: Vec<Answer>,
    /// The open question.
    pub pending: Option<Pivot>,
}

impl SearchState {
    /// A new search over `tier` (best first) and its first step.
    pub fn start(tier: &[TierEntry], prior: Option<f64>) -> (Self, Next) {
        Self::start_guided(tier, prior, &Guide::default())
    }

    /// Points every question about `from` at `to`, after a catalog merge folded `from` into `to` (the pivot keeps
    /// its ranking id: the merge repoints the ranking row itself). Whether anything changed.
    pub fn rename_media(&mut self, from: MediaId, to: MediaId) -> bool {
        let mut changed = false;
        let pivots = self.answers.iter_mut().map(|a| &mut a.pivot).chain(self.pending.as_mut());
        for pivot in pivots.filter(|p| p.media == from) {
            pivot.media = to;
            changed = true;
        }
        changed
    }

    /// [`SearchState::start`] with a chosen [`Guide`].
    pub fn start_guided(tier: &[TierEntry], prior: Option<f64>, guide: &Guide) -> (Self, Next) {
        let mut state = Self { prior, budget: question_bound(tier.len()), answers: Vec::new(), pending: None };
        let next = state.next_guided(tier, guide);
        (state, next)
    }

    /// The next step on the list as it is now; opens the question it asks.
    pub fn next(&mut self, tier: &[TierEntry]) -> Next {
        self.next_guided(tier, &Guide::default())
    }

    /// [`SearchState::next`] with a chosen [`Guide`].
    pub fn next_guided(&mut self, tier: &[TierEntry], guide: &Guide) -> Next {
        let (lo, hi) = interval(&self.answers, tier);
        if lo == hi {
            self.pending = None;
            return Next::Place(anchor_at(tier, lo));
        }
        let slots = (hi - lo + 1) as u64;
        let asked = self.answers.iter().filter(|a| a.prefer != Preference::TooClose).count() as u32;
        // The list may have grown since the start: never promise fewer questions than the interval needs.
        let left = self.budget.saturating_sub(asked).max(ceil_log2(slots));
        let index = pivot_index(lo, hi, left, predicted_slot(tier, self.prior), guide);
        let pivot = Pivot { id: tier[index].id, media: tier[index].media };
        self.pending = Some(pivot);
        Next::Ask { pivot, questions_left: left }
    }

    /// Records the answer to the open question (stored as comparison `comparison`) and takes the next step.
    /// `too_close` places the title directly below the pivot, if the pivot is still in the tier.
    ///
    /// # Errors
    /// [`SearchError::NoQuestion`] when no question is open.
    pub fn answer(
        &mut self,
        prefer: Preference,
        comparison: uuid::Uuid,
        tier: &[TierEntry],
    ) -> Result<(Answer, Next), SearchError> {
        self.answer_guided(prefer, comparison, tier, &Guide::default())
    }

    /// [`SearchState::answer`] with a chosen [`Guide`].
    ///
    /// # Errors
    /// [`SearchError::NoQuestion`] when no question is open.
    pub fn answer_guided(
        &mut self,
        prefer: Preference,
        comparison: uuid::Uuid,
        tier: &[TierEntry],
        guide: &Guide,
    ) -> Result<(Answer, Next), SearchError> {
        let pivot = self.pending.take().ok_or(SearchError::NoQuestion)?;
        let answer = Answer { pivot, prefer, comparison };
        self.answers.push(answer);
        if prefer == Preference::TooClose && tier.iter().any(|e| e.id == pivot.id) {
            return Ok((answer, Next::Place(Anchor::After(pivot.id))));
        }
        Ok((answer, self.next_guided(tier, guide)))
    }

    /// Takes the last answer back and asks again.
    ///
    /// # Errors
    /// [`SearchError::NothingToUndo`] when nothing has been answered.
    pub fn undo(&mut self, tier: &[TierEntry]) -> Result<(Answer, Next), SearchError> {
        let answer = self.answers.pop().ok_or(SearchError::NothingToUndo)?;
        Ok((answer, self.next(tier)))
    }
}

/// The open slots `[lo, hi]` (slot i = directly above the tier's i-th title; slot n = the bottom) that the answers
/// allow on the current list. Answers about titles no longer in the tier are skipped; newer answers win over older
/// ones that the list's changes made contradictory.
pub fn interval(answers: &[Answer], tier: &[TierEntry]) -> (usize, usize) {
    let mut positions: HashMap<RankingId, usize> = answers.iter().map(|a| (a.pivot.id, usize::MAX)).collect();
    if !positions.is_empty() {
        for (i, entry) in tier.iter().enumerate() {
            if let Some(p) = positions.get_mut(&entry.id) {
                *p = i;
            }
        }
    }
    let (mut lo, mut hi) = (0, tier.len());
    for answer in answers.iter().rev() {
        let p = positions.get(&answer.pivot.id).copied().unwrap_or(usize::MAX);
        if p == usize::MAX {
            continue;
        }
        match answer.prefer {
            // The existing title is better: the new one goes below it.
            Preference::Existing if p < hi => lo = lo.max(p + 1),
            Preference::New if p >= lo => hi = hi.min(p),
            _ => {}
        }
    }
    (lo, hi)
}

/// Where slot `slot` is, as an anchor for the ranking store.
fn anchor_at(tier: &[TierEntry], slot: usize) -> Anchor {
    match slot.checked_sub(1).and_then(|i| tier.get(i)) {
        Some(above) => Anchor::After(above.id),
        None if tier.is_empty() => Anchor::Bottom,
        None => Anchor::Top,
    }
}

/// The slot (0..=n) the prior predicts: the new title's rank among the tier's known prior values, scaled to the
/// tier, ties counting half. `None` without a prior or without any known value in the tier.
pub fn predicted_slot(tier: &[TierEntry], prior: Option<f64>) -> Option<f64> {
    let prior = prior?;
    let (mut known, mut above) = (0_u32, 0.0_f64);
    for value in tier.iter().filter_map(|e| e.prior) {
        known += 1;
        if value > prior {
            above += 1.0;
        } else if (value - prior).abs() < f64::EPSILON {
            above += 0.5;
        }
    }
    (known > 0).then(|| above / f64::from(known) * tier.len() as f64)
}

/// The pivot for the open slots `[lo, hi]` (at least two) with `left` questions to spend (2^left ≥ slots).
///
/// Asking about the title at index p splits the slots into `[lo, p]` (the new title is better) and `[p+1, hi]`.
/// Both must fit in the questions left after this one, so the upper side takes `a` slots with
/// `slots − 2^(left−1) ≤ a ≤ 2^(left−1)`; without a prediction `a` is half the slots (plain binary search), with one
/// it splits the guided weight in half.
pub fn pivot_index(lo: usize, hi: usize, left: u32, predicted: Option<f64>, guide: &Guide) -> usize {
    let slots = hi - lo + 1;
    let half = if left >= 64 { usize::MAX } else { usize::try_from(1_u64 << (left - 1).min(63)).unwrap_or(usize::MAX) };
    let min_a = slots.saturating_sub(half).max(1);
    let max_a = half.min(slots - 1);
    let a = match predicted {
        None => slots / 2,
        Some(center) => weighted_split(lo, hi, center, guide),
    };
    lo + a.clamp(min_a, max_a) - 1
}

/// The number of upper slots that carries half the weight of a bell around `center` mixed with uniform mass.
fn weighted_split(lo: usize, hi: usize, center: f64, guide: &Guide) -> usize {
    // The bell is scaled to the whole tier (hi is at most its size), so it flattens as the interval shrinks.
    let sigma = guide.spread * (hi as f64 + 1.0) + 1.0;
    let weight = |slot: usize| {
        let z = (slot as f64 - center) / sigma;
        guide.floor + (1.0 - guide.floor) * (-0.5 * z * z).exp()
    };
    let total: f64 = (lo..=hi).map(weight).sum();
    let (mut best, mut best_gap, mut upper) = (1, f64::INFINITY, 0.0);
    for (a, slot) in (lo..hi).enumerate() {
        upper += weight(slot);
        let gap = (2.0 * upper - total).abs();
        if gap < best_gap {
            best_gap = gap;
            best = a + 1;
        }
    }
    best
}

// ----- sessions, the port and the use case -----

/// A placement session's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PlacementId(pub uuid::Uuid);

impl fmt::Display for PlacementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Start placing a title.
#[derive(Debug, Clone, PartialEq)]
pub struct StartPlacement {
    /// The title.
    pub media_id: MediaId,
    /// The tier it goes into.
    pub tier: Tier,
    /// The quick rating, if the user gave one: the prior, and stored on the ranking.
    pub stars: Option<Stars>,
}

/// A step the user takes in an open session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Answer the open question.
    Answer(Preference),
    /// Take the last answer back.
    Undo,
}

/// Where a session stands after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum PlacementStep {
    /// A question is open.
    Comparing {
        /// The session.
        session: PlacementId,
        /// The title to compare against: its ranking and its catalog summary.
        against: (RankingId, MediaSummary),
        /// At most this many questions remain, this one included.
        questions_left: u32,
        /// Questions answered so far.
        answered: u32,
        /// When the session expires unless answered.
        expires_at: DateTime<Utc>,
    },
    /// The title is in the list.
    Placed {
        /// The session.
        session: PlacementId,
        /// The new ranking.
        ranking: RankedTitle,
    },
}

/// Why a placement step failed.
#[derive(Debug, thiserror::Error)]
pub enum PlacementError {
    /// No such session for this user (also another user's session, and an abandoned one).
    #[error("placement session not found")]
    NotFound,
    /// The session has already placed its title.
    #[error("this placement is finished: the title is placed")]
    Finished,
    /// The session expired.
    #[error("this placement session has expired; start a new one")]
    Expired,
    /// Undo with nothing answered.
    #[error("there is no answer to take back")]
    NothingToUndo,
    /// The ranking side refused: unknown title (422), already in the list (409), or storage.
    #[error(transparent)]
    Ranking(#[from] RankingError),
}

impl From<StoreError> for PlacementError {
    fn from(e: StoreError) -> Self {
        Self::Ranking(RankingError::Store(e))
    }
}

/// One stored answer: who liked which title more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Its id.
    pub id: uuid::Uuid,
    /// The title liked more (for a tie: the title being placed).
    pub winner: MediaId,
    /// The other title.
    pub loser: MediaId,
    /// Too close to call.
    pub tie: bool,
    /// Where the answer came from (`placement`, …).
    pub context: String,
    /// The session that asked, if any.
    pub source: Option<uuid::Uuid>,
    /// When it was answered.
    pub created_at: DateTime<Utc>,
}

impl Comparison {
    /// The comparison a placement answer records, between the title placed and the pivot's title.
    pub fn winner_loser(new: MediaId, pivot: MediaId, prefer: Preference) -> (MediaId, MediaId, bool) {
        match prefer {
            Preference::New => (new, pivot, false),
            Preference::Existing => (pivot, new, false),
            Preference::TooClose => (new, pivot, true),
        }
    }
}

/// Placement sessions and the comparisons they record. Every write is one transaction holding the user's list
/// lock (like [`crate::ranking::RankingRepository`]'s writes): the answer, its comparison row and, when the search
/// ends, the new ranking are written together or not at all.
#[async_trait]
pub trait PlacementRepository: Send + Sync {
    /// Starts a session (or places at once into an empty tier, with no session question).
    ///
    /// # Errors
    /// `Ranking(UnknownMedia)`, `Ranking(AlreadyRanked)`, or storage. Nothing is written on error.
    async fn start(
        &self,
        user: UserId,
        command: &StartPlacement,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<PlacementStep, PlacementError>;

    /// Answers the open question, or takes the last answer back (deleting its comparison).
    ///
    /// # Errors
    /// `NotFound`, `Finished`, `Expired` (at `now`), `NothingToUndo`, `Ranking(AlreadyRanked)` when the title got
    /// into the list by another way meanwhile, or storage. Nothing is written on error.
    async fn act(
        &self,
        user: UserId,
        id: PlacementId,
        action: Action,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<PlacementStep, PlacementError>;

    /// Abandons an open or expired session; its answers stay recorded as comparisons.
    ///
    /// # Errors
    /// `NotFound`, `Finished`, or storage.
    async fn abandon(&self, user: UserId, id: PlacementId) -> Result<(), PlacementError>;

    /// The user's comparisons, newest first.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn comparisons(&self, user: UserId, page: PageRequest) -> Result<Page<Comparison>, StoreError>;
}

/// The tier as the search sees it, from a store's rows (best first): the prior is each title's stars.
pub fn entries(rows: impl IntoIterator<Item = (RankingId, MediaId, Option<Stars>)>) -> Vec<TierEntry> {
    rows.into_iter()
        .map(|(id, media, stars)| TierEntry { id, media, prior: stars.map(|s| f64::from(s.get())) })
        .collect()
}

/// The placement use cases.
#[derive(Clone)]
pub struct PlacementService {
    store: Arc<dyn PlacementRepository>,
    ttl: Duration,
}

impl fmt::Debug for PlacementService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlacementService").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

impl PlacementService {
    /// A service over a store; sessions expire after `ttl` without an answer.
    pub fn new(store: Arc<dyn PlacementRepository>, ttl: Duration) -> Self {
        Self { store, ttl }
    }

    /// Starts placing a title.
    pub async fn start(&self, user: UserId, command: &StartPlacement) -> Result<PlacementStep, PlacementError> {
        self.store.start(user, command, Utc::now(), self.ttl).await
    }

    /// Answers the open question.
    pub async fn answer(
        &self,
        user: UserId,
        id: PlacementId,
        prefer: Preference,
    ) -> Result<PlacementStep, PlacementError> {
        self.store.act(user, id, Action::Answer(prefer), Utc::now(), self.ttl).await
    }

    /// Takes the last answer back.
    pub async fn undo(&self, user: UserId, id: PlacementId) -> Result<PlacementStep, PlacementError> {
        self.store.act(user, id, Action::Undo, Utc::now(), self.ttl).await
    }

    /// Abandons a session.
    pub async fn abandon(&self, user: UserId, id: PlacementId) -> Result<(), PlacementError> {
        self.store.abandon(user, id).await
    }

    /// The caller's comparisons, newest first.
    pub async fn comparisons(&self, user: UserId, page: PageRequest) -> Result<Page<Comparison>, StoreError> {
        self.store.comparisons(user, page).await
    }
}

/// The expiry a session gets at `now`.
pub fn expiry(now: DateTime<Utc>, ttl: Duration) -> DateTime<Utc> {
    now + chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn tier(n: usize) -> Vec<TierEntry> {
        (0..n)
            .map(|i| TierEntry {
                id: RankingId(uuid::Uuid::from_u128(i as u128 + 1)),
                media: MediaId(uuid::Uuid::from_u128(1000 + i as u128)),
                prior: None,
            })
            .collect()
    }

    /// Runs a search where the new title's true slot is `target` (titles above it are better); returns the
    /// questions asked and the slot it was placed at.
    fn place(entries: &[TierEntry], prior: Option<f64>, target: usize) -> (u32, usize) {
        let (mut state, mut next) = SearchState::start(entries, prior);
        let mut asked = 0;
        loop {
            match next {
                Next::Place(anchor) => return (asked, slot_of(entries, anchor)),
                Next::Ask { pivot, .. } => {
                    asked += 1;
                    let index = entries.iter().position(|e| e.id == pivot.id).unwrap();
                    let prefer = if index < target { Preference::Existing } else { Preference::New };
                    next = state.answer(prefer, uuid::Uuid::nil(), entries).unwrap().1;
                }
            }
        }
    }

    fn slot_of(entries: &[TierEntry], anchor: Anchor) -> usize {
        match anchor {
            Anchor::Bottom | Anchor::Top => 0,
            Anchor::After(id) => entries.iter().position(|e| e.id == id).unwrap() + 1,
            other => panic!("unexpected anchor {other:?}"),
        }
    }

    #[test]
    fn the_bound_is_ceil_log2_of_n_plus_one() {
        assert_eq!([0, 1, 2, 3, 4, 7, 8, 1000].map(question_bound), [0, 1, 2, 2, 3, 3, 4, 10]);
    }

    #[test]
    fn an_empty_tier_places_without_a_question() {
        let (state, next) = SearchState::start(&[], Some(3.0));
        assert_eq!(next, Next::Place(Anchor::Bottom));
        assert_eq!(state.pending, None);
    }

    #[test]
    fn plain_search_asks_the_middle_title_first() {
        let entries = tier(7);
        let (_, next) = SearchState::start(&entries, None);
        assert_eq!(next, Next::Ask { pivot: Pivot { id: entries[3].id, media: entries[3].media }, questions_left: 3 });
    }

    #[test]
    fn a_prior_skews_the_first_split_only_as_far_as_the_budget_allows() {
        // 9 titles, 10 slots, 4 questions: the upper side may take 2..=8 slots, so the first pivot is index 1..=7.
        let mut entries = tier(9);
        for (i, e) in entries.iter_mut().enumerate() {
            e.prior = Some(10.0 - i as f64);
        }
        let first = |prior| match SearchState::start(&entries, Some(prior)).1 {
            Next::Ask { pivot, .. } => entries.iter().position(|e| e.id == pivot.id).unwrap(),
            Next::Place(_) => panic!("expected a question"),
        };
        assert_eq!(first(100.0), 1, "predicted at the top: the most skewed split allowed");
        assert_eq!(first(-100.0), 7);
        assert_eq!(first(6.0), 4);
    }

    #[test]
    fn too_close_places_right_below_the_pivot() {
        let entries = tier(5);
        let (mut state, next) = SearchState::start(&entries, None);
        let Next::Ask { pivot, .. } = next else { panic!() };
        let (answer, next) = state.answer(Preference::TooClose, uuid::Uuid::nil(), &entries).unwrap();
        assert_eq!(answer.pivot, pivot);
        assert_eq!(next, Next::Place(Anchor::After(pivot.id)));
    }

    #[test]
    fn undo_takes_the_last_answer_back() {
        let entries = tier(10);
        let (mut state, first) = SearchState::start(&entries, None);
        let (_, second) = state.answer(Preference::New, uuid::Uuid::nil(), &entries).unwrap();
        assert_ne!(first, second);
        let (undone, again) = state.undo(&entries).unwrap();
        assert_eq!(undone.prefer, Preference::New);
        assert_eq!(again, first);
        assert_eq!(state.undo(&entries).unwrap_err(), SearchError::NothingToUndo);
        state.pending = None;
        assert_eq!(state.answer(Preference::New, uuid::Uuid::nil(), &entries).unwrap_err(), SearchError::NoQuestion);
    }

    #[test]
    fn a_vanished_pivot_leaves_its_neighbours_in_charge() {
        let entries = tier(8);
        let (mut state, first) = SearchState::start(&entries, None);
        // Plain search on 9 slots: title 3 first; the new title is worse. Then title 5: the new one is better.
        assert!(matches!(first, Next::Ask { pivot, .. } if pivot.id == entries[3].id));
        let (_, second) = state.answer(Preference::Existing, uuid::Uuid::nil(), &entries).unwrap();
        assert!(matches!(second, Next::Ask { pivot, .. } if pivot.id == entries[5].id));
        state.answer(Preference::New, uuid::Uuid::nil(), &entries).unwrap();
        assert_eq!(interval(&state.answers, &entries), (4, 5));

        // Another device deletes title 3: the answer about it no longer binds; title 5 (now index 4) still does.
        let mut deleted = entries.clone();
        deleted.remove(3);
        assert_eq!(interval(&state.answers, &deleted), (0, 4));

        // Title 5 moves to the top instead: the two answers now contradict, and the newer one (about 5) wins.
        let mut moved = entries.clone();
        let five = moved.remove(5);
        moved.insert(0, five);
        assert_eq!(interval(&state.answers, &moved), (0, 0));
        assert_eq!(state.next(&moved), Next::Place(Anchor::Top));
    }

    proptest! {
        #[test]
        fn never_more_questions_than_the_bound_and_always_the_right_slot(
            n in 0_usize..300,
            target_share in 0.0_f64..=1.0,
            prior in proptest::option::of(-2.0_f64..12.0),
            noise in proptest::collection::vec(proptest::option::of(0.0_f64..10.0), 300),
        ) {
            let mut entries = tier(n);
            for (e, p) in entries.iter_mut().zip(&noise) {
                e.prior = *p;
            }
            let target = (target_share * n as f64).round() as usize;
            let (asked, slot) = place(&entries, prior, target);
            prop_assert!(asked <= question_bound(n), "{asked} questions for {n} titles");
            prop_assert_eq!(slot, target);
        }

        #[test]
        fn inserting_by_an_oracle_sorts_with_kendall_tau_one(values in proptest::collection::vec(0_u32..1000, 1..120)) {
            // Distinct values: strict preferences. The list must come out sorted, best first.
            let mut seen = std::collections::HashSet::new();
            let values: Vec<u32> = values.into_iter().filter(|v| seen.insert(*v)).collect();
            let mut list: Vec<(TierEntry, u32)> = Vec::new();
            for (i, &value) in values.iter().enumerate() {
                let entries: Vec<TierEntry> = list.iter().map(|(e, _)| *e).collect();
                let target = list.iter().filter(|(_, v)| *v > value).count();
                let (asked, slot) = place(&entries, Some(f64::from(value % 97)), target);
                prop_assert!(asked <= question_bound(entries.len()));
                let entry = TierEntry {
                    id: RankingId(uuid::Uuid::from_u128(i as u128 + 1)),
                    media: MediaId(uuid::Uuid::from_u128(i as u128 + 1)),
                    prior: Some(f64::from(value % 97)),
                };
                list.insert(slot, (entry, value));
            }
            prop_assert!(list.windows(2).all(|w| w[0].1 > w[1].1));
        }

        #[test]
        fn any_split_the_guide_picks_keeps_both_sides_within_budget(
            lo in 0_usize..50, width in 1_usize..200, center in -10.0_f64..300.0, extra in 0_u32..3,
        ) {
            let hi = lo + width;
            let left = ceil_log2(width as u64 + 1) + extra;
            let p = pivot_index(lo, hi, left, Some(center), &Guide::default());
            prop_assert!((lo..hi).contains(&p));
            let half = 1_u64 << (left - 1);
            prop_assert!((p - lo + 1) as u64 <= half && (hi - p) as u64 <= half);
        }
    }
}
