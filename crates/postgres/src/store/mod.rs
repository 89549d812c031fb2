//! [`PgStore`]: the domain's repository ports on PostgreSQL.
//!
//! One submodule per port. Every multi-statement write runs in one transaction; database errors that the domain
//! names (a taken e-mail address, a duplicate TMDb id, a title ranked twice, an unknown title) become the domain's
//! errors, and everything else becomes a [`StoreError`].
//!
//! Every call of a port method runs under one client-side deadline ([`PgStore::bounded`]): `query_timeout` from the
//! call's start, or the deadline of the request it serves ([`marquee_domain::deadline`], counted from the
//! request's arrival) if that is sooner. It covers the wait for a writer's turn and a connection, and every round
//! trip after. When it passes, the call answers [`StoreErrorKind::Unavailable`](marquee_domain::StoreErrorKind) and
//! the connection it held, possibly in the middle of a query or a transaction, is closed instead of going back to
//! the pool ([`Conn`]); so is the connection of a call dropped before it finished for any other reason (its request
//! abandoned). PostgreSQL rolls back whatever transaction such a connection had open.

mod activity;
mod audience;
mod catalog_bulk;
mod charts;
mod embeddings;
mod exports;
mod feed;
mod fused;
mod fused_answer;
mod identities;
mod imports;
mod leaderboard;
mod list_cache;
mod matchups;
mod media;
mod outlines;
mod placements;
mod prepared;
mod providers;
mod rankings;
mod recommendations;
mod rows;
mod session_cache;
mod sessions;
mod social;
mod sync;
mod users;

use std::cell::Cell;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use deadpool::managed::TimeoutType;
use diesel::result::DatabaseErrorKind;
use diesel_async::AsyncPgConnection;
use diesel_async::RunQueryDsl;
use diesel_async::pooled_connection::deadpool::{Object, PoolError};
use marquee_domain::StoreError;
use marquee_domain::health::HealthCheck;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use self::list_cache::ListCache;
use crate::error::PgError;
use crate::pool::{DEFAULT_QUERY_TIMEOUT, PgPool};

/// How many list pages a store caches unless told otherwise (a 50-title page takes about 20 KiB).
pub const DEFAULT_LIST_CACHE_PAGES: usize = 1024;

/// How many rankings the copies of writers' lists hold in all unless told otherwise (see `outlines`; about 100
/// bytes each, so some 10 MiB).
pub const DEFAULT_OUTLINE_RANKINGS: usize = 100_000;

/// How many list writes (places, moves, removals, ratings, placement steps) a store runs at once unless told
/// otherwise; more wait their turn in the process, holding no connection. Chosen on PostgreSQL with its default
/// durability, where a write holds its connection while its commit waits for the WAL flush: too few writers leave
/// the CPU idle during flushes (and fewer commits share one), too many make PostgreSQL spend more CPU per write on
/// few cores. On this project's 2-core machine with the 16-connection pool (docs/benchmarks.md, "durable writes",
/// 2026-12-08), 12 writers gave 2,390–2,696 moves and places a second at p99 36–47 ms, 4 gave 1,940–2,030 and 16
/// 2,025–2,127 with PostgreSQL spending 0.58–0.67 ms of CPU per write against 0.45–0.55 with 12. The 4 connections
/// left are for reads, which otherwise keep the whole pool.
pub const DEFAULT_MAX_WRITERS: usize = 12;

/// Every repository port of the domain, on PostgreSQL. Cheap to clone: clones share the pool, the limit on
/// concurrent list writers, the list cache and the cache of open placement sessions.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    writers: Arc<Semaphore>,
    lists: Arc<ListCache>,
    outlines: Arc<outlines::Outlines>,
    sessions: Arc<fused_answer::Sessions>,
    deadline: Duration,
}

/// The longest a readiness check waits: a load balancer asking whether to send traffic wants its answer within a
/// second, whatever the store's deadline.
const READY_DEADLINE: Duration = Duration::from_millis(800);

tokio::task_local! {
    /// The store call running on this task. A connection dropped past its deadline, or while the call is being
    /// dropped unfinished, was abandoned, maybe mid-query or mid-transaction: [`Conn`] closes it instead of pooling
    /// it.
    static DEADLINE: Call;
}

/// The store call running on a task: when it must be over, and whether it is being dropped unfinished.
struct Call {
    at: Instant,
    abandoned: Cell<bool>,
}

