//! The activity log and leaderboard contract suite (`marquee_memory::feed_contract`), run against `PgStore` on a
//! fresh database per case: what the triggers log, the feed's visibility joins, the leaderboard's SQL.

use std::sync::Arc;

use marquee_memory::contract::Guard;
use marquee_memory::feed_contract::FeedStores;
use marquee_postgres::testing::TestDb;

async fn make_stores() -> (FeedStores, Guard) {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let stores = FeedStores {
        users: store.clone(),
        media: store.clone(),
        rankings: store.clone(),
        social: store.clone(),
        matchups: store.clone(),
        activities: store.clone(),
        leaderboard: store,
    };
    (stores, Box::new(db))
}

marquee_memory::feed_contract_tests!(make_stores);
