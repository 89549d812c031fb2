//! [`MatchupRepository`] on `top4_sets`, `matchups` and `matchup_votes`.
//!
//! A vote is one transaction: the matchup row is locked first (two concurrent votes on it serialise, and the
//! second sees the first's vote), then both sets `FOR UPDATE` in id order, so two votes touching the same two
//! sets from opposite sides cannot deadlock.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::sql_types::{Array, BigInt, Bool, Double, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity as domain_activity;
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

use super::activity;
use super::audience::{AudienceParams, bind_audience, shows};
use super::rows::SummaryRow;
use super::{PgStore, TxError, corrupt, store_error, violated};
use crate::schema::{matchup_votes, matchups, media_items, top4_sets, users};

type Conn = AsyncPgConnection;

/// One set per user.
const USER_KEY: &str = "top4_sets_user_key";

#[derive(Debug, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = top4_sets, check_for_backend(diesel::pg::Pg))]
struct SetRow {
    id: Uuid,
    user_id: Uuid,
    media_1: Uuid,
    media_2: Uuid,
    media_3: Uuid,
    media_4: Uuid,
    rating: f64,
    wins: i32,
    losses: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl SetRow {
    fn media(&self) -> [Uuid; 4] {
        [self.media_1, self.media_2, self.media_3, self.media_4]
    }
}

/// Adds titles and owners to set rows, keeping their order.
async fn complete(conn: &mut Conn, rows: Vec<SetRow>) -> Result<Vec<Top4Set>, diesel::result::Error> {
    let media_ids: Vec<Uuid> = rows.iter().flat_map(SetRow::media).collect();
    let user_ids: Vec<Uuid> = rows.iter().map(|r| r.user_id).collect();
    let summaries: Vec<SummaryRow> = media_items::table
        .filter(media_items::id.eq_any(&media_ids))
        .select(SummaryRow::as_select())
        .load(conn)
        .await?;
    let mut titles = HashMap::with_capacity(summaries.len());
    for row in summaries {
        let summary = MediaSummary::try_from(row).map_err(|e| diesel::result::Error::DeserializationError(e.into()))?;
        titles.insert(summary.id.0, summary);
    }
    let owners: HashMap<Uuid, String> = users::table
        .filter(users::id.eq_any(&user_ids))
        .select((users::id, users::display_name))
        .load::<(Uuid, String)>(conn)
        .await?
        .into_iter()
        .collect();
    rows.into_iter()
        .map(|row| {
            let media = row
                .media()
                .iter()
                .map(|id| titles.get(id).cloned())
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| diesel::result::Error::DeserializationError("a set names a missing title".into()))?;
            Ok(Top4Set {
                id: SetId(row.id),
                user: UserId(row.user_id),
                owner: owners.get(&row.user_id).cloned().unwrap_or_default(),
                media,
                rating: row.rating,
                wins: row.wins.max(0) as u32,
                losses: row.losses.max(0) as u32,
                created_at: row.created_at,
                updated_at: row.updated_at,
            })
        })
        .collect()
}

async fn set_of(conn: &mut Conn, user: UserId) -> Result<Option<Top4Set>, diesel::result::Error> {
    let row = top4_sets::table
        .filter(top4_sets::user_id.eq(user.0))
        .select(SetRow::as_select())
        .first(conn)
        .await
        .optional()?;
    Ok(complete(conn, row.into_iter().collect()).await?.pop())
}

async fn sets_by_id(conn: &mut Conn, ids: &[Uuid]) -> Result<Vec<Top4Set>, diesel::result::Error> {
    let rows = top4_sets::table.filter(top4_sets::id.eq_any(ids)).select(SetRow::as_select()).load(conn).await?;
    complete(conn, rows).await
}

/// The `media_ids[i]` errors for every id of `titles` that names no catalog item.
async fn unknown_titles(conn: &mut Conn, titles: &Top4) -> Result<Vec<FieldError>, diesel::result::Error> {
    let ids: Vec<Uuid> = titles.ids().iter().map(|m| m.0).collect();
    let found: Vec<Uuid> =
        media_items::table.filter(media_items::id.eq_any(&ids)).select(media_items::id).load(conn).await?;
    Ok(ids
        .iter()
        .enumerate()
        .filter(|(_, id)| !found.contains(id))
        .map(|(i, _)| FieldError::new(format!("media_ids[{i}]"), "no media item has this id"))
        .collect())
}