impl Call {
    /// Whether a connection dropped now, inside this call, must be closed rather than pooled.
    fn abandons_connections(&self) -> bool {
        self.abandoned.get() || Instant::now() >= self.at
    }
}

/// Marks the call around it abandoned when dropped; the call's future holds one while it runs and forgets it once
/// it has its result, so only a call dropped unfinished marks itself.
struct Unfinished;

impl Drop for Unfinished {
    fn drop(&mut self) {
        // Outside a call (cannot happen: `bounded_by` makes one around it) there is nothing to mark.
        let _ = DEADLINE.try_with(|call| call.abandoned.set(true));
    }
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.pool.status();
        f.debug_struct("PgStore")
            .field("size", &status.size)
            .field("max_size", &status.max_size)
            .field("free_writers", &self.writers.available_permits())
            .field("lists", &self.lists)
            .field("outlines", &self.outlines)
            .field("sessions", &self.sessions)
            .field("deadline", &self.deadline)
            .finish()
    }
}

impl PgStore {
    /// A store over a pool (see [`crate::build_pool`]) caching up to [`DEFAULT_LIST_CACHE_PAGES`] list pages.
    /// The database must be migrated.
    pub fn new(pool: PgPool) -> Self {
        Self::with_list_cache(pool, DEFAULT_LIST_CACHE_PAGES)
    }

    /// A store caching up to `pages` list pages (0: no cache). Cached pages are checked against versions kept in
    /// PostgreSQL on every read, so any number of instances can share a database (see `list_cache`).
    pub fn with_list_cache(pool: PgPool, pages: usize) -> Self {
        let sessions = Arc::new(fused_answer::Sessions::new(session_cache::DEFAULT_SESSIONS));
        let writers = Arc::new(Semaphore::new(DEFAULT_MAX_WRITERS));
        let outlines = Arc::new(outlines::Outlines::new(DEFAULT_OUTLINE_RANKINGS));
        Self {
            pool,
            writers,
            lists: Arc::new(ListCache::new(pages)),
            outlines,
            sessions,
            deadline: DEFAULT_QUERY_TIMEOUT,
        }
    }

    /// The same store keeping copies of writers' lists holding at most `rankings` rankings in all (0: none), so an
    /// optimistic list write needs no read before it (see `outlines`). Every copy is checked by the list's version
    /// when a write lands, so any number of instances can share a database.
    #[must_use]
    pub fn with_outlines(mut self, rankings: usize) -> Self {
        self.outlines = Arc::new(outlines::Outlines::new(rankings));
        self
    }

    /// The same store giving each call `deadline` ([`crate::PgConfig::query_timeout`]) before it answers
    /// unavailable.
    #[must_use]
    pub fn with_query_timeout(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Runs one store call under the store's deadline, or the request's or the call around it's, whichever is
    /// soonest. Past it the call is dropped, its connection with it (closed, see [`Conn`]), and it fails as
    /// unavailable.
    async fn bounded<T, E: From<StoreError>>(&self, call: impl Future<Output = Result<T, E>>) -> Result<T, E> {
        self.bounded_by(self.deadline, call).await
    }

    /// [`Self::bounded`] with another limit (readiness answers sooner).
    async fn bounded_by<T, E: From<StoreError>>(
        &self,
        limit: Duration,
        call: impl Future<Output = Result<T, E>>,
    ) -> Result<T, E> {
        let start = Instant::now();
        let request = marquee_domain::deadline::current().map(Instant::from_std);
        let outer = DEADLINE.try_with(|outer| outer.at).ok();
        let deadline = [request, outer].into_iter().flatten().fold(start + limit, Instant::min);
        let call_state = Call { at: deadline, abandoned: Cell::new(false) };
        DEADLINE
            .scope(call_state, async {
                let call = std::pin::pin!(call);
                // Declared after `call`, so dropped before it when this future is dropped unfinished.
                let unfinished = Unfinished;
                let result = tokio::select! {
                    biased;
                    result = call => result,
                    () = tokio::time::sleep_until(deadline) => {
                        Err(StoreError::from(PgError::Deadline(deadline - start)).into())
                    }
                };
                std::mem::forget(unfinished);
                result
                // `call` is dropped here, inside the scope: past the deadline, its connection is not pooled again.
            })
            .await
    }

    /// The same store running at most `writers` list writes at once (at least one).
    #[must_use]
    pub fn with_max_writers(mut self, writers: usize) -> Self {
        self.writers = Arc::new(Semaphore::new(writers.max(1)));
        self
    }

    /// The pool, e.g. for a readiness probe's statistics.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn conn(&self) -> Result<Conn, PgError> {
        Ok(Conn(Some(self.pool.get().await?)))
    }

