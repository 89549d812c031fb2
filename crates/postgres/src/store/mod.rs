//! [`PgStore`]: the domain's repository ports on PostgreSQL.
//!
//! One submodule per port. Every multi-statement write runs in one transaction; database errors that the domain
//! names (a taken e-mail address, a duplicate TMDb id, a title ranked twice, an unknown title) become the domain's
//! errors, and everything else becomes a [`StoreError`].

mod charts;
mod embeddings;
mod feed;
mod fused;
mod fused_answer;
mod imports;
mod leaderboard;
mod list_cache;
mod matchups;
mod media;
mod placements;
mod prepared;
mod providers;
mod rankings;
mod recommendations;
mod rows;
mod session_cache;
mod social;
mod sync;
mod users;

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use diesel::result::DatabaseErrorKind;
use diesel_async::AsyncPgConnection;
use diesel_async::RunQueryDsl;
use diesel_async::pooled_connection::deadpool::Object;
use marquee_domain::StoreError;
use marquee_domain::ports::HealthCheck;

use self::list_cache::ListCache;
use crate::error::PgError;
use crate::pool::PgPool;

/// How many list pages a store caches unless told otherwise (a 50-title page takes about 20 KiB).
pub const DEFAULT_LIST_CACHE_PAGES: usize = 1024;

/// Every repository port of the domain, on PostgreSQL. Cheap to clone: clones share the pool, the list cache and
/// the cache of open placement sessions.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    lists: Arc<ListCache>,
    sessions: Arc<fused_answer::Sessions>,
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.pool.status();
        f.debug_struct("PgStore")
            .field("size", &status.size)
            .field("max_size", &status.max_size)
            .field("lists", &self.lists)
            .field("sessions", &self.sessions)
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
        Self { pool, lists: Arc::new(ListCache::new(pages)), sessions }
    }

    /// The pool, e.g. for a readiness probe's statistics.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn conn(&self) -> Result<Object<AsyncPgConnection>, PgError> {
        Ok(self.pool.get().await?)
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
        let mut conn = self.conn().await?;
        diesel::sql_query("SELECT 1").execute(&mut conn).await.map_err(store_error)?;
        Ok(())
    }
}
