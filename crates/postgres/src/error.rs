//! The adapter's own error, converted into the domain's errors at the port boundary.

use diesel_async::pooled_connection::deadpool::{BuildError, PoolError};
use marquee_domain::StoreError;

/// What went wrong talking to PostgreSQL. No variant ever holds the database URL.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    /// No connection could be had from the pool (timeout, refused, bad credentials).
    #[error("no database connection: {0}")]
    Pool(#[from] PoolError),
    /// The pool could not be built.
    #[error("invalid pool settings: {0}")]
    Build(#[from] BuildError),
    /// A query failed.
    #[error("query failed: {0}")]
    Query(#[from] diesel::result::Error),
    /// Running or reverting migrations failed.
    #[error("migrations failed: {0}")]
    Migration(Box<dyn std::error::Error + Send + Sync>),
    /// A blocking task panicked or was cancelled.
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// A stored value the domain cannot read (an unknown tier, kind or malformed rank key).
    #[error("unreadable stored data: {0}")]
    Corrupt(String),
}

impl From<PgError> for StoreError {
    fn from(err: PgError) -> Self {
        StoreError::new(err)
    }
}
