//! [`RecommendationRepository`] on `interactions` and the `rec_*` model tables, reading rankings, comparisons,
//! matchup votes and top-4 sets as signals.

use std::collections::HashMap;
use std::sync::LazyLock;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::sql_types::{Array, BigInt, Float4, Int2, Int4, Nullable, Text, Timestamptz};
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::privacy::Audience;
use marquee_domain::recommend::service::{
    InteractionError, InteractionKind, ModelInfo, NewModel, RecommendationRepository, Signal, SignalSource, StoredModel,
};
use marquee_domain::recommend::snapshot::ItemFactors;
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::audience::{AudienceParams, bind_audience, shows};
use super::prepared::Prepared;
use super::rows::SummaryRow;
use super::{PgStore, corrupt, store_error, violated};
use crate::schema::{interactions, media_items, rec_item_factors, rec_models, rec_user_factors};

#[derive(QueryableByName)]
struct SignalRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    user_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    media_id: Uuid,
    #[diesel(sql_type = Text)]
    source: String,
    #[diesel(sql_type = Nullable<Int2>)]
    tier: Option<i16>,
    #[diesel(sql_type = Nullable<BigInt>)]
    position: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    tier_size: Option<i64>,
    #[diesel(sql_type = Timestamptz)]
    at: DateTime<Utc>,
}

/// Every signal source as one statement; with a non-empty `user` (a bind parameter) only that user's.
fn signals_sql(user: &str) -> String {
    let only = |column: &str| if user.is_empty() { "TRUE".to_owned() } else { format!("{column} = {user}") };
    format!(
        "SELECT r.user_id, r.media_id, 'ranked' AS source, r.tier, \
                row_number() OVER (PARTITION BY r.user_id, r.tier ORDER BY r.rank_key) AS position, \
                count(*) OVER (PARTITION BY r.user_id, r.tier) AS tier_size, r.updated_at AS at \
           FROM rankings r WHERE {r} \
         UNION ALL \
         SELECT c.user_id, c.winner_id, 'compared', NULL::int2, NULL::int8, NULL::int8, c.created_at \
           FROM comparisons c WHERE NOT c.tie AND {c} \
         UNION ALL \
         SELECT v.voter_id, m, 'matchup', NULL::int2, NULL::int8, NULL::int8, v.created_at \
           FROM matchup_votes v CROSS JOIN LATERAL unnest(v.winner_media) AS m WHERE {v} \
         UNION ALL \
         SELECT s.user_id, m, 'top4', NULL::int2, NULL::int8, NULL::int8, s.updated_at \
           FROM top4_sets s CROSS JOIN LATERAL unnest(ARRAY[s.media_1, s.media_2, s.media_3, s.media_4]) AS m \
          WHERE {s} \
         UNION ALL \
         SELECT i.user_id, i.media_id, i.kind, NULL::int2, NULL::int8, NULL::int8, i.created_at \
           FROM interactions i WHERE {i}",
        r = only("r.user_id"),
        c = only("c.user_id"),
        v = only("v.voter_id"),
        s = only("s.user_id"),
        i = only("i.user_id"),
    )
}

/// One user's signals: a fixed text, so [`Prepared`] may cache it.
static USER_SIGNALS: LazyLock<String> = LazyLock::new(|| signals_sql("$1"));

fn signal(row: &SignalRow) -> Result<Signal, StoreError> {
    let source = match row.source.as_str() {
        "ranked" => {
            let tier = row.tier.and_then(Tier::from_index).ok_or_else(|| corrupt("a ranking without a tier"))?;
            let position = row.position.and_then(|p| u64::try_from(p).ok()).unwrap_or(1);
            let tier_size = row.tier_size.and_then(|p| u64::try_from(p).ok()).unwrap_or(1);
            SignalSource::Ranked { tier, position, tier_size }
        }
        "compared" => SignalSource::Compared,
        "matchup" => SignalSource::Matchup,
        "top4" => SignalSource::Top4,
        other => SignalSource::Interaction(
            other.parse().map_err(|_| corrupt(format!("unknown interaction kind {other:?}")))?,
        ),
    };
    Ok(Signal { user: UserId(row.user_id), media: MediaId(row.media_id), source, at: row.at })
}

fn info(id: i64, trained_at: DateTime<Utc>, factors: i32) -> Result<ModelInfo, StoreError> {
    let factors = usize::try_from(factors).map_err(|_| corrupt("a model with negative factors"))?;
    Ok(ModelInfo { version: id, trained_at, factors })
}

