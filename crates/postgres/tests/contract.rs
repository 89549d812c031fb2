//! The shared store contract (`marquee_memory::contract`), run against `PgStore` on a fresh database per case.

use std::sync::Arc;

use marquee_memory::contract::{Guard, Stores};
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (Stores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = Stores { users: store.clone(), media: store.clone(), rankings: store.clone(), embeddings: store };
    (stores, Box::new(db))
}

marquee_memory::store_contract_tests!(make_stores);

async fn make_placement_stores() -> (marquee_memory::placement_contract::PlacementStores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = marquee_memory::placement_contract::PlacementStores {
        stores: Stores {
            users: store.clone(),
            media: store.clone(),
            rankings: store.clone(),
            embeddings: store.clone(),
        },
        placements: store,
    };
    (stores, Box::new(db))
}

mod placement {
    marquee_memory::placement_contract_tests!(super::make_placement_stores);
}

async fn make_import_stores() -> (marquee_memory::imports_contract::ImportStores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = marquee_memory::imports_contract::ImportStores {
        stores: Stores {
            users: store.clone(),
            media: store.clone(),
            rankings: store.clone(),
            embeddings: store.clone(),
        },
        imports: store.clone(),
        bulk: store.clone(),
        matchups: store.clone(),
        availability: store,
    };
    (stores, Box::new(db))
}

mod imports {
    marquee_memory::imports_contract_tests!(super::make_import_stores);
}
