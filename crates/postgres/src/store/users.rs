//! [`UserRepository`] on the `users` table.

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel_async::RunQueryDsl;
use marquee_domain::StoreError;
use marquee_domain::account::{CreateUserError, UserRepository};
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, User, UserId};
use uuid::Uuid;

use super::rows::{NewUserRow, UserRow};
use super::{PgStore, store_error, violated};
use crate::schema::users;

#[async_trait]
impl UserRepository for PgStore {
    async fn create(&self, user: NewUser) -> Result<User, CreateUserError> {
        self.bounded(async {
            let mut conn = self.conn().await.map_err(store_error)?;
            let row = NewUserRow {
                id: Uuid::now_v7(),
                email: user.email.as_str(),
                display_name: user.display_name.as_str(),
                password_hash: &user.password_hash.0,
            };
            let inserted = diesel::insert_into(users::table)
                .values(&row)
                .returning(UserRow::as_returning())
                .get_result::<UserRow>(&mut conn)
                .await;
            match inserted {
                Ok(row) => Ok(row.into()),
                Err(e) if violated(&e, DatabaseErrorKind::UniqueViolation) == Some("users_email_key") => {
                    Err(CreateUserError::EmailTaken)
                }
                Err(e) => Err(store_error(e).into()),
            }
        })
        .await
    }

    async fn find_by_email(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let found = users::table
                .filter(users::email.eq(email.as_str()))
                .select((UserRow::as_select(), users::password_hash))
                .first::<(UserRow, String)>(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(found.map(|(row, hash)| (row.into(), PasswordHash(hash))))
        })
        .await
    }

    async fn get(&self, id: UserId) -> Result<Option<User>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let found = users::table
                .find(id.0)
                .select(UserRow::as_select())
                .first::<UserRow>(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(found.map(User::from))
        })
        .await
    }

    async fn set_admin(&self, email: &Email, is_admin: bool) -> Result<Option<User>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let updated = diesel::update(users::table.filter(users::email.eq(email.as_str())))
                .set((users::is_admin.eq(is_admin), users::updated_at.eq(diesel::dsl::now)))
                .returning(UserRow::as_returning())
                .get_result::<UserRow>(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(updated.map(User::from))
        })
        .await
    }

    async fn password_hash(&self, id: UserId) -> Result<Option<PasswordHash>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let found = users::table
                .find(id.0)
                .select(users::password_hash)
                .first::<String>(&mut conn)
                .await
                .optional()
                .map_err(store_error)?;
            Ok(found.map(PasswordHash))
        })
        .await
    }

    async fn set_password(&self, id: UserId, hash: PasswordHash) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let updated = diesel::update(users::table.find(id.0))
                .set((users::password_hash.eq(&hash.0), users::updated_at.eq(diesel::dsl::now)))
                .execute(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(updated > 0)
        })
        .await
    }

    async fn update_profile(
        &self,
        id: UserId,
        email: Option<&Email>,
        display_name: Option<&DisplayName>,
    ) -> Result<Option<User>, CreateUserError> {
        self.bounded(async {
            let mut conn = self.conn().await.map_err(store_error)?;
            // COALESCE keeps a field that was not given, in one statement.
            let updated = diesel::update(users::table.find(id.0))
                .set((
                    users::email.eq(diesel::dsl::sql::<diesel::sql_types::Text>("COALESCE(")
                        .bind::<diesel::sql_types::Nullable<diesel::sql_types::Text>, _>(email.map(Email::as_str))
                        .sql(", email)")),
                    users::display_name.eq(diesel::dsl::sql::<diesel::sql_types::Text>("COALESCE(")
                        .bind::<diesel::sql_types::Nullable<diesel::sql_types::Text>, _>(
                            display_name.map(DisplayName::as_str),
                        )
                        .sql(", display_name)")),
                    users::updated_at.eq(diesel::dsl::now),
                ))
                .returning(UserRow::as_returning())
                .get_result::<UserRow>(&mut conn)
                .await
                .optional();
            match updated {
                Ok(row) => Ok(row.map(User::from)),
                Err(e) if violated(&e, DatabaseErrorKind::UniqueViolation) == Some("users_email_key") => {
                    Err(CreateUserError::EmailTaken)
                }
                Err(e) => Err(store_error(e).into()),
            }
        })
        .await
    }
}
