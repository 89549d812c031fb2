//! The fast path of a placement answer: two round trips, or one when the session is known, and no explicit
//! transaction.
//!
//! The general path (`placements::act`) locks the list, then the session, reads the tier, and writes statement by
//! statement: eight round trips for an answer that asks again, about a dozen for one that places. Here:
//!
//! 1. the **probe**: the session row, its tier (ids, titles, stars and keys, as arrays in key order) and the list's
//!    version, in one statement and without a lock; the domain's [`SearchState`] then decides on that tier.
//! 2. the **write**: one statement, so one transaction: the answer and its comparison (and the ranking) are written
//!    together or not at all. It updates the session *only if its state is still the one the probe read*
//!    (optimistic concurrency: `state = $old`), and inserts the comparison only if that update happened and the
//!    pivot's title still exists.
//!    - An answer that **asks again** changes no list; the statement returns the next pivot's title.
//!    - An answer that **places** also takes the list's lock the way every list write does, by bumping
//!      `users.list_version`, but only *if the version is still the one the probe read*: every list write bumps it
//!      first, so an unchanged version means the tier the search decided on (and the keys the new key was made
//!      between) is the tier as it is. Then it inserts the ranking and returns it titled and counted.
//!
//! When this process wrote the session's previous answer, it kept the session and tier it decided on
//! (`session_cache`), and the probe is skipped: the write's guards (the state, and the list version, which [`ASK`]
//! checks too) tell whether that copy is still true. If it is not, nothing was written, and the answer is decided
//! again on a probe.
//!
//! Whatever the fast path cannot settle (the session or the list changed meanwhile, a slot that needs a rebalance,
//! an undo) takes the general path, which locks first and reads again. Answers of one session are thus applied one
//! after another, whatever their arrival, and a title is never placed twice.

use std::sync::LazyLock;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{Array, Bool, Int2, Int8, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity;
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::placement::{
    Answer, CONTEXT, Comparison, Next, PlacementError, PlacementId, PlacementStep, Preference, SearchError,
    SearchState, TierEntry, entries, expiry,
};
use marquee_domain::rank::RankKey;
use marquee_domain::ranking::{Anchor, RankingId};
use marquee_domain::slot::{ListWrite, Neighbourhood, resolve};
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::activity::{LogBinds, bind_log, log_cte};
use super::fused::{self, RETURNED, TITLED, TitledRow};
use super::prepared::Prepared;
use super::rows::{SummaryRow, rank_key, stars, tier};
use super::session_cache::{SessionCache, Weighed};
use super::{corrupt, store_error};

/// `$1` session, `$2` user. No row: no such session of this user.
const PROBE: &str = "
    SELECT s.media_id, s.tier, s.stars, s.state, s.placed, s.expires_at,
           (SELECT u.list_version FROM users u WHERE u.id = s.user_id) AS list_version,
           t.ids, t.media, t.stars AS tier_stars, t.keys
    FROM placement_sessions s
    CROSS JOIN LATERAL (
        SELECT array_agg(r.id ORDER BY r.rank_key) AS ids,
               array_agg(r.media_id ORDER BY r.rank_key) AS media,
               array_agg(r.stars ORDER BY r.rank_key) AS stars,
               array_agg(r.rank_key ORDER BY r.rank_key) AS keys
        FROM rankings r WHERE r.user_id = s.user_id AND r.tier = s.tier) t
    WHERE s.id = $1 AND s.user_id = $2";

/// The comparison of an answer, written only when the session update `s` happened and the pivot's title exists.
/// `$2` user, `$4` now; `$7` the comparison's id, `$8` winner, `$9` loser, `$10` tie, `$11` context, `$12` the
/// pivot answered about.
const COMPARISON: &str = "
    c AS (
        INSERT INTO comparisons (id, user_id, winner_id, loser_id, tie, context, source_id, created_at)
        SELECT $7, $2, $8, $9, $10, $11, s.id, $4 FROM s
        WHERE EXISTS (SELECT 1 FROM media_items m WHERE m.id = $12)
        RETURNING id)";

/// `$1` session, `$2` user, `$3` new state, `$4` now, `$5` new expiry, `$6` the state the probe read, `$7`–`$12`
/// the comparison, `$13` the next pivot, `$14` the list version the tier was read under, `$15`–`$21` the
/// comparison's feed row. `updated` is 0 when the
/// session or the list changed since (or the next pivot's title is gone): then nothing was written. Asking again
/// would be sound on a tier changed meanwhile (the next answer re-validates), but the version guard is what lets
/// the next answer trust a cached tier.
static ASK: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH s AS (
            UPDATE placement_sessions SET state = $3, updated_at = $4, expires_at = $5
            WHERE id = $1 AND user_id = $2 AND NOT placed AND expires_at > $4 AND state = $6
              AND EXISTS (SELECT 1 FROM media_items m WHERE m.id = $13)
              AND EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND u.list_version = $14)
            RETURNING id),
         {COMPARISON},
         {}
         SELECT (SELECT count(*) FROM s) AS updated,
                m.id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path
         FROM media_items m WHERE m.id = $13",
        log_cte("ac", "c", 15, None)
    )
});

