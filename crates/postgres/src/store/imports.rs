//! [`ImportRepository`]: a user's list import in bulk statements, one transaction each, and the row writers the
//! catalog-sized imports share. The export's reads are in `exports`, the catalog-sized imports in `catalog_bulk`.
//!
//! Rows travel as parallel arrays through `unnest(...)`, so a chunk of thousands of rows is one statement. A user's
//! import starts with [`lock_user`], like every other list write, then matches every row against the candidates
//! one query finds (by TMDb id, IMDb id or `title_key`), inserts the manual entries, and rewrites only the tiers
//! that gain titles.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Int2, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity::{self as domain_activity, NewActivity};
use marquee_domain::catalog::CatalogQuota;
use marquee_domain::imports::{
    Candidate, CatalogIndex, ComparisonEntry, EntryBudget, EntryOutcome, ImportEntry, ImportExtras, ImportRepository,
    ImportSource, ListPlan, MatchKeys, MatchedBy, StoreOutcome, UserExport, WatchlistEntry, WatchlistOutcome,
    title_key,
};
use marquee_domain::media::{MediaFields, MediaId, MediaKind};
use marquee_domain::placement::Comparison;
use marquee_domain::ranking::{RankingError, RankingId, rebalance};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::activity;
use super::exports::export_tx;
use super::media::quota_usage;
use super::providers::upsert_services;
use super::rankings::lock_user;
use super::rows::tier;
use super::{PgStore, TxError, corrupt, store_error};
use crate::schema::{media_items, rankings};

pub(super) type Conn = AsyncPgConnection;
pub(super) type TxResult<T> = Result<T, TxError<StoreError>>;

/// Genres travel joined by the ASCII unit separator, which validated genre names never contain.
pub(super) const GENRE_SEPARATOR: char = '\u{1f}';

/// [`lock_user`] with this module's error type.
pub(super) async fn locked(conn: &mut Conn, user: UserId) -> TxResult<()> {
    lock_user(conn, user).await.map(|_| ()).map_err(|e| match e {
        TxError::Query(q) => TxError::Query(q),
        TxError::Domain(RankingError::Store(s)) => TxError::Domain(s),
        TxError::Domain(other) => TxError::Domain(StoreError::new(other.to_string())),
    })
}

pub(super) fn finish<T>(result: TxResult<T>) -> Result<T, StoreError> {
    result.map_err(|e| match e {
        TxError::Domain(e) => e,
        TxError::Query(e) => store_error(e),
    })
}

fn parse_kind(stored: &str) -> Result<MediaKind, StoreError> {
    stored.parse().map_err(|_| corrupt(format!("unknown media kind {stored:?}")))
}

/// A catalog item's matching columns: id, kind, TMDb id, IMDb id, title, year, attributes (a book's keys).
type CandidateRow = (Uuid, String, Option<i64>, Option<String>, String, Option<i16>, serde_json::Value);

/// The catalog items any of these rows could match (by TMDb id, IMDb id, title key, or a book's work key or
/// ISBN), oldest first.
async fn candidates<'a>(conn: &mut Conn, keys: impl Iterator<Item = &'a MatchKeys>) -> TxResult<CatalogIndex> {
    let (mut tmdb, mut imdb, mut titles, mut works, mut isbns) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for k in keys {
        tmdb.extend(k.tmdb_id);
        imdb.extend(k.imdb_id.clone());
        works.extend(k.openlibrary.clone());
        isbns.extend(k.isbns.iter().cloned());
        let key = title_key(&k.title);
        if !key.is_empty() {
            titles.push(key);
        }
    }
    // The book keys use the indexes of migration 2026-12-08-000010_openlibrary_books.
    let by_work =
        diesel::dsl::sql::<Bool>("(attributes #>> '{openlibrary,key}') = ANY(").bind::<Array<Text>, _>(works).sql(")");
    let by_isbn =
        diesel::dsl::sql::<Bool>("(attributes ? 'openlibrary' AND (attributes -> 'openlibrary' -> 'isbns') ?| ")
            .bind::<Array<Text>, _>(isbns)
            .sql(")");
    let rows: Vec<CandidateRow> = media_items::table
        .filter(
            media_items::tmdb_id
                .eq_any(&tmdb)
                .or(media_items::imdb_id.eq_any(&imdb))
                .or(media_items::title_key.eq_any(&titles))
                .or(by_work)
                .or(by_isbn),
        )
        .select((
            media_items::id,
            media_items::kind,
            media_items::tmdb_id,
            media_items::imdb_id,
            media_items::title,
            media_items::year,
            media_items::attributes,
        ))
        .order((media_items::created_at, media_items::id))
        .load(conn)
        .await?;
    let mut index = CatalogIndex::default();
    for (id, kind, tmdb_id, imdb_id, title, year, attributes) in rows {
        let kind = parse_kind(&kind).map_err(TxError::Domain)?;
        index.add(Candidate::of(MediaId(id), kind, tmdb_id, imdb_id, &title, year, &attributes));
    }
    Ok(index)
}