    /// A connection for a list write, once one of the writers' turns is free. The turn is waited for no longer than
    /// the pool's own wait for a connection, and fails the same way.
    async fn writer(&self) -> Result<Writer, PgError> {
        let wait = self.pool.timeouts().wait;
        let turn = Arc::clone(&self.writers).acquire_owned();
        let turn = match wait {
            Some(wait) => tokio::time::timeout(wait, turn).await.map_err(|_| PoolError::Timeout(TimeoutType::Wait))?,
            None => turn.await,
        }
        .map_err(|_| PoolError::Closed)?;
        Ok(Writer { conn: self.conn().await?, _turn: turn })
    }
}

/// A pooled connection, closed instead of pooled again when dropped past its call's deadline or while its call is
/// dropped unfinished: the call was abandoned and may have left a query running or a transaction open on it.
struct Conn(Option<Object<AsyncPgConnection>>);

impl Conn {
    /// Closes the connection instead of pooling it again.
    fn close(mut self) {
        if let Some(conn) = self.0.take() {
            drop(Object::take(conn));
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        let abandoned = DEADLINE.try_with(Call::abandons_connections).unwrap_or(false);
        if abandoned && let Some(conn) = self.0.take() {
            drop(Object::take(conn));
        }
    }
}

impl std::ops::Deref for Conn {
    type Target = AsyncPgConnection;

    fn deref(&self) -> &AsyncPgConnection {
        match &self.0 {
            Some(conn) => conn,
            None => unreachable!("only `drop` and `close` take the connection out"),
        }
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut AsyncPgConnection {
        match &mut self.0 {
            Some(conn) => conn,
            None => unreachable!("only `drop` and `close` take the connection out"),
        }
    }
}

/// A pooled connection holding one of the store's writer turns until dropped.
struct Writer {
    conn: Conn,
    _turn: OwnedSemaphorePermit,
}

impl std::ops::Deref for Writer {
    type Target = AsyncPgConnection;