/// `$1`–`$12` as for [`ASK`], then the ranking: `$13` id, `$14` title, `$15` tier, `$16` key, `$17` stars, and
/// `$18` the list version the probe read; `$19`–`$25` the comparison's feed row, `$26`–`$32` the ranking's. The ranking comes back titled and counted; no row when the list or the
/// session changed since the probe (nothing is written then but, at most, a version bump). The ranking's insert
/// reads the comparison's, so the comparison is written (and logged to the activity feed) first, as it happened.
static PLACE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH u AS (
            UPDATE users SET list_version = list_version + 1 WHERE id = $2 AND list_version = $18 RETURNING id),
         s AS (
            UPDATE placement_sessions
            SET state = $3, placed = true, ranking_id = $13, updated_at = $4, expires_at = $5
            WHERE id = $1 AND user_id = $2 AND NOT placed AND expires_at > $4 AND state = $6
              AND EXISTS (SELECT 1 FROM u)
            RETURNING id),
         {COMPARISON},
         w AS (
            INSERT INTO rankings (id, user_id, media_id, tier, rank_key, stars)
            SELECT $13, $2, $14, $15, $16, $17 FROM s WHERE (SELECT count(*) FROM c) >= 0 {RETURNED}),
         {},
         {},
         titled AS ({TITLED})
         SELECT titled.* FROM titled",
        log_cte("ac", "c", 19, None),
        log_cte("aw", "w", 26, Some("ac"))
    )
});

/// What an answer is decided on: the session and its tier as the probe read them, or as the last answer on this
/// process left them (see `session_cache`).
#[derive(Debug, Clone, QueryableByName)]
pub(super) struct ProbeRow {
    #[diesel(sql_type = SqlUuid)]
    media_id: Uuid,
    #[diesel(sql_type = Int2)]
    tier: i16,
    #[diesel(sql_type = Nullable<Int2>)]
    stars: Option<i16>,
    #[diesel(sql_type = Jsonb)]
    state: serde_json::Value,
    #[diesel(sql_type = Bool)]
    placed: bool,
    #[diesel(sql_type = Timestamptz)]
    expires_at: DateTime<Utc>,
    #[diesel(sql_type = Int8)]
    list_version: i64,
    #[diesel(sql_type = Nullable<Array<SqlUuid>>)]
    ids: Option<Vec<Uuid>>,
    #[diesel(sql_type = Nullable<Array<SqlUuid>>)]
    media: Option<Vec<Uuid>>,
    #[diesel(sql_type = Nullable<Array<Nullable<Int2>>>)]
    tier_stars: Option<Vec<Option<i16>>>,
    #[diesel(sql_type = Nullable<Array<Text>>)]
    keys: Option<Vec<String>>,
}

#[derive(Debug, QueryableByName)]
struct AskRow {
    #[diesel(sql_type = Int8)]
    updated: i64,
    #[diesel(embed)]
    against: SummaryRow,
}

/// What the fast path did.
pub(super) enum Outcome {
    /// The answer is written; this is the next step.
    Done(PlacementStep),
    /// The answer is refused, and nothing was written.
    Refused(PlacementError),
    /// Nothing was written: take the general path.
    General,
}

/// The tier from the probe's parallel arrays, best first, each title with its stars as its prior.
fn tier_of(row: &ProbeRow) -> Result<Vec<TierEntry>, StoreError> {
    let (ids, media, tier_stars) = (
        row.ids.as_deref().unwrap_or_default(),
        row.media.as_deref().unwrap_or_default(),
        row.tier_stars.as_deref().unwrap_or_default(),
    );
    if ids.len() != media.len() || ids.len() != tier_stars.len() {
        return Err(corrupt("the tier's arrays differ in length"));
    }
    let mut out = Vec::with_capacity(ids.len());
    for ((&id, &m), &s) in ids.iter().zip(media).zip(tier_stars) {
        out.push((RankingId(id), MediaId(m), stars(s)?));
    }
    Ok(entries(out))
}

/// The binds both writes share: `$1`–`$12`.
struct Shared {
    session: PlacementId,
    user: UserId,
    state: serde_json::Value,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    read: serde_json::Value,
    answer: Answer,
    new: MediaId,
}

