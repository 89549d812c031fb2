//! [`MatchupRepository`] in memory: the same rules as the PostgreSQL tables, applied under the store's lock.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::activity;
use marquee_domain::catalog::MergeReport;
use marquee_domain::elo;
use marquee_domain::error::FieldError;
use marquee_domain::matchup::{
    Candidate, Matchup, MatchupError, MatchupId, MatchupRepository, SetId, Side, Top4, Top4Set, VoteOutcome,
};
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::privacy::Audience;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::{MemoryStore, State};

#[derive(Debug, Clone)]
struct SetRow {
    id: SetId,
    user: UserId,
    media: [MediaId; 4],
    rating: f64,
    wins: u32,
    losses: u32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
struct MatchupRow {
    voter: UserId,
    a: SetId,
    b: SetId,
    created_at: DateTime<Utc>,
}

/// A recorded vote, as `matchup_votes` keeps it.
#[derive(Debug, Clone)]
#[allow(dead_code, reason = "kept whole, like the PostgreSQL table; recommendations read the winners only")]
struct VoteRow {
    voter: UserId,
    winner: SetId,
    loser: SetId,
    winner_media: [MediaId; 4],
    loser_media: [MediaId; 4],
    created_at: DateTime<Utc>,
}

/// Who holds which title since when.
pub(super) type Held = (UserId, MediaId, DateTime<Utc>);

/// The matchup tables.
#[derive(Debug, Default)]
pub(super) struct MatchupTables {
    sets: HashMap<UserId, SetRow>,
    matchups: HashMap<MatchupId, MatchupRow>,
    votes: HashMap<MatchupId, VoteRow>,
}

impl MatchupTables {
    /// Forgets a deleted account's top-4 set, the matchups shown to it and its votes; matchups and votes of others
    /// that involved its set go too, as PostgreSQL's cascades do.
    pub(super) fn forget(&mut self, user: UserId) {
        let set = self.sets.remove(&user).map(|s| s.id);
        let involved = |a: SetId, b: SetId| set.is_some_and(|s| s == a || s == b);
        self.matchups.retain(|_, m| m.voter != user && !involved(m.a, m.b));
        self.votes.retain(|_, v| v.voter != user && !involved(v.winner, v.loser));
    }
}

impl State {
    /// For recommendations: `(voter, title, when)` for every title of every winning set voted for, and
    /// `(owner, title, when)` for every title of every top-4 set; `user` keeps one user's only.
    pub(super) fn matchup_signals(&self, user: Option<UserId>) -> (Vec<Held>, Vec<Held>) {
        let mine = |u: &UserId| user.is_none_or(|me| me == *u);
        let t = &self.matchup_tables;
        let votes = t
            .votes
            .values()
            .filter(|v| mine(&v.voter))
            .flat_map(|v| v.winner_media.iter().map(|m| (v.voter, *m, v.created_at)))
            .collect();
        let sets = t
            .sets
            .values()
            .filter(|s| mine(&s.user))
            .flat_map(|s| s.media.iter().map(|m| (s.user, *m, s.updated_at)))
            .collect();
        (votes, sets)
    }

    /// The merge's part for top-4 sets and votes, as `PgStore` does it: sets naming both titles go (with their
    /// open matchups), the others name `keep` in the duplicate's slot; votes' title copies are repointed.
    pub(crate) fn fold_top4(&mut self, keep: MediaId, dup: MediaId, report: &mut MergeReport) {
        let tables = &mut self.matchup_tables;
        let doomed: Vec<SetId> =
            tables.sets.values().filter(|s| s.media.contains(&dup) && s.media.contains(&keep)).map(|s| s.id).collect();
        tables.sets.retain(|_, s| !doomed.contains(&s.id));
        tables.matchups.retain(|_, m| !doomed.contains(&m.a) && !doomed.contains(&m.b));
        report.top4_sets_dropped = doomed.len() as u64;
        let now = Utc::now();
        for set in tables.sets.values_mut().filter(|s| s.media.contains(&dup)) {
            set.media = set.media.map(|m| if m == dup { keep } else { m });
            set.updated_at = now;
            report.top4_sets_moved += 1;
        }
        for vote in tables.votes.values_mut() {
            vote.winner_media = vote.winner_media.map(|m| if m == dup { keep } else { m });
            vote.loser_media = vote.loser_media.map(|m| if m == dup { keep } else { m });
        }
    }
}

impl State {
    fn set_by_id(&self, id: SetId) -> Option<&SetRow> {
        self.matchup_tables.sets.values().find(|s| s.id == id)
    }

