//! The export of everything a user owns (`ImportRepository::export`): the list, comparisons, top 4 and services,
//! read in one snapshot.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Int2, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::imports::UserExport;
use marquee_domain::imports::export::{ExportedComparison, ExportedRanking, ExportedServices, ExportedTitle};
use marquee_domain::user::UserId;

use super::TxError;
use super::rows::tier;
use crate::schema::user_services;

type Conn = AsyncPgConnection;
type TxResult<T> = Result<T, TxError<StoreError>>;

#[derive(QueryableByName)]
struct ExportRow {
    #[diesel(sql_type = Int2)]
    tier: i16,
    #[diesel(sql_type = Nullable<Int2>)]
    stars: Option<i16>,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
    #[diesel(embed)]
    media: TitleRow,
}

#[derive(QueryableByName)]
struct TitleRow {
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
    #[diesel(sql_type = Nullable<BigInt>)]
    tmdb_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    imdb_id: Option<String>,
}

impl From<TitleRow> for ExportedTitle {
    fn from(r: TitleRow) -> Self {
        ExportedTitle {
            kind: r.kind,
            title: r.title,
            original_title: r.original_title,
            year: r.year,
            genres: r.genres,
            tmdb_id: r.tmdb_id,
            imdb_id: r.imdb_id,
        }
    }
}

#[derive(QueryableByName)]
struct ComparisonRow {
    #[diesel(sql_type = Text)]
    w_kind: String,
    #[diesel(sql_type = Text)]
    w_title: String,
    #[diesel(sql_type = Nullable<Text>)]
    w_original_title: Option<String>,
    #[diesel(sql_type = Nullable<Int2>)]
    w_year: Option<i16>,
    #[diesel(sql_type = Array<Text>)]
    w_genres: Vec<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    w_tmdb_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    w_imdb_id: Option<String>,
    #[diesel(sql_type = Text)]
    l_kind: String,
    #[diesel(sql_type = Text)]
    l_title: String,
    #[diesel(sql_type = Nullable<Text>)]
    l_original_title: Option<String>,
    #[diesel(sql_type = Nullable<Int2>)]
    l_year: Option<i16>,
    #[diesel(sql_type = Array<Text>)]
    l_genres: Vec<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    l_tmdb_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    l_imdb_id: Option<String>,
    #[diesel(sql_type = Bool)]
    tie: bool,
    #[diesel(sql_type = Text)]
    context: String,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
}

const TITLE_COLUMNS: &str = "kind, title, original_title, year, genres, tmdb_id, imdb_id";

pub(super) async fn export_tx(conn: &mut Conn, user: UserId) -> TxResult<UserExport> {
    let rows: Vec<ExportRow> = diesel::sql_query(format!(
        "SELECT r.tier, r.stars, r.created_at, {TITLE_COLUMNS} FROM rankings r \
         JOIN media_items m ON m.id = r.media_id WHERE r.user_id = $1 ORDER BY r.tier, r.rank_key"
    ))
    .bind::<SqlUuid, _>(user.0)
    .load(conn)
    .await?;
    let mut rankings = Vec::with_capacity(rows.len());
    let mut position = 0;
    let mut current = None;
    for r in rows {
        let t = tier(r.tier).map_err(TxError::Domain)?;
        position = if current == Some(t) { position + 1 } else { 1 };
        current = Some(t);
        rankings.push(ExportedRanking {
            tier: t,
            position,
            stars: r.stars.map(|s| s as u8),
            created_at: r.created_at,
            media: r.media.into(),
        });
    }
    let rows: Vec<ComparisonRow> = diesel::sql_query(
        "SELECT w.kind AS w_kind, w.title AS w_title, w.original_title AS w_original_title, w.year AS w_year, \
                w.genres AS w_genres, w.tmdb_id AS w_tmdb_id, w.imdb_id AS w_imdb_id, \
                l.kind AS l_kind, l.title AS l_title, l.original_title AS l_original_title, l.year AS l_year, \
                l.genres AS l_genres, l.tmdb_id AS l_tmdb_id, l.imdb_id AS l_imdb_id, \
                c.tie, c.context, c.created_at \
         FROM comparisons c JOIN media_items w ON w.id = c.winner_id JOIN media_items l ON l.id = c.loser_id \
         WHERE c.user_id = $1 ORDER BY c.created_at, c.id",
    )
    .bind::<SqlUuid, _>(user.0)
    .load(conn)
    .await?;
    let comparisons = rows
        .into_iter()
        .map(|c| ExportedComparison {
            winner: ExportedTitle {
                kind: c.w_kind,
                title: c.w_title,
                original_title: c.w_original_title,
                year: c.w_year,
                genres: c.w_genres,
                tmdb_id: c.w_tmdb_id,
                imdb_id: c.w_imdb_id,
            },
            loser: ExportedTitle {
                kind: c.l_kind,
                title: c.l_title,
                original_title: c.l_original_title,
                year: c.l_year,
                genres: c.l_genres,
                tmdb_id: c.l_tmdb_id,
                imdb_id: c.l_imdb_id,
            },
            tie: c.tie,
            context: c.context,
            created_at: c.created_at,
        })
        .collect();
    let top4: Vec<TitleRow> = diesel::sql_query(format!(
        "SELECT {TITLE_COLUMNS} FROM top4_sets s \
         CROSS JOIN LATERAL unnest(ARRAY[s.media_1, s.media_2, s.media_3, s.media_4]) WITH ORDINALITY AS t(id, n) \
         JOIN media_items m ON m.id = t.id WHERE s.user_id = $1 ORDER BY t.n"
    ))
    .bind::<SqlUuid, _>(user.0)
    .load(conn)
    .await?;
    let services = user_services::table
        .find(user.0)
        .select((user_services::region, user_services::services))
        .first::<(String, Vec<String>)>(conn)
        .await
        .optional()?
        .map(|(region, services)| ExportedServices { region, services });
    Ok(UserExport { rankings, comparisons, top4: top4.into_iter().map(Into::into).collect(), services })
}
