//! [`RankingRepository`] on the `rankings` table.
//!
//! A place or move first tries the optimistic two-statement path of [`fused`]; otherwise, as every other write, it
//! is one transaction that first locks the user's row (`FOR NO KEY UPDATE`), so writes to one list run one after
//! another and each sees the previous one's result, while foreign-key checks against the user stay unblocked.
//! Where a title lands is the domain's rule ([`marquee_domain::slot`]): this module reads the write's
//! neighbourhood in one statement (the fused probe, with index seeks on `(user_id, tier, rank_key)`) and writes
//! the slot's key. Only when that key would be oversized is the tier read whole and rewritten (the rebalance), in
//! one `UPDATE`, which the deferrable unique constraint on the keys checks at the statement's end.

use std::sync::Arc;

use async_trait::async_trait;
use diesel::dsl::{count_star, row_number};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::sql_types::{Array, Int2, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity as domain_activity;
use marquee_domain::media::MediaId;
use marquee_domain::outline::Outline;
use marquee_domain::page::Page;
use marquee_domain::rank::RankKey;
use marquee_domain::ranking::{
    Anchor, MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RankingRepository,
    RateOutcome,
};
use marquee_domain::slot::{ListWrite, Neighbourhood, Rating, Slot, resolve};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::activity;
use super::fused::{self, Count, Current, NewRanking, Probed, Titled};
use super::list_cache::Versions;
use super::outlines::{self, Held, Outlines};
use super::rows::{RankingRow, SummaryRow, rank_key, record};
use super::{PgStore, TxError, corrupt, store_error, violated};
use crate::schema::{catalog_state, media_items, rankings, users};

type Conn = AsyncPgConnection;
type TxResult<T> = Result<T, TxError<RankingError>>;

/// Stands for "no ranking" where a statement names a moving ranking that may not exist: version-7 ids are never nil.
const NOBODY: Uuid = Uuid::nil();

fn refuse<T>(err: impl Into<RankingError>) -> TxResult<T> {
    Err(TxError::Domain(err.into()))
}

fn storage_failure(err: StoreError) -> TxError<RankingError> {
    TxError::Domain(RankingError::Store(err))
}

/// Ends a write transaction: the domain's answer as is; a foreign-key violation on the title (deleted while we
/// placed it) as `UnknownMedia`; any other failure as a storage failure.
fn ranking_outcome<T>(result: TxResult<T>, media: Option<MediaId>) -> Result<T, RankingError> {
    result.map_err(|e| match e {
        TxError::Domain(e) => e,
        TxError::Query(e) => match (violated(&e, DatabaseErrorKind::ForeignKeyViolation), media) {
            (Some("rankings_media_id_fkey"), Some(media)) => RankingError::UnknownMedia(media),
            _ => RankingError::Store(store_error(e)),
        },
    })
}

/// Serialises the writes to one user's list and bumps its `list_version`, which invalidates every cached page of
/// the list (see `list_cache`). The `UPDATE` takes the same row lock as `FOR NO KEY UPDATE`, so foreign-key checks
/// against the user stay unblocked. Every list write starts with it. A missing row means the account was deleted
/// while its token is still valid: the write is refused as the account gone (401), as a foreign key would refuse it.
/// Returns the new version.
pub(crate) async fn lock_user(conn: &mut Conn, user: UserId) -> TxResult<i64> {
    let found = diesel::update(users::table.find(user.0))
        .set(users::list_version.eq(users::list_version + 1))
        .returning(users::list_version)
        .get_result::<i64>(conn)
        .await
        .optional()?;
    match found {
        Some(version) => Ok(version),
        None => Err(storage_failure(StoreError::account_gone())),
    }
}

/// The fused probe of a list write (see [`fused`]): locks the list and reads the write's neighbourhood.
async fn lock_and_probe(conn: &mut Conn, user: UserId, write: &ListWrite) -> TxResult<Probed> {
    match fused::probe(conn, user, write).await? {
        Some(probed) => Ok(probed),
        None => Err(storage_failure(StoreError::account_gone())),
    }
}

pub(super) async fn media_exists(conn: &mut Conn, media: MediaId) -> TxResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(media_items::table.find(media.0))).get_result(conn).await?)
}

