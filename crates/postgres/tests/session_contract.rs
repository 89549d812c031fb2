use std::sync::Arc;

use marquee_memory::contract::{Guard, Stores};
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (Stores, Guard) {
    let db = TestDb::new().await;
    (Stores::of(Arc::new(db.store())), Box::new(db))
}

marquee_memory::session_contract_tests!(make_stores);
