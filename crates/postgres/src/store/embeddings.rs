//! [`EmbeddingRepository`] on the `media_embeddings` table: one `real[]` vector per item and model.

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Float4, Integer, Nullable, Text};
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::media::{MediaId, MediaItem, MediaKind};
use marquee_domain::semantic::{EmbeddingRepository, NewEmbedding, StoredEmbedding};
use uuid::Uuid;

use super::rows::MediaRow;
use super::{PgStore, corrupt, store_error};
use crate::schema::media_items;

/// Writes one vector unless its item has been deleted meanwhile (the `SELECT` then yields no row).
const UPSERT: &str = "INSERT INTO media_embeddings (media_id, model, vector, text_hash, updated_at) \
     SELECT m.id, $2, $3, $4, now() FROM media_items m WHERE m.id = $1 \
     ON CONFLICT (media_id, model) DO UPDATE \
     SET vector = excluded.vector, text_hash = excluded.text_hash, updated_at = excluded.updated_at";

/// Items needing a vector: `$1` model, `$2` all, `$3` the id to start after or NULL.
const PENDING: &str = "FROM media_items m \
     LEFT JOIN media_embeddings e ON e.media_id = m.id AND e.model = $1 \
     WHERE ($2 OR e.media_id IS NULL OR e.updated_at < m.updated_at) AND ($3::uuid IS NULL OR m.id > $3)";

#[derive(QueryableByName)]
struct VectorRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    media_id: Uuid,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Array<Float4>)]
    vector: Vec<f32>,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

#[async_trait]
impl EmbeddingRepository for PgStore {
    async fn upsert_embeddings(&self, model: &str, rows: &[NewEmbedding]) -> Result<(), StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            conn.transaction::<_, diesel::result::Error, _>(async |conn| {
                for row in rows {
                    diesel::sql_query(UPSERT)
                        .bind::<diesel::sql_types::Uuid, _>(row.media.0)
                        .bind::<Text, _>(model)
                        .bind::<Array<Float4>, _>(&row.vector)
                        .bind::<Text, _>(&row.text_hash)
                        .execute(conn)
                        .await?;
                }
                Ok(())
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    async fn load_embeddings(
        &self,
        model: &str,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<StoredEmbedding>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<VectorRow> = diesel::sql_query(
                "SELECT e.media_id, m.kind, e.vector FROM media_embeddings e JOIN media_items m ON m.id = e.media_id \
             WHERE e.model = $1 AND ($2::uuid IS NULL OR e.media_id > $2) ORDER BY e.media_id LIMIT $3",
            )
            .bind::<Text, _>(model)
            .bind::<Nullable<diesel::sql_types::Uuid>, _>(after.map(|m| m.0))
            .bind::<BigInt, _>(i64::from(limit))
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            rows.into_iter()
                .map(|r| {
                    let kind: MediaKind =
                        r.kind.parse().map_err(|_| corrupt(format!("unknown media kind {:?}", r.kind)))?;
                    Ok(StoredEmbedding { media: MediaId(r.media_id), kind, vector: r.vector })
                })
                .collect()
        })
        .await
    }

    async fn pending_embeddings(
        &self,
        model: &str,
        all: bool,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<MediaItem>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<MediaRow> = diesel::sql_query(format!("SELECT m.* {PENDING} ORDER BY m.id LIMIT $4"))
                .bind::<Text, _>(model)
                .bind::<Bool, _>(all)
                .bind::<Nullable<diesel::sql_types::Uuid>, _>(after.map(|a| a.0))
                .bind::<Integer, _>(i32::try_from(limit).unwrap_or(i32::MAX))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            rows.into_iter().map(MediaItem::try_from).collect()
        })
        .await
    }

    async fn count_pending_embeddings(&self, model: &str, all: bool) -> Result<u64, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let row: CountRow = diesel::sql_query(format!("SELECT count(*) AS count {PENDING}"))
                .bind::<Text, _>(model)
                .bind::<Bool, _>(all)
                .bind::<Nullable<diesel::sql_types::Uuid>, _>(None::<Uuid>)
                .get_result(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(row.count.unsigned_abs())
        })
        .await
    }

    async fn media_by_ids(&self, ids: &[MediaId]) -> Result<Vec<MediaItem>, StoreError> {
        self.bounded(async {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let mut conn = self.conn().await?;
            let ids: Vec<Uuid> = ids.iter().map(|id| id.0).collect();
            let rows: Vec<MediaRow> = media_items::table
                .filter(media_items::id.eq_any(ids))
                .select(MediaRow::as_select())
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            rows.into_iter().map(MediaItem::try_from).collect()
        })
        .await
    }
}