/// This user's ranking of a title: its id, tier and stars.
pub(super) async fn ranking_of(
    conn: &mut Conn,
    user: UserId,
    media: MediaId,
) -> TxResult<Option<(Uuid, i16, Option<i16>)>> {
    Ok(rankings::table
        .filter(rankings::user_id.eq(user.0))
        .filter(rankings::media_id.eq(media.0))
        .select((rankings::id, rankings::tier, rankings::stars))
        .first(conn)
        .await
        .optional()?)
}

/// The slot of `write` in a transaction that holds the list's lock: its neighbourhood read in one statement, the
/// domain's rule applied.
pub(super) async fn locked_slot(conn: &mut Conn, user: UserId, write: &ListWrite) -> TxResult<Slot> {
    let probed = fused::probe_locked(conn, user, write).await?;
    resolve(write, &probed.hood).map_err(TxError::Domain)
}

/// Fresh keys for the whole tier with `id` placed in `slot`: the rebalance. Returns every ranking of the tier with
/// its new key, `id` included.
async fn respread(conn: &mut Conn, user: UserId, slot: &Slot, id: RankingId) -> TxResult<Vec<(Uuid, RankKey)>> {
    let rows: Vec<(Uuid, String)> = rankings::table
        .filter(rankings::user_id.eq(user.0))
        .filter(rankings::tier.eq(slot.tier.index()))
        .filter(rankings::id.ne(id.0))
        .select((rankings::id, rankings::rank_key))
        .order(rankings::rank_key.asc())
        .load(conn)
        .await?;
    let others = rows
        .into_iter()
        .map(|(id, key)| Ok((id, rank_key(&key)?)))
        .collect::<Result<Vec<_>, StoreError>>()
        .map_err(storage_failure)?;
    tracing::debug!(tier = %slot.tier, size = others.len() + 1, "rebalancing a tier");
    slot.respread(others, id.0).map_err(storage_failure)
}

