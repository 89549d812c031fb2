//! [`SocialRepository`] on `users.visibility` and the `follows` table.

use std::sync::LazyLock;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::activity::{self as domain_activity, NewActivity};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::privacy::{Audience, FollowState, Visibility};
use marquee_domain::social::{Follow, SocialRepository};
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::activity::{self, LogBinds, bind_log, log_cte};
use super::audience::{AudienceParams, bind_audience, shows};
use super::{PgStore, corrupt, store_error};
use crate::schema::{follows, users};

fn state(accepted: bool) -> FollowState {
    if accepted { FollowState::Following } else { FollowState::Requested }
}

type FollowRow = (Uuid, String, bool, DateTime<Utc>);

fn page_of(rows: Vec<FollowRow>, total: i64, request: PageRequest) -> Page<Follow> {
    let items = rows
        .into_iter()
        .map(|(id, display_name, accepted, since)| Follow {
            user: UserId(id),
            display_name,
            state: state(accepted),
            since,
        })
        .collect();
    Page { items, total: u64::try_from(total).unwrap_or_default(), request }
}

/// Which end of a follow a list shows.
#[derive(Debug, Clone, Copy)]
enum Side {
    /// Who follows the user.
    Followers,
    /// Whom the user follows.
    Following,
}

#[derive(QueryableByName)]
struct Listed {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = Bool)]
    accepted: bool,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// One page of a follower or following list, newest first, of the listed users `audience` shows: `$1` the
/// user, `$2` the least `accepted` kept (`true`: accepted follows only), `$3`–`$6` the audience.
async fn listed(
    conn: &mut AsyncPgConnection,
    side: Side,
    user: UserId,
    accepted_only: bool,
    audience: &Audience,
    page: PageRequest,
) -> Result<Page<Follow>, StoreError> {
    let (mine, theirs) = match side {
        Side::Followers => ("followee_id", "follower_id"),
        Side::Following => ("follower_id", "followee_id"),
    };
    let from = format!(
        "FROM follows f JOIN users u ON u.id = f.{theirs} \
         WHERE f.{mine} = $1 AND f.accepted >= $2 AND {}",
        shows("u", 3)
    );
    let params = AudienceParams::new(audience);
    let rows: Vec<Listed> = bind_audience!(
        diesel::sql_query(format!(
            "SELECT u.id, u.display_name, f.accepted, f.created_at {from} \
             ORDER BY f.created_at DESC, u.id LIMIT $7 OFFSET $8"
        ))
        .bind::<SqlUuid, _>(user.0)
        .bind::<Bool, _>(accepted_only),
        params
    )
    .bind::<BigInt, _>(i64::from(page.limit()))
    .bind::<BigInt, _>(i64::from(page.offset()))
    .load(conn)
    .await
    .map_err(store_error)?;
    let total: Counted = bind_audience!(
        diesel::sql_query(format!("SELECT count(*) AS total {from}"))
            .bind::<SqlUuid, _>(user.0)
            .bind::<Bool, _>(accepted_only),
        params
    )
    .get_result(conn)
    .await
    .map_err(store_error)?;
    let rows = rows.into_iter().map(|r| (r.id, r.display_name, r.accepted, r.created_at)).collect();
    Ok(page_of(rows, total.total, page))
}

/// A follow, unless one exists: `$1` follower, `$2` followee, `$3` accepted, `$4`–`$10` its feed row.
static FOLLOW: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH f AS (INSERT INTO follows (follower_id, followee_id, accepted) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING RETURNING follower_id), {} SELECT 1",
        log_cte("a", "f", 4, None)
    )
});

/// A pending request accepted: `$1` follower, `$2` owner, `$3`–`$9` its feed row.
static APPROVE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH f AS (UPDATE follows SET accepted = true WHERE follower_id = $1 AND followee_id = $2 AND NOT accepted \
         RETURNING follower_id), {} SELECT 1 FROM f",
        log_cte("a", "f", 3, None)
    )
});

