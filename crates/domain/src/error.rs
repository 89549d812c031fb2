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

/// A storage adapter failed for a reason the caller cannot act on (connection lost, pool timeout, bug).
///
/// Adapters wrap their private error here at their boundary; the HTTP layer answers 500 with a generic body and
/// logs the cause.
#[derive(Debug, thiserror::Error)]
#[error("storage failure: {0}")]
pub struct StoreError(#[source] pub Box<dyn std::error::Error + Send + Sync>);

impl StoreError {
    /// Wraps any error as a storage failure.
    pub fn new(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(err.into())
    }
}