    fn complete_set(&self, row: &SetRow) -> Result<Top4Set, StoreError> {
        let media = row
            .media
            .iter()
            .map(|id| self.media.get(id).map(MediaSummary::from))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| StoreError::new("a set names a missing title"))?;
        Ok(Top4Set {
            id: row.id,
            user: row.user,
            owner: self.users.get(&row.user).map(|(u, _)| u.display_name.clone()).unwrap_or_default(),
            media,
            rating: row.rating,
            wins: row.wins,
            losses: row.losses,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }

    /// Drops a replaced set and, like the foreign keys' cascade, its matchups.
    fn drop_set(&mut self, id: SetId) {
        self.matchup_tables.sets.retain(|_, s| s.id != id);
        self.matchup_tables.matchups.retain(|_, m| m.a != id && m.b != id);
    }
}

#[async_trait]
impl MatchupRepository for MemoryStore {
    async fn put_top4(&self, user: UserId, titles: &Top4) -> Result<Top4Set, MatchupError> {
        let mut state = self.lock();
        state.account(user)?;
        let unknown: Vec<FieldError> = titles
            .ids()
            .iter()
            .enumerate()
            .filter(|(_, id)| !state.media.contains_key(id))
            .map(|(i, _)| FieldError::new(format!("media_ids[{i}]"), "no media item has this id"))
            .collect();
        if !unknown.is_empty() {
            return Err(MatchupError::Invalid(unknown));
        }
        let now = Utc::now();
        let current = state.matchup_tables.sets.get(&user).cloned();
        match current {
            Some(row) if titles.same_titles(&row.media) => {
                if let Some(set) = state.matchup_tables.sets.get_mut(&user) {
                    let before = set.media;
                    set.media = *titles.ids();
                    set.updated_at = now;
                    let id = set.id;
                    state.log_top4(user, Some(&before), titles, id);
                }
            }
            current => {
                if let Some(row) = current {
                    state.drop_set(row.id);
                }
                let row = SetRow {
                    id: SetId(Uuid::now_v7()),
                    user,
                    media: *titles.ids(),
                    rating: elo::INITIAL_RATING,
                    wins: 0,
                    losses: 0,
                    created_at: now,
                    updated_at: now,
                };
                let id = row.id;
                state.matchup_tables.sets.insert(user, row);
                state.log_top4(user, None, titles, id);
            }
        }
        let row = state.matchup_tables.sets.get(&user).ok_or_else(|| StoreError::new("set vanished"))?;
        Ok(state.complete_set(row)?)
    }

    async fn top4(&self, user: UserId) -> Result<Option<Top4Set>, StoreError> {
        let state = self.lock();
        state.matchup_tables.sets.get(&user).map(|row| state.complete_set(row)).transpose()
    }

    async fn candidates(&self, voter: UserId) -> Result<Vec<Candidate>, StoreError> {
        let state = self.lock();
        Ok(state
            .matchup_tables
            .sets
            .values()
            .filter(|s| s.user != voter)
            .map(|s| {
                let mut genres: Vec<String> =
                    s.media.iter().filter_map(|m| state.media.get(m)).flat_map(|m| m.genres.iter().cloned()).collect();
                genres.sort();
                genres.dedup();
                Candidate {
                    set: s.id,
                    user: s.user,
                    rating: s.rating,
                    votes: s.wins + s.losses,
                    genres,
                    visibility: state.visibility_of(s.user),
                    followed: state.accepted(voter, s.user),
                }
            })
            .collect())
    }