/// Inserts catalog items with preset ids, all in one statement; `created_by` per item.
pub(super) async fn insert_items(conn: &mut Conn, items: &[(Uuid, &MediaFields, Option<Uuid>)]) -> TxResult<()> {
    if items.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::with_capacity(items.len());
    let mut kinds = Vec::with_capacity(items.len());
    let mut titles = Vec::with_capacity(items.len());
    let mut originals = Vec::with_capacity(items.len());
    let mut years = Vec::with_capacity(items.len());
    let mut overviews = Vec::with_capacity(items.len());
    let mut genres = Vec::with_capacity(items.len());
    let mut posters = Vec::with_capacity(items.len());
    let mut tmdb = Vec::with_capacity(items.len());
    let mut imdb = Vec::with_capacity(items.len());
    let mut attributes = Vec::with_capacity(items.len());
    let mut creators = Vec::with_capacity(items.len());
    for (id, f, by) in items {
        ids.push(*id);
        kinds.push(f.kind.as_str());
        titles.push(f.title.as_str());
        originals.push(f.original_title.as_deref());
        years.push(f.year);
        overviews.push(f.overview.as_deref());
        genres.push(f.genres.join(&GENRE_SEPARATOR.to_string()));
        posters.push(f.poster_path.as_deref());
        tmdb.push(f.tmdb_id);
        imdb.push(f.imdb_id.as_deref());
        attributes.push(f.attributes.to_string());
        creators.push(*by);
    }
    diesel::sql_query(
        "INSERT INTO media_items \
           (id, kind, title, original_title, year, overview, genres, poster_path, tmdb_id, imdb_id, attributes, \
            created_by) \
         SELECT v.id, v.kind, v.title, v.original_title, v.year, v.overview, \
                CASE WHEN v.genres = '' THEN '{}'::text[] ELSE string_to_array(v.genres, chr(31)) END, \
                v.poster_path, v.tmdb_id, v.imdb_id, v.attributes::jsonb, v.created_by \
         FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
           AS v(id, kind, title, original_title, year, overview, genres, poster_path, tmdb_id, imdb_id, attributes, \
                created_by)",
    )
    .bind::<Array<SqlUuid>, _>(&ids)
    .bind::<Array<Text>, _>(&kinds)
    .bind::<Array<Text>, _>(&titles)
    .bind::<Array<Nullable<Text>>, _>(&originals)
    .bind::<Array<Nullable<Int2>>, _>(&years)
    .bind::<Array<Nullable<Text>>, _>(&overviews)
    .bind::<Array<Text>, _>(&genres)
    .bind::<Array<Nullable<Text>>, _>(&posters)
    .bind::<Array<Nullable<BigInt>>, _>(&tmdb)
    .bind::<Array<Nullable<Text>>, _>(&imdb)
    .bind::<Array<Text>, _>(&attributes)
    .bind::<Array<Nullable<SqlUuid>>, _>(&creators)
    .execute(conn)
    .await?;
    Ok(())
}

/// A ranking to write: an existing one getting a new key, or a new one.
enum Slot {
    Existing(Uuid),
    New(MediaId, Option<Stars>),
}