/// Writes rebalanced keys in one statement; `moving` (if any) also gets the tier and a fresh `updated_at`.
async fn write_keys(conn: &mut Conn, user: UserId, tier: Tier, keys: &[(Uuid, RankKey)], moving: Uuid) -> TxResult<()> {
    let ids: Vec<Uuid> = keys.iter().map(|(id, _)| *id).collect();
    let texts: Vec<&str> = keys.iter().map(|(_, k)| k.as_str()).collect();
    diesel::sql_query(
        "UPDATE rankings SET rank_key = v.k, tier = $3, \
           updated_at = CASE WHEN rankings.id = $4 THEN now() ELSE rankings.updated_at END \
         FROM unnest($1, $2) AS v(id, k) \
         WHERE rankings.id = v.id AND rankings.user_id = $5",
    )
    .bind::<Array<diesel::sql_types::Uuid>, _>(&ids)
    .bind::<Array<Text>, _>(&texts)
    .bind::<Int2, _>(tier.index())
    .bind::<diesel::sql_types::Uuid, _>(moving)
    .bind::<diesel::sql_types::Uuid, _>(user.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Inserts a new ranking into `slot`.
pub(super) async fn insert(
    conn: &mut Conn,
    user: UserId,
    media: MediaId,
    slot: &Slot,
    stars: Option<Stars>,
) -> TxResult<RankingId> {
    let id = RankingId(Uuid::now_v7());
    let key = if let Some(key) = slot.key().map_err(storage_failure)? {
        key
    } else {
        let mut keys = respread(conn, user, slot, id).await?;
        let Some(at) = keys.iter().position(|(k, _)| *k == id.0) else {
            return Err(storage_failure(corrupt("the rebalance lost the new ranking")));
        };
        let (_, key) = keys.remove(at);
        // The others first: their new keys leave the new one's free.
        write_keys(conn, user, slot.tier, &keys, NOBODY).await?;
        key
    };
    diesel::insert_into(rankings::table)
        .values((
            rankings::id.eq(id.0),
            rankings::user_id.eq(user.0),
            rankings::media_id.eq(media.0),
            rankings::tier.eq(slot.tier.index()),
            rankings::rank_key.eq(key.as_str()),
            rankings::stars.eq(stars.map(|s| i16::from(s.get()))),
        ))
        .execute(conn)
        .await?;
    activity::log_one(conn, Some(domain_activity::placed(user, id, media, slot.tier))).await?;
    Ok(id)
}

/// Moves an existing ranking (`from`, as the probe read it) into `slot`, and logs the move as the domain says.
async fn move_to(conn: &mut Conn, user: UserId, from: &Current, slot: &Slot) -> TxResult<()> {
    let key = if let Some(key) = slot.key().map_err(storage_failure)? {
        diesel::update(rankings::table.find(from.id.0))
            .set((
                rankings::tier.eq(slot.tier.index()),
                rankings::rank_key.eq(key.as_str()),
                rankings::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        key
    } else {
        let keys = respread(conn, user, slot, from.id).await?;
        write_keys(conn, user, slot.tier, &keys, from.id.0).await?;
        match keys.into_iter().find(|(id, _)| *id == from.id.0) {
            Some((_, key)) => key,
            None => return Err(storage_failure(corrupt("the rebalance lost the moving ranking"))),
        }
    };
    let moved = domain_activity::moved(user, from.id, from.media, (from.tier, &from.key), (slot.tier, &key));
    activity::log_one(conn, moved).await?;
    Ok(())
}

/// A ranking this transaction just wrote, titled and counted in its tier.
pub(super) async fn read_written(conn: &mut Conn, user: UserId, id: RankingId) -> TxResult<RankedTitle> {
    match fused::read_titled(conn, user, id).await? {
        Some(title) => Ok(title),
        None => Err(storage_failure(corrupt("a ranking vanished right after being written"))),
    }
}

/// One row of a list read: the ranking, its title, its 1-based position and its tier's size (window functions
/// over the rows the tier filter kept), and how many rows that filter kept.
type ListRow = (RankingRow, SummaryRow, i64, i64, i64);

/// Whether a title passes the kind filter and the genre filter (`genre` already lower-cased, once per list).
fn matches_filter(title: &RankedTitle, filter: &RankingFilter, genre: Option<&str>) -> bool {
    filter.kind.is_none_or(|kind| title.media.kind == kind)
        && genre.is_none_or(|genre| title.media.genres.iter().any(|g| g.to_lowercase() == genre))
}

/// Reads one page of a list from the database (the list cache's miss path).
async fn load_list(conn: &mut Conn, user: UserId, filter: &RankingFilter) -> Result<Page<RankedTitle>, StoreError> {
    // One statement shape for "one tier" and "every tier" (a range of one or of all five), so the hot path
    // is one cached prepared statement. A tier filter leaves the windows intact: they partition by tier.
    let (first_tier, last_tier) = filter.tier.map_or((Tier::S, Tier::D), |t| (t, t));
    // A kind or genre filter would shrink the windows, so those filters read the whole list and cut it here.
    let in_rust = filter.kind.is_some() || filter.genre.is_some();
    let (limit, offset) =
        if in_rust { (i64::MAX, 0) } else { (i64::from(filter.page.limit()), i64::from(filter.page.offset())) };
    let in_list = rankings::user_id.eq(user.0).and(rankings::tier.between(first_tier.index(), last_tier.index()));
    let rows: Vec<ListRow> = rankings::table
        .inner_join(media_items::table)
        .filter(in_list)
        .select((
            RankingRow::as_select(),
            SummaryRow::as_select(),
            row_number().partition_by(rankings::tier).window_order(rankings::rank_key),
            count_star().partition_by(rankings::tier),
            count_star().over(),
        ))
        .order_by((rankings::tier, rankings::rank_key))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
        .map_err(store_error)?;
    let total = match rows.as_slice().first() {
        Some(row) => row.4,
        None if offset == 0 => 0,
        // Past the end of the list: no row carried the window count.
        None => rankings::table.filter(in_list).count().get_result(conn).await.map_err(store_error)?,
    };
    let mut titles = Vec::with_capacity(rows.len());
    for (ranking, media, position, tier_size, _) in rows {
        titles.push(RankedTitle::new(record(&ranking, media)?, position as u64, tier_size as u64));
    }
    if in_rust {
        let genre = filter.genre.as_deref().map(str::to_lowercase);
        titles.retain(|t| matches_filter(t, filter, genre.as_deref()));
        return Ok(Page::slice(titles, filter.page));
    }
    Ok(Page { items: titles, total: total as u64, request: filter.page })
}

/// The user's list version and the catalog version, which a cached page must match; `None` for an unknown user.
async fn versions(conn: &mut Conn, user: UserId) -> Result<Option<Versions>, StoreError> {
    let found: Option<(i64, Option<i64>)> = users::table
        .find(user.0)
        .select((users::list_version, catalog_state::table.select(catalog_state::version).single_value()))
        .first(conn)
        .await
        .optional()
        .map_err(store_error)?;
    Ok(found.map(|(list, catalog)| Versions { list, catalog: catalog.unwrap_or_default() }))
}

/// What an optimistic write decides from, and the list version its write must find.
struct Seen {
    probed: Probed,
    version: i64,
    /// The copy of the list it was read from, if it was not read by a probe: the write then counts its answer from
    /// the copy and moves the copy on.
    copy: Option<Arc<Outline>>,
}

impl Seen {
    fn copied(&self) -> bool {
        self.copy.is_some()
    }

    fn count(&self) -> Count {
        if self.copied() { Count::ByCaller } else { Count::InStatement }
    }
}

/// The neighbourhood of `write` without the lock: from this process's copy of the list (loaded when it holds none)
/// or, for a list too long to copy, from the unlocked probe; `None` for an unknown user. The copy cannot know
/// whether a placed title is in the catalog: it answers yes, and a write of an unknown title fails on its foreign
/// key and takes the locked path, whose probe finds out.
async fn read_unlocked(
    conn: &mut Conn,
    copies: &Outlines,
    user: UserId,
    write: &ListWrite,
) -> Result<Option<Seen>, StoreError> {
    if copies.enabled() {
        let held = match copies.get(user) {
            Some(held) => Some(held),
            None => outlines::load(conn, user).await.map_err(store_error)?.map(|held| copies.put(user, held)),
        };
        match held {
            None => return Ok(None),
            Some(Held::List { version, outline }) => {
                let current = match *write {
                    ListWrite::Place { media, .. } => outline.of_media(media),
                    ListWrite::Move { id, .. } => outline.get(id),
                };
                let current = current.map(|e| Current {
                    id: e.id,
                    media: e.media,
                    tier: e.tier,
                    key: e.key.clone(),
                    stars: e.stars.map(|s| i16::from(s.get())),
                });
                let probed = Probed { hood: outline.neighbourhood(write, true), current };
                return Ok(Some(Seen { probed, version, copy: Some(outline) }));
            }
            Some(Held::TooLong) => {}
        }
    }
    let Some((probed, version)) = fused::probe_unlocked(conn, user, write).await.map_err(store_error)? else {
        return Ok(None);
    };
    Ok(Some(Seen { probed, version, copy: None }))
}

impl Seen {
    /// The slot of `write` as this read decides it. An error decided from a copy is not trusted (the copy may be
    /// out of date, and no write checked it): the copy is dropped and `None` sends the write to the locked path,
    /// which reads afresh.
    fn decide(
        &self,
        write: &ListWrite,
        hood: &Neighbourhood,
        copies: &Outlines,
        user: UserId,
    ) -> Result<Option<Slot>, RankingError> {
        match resolve(write, hood) {
            Ok(slot) => Ok(Some(slot)),
            Err(_) if self.copied() => {
                copies.forget(user, self.version);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// The answer of an optimistic write: the written ranking counted in its tier, or `None` when nothing was written
/// (the list changed since `seen`, or a constraint refused the write; the locked path then decides and names it).
/// A write decided from the copy moves the copy on and counts from it; a copy found out of date is dropped.
fn landed(
    copies: &Outlines,
    user: UserId,
    seen: &Seen,
    written: Result<Option<Titled>, diesel::result::Error>,
) -> Result<Option<RankedTitle>, RankingError> {
    let written = match written {
        Ok(Some(written)) => written,
        Ok(None) | Err(diesel::result::Error::DatabaseError(..)) => {
            if seen.copied() {
                copies.forget(user, seen.version);
            }
            return Ok(None);
        }
        Err(e) => return Err(RankingError::Store(store_error(e))),
    };
    let Some(copy) = &seen.copy else {
        return written.counted().map(Some).map_err(|e| RankingError::Store(store_error(e)));
    };
    let entry = written.entry();
    let id = entry.id;
    // The guard held, so the list right after the write is the copy read plus the write. The shared copy usually
    // still is that one and moves on; if another request dropped or replaced it meanwhile, count on a private one.
    let place = copies.advance(user, seen.version, entry.clone()).or_else(|| {
        let mut after = Outline::clone(copy);
        after.put(entry);
        after.position(id)
    });
    written.ranked(place).map(Some).map_err(RankingError::Store)
}

/// A place in two round trips when nothing else changes the list meanwhile (see [`fused`]), in one when this
/// process holds the list (see [`outlines`]): the domain's answer, or the placed title, or `None` when the locked
/// path must decide (the list changed under the read, a rebalance, a broken constraint it will name).
async fn place_optimistically(
    conn: &mut Conn,
    copies: &Outlines,
    user: UserId,
    command: &PlaceCommand,
) -> Result<Option<RankedTitle>, RankingError> {
    let write = ListWrite::place(command);
    let Some(seen) = read_unlocked(conn, copies, user, &write).await? else { return Ok(None) };
    let Some(slot) = seen.decide(&write, &seen.probed.hood, copies, user)? else { return Ok(None) };
    let Some(key) = slot.key()? else { return Ok(None) };
    let new = NewRanking {
        id: RankingId(Uuid::now_v7()),
        media: command.media_id,
        tier: slot.tier,
        key: &key,
        stars: command.stars.map(|s| i16::from(s.get())),
    };
    let written = fused::insert_titled(conn, user, &new, Some(seen.version), seen.count()).await;
    landed(copies, user, &seen, written)
}

/// A move in one or two round trips when nothing else changes the list meanwhile; as [`place_optimistically`].
async fn move_optimistically(
    conn: &mut Conn,
    copies: &Outlines,
    user: UserId,
    id: RankingId,
    command: &MoveCommand,
) -> Result<Option<RankedTitle>, RankingError> {
    let write = ListWrite::relocate(id, command);
    let Some(seen) = read_unlocked(conn, copies, user, &write).await? else { return Ok(None) };
    let Some(slot) = seen.decide(&write, &seen.probed.hood, copies, user)? else { return Ok(None) };
    let Some(key) = slot.key()? else { return Ok(None) };
    let Some(from) = &seen.probed.current else { return Ok(None) };
    let written = fused::move_titled(conn, user, from, (slot.tier, &key), None, Some(seen.version), seen.count()).await;
    landed(copies, user, &seen, written)
}

/// Places a title into `slot` in a transaction that holds the list's lock: one fused statement, or the rebalance.
pub(super) async fn place_locked(
    conn: &mut Conn,
    user: UserId,
    media: MediaId,
    slot: &Slot,
    stars: Option<Stars>,
) -> TxResult<RankedTitle> {
    let Some(key) = slot.key().map_err(storage_failure)? else {
        let id = insert(conn, user, media, slot, stars).await?;
        return read_written(conn, user, id).await;
    };
    let new = NewRanking {
        id: RankingId(Uuid::now_v7()),
        media,
        tier: slot.tier,
        key: &key,
        stars: stars.map(|s| i16::from(s.get())),
    };
    match fused::insert_titled(conn, user, &new, None, Count::InStatement).await? {
        Some(placed) => Ok(placed.counted()?),
        None => Err(storage_failure(corrupt("a locked list write found no list to bump"))),
    }
}

/// Moves ranking `from` into `slot` (setting `stars`, if given) in a transaction that holds the list's lock.
async fn move_locked(
    conn: &mut Conn,
    user: UserId,
    from: &Current,
    slot: &Slot,
    stars: Option<i16>,
) -> TxResult<RankedTitle> {
    let Some(key) = slot.key().map_err(storage_failure)? else {
        move_to(conn, user, from, slot).await?;
        if let Some(stars) = stars {
            diesel::update(rankings::table.find(from.id.0)).set(rankings::stars.eq(stars)).execute(conn).await?;
        }
        return read_written(conn, user, from.id).await;
    };
    match fused::move_titled(conn, user, from, (slot.tier, &key), stars, None, Count::InStatement).await? {
        Some(moved) => Ok(moved.counted()?),
        None => Err(storage_failure(corrupt("a locked move found no list to bump, or no ranking to move"))),
    }
}

/// The neighbourhood of a rating's move, from the probe of a place into the stars' tier: the same ends of that tier
/// (the moving ranking sits in another, so the probe's counting it or not changes nothing), the ranking as found.
fn move_hood(place: &Neighbourhood, from: &Current) -> Neighbourhood {
    Neighbourhood { existing: None, moving_tier: Some(from.tier), ..place.clone() }
}

/// A quick rating in one or two round trips when nothing else changes the list meanwhile; as
/// [`place_optimistically`].
async fn rate_optimistically(
    conn: &mut Conn,
    copies: &Outlines,
    user: UserId,
    media: MediaId,
    stars: Stars,
) -> Result<Option<(RankedTitle, RateOutcome)>, RankingError> {
    // One read serves every outcome: the stars' tier's ends (a ranking in another tier is not among them), and the
    // title's ranking, if any.
    let write = ListWrite::Place { media, tier: Tier::from_stars(stars), anchor: Anchor::Bottom };
    let Some(seen) = read_unlocked(conn, copies, user, &write).await? else { return Ok(None) };
    let probed = &seen.probed;
    if !probed.hood.media_exists {
        return Err(RankingError::UnknownMedia(media));
    }
    let rating = Rating::decide(media, stars, probed.current.as_ref().map(|c| (c.id, c.tier)));
    let stored = i16::from(stars.get());
    let written = match (rating, &probed.current) {
        (Rating::Place(_), _) => {
            let Some(slot) = seen.decide(&write, &probed.hood, copies, user)? else { return Ok(None) };
            let Some(key) = slot.key()? else { return Ok(None) };
            let new =
                NewRanking { id: RankingId(Uuid::now_v7()), media, tier: slot.tier, key: &key, stars: Some(stored) };
            fused::insert_titled(conn, user, &new, Some(seen.version), seen.count()).await
        }
        (Rating::Move(_, moving), Some(from)) => {
            let Some(slot) = seen.decide(&moving, &move_hood(&probed.hood, from), copies, user)? else {
                return Ok(None);
            };
            let Some(key) = slot.key()? else { return Ok(None) };
            fused::move_titled(conn, user, from, (slot.tier, &key), Some(stored), Some(seen.version), seen.count())
                .await
        }
        (Rating::Keep(id), Some(from)) if from.stars != Some(stored) => {
            fused::restar_titled(conn, user, id, stored, Some(seen.version), seen.count()).await
        }
        // Nothing to write: the ranking read now must be in the stars' tier with these stars already, which a
        // probe has just seen, and a copy may not have (then the locked path decides).
        (Rating::Keep(id), Some(_)) => {
            let read = fused::read_titled(conn, user, id).await.map_err(|e| RankingError::Store(store_error(e)))?;
            return Ok(match read {
                Some(r) if r.tier == Tier::from_stars(stars) && r.stars == Some(stars) => Some((r, rating.outcome())),
                _ => {
                    copies.forget(user, seen.version);
                    None
                }
            });
        }
        (Rating::Move(..) | Rating::Keep(_), None) => return Ok(None),
    };
    let rated = landed(copies, user, &seen, written)?;
    Ok(rated.map(|r| (r, rating.outcome())))
}

#[async_trait]
impl RankingRepository for PgStore {
    async fn list(&self, user: UserId, filter: &RankingFilter) -> Result<Page<RankedTitle>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // The versions first, the page second: a write committing in between leaves a newer page under older
            // versions, which the next read discards (see `list_cache`).
            let versions = if self.lists.enabled() { versions(&mut conn, user).await? } else { None };
            if let Some(versions) = versions
                && let Some(page) = self.lists.get(user, filter, versions)
            {
                return Ok(Page::clone(&page));
            }
            let page = load_list(&mut conn, user, filter).await?;
            if let Some(versions) = versions {
                self.lists.put(user, filter, versions, Arc::new(page.clone()));
            }
            Ok(page)
        })
        .await
    }

    async fn get(&self, user: UserId, id: RankingId) -> Result<Option<RankedTitle>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            fused::read_titled(&mut conn, user, id).await.map_err(store_error)
        })
        .await
    }

    async fn place(&self, user: UserId, command: &PlaceCommand) -> Result<RankedTitle, RankingError> {
        self.bounded(async {
            let mut conn = self.writer().await.map_err(store_error)?;
            if let Some(placed) = place_optimistically(&mut conn, &self.outlines, user, command).await? {
                return Ok(placed);
            }
            let result = conn
                .transaction(async |conn| {
                    let write = ListWrite::place(command);
                    let slot =
                        resolve(&write, &lock_and_probe(conn, user, &write).await?.hood).map_err(TxError::Domain)?;
                    place_locked(conn, user, command.media_id, &slot, command.stars).await
                })
                .await;
            // The locked path moved the list's version on: a copy this process holds is out of date.
            self.outlines.discard(user);
            ranking_outcome(result, Some(command.media_id))
        })
        .await
    }

    async fn relocate(&self, user: UserId, id: RankingId, command: &MoveCommand) -> Result<RankedTitle, RankingError> {
        self.bounded(async {
            let mut conn = self.writer().await.map_err(store_error)?;
            if let Some(moved) = move_optimistically(&mut conn, &self.outlines, user, id, command).await? {
                return Ok(moved);
            }
            let result = conn
                .transaction(async |conn| {
                    let write = ListWrite::relocate(id, command);
                    let probed = lock_and_probe(conn, user, &write).await?;
                    let slot = resolve(&write, &probed.hood).map_err(TxError::Domain)?;
                    let Some(from) = probed.current else { return refuse(RankingError::NotFound) };
                    move_locked(conn, user, &from, &slot, None).await
                })
                .await;
            // The locked path moved the list's version on: a copy this process holds is out of date.
            self.outlines.discard(user);
            ranking_outcome(result, None)
        })
        .await
    }

    async fn remove(&self, user: UserId, id: RankingId) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.writer().await?;
            let result = conn
                .transaction(async |conn| {
                    lock_user(conn, user).await?;
                    let deleted: Option<(Uuid, i16)> = diesel::delete(
                        rankings::table.filter(rankings::id.eq(id.0)).filter(rankings::user_id.eq(user.0)),
                    )
                    .returning((rankings::media_id, rankings::tier))
                    .get_result(conn)
                    .await
                    .optional()?;
                    let Some((media, was_in)) = deleted else { return Ok(false) };
                    let was_in = super::rows::tier(was_in).map_err(storage_failure)?;
                    activity::log_one(conn, Some(domain_activity::removed(user, id, MediaId(media), was_in))).await?;
                    Ok(true)
                })
                .await;
            self.outlines.discard(user);
            ranking_outcome(result, None).map_err(|e| match e {
                RankingError::Store(e) => e,
                other => corrupt(format!("unexpected answer to a removal: {other}")),
            })
        })
        .await
    }

    async fn rate(
        &self,
        user: UserId,
        media: MediaId,
        stars: Stars,
    ) -> Result<(RankedTitle, RateOutcome), RankingError> {
        self.bounded(async {
            let mut conn = self.writer().await.map_err(store_error)?;
            if let Some(rated) = rate_optimistically(&mut conn, &self.outlines, user, media, stars).await? {
                return Ok(rated);
            }
            let result = conn
                .transaction(async |conn| {
                    let write = ListWrite::Place { media, tier: Tier::from_stars(stars), anchor: Anchor::Bottom };
                    let probed = lock_and_probe(conn, user, &write).await?;
                    if !probed.hood.media_exists {
                        return refuse(RankingError::UnknownMedia(media));
                    }
                    let current = probed.current;
                    let rating = Rating::decide(media, stars, current.as_ref().map(|c| (c.id, c.tier)));
                    let stored = i16::from(stars.get());
                    let rated = match (rating, &current) {
                        (Rating::Place(write), _) => {
                            let slot = resolve(&write, &probed.hood).map_err(TxError::Domain)?;
                            place_locked(conn, user, media, &slot, Some(stars)).await?
                        }
                        (Rating::Move(_, moving), Some(from)) => {
                            let slot = resolve(&moving, &move_hood(&probed.hood, from)).map_err(TxError::Domain)?;
                            move_locked(conn, user, from, &slot, Some(stored)).await?
                        }
                        (Rating::Keep(id), Some(from)) if from.stars != Some(stored) => {
                            match fused::restar_titled(conn, user, id, stored, None, Count::InStatement).await? {
                                Some(rated) => rated.counted()?,
                                None => return Err(storage_failure(corrupt("a rated ranking vanished"))),
                            }
                        }
                        (Rating::Keep(id), Some(_)) => read_written(conn, user, id).await?,
                        (Rating::Move(..) | Rating::Keep(_), None) => {
                            return Err(storage_failure(corrupt(
                                "a rating decided on a ranking the probe did not read",
                            )));
                        }
                    };
                    Ok((rated, rating.outcome()))
                })
                .await;
            // The locked path moved the list's version on: a copy this process holds is out of date.
            self.outlines.discard(user);
            ranking_outcome(result, Some(media))
        })
        .await
    }
}
