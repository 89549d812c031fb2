//! [`SyncStateRepository`] on the `sync_state` table, and the catalog look-up a changes sync needs.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;
use marquee_domain::StoreError;
use marquee_domain::media::MediaKind;
use marquee_domain::sync::{SyncProgress, SyncStateRepository};

use super::{PgStore, store_error};
use crate::schema::{media_items, sync_state};

#[async_trait]
impl SyncStateRepository for PgStore {
    async fn sync_progress(&self, job: &str) -> Result<Option<SyncProgress>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let row: Option<(String, i32, Option<DateTime<Utc>>)> = sync_state::table
                .find(job)
                .select((sync_state::params, sync_state::next_step, sync_state::completed_at))
                .first(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(row.map(|(params, next_step, completed_at)| SyncProgress {
                params,
                next_step: u32::try_from(next_step).unwrap_or(0),
                completed_at,
            }))
        })
        .await
    }

    async fn save_sync_progress(&self, job: &str, progress: &SyncProgress) -> Result<(), StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let next_step =
                i32::try_from(progress.next_step).map_err(|_| StoreError::new("a sync step out of range"))?;
            diesel::insert_into(sync_state::table)
                .values((
                    sync_state::job.eq(job),
                    sync_state::params.eq(&progress.params),
                    sync_state::next_step.eq(next_step),
                    sync_state::completed_at.eq(progress.completed_at),
                ))
                .on_conflict(sync_state::job)
                .do_update()
                .set((
                    sync_state::params.eq(excluded(sync_state::params)),
                    sync_state::next_step.eq(excluded(sync_state::next_step)),
                    sync_state::completed_at.eq(excluded(sync_state::completed_at)),
                    sync_state::updated_at.eq(diesel::dsl::now),
                ))
                .execute(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(())
        })
        .await
    }

    async fn known_tmdb_ids(&self, kind: MediaKind, tmdb_ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        self.bounded(async {
            if tmdb_ids.is_empty() {
                return Ok(Vec::new());
            }
            let mut conn = self.conn().await?;
            let found: Vec<Option<i64>> = media_items::table
                .filter(media_items::kind.eq(kind.as_str()))
                .filter(media_items::tmdb_id.eq_any(tmdb_ids))
                .select(media_items::tmdb_id)
                .order(media_items::tmdb_id)
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(found.into_iter().flatten().collect())
        })
        .await
    }
}
