//! The provider store contract (`marquee_memory::providers_contract`), run against `PgStore` on a fresh database
//! per case.

use std::sync::Arc;

use marquee_memory::contract::Guard;
use marquee_memory::providers_contract::ProviderStores;
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (ProviderStores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores =
        ProviderStores { users: store.clone(), media: store.clone(), upsert: store.clone(), availability: store };
    (stores, Box::new(db))
}

marquee_memory::provider_contract_tests!(make_stores);
