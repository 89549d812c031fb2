//! The fast path of a list write: few round trips, each doing as much as one statement can.
//!
//! A locked place or move takes four round trips:
//!
//! 1. `BEGIN`;
//! 2. the **probe**: one statement that takes the user's lock (bumping `list_version`, as every list write must)
//!    and reads everything a slot can depend on: whether the title exists and is already ranked, the moving
//!    ranking's place, each neighbour's place with the key right next to it, and the ends of the target tier:
//!    the domain's [`Neighbourhood`], from which [`resolve`](marquee_domain::slot::resolve) decides the slot;
//! 3. the **write with its result**: the `INSERT` or `UPDATE` in a CTE, joined to the title and counted in its
//!    tier, so the answer (position, tier size) comes back with the write;
//! 4. `COMMIT`.
//!
//! The probe's reads share one snapshot with its lock, and in READ COMMITTED that snapshot is taken when the
//! statement starts, *before* it may wait for the lock. So the probe also reads the version its snapshot saw: if
//! the version it set is not that plus one, another write committed while it waited, and the reads are re-run (a
//! fresh snapshot, under the lock now held). Every list write bumps the version first, so no change can slip by.
//! A slot that needs a rebalance takes the general path in `rankings`.
//!
//! **One round trip when this process holds the list.** An optimistic write whose process keeps a copy of the
//! writer's list at a known version (see `outlines`) reads the neighbourhood from the copy, with no probe, and
//! writes guarded by the copy's version; the statement then skips the tier count ([`Count::ByCaller`]), which the
//! caller takes from the copy. A copy that is out of date fails the guard like a probe that is.
//!
//! **Two round trips when nobody else is writing the list.** Before taking the lock, a write first tries
//! optimistically: the same probe without lock or transaction ([`probe_unlocked`]), returning the version it saw,
//! then one statement that bumps the version *only if it is still that one* and writes in the same statement
//! ([`insert_titled`], [`move_titled`] with a version). One statement is one transaction; the bump takes the list's row lock
//! as every list write does, and since every list write bumps the version first, an unchanged version means the
//! neighbours the key was computed between are still there, in that order. When the version moved, nothing is
//! written and the write takes the locked path above.

use std::sync::LazyLock;

