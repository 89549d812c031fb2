//! [`ChartRepository`] on `consensus_scores`, reading `comparisons` and `rankings` as the fit's inputs.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Nullable, Text, Timestamptz};
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::consensus::{
    CHART_ERRORS, ChartEntry, ChartFilter, ChartInputs, ChartRepository, ConsensusScore, Outcome,
};
use marquee_domain::media::{MediaId, MediaKind, MediaSummary};
use marquee_domain::page::Page;
use uuid::Uuid;

use super::rows::SummaryRow;
use super::{PgStore, store_error};
use crate::schema::{comparisons, rankings};

#[derive(QueryableByName)]
struct ChartRow {
    #[diesel(embed)]
    media: SummaryRow,
    #[diesel(sql_type = Double)]
    strength: f64,
    #[diesel(sql_type = Double)]
    uncertainty: f64,
    #[diesel(sql_type = BigInt)]
    comparisons: i64,
    #[diesel(sql_type = Timestamptz)]
    fitted_at: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// `$1` kind or NULL, `$2` genre (lower-cased) or NULL.
const CHART_MATCH: &str = "FROM consensus_scores c JOIN media_items m ON m.id = c.media_id \
     WHERE ($1::text IS NULL OR m.kind = $1) \
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(m.genres) AS g WHERE lower(g) = $2))";

#[async_trait]
impl ChartRepository for PgStore {
    async fn chart_inputs(&self) -> Result<ChartInputs, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let outcomes: Vec<(Uuid, Uuid, bool)> = comparisons::table
                .select((comparisons::winner_id, comparisons::loser_id, comparisons::tie))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            // Tier 0 is S: ordering by tier then key reads each list best first.
            let ranked: Vec<(Uuid, Uuid)> = rankings::table
                .order((rankings::user_id, rankings::tier, rankings::rank_key))
                .select((rankings::user_id, rankings::media_id))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            let mut lists: Vec<Vec<MediaId>> = Vec::new();
            let mut current: Option<Uuid> = None;
            for (user, media) in ranked {
                if current != Some(user) {
                    lists.push(Vec::new());
                    current = Some(user);
                }
                if let Some(list) = lists.last_mut() {
                    list.push(MediaId(media));
                }
            }
            let comparisons = outcomes
                .into_iter()
                .map(|(w, l, tie)| Outcome { winner: MediaId(w), loser: MediaId(l), tie })
                .collect();
            Ok(ChartInputs { comparisons, lists })
        })
        .await
    }

    async fn replace_chart(&self, scores: &[ConsensusScore], fitted_at: DateTime<Utc>) -> Result<(), StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let ids: Vec<Uuid> = scores.iter().map(|s| s.media.0).collect();
            let strengths: Vec<f64> = scores.iter().map(|s| s.strength).collect();
            let errors: Vec<f64> = scores.iter().map(|s| s.uncertainty).collect();
            let counts: Vec<i64> = scores.iter().map(|s| s.comparisons.min(i64::MAX as u64) as i64).collect();
            conn.transaction(async |conn| {
                diesel::delete(crate::schema::consensus_scores::table).execute(conn).await?;
                // The join skips titles deleted since the inputs were read.
                diesel::sql_query(
                    "INSERT INTO consensus_scores (media_id, strength, uncertainty, comparisons, fitted_at) \
                 SELECT v.id, v.strength, v.uncertainty, v.comparisons, $5 \
                 FROM unnest($1, $2, $3, $4) AS v(id, strength, uncertainty, comparisons) \
                 JOIN media_items m ON m.id = v.id",
                )
                .bind::<Array<diesel::sql_types::Uuid>, _>(&ids)
                .bind::<Array<Double>, _>(&strengths)
                .bind::<Array<Double>, _>(&errors)
                .bind::<Array<BigInt>, _>(&counts)
                .bind::<Timestamptz, _>(fitted_at)
                .execute(conn)
                .await?;
                Ok::<_, diesel::result::Error>(())
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    // Ordered as `consensus::chart_position_score`: strength less `CHART_ERRORS` standard errors.
    async fn chart(&self, filter: &ChartFilter) -> Result<Page<ChartEntry>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let kind = filter.kind.map(MediaKind::as_str);
            let genre = filter.genre.as_deref().map(str::to_lowercase);
            let rows: Vec<ChartRow> = diesel::sql_query(format!(
                "SELECT m.id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path, \
               c.strength, c.uncertainty, c.comparisons, c.fitted_at, count(*) OVER () AS total \
             {CHART_MATCH} ORDER BY c.strength - {CHART_ERRORS:.1} * c.uncertainty DESC, c.media_id LIMIT $3 OFFSET $4"
            ))
            .bind::<Nullable<Text>, _>(kind)
            .bind::<Nullable<Text>, _>(genre.as_deref())
            .bind::<BigInt, _>(i64::from(filter.page.limit()))
            .bind::<BigInt, _>(i64::from(filter.page.offset()))
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            let total = match rows.as_slice().first() {
                Some(row) => row.total,
                None if filter.page.offset() == 0 => 0,
                None => {
                    #[derive(QueryableByName)]
                    struct Count {
                        #[diesel(sql_type = BigInt)]
                        count: i64,
                    }
                    let count: Count = diesel::sql_query(format!("SELECT count(*) AS count {CHART_MATCH}"))
                        .bind::<Nullable<Text>, _>(kind)
                        .bind::<Nullable<Text>, _>(genre.as_deref())
                        .get_result(&mut conn)
                        .await
                        .map_err(store_error)?;
                    count.count
                }
            };
            let mut items = Vec::with_capacity(rows.len());
            for row in rows {
                items.push(ChartEntry {
                    media: MediaSummary::try_from(row.media)?,
                    strength: row.strength,
                    uncertainty: row.uncertainty,
                    comparisons: row.comparisons.max(0) as u64,
                    fitted_at: row.fitted_at,
                });
            }
            Ok(Page { items, total: total as u64, request: filter.page })
        })
        .await
    }

    async fn strengths(&self, media: &[MediaId]) -> Result<std::collections::HashMap<MediaId, f64>, StoreError> {
        #[derive(QueryableByName)]
        struct StrengthRow {
            #[diesel(sql_type = diesel::sql_types::Uuid)]
            media_id: Uuid,
            #[diesel(sql_type = Double)]
            strength: f64,
        }
        if media.is_empty() {
            return Ok(std::collections::HashMap::new());
        }
        let ids: Vec<Uuid> = media.iter().map(|m| m.0).collect();
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<StrengthRow> =
                diesel::sql_query("SELECT media_id, strength FROM consensus_scores WHERE media_id = ANY($1)")
                    .bind::<Array<diesel::sql_types::Uuid>, _>(&ids)
                    .load(&mut conn)
                    .await
                    .map_err(store_error)?;
            Ok(rows.into_iter().map(|r| (MediaId(r.media_id), r.strength)).collect())
        })
        .await
    }
}
