//! The social contract suite (`marquee_memory::social_contract`), run against `PgStore` on a fresh database per
//! case.

use std::sync::Arc;

use marquee_memory::contract::Guard;
use marquee_memory::social_contract::SocialStores;
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (SocialStores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = SocialStores { users: store.clone(), media: store.clone(), rankings: store.clone(), social: store };
    (stores, Box::new(db))
}

marquee_memory::social_contract_tests!(make_stores);
