//! The social contract suite, run against the in-memory store.

use std::sync::Arc;

use marquee_memory::MemoryStore;
use marquee_memory::contract::Guard;
use marquee_memory::social_contract::SocialStores;

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (SocialStores, Guard) {
    let store = Arc::new(MemoryStore::new());
    let stores = SocialStores { users: store.clone(), media: store.clone(), rankings: store.clone(), social: store };
    (stores, Box::new(()))
}

marquee_memory::social_contract_tests!(make_stores);
