//! The activity log and leaderboard contract suite, run against the in-memory store.

use std::sync::Arc;

use marquee_memory::MemoryStore;
use marquee_memory::contract::Guard;
use marquee_memory::feed_contract::FeedStores;

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (FeedStores, Guard) {
    let store = Arc::new(MemoryStore::new());
    let stores = FeedStores {
        users: store.clone(),
        media: store.clone(),
        rankings: store.clone(),
        social: store.clone(),
        matchups: store.clone(),
        activities: store.clone(),
        leaderboard: store,
    };
    (stores, Box::new(()))
}

marquee_memory::feed_contract_tests!(make_stores);