use diesel::QueryableByName;
use diesel::sql_types::{Array, Bool, Int2, Int8, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity;
use marquee_domain::media::MediaId;
use marquee_domain::outline::Entry;
use marquee_domain::rank::RankKey;
use marquee_domain::ranking::{Anchor, RankedTitle, RankingId, RankingRecord};
use marquee_domain::slot::{ListWrite, Neighbour, Neighbourhood};
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::activity::{LogBinds, bind_log, log_cte};
use super::prepared::Prepared;
use super::rows::{RankingRow, SummaryRow, rank_key, record, tier};

/// How a probe holds the list: it takes the lock, the transaction holds it already, or nobody does (optimistic).
#[derive(Debug, Clone, Copy)]
enum Lock {
    Take,
    Held,
    Optimistic,
}

/// What a write is, as far as its probe's reads go: a place or a move, and its anchor's kind.
#[derive(Debug, Clone, Copy)]
struct Shape {
    place: bool,
    anchor: usize,
}

const TOP: usize = 0;
const BOTTOM: usize = 1;
const BEFORE: usize = 2;
const AFTER: usize = 3;
const BETWEEN: usize = 4;

impl Shape {
    fn of(write: &ListWrite) -> Self {
        let anchor = match write.anchor() {
            Anchor::Top => TOP,
            Anchor::Bottom => BOTTOM,
            Anchor::Before(_) => BEFORE,
            Anchor::After(_) => AFTER,
            Anchor::Between { .. } => BETWEEN,
        };
        Self { place: matches!(write, ListWrite::Place { .. }), anchor }
    }
}

/// The probe of one write shape. Binds: `$1` user, `$2` title (place) or NULL, `$3` moving ranking or nil, `$4`
/// target tier or NULL (a move keeping its tier), `$5` the ranking to go right below, `$6` the ranking to go right
/// above. Every statement has the same columns, but reads only what [`resolve`](marquee_domain::slot::resolve)
/// needs for its anchor (the tier's first key for `Top`, its last for `Bottom`, a neighbour and the key beyond it
/// for `Before` and `After`, both for `Between`), and the placed title or the moving ranking: the others are NULL.
/// A statement is planned once per connection, but its executor is set up on every run, sub-query by sub-query,
/// which is why each shape gets its own. `current_*` is the ranking the write changes: the moving one, or the
/// placed title's if it is ranked already.
fn probe_sql(lock: Lock, shape: Shape) -> String {
    let current = if shape.place { "ex" } else { "mv" };
    let mut columns = vec![
        if shape.place { "EXISTS (SELECT 1 FROM media_items m WHERE m.id = $2)" } else { "true" }.to_owned()
            + " AS media_exists",
        if shape.place {
            "ex.id AS existing, NULL::int2 AS moving_tier"
        } else {
            "NULL::uuid AS existing, mv.tier AS moving_tier"
        }
        .to_owned(),
        format!(
            "{current}.id AS current_id, {current}.media_id AS current_media, {current}.tier AS current_tier, \
             {current}.rank_key AS current_key, {current}.stars AS current_stars"
        ),
    ];
    let mut joins = vec![if shape.place {
        "LEFT JOIN rankings ex ON ex.user_id = $1 AND ex.media_id = $2"
    } else {
        "LEFT JOIN rankings mv ON mv.id = $3 AND mv.user_id = $1"
    }];
    let (after, before) = (matches!(shape.anchor, AFTER | BETWEEN), matches!(shape.anchor, BEFORE | BETWEEN));
    columns.push(if after {
        "a.tier AS after_tier, a.rank_key AS after_key, \
         (SELECT r.rank_key FROM rankings r WHERE r.user_id = $1 AND r.tier = a.tier AND r.rank_key > a.rank_key \
          AND r.id <> $3 ORDER BY r.rank_key LIMIT 1) AS after_next"
            .to_owned()
    } else {
        "NULL::int2 AS after_tier, NULL::text AS after_key, NULL::text AS after_next".to_owned()
    });
    if after {
        joins.push("LEFT JOIN rankings a ON a.id = $5 AND a.user_id = $1");
    }
    columns.push(if before {
        "b.tier AS before_tier, b.rank_key AS before_key, \
         (SELECT r.rank_key FROM rankings r WHERE r.user_id = $1 AND r.tier = b.tier AND r.rank_key < b.rank_key \
          AND r.id <> $3 ORDER BY r.rank_key DESC LIMIT 1) AS before_prev"
            .to_owned()
    } else {
        "NULL::int2 AS before_tier, NULL::text AS before_key, NULL::text AS before_prev".to_owned()
    });
    if before {
        joins.push("LEFT JOIN rankings b ON b.id = $6 AND b.user_id = $1");
    }
    // The target tier: the one the write names, or the moving ranking's own.
    let target = if shape.place { "$4" } else { "COALESCE($4, mv.tier)" };
    let end = |order: &str| {
        format!(
            "(SELECT r.rank_key FROM rankings r WHERE r.user_id = $1 AND r.tier = {target} AND r.id <> $3 \
             ORDER BY r.rank_key {order} LIMIT 1)"
        )
    };
    columns.push(format!(
        "{} AS lowest, {} AS highest",
        if shape.anchor == TOP { end("") } else { "NULL::text".to_owned() },
        if shape.anchor == BOTTOM { end("DESC") } else { "NULL::text".to_owned() }
    ));
    let (columns, joins) = (columns.join(", "), joins.join(" "));
    match lock {
        Lock::Take => format!(
            "WITH locked AS (UPDATE users SET list_version = list_version + 1 WHERE id = $1 RETURNING list_version) \
             SELECT locked.list_version AS version, (SELECT s.list_version FROM users s WHERE s.id = $1) AS seen, \
             {columns} FROM locked {joins}"
        ),
        Lock::Held => {
            format!("SELECT 0::int8 AS version, -1::int8 AS seen, {columns} FROM (SELECT 1) AS locked {joins}")
        }
        // The version they were read at (`-1`: no such user), for a write that then lands only if it is unchanged.
        Lock::Optimistic => format!(
            "SELECT COALESCE((SELECT u.list_version FROM users u WHERE u.id = $1), -1) AS version, -1::int8 AS seen, \
             {columns} FROM (SELECT 1) AS locked {joins}"
        ),
    }
}

/// Every probe statement, built once: by lock, then place or move, then anchor kind.
static PROBES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut all = Vec::with_capacity(30);
    for lock in [Lock::Take, Lock::Held, Lock::Optimistic] {
        for place in [false, true] {
            for anchor in [TOP, BOTTOM, BEFORE, AFTER, BETWEEN] {
                all.push(probe_sql(lock, Shape { place, anchor }));
            }
        }
    }
    all
});

