//! [`MediaRepository`] on the `media_items` table: writes, merges and the trigram search.

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::sql_types::{BigInt, Float4, Nullable, Text};
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::media::{MediaFields, MediaId, MediaItem, MediaKind, SearchQuery};
use marquee_domain::page::Page;
use marquee_domain::ports::{MediaHit, MediaRepository, MediaWriteError, MergeReport};
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::rows::{MediaChanges, MediaRow};
use super::{PgStore, TxError, store_error, violated};
use crate::schema::{media_items, rankings};

/// The name of the partial unique index on `(kind, tmdb_id)`.
const TMDB_ID_KEY: &str = "media_items_kind_tmdb_id_key";

fn write_error(err: diesel::result::Error, kind: MediaKind, tmdb_id: Option<i64>) -> MediaWriteError {
    match (violated(&err, DatabaseErrorKind::UniqueViolation), tmdb_id) {
        (Some(TMDB_ID_KEY), Some(tmdb_id)) => MediaWriteError::DuplicateTmdbId { kind: kind.to_string(), tmdb_id },
        _ => MediaWriteError::Store(store_error(err)),
    }
}

/// `text` as an `ILIKE` pattern matching it anywhere, with its own `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// What matches a search: a word of a title like the query (`<%`, pg_trgm's word-similarity threshold, 0.6 by
/// default) or a title containing it. Both forms are served by the trigram GIN indexes.
/// `$1` is the query, `$2` its `ILIKE` pattern, `$3` the kind or NULL.
const SEARCH_MATCH: &str = "FROM media_items m \
     WHERE ($1 <% m.title OR $1 <% m.original_title OR m.title ILIKE $2 OR m.original_title ILIKE $2) \
       AND ($3::text IS NULL OR m.kind = $3)";

/// Relevance: the better word similarity of the two titles, plus 1 for an exact (case-insensitive) title and
/// 0.5 for a title containing the query. Ties go by title, bytewise like the in-memory store, then by id.
fn search_sql() -> String {
    format!(
        "SELECT m.*, \
           (GREATEST(word_similarity($1, m.title), word_similarity($1, coalesce(m.original_title, ''))) \
            + CASE WHEN lower(m.title) = lower($1) OR lower(m.original_title) = lower($1) THEN 1.0 \
                   WHEN m.title ILIKE $2 OR m.original_title ILIKE $2 THEN 0.5 \
                   ELSE 0 END)::real AS relevance, \
           count(*) OVER () AS total \
         {SEARCH_MATCH} \
         ORDER BY relevance DESC, m.title COLLATE \"C\", m.id \
         LIMIT $4 OFFSET $5"
    )
}

#[derive(QueryableByName)]
struct SearchRow {
    #[diesel(embed)]
    media: MediaRow,
    #[diesel(sql_type = Float4)]
    relevance: f32,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

#[async_trait]
impl MediaRepository for PgStore {
    async fn create(&self, fields: MediaFields, created_by: Option<UserId>) -> Result<MediaItem, MediaWriteError> {
        let mut conn = self.conn().await.map_err(store_error)?;
        let (kind, tmdb_id) = (fields.kind, fields.tmdb_id);
        let row = diesel::insert_into(media_items::table)
            .values((
                media_items::id.eq(Uuid::now_v7()),
                MediaChanges::from(fields),
                media_items::created_by.eq(created_by.map(|u| u.0)),
            ))
            .returning(MediaRow::as_returning())
            .get_result::<MediaRow>(&mut conn)
            .await
            .map_err(|e| write_error(e, kind, tmdb_id))?;
        Ok(row.try_into()?)
    }

    async fn get(&self, id: MediaId) -> Result<Option<MediaItem>, StoreError> {
        let mut conn = self.conn().await?;
        let row = media_items::table
            .find(id.0)
            .select(MediaRow::as_select())
            .first::<MediaRow>(&mut conn)
            .await
            .optional()
            .map_err(store_error)?;
        row.map(MediaItem::try_from).transpose()
    }

