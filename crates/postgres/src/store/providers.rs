//! The provider-facing ports on PostgreSQL: [`CatalogUpsert`] (remote titles into `media_items`: TMDb's films and
//! shows by TMDb id, Open Library's books by work key) and
//! [`AvailabilityStore`] (`availability_cache`, `user_services`).

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Int2, Jsonb, Nullable, Text, Uuid as SqlUuid};
use diesel::upsert::excluded;
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::availability::{AvailabilityStore, CachedOffers, Offer, Region, UserServices, service_key};
use marquee_domain::media::{MediaFields, MediaId, MediaItem};
use marquee_domain::remote::CatalogUpsert;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::rows::MediaRow;
use super::{PgStore, corrupt, store_error};
use crate::schema::{availability_cache, user_services};

/// The conflict target of films and shows: the unique (kind, TMDb id) index.
const BY_TMDB_ID: &str = "(kind, tmdb_id) WHERE tmdb_id IS NOT NULL";

/// The conflict target of Open Library's books: the unique (kind, work key) index of migration
/// `2026-12-08-000010_openlibrary_books`.
const BY_WORK_KEY: &str =
    "(kind, (attributes #>> '{openlibrary,key}')) WHERE attributes #>> '{openlibrary,key}' IS NOT NULL";

/// Inserts a remote title, or refreshes the one of the same key (`target`: kind + TMDb id, or kind + Open Library
/// work key) unless a user made it or nothing changed (so a second sync of the same data writes nothing). The IMDb
/// id is only ever added, never erased: list endpoints do not send it.
fn upsert_sql(target: &str) -> String {
    format!("{UPSERT_HEAD} ON CONFLICT {target} {UPSERT_UPDATE}")
}

const UPSERT_HEAD: &str = "INSERT INTO media_items \
       (id, kind, title, original_title, year, overview, genres, poster_path, tmdb_id, imdb_id, attributes) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

const UPSERT_UPDATE: &str = "DO UPDATE SET \
       title = EXCLUDED.title, original_title = EXCLUDED.original_title, year = EXCLUDED.year, \
       overview = EXCLUDED.overview, genres = EXCLUDED.genres, poster_path = EXCLUDED.poster_path, \
       imdb_id = coalesce(EXCLUDED.imdb_id, media_items.imdb_id), \
       attributes = media_items.attributes || EXCLUDED.attributes, updated_at = now() \
     WHERE media_items.created_by IS NULL \
       AND (media_items.title, media_items.original_title, media_items.year, media_items.overview, \
            media_items.genres, media_items.poster_path, media_items.imdb_id, media_items.attributes) \
           IS DISTINCT FROM \
           (EXCLUDED.title, EXCLUDED.original_title, EXCLUDED.year, EXCLUDED.overview, EXCLUDED.genres, \
            EXCLUDED.poster_path, coalesce(EXCLUDED.imdb_id, media_items.imdb_id), \
            media_items.attributes || EXCLUDED.attributes)";

