//! Readiness: whether the services the app depends on answer.

use async_trait::async_trait;

use crate::error::StoreError;

/// Readiness of a backing service.
#[async_trait]
pub trait HealthCheck: Send + Sync {
    /// Succeeds when the service answers.
    ///
    /// # Errors
    /// [`StoreError`] when it does not.
    async fn ready(&self) -> Result<(), StoreError>;
}