/// Appends `new` to the bottom of `tier` and gives the whole tier evenly spread keys: one UPDATE for the rankings
/// already there, one INSERT for the new ones.
async fn append_to_tier(conn: &mut Conn, user: UserId, tier: Tier, new: Vec<(MediaId, Option<Stars>)>) -> TxResult<()> {
    let existing: Vec<Uuid> = rankings::table
        .filter(rankings::user_id.eq(user.0))
        .filter(rankings::tier.eq(tier.index()))
        .order(rankings::rank_key.asc())
        .select(rankings::id)
        .load(conn)
        .await?;
    let order: Vec<Slot> =
        existing.into_iter().map(Slot::Existing).chain(new.into_iter().map(|(m, s)| Slot::New(m, s))).collect();
    let (mut old_ids, mut old_keys) = (Vec::new(), Vec::new());
    let (mut ids, mut media, mut keys, mut stars) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (slot, key) in rebalance(order) {
        match slot {
            Slot::Existing(id) => {
                old_ids.push(id);
                old_keys.push(key.as_str().to_owned());
            }
            Slot::New(m, s) => {
                ids.push(Uuid::now_v7());
                media.push(m.0);
                keys.push(key.as_str().to_owned());
                stars.push(s.map(|s| i16::from(s.get())));
            }
        }
    }
    if !old_ids.is_empty() {
        diesel::sql_query(
            "UPDATE rankings SET rank_key = v.k FROM unnest($1, $2) AS v(id, k) \
             WHERE rankings.id = v.id AND rankings.user_id = $3",
        )
        .bind::<Array<SqlUuid>, _>(&old_ids)
        .bind::<Array<Text>, _>(&old_keys)
        .bind::<SqlUuid, _>(user.0)
        .execute(conn)
        .await?;
    }
    let users = vec![user.0; ids.len()];
    let tiers = vec![tier.index(); ids.len()];
    insert_rankings(conn, &ids, &users, &media, &tiers, &keys, &stars).await
}

/// One multi-row INSERT of rankings from parallel arrays.
pub(super) async fn insert_rankings(
    conn: &mut Conn,
    ids: &[Uuid],
    users: &[Uuid],
    media: &[Uuid],
    tiers: &[i16],
    keys: &[String],
    stars: &[Option<i16>],
) -> TxResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    diesel::sql_query(
        "INSERT INTO rankings (id, user_id, media_id, tier, rank_key, stars) \
         SELECT * FROM unnest($1, $2, $3, $4, $5, $6)",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .bind::<Array<SqlUuid>, _>(users)
    .bind::<Array<SqlUuid>, _>(media)
    .bind::<Array<Int2>, _>(tiers)
    .bind::<Array<Text>, _>(keys)
    .bind::<Array<Nullable<Int2>>, _>(stars)
    .execute(conn)
    .await?;
    // One feed row per ranking, each user's rows together.
    let mut placed = Vec::with_capacity(ids.len());
    for (((&id, &user), &media), &t) in ids.iter().zip(users).zip(media).zip(tiers) {
        let t = tier(t).map_err(TxError::Domain)?;
        placed.push(domain_activity::placed(UserId(user), RankingId(id), MediaId(media), t));
    }
    placed.sort_by_key(|row| (row.user.0, row.source));
    activity::log(conn, &placed).await?;
    Ok(())
}