#[async_trait]
impl CatalogUpsert for PgStore {
    async fn upsert_remote(&self, items: &[MediaFields]) -> Result<Vec<MediaItem>, StoreError> {
        self.bounded(async {
            let items: Vec<&MediaFields> =
                items.iter().filter(|f| f.tmdb_id.is_some() || f.openlibrary_key().is_some()).collect();
            if items.is_empty() {
                return Ok(Vec::new());
            }
            let (by_tmdb, by_work) = (upsert_sql(BY_TMDB_ID), upsert_sql(BY_WORK_KEY));
            let mut conn = self.conn().await?;
            let rows: Vec<MediaRow> = conn
                .transaction(async |conn| {
                    for f in &items {
                        let sql = if f.tmdb_id.is_some() { &by_tmdb } else { &by_work };
                        diesel::sql_query(sql)
                            .bind::<SqlUuid, _>(Uuid::now_v7())
                            .bind::<Text, _>(f.kind.as_str())
                            .bind::<Text, _>(&f.title)
                            .bind::<Nullable<Text>, _>(&f.original_title)
                            .bind::<Nullable<Int2>, _>(f.year)
                            .bind::<Nullable<Text>, _>(&f.overview)
                            .bind::<Array<Text>, _>(&f.genres)
                            .bind::<Nullable<Text>, _>(&f.poster_path)
                            .bind::<Nullable<BigInt>, _>(f.tmdb_id)
                            .bind::<Nullable<Text>, _>(&f.imdb_id)
                            .bind::<Jsonb, _>(&f.attributes)
                            .execute(conn)
                            .await?;
                    }
                    let (films, books): (Vec<&&MediaFields>, Vec<&&MediaFields>) =
                        items.iter().partition(|f| f.tmdb_id.is_some());
                    let kinds: Vec<&str> = films.iter().map(|f| f.kind.as_str()).collect();
                    let ids: Vec<i64> = films.iter().filter_map(|f| f.tmdb_id).collect();
                    let book_kinds: Vec<&str> = books.iter().map(|f| f.kind.as_str()).collect();
                    let works: Vec<&str> = books.iter().filter_map(|f| f.openlibrary_key()).collect();
                    diesel::sql_query(
                        "SELECT m.* FROM media_items m \
                     JOIN unnest($1::text[], $2::bigint[]) AS k(kind, tmdb_id) \
                       ON m.kind = k.kind AND m.tmdb_id = k.tmdb_id \
                     UNION ALL \
                     SELECT m.* FROM media_items m \
                     JOIN unnest($3::text[], $4::text[]) AS w(kind, work) \
                       ON m.kind = w.kind AND (m.attributes #>> '{openlibrary,key}') = w.work",
                    )
                    .bind::<Array<Text>, _>(kinds)
                    .bind::<Array<BigInt>, _>(ids)
                    .bind::<Array<Text>, _>(book_kinds)
                    .bind::<Array<Text>, _>(works)
                    .load(conn)
                    .await
                })
                .await
                .map_err(store_error)?;
            // Rows by their key: the TMDb id, or a book's work key.
            let key_of = |kind: &str, tmdb: Option<i64>, work: Option<&str>| match (tmdb, work) {
                (Some(id), _) => Some(format!("{kind}/tmdb/{id}")),
                (None, Some(work)) => Some(format!("{kind}/openlibrary/{work}")),
                (None, None) => None,
            };
            let mut by_key: HashMap<String, MediaRow> = rows
                .into_iter()
                .filter_map(|r| {
                    let key = key_of(&r.kind, r.tmdb_id, marquee_domain::book::work_key(&r.attributes))?;
                    Some((key, r))
                })
                .collect();
            items
                .iter()
                .filter_map(|f| by_key.remove(&key_of(f.kind.as_str(), f.tmdb_id, f.openlibrary_key())?))
                .map(MediaItem::try_from)
                .collect()
        })
        .await
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = availability_cache, check_for_backend(diesel::pg::Pg))]
struct CacheRow {
    provider: String,
    offers: serde_json::Value,
    fetched_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = user_services, check_for_backend(diesel::pg::Pg))]
struct ServicesRow {
    region: String,
    services: Vec<String>,
}

#[derive(QueryableByName)]
struct MediaIdRow {
    #[diesel(sql_type = SqlUuid)]
    media_id: Uuid,
}

