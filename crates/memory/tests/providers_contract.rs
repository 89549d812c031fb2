//! The provider store contract (`marquee_memory::providers_contract`), run against the in-memory store.

use std::sync::Arc;

use marquee_memory::MemoryStore;
use marquee_memory::contract::Guard;
use marquee_memory::providers_contract::ProviderStores;

#[allow(clippy::unused_async, reason = "the contract macro awaits the factory")]
async fn make_stores() -> (ProviderStores, Guard) {
    let store = Arc::new(MemoryStore::new());
    (
        ProviderStores { users: store.clone(), media: store.clone(), upsert: store.clone(), availability: store },
        Box::new(()),
    )
}

marquee_memory::provider_contract_tests!(make_stores);
