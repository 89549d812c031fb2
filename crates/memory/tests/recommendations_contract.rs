//! The recommendations contract suite, run against the in-memory store.

use std::sync::Arc;

use marquee_memory::MemoryStore;
use marquee_memory::contract::Guard;
use marquee_memory::recommendations_contract::RecStores;

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (RecStores, Guard) {
    let store = Arc::new(MemoryStore::new());
    let stores = RecStores {
        users: store.clone(),
        media: store.clone(),
        rankings: store.clone(),
        social: store.clone(),
        matchups: store.clone(),
        recs: store,
    };
    (stores, Box::new(()))
}

marquee_memory::recommendations_contract_tests!(make_stores);
