//! The adapter's own error, converted into the domain's errors at the port boundary.
//!
//! The conversion decides the one thing the domain may know about a failure, its [`StoreErrorKind`]: PostgreSQL
//! unreachable or too slow (unavailable), the signed-in account deleted under a write (account gone), or anything
//! else (failed).

use std::time::Duration;

use diesel::result::DatabaseErrorKind;
use diesel_async::pooled_connection::deadpool::{BuildError, PoolError};
use marquee_domain::{StoreError, StoreErrorKind};

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
    /// A store call did not finish within its client-side deadline.
    #[error("no answer from the database within {0:?}")]
    Deadline(Duration),
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

/// The foreign keys naming the account a write is made for (`<table>_<column>_fkey`, PostgreSQL's default names).
/// Every write keyed by the signed-in user fills one of these columns, so when the account has been deleted the
/// write breaks one of them. `follows_followee_id_fkey` and `activities_target_id_fkey` are not here: they name the
/// other user, not the one signed in.
const ACCOUNT_KEYS: &[&str] = &[
    "rankings_user_id_fkey",
    "comparisons_user_id_fkey",
    "placement_sessions_user_id_fkey",
    "top4_sets_user_id_fkey",
    "matchups_voter_id_fkey",
    "matchup_votes_voter_id_fkey",
    "user_services_user_id_fkey",
    "follows_follower_id_fkey",
    "activities_user_id_fkey",
    "interactions_user_id_fkey",
    "media_items_created_by_fkey",
    "auth_sessions_user_id_fkey",
    "external_identities_user_id_fkey",
];

impl PgError {
    /// What the failure means for the caller.
    fn kind(&self) -> StoreErrorKind {
        match self {
            PgError::Pool(_) | PgError::Deadline(_) => StoreErrorKind::Unavailable,
            PgError::Query(err) => query_kind(err),
            PgError::Build(_) | PgError::Migration(_) | PgError::Task(_) | PgError::Corrupt(_) => {
                StoreErrorKind::Failed
            }
        }
    }
}

/// A query error's kind: a connection that broke or never got its answer is unavailable; so are the server
/// cancelling a statement at `statement_timeout` and a server shutting down (diesel-async keeps no SQLSTATE for
/// these, only PostgreSQL's message, which is English unless the server's `lc_messages` says otherwise).
fn query_kind(err: &diesel::result::Error) -> StoreErrorKind {
    use diesel::result::Error;
    match err {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand, _)
        | Error::BrokenTransactionManager => StoreErrorKind::Unavailable,
        Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info)
            if info.constraint_name().is_some_and(|name| ACCOUNT_KEYS.contains(&name)) =>
        {
            StoreErrorKind::AccountGone
        }
        Error::DatabaseError(DatabaseErrorKind::Unknown, info) => {
            let message = info.message();
            let gone = ["statement timeout", "administrator command", "shutting down", "starting up", "recovery mode"];
            if gone.iter().any(|words| message.contains(words)) {
                StoreErrorKind::Unavailable
            } else {
                StoreErrorKind::Failed
            }
        }
        _ => StoreErrorKind::Failed,
    }
}

impl From<PgError> for StoreError {
    fn from(err: PgError) -> Self {
        StoreError::of(err.kind(), err)
    }
}