fn probe_text(lock: Lock, write: &ListWrite) -> &'static str {
    let shape = Shape::of(write);
    PROBES[(lock as usize) * 10 + usize::from(shape.place) * 5 + shape.anchor].as_str()
}

#[derive(Debug, QueryableByName)]
struct ProbeRow {
    #[diesel(sql_type = Int8)]
    version: i64,
    #[diesel(sql_type = Int8)]
    seen: i64,
    #[diesel(sql_type = Bool)]
    media_exists: bool,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    existing: Option<Uuid>,
    #[diesel(sql_type = Nullable<Int2>)]
    moving_tier: Option<i16>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    current_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    current_media: Option<Uuid>,
    #[diesel(sql_type = Nullable<Int2>)]
    current_tier: Option<i16>,
    #[diesel(sql_type = Nullable<Text>)]
    current_key: Option<String>,
    #[diesel(sql_type = Nullable<Int2>)]
    current_stars: Option<i16>,
    #[diesel(sql_type = Nullable<Int2>)]
    after_tier: Option<i16>,
    #[diesel(sql_type = Nullable<Text>)]
    after_key: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    after_next: Option<String>,
    #[diesel(sql_type = Nullable<Int2>)]
    before_tier: Option<i16>,
    #[diesel(sql_type = Nullable<Text>)]
    before_key: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    before_prev: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    lowest: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    highest: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct ProbeBinds {
    user: Uuid,
    media: Option<Uuid>,
    moving: Uuid,
    target: Option<i16>,
    after: Option<Uuid>,
    before: Option<Uuid>,
}

fn binds(user: UserId, write: &ListWrite) -> ProbeBinds {
    let (media, moving) = match *write {
        ListWrite::Place { media, .. } => (Some(media.0), Uuid::nil()),
        ListWrite::Move { id, .. } => (None, id.0),
    };
    ProbeBinds {
        user: user.0,
        media,
        moving,
        target: write.tier().map(Tier::index),
        after: write.after().map(|id| id.0),
        before: write.before().map(|id| id.0),
    }
}

async fn run_probe(conn: &mut AsyncPgConnection, sql: &str, b: ProbeBinds) -> Result<ProbeRow, diesel::result::Error> {
    Prepared(
        diesel::sql_query(sql)
            .bind::<SqlUuid, _>(b.user)
            .bind::<Nullable<SqlUuid>, _>(b.media)
            .bind::<SqlUuid, _>(b.moving)
            .bind::<Nullable<Int2>, _>(b.target)
            .bind::<Nullable<SqlUuid>, _>(b.after)
            .bind::<Nullable<SqlUuid>, _>(b.before),
    )
    .get_result::<ProbeRow>(conn)
    .await
}

fn key(stored: Option<String>) -> Result<Option<RankKey>, StoreError> {
    stored.map(|k| rank_key(&k)).transpose()
}

fn neighbour(t: Option<i16>, k: Option<String>, beyond: Option<String>) -> Result<Option<Neighbour>, StoreError> {
    match (t, k) {
        (Some(t), Some(k)) => Ok(Some(Neighbour { tier: tier(t)?, key: rank_key(&k)?, beyond: key(beyond)? })),
        _ => Ok(None),
    }
}

/// A ranking a write changes, as the probe found it.
#[derive(Debug, Clone)]
pub(super) struct Current {
    pub(super) id: RankingId,
    pub(super) media: MediaId,
    pub(super) tier: Tier,
    pub(super) key: RankKey,
    pub(super) stars: Option<i16>,
}

/// What a probe read: the write's neighbourhood, and the ranking the write changes (the moving one, or the placed
/// title's when it is ranked already), for the feed rule and the quick rating.
#[derive(Debug, Clone)]
pub(super) struct Probed {
    pub(super) hood: Neighbourhood,
    pub(super) current: Option<Current>,
}

/// The probe's row, checked and decoded.
fn probed(row: ProbeRow) -> Result<Probed, diesel::result::Error> {
    let decode = || -> Result<Probed, StoreError> {
        let current = match (row.current_id, row.current_media, row.current_tier, row.current_key) {
            (Some(id), Some(media), Some(t), Some(k)) => Some(Current {
                id: RankingId(id),
                media: MediaId(media),
                tier: tier(t)?,
                key: rank_key(&k)?,
                stars: row.current_stars,
            }),
            _ => None,
        };
        let hood = Neighbourhood {
            media_exists: row.media_exists,
            existing: row.existing.map(RankingId),
            moving_tier: row.moving_tier.map(tier).transpose()?,
            after: neighbour(row.after_tier, row.after_key, row.after_next)?,
            before: neighbour(row.before_tier, row.before_key, row.before_prev)?,
            first: key(row.lowest)?,
            last: key(row.highest)?,
        };
        Ok(Probed { hood, current })
    };
    decode().map_err(|e| diesel::result::Error::DeserializationError(e.into()))
}

/// Locks the user's list and reads the neighbourhood of `write`; `None` for an unknown user. Re-reads under the lock
/// when another write committed while the probe waited for it.
pub(super) async fn probe(
    conn: &mut AsyncPgConnection,
    user: UserId,
    write: &ListWrite,
) -> Result<Option<Probed>, diesel::result::Error> {
    let binds = binds(user, write);
    let Some(mut row) = run_probe(conn, probe_text(Lock::Take, write), binds).await.optional_row()? else {
        return Ok(None);
    };
    if row.version != row.seen + 1 {
        tracing::debug!(%user, "a concurrent list write committed while the probe waited: reading again");
        row = run_probe(conn, probe_text(Lock::Held, write), binds).await?;
    }
    probed(row).map(Some)
}

/// The neighbourhood of `write`, read in a transaction that holds the list's lock already.
pub(super) async fn probe_locked(
    conn: &mut AsyncPgConnection,
    user: UserId,
    write: &ListWrite,
) -> Result<Probed, diesel::result::Error> {
    probed(run_probe(conn, probe_text(Lock::Held, write), binds(user, write)).await?)
}

/// The neighbourhood of `write` read without the lock, and the list version it was read at; `None` for an unknown
/// user.
pub(super) async fn probe_unlocked(
    conn: &mut AsyncPgConnection,
    user: UserId,
    write: &ListWrite,
) -> Result<Option<(Probed, i64)>, diesel::result::Error> {
    let row = run_probe(conn, probe_text(Lock::Optimistic, write), binds(user, write)).await?;
    if row.version < 0 {
        return Ok(None);
    }
    let version = row.version;
    Ok(Some((probed(row)?, version)))
}

/// `Result::optional` for a query expected to return at most one row.
trait OptionalRow<T> {
    fn optional_row(self) -> Result<Option<T>, diesel::result::Error>;
}

impl<T> OptionalRow<T> for Result<T, diesel::result::Error> {
    fn optional_row(self) -> Result<Option<T>, diesel::result::Error> {
        match self {
            Ok(row) => Ok(Some(row)),
            Err(diesel::result::Error::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A ranking joined to its title and counted in its tier: `w` is a CTE naming one ranking row (just written, or
/// read). The counts leave `w`'s own row out and add it back, so they are right whether or not the statement's
/// snapshot already holds it (a CTE's write is invisible to the rest of its statement). One pass over the tier
/// counts both the rows above `w` and the whole tier.
pub(super) const TITLED: &str = "
    SELECT w.id, w.tier, w.rank_key, w.stars, w.created_at, w.updated_at,
           m.id AS media_id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path,
           c.above + 1 AS position, c.others + 1 AS size
    FROM w JOIN media_items m ON m.id = w.media_id
    CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE r.rank_key < w.rank_key) AS above, count(*) AS others FROM rankings r
        WHERE r.user_id = w.user_id AND r.tier = w.tier AND r.id <> w.id) c";

/// [`TITLED`] without the count: the caller places the ranking in its tier from the list it holds (a
/// [`Outline`](marquee_domain::outline::Outline)), which spares the statement a scan of the tier.
const BARE: &str = "
    SELECT w.id, w.tier, w.rank_key, w.stars, w.created_at, w.updated_at,
           m.id AS media_id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path,
           0::int8 AS position, 0::int8 AS size
    FROM w JOIN media_items m ON m.id = w.media_id";

/// Who counts a written ranking's place in its tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// The write's own statement ([`TITLED`]).
    InStatement,
    /// The caller, from the list it holds ([`BARE`]).
    ByCaller,
}

impl Count {
    fn tail(self) -> &'static str {
        match self {
            Count::InStatement => TITLED,
            Count::ByCaller => BARE,
        }
    }
}

pub(super) const RETURNED: &str = "RETURNING id, user_id, media_id, tier, rank_key, stars, created_at, updated_at";

/// The version bump of a write on user `$2`'s list. `version` names the parameter holding the version an unlocked
/// probe saw, which the list must still be at (no row, so no write, when it changed); NULL for a write whose
/// transaction holds the list's lock already (the bump then only repeats the lock's).
fn guard(version: &str) -> String {
    format!(
        "u AS (UPDATE users SET list_version = list_version + 1 \
         WHERE id = $2 AND ({version}::int8 IS NULL OR list_version = {version}) RETURNING id)"
    )
}

/// Each statement below, counted in the statement (`[0]`) or by the caller (`[1]`).
fn both(statement: impl Fn(&str) -> String) -> [String; 2] {
    [statement(Count::InStatement.tail()), statement(Count::ByCaller.tail())]
}

fn pick(statements: &[String; 2], count: Count) -> &str {
    &statements[usize::from(count == Count::ByCaller)]
}

static INSERT_TITLED: LazyLock<[String; 2]> = LazyLock::new(|| {
    both(|tail| {
        format!(
            "WITH {}, w AS (INSERT INTO rankings (id, user_id, media_id, tier, rank_key, stars) \
             SELECT $1, $2, $3, $4, $5, $6 FROM u {RETURNED}), {} {tail}",
            guard("$7"),
            log_cte("a", "w", 8, None)
        )
    })
});

/// `$6` new stars or NULL (kept).
static MOVE_TITLED: LazyLock<[String; 2]> = LazyLock::new(|| {
    both(|tail| {
        format!(
            "WITH {}, w AS (UPDATE rankings SET tier = $3, rank_key = $4, stars = COALESCE($6::int2, stars), \
             updated_at = now() WHERE id = $1 AND user_id = $2 AND EXISTS (SELECT 1 FROM u) {RETURNED}), {} {tail}",
            guard("$5"),
            log_cte("a", "w", 7, None)
        )
    })
});

/// A change of stars alone: the ranking keeps its place, and the feed hears nothing of it.
static RESTAR_TITLED: LazyLock<[String; 2]> = LazyLock::new(|| {
    both(|tail| {
        format!(
            "WITH {}, w AS (UPDATE rankings SET stars = $3, updated_at = now() \
             WHERE id = $1 AND user_id = $2 AND EXISTS (SELECT 1 FROM u) {RETURNED}) {tail}",
            guard("$4")
        )
    })
});

static READ_TITLED: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH w AS (SELECT id, user_id, media_id, tier, rank_key, stars, created_at, updated_at \
         FROM rankings WHERE id = $1 AND user_id = $2) {TITLED}"
    )
});

