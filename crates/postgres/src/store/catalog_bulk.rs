//! [`CatalogBulkWriter`]: the catalog-sized imports (MovieLens) in multi-row statements, one transaction per
//! call: catalog upserts, accounts, and whole lists.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Int2, Nullable, Text, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::imports::{BulkRanking, CatalogBulkWriter, CatalogUpsert};
use marquee_domain::media::{MediaFields, MediaId};
use marquee_domain::user::{NewUser, UserId};
use uuid::Uuid;

use super::imports::{Conn, GENRE_SEPARATOR, TxResult, finish, insert_items, insert_rankings, locked};
use super::{PgStore, TxError, corrupt, store_error};
use crate::schema::{rankings, users};

#[derive(QueryableByName)]
struct UpsertedRow {
    #[diesel(sql_type = Bool)]
    inserted: bool,
}

/// Upserts items that have a TMDb id: insert, or add the facts an existing item lacks; unchanged items are not
/// written. Returns (inserted, updated).
async fn upsert_by_tmdb(conn: &mut Conn, items: &[(Uuid, &MediaFields)]) -> TxResult<(u64, u64)> {
    if items.is_empty() {
        return Ok((0, 0));
    }
    let ids: Vec<Uuid> = items.iter().map(|(id, _)| *id).collect();
    let kinds: Vec<&str> = items.iter().map(|(_, f)| f.kind.as_str()).collect();
    let titles: Vec<&str> = items.iter().map(|(_, f)| f.title.as_str()).collect();
    let originals: Vec<Option<&str>> = items.iter().map(|(_, f)| f.original_title.as_deref()).collect();
    let years: Vec<Option<i16>> = items.iter().map(|(_, f)| f.year).collect();
    let genres: Vec<String> = items.iter().map(|(_, f)| f.genres.join(&GENRE_SEPARATOR.to_string())).collect();
    let tmdb: Vec<Option<i64>> = items.iter().map(|(_, f)| f.tmdb_id).collect();
    let imdb: Vec<Option<&str>> = items.iter().map(|(_, f)| f.imdb_id.as_deref()).collect();
    let attributes: Vec<String> = items.iter().map(|(_, f)| f.attributes.to_string()).collect();
    let rows: Vec<UpsertedRow> = diesel::sql_query(
        "INSERT INTO media_items AS m (id, kind, title, original_title, year, genres, tmdb_id, imdb_id, attributes) \
         SELECT v.id, v.kind, v.title, v.original_title, v.year, \
                CASE WHEN v.genres = '' THEN '{}'::text[] ELSE string_to_array(v.genres, chr(31)) END, \
                v.tmdb_id, v.imdb_id, v.attributes::jsonb \
         FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9) \
           AS v(id, kind, title, original_title, year, genres, tmdb_id, imdb_id, attributes) \
         ON CONFLICT (kind, tmdb_id) WHERE tmdb_id IS NOT NULL DO UPDATE SET \
           imdb_id = coalesce(m.imdb_id, EXCLUDED.imdb_id), \
           year = coalesce(m.year, EXCLUDED.year), \
           genres = CASE WHEN cardinality(m.genres) = 0 THEN EXCLUDED.genres ELSE m.genres END, \
           attributes = m.attributes || EXCLUDED.attributes, \
           updated_at = now() \
         WHERE NOT (m.attributes @> EXCLUDED.attributes) \
            OR (m.imdb_id IS NULL AND EXCLUDED.imdb_id IS NOT NULL) \
            OR (m.year IS NULL AND EXCLUDED.year IS NOT NULL) \
            OR (cardinality(m.genres) = 0 AND cardinality(EXCLUDED.genres) > 0) \
         RETURNING (xmax = 0) AS inserted",
    )
    .bind::<Array<SqlUuid>, _>(&ids)
    .bind::<Array<Text>, _>(&kinds)
    .bind::<Array<Text>, _>(&titles)
    .bind::<Array<Nullable<Text>>, _>(&originals)
    .bind::<Array<Nullable<Int2>>, _>(&years)
    .bind::<Array<Text>, _>(&genres)
    .bind::<Array<Nullable<BigInt>>, _>(&tmdb)
    .bind::<Array<Nullable<Text>>, _>(&imdb)
    .bind::<Array<Text>, _>(&attributes)
    .load(conn)
    .await?;
    let inserted = rows.iter().filter(|r| r.inserted).count() as u64;
    Ok((inserted, rows.len() as u64 - inserted))
}

