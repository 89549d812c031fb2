//! Error types shared by the whole domain.

use std::fmt;

/// One invalid input field: which field, and what is wrong with it, in words a client can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the API spells it (`email`, `stars`, `media_ids[2]`).
    pub field: String,
    /// What is wrong, e.g. "must be at least 8 characters".
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// What a storage failure means for the caller: the one thing about it the domain lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreErrorKind {
    /// The store could not be reached or did not answer in time (connection refused or lost, no free connection
    /// in time, a client-side deadline or the server's statement timeout passed). Nothing was committed; the same
    /// request may succeed later.
    Unavailable,
    /// The signed-in account a write belongs to no longer exists (deleted while its token was still valid): the
    /// token names nobody, as if it were invalid.
    AccountGone,
    /// Anything else: a bug, corrupt data, a constraint the domain did not expect.
    Failed,
}

/// A storage adapter failed for a reason the caller cannot act on, except through its [`StoreErrorKind`].
///
/// Adapters wrap their private error here at their boundary and decide its kind there; the HTTP layer answers 503
/// (unavailable), 401 (account gone) or 500 with a generic body and logs the cause.
#[derive(Debug, thiserror::Error)]
#[error("storage failure: {source}")]
pub struct StoreError {
    kind: StoreErrorKind,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl StoreError {
    /// Wraps any error as a storage failure of kind [`StoreErrorKind::Failed`].
    pub fn new(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::of(StoreErrorKind::Failed, err)
    }

    /// Wraps an error as a failure of the given kind.
    pub fn of(kind: StoreErrorKind, err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self { kind, source: err.into() }
    }

    /// The store could not be reached or did not answer in time.
    pub fn unavailable(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::of(StoreErrorKind::Unavailable, err)
    }

    /// The write's account does not exist (any more).
    pub fn account_gone() -> Self {
        Self::of(StoreErrorKind::AccountGone, "the account behind this write no longer exists")
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> StoreErrorKind {
        self.kind
    }
}