macro_rules! bind_shared {
    ($query:expr, $s:expr) => {{
        let (winner, loser, tie) = Comparison::winner_loser($s.new, $s.answer.pivot.media, $s.answer.prefer);
        $query
            .bind::<SqlUuid, _>($s.session.0)
            .bind::<SqlUuid, _>($s.user.0)
            .bind::<Jsonb, _>(&$s.state)
            .bind::<Timestamptz, _>($s.now)
            .bind::<Timestamptz, _>($s.expires_at)
            .bind::<Jsonb, _>(&$s.read)
            .bind::<SqlUuid, _>($s.answer.comparison)
            .bind::<SqlUuid, _>(winner.0)
            .bind::<SqlUuid, _>(loser.0)
            .bind::<Bool, _>(tie)
            .bind::<Text, _>(CONTEXT)
            .bind::<SqlUuid, _>($s.answer.pivot.media.0)
    }};
}

impl Shared {
    /// The feed row of this answer's comparison, as the domain decides it.
    fn compared(&self) -> LogBinds {
        let (winner, loser, tie) = Comparison::winner_loser(self.new, self.answer.pivot.media, self.answer.prefer);
        let comparison = Comparison {
            id: self.answer.comparison,
            winner,
            loser,
            tie,
            context: CONTEXT.into(),
            source: Some(self.session.0),
            created_at: self.now,
        };
        LogBinds::from(activity::compared(self.user, &comparison).as_ref())
    }
}

impl ProbeRow {
    /// A session as its start wrote it: the tier's rows in key order (ranking id, title, stars, key) as read under
    /// the list lock, and the list version that lock set.
    pub(super) fn known(
        media: MediaId,
        tier: Tier,
        stars: Option<marquee_domain::tier::Stars>,
        state: serde_json::Value,
        expires_at: DateTime<Utc>,
        list_version: i64,
        rows: Vec<(Uuid, Uuid, Option<i16>, String)>,
    ) -> Self {
        let n = rows.len();
        let (mut ids, mut media_ids, mut tier_stars, mut keys) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for (id, m, s, key) in rows {
            ids.push(id);
            media_ids.push(m);
            tier_stars.push(s);
            keys.push(key);
        }
        Self {
            media_id: media.0,
            tier: tier.index(),
            stars: stars.map(|s| i16::from(s.get())),
            state,
            placed: false,
            expires_at,
            list_version,
            ids: Some(ids),
            media: Some(media_ids),
            tier_stars: Some(tier_stars),
            keys: Some(keys),
        }
    }
}

/// Known sessions, by id.
pub(super) type Sessions = SessionCache<ProbeRow>;

impl Weighed for ProbeRow {
    fn weight(&self) -> usize {
        self.ids.as_ref().map_or(0, Vec::len).max(1)
    }
}

/// Answers `prefer` on session `id` on the fast path, when it can: on the session as `sessions` knows it (one
/// round trip), else on a fresh probe (two).
///
/// # Errors
/// A query failure, or a stored value the domain refuses.
pub(super) async fn answer(
    conn: &mut AsyncPgConnection,
    sessions: &Sessions,
    user: UserId,
    id: PlacementId,
    prefer: Preference,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<Outcome, StoreError> {
    let request = Request { sessions, user, id, prefer, now, ttl };
    // A kept copy that expired may be one another instance extended since: only a probe can tell.
    if let Some(known) = sessions.take(id, user).filter(|k| !k.placed && k.expires_at > now) {
        match decide(conn, &request, known).await? {
            // Stale (or a step the fast path leaves to the general one): decide again on what is stored now.
            Outcome::General => {}
            outcome => return Ok(outcome),
        }
    }
    let probe = Prepared(diesel::sql_query(PROBE).bind::<SqlUuid, _>(id.0).bind::<SqlUuid, _>(user.0))
        .get_result::<ProbeRow>(conn)
        .await;
    let row = match probe {
        Ok(row) => row,
        Err(diesel::result::Error::NotFound) => return Ok(Outcome::Refused(PlacementError::NotFound)),
        Err(e) => return Err(store_error(e)),
    };
    if row.placed {
        return Ok(Outcome::Refused(PlacementError::Finished));
    }
    if row.expires_at <= now {
        return Ok(Outcome::Refused(PlacementError::Expired));
    }
    decide(conn, &request, row).await
}

/// One answer, as asked.
struct Request<'a> {
    sessions: &'a Sessions,
    user: UserId,
    id: PlacementId,
    prefer: Preference,
    now: DateTime<Utc>,
    ttl: Duration,
}