    async fn recent_pairs(&self, voter: UserId, since: DateTime<Utc>) -> Result<Vec<(SetId, SetId)>, StoreError> {
        let state = self.lock();
        let mut recent: Vec<(&MatchupId, &MatchupRow)> =
            state.matchup_tables.matchups.iter().filter(|(_, m)| m.voter == voter && m.created_at >= since).collect();
        recent.sort_by(|x, y| (y.1.created_at, y.0).cmp(&(x.1.created_at, x.0)));
        Ok(recent.into_iter().map(|(_, m)| (m.a, m.b)).collect())
    }

    async fn create_matchup(
        &self,
        id: MatchupId,
        voter: UserId,
        a: SetId,
        b: SetId,
    ) -> Result<Option<Matchup>, StoreError> {
        let mut state = self.lock();
        let (Some(set_a), Some(set_b)) = (state.set_by_id(a).cloned(), state.set_by_id(b).cloned()) else {
            return Ok(None);
        };
        let created_at = Utc::now();
        state.matchup_tables.matchups.insert(id, MatchupRow { voter, a, b, created_at });
        Ok(Some(Matchup { id, a: state.complete_set(&set_a)?, b: state.complete_set(&set_b)?, created_at }))
    }

    async fn vote(&self, voter: UserId, id: MatchupId, winner: Side, k: f64) -> Result<VoteOutcome, MatchupError> {
        let mut state = self.lock();
        state.account(voter)?;
        let Some(matchup) = state.matchup_tables.matchups.get(&id).filter(|m| m.voter == voter).cloned() else {
            return Err(MatchupError::NotFound);
        };
        if state.matchup_tables.votes.contains_key(&id) {
            return Err(MatchupError::AlreadyVoted);
        }
        let (win_id, lose_id) = match winner {
            Side::A => (matchup.a, matchup.b),
            Side::B => (matchup.b, matchup.a),
        };
        let (Some(w), Some(l)) = (state.set_by_id(win_id).cloned(), state.set_by_id(lose_id).cloned()) else {
            return Err(MatchupError::NotFound);
        };
        let (w_after, l_after) = elo::update(w.rating, l.rating, k);
        let now = Utc::now();
        for set in state.matchup_tables.sets.values_mut() {
            if set.id == w.id {
                set.rating = w_after;
                set.wins += 1;
                set.updated_at = now;
            } else if set.id == l.id {
                set.rating = l_after;
                set.losses += 1;
                set.updated_at = now;
            }
        }
        state.log(activity::voted(voter, id), now);
        state.matchup_tables.votes.insert(
            id,
            VoteRow { voter, winner: w.id, loser: l.id, winner_media: w.media, loser_media: l.media, created_at: now },
        );
        Ok(VoteOutcome {
            matchup: id,
            winner,
            winner_set: (w.id, w.rating, w_after),
            loser_set: (l.id, l.rating, l_after),
        })
    }

    async fn leaderboard(&self, audience: &Audience, page: PageRequest) -> Result<Page<Top4Set>, StoreError> {
        let state = self.lock();
        let mut rows: Vec<&SetRow> =
            state.matchup_tables.sets.values().filter(|s| state.shows(audience, s.user)).collect();
        rows.sort_by(|x, y| {
            y.rating.total_cmp(&x.rating).then((y.wins + y.losses).cmp(&(x.wins + x.losses))).then(x.id.cmp(&y.id))
        });
        let page_rows = Page::slice(rows, page);
        let items = page_rows.items.iter().map(|row| state.complete_set(row)).collect::<Result<Vec<_>, _>>()?;
        Ok(Page { items, total: page_rows.total, request: page })
    }
}