/// A row of [`TITLED`].
#[derive(Debug, QueryableByName)]
pub(super) struct TitledRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Int2)]
    tier: i16,
    #[diesel(sql_type = Text)]
    rank_key: String,
    #[diesel(sql_type = Nullable<Int2>)]
    stars: Option<i16>,
    #[diesel(sql_type = Timestamptz)]
    created_at: chrono::DateTime<chrono::Utc>,
    #[diesel(sql_type = Timestamptz)]
    updated_at: chrono::DateTime<chrono::Utc>,
    #[diesel(sql_type = SqlUuid)]
    media_id: Uuid,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Nullable<Text>)]
    original_title: Option<String>,
    #[diesel(sql_type = Nullable<Int2>)]
    year: Option<i16>,
    #[diesel(sql_type = Array<Text>)]
    genres: Vec<String>,
    #[diesel(sql_type = Nullable<Text>)]
    poster_path: Option<String>,
    #[diesel(sql_type = Int8)]
    position: i64,
    #[diesel(sql_type = Int8)]
    size: i64,
}

pub(super) fn titled(row: TitledRow) -> Result<RankedTitle, diesel::result::Error> {
    let (position, size) = (row.position as u64, row.size as u64);
    Ok(RankedTitle::new(record_of(row)?, position, size))
}

