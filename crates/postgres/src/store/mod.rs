//! [`PgStore`]: the domain's repository ports on PostgreSQL.
//!
//! One submodule per port. Every multi-statement write runs in one transaction; database errors that the domain
//! names (a taken e-mail address, a duplicate TMDb id, a title ranked twice, an unknown title) become the domain's
//! errors, and everything else becomes a [`StoreError`].

mod imports;
mod media;
mod rankings;
mod rows;
mod users;

use std::fmt;

use async_trait::async_trait;
use diesel::result::DatabaseErrorKind;
use diesel_async::AsyncPgConnection;
use diesel_async::RunQueryDsl;
use diesel_async::pooled_connection::deadpool::Object;
use marquee_domain::StoreError;
use marquee_domain::ports::HealthCheck;

use crate::error::PgError;
use crate::pool::PgPool;

/// Every repository port of the domain, on PostgreSQL. Cheap to clone: clones share the pool.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.pool.status();
        f.debug_struct("PgStore").field("size", &status.size).field("max_size", &status.max_size).finish()
    }
}

impl PgStore {
    /// A store over a pool (see [`crate::build_pool`]). The database must be migrated.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
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
