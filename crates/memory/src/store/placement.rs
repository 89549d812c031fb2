//! [`PlacementRepository`] in memory: sessions and comparisons in the store's one state, each step applied whole
//! under its lock (the in-memory counterpart of one transaction).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::catalog::MergeReport;
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::placement::{
    Action, CONTEXT, Comparison, Next, PlacementError, PlacementId, PlacementRepository, PlacementStep, SearchError,
    SearchState, StartPlacement, TierEntry, entries, expiry,
};
use marquee_domain::ranking::RankingError;
use marquee_domain::slot::ListWrite;
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::{MemoryStore, State};

#[derive(Debug, Clone)]
struct Session {
    user: UserId,
    media: MediaId,
    tier: Tier,
    stars: Option<Stars>,
    state: SearchState,
    placed: bool,
    expires_at: DateTime<Utc>,
}

/// The placement part of the in-memory state.
#[derive(Debug, Default)]
pub(crate) struct PlacementState {
    sessions: HashMap<PlacementId, Session>,
    /// Comparisons of every user, oldest first.
    pub(crate) comparisons: Vec<(UserId, Comparison)>,
}

impl PlacementState {
    /// Forgets a deleted account's placement sessions and comparisons.
    pub(crate) fn forget(&mut self, user: UserId) {
        self.sessions.retain(|_, s| s.user != user);
        self.comparisons.retain(|(owner, _)| *owner != user);
    }
}

impl State {
    fn tier_entries(&self, user: UserId, tier: Tier) -> Vec<TierEntry> {
        entries(
            self.tier(user, tier, None)
                .into_iter()
                .filter_map(|(id, _)| self.rankings.get(&id).map(|row| (id, row.media, row.stars))),
        )
    }

    fn summary(&self, media: MediaId) -> Result<MediaSummary, StoreError> {
        self.media.get(&media).map(MediaSummary::from).ok_or_else(|| StoreError::new("a pivot without its title"))
    }

    /// Checks that session `id` is this user's and open, and gives a copy to work on.
    fn open_session(&self, user: UserId, id: PlacementId, now: DateTime<Utc>) -> Result<Session, PlacementError> {
        let session = self.placement.sessions.get(&id).filter(|s| s.user == user).ok_or(PlacementError::NotFound)?;
        if session.placed {
            return Err(PlacementError::Finished);
        }
        if session.expires_at <= now {
            return Err(PlacementError::Expired);
        }
        Ok(session.clone())
    }