fn record_of(row: TitledRow) -> Result<RankingRecord, diesel::result::Error> {
    let ranking = RankingRow {
        id: row.id,
        tier: row.tier,
        rank_key: row.rank_key,
        stars: row.stars,
        created_at: row.created_at,
        updated_at: row.updated_at,
    };
    let media = SummaryRow {
        id: row.media_id,
        kind: row.kind,
        title: row.title,
        original_title: row.original_title,
        year: row.year,
        genres: row.genres,
        poster_path: row.poster_path,
    };
    record(&ranking, media).map_err(|e| diesel::result::Error::DeserializationError(e.into()))
}

/// A ranking a write returned with its title: counted in its tier by the statement, or to be counted by the caller.
#[derive(Debug)]
pub(super) struct Titled(RankingRecord, Option<(u64, u64)>);

impl Titled {
    fn of(row: TitledRow, count: Count) -> Result<Self, diesel::result::Error> {
        let counted = (count == Count::InStatement).then_some((row.position as u64, row.size as u64));
        Ok(Self(record_of(row)?, counted))
    }

    /// The ranking as the list holds it now.
    pub(super) fn entry(&self) -> Entry {
        let r = &self.0;
        Entry { id: r.id, media: r.media.id, tier: r.tier, key: r.rank_key.clone(), stars: r.stars }
    }

