//! PostgreSQL adapters for Marquee's ports, built on diesel and diesel-async.
//!
//! - [`pool`]: a deadpool pool of [`diesel_async::AsyncPgConnection`] with a size, a wait timeout and a
//!   per-connection `statement_timeout` ([`PgConfig`], [`build_pool`]).
//! - [`migrate`]: the migrations of the repository's `migrations/` folder, embedded at build time and run on a
//!   blocking thread ([`run_migrations`]).
//! - [`PgStore`]: every repository port of the domain (users, catalog, rankings) plus the readiness check.
//! - `testing` (feature `testing`): `TestDb`, a fresh migrated database per test, dropped at its end.
//!
//! Errors stay private to this crate ([`PgError`]) and become the domain's error types at the port boundary;
//! neither kind ever carries the database URL.

mod error;
pub mod migrate;
pub mod pool;
pub mod schema;
mod store;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::PgError;
pub use migrate::{MIGRATIONS, revert_all_migrations, run_migrations};
pub use pool::{DEFAULT_MAX_CONNECTIONS, PgConfig, PgPool, build_pool};
pub use store::{DEFAULT_LIST_CACHE_PAGES, DEFAULT_MAX_WRITERS, DEFAULT_OUTLINE_RANKINGS, PgStore};
