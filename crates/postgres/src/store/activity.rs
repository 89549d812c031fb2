//! Writes the activity rows the domain's feed rule ([`marquee_domain::activity`]) decides, in the writing
//! transaction: a rolled-back write logs nothing.
//!
//! Two ways, one per kind of write path:
//! - the fused single-statement writes add a CTE ([`log_cte`]) whose `INSERT` runs only when the row it is gated on
//!   was written (it selects `FROM` that row's CTE), with the domain's row bound as parameters;
//! - every other write calls [`log`] after its own statements, one `INSERT … SELECT FROM unnest(…)` for any number
//!   of rows (an import logs thousands in one statement).
//!
//! No trigger is involved: the schema holds no rule of its own about what the feed shows.

use chrono::{DateTime, Utc};
use diesel::sql_types::{Array, Int2, Int4, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use marquee_domain::activity::NewActivity;
use marquee_domain::tier::Tier;
use uuid::Uuid;

/// `name AS (INSERT INTO activities … SELECT $first… FROM gate WHERE …)`: a CTE logging one row, with its columns
/// as the 7 parameters from `first` on (bound by [`bind_log!`]), written when `gate` (a CTE) holds a row and the
/// domain decided to log (the last parameter). `after` names a CTE that must run first (data-modifying CTEs run in
/// no set order unless one reads another), so that rows logged by one statement keep the order things happened.
pub(super) fn log_cte(name: &str, gate: &str, first: usize, after: Option<&str>) -> String {
    let p = |i: usize| first + i;
    let order = after.map(|a| format!(" AND (SELECT count(*) FROM {a}) >= 0")).unwrap_or_default();
    format!(
        "{name} AS (INSERT INTO activities (user_id, verb, media_ids, tier, target_id, source_id) \
         SELECT ${}::uuid, ${}::text, ${}::uuid[], ${}::int2, ${}::uuid, ${}::uuid FROM {gate} WHERE ${}::bool{order} \
         LIMIT 1 RETURNING id)",
        p(0),
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        p(6)
    )
}

/// The binds of one [`log_cte`], from the domain's decision (`None`: log nothing).
pub(super) struct LogBinds {
    pub(super) user: Uuid,
    pub(super) verb: &'static str,
    pub(super) media: Vec<Uuid>,
    pub(super) tier: Option<i16>,
    pub(super) target: Option<Uuid>,
    pub(super) source: Option<Uuid>,
    pub(super) log: bool,
}

impl From<Option<&NewActivity>> for LogBinds {
    fn from(row: Option<&NewActivity>) -> Self {
        match row {
            Some(row) => Self {
                user: row.user.0,
                verb: row.verb.as_str(),
                media: row.media.iter().map(|m| m.0).collect(),
                tier: row.tier.map(Tier::index),
                target: row.target.map(|t| t.0),
                source: row.source,
                log: true,
            },
            None => Self {
                user: Uuid::nil(),
                verb: "",
                media: Vec::new(),
                tier: None,
                target: None,
                source: None,
                log: false,
            },
        }
    }
}

/// Binds a [`LogBinds`] to a `sql_query` at the parameters its [`log_cte`] names.
macro_rules! bind_log {
    ($query:expr, $log:expr) => {{
        let log: &$crate::store::activity::LogBinds = $log;
        $query
            .bind::<diesel::sql_types::Uuid, _>(log.user)
            .bind::<diesel::sql_types::Text, _>(log.verb)
            .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(&log.media)
            .bind::<diesel::sql_types::Nullable<diesel::sql_types::Int2>, _>(log.tier)
            .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(log.target)
            .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(log.source)
            .bind::<diesel::sql_types::Bool, _>(log.log)
    }};
}
pub(super) use bind_log;

/// Logs `rows` in one statement, in their order (the feed reads by id), as done now.
pub(super) async fn log(conn: &mut AsyncPgConnection, rows: &[NewActivity]) -> Result<(), diesel::result::Error> {
    write(conn, rows, &[]).await
}

/// Logs `rows` as done at the times given (an imported answer keeps the time it was given).
pub(super) async fn log_at(
    conn: &mut AsyncPgConnection,
    rows: &[(NewActivity, DateTime<Utc>)],
) -> Result<(), diesel::result::Error> {
    let (rows, times): (Vec<NewActivity>, Vec<DateTime<Utc>>) = rows.iter().cloned().unzip();
    write(conn, &rows, &times).await
}

/// One `INSERT … SELECT FROM unnest(…)`; `times` empty: now.
async fn write(
    conn: &mut AsyncPgConnection,
    rows: &[NewActivity],
    times: &[DateTime<Utc>],
) -> Result<(), diesel::result::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let n = rows.len();
    let (mut users, mut verbs, mut tiers, mut targets, mut sources) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    // Each row's titles are a slice [start, stop] (1-based, inclusive) of one flat array: PostgreSQL has no array
    // of arrays of differing lengths.
    let (mut media, mut starts, mut stops) = (Vec::new(), Vec::with_capacity(n), Vec::with_capacity(n));
    for row in rows {
        users.push(row.user.0);
        verbs.push(row.verb.as_str());
        tiers.push(row.tier.map(Tier::index));
        targets.push(row.target.map(|t| t.0));
        sources.push(row.source);
        starts.push(media.len() as i32 + 1);
        media.extend(row.media.iter().map(|m| m.0));
        stops.push(media.len() as i32);
    }
    diesel::sql_query(
        "INSERT INTO activities (user_id, verb, media_ids, tier, target_id, source_id, created_at) \
         SELECT r.user_id, r.verb, CASE WHEN r.start > r.stop THEN '{}'::uuid[] ELSE $6[r.start:r.stop] END, \
                r.tier, r.target_id, r.source_id, COALESCE(r.at, now()) \
         FROM unnest($1, $2, $3, $4, $5, $7, $8, $9) WITH ORDINALITY \
              AS r(user_id, verb, tier, target_id, source_id, start, stop, at, ord) \
         WHERE r.user_id IS NOT NULL \
         ORDER BY r.ord",
    )
    .bind::<Array<SqlUuid>, _>(&users)
    .bind::<Array<Text>, _>(&verbs)
    .bind::<Array<Nullable<Int2>>, _>(&tiers)
    .bind::<Array<Nullable<SqlUuid>>, _>(&targets)
    .bind::<Array<Nullable<SqlUuid>>, _>(&sources)
    .bind::<Array<SqlUuid>, _>(&media)
    .bind::<Array<Int4>, _>(&starts)
    .bind::<Array<Int4>, _>(&stops)
    .bind::<Array<Timestamptz>, _>(times)
    .execute(conn)
    .await?;
    Ok(())
}

/// Logs the domain's row, if it decided on one.
pub(super) async fn log_one(
    conn: &mut AsyncPgConnection,
    row: Option<NewActivity>,
) -> Result<(), diesel::result::Error> {
    match row {
        Some(row) => log(conn, std::slice::from_ref(&row)).await,
        None => Ok(()),
    }
}

/// Takes back the entry of an undone placement answer (the comparison `source`).
pub(super) async fn withdraw(conn: &mut AsyncPgConnection, source: Uuid) -> Result<(), diesel::result::Error> {
    diesel::sql_query("DELETE FROM activities WHERE source_id = $1 AND verb = 'compared'")
        .bind::<SqlUuid, _>(source)
        .execute(conn)
        .await?;
    Ok(())
}