/// The vectors of `rows`, flattened, for one `unnest … WITH ORDINALITY` insert.
fn flatten<I: Copy>(rows: &[(I, Vec<f32>)], k: usize) -> Result<(Vec<I>, Vec<f32>), StoreError> {
    let mut flat = Vec::with_capacity(rows.len() * k);
    for (_, v) in rows {
        if v.len() != k {
            return Err(corrupt(format!("a factor vector of {} floats in a model of {k}", v.len())));
        }
        flat.extend_from_slice(v);
    }
    Ok((rows.iter().map(|(id, _)| *id).collect(), flat))
}

/// Inserts one row per id, taking its vector as the id's slice of `flat` (`k` floats each).
fn insert_factors_sql(table: &str, column: &str) -> String {
    format!(
        "INSERT INTO {table} (model_id, {column}, vector) \
         SELECT $1, t.id, $3[(t.n - 1) * $4 + 1 : t.n * $4] FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)"
    )
}

#[async_trait]
impl RecommendationRepository for PgStore {
    async fn signals(&self) -> Result<Vec<Signal>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<SignalRow> = diesel::sql_query(signals_sql("")).load(&mut conn).await.map_err(store_error)?;
            rows.iter().map(signal).collect()
        })
        .await
    }

    async fn user_signals(&self, user: UserId) -> Result<Vec<Signal>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // Every recommendation request runs this: prepared once per connection, it is no longer planned per call.
            let rows: Vec<SignalRow> =
                Prepared(diesel::sql_query(USER_SIGNALS.as_str()).bind::<diesel::sql_types::Uuid, _>(user.0))
                    .load(&mut conn)
                    .await
                    .map_err(store_error)?;
            rows.iter().map(signal).collect()
        })
        .await
    }

    async fn record_interaction(
        &self,
        user: UserId,
        media: MediaId,
        kind: InteractionKind,
    ) -> Result<(), InteractionError> {
        self.bounded(async {
            let mut conn = self.conn().await.map_err(store_error)?;
            let written = diesel::insert_into(interactions::table)
                .values((
                    interactions::user_id.eq(user.0),
                    interactions::media_id.eq(media.0),
                    interactions::kind.eq(kind.as_str()),
                ))
                .on_conflict((interactions::user_id, interactions::media_id, interactions::kind))
                .do_update()
                .set(interactions::created_at.eq(diesel::dsl::now))
                .execute(&mut conn)
                .await;
            match written {
                Ok(_) => Ok(()),
                Err(e)
                    if violated(&e, DatabaseErrorKind::ForeignKeyViolation) == Some("interactions_media_id_fkey") =>
                {
                    Err(InteractionError::UnknownMedia(media))
                }
                Err(e) => Err(store_error(e).into()),
            }
        })
        .await
    }

    async fn catalog(&self) -> Result<Vec<MediaSummary>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<SummaryRow> = media_items::table
                .order(media_items::id)
                .select(SummaryRow::as_select())
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            rows.into_iter().map(MediaSummary::try_from).collect()
        })
        .await
    }

    async fn followed_fans(
        &self,
        user: UserId,
        audience: &Audience,
        media: &[MediaId],
    ) -> Result<HashMap<MediaId, u32>, StoreError> {
        self.bounded(async {
            #[derive(QueryableByName)]
            struct Fans {
                #[diesel(sql_type = diesel::sql_types::Uuid)]
                media_id: Uuid,
                #[diesel(sql_type = BigInt)]
                fans: i64,
            }
            let mut conn = self.conn().await?;
            let ids: Vec<Uuid> = media.iter().map(|m| m.0).collect();
            let params = AudienceParams::new(audience);
            // Tier 1 is A: `tier <= 1` is A or S.
            let rows: Vec<Fans> = bind_audience!(
                diesel::sql_query(format!(
                    "SELECT r.media_id, count(*) AS fans FROM follows f \
                     JOIN users u ON u.id = f.followee_id AND {} \
                     JOIN rankings r ON r.user_id = f.followee_id AND r.tier <= 1 AND r.media_id = ANY($2) \
                     WHERE f.follower_id = $1 AND f.accepted GROUP BY r.media_id",
                    shows("u", 3)
                ))
                .bind::<diesel::sql_types::Uuid, _>(user.0)
                .bind::<Array<diesel::sql_types::Uuid>, _>(&ids),
                params
            )
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            Ok(rows.into_iter().map(|r| (MediaId(r.media_id), u32::try_from(r.fans).unwrap_or(u32::MAX))).collect())
        })
        .await
    }

    async fn save_model(&self, model: &NewModel) -> Result<ModelInfo, StoreError> {
        self.bounded(async {
            let k = model.factors.factors;
            let k_sql = i32::try_from(k).map_err(|_| corrupt("too many factors"))?;
            let (items, item_flat) = flatten(&model.factors.items, k)?;
            let (users, user_flat) = flatten(&model.users, k)?;
            let items: Vec<Uuid> = items.into_iter().map(|m: MediaId| m.0).collect();
            let users: Vec<Uuid> = users.into_iter().map(|u: UserId| u.0).collect();
            let mut conn = self.conn().await?;
            let result = conn
                .transaction::<_, diesel::result::Error, _>(async |conn| {
                    let row: (i64, DateTime<Utc>, i32) = diesel::insert_into(rec_models::table)
                        .values((
                            rec_models::trained_at.eq(model.trained_at),
                            rec_models::factors.eq(k_sql),
                            rec_models::settings.eq(&model.settings),
                        ))
                        .returning((rec_models::id, rec_models::trained_at, rec_models::factors))
                        .get_result(conn)
                        .await?;
                    for (table, column, ids, flat) in [
                        ("rec_item_factors", "media_id", &items, &item_flat),
                        ("rec_user_factors", "user_id", &users, &user_flat),
                    ] {
                        diesel::sql_query(insert_factors_sql(table, column))
                            .bind::<BigInt, _>(row.0)
                            .bind::<Array<diesel::sql_types::Uuid>, _>(ids)
                            .bind::<Array<Float4>, _>(flat)
                            .bind::<Int4, _>(k_sql)
                            .execute(conn)
                            .await?;
                    }
                    // Keep this model and the one before it (a serving instance may still be loading that one).
                    diesel::sql_query(
                        "DELETE FROM rec_models WHERE id < (SELECT max(id) FROM rec_models WHERE id < $1)",
                    )
                    .bind::<BigInt, _>(row.0)
                    .execute(conn)
                    .await?;
                    Ok(row)
                })
                .await;
            // The factors went out as one bind message of 8 bytes per float (10 MiB for 10,000 titles × 128), and the
            // connection keeps the buffers it encoded them in at that size for as long as it lives. Close it rather than
            // give it back to the pool: the next user opens a fresh one, and the process's memory falls back.
            conn.close();
            let (id, trained_at, factors) = result.map_err(store_error)?;
            info(id, trained_at, factors)
        })
        .await
    }

    async fn latest_model(&self) -> Result<Option<ModelInfo>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let row: Option<(i64, DateTime<Utc>, i32)> = rec_models::table
                .order(rec_models::id.desc())
                .select((rec_models::id, rec_models::trained_at, rec_models::factors))
                .first(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            row.map(|(id, at, k)| info(id, at, k)).transpose()
        })
        .await
    }

    async fn load_latest_model(&self) -> Result<Option<StoredModel>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // One snapshot for the three reads: a model deleted meanwhile cannot leave its factors half read.
            let loaded = conn
                .build_transaction()
                .repeatable_read()
                .read_only()
                .run::<_, diesel::result::Error, _>(async |conn| {
                    let Some(row) = rec_models::table
                        .order(rec_models::id.desc())
                        .select((rec_models::id, rec_models::trained_at, rec_models::factors, rec_models::settings))
                        .first::<(i64, DateTime<Utc>, i32, serde_json::Value)>(conn)
                        .await
                        .optional()?
                    else {
                        return Ok(None);
                    };
                    let items: Vec<(Uuid, Vec<f32>)> = rec_item_factors::table
                        .filter(rec_item_factors::model_id.eq(row.0))
                        .select((rec_item_factors::media_id, rec_item_factors::vector))
                        .load(conn)
                        .await?;
                    let users: Vec<(Uuid, Vec<f32>)> = rec_user_factors::table
                        .filter(rec_user_factors::model_id.eq(row.0))
                        .select((rec_user_factors::user_id, rec_user_factors::vector))
                        .load(conn)
                        .await?;
                    Ok(Some((row, items, users)))
                })
                .await
                .map_err(store_error)?;
            let Some(((id, trained_at, factors, settings), items, users)) = loaded else { return Ok(None) };
            let info = info(id, trained_at, factors)?;
            Ok(Some(StoredModel {
                info,
                settings,
                factors: ItemFactors {
                    factors: info.factors,
                    items: items.into_iter().map(|(id, v)| (MediaId(id), v)).collect(),
                },
                users: users.into_iter().map(|(id, v)| (UserId(id), v)).collect(),
            }))
        })
        .await
    }
}