/// Adds the comparisons whose titles both match and that are not stored yet; returns (added, unmatched).
async fn add_comparisons(
    conn: &mut Conn,
    user: UserId,
    index: &CatalogIndex,
    comparisons: &[ComparisonEntry],
) -> TxResult<(u64, u64)> {
    let mut unmatched = 0;
    let mut seen = HashSet::new();
    let (mut ids, mut winners, mut losers, mut ties, mut contexts, mut times) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for c in comparisons {
        match (index.find(&c.winner), index.find(&c.loser)) {
            (Some((w, _)), Some((l, _))) if w != l => {
                if seen.insert((w, l, c.tie, c.context.clone(), c.created_at)) {
                    ids.push(Uuid::now_v7());
                    winners.push(w.0);
                    losers.push(l.0);
                    ties.push(c.tie);
                    contexts.push(c.context.as_str());
                    times.push(c.created_at);
                }
            }
            _ => unmatched += 1,
        }
    }
    if ids.is_empty() {
        return Ok((0, unmatched));
    }
    let added: Vec<AddedComparison> = diesel::sql_query(
        "INSERT INTO comparisons (id, user_id, winner_id, loser_id, tie, context, created_at) \
         SELECT v.id, $1, v.w, v.l, v.t, v.c, v.at FROM unnest($2, $3, $4, $5, $6, $7) AS v(id, w, l, t, c, at) \
         WHERE NOT EXISTS (SELECT 1 FROM comparisons c WHERE c.user_id = $1 AND c.winner_id = v.w \
           AND c.loser_id = v.l AND c.tie = v.t AND c.context = v.c AND c.created_at = v.at) \
         RETURNING id, winner_id, loser_id, tie, context, created_at",
    )
    .bind::<SqlUuid, _>(user.0)
    .bind::<Array<SqlUuid>, _>(&ids)
    .bind::<Array<SqlUuid>, _>(&winners)
    .bind::<Array<SqlUuid>, _>(&losers)
    .bind::<Array<Bool>, _>(&ties)
    .bind::<Array<Text>, _>(&contexts)
    .bind::<Array<Timestamptz>, _>(&times)
    .load(conn)
    .await?;
    // The feed logs what the domain says an added answer logs, at the time it was given, oldest first.
    let mut logged: Vec<(NewActivity, DateTime<Utc>)> = added
        .iter()
        .filter_map(|c| {
            let comparison = Comparison {
                id: c.id,
                winner: MediaId(c.winner_id),
                loser: MediaId(c.loser_id),
                tie: c.tie,
                context: c.context.clone(),
                source: None,
                created_at: c.created_at,
            };
            domain_activity::compared(user, &comparison).map(|row| (row, c.created_at))
        })
        .collect();
    logged.sort_by_key(|(row, at)| (*at, row.source));
    activity::log_at(conn, &logged).await?;
    Ok((added.len() as u64, unmatched))
}

/// A comparison an import added.
#[derive(QueryableByName)]
struct AddedComparison {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    winner_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    loser_id: Uuid,
    #[diesel(sql_type = Bool)]
    tie: bool,
    #[diesel(sql_type = Text)]
    context: String,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
}

/// The item these keys match, or a new manual entry (queued in `created`) made from `fields`; `None` when it
/// would be a user's entry and `budget` has none left.
fn find_or_make<'a>(
    index: &mut CatalogIndex,
    created: &mut Vec<(Uuid, &'a MediaFields, Option<Uuid>)>,
    keys: &MatchKeys,
    fields: &'a MediaFields,
    created_by: Option<Uuid>,
    budget: &mut EntryBudget,
) -> Option<(MediaId, MatchedBy)> {
    if let Some(found) = index.find(keys) {
        return Some(found);
    }
    if created_by.is_some() && !budget.take() {
        return None;
    }
    {
        let id = MediaId(Uuid::now_v7());
        index.add(Candidate::of(
            id,
            fields.kind,
            fields.tmdb_id,
            fields.imdb_id.clone(),
            &fields.title,
            fields.year,
            &fields.attributes,
        ));
        created.push((id.0, fields, created_by));
        Some((id, MatchedBy::Created))
    }
}