    /// The ranking at the place the statement counted, or at `place` (position, tier size) when it counted none.
    pub(super) fn ranked(self, place: Option<(u64, u64)>) -> Result<RankedTitle, StoreError> {
        match self.1.or(place) {
            Some((position, size)) => Ok(RankedTitle::new(self.0, position, size)),
            None => Err(StoreError::new("a written ranking was counted by nobody")),
        }
    }

    /// The ranking as the statement counted it.
    pub(super) fn counted(self) -> Result<RankedTitle, diesel::result::Error> {
        self.ranked(None).map_err(|e| diesel::result::Error::DeserializationError(e.into()))
    }
}

/// A new ranking: its row and what the feed logs of it.
pub(super) struct NewRanking<'a> {
    pub(super) id: RankingId,
    pub(super) media: MediaId,
    pub(super) tier: Tier,
    pub(super) key: &'a RankKey,
    pub(super) stars: Option<i16>,
}

/// Inserts a ranking and returns it titled (and counted, as `count` says), in one statement, logging it to the
/// feed as the domain says. With a `version`, only if the list is still at it (`None`: nothing written, the list changed); without,
/// the caller holds the list's lock.
pub(super) async fn insert_titled(
    conn: &mut AsyncPgConnection,
    user: UserId,
    new: &NewRanking<'_>,
    version: Option<i64>,
    count: Count,
) -> Result<Option<Titled>, diesel::result::Error> {
    let log = LogBinds::from(Some(&activity::placed(user, new.id, new.media, new.tier)));
    let query = diesel::sql_query(pick(&INSERT_TITLED, count))
        .bind::<SqlUuid, _>(new.id.0)
        .bind::<SqlUuid, _>(user.0)
        .bind::<SqlUuid, _>(new.media.0)
        .bind::<Int2, _>(new.tier.index())
        .bind::<Text, _>(new.key.as_str())
        .bind::<Nullable<Int2>, _>(new.stars)
        .bind::<Nullable<Int8>, _>(version);
    let row = Prepared(bind_log!(query, &log)).get_result::<TitledRow>(conn).await.optional_row()?;
    row.map(|row| Titled::of(row, count)).transpose()
}

/// Moves ranking `from` to a new tier and key (and new stars, if given) and returns it titled (counted as `count` says),
/// in one statement, logging the move as the domain says; `version` as for [`insert_titled`].
pub(super) async fn move_titled(
    conn: &mut AsyncPgConnection,
    user: UserId,
    from: &Current,
    to: (Tier, &RankKey),
    stars: Option<i16>,
    version: Option<i64>,
    count: Count,
) -> Result<Option<Titled>, diesel::result::Error> {
    let logged = activity::moved(user, from.id, from.media, (from.tier, &from.key), to);
    let log = LogBinds::from(logged.as_ref());
    let query = diesel::sql_query(pick(&MOVE_TITLED, count))
        .bind::<SqlUuid, _>(from.id.0)
        .bind::<SqlUuid, _>(user.0)
        .bind::<Int2, _>(to.0.index())
        .bind::<Text, _>(to.1.as_str())
        .bind::<Nullable<Int8>, _>(version)
        .bind::<Nullable<Int2>, _>(stars);
    let row = Prepared(bind_log!(query, &log)).get_result::<TitledRow>(conn).await.optional_row()?;
    row.map(|row| Titled::of(row, count)).transpose()
}