    async fn update(&self, id: MediaId, fields: MediaFields) -> Result<MediaItem, MediaWriteError> {
        let mut conn = self.conn().await.map_err(store_error)?;
        let (kind, tmdb_id) = (fields.kind, fields.tmdb_id);
        let row = diesel::update(media_items::table.find(id.0))
            .set((MediaChanges::from(fields), media_items::updated_at.eq(diesel::dsl::now)))
            .returning(MediaRow::as_returning())
            .get_result::<MediaRow>(&mut conn)
            .await
            .optional()
            .map_err(|e| write_error(e, kind, tmdb_id))?
            .ok_or(MediaWriteError::NotFound)?;
        Ok(row.try_into()?)
    }

    async fn merge(&self, keep: MediaId, duplicate: MediaId) -> Result<MergeReport, MediaWriteError> {
        let mut conn = self.conn().await.map_err(store_error)?;
        let result = conn
            .transaction(async |conn| {
                // Locking both items (in id order, so two merges cannot deadlock) also holds off new rankings of
                // either title until the merge commits: their foreign-key checks wait for these locks.
                let mut ids = [keep.0, duplicate.0];
                ids.sort_unstable();
                let locked: Vec<Uuid> = media_items::table
                    .filter(media_items::id.eq_any(ids))
                    .select(media_items::id)
                    .order(media_items::id)
                    .for_update()
                    .load(conn)
                    .await?;
                if !locked.contains(&keep.0) || !locked.contains(&duplicate.0) {
                    return Err(TxError::Domain(MediaWriteError::NotFound));
                }
                if keep == duplicate {
                    // Nothing to fold; deleting "the duplicate" would delete the item to keep.
                    return Ok(MergeReport { rankings_moved: 0, rankings_dropped: 0 });
                }
                let keepers = diesel::alias!(rankings as keepers);
                let dropped = diesel::delete(
                    rankings::table.filter(rankings::media_id.eq(duplicate.0)).filter(diesel::dsl::exists(
                        keepers
                            .filter(keepers.field(rankings::user_id).eq(rankings::user_id))
                            .filter(keepers.field(rankings::media_id).eq(keep.0)),
                    )),
                )
                .execute(conn)
                .await?;
                let moved = diesel::update(rankings::table.filter(rankings::media_id.eq(duplicate.0)))
                    .set(rankings::media_id.eq(keep.0))
                    .execute(conn)
                    .await?;
                diesel::delete(media_items::table.find(duplicate.0)).execute(conn).await?;
                Ok(MergeReport { rankings_moved: moved as u64, rankings_dropped: dropped as u64 })
            })
            .await;
        result.map_err(|e| match e {
            TxError::Domain(e) => e,
            TxError::Query(e) => MediaWriteError::Store(store_error(e)),
        })
    }

    async fn search(&self, query: &SearchQuery) -> Result<Page<MediaHit>, StoreError> {
        let mut conn = self.conn().await?;
        let pattern = contains_pattern(&query.text);
        let kind = query.kind.map(MediaKind::as_str);
        let rows: Vec<SearchRow> = diesel::sql_query(search_sql())
            .bind::<Text, _>(&query.text)
            .bind::<Text, _>(&pattern)
            .bind::<Nullable<Text>, _>(kind)
            .bind::<BigInt, _>(i64::from(query.page.limit()))
            .bind::<BigInt, _>(i64::from(query.page.offset()))
            .load(&mut conn)
            .await
            .map_err(store_error)?;
        let total = match rows.as_slice().first() {
            Some(row) => row.total,
            None if query.page.offset() == 0 => 0,
            // Past the last page: the window count had no row to ride on.
            None => {
                diesel::sql_query(format!("SELECT count(*) AS count {SEARCH_MATCH}"))
                    .bind::<Text, _>(&query.text)
                    .bind::<Text, _>(&pattern)
                    .bind::<Nullable<Text>, _>(kind)
                    .get_result::<CountRow>(&mut conn)
                    .await
                    .map_err(store_error)?
                    .count
            }
        };
        let items = rows
            .into_iter()
            .map(|row| Ok(MediaHit { item: row.media.try_into()?, relevance: row.relevance }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Page { items, total: total as u64, request: query.page })
    }

    async fn count(&self) -> Result<u64, StoreError> {
        let mut conn = self.conn().await?;
        let count: i64 = media_items::table.count().get_result(&mut conn).await.map_err(store_error)?;
        Ok(count as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("dune"), "%dune%");
        assert_eq!(contains_pattern(r"100% a_b\c"), r"%100\% a\_b\\c%");
    }
}