/// Sets the user's top 4 as `MatchupRepository::put_top4` does: the same four titles keep their set (rating,
/// votes) and take the new order; other titles replace the set (its matchups go with it). Four ids naming fewer
/// titles are left out. Returns whether the set was written.
async fn write_top4(conn: &mut Conn, user: UserId, titles: &[MediaId]) -> TxResult<bool> {
    let ids: Vec<Uuid> = titles.iter().map(|m| m.0).collect();
    let distinct: HashSet<Uuid> = ids.iter().copied().collect();
    let [m1, m2, m3, m4] = ids[..] else { return Ok(false) };
    if distinct.len() != 4 {
        return Ok(false);
    }
    diesel::sql_query(
        "DELETE FROM top4_sets WHERE user_id = $1 AND NOT (ARRAY[media_1, media_2, media_3, media_4] @> $2            AND ARRAY[media_1, media_2, media_3, media_4] <@ $2)",
    )
    .bind::<SqlUuid, _>(user.0)
    .bind::<Array<SqlUuid>, _>(&ids)
    .execute(conn)
    .await?;
    diesel::sql_query(
        "INSERT INTO top4_sets (id, user_id, media_1, media_2, media_3, media_4) VALUES ($1, $2, $3, $4, $5, $6)          ON CONFLICT (user_id) DO UPDATE SET media_1 = EXCLUDED.media_1, media_2 = EXCLUDED.media_2,            media_3 = EXCLUDED.media_3, media_4 = EXCLUDED.media_4, updated_at = now()",
    )
    .bind::<SqlUuid, _>(Uuid::now_v7())
    .bind::<SqlUuid, _>(user.0)
    .bind::<SqlUuid, _>(m1)
    .bind::<SqlUuid, _>(m2)
    .bind::<SqlUuid, _>(m3)
    .bind::<SqlUuid, _>(m4)
    .execute(conn)
    .await?;
    Ok(true)
}

async fn import_list_tx(
    conn: &mut Conn,
    user: UserId,
    entries: &[ImportEntry],
    comparisons: &[ComparisonEntry],
    extras: &ImportExtras,
    quota: CatalogQuota,
) -> TxResult<StoreOutcome> {
    locked(conn, user).await?;
    let (now, recent) = quota_usage(conn, user).await?;
    let mut budget = EntryBudget::new(quota, &recent, now);
    let top4 = extras.top4.as_deref().unwrap_or_default();
    let all_keys = entries
        .iter()
        .map(|e| &e.keys)
        .chain(comparisons.iter().flat_map(|c| [&c.winner, &c.loser]))
        .chain(top4.iter().map(|(k, _)| k))
        .chain(extras.watchlist.iter().map(|w| &w.keys));
    let mut index = candidates(conn, all_keys).await?;
    let mut resolved = Vec::with_capacity(entries.len());
    let mut created = Vec::new();
    let mut over_quota = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let by = (!e.looked_up).then_some(user.0);
        match find_or_make(&mut index, &mut created, &e.keys, &e.fields, by, &mut budget) {
            Some(found) => resolved.push((e, found)),
            None => over_quota.push(i),
        }
    }
    let mut top4_ids = Vec::with_capacity(top4.len());
    let mut top4_over_quota = Vec::new();
    for (position, (k, f)) in top4.iter().enumerate() {
        match find_or_make(&mut index, &mut created, k, f, Some(user.0), &mut budget) {
            Some((id, _)) => top4_ids.push(id),
            None => top4_over_quota.push(position + 1),
        }
    }
    let mut wanted = Vec::with_capacity(extras.watchlist.len());
    let mut watchlist_over_quota = Vec::new();
    for (i, w) in extras.watchlist.iter().enumerate() {
        let by = (!w.looked_up).then_some(user.0);
        match find_or_make(&mut index, &mut created, &w.keys, &w.fields, by, &mut budget) {
            Some(found) => wanted.push((w, found)),
            None => watchlist_over_quota.push(i),
        }
    }
    insert_items(conn, &created).await?;
    let watchlist = add_to_watchlist(conn, user, wanted).await?;
    let media_ids: Vec<Uuid> = resolved.iter().map(|(_, (m, _))| m.0).collect();
    let ranked: HashMap<Uuid, i16> = rankings::table
        .filter(rankings::user_id.eq(user.0))
        .filter(rankings::media_id.eq_any(&media_ids))
        .select((rankings::media_id, rankings::tier))
        .load::<(Uuid, i16)>(conn)
        .await?
        .into_iter()
        .collect();
    let titles: HashMap<Uuid, String> = media_items::table
        .filter(media_items::id.eq_any(&media_ids))
        .select((media_items::id, media_items::title))
        .load::<(Uuid, String)>(conn)
        .await?
        .into_iter()
        .collect();
    let mut plan = ListPlan::default();
    let mut outcomes = Vec::with_capacity(entries.len());
    for (e, (media, by)) in resolved {
        let ranked_in = ranked.get(&media.0).map(|&t| tier(t)).transpose().map_err(TxError::Domain)?;
        let (placement, in_tier) = plan.place(e, media, ranked_in);
        let title = titles.get(&media.0).cloned().unwrap_or_else(|| e.fields.title.clone());
        outcomes.push(EntryOutcome { line: e.line, media, title, matched_by: by, tier: in_tier, placement });
    }
    for (t, new) in plan.into_tiers() {
        append_to_tier(conn, user, t, new).await?;
    }
    let (comparisons_added, comparisons_skipped) = add_comparisons(conn, user, &index, comparisons).await?;
    let top4_set = extras.top4.is_some() && write_top4(conn, user, &top4_ids).await?;
    if let Some(services) = &extras.services {
        upsert_services(conn, user, services).await?;
    }
    Ok(StoreOutcome {
        entries: outcomes,
        comparisons_added,
        comparisons_skipped,
        top4_set,
        services_set: extras.services.is_some(),
        over_quota,
        top4_over_quota,
        entries_left: budget.left(),
        watchlist,
        watchlist_over_quota,
    })
}