    /// Applies the search's next step to a working copy of the session and saves it. Nothing is changed on error.
    fn advance(
        &mut self,
        id: PlacementId,
        mut session: Session,
        next: Next,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<(Session, PlacementStep), PlacementError> {
        let step = match next {
            Next::Place(anchor) => {
                let write = ListWrite::Place { media: session.media, tier: session.tier, anchor };
                let slot = self.slot_of(session.user, &write)?;
                let ranking = self.insert(session.user, session.media, &slot, session.stars)?;
                session.placed = true;
                PlacementStep::Placed { session: id, ranking: self.titled_by_id(ranking)? }
            }
            Next::Ask { pivot, questions_left } => {
                session.expires_at = expiry(now, ttl);
                PlacementStep::Comparing {
                    session: id,
                    against: (pivot.id, self.summary(pivot.media)?),
                    questions_left,
                    answered: session.state.answers.len() as u32,
                    expires_at: session.expires_at,
                }
            }
        };
        Ok((session, step))
    }
}

impl State {
    /// The merge's part for comparisons and sessions, as `PgStore` does it (rankings have moved already).
    pub(crate) fn fold_placements(&mut self, keep: MediaId, dup: MediaId, report: &mut MergeReport) {
        let pair = |c: &Comparison| (c.winner == dup && c.loser == keep) || (c.winner == keep && c.loser == dup);
        let before = self.placement.comparisons.len();
        self.placement.comparisons.retain(|(_, c)| !pair(c));
        report.comparisons_dropped = (before - self.placement.comparisons.len()) as u64;
        for (_, c) in &mut self.placement.comparisons {
            for side in [&mut c.winner, &mut c.loser] {
                if *side == dup {
                    *side = keep;
                    report.comparisons_moved += 1;
                }
            }
        }
        let ranking_keep: Vec<UserId> =
            self.placement.sessions.values().map(|s| s.user).filter(|u| self.find(*u, keep).is_some()).collect();
        let before = self.placement.sessions.len();
        self.placement.sessions.retain(|_, s| s.media != dup || s.placed || !ranking_keep.contains(&s.user));
        report.sessions_dropped = (before - self.placement.sessions.len()) as u64;
        for session in self.placement.sessions.values_mut() {
            let placing = session.media == dup;
            if placing {
                session.media = keep;
            }
            if session.state.rename_media(dup, keep) || placing {
                report.sessions_moved += 1;
            }
        }
    }
}

fn search_error(e: SearchError) -> PlacementError {
    match e {
        SearchError::NothingToUndo => PlacementError::NothingToUndo,
        SearchError::NoQuestion => StoreError::new("an open session without an open question").into(),
    }
}

#[async_trait]
impl PlacementRepository for MemoryStore {
    async fn start(
        &self,
        user: UserId,
        command: &StartPlacement,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<PlacementStep, PlacementError> {
        let mut state = self.lock();
        state.account(user)?;
        if !state.media.contains_key(&command.media_id) {
            return Err(RankingError::UnknownMedia(command.media_id).into());
        }
        if let Some(existing) = state.find(user, command.media_id) {
            return Err(RankingError::AlreadyRanked(existing.id).into());
        }
        let stale = now - chrono::Duration::days(1);
        state.placement.sessions.retain(|_, s| s.user != user || s.expires_at >= stale);
        let tier_now = state.tier_entries(user, command.tier);
        let (search, next) = SearchState::start(&tier_now, command.stars.map(|s| f64::from(s.get())));
        let id = PlacementId(Uuid::now_v7());
        let session = Session {
            user,
            media: command.media_id,
            tier: command.tier,
            stars: command.stars,
            state: search,
            placed: false,
            expires_at: expiry(now, ttl),
        };
        let (session, step) = state.advance(id, session, next, now, ttl)?;
        state.placement.sessions.insert(id, session);
        Ok(step)
    }

    async fn act(
        &self,
        user: UserId,
        id: PlacementId,
        action: Action,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<PlacementStep, PlacementError> {
        let mut state = self.lock();
        let mut session = state.open_session(user, id, now)?;
        let tier_now = state.tier_entries(user, session.tier);
        let media = session.media;
        let (answer, next) = match action {
            Action::Answer(prefer) => session.state.answer(prefer, Uuid::now_v7(), &tier_now),
            Action::Undo => session.state.undo(&tier_now),
        }
        .map_err(search_error)?;
        // Only once the step has succeeded does anything change.
        let mark = state.log_len();
        let (session, step) = state.advance(id, session, next, now, ttl)?;
        state.placement.sessions.insert(id, session);
        match action {
            Action::Answer(prefer) if state.media.contains_key(&answer.pivot.media) => {
                let (winner, loser, tie) = Comparison::winner_loser(media, answer.pivot.media, prefer);
                let context = CONTEXT.to_owned();
                let row = Comparison {
                    id: answer.comparison,
                    winner,
                    loser,
                    tie,
                    context,
                    source: Some(id.0),
                    created_at: now,
                };
                state.push_comparison(user, row);
                // The answer came before the placement it may have finished, as in PostgreSQL's log.
                state.log_at(mark);
            }
            Action::Answer(_) => {}
            Action::Undo => state.undo_comparison(answer.comparison),
        }
        Ok(step)
    }

    async fn abandon(&self, user: UserId, id: PlacementId) -> Result<(), PlacementError> {
        let mut state = self.lock();
        match state.placement.sessions.get(&id).filter(|s| s.user == user) {
            None => Err(PlacementError::NotFound),
            Some(s) if s.placed => Err(PlacementError::Finished),
            Some(_) => {
                state.placement.sessions.remove(&id);
                Ok(())
            }
        }
    }

    async fn comparisons(&self, user: UserId, page: PageRequest) -> Result<Page<Comparison>, StoreError> {
        let state = self.lock();
        let mut mine: Vec<Comparison> =
            state.placement.comparisons.iter().filter(|(u, _)| *u == user).map(|(_, c)| c.clone()).collect();
        mine.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
        Ok(Page::slice(mine, page))
    }
}
