//! [`LeaderboardRepository`]: one statement per half of the board, derived scores computed in SQL with window
//! functions exactly as [`marquee_domain::score::Score::derive`] does (integer tenths, rounded interpolation),
//! the bands bound from the domain so there is one source for them.

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Nullable, SmallInt, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use marquee_domain::StoreError;
use marquee_domain::leaderboard::{
    BoardQuery, LeaderboardRepository, PRIOR_WEIGHT, RankerStanding, Scope, TitleBoard, TitleStanding,
};
use marquee_domain::media::MediaSummary;
use marquee_domain::privacy;
use marquee_domain::score::band;
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::audience::{AudienceParams, bind_audience, shows};
use super::rows::SummaryRow;
use super::{PgStore, store_error};

#[derive(QueryableByName)]
struct TitleRow {
    #[diesel(embed)]
    media: SummaryRow,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Double)]
    mean: f64,
    #[diesel(sql_type = Double)]
    global_mean: f64,
    #[diesel(sql_type = Double)]
    score: f64,
}

#[derive(QueryableByName)]
struct RankerRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = BigInt)]
    rankings: i64,
}

/// The users whose lists count: `$1` `true` for the following scope, `$2` the viewer or NULL, `$6` the
/// visibilities that count in aggregates (the domain's `privacy::aggregated`).
const SCOPED: &str = "WITH scoped AS ( \
         SELECT u.id FROM users u \
         WHERE u.visibility = ANY($6) \
           AND (NOT $1 OR EXISTS (SELECT 1 FROM follows f \
                                  WHERE f.follower_id = $2 AND f.followee_id = u.id AND f.accepted)) \
     )";

/// The period, kind and genre filters on `p` (a ranking) and `m` (its title): `$3` since or NULL, `$4` kind or
/// NULL, `$5` genre (lower-cased) or NULL.
const FILTERS: &str = "($3::timestamptz IS NULL OR p.updated_at >= $3) \
       AND ($4::text IS NULL OR m.kind = $4) \
       AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM unnest(m.genres) AS g WHERE lower(g) = $5))";

/// The best titles: `$7`/`$8` the bands' lows and highs by tier index, `$9` the prior weight, `$10` the limit.
fn titles_sql() -> String {
    // Positions and tier sizes count whole tiers, before the filters, as the list endpoint counts them.
    format!(
        "{SCOPED}, placed AS ( \
             SELECT r.media_id, r.tier, r.updated_at, \
                    row_number() OVER (PARTITION BY r.user_id, r.tier ORDER BY r.rank_key) AS pos, \
                    count(*) OVER (PARTITION BY r.user_id, r.tier) AS size \
             FROM rankings r JOIN scoped s ON s.id = r.user_id \
         ), scores AS ( \
             SELECT p.media_id, \
                    CASE WHEN p.size <= 1 THEN b.hi \
                         ELSE b.hi - ((b.hi - b.lo) * (p.pos - 1) * 2 + (p.size - 1)) / ((p.size - 1) * 2) END \
                    AS tenths \
             FROM placed p JOIN media_items m ON m.id = p.media_id CROSS JOIN LATERAL \
                 (SELECT ($7::int2[])[p.tier + 1]::int8 AS lo, ($8::int2[])[p.tier + 1]::int8 AS hi) b \
             WHERE {FILTERS} \
         ), per_title AS ( \
             SELECT media_id, count(*) AS n, avg(tenths)::float8 / 10.0 AS mean FROM scores GROUP BY media_id \
         ), overall AS (SELECT avg(tenths)::float8 / 10.0 AS global_mean FROM scores) \
         SELECT m.id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path, t.n, t.mean, \
                o.global_mean, (t.n * t.mean + $9 * o.global_mean) / (t.n + $9) AS score \
         FROM per_title t CROSS JOIN overall o JOIN media_items m ON m.id = t.media_id \
         ORDER BY score DESC, t.n DESC, m.id LIMIT $10"
    )
}

/// The most active rankers the viewer may see: `$7` the limit, `$8`–`$11` the audience.
fn rankers_sql() -> String {
    // Counts need no positions: no windows here.
    format!(
        "{SCOPED} \
         SELECT u.id, u.display_name, count(*) AS rankings \
         FROM rankings p JOIN scoped s ON s.id = p.user_id JOIN media_items m ON m.id = p.media_id \
              JOIN users u ON u.id = p.user_id \
         WHERE ({FILTERS}) AND {} \
         GROUP BY u.id, u.display_name \
         ORDER BY rankings DESC, u.id LIMIT $7",
        shows("u", 8)
    )
}

/// The bands' lows and highs, indexed by tier index.
fn bands() -> (Vec<i16>, Vec<i16>) {
    Tier::ALL.iter().map(|&t| band(t)).map(|(lo, hi)| (i16::from(lo), i16::from(hi))).unzip()
}

macro_rules! bind_scope {
    ($query:expr, $q:expr) => {
        $query
            .bind::<diesel::sql_types::Bool, _>($q.scope == Scope::Following)
            .bind::<Nullable<SqlUuid>, _>($q.viewer.map(|v| v.0))
            .bind::<Nullable<Timestamptz>, _>($q.since)
            .bind::<Nullable<Text>, _>($q.kind.map(|k| k.as_str()))
            .bind::<Nullable<Text>, _>($q.genre.as_deref())
            .bind::<Array<Text>, _>(privacy::aggregated().into_iter().map(|v| v.as_str()).collect::<Vec<_>>())
    };
}

#[async_trait]
impl LeaderboardRepository for PgStore {
    async fn best_titles(&self, query: &BoardQuery) -> Result<TitleBoard, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let (lows, highs) = bands();
            let rows: Vec<TitleRow> = bind_scope!(diesel::sql_query(titles_sql()), query)
                .bind::<Array<SmallInt>, _>(&lows)
                .bind::<Array<SmallInt>, _>(&highs)
                .bind::<Double, _>(PRIOR_WEIGHT)
                .bind::<BigInt, _>(i64::from(query.limit))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            let global_mean = rows.as_slice().first().map(|r| r.global_mean);
            let titles = rows
                .into_iter()
                .map(|r| {
                    Ok(TitleStanding {
                        media: MediaSummary::try_from(r.media)?,
                        score: r.score,
                        mean: r.mean,
                        count: u64::try_from(r.n).unwrap_or_default(),
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(TitleBoard { global_mean, titles })
        })
        .await
    }

    async fn top_rankers(&self, query: &BoardQuery) -> Result<Vec<RankerStanding>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let audience = AudienceParams::new(&query.audience());
            let rows: Vec<RankerRow> = bind_audience!(
                bind_scope!(diesel::sql_query(rankers_sql()), query).bind::<BigInt, _>(i64::from(query.limit)),
                audience
            )
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            Ok(rows
                .into_iter()
                .map(|r| RankerStanding {
                    user: UserId(r.id),
                    display_name: r.display_name,
                    rankings: u64::try_from(r.rankings).unwrap_or_default(),
                })
                .collect())
        })
        .await
    }
}