/// Sets a ranking's stars and returns it titled (counted as `count` says), in one statement; `version` as for [`insert_titled`].
pub(super) async fn restar_titled(
    conn: &mut AsyncPgConnection,
    user: UserId,
    id: RankingId,
    stars: i16,
    version: Option<i64>,
    count: Count,
) -> Result<Option<Titled>, diesel::result::Error> {
    let query = diesel::sql_query(pick(&RESTAR_TITLED, count))
        .bind::<SqlUuid, _>(id.0)
        .bind::<SqlUuid, _>(user.0)
        .bind::<Int2, _>(stars)
        .bind::<Nullable<Int8>, _>(version);
    let row = Prepared(query).get_result::<TitledRow>(conn).await.optional_row()?;
    row.map(|row| Titled::of(row, count)).transpose()
}

/// One ranking of the user's, titled and counted, in one statement.
pub(super) async fn read_titled(
    conn: &mut AsyncPgConnection,
    user: UserId,
    id: RankingId,
) -> Result<Option<RankedTitle>, diesel::result::Error> {
    let row = Prepared(diesel::sql_query(READ_TITLED.as_str()).bind::<SqlUuid, _>(id.0).bind::<SqlUuid, _>(user.0))
        .get_result::<TitledRow>(conn)
        .await
        .optional_row()?;
    row.map(titled).transpose()
}

#[cfg(test)]
mod tests {
    use diesel_async::AsyncConnection;
    use marquee_domain::catalog::MediaRepository;
    use marquee_domain::ranking::RankingRepository;
    use marquee_domain::ranking::{Anchor, PlaceCommand};
    use marquee_domain::slot::{Slot, resolve};

    use super::*;
    use crate::testing::TestDb;

    fn keys(slot: &Slot) -> (Tier, Option<&str>, Option<&str>) {
        (slot.tier, slot.lower.as_ref().map(RankKey::as_str), slot.upper.as_ref().map(RankKey::as_str))
    }

