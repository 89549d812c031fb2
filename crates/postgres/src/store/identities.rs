//! [`IdentityRepository`] on `external_identities` (and `users`, for an account made on first sight).

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel_async::{AsyncConnection as _, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::account::CreateUserError;
use marquee_domain::identity::IdentityRepository;
use marquee_domain::user::{NewUser, UserId};
use uuid::Uuid;

use super::rows::NewUserRow;
use super::{PgStore, store_error, violated};
use crate::schema::{external_identities, users};

#[async_trait]
impl IdentityRepository for PgStore {
    async fn find_identity(&self, issuer: &str, subject: &str) -> Result<Option<UserId>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let found = external_identities::table
                .find((issuer, subject))
                .select(external_identities::user_id)
                .first::<Uuid>(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(found.map(UserId))
        })
        .await
    }

    async fn link_identity(&self, issuer: &str, subject: &str, user: UserId) -> Result<(), StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            diesel::insert_into(external_identities::table)
                .values((
                    external_identities::issuer.eq(issuer),
                    external_identities::subject.eq(subject),
                    external_identities::user_id.eq(user.0),
                ))
                .on_conflict_do_nothing()
                .execute(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(())
        })
        .await
    }

    async fn create_with_identity(
        &self,
        user: NewUser,
        issuer: &str,
        subject: &str,
    ) -> Result<UserId, CreateUserError> {
        self.bounded(async {
            let mut conn = self.conn().await.map_err(store_error)?;
            let id = Uuid::now_v7();
            let created = conn
                .transaction::<_, diesel::result::Error, _>(async |conn| {
                    let row = NewUserRow {
                        id,
                        email: user.email.as_str(),
                        display_name: user.display_name.as_str(),
                        password_hash: &user.password_hash.0,
                    };
                    diesel::insert_into(users::table).values(&row).execute(conn).await?;
                    diesel::insert_into(external_identities::table)
                        .values((
                            external_identities::issuer.eq(issuer),
                            external_identities::subject.eq(subject),
                            external_identities::user_id.eq(id),
                        ))
                        .execute(conn)
                        .await?;
                    Ok(())
                })
                .await;
            match created {
                Ok(()) => Ok(UserId(id)),
                Err(e) if violated(&e, DatabaseErrorKind::UniqueViolation) == Some("users_email_key") => {
                    Err(CreateUserError::EmailTaken)
                }
                Err(e) => Err(store_error(e).into()),
            }
        })
        .await
    }
}