#[async_trait]
impl SocialRepository for PgStore {
    async fn visibility(&self, user: UserId) -> Result<Option<Visibility>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let stored: Option<String> = users::table
                .find(user.0)
                .select(users::visibility)
                .first(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            stored.map(|s| s.parse().map_err(|_| corrupt(format!("unknown visibility {s:?}")))).transpose()
        })
        .await
    }

    async fn set_visibility(&self, user: UserId, visibility: Visibility) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // A public profile needs no approval: going public accepts the pending requests, in the same transaction.
            conn.transaction::<_, diesel::result::Error, _>(async |conn| {
                let updated = diesel::update(users::table.find(user.0))
                    .set((users::visibility.eq(visibility.as_str()), users::updated_at.eq(diesel::dsl::now)))
                    .execute(conn)
                    .await?;
                if updated > 0 && visibility == Visibility::Public {
                    let accepted: Vec<Uuid> = diesel::update(
                        follows::table.filter(follows::followee_id.eq(user.0)).filter(follows::accepted.eq(false)),
                    )
                    .set(follows::accepted.eq(true))
                    .returning(follows::follower_id)
                    .get_results(conn)
                    .await?;
                    let mut logged: Vec<NewActivity> = accepted
                        .into_iter()
                        .filter_map(|follower| domain_activity::followed(UserId(follower), user, false, true))
                        .collect();
                    logged.sort_by_key(|row| row.user.0);
                    activity::log(conn, &logged).await?;
                }
                Ok(updated > 0)
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    async fn follow(&self, follower: UserId, followee: UserId, accepted: bool) -> Result<FollowState, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // Insert unless present (asking again never accepts a request), logged as the domain says in the same
            // statement, then read what is stored.
            let log = LogBinds::from(domain_activity::followed(follower, followee, false, accepted).as_ref());
            let query = diesel::sql_query(FOLLOW.as_str())
                .bind::<SqlUuid, _>(follower.0)
                .bind::<SqlUuid, _>(followee.0)
                .bind::<Bool, _>(accepted);
            bind_log!(query, &log).execute(&mut conn).await.map_err(store_error)?;
            let stored: bool = follows::table
                .find((follower.0, followee.0))
                .select(follows::accepted)
                .first(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(state(stored))
        })
        .await
    }

    async fn unfollow(&self, follower: UserId, followee: UserId) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let deleted = diesel::delete(follows::table.find((follower.0, followee.0)))
                .execute(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(deleted > 0)
        })
        .await
    }

    async fn approve(&self, owner: UserId, follower: UserId) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let log = LogBinds::from(domain_activity::followed(follower, owner, false, true).as_ref());
            let query = diesel::sql_query(APPROVE.as_str()).bind::<SqlUuid, _>(follower.0).bind::<SqlUuid, _>(owner.0);
            let updated = bind_log!(query, &log).execute(&mut conn).await.map_err(store_error)?;
            Ok(updated > 0)
        })
        .await
    }

    async fn follow_state(&self, follower: UserId, followee: UserId) -> Result<Option<FollowState>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let stored: Option<bool> = follows::table
                .find((follower.0, followee.0))
                .select(follows::accepted)
                .first(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(stored.map(state))
        })
        .await
    }

    async fn followers(
        &self,
        user: UserId,
        with_requests: bool,
        audience: &Audience,
        page: PageRequest,
    ) -> Result<Page<Follow>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // `accepted >= NOT with_requests`: every row when requests are wanted, accepted rows otherwise.
            listed(&mut conn, Side::Followers, user, !with_requests, audience, page).await
        })
        .await
    }

    async fn following(
        &self,
        user: UserId,
        audience: &Audience,
        page: PageRequest,
    ) -> Result<Page<Follow>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            listed(&mut conn, Side::Following, user, true, audience, page).await
        })
        .await
    }
}
