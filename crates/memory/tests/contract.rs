//! The store contract suite, run against the in-memory store.

use std::sync::Arc;

use marquee_memory::MemoryStore;
use marquee_memory::contract::{Guard, Stores};

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (Stores, Guard) {
    let store = Arc::new(MemoryStore::new());
    (
        Stores {
            users: store.clone(),
            media: store.clone(),
            rankings: store.clone(),
            imports: store.clone(),
            bulk: store,
        },
        Box::new(()),
    )
}

marquee_memory::store_contract_tests!(make_stores);
