//! The store contract suite, run against the in-memory store.

use std::sync::Arc;

use marquee_memory::MemoryStore;
use marquee_memory::contract::{Guard, Stores};

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (Stores, Guard) {
    let store = Arc::new(MemoryStore::new());
    (Stores { users: store.clone(), media: store.clone(), rankings: store.clone(), embeddings: store }, Box::new(()))
}

marquee_memory::store_contract_tests!(make_stores);

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_placement_stores() -> (marquee_memory::placement_contract::PlacementStores, Guard) {
    let store = Arc::new(MemoryStore::new());
    let stores = marquee_memory::placement_contract::PlacementStores {
        stores: Stores {
            users: store.clone(),
            media: store.clone(),
            rankings: store.clone(),
            embeddings: store.clone(),
        },
        placements: store,
    };
    (stores, Box::new(()))
}

mod placement {
    marquee_memory::placement_contract_tests!(super::make_placement_stores);
}

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_import_stores() -> (marquee_memory::imports_contract::ImportStores, Guard) {
    let store = Arc::new(MemoryStore::new());
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
    (stores, Box::new(()))
}

mod imports {
    marquee_memory::imports_contract_tests!(super::make_import_stores);
}
