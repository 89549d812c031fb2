//! In-memory adapters for Marquee's ports, and the contract suites every adapter must pass.
//!
//! [`MemoryStore`] keeps everything in one mutex-guarded state. It exists for fast tests of the layers above the
//! stores (the HTTP API tests run on it as well as on PostgreSQL); it is never the product's storage.
//! [`contract`] holds the behaviour every store must show, run against this store here and against `PgStore` in
//! `marquee-postgres`.

pub mod contract;
pub mod feed_contract;
pub mod imports_contract;
pub mod placement_contract;
pub mod providers_contract;
pub mod recommendations_contract;
pub mod session_contract;
mod store;

pub use store::MemoryStore;
pub mod matchup_contract;
pub mod social_contract;
