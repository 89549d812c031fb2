//! [`MediaRepository`] on the `media_items` table: writes, merges and the trigram search.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::sql_types::{BigInt, Float4, Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::catalog::{CatalogQuota, MediaHit, MediaRepository, MediaWriteError, MergeReport, QuotaExceeded};
use marquee_domain::media::{MediaFields, MediaId, MediaItem, MediaKind, SearchQuery};
use marquee_domain::page::Page;
use marquee_domain::placement::SearchState;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::rows::{MediaChanges, MediaRow};
use super::{PgStore, TxError, store_error, violated};
use crate::schema::{comparisons, media_items, placement_sessions, rankings, top4_sets};

/// The name of the partial unique index on `(kind, tmdb_id)`.
const TMDB_ID_KEY: &str = "media_items_kind_tmdb_id_key";

fn write_error(err: diesel::result::Error, kind: MediaKind, tmdb_id: Option<i64>) -> MediaWriteError {
    match (violated(&err, DatabaseErrorKind::UniqueViolation), tmdb_id) {
        (Some(TMDB_ID_KEY), Some(tmdb_id)) => MediaWriteError::DuplicateTmdbId { kind: kind.to_string(), tmdb_id },
        _ => MediaWriteError::Store(store_error(err)),
    }
}

/// `text` as an `ILIKE` (or `LIKE`) pattern matching it anywhere, with its own `%`, `_` and `\` taken literally.
pub(super) fn contains_pattern(text: &str) -> String {
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

/// The class of the advisory locks that serialise one user's catalog creations (the second key is the user's).
const QUOTA_LOCK_CLASS: i32 = 0x6d71_7561; // "mqua"

#[derive(QueryableByName)]
struct NowRow {
    #[diesel(sql_type = Timestamptz)]
    now: DateTime<Utc>,
}

/// Takes the transaction-scoped lock on `user`'s catalog creations and reads what the quota counts: the
/// transaction's `now()` and the creation times of the user's entries within [`CatalogQuota::window`]. An advisory
/// lock rather than the user's row, so list writes (which update that row) never wait for it. Two creations by the
/// same user take turns from here to their commit, so neither counts without the other's row.
pub(super) async fn quota_usage(
    conn: &mut AsyncPgConnection,
    user: UserId,
) -> QueryResult<(DateTime<Utc>, Vec<DateTime<Utc>>)> {
    let NowRow { now } =
        diesel::sql_query("SELECT now() AS now FROM (SELECT pg_advisory_xact_lock($1, hashtext($2::text))) AS locked")
            .bind::<Integer, _>(QUOTA_LOCK_CLASS)
            .bind::<SqlUuid, _>(user.0)
            .get_result(conn)
            .await?;
    let recent = media_items::table
        .filter(media_items::created_by.eq(user.0))
        .filter(media_items::created_at.gt(CatalogQuota::since(now)))
        .select(media_items::created_at)
        .load(conn)
        .await?;
    Ok((now, recent))
}

#[async_trait]
impl MediaRepository for PgStore {
    async fn create(&self, fields: MediaFields, created_by: Option<UserId>) -> Result<MediaItem, MediaWriteError> {
        self.bounded(async {
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
        })
        .await
    }

    async fn create_within_quota(
        &self,
        fields: MediaFields,
        user: UserId,
        quota: CatalogQuota,
    ) -> Result<MediaItem, MediaWriteError> {
        let mut conn = self.conn().await.map_err(store_error)?;
        let (kind, tmdb_id) = (fields.kind, fields.tmdb_id);
        let row = conn
            .transaction(async |conn| {
                let (now, recent) = quota_usage(conn, user).await?;
                quota.check(&recent, now).map_err(TxError::Domain)?;
                let row = diesel::insert_into(media_items::table)
                    .values((
                        media_items::id.eq(Uuid::now_v7()),
                        MediaChanges::from(fields),
                        media_items::created_by.eq(user.0),
                    ))
                    .returning(MediaRow::as_returning())
                    .get_result::<MediaRow>(conn)
                    .await?;
                Ok::<_, TxError<QuotaExceeded>>(row)
            })
            .await
            .map_err(|e| match e {
                TxError::Domain(q) => MediaWriteError::QuotaExceeded(q),
                TxError::Query(e) => write_error(e, kind, tmdb_id),
            })?;
        Ok(row.try_into()?)
    }

    async fn get(&self, id: MediaId) -> Result<Option<MediaItem>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let row = media_items::table
                .find(id.0)
                .select(MediaRow::as_select())
                .first::<MediaRow>(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            row.map(MediaItem::try_from).transpose()
        })
        .await
    }

    async fn update(&self, id: MediaId, fields: MediaFields) -> Result<MediaItem, MediaWriteError> {
        self.bounded(async {
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
        })
        .await
    }

    async fn merge(&self, keep: MediaId, duplicate: MediaId) -> Result<MergeReport, MediaWriteError> {
        self.bounded(async {
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
                        return Ok(MergeReport::default());
                    }
                    // The rankings and sets a merge drops or rewrites were not changed by their users: the feed rule
                    // logs nothing for a merge; the logged entries are pointed at the title kept.
                    diesel::sql_query(
                        "UPDATE activities SET media_ids = array_replace(media_ids, $1, $2) WHERE $1 = ANY(media_ids)",
                    )
                    .bind::<diesel::sql_types::Uuid, _>(duplicate.0)
                    .bind::<diesel::sql_types::Uuid, _>(keep.0)
                    .execute(conn)
                    .await?;
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
                    let mut report = MergeReport {
                        rankings_moved: moved as u64,
                        rankings_dropped: dropped as u64,
                        ..MergeReport::default()
                    };
                    // Everything else naming the duplicate moves before the delete would cascade it away.
                    fold_references(conn, keep.0, duplicate.0, &mut report).await?;
                    // Interactions follow the title (the later time wins where the user has both); the delete
                    // below cascades the duplicate's own rows away.
                    diesel::sql_query(
                        "INSERT INTO interactions (user_id, media_id, kind, created_at) \
                     SELECT user_id, $1, kind, created_at FROM interactions WHERE media_id = $2 \
                     ON CONFLICT (user_id, media_id, kind) \
                     DO UPDATE SET created_at = greatest(interactions.created_at, excluded.created_at)",
                    )
                    .bind::<diesel::sql_types::Uuid, _>(keep.0)
                    .bind::<diesel::sql_types::Uuid, _>(duplicate.0)
                    .execute(conn)
                    .await?;
                    diesel::delete(media_items::table.find(duplicate.0)).execute(conn).await?;
                    Ok(report)
                })
                .await;
            result.map_err(|e| match e {
                TxError::Domain(e) => e,
                TxError::Query(e) => MediaWriteError::Store(store_error(e)),
            })
        })
        .await
    }

    async fn search(&self, query: &SearchQuery) -> Result<Page<MediaHit>, StoreError> {
        self.bounded(async {
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
        })
        .await
    }

    async fn count(&self) -> Result<u64, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let count: i64 = media_items::table.count().get_result(&mut conn).await.map_err(store_error)?;
            Ok(count as u64)
        })
        .await
    }
}

