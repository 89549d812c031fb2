//! The schema migrations of the repository's `migrations/` folder, embedded in the binary.

use diesel_async::AsyncPgConnection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::PgError;

/// Every migration, in order.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

type SyncConnection = AsyncConnectionWrapper<AsyncPgConnection>;

/// Runs `work` on a fresh synchronous connection on a blocking thread: diesel's migration harness is synchronous,
/// and the wrapper blocks on the runtime, which must not happen on an async worker.
async fn with_sync_connection<T: Send + 'static>(
    url: &str,
    work: impl FnOnce(&mut SyncConnection) -> Result<T, PgError> + Send + 'static,
) -> Result<T, PgError> {
    use diesel::Connection as _;
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = SyncConnection::establish(&url).map_err(|e| PgError::Migration(e.into()))?;
        work(&mut conn)
    })
    .await?
}

/// Applies every pending migration; returns the versions applied, oldest first (empty when up to date).
///
/// # Errors
/// [`PgError::Migration`] when connecting or a migration fails (a failed migration is rolled back).
pub async fn run_migrations(url: &str) -> Result<Vec<String>, PgError> {
    with_sync_connection(url, |conn| {
        let applied = conn.run_pending_migrations(MIGRATIONS).map_err(PgError::Migration)?;
        Ok(applied.iter().map(ToString::to_string).collect())
    })
    .await
}

/// Reverts every applied migration, newest first; returns the versions reverted. For tests of the down scripts.
///
/// # Errors
/// [`PgError::Migration`] when connecting or a down script fails.
pub async fn revert_all_migrations(url: &str) -> Result<Vec<String>, PgError> {
    with_sync_connection(url, |conn| {
        let reverted = conn.revert_all_migrations(MIGRATIONS).map_err(PgError::Migration)?;
        Ok(reverted.iter().map(ToString::to_string).collect())
    })
    .await
}