    /// The probe reads what every kind of write needs: the same slot whichever way the list's lock is taken.
    #[tokio::test]
    async fn every_kind_of_write_probes_the_slot_it_needs_locked_or_not() {
        let db = TestDb::new().await;
        let store = db.store();
        let user = crate::testing::user(&store, "Prober").await;
        let mut titles = Vec::new();
        for name in ["One", "Two", "Three", "Four", "Unranked"] {
            let fields = marquee_domain::media::MediaFields::new(marquee_domain::media::MediaInput {
                kind: "movie".into(),
                title: name.into(),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{e:?}"));
            titles.push(MediaRepository::create(&store, fields, None).await.unwrap_or_else(|e| panic!("{e}")).id);
        }
        let mut ranked = Vec::new();
        for (i, media) in titles[..4].iter().enumerate() {
            // Three in B, the fourth in A, so a tier's ends and neighbours are told apart.
            let tier = if i == 3 { Tier::A } else { Tier::B };
            let command = PlaceCommand { media_id: *media, tier, anchor: Anchor::Bottom, stars: None };
            ranked.push(store.place(user, &command).await.unwrap_or_else(|e| panic!("{e}")));
        }
        let key = |i: usize| Some(ranked[i].rank_key.as_str());
        let (r0, r1, r2) = (ranked[0].id, ranked[1].id, ranked[2].id);
        let place = |tier, anchor| ListWrite::Place { media: titles[4], tier, anchor };
        let moving = |tier, anchor| ListWrite::Move { id: r1, tier, anchor };
        // (write, expected slot); the moving ranking never counts as its own neighbour.
        let cases = [
            (place(Tier::B, Anchor::Bottom), (Tier::B, key(2), None)),
            (place(Tier::B, Anchor::Top), (Tier::B, None, key(0))),
            (place(Tier::B, Anchor::After(r0)), (Tier::B, key(0), key(1))),
            (place(Tier::B, Anchor::Before(r2)), (Tier::B, key(1), key(2))),
            (place(Tier::B, Anchor::Between { after: r1, before: r2 }), (Tier::B, key(1), key(2))),
            (place(Tier::A, Anchor::Bottom), (Tier::A, key(3), None)),
            (moving(None, Anchor::Bottom), (Tier::B, key(2), None)),
            (moving(None, Anchor::Top), (Tier::B, None, key(0))),
            (moving(Some(Tier::A), Anchor::Top), (Tier::A, None, key(3))),
            (moving(None, Anchor::After(r2)), (Tier::B, key(2), None)),
            (moving(None, Anchor::Before(r0)), (Tier::B, None, key(0))),
            (moving(None, Anchor::After(r0)), (Tier::B, key(0), key(2))),
            (moving(None, Anchor::Between { after: r0, before: r2 }), (Tier::B, key(0), key(2))),
        ];
        let mut conn = db.pool().get().await.unwrap_or_else(|e| panic!("{e}"));
        for (write, expected) in cases {
            let check = |hood: &Neighbourhood, how: &str| {
                let slot = resolve(&write, hood).unwrap_or_else(|e| panic!("{how} {write:?}: {e}"));
                assert_eq!(keys(&slot), expected, "{how} {write:?}");
                match write {
                    ListWrite::Place { .. } => assert!(hood.media_exists && hood.existing.is_none(), "{how}"),
                    ListWrite::Move { .. } => assert_eq!(hood.moving_tier, Some(Tier::B), "{how}"),
                }
            };
            let (unlocked, version) = probe_unlocked(&mut conn, user, &write)
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("the user exists"));
            assert!(version > 0, "the version seen");
            check(&unlocked.hood, "unlocked");
            // A copy of the list (see `outlines`) decides what the probe decides.
            match super::super::outlines::load(&mut conn, user).await.unwrap_or_else(|e| panic!("{e}")) {
                Some(super::super::outlines::Held::List { version: copied, outline }) => {
                    assert_eq!(copied, version, "the copy's version");
                    // The probe reads only what its shape needs; the copy has it all, so compare what they decide.
                    let copied_hood = outline.neighbourhood(&write, true);
                    check(&copied_hood, "copied");
                    assert_eq!(copied_hood.existing, unlocked.hood.existing, "copied {write:?}");
                    let current = match write {
                        ListWrite::Place { media, .. } => outline.of_media(media),
                        ListWrite::Move { id, .. } => outline.get(id),
                    };
                    assert_eq!(
                        current.map(|e| (e.id, e.tier, e.key.clone())),
                        unlocked.current.as_ref().map(|c| (c.id, c.tier, c.key.clone())),
                        "copied {write:?}"
                    );
                }
                other => panic!("a short list is copied: {other:?}"),
            }
            match write {
                ListWrite::Place { .. } => assert!(unlocked.current.is_none(), "an unranked title changes no ranking"),
                ListWrite::Move { .. } => assert_eq!(
                    unlocked.current.as_ref().map(|c| (c.id, c.media, c.tier, c.key.as_str())),
                    Some((r1, titles[1], Tier::B, ranked[1].rank_key.as_str())),
                    "the moving ranking as it is"
                ),
            }
            conn.transaction::<(), diesel::result::Error, _>(async |conn| {
                let locked = probe(conn, user, &write).await?.unwrap_or_else(|| panic!("no user"));
                check(&locked.hood, "locked");
                // The re-read a locking probe falls back to when another write committed while it waited.
                check(&probe_locked(conn, user, &write).await?.hood, "plain");
                Err(diesel::result::Error::RollbackTransaction)
            })
            .await
            .err()
            .unwrap_or_else(|| panic!("rolled back"));
        }
        // A probe of a user who does not exist finds nothing, locked or not.
        let nobody = UserId(Uuid::now_v7());
        let found = probe_unlocked(&mut conn, nobody, &place(Tier::B, Anchor::Bottom)).await;
        assert!(found.unwrap_or_else(|e| panic!("{e}")).is_none());
        let found = probe(&mut conn, nobody, &place(Tier::B, Anchor::Bottom)).await;
        assert!(found.unwrap_or_else(|e| panic!("{e}")).is_none());
    }
}