/// The merge's second half: comparisons, placement sessions, top-4 sets and matchup votes naming `dup` are
/// pointed at `keep` (rankings have moved already), or dropped where they would name `keep` twice.
async fn fold_references(
    conn: &mut AsyncPgConnection,
    keep: Uuid,
    dup: Uuid,
    report: &mut MergeReport,
) -> Result<(), diesel::result::Error> {
    // A comparison of the two titles would become one of a title with itself.
    report.comparisons_dropped = diesel::delete(
        comparisons::table.filter(
            (comparisons::winner_id.eq(dup).and(comparisons::loser_id.eq(keep)))
                .or(comparisons::winner_id.eq(keep).and(comparisons::loser_id.eq(dup))),
        ),
    )
    .execute(conn)
    .await? as u64;
    let winners = diesel::update(comparisons::table.filter(comparisons::winner_id.eq(dup)))
        .set(comparisons::winner_id.eq(keep))
        .execute(conn)
        .await?;
    let losers = diesel::update(comparisons::table.filter(comparisons::loser_id.eq(dup)))
        .set(comparisons::loser_id.eq(keep))
        .execute(conn)
        .await?;
    report.comparisons_moved = (winners + losers) as u64;

    // An open session placing the duplicate for a user who now ranks the kept title could only end in a 409.
    let ranks_keep =
        rankings::table.filter(rankings::user_id.eq(placement_sessions::user_id)).filter(rankings::media_id.eq(keep));
    report.sessions_dropped = diesel::delete(
        placement_sessions::table
            .filter(placement_sessions::media_id.eq(dup))
            .filter(placement_sessions::placed.eq(false))
            .filter(diesel::dsl::exists(ranks_keep)),
    )
    .execute(conn)
    .await? as u64;
    let placing = diesel::update(placement_sessions::table.filter(placement_sessions::media_id.eq(dup)))
        .set(placement_sessions::media_id.eq(keep))
        .returning(placement_sessions::id)
        .get_results::<Uuid>(conn)
        .await?;
    // Sessions that asked about the duplicate keep its ranking id as the pivot; only the title id changes.
    let asking: Vec<(Uuid, serde_json::Value)> = placement_sessions::table
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>("state::text LIKE ").bind::<Text, _>(format!("%{dup}%")))
        .select((placement_sessions::id, placement_sessions::state))
        .load(conn)
        .await?;
    let mut touched: std::collections::HashSet<Uuid> = placing.into_iter().collect();
    for (id, state) in asking {
        let Ok(mut search) = serde_json::from_value::<SearchState>(state) else { continue };
        if search.rename_media(MediaId(dup), MediaId(keep)) {
            let state =
                serde_json::to_value(&search).map_err(|e| diesel::result::Error::SerializationError(e.into()))?;
            diesel::update(placement_sessions::table.find(id))
                .set(placement_sessions::state.eq(state))
                .execute(conn)
                .await?;
            touched.insert(id);
        }
    }
    report.sessions_moved = touched.len() as u64;

    // A set naming both titles holds three distinct titles: no longer a top 4 (docs/matchups.md).
    let names = |m: Uuid| {
        top4_sets::media_1.eq(m).or(top4_sets::media_2.eq(m)).or(top4_sets::media_3.eq(m)).or(top4_sets::media_4.eq(m))
    };
    report.top4_sets_dropped =
        diesel::delete(top4_sets::table.filter(names(dup)).filter(names(keep))).execute(conn).await? as u64;
    report.top4_sets_moved = diesel::sql_query(
        "UPDATE top4_sets SET \
             media_1 = CASE WHEN media_1 = $1 THEN $2 ELSE media_1 END, \
             media_2 = CASE WHEN media_2 = $1 THEN $2 ELSE media_2 END, \
             media_3 = CASE WHEN media_3 = $1 THEN $2 ELSE media_3 END, \
             media_4 = CASE WHEN media_4 = $1 THEN $2 ELSE media_4 END, \
             updated_at = now() \
         WHERE $1 IN (media_1, media_2, media_3, media_4)",
    )
    .bind::<diesel::sql_types::Uuid, _>(dup)
    .bind::<diesel::sql_types::Uuid, _>(keep)
    .execute(conn)
    .await? as u64;
    // Votes keep copies of both sides' titles and no foreign key: repoint the copies so the feedback stays usable.
    diesel::sql_query(
        "UPDATE matchup_votes SET winner_media = array_replace(winner_media, $1, $2), \
             loser_media = array_replace(loser_media, $1, $2) \
         WHERE $1 = ANY (winner_media) OR $1 = ANY (loser_media)",
    )
    .bind::<diesel::sql_types::Uuid, _>(dup)
    .bind::<diesel::sql_types::Uuid, _>(keep)
    .execute(conn)
    .await?;
    Ok(())
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