/// Decides the answer on `row` (an open, unexpired session) and writes it with one guarded statement; an answer
/// that asks again leaves the session in `sessions` for the next one.
async fn decide(conn: &mut AsyncPgConnection, request: &Request<'_>, mut row: ProbeRow) -> Result<Outcome, StoreError> {
    let &Request { sessions, user, id, prefer, now, ttl } = request;
    let tier_now = tier_of(&row)?;
    let mut state: SearchState = serde_json::from_value(row.state.clone())
        .map_err(|e| corrupt(format!("unreadable search state of session {id}: {e}")))?;
    let (answer, next) = match state.answer(prefer, Uuid::now_v7(), &tier_now) {
        Ok(step) => step,
        Err(SearchError::NoQuestion) => return Err(corrupt("an open session without an open question")),
        Err(SearchError::NothingToUndo) => return Ok(Outcome::General),
    };
    let shared = Shared {
        session: id,
        user,
        state: serde_json::to_value(&state).map_err(|e| corrupt(format!("cannot encode a search state: {e}")))?,
        now,
        expires_at: expiry(now, ttl),
        // The state as read, kept for the write's guard; the row gets the new one if it is kept.
        read: std::mem::take(&mut row.state),
        answer,
        new: MediaId(row.media_id),
    };
    match next {
        Next::Ask { pivot, questions_left } => {
            let query = bind_shared!(diesel::sql_query(ASK.as_str()), shared)
                .bind::<SqlUuid, _>(pivot.media.0)
                .bind::<Int8, _>(row.list_version);
            let compared = shared.compared();
            let query = bind_log!(query, &compared);
            let written = Prepared(query).get_result::<AskRow>(conn).await;
            match written {
                Ok(written) if written.updated == 1 => {
                    let step = PlacementStep::Comparing {
                        session: id,
                        against: (pivot.id, MediaSummary::try_from(written.against)?),
                        questions_left,
                        answered: state.answers.len() as u32,
                        expires_at: shared.expires_at,
                    };
                    row.state = shared.state;
                    row.expires_at = shared.expires_at;
                    sessions.put(id, user, row);
                    Ok(Outcome::Done(step))
                }
                // Changed since the probe, or the next pivot's title left the catalog: nothing was written.
                Ok(_) | Err(diesel::result::Error::NotFound) => Ok(Outcome::General),
                Err(e) => Err(store_error(e)),
            }
        }
        Next::Place(anchor) => {
            let Some((slot_tier, key)) = slot(&row, &tier_now, anchor)? else { return Ok(Outcome::General) };
            let ranking = RankingId(Uuid::now_v7());
            let query = bind_shared!(diesel::sql_query(PLACE.as_str()), shared)
                .bind::<SqlUuid, _>(ranking.0)
                .bind::<SqlUuid, _>(shared.new.0)
                .bind::<Int2, _>(slot_tier.index())
                .bind::<Text, _>(key.as_str())
                .bind::<Nullable<Int2>, _>(row.stars)
                .bind::<Int8, _>(row.list_version);
            let placed = LogBinds::from(Some(&activity::placed(user, ranking, shared.new, slot_tier)));
            let compared = shared.compared();
            let query = bind_log!(bind_log!(query, &compared), &placed);
            match Prepared(query).get_result::<TitledRow>(conn).await {
                Ok(ranking) => Ok(Outcome::Done(PlacementStep::Placed {
                    session: id,
                    ranking: fused::titled(ranking).map_err(store_error)?,
                })),
                // The list or the session changed since the probe: nothing was written. A broken constraint (the
                // title deleted meanwhile) is one the general path turns into the domain's answer.
                Err(diesel::result::Error::NotFound | diesel::result::Error::DatabaseError(..)) => Ok(Outcome::General),
                Err(e) => Err(store_error(e)),
            }
        }
    }
}

/// The tier and key of the slot `anchor` names in the tier the probe read, by the domain's list-write rule; `None`
/// when the rule refuses (a neighbour gone) or no key fits without a rebalance (the general path does both).
fn slot(row: &ProbeRow, tier_now: &[TierEntry], anchor: Anchor) -> Result<Option<(Tier, RankKey)>, StoreError> {
    let keys = row.keys.as_deref().unwrap_or_default();
    if keys.len() != tier_now.len() {
        return Err(corrupt("the tier's arrays differ in length"));
    }
    let rows = tier_now
        .iter()
        .zip(keys)
        .map(|(entry, key)| Ok((entry.id, rank_key(key)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let tier = tier(row.tier)?;
    let write = ListWrite::Place { media: MediaId(row.media_id), tier, anchor };
    let Ok(slot) = resolve(&write, &Neighbourhood::of_tier(tier, &rows, anchor)) else { return Ok(None) };
    Ok(slot.key()?.map(|k| (slot.tier, k)))
}
