//! The matchup and chart contract suite (`marquee_memory::matchup_contract`), run against `PgStore` on a fresh
//! database per case. Comparisons are written straight into the `comparisons` table, as placement does.

use std::sync::Arc;

use diesel_async::RunQueryDsl;
use futures::FutureExt;
use marquee_memory::contract::{Guard, Stores};
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (Stores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let pool = db.pool().clone();
    let stores = Stores::of(store).with_record_comparison(Arc::new(move |user, winner, loser, tie| {
        let pool = pool.clone();
        async move {
            let mut conn = pool.get().await.unwrap_or_else(|e| panic!("{e}"));
            diesel::sql_query(
                "INSERT INTO comparisons (id, user_id, winner_id, loser_id, tie, context) \
                     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'placement')",
            )
            .bind::<diesel::sql_types::Uuid, _>(user.0)
            .bind::<diesel::sql_types::Uuid, _>(winner.0)
            .bind::<diesel::sql_types::Uuid, _>(loser.0)
            .bind::<diesel::sql_types::Bool, _>(tie)
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        }
        .boxed()
    }));
    (stores, Box::new(db))
}

marquee_memory::matchup_contract_tests!(make_stores);
