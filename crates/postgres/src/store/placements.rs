//! [`PlacementRepository`] on `placement_sessions` and `comparisons`.
//!
//! Answers take the fast path of [`fused_answer`] when they can (one round trip when this process answered the
//! session's previous question, else two). Every other step is one transaction that starts with the user's list
//! lock (the same `lock_user` as every ranking write), reads the session row and the tier as they are now, lets the
//! domain's [`SearchState`] decide, and writes the answer's comparison row, the session and, when the search ends,
//! the ranking (through the ranking store's own insert path) together.

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity as domain_activity;
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::placement::{
    Action, CONTEXT, Comparison, Next, PlacementError, PlacementId, PlacementRepository, PlacementStep, SearchError,
    SearchState, StartPlacement, TierEntry, entries, expiry,
};
use marquee_domain::ranking::{RankingError, RankingId};
use marquee_domain::slot::ListWrite;
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::activity;
use super::fused_answer;
use super::rankings::{insert, lock_user, locked_slot, media_exists, ranking_of, read_written};
use super::rows::{SummaryRow, stars, tier};
use super::{PgStore, TxError, corrupt, store_error, violated};
use crate::schema::{comparisons, media_items, placement_sessions, rankings};

type Conn = AsyncPgConnection;
type TxResult<T> = Result<T, TxError<PlacementError>>;
/// A tier's rows in key order: ranking id, title, stars, key.
type TierRows = Vec<(Uuid, Uuid, Option<i16>, String)>;

fn fail<T>(err: impl Into<PlacementError>) -> TxResult<T> {
    Err(TxError::Domain(err.into()))
}

fn domain(err: StoreError) -> TxError<PlacementError> {
    TxError::Domain(PlacementError::from(err))
}

/// The ranking store's transaction errors, as this store's.
fn lift<T>(result: Result<T, TxError<RankingError>>) -> TxResult<T> {
    result.map_err(|e| match e {
        TxError::Domain(e) => TxError::Domain(PlacementError::Ranking(e)),
        TxError::Query(e) => TxError::Query(e),
    })
}

/// Ends a transaction: the domain's answer as is; the title deleted under us as `UnknownMedia`.
fn finish<T>(result: TxResult<T>, media: Option<MediaId>) -> Result<T, PlacementError> {
    result.map_err(|e| match e {
        TxError::Domain(e) => e,
        TxError::Query(e) => match (violated(&e, DatabaseErrorKind::ForeignKeyViolation), media) {
            (Some("rankings_media_id_fkey" | "placement_sessions_media_id_fkey"), Some(media)) => {
                PlacementError::Ranking(RankingError::UnknownMedia(media))
            }
            _ => PlacementError::from(store_error(e)),
        },
    })
}

/// The session columns a step needs.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = placement_sessions, check_for_backend(diesel::pg::Pg))]
struct SessionRow {
    id: Uuid,
    media_id: Uuid,
    tier: i16,
    stars: Option<i16>,
    state: serde_json::Value,
    placed: bool,
    expires_at: DateTime<Utc>,
}

/// A session's fixed parts and its search, decoded.
struct Session {
    id: PlacementId,
    media: MediaId,
    tier: Tier,
    stars: Option<Stars>,
    state: SearchState,
}

fn encode(state: &SearchState) -> TxResult<serde_json::Value> {
    serde_json::to_value(state).map_err(|e| domain(corrupt(format!("cannot encode a search state: {e}"))))
}

