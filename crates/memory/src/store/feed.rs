//! [`ActivityRepository`] and [`LeaderboardRepository`] in memory. Each write logs the rows the domain's feed rule
//! ([`marquee_domain::activity`]) returns for it, under the same lock; merges log nothing.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::activity::{self, NewActivity};
use marquee_domain::feed::{Activity, ActivityId, ActivityRepository, ActivityTitle, UserRef, Verb};
use marquee_domain::leaderboard::{
    BoardQuery, LeaderboardRepository, RankerStanding, Scope, TitleBoard, TitleStanding, shrunk,
};
use marquee_domain::matchup::{SetId, Top4};
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::placement::Comparison;
use marquee_domain::privacy::{self, Audience};
use marquee_domain::ranking::RankingId;
use marquee_domain::score::Score;
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::{MemoryStore, State};

/// One logged row.
#[derive(Debug, Clone)]
pub(super) struct Logged {
    pub(crate) user: UserId,
    pub(crate) verb: Verb,
    pub(crate) media: Vec<MediaId>,
    pub(crate) tier: Option<Tier>,
    pub(crate) target: Option<UserId>,
    pub(crate) source: Option<Uuid>,
    pub(crate) at: DateTime<Utc>,
}

impl Logged {
    fn new(row: NewActivity, at: DateTime<Utc>) -> Self {
        Self {
            user: row.user,
            verb: row.verb,
            media: row.media,
            tier: row.tier,
            target: row.target,
            source: row.source,
            at,
        }
    }
}

/// The log, oldest first; ids are positions plus one.
#[derive(Debug, Default)]
pub(super) struct ActivityTables {
    rows: Vec<(ActivityId, Logged)>,
    next: i64,
}

impl ActivityTables {
    /// Forgets a deleted account's activity and the rows naming it as their target, as PostgreSQL's cascades do.
    pub(super) fn forget(&mut self, user: UserId) {
        self.rows.retain(|(_, row)| row.user != user && row.target != Some(user));
    }
}

impl State {
    /// Appends a row the feed rule returned to the activity log, as done at `at`.
    pub(crate) fn log(&mut self, row: NewActivity, at: DateTime<Utc>) {
        self.activity.next += 1;
        let id = ActivityId(self.activity.next);
        self.activity.rows.push((id, Logged::new(row, at)));
    }

    /// Logs a ranking just inserted.
    pub(crate) fn log_placed(&mut self, user: UserId, media: MediaId, tier: Tier, id: RankingId, at: DateTime<Utc>) {
        self.log(activity::placed(user, id, media, tier), at);
    }

    /// Points logged rows at the title a merge keeps (a merge itself logs nothing).
    pub(crate) fn merge_logged(&mut self, keep: MediaId, duplicate: MediaId) {
        for (_, row) in &mut self.activity.rows {
            for media in &mut row.media {
                if *media == duplicate {
                    *media = keep;
                }
            }
        }
    }

    /// How many rows the log holds: a mark for [`State::log_at`].
    pub(crate) fn log_len(&self) -> usize {
        self.activity.rows.len()
    }

    /// Moves the newest row back to position `at`, for a write that logs its cause after its effect (a final
    /// placement answer places the title before the answer is stored). The rows from `at` on were all written
    /// under the same lock, so no cursor names them yet and their ids can be handed out again in order.
    pub(crate) fn log_at(&mut self, at: usize) {
        let rows = &mut self.activity.rows;
        if at >= rows.len() {
            return;
        }
        let mut ids: Vec<ActivityId> = rows[at..].iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        if let Some(last) = rows.pop() {
            rows.insert(at, last);
        }
        for (row, id) in rows[at..].iter_mut().zip(ids) {
            row.0 = id;
        }
    }

    /// Stores a comparison, and logs what the feed rule says it logs.
    pub(crate) fn push_comparison(&mut self, user: UserId, comparison: Comparison) {
        if let Some(row) = activity::compared(user, &comparison) {
            self.log(row, comparison.created_at);
        }
        self.placement.comparisons.push((user, comparison));
    }

    /// Logs a top 4 that held `before` (`None`: a new set) and now holds `titles`, if the feed rule says so.
    pub(crate) fn log_top4(&mut self, user: UserId, before: Option<&[MediaId]>, titles: &Top4, set: SetId) {
        if let Some(row) = activity::top4_changed(user, set, before, titles) {
            self.log(row, Utc::now());
        }
    }

    /// Deletes an undone answer, and its entry with it.
    pub(crate) fn undo_comparison(&mut self, id: Uuid) {
        self.placement.comparisons.retain(|(_, c)| c.id != id);
        self.activity.rows.retain(|(_, r)| !(r.verb == Verb::Compared && r.source == Some(id)));
    }

    fn user_ref(&self, user: UserId) -> Option<UserRef> {
        self.users.get(&user).map(|(u, _)| UserRef { id: user, display_name: u.display_name.clone() })
    }

