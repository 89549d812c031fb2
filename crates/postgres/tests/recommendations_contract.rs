//! The recommendations contract suite (`marquee_memory::recommendations_contract`), run against `PgStore` on a
//! fresh database per case.

use std::sync::Arc;

use marquee_memory::contract::Guard;
use marquee_memory::recommendations_contract::RecStores;
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (RecStores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = RecStores {
        users: store.clone(),
        media: store.clone(),
        rankings: store.clone(),
        social: store.clone(),
        matchups: store.clone(),
        recs: store,
    };
    (stores, Box::new(db))
}

marquee_memory::recommendations_contract_tests!(make_stores);