/// Adds the matched watchlist rows as `watchlist` interactions (what `POST /me/interactions` records), leaving
/// those already there as they are, so importing a file twice changes nothing.
async fn add_to_watchlist(
    conn: &mut Conn,
    user: UserId,
    rows: Vec<(&WatchlistEntry, (MediaId, MatchedBy))>,
) -> TxResult<Vec<WatchlistOutcome>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|(_, (m, _))| m.0).collect();
    let added: HashSet<Uuid> = diesel::sql_query(
        "INSERT INTO interactions (user_id, media_id, kind) SELECT $1, m, 'watchlist' FROM unnest($2) AS v(m) \
         ON CONFLICT (user_id, media_id, kind) DO NOTHING RETURNING media_id",
    )
    .bind::<SqlUuid, _>(user.0)
    .bind::<Array<SqlUuid>, _>(&ids)
    .load::<AddedMedia>(conn)
    .await?
    .into_iter()
    .map(|r| r.media_id)
    .collect();
    let titles: HashMap<Uuid, String> = media_items::table
        .filter(media_items::id.eq_any(&ids))
        .select((media_items::id, media_items::title))
        .load::<(Uuid, String)>(conn)
        .await?
        .into_iter()
        .collect();
    let mut counted = HashSet::new();
    Ok(rows
        .into_iter()
        .map(|(w, (media, by))| WatchlistOutcome {
            line: w.line,
            media,
            title: titles.get(&media.0).cloned().unwrap_or_else(|| w.fields.title.clone()),
            matched_by: by,
            added: added.contains(&media.0) && counted.insert(media),
        })
        .collect())
}

/// A title an import added to the watchlist.
#[derive(QueryableByName)]
struct AddedMedia {
    #[diesel(sql_type = SqlUuid)]
    media_id: Uuid,
}

#[async_trait]
impl ImportRepository for PgStore {
    async fn import_list(
        &self,
        user: UserId,
        source: ImportSource,
        entries: &[ImportEntry],
        comparisons: &[ComparisonEntry],
        extras: &ImportExtras,
        quota: CatalogQuota,
    ) -> Result<StoreOutcome, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let outcome = finish(
                conn.transaction(async |conn| import_list_tx(conn, user, entries, comparisons, extras, quota).await)
                    .await,
            )?;
            tracing::info!(%user, source = source.as_str(), rows = entries.len(), "list import written");
            Ok(outcome)
        })
        .await
    }

    async fn unmatched(&self, keys: &[MatchKeys]) -> Result<Vec<usize>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let index = finish(candidates(&mut conn, keys.iter()).await)?;
            Ok(keys.iter().enumerate().filter(|(_, k)| index.find(k).is_none()).map(|(i, _)| i).collect())
        })
        .await
    }

    async fn export(&self, user: UserId) -> Result<UserExport, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // One snapshot: the list, comparisons, top 4 and services as of one moment.
            finish(
                conn.build_transaction()
                    .read_only()
                    .repeatable_read()
                    .run(async |conn| export_tx(conn, user).await)
                    .await,
            )
        })
        .await
    }
}