fn tx_store(err: StoreError) -> TxError<MatchupError> {
    TxError::Domain(MatchupError::Store(err))
}

fn finish<T>(result: Result<T, TxError<MatchupError>>) -> Result<T, MatchupError> {
    result.map_err(|e| match e {
        TxError::Domain(e) => e,
        TxError::Query(e) => match violated(&e, DatabaseErrorKind::ForeignKeyViolation) {
            // A title deleted between the check and the write.
            Some(c) if c.starts_with("top4_sets_media_") => {
                MatchupError::Invalid(vec![FieldError::new("media_ids", "a title was deleted while the set was saved")])
            }
            _ => match violated(&e, DatabaseErrorKind::UniqueViolation) {
                Some("matchup_votes_pkey") => MatchupError::AlreadyVoted,
                _ => MatchupError::Store(store_error(e)),
            },
        },
    })
}

#[derive(QueryableByName)]
struct CandidateRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    user_id: Uuid,
    #[diesel(sql_type = Double)]
    rating: f64,
    #[diesel(sql_type = BigInt)]
    votes: i64,
    #[diesel(sql_type = Array<Text>)]
    genres: Vec<String>,
    #[diesel(sql_type = Text)]
    visibility: String,
    #[diesel(sql_type = Bool)]
    followed: bool,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    total: i64,
}

#[async_trait]
impl MatchupRepository for PgStore {
    async fn put_top4(&self, user: UserId, titles: &Top4) -> Result<Top4Set, MatchupError> {
        self.bounded(async {
            let mut conn = self.conn().await.map_err(store_error)?;
            let [m1, m2, m3, m4] = titles.ids().map(|m| m.0);
            // Two first saves of one user at once: one loses on the unique key and goes again, finding the other's.
            for _ in 0..2 {
                let result = conn
                    .transaction(async |conn| {
                        let unknown = unknown_titles(conn, titles).await?;
                        if !unknown.is_empty() {
                            return Err(TxError::Domain(MatchupError::Invalid(unknown)));
                        }
                        let current = top4_sets::table
                            .filter(top4_sets::user_id.eq(user.0))
                            .select(SetRow::as_select())
                            .for_update()
                            .first(conn)
                            .await
                            .optional()?;
                        let logged = match current {
                            Some(row) if titles.same_titles(&row.media().map(MediaId)) => {
                                diesel::update(top4_sets::table.find(row.id))
                                    .set((
                                        top4_sets::media_1.eq(m1),
                                        top4_sets::media_2.eq(m2),
                                        top4_sets::media_3.eq(m3),
                                        top4_sets::media_4.eq(m4),
                                        top4_sets::updated_at.eq(diesel::dsl::now),
                                    ))
                                    .execute(conn)
                                    .await?;
                                let before = row.media().map(MediaId);
                                domain_activity::top4_changed(user, SetId(row.id), Some(&before), titles)
                            }
                            current => {
                                if let Some(row) = current {
                                    diesel::delete(top4_sets::table.find(row.id)).execute(conn).await?;
                                }
                                // A concurrent first save by the same user loses on the unique key: the caller retries.
                                let id = Uuid::now_v7();
                                diesel::insert_into(top4_sets::table)
                                    .values((
                                        top4_sets::id.eq(id),
                                        top4_sets::user_id.eq(user.0),
                                        top4_sets::media_1.eq(m1),
                                        top4_sets::media_2.eq(m2),
                                        top4_sets::media_3.eq(m3),
                                        top4_sets::media_4.eq(m4),
                                    ))
                                    .execute(conn)
                                    .await?;
                                domain_activity::top4_changed(user, SetId(id), None, titles)
                            }
                        };
                        activity::log_one(conn, logged).await?;
                        match set_of(conn, user).await? {
                            Some(set) => Ok(set),
                            None => Err(tx_store(corrupt("a top-4 set vanished right after being written"))),
                        }
                    })
                    .await;
                match result {
                    Err(TxError::Query(e)) if violated(&e, DatabaseErrorKind::UniqueViolation) == Some(USER_KEY) => {}
                    other => return finish(other),
                }
            }
            Err(MatchupError::Store(corrupt("the top-4 set kept changing while it was saved")))
        })
        .await
    }

