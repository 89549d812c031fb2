//! The connection pool, and how each of its connections is opened.
//!
//! A database that stops answering must not hold requests: besides the store's own deadline on every call
//! ([`PgConfig::query_timeout`], enforced in `store`), each connection is opened with a connect timeout, TCP
//! keepalives and `TCP_USER_TIMEOUT` ([`PgConfig::tcp_timeout`]), so the kernel gives up on a peer that stopped
//! acknowledging (a partition, a dead host) and the pool, which checks every connection it hands out for being
//! closed or left inside a transaction, opens a new one.

use std::fmt;
use std::time::Duration;

use deadpool::Runtime;
use deadpool::managed::QueueMode;
use diesel::ConnectionError;
use diesel_async::pooled_connection::deadpool::{Hook, HookError, Pool};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use futures::FutureExt as _;
use futures::future::BoxFuture;

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

/// The default deadline of one store call. The slowest request path of the load benchmarks takes a few
/// milliseconds; two seconds leaves room for a busy machine while a frozen database answers 503 quickly.
pub const DEFAULT_QUERY_TIMEOUT: Duration = Duration::from_secs(2);

/// The default `TCP_USER_TIMEOUT` and keepalive idle time of every connection.
pub const DEFAULT_TCP_TIMEOUT: Duration = Duration::from_secs(5);

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
    /// The client-side deadline of one store call: the wait for a connection and every round trip of the call
    /// (its whole transaction, if it has one). Past it the call fails as unavailable and its connection is
    /// closed, never reused; opening a connection gives up after this long too.
    pub query_timeout: Duration,
    /// How long the kernel keeps a connection whose peer stopped acknowledging (`TCP_USER_TIMEOUT`), and how
    /// long an idle connection waits before its first keepalive probe.
    pub tcp_timeout: Duration,
}

impl PgConfig {
    /// Settings for `url` with the defaults: [`DEFAULT_MAX_CONNECTIONS`] connections, 2 s to acquire one, 2 s per
    /// statement and per store call ([`DEFAULT_QUERY_TIMEOUT`]), 5 s for TCP ([`DEFAULT_TCP_TIMEOUT`]).
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            acquire_timeout: DEFAULT_QUERY_TIMEOUT,
            statement_timeout: DEFAULT_QUERY_TIMEOUT,
            query_timeout: DEFAULT_QUERY_TIMEOUT,
            tcp_timeout: DEFAULT_TCP_TIMEOUT,
        }
    }

    /// The same settings for offline work (imports, syncs, refits, training) whose calls may legitimately run for
    /// minutes: `limit` per statement and per call.
    #[must_use]
    pub fn long_running(self, limit: Duration) -> Self {
        Self { statement_timeout: limit, query_timeout: limit, ..self }
    }
}

impl fmt::Debug for PgConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgConfig")
            .field("url", &"***")
            .field("max_connections", &self.max_connections)
            .field("acquire_timeout", &self.acquire_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .field("query_timeout", &self.query_timeout)
            .field("tcp_timeout", &self.tcp_timeout)
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
    let (connect_timeout, tcp_timeout) = (config.query_timeout, config.tcp_timeout);
    manager_config.custom_setup = Box::new(move |url| connect(url, connect_timeout, tcp_timeout));
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

/// Opens one connection with the socket options diesel-async's own `establish` leaves out.
fn connect(
    url: &str,
    connect_timeout: Duration,
    tcp_timeout: Duration,
) -> BoxFuture<'_, diesel::ConnectionResult<AsyncPgConnection>> {
    async move {
        let mut pg: tokio_postgres::Config =
            url.parse().map_err(|e: tokio_postgres::Error| ConnectionError::BadConnection(e.to_string()))?;
        pg.connect_timeout(connect_timeout)
            .tcp_user_timeout(tcp_timeout)
            .keepalives(true)
            .keepalives_idle(tcp_timeout)
            .keepalives_interval(Duration::from_secs(1))
            .keepalives_retries(3);
        // Connecting is bounded as a whole too: `connect_timeout` covers the TCP handshake only, not a server that
        // accepts and then never answers the startup message.
        let (client, connection) = tokio::time::timeout(connect_timeout, pg.connect(tokio_postgres::NoTls))
            .await
            .map_err(|_| ConnectionError::BadConnection("connecting timed out".to_owned()))?
            .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
        AsyncPgConnection::try_from_client_and_connection(client, connection).await
    }
    .boxed()
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
