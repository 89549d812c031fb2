//! [`SessionRepository`] on `auth_sessions` and `refresh_tokens`. The rules are the domain's (`session`); these
//! statements only make each step atomic: a rotation marks the old token used and inserts its successor in one
//! transaction, and only if the old one was still unused and its session live.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection as _, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::session::{NewRefresh, RefreshDigest, SessionId, SessionRepository, StoredRefresh};
use marquee_domain::user::UserId;

use super::{PgStore, store_error};
use crate::schema::{auth_sessions, refresh_tokens};

/// Inserts one refresh token.
async fn insert_refresh(
    conn: &mut diesel_async::AsyncPgConnection,
    token: &NewRefresh,
) -> Result<(), diesel::result::Error> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::digest.eq(&token.digest.0),
            refresh_tokens::session_id.eq(token.session.0),
            refresh_tokens::expires_at.eq(token.expires_at),
        ))
        .execute(conn)
        .await
        .map(drop)
}

#[async_trait]
impl SessionRepository for PgStore {
    async fn start_session(&self, user: UserId, first: NewRefresh) -> Result<(), StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            conn.transaction::<_, diesel::result::Error, _>(async |conn| {
                diesel::insert_into(auth_sessions::table)
                    .values((auth_sessions::id.eq(first.session.0), auth_sessions::user_id.eq(user.0)))
                    .execute(conn)
                    .await?;
                insert_refresh(conn, &first).await
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    async fn find_refresh(&self, digest: &RefreshDigest) -> Result<Option<StoredRefresh>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let found = refresh_tokens::table
                .inner_join(auth_sessions::table)
                .filter(refresh_tokens::digest.eq(&digest.0))
                .select((
                    auth_sessions::id,
                    auth_sessions::user_id,
                    refresh_tokens::expires_at,
                    refresh_tokens::used_at,
                    auth_sessions::revoked_at,
                ))
                .first::<(uuid::Uuid, uuid::Uuid, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>)>(
                    &mut conn,
                )
                .await
                .optional()
                .map_err(store_error)?;
            Ok(found.map(|(session, user, expires_at, used_at, revoked_at)| StoredRefresh {
                session: SessionId(session),
                user: UserId(user),
                expires_at,
                used_at,
                revoked_at,
            }))
        })
        .await
    }

    async fn rotate_refresh(
        &self,
        used: &RefreshDigest,
        next: NewRefresh,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            conn.transaction::<_, diesel::result::Error, _>(async |conn| {
                let live = auth_sessions::table
                    .filter(auth_sessions::id.eq(next.session.0))
                    .filter(auth_sessions::revoked_at.is_null())
                    .select(auth_sessions::id);
                // The guard on `used_at` makes two racing rotations of one token end with one winner.
                let marked = diesel::update(
                    refresh_tokens::table
                        .filter(refresh_tokens::digest.eq(&used.0))
                        .filter(refresh_tokens::session_id.eq(next.session.0))
                        .filter(refresh_tokens::used_at.is_null())
                        .filter(refresh_tokens::session_id.eq_any(live)),
                )
                .set(refresh_tokens::used_at.eq(now))
                .execute(conn)
                .await?;
                if marked == 0 {
                    return Ok(false);
                }
                insert_refresh(conn, &next).await?;
                Ok(true)
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    async fn revoke_session(&self, user: UserId, session: SessionId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let ended = diesel::update(
                auth_sessions::table
                    .filter(auth_sessions::id.eq(session.0))
                    .filter(auth_sessions::user_id.eq(user.0))
                    .filter(auth_sessions::revoked_at.is_null()),
            )
            .set(auth_sessions::revoked_at.eq(now))
            .execute(&mut conn)
            .await
            .map_err(store_error)?;
            Ok(ended > 0)
        })
        .await
    }

    async fn revoke_sessions(
        &self,
        user: UserId,
        keep: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let mut query = diesel::update(auth_sessions::table)
                .filter(auth_sessions::user_id.eq(user.0))
                .filter(auth_sessions::revoked_at.is_null())
                .into_boxed();
            if let Some(keep) = keep {
                query = query.filter(auth_sessions::id.ne(keep.0));
            }
            let ended = query.set(auth_sessions::revoked_at.eq(now)).execute(&mut conn).await.map_err(store_error)?;
            Ok(ended as u64)
        })
        .await
    }

    async fn session_live(&self, session: SessionId) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let live = diesel::select(diesel::dsl::exists(
                auth_sessions::table
                    .filter(auth_sessions::id.eq(session.0))
                    .filter(auth_sessions::revoked_at.is_null()),
            ))
            .get_result::<bool>(&mut conn)
            .await
            .map_err(store_error)?;
            Ok(live)
        })
        .await
    }
}
