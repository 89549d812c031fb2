//! [`SocialRepository`] on `users.visibility` and the `follows` table.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::social::{Follow, FollowState, SocialRepository, Visibility};
use marquee_domain::user::UserId;
use uuid::Uuid;

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
                    diesel::update(
                        follows::table.filter(follows::followee_id.eq(user.0)).filter(follows::accepted.eq(false)),
                    )
                    .set(follows::accepted.eq(true))
                    .execute(conn)
                    .await?;
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
            // Insert unless present (asking again never accepts a request), then read what is stored.
            diesel::insert_into(follows::table)
                .values((
                    follows::follower_id.eq(follower.0),
                    follows::followee_id.eq(followee.0),
                    follows::accepted.eq(accepted),
                ))
                .on_conflict_do_nothing()
                .execute(&mut conn)
                .await
                .map_err(store_error)?;
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
            let updated =
                diesel::update(follows::table.find((follower.0, owner.0)).filter(follows::accepted.eq(false)))
                    .set(follows::accepted.eq(true))
                    .execute(&mut conn)
                    .await
                    .map_err(store_error)?;
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
        page: PageRequest,
    ) -> Result<Page<Follow>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            // `accepted >= NOT with_requests`: every row when requests are wanted, accepted rows otherwise.
            let kept = follows::followee_id.eq(user.0).and(follows::accepted.ge(!with_requests));
            let rows: Vec<FollowRow> = follows::table
                .inner_join(users::table.on(users::id.eq(follows::follower_id)))
                .filter(kept)
                .select((users::id, users::display_name, follows::accepted, follows::created_at))
                .order((follows::created_at.desc(), users::id))
                .limit(i64::from(page.limit()))
                .offset(i64::from(page.offset()))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            let total: i64 = follows::table.filter(kept).count().get_result(&mut conn).await.map_err(store_error)?;
            Ok(page_of(rows, total, page))
        })
        .await
    }

    async fn following(&self, user: UserId, page: PageRequest) -> Result<Page<Follow>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let kept = follows::follower_id.eq(user.0).and(follows::accepted);
            let rows: Vec<FollowRow> = follows::table
                .inner_join(users::table.on(users::id.eq(follows::followee_id)))
                .filter(kept)
                .select((users::id, users::display_name, follows::accepted, follows::created_at))
                .order((follows::created_at.desc(), users::id))
                .limit(i64::from(page.limit()))
                .offset(i64::from(page.offset()))
                .load(&mut conn)
                .await
                .map_err(store_error)?;
            let total: i64 = follows::table.filter(kept).count().get_result(&mut conn).await.map_err(store_error)?;
            Ok(page_of(rows, total, page))
        })
        .await
    }
}
