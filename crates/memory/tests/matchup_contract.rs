use std::sync::Arc;

use futures::FutureExt;
use marquee_memory::MemoryStore;
use marquee_memory::contract::{Guard, Stores};

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (Stores, Guard) {
    let store = Arc::new(MemoryStore::new());
    let recorder = store.clone();
    let stores = Stores::of(store).with_record_comparison(Arc::new(move |user, winner, loser, tie| {
        recorder.record_comparison(user, winner, loser, tie);
        async {}.boxed()
    }));
    (stores, Box::new(()))
}

marquee_memory::matchup_contract_tests!(make_stores);
