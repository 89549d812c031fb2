//! The shared store contract (`marquee_memory::contract`), run against `PgStore` on a fresh database per case.

use std::sync::Arc;

use marquee_memory::contract::{Guard, Stores};
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (Stores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = Stores {
        users: store.clone(),
        media: store.clone(),
        rankings: store.clone(),
        imports: store.clone(),
        bulk: store,
    };
    (stores, Box::new(db))
}

marquee_memory::store_contract_tests!(make_stores);