    fn deref(&self) -> &AsyncPgConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for Writer {
    fn deref_mut(&mut self) -> &mut AsyncPgConnection {
        &mut self.conn
    }
}

/// An error inside a transaction: either the domain's answer, which rolls the transaction back, or a query
/// failure, classified once the transaction is over.
#[derive(Debug)]
enum TxError<E> {
    Domain(E),
    Query(diesel::result::Error),
}

impl<E> From<diesel::result::Error> for TxError<E> {
    fn from(err: diesel::result::Error) -> Self {
        TxError::Query(err)
    }
}

/// Wraps any adapter failure as the domain's storage failure.
fn store_error(err: impl Into<PgError>) -> StoreError {
    StoreError::from(err.into())
}

/// A stored value the domain refuses: the database holds something the migrations should have prevented.
fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::from(PgError::Corrupt(what.into()))
}

/// The constraint a database error of this kind broke, if it is one (e.g. which unique constraint).
fn violated(err: &diesel::result::Error, kind: DatabaseErrorKind) -> Option<&str> {
    match err {
        diesel::result::Error::DatabaseError(k, info) if *k == kind => info.constraint_name(),
        _ => None,
    }
}

#[async_trait]
impl HealthCheck for PgStore {
    async fn ready(&self) -> Result<(), StoreError> {
        self.bounded_by(self.deadline.min(READY_DEADLINE), async {
            let mut conn = self.conn().await?;
            diesel::sql_query("SELECT 1").execute(&mut conn).await.map_err(store_error)?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use marquee_domain::catalog::MediaRepository;
    use marquee_domain::media::{MediaFields, MediaInput};
    use marquee_domain::ranking::{Anchor, PlaceCommand, RankingError, RankingFilter, RankingRepository};
    use marquee_domain::tier::Tier;

    use marquee_domain::StoreErrorKind;
    use marquee_domain::user::UserId;

    use super::*;
    use crate::pool::{PgConfig, build_pool};
    use crate::testing::TestDb;

    /// A loopback port that accepts connections and never answers a byte, as a frozen server looks to a client.
    async fn black_hole() -> u16 {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
        let port = listener.local_addr().unwrap_or_else(|e| panic!("{e}")).port();
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        port
    }

    /// A server that accepts connections and never answers (PostgreSQL frozen, replies dropped): every call, the
    /// readiness check included, fails as unavailable once its deadline has passed, not later.
    #[tokio::test]
    async fn a_database_that_never_answers_fails_as_unavailable_at_the_deadline() {
        let port = black_hole().await;
        let deadline = Duration::from_millis(300);
        let config = PgConfig {
            query_timeout: Duration::from_secs(30),
            acquire_timeout: Duration::from_secs(30),
            ..PgConfig::new(format!("postgres://marquee@127.0.0.1:{port}/marquee"))
        };
        let store = PgStore::new(build_pool(&config).unwrap_or_else(|e| panic!("{e}"))).with_query_timeout(deadline);
        let started = Instant::now();
        let failed = marquee_domain::account::UserRepository::get(&store, UserId(uuid::Uuid::nil())).await;
        let took = started.elapsed();
        assert!(matches!(&failed, Err(e) if e.kind() == StoreErrorKind::Unavailable), "{failed:?}");
        assert!(took >= deadline && took < deadline * 3, "answered after {took:?}");
        let started = Instant::now();
        let ready = store.ready().await;
        assert!(matches!(&ready, Err(e) if e.kind() == StoreErrorKind::Unavailable), "{ready:?}");
        assert!(started.elapsed() < deadline * 3, "readiness answered after {:?}", started.elapsed());
    }

    /// A request deadline sooner than the store's own ends the call then: the request arrived earlier than the call
    /// began, and its answer is due by its own deadline.
    #[tokio::test]
    async fn a_request_deadline_sooner_than_the_stores_ends_the_call() {
        let port = black_hole().await;
        let store = PgStore::new(
            build_pool(&PgConfig::new(format!("postgres://marquee@127.0.0.1:{port}/marquee")))
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .with_query_timeout(Duration::from_secs(5));
        let started = Instant::now();
        let due = started + Duration::from_millis(250);
        let call = marquee_domain::account::UserRepository::get(&store, UserId(uuid::Uuid::nil()));
        let failed = marquee_domain::deadline::within(due, call).await;
        assert!(matches!(&failed, Err(e) if e.kind() == StoreErrorKind::Unavailable), "{failed:?}");
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(250) && took < Duration::from_secs(1), "answered after {took:?}");
    }

    /// A store with `deadline` per call, a user and a title, and another session holding the user's row locked (in
    /// the returned connection, inside a transaction): placing the title blocks on the lock until it is rolled back.
    async fn place_behind_a_lock(
        db: &TestDb,
        deadline: Duration,
    ) -> (PgStore, UserId, PlaceCommand, Object<AsyncPgConnection>) {
        let store = PgStore::new(build_pool(&PgConfig::new(db.url())).unwrap_or_else(|e| panic!("{e}")))
            .with_query_timeout(deadline);
        let user = crate::testing::user(&store, "Lock waiter").await;
        let input = MediaInput { kind: "play".into(), title: "Locked out".into(), ..Default::default() };
        let fields = MediaFields::new(input).unwrap_or_else(|e| panic!("{e:?}"));
        let media = MediaRepository::create(&store, fields, None).await.unwrap_or_else(|e| panic!("{e}")).id;
        let mut holder = db.pool().get().await.unwrap_or_else(|e| panic!("{e}"));
        diesel::sql_query("BEGIN").execute(&mut holder).await.unwrap_or_else(|e| panic!("{e}"));
        diesel::sql_query(format!("SELECT 1 FROM users WHERE id = '{}' FOR UPDATE", user.0))
            .execute(&mut holder)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let place = PlaceCommand { media_id: media, tier: Tier::B, anchor: Anchor::Bottom, stars: None };
        (store, user, place, holder)
    }

    /// A call dropped before it finished (its request abandoned), well within its deadline, closes its connection
    /// instead of pooling it: the statement it left waiting for a lock would hold up the next call.
    #[tokio::test]
    async fn a_call_dropped_unfinished_closes_its_connection() {
        let db = TestDb::new().await;
        let (store, user, place, mut holder) = place_behind_a_lock(&db, Duration::from_secs(10)).await;
        let pooled = store.pool().status().size;
        let dropped = tokio::time::timeout(Duration::from_millis(300), store.place(user, &place)).await;
        assert!(dropped.is_err(), "the place waits for the lock: {dropped:?}");
        assert_eq!(store.pool().status().size, pooled - 1, "the abandoned connection left the pool");
        let started = Instant::now();
        let listed = store.list(user, &RankingFilter::default()).await;
        assert!(listed.is_ok() && started.elapsed() < Duration::from_secs(2), "{listed:?}");
        diesel::sql_query("ROLLBACK").execute(&mut holder).await.unwrap_or_else(|e| panic!("{e}"));
    }

    /// A call cut off at its deadline while its statement waits for a lock does not give its connection back to
    /// the pool: the next call gets another connection and is answered at once, instead of queueing behind the
    /// statement still waiting on the abandoned one.
    #[tokio::test]
    async fn a_connection_abandoned_at_the_deadline_is_closed_not_pooled() {
        let db = TestDb::new().await;
        let deadline = Duration::from_millis(400);
        let (store, user, place, mut holder) = place_behind_a_lock(&db, deadline).await;
        let pooled = store.pool().status().size;
        let started = Instant::now();
        let cut = store.place(user, &place).await;
        assert!(matches!(&cut, Err(RankingError::Store(e)) if e.kind() == StoreErrorKind::Unavailable), "{cut:?}");
        assert!(started.elapsed() < deadline * 3, "answered after {:?}", started.elapsed());
        assert_eq!(store.pool().status().size, pooled - 1, "the abandoned connection left the pool");

        // The pool hands out the connection returned last: had the abandoned one come back, this read would wait
        // behind its blocked statement and fail at the deadline.
        let listed = store.list(user, &RankingFilter::default()).await;
        assert!(listed.is_ok(), "{listed:?}");

        diesel::sql_query("ROLLBACK").execute(&mut holder).await.unwrap_or_else(|e| panic!("{e}"));
        // The abandoned statement may still have committed once the lock was free (a 503 does not promise nothing
        // was written); either way the title ends up ranked once.
        let again = store.place(user, &place).await;
        assert!(matches!(again, Ok(_) | Err(RankingError::AlreadyRanked(_))), "{again:?}");
        assert_eq!(store.list(user, &RankingFilter::default()).await.unwrap_or_else(|e| panic!("{e}")).total, 1);
    }

    /// A list write waits for a writer's turn, and no longer than the pool waits for a connection; reads never wait
    /// for one; writes queued behind one turn all land, one after another.
    #[tokio::test]
    async fn list_writes_take_turns_and_reads_do_not_wait_for_them() {
        let db = TestDb::new().await;
        let wait = Duration::from_millis(300);
        let pool = build_pool(&PgConfig { acquire_timeout: wait, ..PgConfig::new(db.url()) })
            .unwrap_or_else(|e| panic!("{e}"));
        let store = PgStore::new(pool).with_max_writers(1);
        let user = crate::testing::user(&store, "Turn taker").await;
        let mut titles = Vec::new();
        for i in 0..6 {
            let input = MediaInput { kind: "play".into(), title: format!("Play {i}"), ..Default::default() };
            let fields = MediaFields::new(input).unwrap_or_else(|e| panic!("{e:?}"));
            titles.push(MediaRepository::create(&store, fields, None).await.unwrap_or_else(|e| panic!("{e}")).id);
        }
        let place = |media| PlaceCommand { media_id: media, tier: Tier::B, anchor: Anchor::Bottom, stars: None };
        let listed = async || store.list(user, &RankingFilter::default()).await.unwrap_or_else(|e| panic!("{e}")).total;

        let turn = store.writer().await.unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let refused = store.place(user, &place(titles[0])).await;
        assert!(matches!(refused, Err(RankingError::Store(_))), "{refused:?}");
        assert!(started.elapsed() >= wait, "gave up after {:?}", started.elapsed());
        assert_eq!(listed().await, 0, "a read goes ahead while the only turn is taken, and nothing was written");

        drop(turn);
        let commands: Vec<PlaceCommand> = titles.iter().map(|t| place(*t)).collect();
        let placed = futures::future::join_all(commands.iter().map(|c| store.place(user, c))).await;
        for result in &placed {
            assert!(result.is_ok(), "{result:?}");
        }
        assert_eq!(listed().await, 6);
        assert_eq!(store.writers.available_permits(), 1, "every turn came back");
    }
}