    async fn top4(&self, user: UserId) -> Result<Option<Top4Set>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            set_of(&mut conn, user).await.map_err(store_error)
        })
        .await
    }

    async fn candidates(&self, voter: UserId) -> Result<Vec<Candidate>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // The owner's visibility and the voter's follow go to the domain, which decides whom the voter may see.
            let rows: Vec<CandidateRow> = diesel::sql_query(
                "SELECT s.id, s.user_id, s.rating, (s.wins + s.losses)::bigint AS votes, \
                   ARRAY(SELECT DISTINCT g FROM media_items m, unnest(m.genres) AS g \
                         WHERE m.id IN (s.media_1, s.media_2, s.media_3, s.media_4) ORDER BY g) AS genres, \
                   u.visibility, \
                   EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = s.user_id \
                           AND f.accepted) AS followed \
                 FROM top4_sets s JOIN users u ON u.id = s.user_id WHERE s.user_id <> $1",
            )
            .bind::<diesel::sql_types::Uuid, _>(voter.0)
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            rows.into_iter()
                .map(|r| {
                    Ok(Candidate {
                        set: SetId(r.id),
                        user: UserId(r.user_id),
                        rating: r.rating,
                        votes: r.votes.clamp(0, i64::from(u32::MAX)) as u32,
                        genres: r.genres,
                        visibility: r
                            .visibility
                            .parse()
                            .map_err(|_| corrupt(format!("unknown visibility {:?}", r.visibility)))?,
                        followed: r.followed,
                    })
                })
                .collect()
        })
        .await
    }

    async fn recent_pairs(&self, voter: UserId, since: DateTime<Utc>) -> Result<Vec<(SetId, SetId)>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<(Uuid, Uuid)> = matchups::table
                .filter(matchups::voter_id.eq(voter.0))
                .filter(matchups::created_at.ge(since))
                .order((matchups::created_at.desc(), matchups::id.desc()))
                .select((matchups::set_a_id, matchups::set_b_id))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(rows.into_iter().map(|(a, b)| (SetId(a), SetId(b))).collect())
        })
        .await
    }

    async fn create_matchup(
        &self,
        id: MatchupId,
        voter: UserId,
        a: SetId,
        b: SetId,
    ) -> Result<Option<Matchup>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let inserted = diesel::insert_into(matchups::table)
                .values((
                    matchups::id.eq(id.0),
                    matchups::voter_id.eq(voter.0),
                    matchups::set_a_id.eq(a.0),
                    matchups::set_b_id.eq(b.0),
                ))
                .returning(matchups::created_at)
                .get_result::<DateTime<Utc>>(&mut conn)
                .await;
            let created_at = match inserted {
                Ok(at) => at,
                Err(e) if violated(&e, DatabaseErrorKind::ForeignKeyViolation).is_some() => return Ok(None),
                Err(e) => return Err(store_error(e)),
            };
            let sets = sets_by_id(&mut conn, &[a.0, b.0]).await.map_err(store_error)?;
            let find = |s: SetId| sets.iter().find(|x| x.id == s).cloned();
            Ok(match (find(a), find(b)) {
                (Some(a), Some(b)) => Some(Matchup { id, a, b, created_at }),
                // Replaced right after the insert: the matchup went with it.
                _ => None,
            })
        })
        .await
    }

    async fn vote(&self, voter: UserId, id: MatchupId, winner: Side, k: f64) -> Result<VoteOutcome, MatchupError> {
        self.bounded(async {
            let mut conn = self.conn().await.map_err(store_error)?;
            let result = conn
                .transaction(async |conn| {
                    let found: Option<(Uuid, Uuid)> = matchups::table
                        .filter(matchups::id.eq(id.0))
                        .filter(matchups::voter_id.eq(voter.0))
                        .select((matchups::set_a_id, matchups::set_b_id))
                        .for_update()
                        .first(conn)
                        .await
                        .optional()?;
                    let Some((set_a, set_b)) = found else { return Err(TxError::Domain(MatchupError::NotFound)) };
                    let voted: bool =
                        diesel::select(diesel::dsl::exists(matchup_votes::table.find(id.0))).get_result(conn).await?;
                    if voted {
                        return Err(TxError::Domain(MatchupError::AlreadyVoted));
                    }
                    // Fixed order: every transaction locks the lower id first.
                    let rows: Vec<SetRow> = top4_sets::table
                        .filter(top4_sets::id.eq_any([set_a, set_b]))
                        .order(top4_sets::id)
                        .select(SetRow::as_select())
                        .for_update()
                        .load(conn)
                        .await?;
                    let (win_id, lose_id) = match winner {
                        Side::A => (set_a, set_b),
                        Side::B => (set_b, set_a),
                    };
                    let (Some(w), Some(l)) =
                        (rows.iter().find(|r| r.id == win_id), rows.iter().find(|r| r.id == lose_id))
                    else {
                        return Err(TxError::Domain(MatchupError::NotFound));
                    };
                    let (w_after, l_after) = elo::update(w.rating, l.rating, k);
                    diesel::update(top4_sets::table.find(w.id))
                        .set((
                            top4_sets::rating.eq(w_after),
                            top4_sets::wins.eq(top4_sets::wins + 1),
                            top4_sets::updated_at.eq(diesel::dsl::now),
                        ))
                        .execute(conn)
                        .await?;
                    diesel::update(top4_sets::table.find(l.id))
                        .set((
                            top4_sets::rating.eq(l_after),
                            top4_sets::losses.eq(top4_sets::losses + 1),
                            top4_sets::updated_at.eq(diesel::dsl::now),
                        ))
                        .execute(conn)
                        .await?;
                    diesel::insert_into(matchup_votes::table)
                        .values((
                            matchup_votes::matchup_id.eq(id.0),
                            matchup_votes::voter_id.eq(voter.0),
                            matchup_votes::winner_set_id.eq(w.id),
                            matchup_votes::loser_set_id.eq(l.id),
                            matchup_votes::winner_media.eq(w.media().to_vec()),
                            matchup_votes::loser_media.eq(l.media().to_vec()),
                            matchup_votes::winner_rating_before.eq(w.rating),
                            matchup_votes::loser_rating_before.eq(l.rating),
                        ))
                        .execute(conn)
                        .await?;
                    activity::log_one(conn, Some(domain_activity::voted(voter, id))).await?;
                    Ok(VoteOutcome {
                        matchup: id,
                        winner,
                        winner_set: (SetId(w.id), w.rating, w_after),
                        loser_set: (SetId(l.id), l.rating, l_after),
                    })
                })
                .await;
            finish(result)
        })
        .await
    }

    async fn leaderboard(&self, audience: &Audience, page: PageRequest) -> Result<Page<Top4Set>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let params = AudienceParams::new(audience);
            let from = format!("FROM top4_sets s JOIN users u ON u.id = s.user_id WHERE {}", shows("u", 1));
            let rows: Vec<SetRow> = bind_audience!(
                diesel::sql_query(format!(
                    "SELECT s.* {from} ORDER BY s.rating DESC, (s.wins + s.losses) DESC, s.id LIMIT $5 OFFSET $6"
                )),
                params
            )
            .bind::<BigInt, _>(i64::from(page.limit()))
            .bind::<BigInt, _>(i64::from(page.offset()))
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            let total: Counted = bind_audience!(diesel::sql_query(format!("SELECT count(*) AS total {from}")), params)
                .get_result(&mut conn)
                .await
                .map_err(store_error)?;
            let items = complete(&mut conn, rows).await.map_err(store_error)?;
            Ok(Page { items, total: u64::try_from(total.total).unwrap_or_default(), request: page })
        })
        .await
    }
}