/// Replaces a user's services (also inside an import's transaction).
pub(super) async fn upsert_services(
    conn: &mut diesel_async::AsyncPgConnection,
    user: UserId,
    services: &UserServices,
) -> QueryResult<()> {
    diesel::insert_into(user_services::table)
        .values((
            user_services::user_id.eq(user.0),
            user_services::region.eq(services.region.as_str()),
            user_services::services.eq(&services.services),
        ))
        .on_conflict(user_services::user_id)
        .do_update()
        .set((
            user_services::region.eq(excluded(user_services::region)),
            user_services::services.eq(excluded(user_services::services)),
            user_services::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

#[async_trait]
impl AvailabilityStore for PgStore {
    async fn cached(&self, media: MediaId, region: &Region) -> Result<Vec<CachedOffers>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let rows: Vec<CacheRow> = availability_cache::table
                .filter(availability_cache::media_id.eq(media.0))
                .filter(availability_cache::region.eq(region.as_str()))
                .order(availability_cache::provider)
                .select(CacheRow::as_select())
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            rows.into_iter()
                .map(|r| {
                    let offers: Vec<Offer> = serde_json::from_value(r.offers)
                        .map_err(|e| corrupt(format!("cached offers of {}: {e}", r.provider)))?;
                    Ok(CachedOffers { provider: r.provider, offers, fetched_at: r.fetched_at })
                })
                .collect()
        })
        .await
    }

    async fn store(&self, media: MediaId, region: &Region, entry: &CachedOffers) -> Result<(), StoreError> {
        self.bounded(async {
            let offers = serde_json::to_value(&entry.offers).map_err(|e| corrupt(format!("offers: {e}")))?;
            let mut conn = self.conn().await?;
            diesel::insert_into(availability_cache::table)
                .values((
                    availability_cache::media_id.eq(media.0),
                    availability_cache::region.eq(region.as_str()),
                    availability_cache::provider.eq(&entry.provider),
                    availability_cache::offers.eq(&offers),
                    availability_cache::fetched_at.eq(entry.fetched_at),
                ))
                .on_conflict((availability_cache::media_id, availability_cache::region, availability_cache::provider))
                .do_update()
                .set((
                    availability_cache::offers.eq(excluded(availability_cache::offers)),
                    availability_cache::fetched_at.eq(excluded(availability_cache::fetched_at)),
                ))
                .execute(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(())
        })
        .await
    }

    async fn streamable(
        &self,
        media: &[MediaId],
        region: &Region,
        services: &[String],
    ) -> Result<HashSet<MediaId>, StoreError> {
        self.bounded(async {
            if media.is_empty() || services.is_empty() {
                return Ok(HashSet::new());
            }
            let ids: Vec<Uuid> = media.iter().map(|m| m.0).collect();
            let keys: Vec<String> = services.iter().map(|s| service_key(s)).collect();
            let mut conn = self.conn().await?;
            // The same normalisation as `service_key`: trimmed, inner spaces collapsed, lower case.
            let rows: Vec<MediaIdRow> = diesel::sql_query(
                "SELECT DISTINCT c.media_id FROM availability_cache c, jsonb_array_elements(c.offers) o \
             WHERE c.media_id = ANY($1) AND c.region = $2 \
               AND o->>'kind' IN ('subscription', 'free', 'ads') \
               AND lower(regexp_replace(btrim(o->>'service'), '\\s+', ' ', 'g')) = ANY($3)",
            )
            .bind::<Array<SqlUuid>, _>(ids)
            .bind::<Text, _>(region.as_str())
            .bind::<Array<Text>, _>(keys)
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            Ok(rows.into_iter().map(|r| MediaId(r.media_id)).collect())
        })
        .await
    }

    async fn set_services(&self, user: UserId, services: &UserServices) -> Result<(), StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            upsert_services(&mut conn, user, services).await.map_err(store_error)
        })
        .await
    }

    async fn services(&self, user: UserId) -> Result<Option<UserServices>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let row: Option<ServicesRow> = user_services::table
                .find(user.0)
                .select(ServicesRow::as_select())
                .first(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            row.map(|r| {
                let region = Region::new(&r.region).map_err(|e| corrupt(e.to_string()))?;
                Ok(UserServices { region, services: r.services })
            })
            .transpose()
        })
        .await
    }
}