async fn upsert_catalog_tx(conn: &mut Conn, items: &[MediaFields], id_key: &str) -> TxResult<CatalogUpsert> {
    let mut result = CatalogUpsert { ids: Vec::with_capacity(items.len()), ..CatalogUpsert::default() };
    // One row per kind + TMDb id: PostgreSQL refuses to upsert one row twice in a statement.
    let mut seen = HashSet::new();
    let with_tmdb: Vec<(Uuid, &MediaFields)> = items
        .iter()
        .filter(|f| f.tmdb_id.is_some_and(|t| seen.insert((f.kind, t))))
        .map(|f| (Uuid::now_v7(), f))
        .collect();
    let (inserted, updated) = upsert_by_tmdb(conn, &with_tmdb).await?;
    result.inserted += inserted;
    result.updated += updated;
    let kinds: Vec<&str> = with_tmdb.iter().map(|(_, f)| f.kind.as_str()).collect();
    let tmdb: Vec<i64> = with_tmdb.iter().filter_map(|(_, f)| f.tmdb_id).collect();
    let by_tmdb: HashMap<(String, i64), Uuid> = diesel::sql_query(
        "SELECT m.id, m.kind, m.tmdb_id FROM media_items m \
         JOIN unnest($1, $2) AS v(kind, tmdb_id) ON m.kind = v.kind AND m.tmdb_id = v.tmdb_id",
    )
    .bind::<Array<Text>, _>(&kinds)
    .bind::<Array<BigInt>, _>(&tmdb)
    .load::<KeyRow>(conn)
    .await?
    .into_iter()
    .map(|r| ((r.kind, r.tmdb_id), r.id))
    .collect();
    // Items without a TMDb id are found by the source's own id in `attributes`.
    let source_ids: Vec<String> =
        items.iter().filter(|f| f.tmdb_id.is_none()).filter_map(|f| source_id(&f.attributes, id_key)).collect();
    let by_source: HashMap<String, Uuid> = diesel::sql_query(
        "SELECT id, attributes ->> $1 AS source_id FROM media_items \
         WHERE tmdb_id IS NULL AND attributes ->> $1 = ANY($2) ORDER BY created_at, id",
    )
    .bind::<Text, _>(id_key)
    .bind::<Array<Text>, _>(&source_ids)
    .load::<SourceRow>(conn)
    .await?
    .into_iter()
    .rev()
    .map(|r| (r.source_id, r.id))
    .collect();
    let mut fresh = Vec::new();
    for f in items {
        let id = match f.tmdb_id {
            Some(t) => by_tmdb.get(&(f.kind.as_str().to_owned(), t)).copied(),
            None => {
                if let Some(id) = source_id(&f.attributes, id_key).and_then(|s| by_source.get(&s).copied()) {
                    Some(id)
                } else {
                    let id = Uuid::now_v7();
                    fresh.push((id, f, None));
                    Some(id)
                }
            }
        };
        match id {
            Some(id) => result.ids.push(MediaId(id)),
            None => return Err(TxError::Domain(corrupt("an upserted item is missing after the upsert"))),
        }
    }
    result.inserted += fresh.len() as u64;
    insert_items(conn, &fresh).await?;
    Ok(result)
}

/// `attributes[key]` as `->>` reads it: a string's text, any other value's JSON.
fn source_id(attributes: &serde_json::Value, key: &str) -> Option<String> {
    match attributes.get(key)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

#[derive(QueryableByName)]
struct KeyRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    tmdb_id: i64,
}

#[derive(QueryableByName)]
struct SourceRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    source_id: String,
}

#[async_trait]
impl CatalogBulkWriter for PgStore {
    async fn upsert_catalog(&self, items: &[MediaFields], id_key: &str) -> Result<CatalogUpsert, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            finish(conn.transaction(async |conn| upsert_catalog_tx(conn, items, id_key).await).await)
        })
        .await
    }

    async fn ensure_accounts(&self, accounts: &[NewUser]) -> Result<Vec<UserId>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let ids: Vec<Uuid> = accounts.iter().map(|_| Uuid::now_v7()).collect();
            let emails: Vec<&str> = accounts.iter().map(|a| a.email.as_str()).collect();
            let names: Vec<&str> = accounts.iter().map(|a| a.display_name.as_str()).collect();
            let hashes: Vec<&str> = accounts.iter().map(|a| a.password_hash.0.as_str()).collect();
            diesel::sql_query(
                "INSERT INTO users (id, email, display_name, password_hash) SELECT * FROM unnest($1, $2, $3, $4) \
             ON CONFLICT (email) DO NOTHING",
            )
            .bind::<Array<SqlUuid>, _>(&ids)
            .bind::<Array<Text>, _>(&emails)
            .bind::<Array<Text>, _>(&names)
            .bind::<Array<Text>, _>(&hashes)
            .execute(&mut conn)
            .await
            .map_err(store_error)?;
            let found: HashMap<String, Uuid> = users::table
                .filter(users::email.eq_any(&emails))
                .select((users::email, users::id))
                .load::<(String, Uuid)>(&mut conn)
                .await
                .map_err(store_error)?
                .into_iter()
                .collect();
            emails
                .iter()
                .map(|e| found.get(*e).map(|id| UserId(*id)).ok_or_else(|| corrupt("an ensured account is missing")))
                .collect()
        })
        .await
    }

    async fn write_lists(&self, lists: &[(UserId, Vec<BulkRanking>)]) -> Result<u64, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            finish(
                conn.transaction(async |conn| {
                    for (user, _) in lists {
                        locked(conn, *user).await?;
                    }
                    let users: Vec<Uuid> = lists.iter().map(|(u, _)| u.0).collect();
                    let busy: HashSet<Uuid> = rankings::table
                        .filter(rankings::user_id.eq_any(&users))
                        .select(rankings::user_id)
                        .distinct()
                        .load::<Uuid>(conn)
                        .await?
                        .into_iter()
                        .collect();
                    let (mut ids, mut owners, mut media, mut tiers, mut keys, mut stars) =
                        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
                    for (user, list) in lists.iter().filter(|(u, _)| !busy.contains(&u.0)) {
                        for r in list {
                            ids.push(Uuid::now_v7());
                            owners.push(user.0);
                            media.push(r.media.0);
                            tiers.push(r.tier.index());
                            keys.push(r.key.as_str().to_owned());
                            stars.push(r.stars.map(|s| i16::from(s.get())));
                        }
                    }
                    insert_rankings(conn, &ids, &owners, &media, &tiers, &keys, &stars).await?;
                    Ok(ids.len() as u64)
                })
                .await,
            )
        })
        .await
    }
}
