//! The connection pool.

use std::fmt;
use std::time::Duration;

use deadpool::Runtime;
use deadpool::managed::QueueMode;
use diesel_async::pooled_connection::deadpool::{Hook, HookError, Pool};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::error::PgError;

/// A pool of asynchronous PostgreSQL connections.
pub type PgPool = Pool<AsyncPgConnection>;

/// The pool's default size. Fewer connections place titles faster on a 2-core machine that also runs PostgreSQL (8
/// placed 3,532–4,159 req/s against 2,629–3,863 with 16, alternating runs), but with 8 the rankings list served
/// beside a stream of logins paused for 0.5–3 s in 8 of 23 runs, and never over 0.3 s in 12 runs with 16
/// (docs/benchmarks.md, 2026-12-07). Until that is explained, the default keeps the steadier 16;
/// `DATABASE_MAX_CONNECTIONS` sets another. Writes get the benefit of fewer backends anyway: they take turns
/// ([`crate::DEFAULT_MAX_WRITERS`] at once).
pub const DEFAULT_MAX_CONNECTIONS: usize = 16;

/// How to reach PostgreSQL and how hard to use it.
#[derive(Clone)]
pub struct PgConfig {
    /// `postgres://user:password@host:port/database`. A secret: never logged (`Debug` hides it).
    pub url: String,
    /// The most connections the pool opens.
    pub max_connections: usize,
    /// How long a request waits for a free connection before failing.
    pub acquire_timeout: Duration,
    /// PostgreSQL cancels any statement running longer than this (`statement_timeout`).
    pub statement_timeout: Duration,
}

impl PgConfig {
    /// Settings for `url` with the defaults: [`DEFAULT_MAX_CONNECTIONS`] connections, 5 s to acquire one, 10 s per
    /// statement.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(10),
        }
    }
}

impl fmt::Debug for PgConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgConfig")
            .field("url", &"***")
            .field("max_connections", &self.max_connections)
            .field("acquire_timeout", &self.acquire_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .finish()
    }
}

/// Builds the pool. Connections open lazily, on first use; each new one gets the statement timeout.
///
/// # Errors
/// [`PgError::Build`] when the settings are invalid (e.g. zero connections).
pub fn build_pool(config: &PgConfig) -> Result<PgPool, PgError> {
    let mut manager_config = ManagerConfig::default();
    // A checkout only checks that the connection is open and outside a transaction; `Verified` would spend one
    // round trip per request on a `SELECT 1`. A connection that died is reported by its first query.
    manager_config.recycling_method = RecyclingMethod::Fast;
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(&config.url, manager_config);
    let timeout_ms = config.statement_timeout.as_millis().max(1);
    let pool = Pool::builder(manager)
        .max_size(config.max_connections)
        .wait_timeout(Some(config.acquire_timeout))
        .create_timeout(Some(config.acquire_timeout))
        .runtime(Runtime::Tokio1)
        // The connection used last goes out first, so when fewer requests than connections are in flight (list
        // writes take turns: `PgStore::with_max_writers`), the same few PostgreSQL backends do the work with their
        // caches warm, instead of every connection ever opened in rotation.
        .queue_mode(QueueMode::Lifo)
        .post_create(Hook::async_fn(move |conn: &mut AsyncPgConnection, _metrics| {
            Box::pin(async move {
                // An integer cannot inject anything, and `SET` takes no bind parameters.
                diesel::sql_query(format!("SET statement_timeout = {timeout_ms}"))
                    .execute(conn)
                    .await
                    .map(drop)
                    .map_err(|e| HookError::Backend(diesel_async::pooled_connection::PoolError::QueryError(e)))
            })
        }))
        .build()?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use diesel::QueryableByName;
    use diesel::sql_types::{Integer, Text};
    use diesel_async::RunQueryDsl;

    use super::*;
    use crate::testing::TestDb;

    #[derive(QueryableByName)]
    struct Backend {
        #[diesel(sql_type = Integer)]
        pid: i32,
        #[diesel(sql_type = Text)]
        timeout: String,
    }

    async fn backend(conn: &mut AsyncPgConnection) -> Backend {
        diesel::sql_query("SELECT pg_backend_pid() AS pid, current_setting('statement_timeout') AS timeout")
            .get_result(conn)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The connection given back last is the one handed out next, and every connection carries the timeout.
    #[tokio::test]
    async fn the_connection_returned_last_goes_out_first_with_its_statement_timeout() {
        let db = TestDb::new().await;
        let config = PgConfig { statement_timeout: Duration::from_millis(2500), ..PgConfig::new(db.url()) };
        let pool = build_pool(&config).unwrap_or_else(|e| panic!("{e}"));
        let mut first = pool.get().await.unwrap_or_else(|e| panic!("{e}"));
        let mut second = pool.get().await.unwrap_or_else(|e| panic!("{e}"));
        let (one, two) = (backend(&mut first).await, backend(&mut second).await);
        assert_ne!(one.pid, two.pid, "two connections held at once are two backends");
        assert_eq!((one.timeout.as_str(), two.timeout.as_str()), ("2500ms", "2500ms"));
        // Given back first, then second: the next checkout takes the second (a FIFO pool would hand out the first).
        drop(first);
        drop(second);
        let mut again = pool.get().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(backend(&mut again).await.pid, two.pid);
        drop(again);
        let mut once_more = pool.get().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(backend(&mut once_more).await.pid, two.pid, "the same backend while one connection is enough");
    }
}
