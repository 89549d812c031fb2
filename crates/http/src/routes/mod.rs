//! The handlers, one module per resource, and the one place they are mounted.

pub mod auth;
pub mod health;
pub mod imports;
pub mod media;
pub mod rankings;

use utoipa_actix_web::scope::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Mounts every route. Both the served app and the OpenAPI document are built from this, so they cannot drift.
pub(crate) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(scope("/health").configure(health::routes)).service(
        scope("/api/v1")
            .configure(auth::routes)
            .configure(media::routes)
            .configure(rankings::routes)
            .configure(imports::routes),
    );
}