    /// Every ranking in scope of `query`, with its derived score in tenths: positions count whole tiers.
    fn scored(&self, query: &BoardQuery) -> Vec<(UserId, MediaId, u8)> {
        let in_scope = |user: UserId| {
            privacy::counts_in_aggregates(self.visibility_of(user))
                && match query.scope {
                    Scope::Global => true,
                    Scope::Following => query.viewer.is_some_and(|v| self.accepted(v, user)),
                }
        };
        let mut tiers: HashMap<(UserId, Tier), Vec<&super::Row>> = HashMap::new();
        for row in self.rankings.values().filter(|r| in_scope(r.user)) {
            tiers.entry((row.user, row.tier)).or_default().push(row);
        }
        let mut scored = Vec::new();
        for ((user, tier), mut rows) in tiers {
            rows.sort_by(|a, b| a.key.cmp(&b.key));
            let size = rows.len() as u64;
            for (at, row) in rows.into_iter().enumerate() {
                let Some(media) = self.media.get(&row.media) else { continue };
                let kept = query.since.is_none_or(|since| row.updated_at >= since)
                    && query.kind.is_none_or(|kind| media.kind == kind)
                    && query.genre.as_deref().is_none_or(|g| media.genres.iter().any(|x| x.to_lowercase() == g));
                if kept {
                    scored.push((user, row.media, Score::derive(tier, at as u64 + 1, size).tenths()));
                }
            }
        }
        scored
    }
}

#[async_trait]
impl ActivityRepository for MemoryStore {
    async fn feed(
        &self,
        reader: UserId,
        audience: &Audience,
        before: Option<ActivityId>,
        limit: u32,
    ) -> Result<Vec<Activity>, StoreError> {
        let s = self.lock();
        let shown = |r: &Logged| {
            s.accepted(reader, r.user) && s.shows(audience, r.user) && r.target.is_none_or(|t| s.shows(audience, t))
        };
        let rows = s
            .activity
            .rows
            .iter()
            .rev()
            .filter(|(id, r)| before.is_none_or(|b| *id < b) && shown(r))
            .take(limit as usize)
            .filter_map(|(id, r)| {
                Some(Activity {
                    id: *id,
                    actor: s.user_ref(r.user)?,
                    verb: r.verb,
                    titles: r
                        .media
                        .iter()
                        .filter_map(|m| s.media.get(m))
                        .map(|m| ActivityTitle { media: MediaSummary::from(m), tier: r.tier })
                        .collect(),
                    target: r.target.and_then(|t| s.user_ref(t)),
                    created_at: r.at,
                })
            })
            .collect();
        Ok(rows)
    }
}

#[async_trait]
impl LeaderboardRepository for MemoryStore {
    async fn best_titles(&self, query: &BoardQuery) -> Result<TitleBoard, StoreError> {
        let s = self.lock();
        let scored = s.scored(query);
        if scored.is_empty() {
            return Ok(TitleBoard { global_mean: None, titles: Vec::new() });
        }
        let mut per_title: HashMap<MediaId, (u64, u64)> = HashMap::new();
        let mut total = 0u64;
        for (_, media, tenths) in &scored {
            let e = per_title.entry(*media).or_default();
            e.0 += u64::from(*tenths);
            e.1 += 1;
            total += u64::from(*tenths);
        }
        #[allow(clippy::cast_precision_loss, reason = "sums of tenths stay far below 2^52")]
        let mean_of = |sum: u64, n: u64| sum as f64 / n as f64 / 10.0;
        let global_mean = mean_of(total, scored.len() as u64);
        let mut titles: Vec<TitleStanding> = per_title
            .into_iter()
            .filter_map(|(media, (sum, n))| {
                let mean = mean_of(sum, n);
                Some(TitleStanding {
                    media: MediaSummary::from(s.media.get(&media)?),
                    score: shrunk(mean, n, global_mean),
                    mean,
                    count: n,
                })
            })
            .collect();
        titles.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then(b.count.cmp(&a.count)).then(a.media.id.0.cmp(&b.media.id.0))
        });
        titles.truncate(query.limit as usize);
        Ok(TitleBoard { global_mean: Some(global_mean), titles })
    }

    async fn top_rankers(&self, query: &BoardQuery) -> Result<Vec<RankerStanding>, StoreError> {
        let s = self.lock();
        let audience = query.audience();
        let mut counts: HashMap<UserId, u64> = HashMap::new();
        for (user, _, _) in s.scored(query) {
            *counts.entry(user).or_default() += 1;
        }
        let mut rankers: Vec<RankerStanding> = counts
            .into_iter()
            .filter(|(user, _)| s.shows(&audience, *user))
            .filter_map(|(user, rankings)| {
                let named = s.user_ref(user)?;
                Some(RankerStanding { user, display_name: named.display_name, rankings })
            })
            .collect();
        rankers.sort_by(|a, b| b.rankings.cmp(&a.rankings).then(a.user.0.cmp(&b.user.0)));
        rankers.truncate(query.limit as usize);
        Ok(rankers)
    }
}
