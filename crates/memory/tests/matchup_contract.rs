//! The matchup and chart contract suite, run against the in-memory store.

use std::sync::Arc;

use futures::FutureExt;
use marquee_memory::MemoryStore;
use marquee_memory::contract::Guard;
use marquee_memory::matchup_contract::MatchupStores;

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (MatchupStores, Guard) {
    let store = Arc::new(MemoryStore::new());
    let recorder = store.clone();
    let stores = MatchupStores {
        users: store.clone(),
        media: store.clone(),
        rankings: store.clone(),
        matchups: store.clone(),
        social: store.clone(),
        charts: store,
        record_comparison: Arc::new(move |user, winner, loser, tie| {
            recorder.record_comparison(user, winner, loser, tie);
            async {}.boxed()
        }),
    };
    (stores, Box::new(()))
}

marquee_memory::matchup_contract_tests!(make_stores);
