//! [`UserRepository`] on the `users` table.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::sql_types::{Array, BigInt, Bool, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncConnection as _, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::account::{CreateUserError, UserRepository};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::people::{PeopleQuery, Person};
use marquee_domain::privacy;
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, User, UserId};
use uuid::Uuid;

use super::media::contains_pattern;
use super::rows::{NewUserRow, UserRow};
use super::{PgStore, corrupt, store_error, violated};
use crate::schema::{auth_sessions, rec_user_factors, users};

/// People search: a substring of the lower-cased name (the trigram index `users_display_name_trgm_idx` answers
/// the `LIKE`), the viewer or a visibility others may find, no disabled account; the total beside each row.
const FIND_PEOPLE: &str = "SELECT id, display_name, visibility, count(*) OVER () AS total FROM users \
     WHERE lower(display_name) LIKE $1 AND disabled_at IS NULL AND (id = $2 OR visibility = ANY($3)) \
     ORDER BY lower(display_name), id LIMIT $4 OFFSET $5";

#[derive(QueryableByName)]
struct PersonRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = Text)]
    visibility: String,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

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
                    users::email.eq(diesel::dsl::sql::<Text>("COALESCE(")
                        .bind::<Nullable<Text>, _>(email.map(Email::as_str))
                        .sql(", email)")),
                    users::display_name.eq(diesel::dsl::sql::<Text>("COALESCE(")
                        .bind::<Nullable<Text>, _>(display_name.map(DisplayName::as_str))
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

    async fn delete_account(&self, id: UserId) -> Result<bool, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            conn.transaction(async |conn| {
                // The one table naming users without a foreign key: a model's factors, kept for offline use.
                diesel::delete(rec_user_factors::table.filter(rec_user_factors::user_id.eq(id.0)))
                    .execute(conn)
                    .await?;
                // Every other row of the user's goes by `ON DELETE CASCADE`; catalog entries they created keep
                // existing with `created_by` set to NULL.
                let deleted = diesel::delete(users::table.find(id.0)).execute(conn).await?;
                Ok::<_, diesel::result::Error>(deleted > 0)
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    async fn set_disabled(&self, id: UserId, disabled: bool, at: DateTime<Utc>) -> Result<Option<User>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            conn.transaction(async |conn| {
                // Disabling an account already disabled keeps the first time.
                let since = diesel::dsl::sql::<Nullable<Timestamptz>>("CASE WHEN ")
                    .bind::<Bool, _>(disabled)
                    .sql(" THEN COALESCE(disabled_at, ")
                    .bind::<Timestamptz, _>(at)
                    .sql(") END");
                let updated = diesel::update(users::table.find(id.0))
                    .set((users::disabled_at.eq(since), users::updated_at.eq(diesel::dsl::now)))
                    .returning(UserRow::as_returning())
                    .get_result::<UserRow>(conn)
                    .await
                    .optional()?;
                if updated.is_some() && disabled {
                    diesel::update(auth_sessions::table)
                        .filter(auth_sessions::user_id.eq(id.0))
                        .filter(auth_sessions::revoked_at.is_null())
                        .set(auth_sessions::revoked_at.eq(at))
                        .execute(conn)
                        .await?;
                }
                Ok::<_, diesel::result::Error>(updated.map(User::from))
            })
            .await
            .map_err(store_error)
        })
        .await
    }

    async fn disabled_accounts(&self) -> Result<Vec<UserId>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let ids = users::table
                .filter(users::disabled_at.is_not_null())
                .select(users::id)
                .load::<Uuid>(&mut conn)
                .await
                .map_err(store_error)?;
            Ok(ids.into_iter().map(UserId).collect())
        })
        .await
    }

    async fn find_people(
        &self,
        query: &PeopleQuery,
        viewer: UserId,
        page: PageRequest,
    ) -> Result<Page<Person>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let visible: Vec<&str> =
                privacy::findable_by_others().into_iter().map(privacy::Visibility::as_str).collect();
            let rows = diesel::sql_query(FIND_PEOPLE)
                .bind::<Text, _>(contains_pattern(query.as_str()))
                .bind::<SqlUuid, _>(viewer.0)
                .bind::<Array<Text>, _>(&visible)
                .bind::<BigInt, _>(i64::from(page.limit()))
                .bind::<BigInt, _>(i64::from(page.offset()))
                .load::<PersonRow>(&mut conn)
                .await
                .map_err(store_error)?;
            let total = <[PersonRow]>::first(&rows).map_or(0, |r| r.total.max(0) as u64);
            let items = rows
                .into_iter()
                .map(|r| {
                    let visibility =
                        r.visibility.parse().map_err(|_| corrupt(format!("unknown visibility {:?}", r.visibility)))?;
                    Ok(Person { id: UserId(r.id), display_name: r.display_name, visibility })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok(Page { items, total, request: page })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use diesel::sql_types::Text;
    use diesel_async::RunQueryDsl;

    use super::{FIND_PEOPLE, contains_pattern};
    use crate::testing::TestDb;

    #[derive(diesel::QueryableByName)]
    struct PlanLine {
        #[diesel(sql_type = Text)]
        line: String,
    }

    /// People search is answered from the trigram index, not by reading every account: the plan of the store's own
    /// statement over 20,000 accounts.
    #[tokio::test]
    async fn people_search_reads_the_trigram_index() {
        let db = TestDb::new().await;
        let mut conn = db.pool().get().await.unwrap_or_else(|e| panic!("{e}"));
        for sql in [
            "INSERT INTO users (id, email, display_name, password_hash) \
             SELECT gen_random_uuid(), 'member' || g || '@example.com', 'Member ' || g, 'x' \
             FROM generate_series(1, 20000) g",
            "ANALYZE users",
            // EXPLAIN's one column is named `QUERY PLAN`, which diesel cannot map: read the lines through a function.
            "CREATE FUNCTION pg_temp.plan_of(statement text) RETURNS SETOF text LANGUAGE plpgsql AS $$ \
             DECLARE line text; BEGIN FOR line IN EXECUTE 'EXPLAIN ' || statement LOOP RETURN NEXT line; END LOOP; \
             END $$",
        ] {
            diesel::sql_query(sql).execute(&mut conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        let statement = FIND_PEOPLE
            .replace("$1", &format!("'{}'", contains_pattern("ber 1234")))
            .replace("$2", "'00000000-0000-0000-0000-000000000000'")
            .replace("$3", "ARRAY['public', 'followers']")
            .replace("$4", "20")
            .replace("$5", "0");
        let plan: Vec<PlanLine> = diesel::sql_query("SELECT pg_temp.plan_of($1) AS line")
            .bind::<Text, _>(&statement)
            .load(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let plan: Vec<String> = plan.into_iter().map(|l| l.line).collect();
        assert!(plan.iter().any(|l| l.contains("users_display_name_trgm_idx")), "{plan:#?}");
        assert!(!plan.iter().any(|l| l.contains("Seq Scan on users")), "{plan:#?}");
    }
}