/// The tier as the search sees it, best first, with each title's stars as its prior; and its rows as read
/// (ranking, title, stars, key), for the session cache.
async fn tier_rows(conn: &mut Conn, user: UserId, tier: Tier) -> TxResult<(Vec<TierEntry>, TierRows)> {
    let rows: TierRows = rankings::table
        .filter(rankings::user_id.eq(user.0))
        .filter(rankings::tier.eq(tier.index()))
        .select((rankings::id, rankings::media_id, rankings::stars, rankings::rank_key))
        .order(rankings::rank_key.asc())
        .load(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for &(id, media, s, _) in &rows {
        out.push((RankingId(id), MediaId(media), stars(s).map_err(domain)?));
    }
    Ok((entries(out), rows))
}

/// The tier as the search sees it (see [`tier_rows`]).
async fn tier_entries(conn: &mut Conn, user: UserId, tier: Tier) -> TxResult<Vec<TierEntry>> {
    Ok(tier_rows(conn, user, tier).await?.0)
}

async fn summary(conn: &mut Conn, media: MediaId) -> TxResult<MediaSummary> {
    let row: SummaryRow = media_items::table.find(media.0).select(SummaryRow::as_select()).first(conn).await?;
    row.try_into().map_err(domain)
}

/// The open session `id` of this user, locked; refuses finished and expired ones.
async fn open_session(conn: &mut Conn, user: UserId, id: PlacementId, now: DateTime<Utc>) -> TxResult<Session> {
    let row: Option<SessionRow> = placement_sessions::table
        .filter(placement_sessions::id.eq(id.0))
        .filter(placement_sessions::user_id.eq(user.0))
        .select(SessionRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?;
    let Some(row) = row else { return fail(PlacementError::NotFound) };
    if row.placed {
        return fail(PlacementError::Finished);
    }
    if row.expires_at <= now {
        return fail(PlacementError::Expired);
    }
    let state = serde_json::from_value(row.state)
        .map_err(|e| domain(corrupt(format!("unreadable search state of session {}: {e}", row.id))))?;
    Ok(Session {
        id: PlacementId(row.id),
        media: MediaId(row.media_id),
        tier: tier(row.tier).map_err(domain)?,
        stars: stars(row.stars).map_err(domain)?,
        state,
    })
}

/// Acts on the search's next step: places the title (the ranking store's insert path) or opens the question,
/// and saves the session.
async fn advance(
    conn: &mut Conn,
    user: UserId,
    session: &Session,
    next: Next,
    now: DateTime<Utc>,
    ttl: Duration,
) -> TxResult<PlacementStep> {
    let state = encode(&session.state)?;
    match next {
        Next::Place(anchor) => {
            // Placed meanwhile by another way (a quick rating, another session) is refused: never twice.
            let write = ListWrite::Place { media: session.media, tier: session.tier, anchor };
            let slot = lift(locked_slot(conn, user, &write).await)?;
            let ranking = lift(insert(conn, user, session.media, &slot, session.stars).await)?;
            diesel::update(placement_sessions::table.find(session.id.0))
                .set((
                    placement_sessions::state.eq(state),
                    placement_sessions::placed.eq(true),
                    placement_sessions::ranking_id.eq(ranking.0),
                    placement_sessions::updated_at.eq(now),
                ))
                .execute(conn)
                .await?;
            let ranking = lift(read_written(conn, user, ranking).await)?;
            Ok(PlacementStep::Placed { session: session.id, ranking })
        }
        Next::Ask { pivot, questions_left } => {
            let expires_at = expiry(now, ttl);
            diesel::update(placement_sessions::table.find(session.id.0))
                .set((
                    placement_sessions::state.eq(state),
                    placement_sessions::updated_at.eq(now),
                    placement_sessions::expires_at.eq(expires_at),
                ))
                .execute(conn)
                .await?;
            Ok(PlacementStep::Comparing {
                session: session.id,
                against: (pivot.id, summary(conn, pivot.media).await?),
                questions_left,
                answered: session.state.answers.len() as u32,
                expires_at,
            })
        }
    }
}

fn search_error(e: SearchError) -> TxError<PlacementError> {
    match e {
        SearchError::NothingToUndo => TxError::Domain(PlacementError::NothingToUndo),
        SearchError::NoQuestion => domain(corrupt("an open session without an open question")),
    }
}

#[async_trait]
impl PlacementRepository for PgStore {
    async fn start(
        &self,
        user: UserId,
        command: &StartPlacement,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<PlacementStep, PlacementError> {
        self.bounded(async {
            let mut conn = self.writer().await.map_err(store_error)?;
            let result = conn
                .transaction(async |conn| {
                    let version = lift(lock_user(conn, user).await)?;
                    if !lift(media_exists(conn, command.media_id).await)? {
                        return fail(RankingError::UnknownMedia(command.media_id));
                    }
                    if let Some((existing, _, _)) = lift(ranking_of(conn, user, command.media_id).await)? {
                        return fail(RankingError::AlreadyRanked(RankingId(existing)));
                    }
                    // Long-expired sessions of this user go now; recently expired ones still answer 410.
                    diesel::delete(
                        placement_sessions::table
                            .filter(placement_sessions::user_id.eq(user.0))
                            .filter(placement_sessions::expires_at.lt(now - chrono::Duration::days(1))),
                    )
                    .execute(conn)
                    .await?;
                    let (tier_now, rows) = tier_rows(conn, user, command.tier).await?;
                    let (state, next) = SearchState::start(&tier_now, command.stars.map(|s| f64::from(s.get())));
                    let session = Session {
                        id: PlacementId(Uuid::now_v7()),
                        media: command.media_id,
                        tier: command.tier,
                        stars: command.stars,
                        state,
                    };
                    let state = encode(&session.state)?;
                    diesel::insert_into(placement_sessions::table)
                        .values((
                            placement_sessions::id.eq(session.id.0),
                            placement_sessions::user_id.eq(user.0),
                            placement_sessions::media_id.eq(session.media.0),
                            placement_sessions::tier.eq(session.tier.index()),
                            placement_sessions::stars.eq(session.stars.map(|s| i16::from(s.get()))),
                            placement_sessions::state.eq(&state),
                            placement_sessions::created_at.eq(now),
                            placement_sessions::updated_at.eq(now),
                            placement_sessions::expires_at.eq(expiry(now, ttl)),
                        ))
                        .execute(conn)
                        .await?;
                    let step = advance(conn, user, &session, next, now, ttl).await?;
                    // A question is open: the first answer can skip its probe (the session as written, the tier as
                    // read under the list lock, whose version this transaction set).
                    let known = matches!(step, PlacementStep::Comparing { .. }).then(|| {
                        let expires_at = expiry(now, ttl);
                        fused_answer::ProbeRow::known(
                            command.media_id,
                            session.tier,
                            command.stars,
                            state,
                            expires_at,
                            version,
                            rows,
                        )
                    });
                    Ok((step, known, session.id))
                })
                .await;
            let (step, known, id) = finish(result, Some(command.media_id))?;
            if let Some(known) = known {
                self.sessions.put(id, user, known);
            }
            Ok(step)
        })
        .await
    }

    async fn act(
        &self,
        user: UserId,
        id: PlacementId,
        action: Action,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<PlacementStep, PlacementError> {
        self.bounded(async {
            let mut conn = self.writer().await.map_err(store_error)?;
            if let Action::Answer(prefer) = action {
                match fused_answer::answer(&mut conn, &self.sessions, user, id, prefer, now, ttl).await? {
                    fused_answer::Outcome::Done(step) => return Ok(step),
                    fused_answer::Outcome::Refused(e) => return Err(e),
                    fused_answer::Outcome::General => {}
                }
            } else {
                self.sessions.forget(id);
            }
            let result = conn
                .transaction(async |conn| {
                    lift(lock_user(conn, user).await)?;
                    let mut session = open_session(conn, user, id, now).await?;
                    let tier_now = tier_entries(conn, user, session.tier).await?;
                    let next = match action {
                        Action::Answer(prefer) => {
                            let comparison = Uuid::now_v7();
                            let (answer, next) =
                                session.state.answer(prefer, comparison, &tier_now).map_err(search_error)?;
                            // The pivot's title may have left the catalog since the question (its ranking with it).
                            // Still ranked in the tier just read: it exists, and one round trip is saved.
                            let ranked = tier_now.iter().any(|e| e.media == answer.pivot.media);
                            if ranked || lift(media_exists(conn, answer.pivot.media).await)? {
                                let (winner, loser, tie) =
                                    Comparison::winner_loser(session.media, answer.pivot.media, prefer);
                                let row = Comparison {
                                    id: comparison,
                                    winner,
                                    loser,
                                    tie,
                                    context: CONTEXT.into(),
                                    source: Some(id.0),
                                    created_at: now,
                                };
                                diesel::insert_into(comparisons::table)
                                    .values((
                                        comparisons::id.eq(row.id),
                                        comparisons::user_id.eq(user.0),
                                        comparisons::winner_id.eq(row.winner.0),
                                        comparisons::loser_id.eq(row.loser.0),
                                        comparisons::tie.eq(row.tie),
                                        comparisons::context.eq(&row.context),
                                        comparisons::source_id.eq(row.source),
                                        comparisons::created_at.eq(row.created_at),
                                    ))
                                    .execute(conn)
                                    .await?;
                                activity::log_one(conn, domain_activity::compared(user, &row)).await?;
                            }
                            next
                        }
                        Action::Undo => {
                            let (answer, next) = session.state.undo(&tier_now).map_err(search_error)?;
                            diesel::delete(comparisons::table.filter(comparisons::id.eq(answer.comparison)))
                                .execute(conn)
                                .await?;
                            activity::withdraw(conn, answer.comparison).await?;
                            next
                        }
                    };
                    advance(conn, user, &session, next, now, ttl).await
                })
                .await;
            finish(result, None)
        })
        .await
    }

    async fn abandon(&self, user: UserId, id: PlacementId) -> Result<(), PlacementError> {
        self.bounded(async {
            self.sessions.forget(id);
            let mut conn = self.conn().await.map_err(store_error)?;
            let placed: Option<bool> = diesel::delete(
                placement_sessions::table
                    .filter(placement_sessions::id.eq(id.0))
                    .filter(placement_sessions::user_id.eq(user.0))
                    .filter(placement_sessions::placed.eq(false)),
            )
            .returning(placement_sessions::placed)
            .get_result(&mut conn)
            .await
            .optional()
            .map_err(store_error)?;
            if placed.is_some() {
                return Ok(());
            }
            let finished: bool = diesel::select(diesel::dsl::exists(
                placement_sessions::table
                    .filter(placement_sessions::id.eq(id.0))
                    .filter(placement_sessions::user_id.eq(user.0)),
            ))
            .get_result(&mut conn)
            .await
            .map_err(store_error)?;
            Err(if finished { PlacementError::Finished } else { PlacementError::NotFound })
        })
        .await
    }

    async fn comparisons(&self, user: UserId, page: PageRequest) -> Result<Page<Comparison>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let mine = comparisons::table.filter(comparisons::user_id.eq(user.0));
            let rows: Vec<(Uuid, Uuid, Uuid, bool, String, Option<Uuid>, DateTime<Utc>)> = mine
                .select((
                    comparisons::id,
                    comparisons::winner_id,
                    comparisons::loser_id,
                    comparisons::tie,
                    comparisons::context,
                    comparisons::source_id,
                    comparisons::created_at,
                ))
                .order((comparisons::created_at.desc(), comparisons::id.desc()))
                .limit(i64::from(page.limit()))
                .offset(i64::from(page.offset()))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            let total: i64 = mine.count().get_result(&mut conn).await.map_err(store_error)?;
            let items = rows
                .into_iter()
                .map(|(id, winner, loser, tie, context, source, created_at)| Comparison {
                    id,
                    winner: MediaId(winner),
                    loser: MediaId(loser),
                    tie,
                    context,
                    source,
                    created_at,
                })
                .collect();
            Ok(Page { items, total: total as u64, request: page })
        })
        .await
    }
}
