//! The handlers, one module per resource, and the one place they are mounted.

pub mod admin;
pub mod auth;
pub mod availability;
pub mod charts;
pub mod feed;
pub mod health;
pub mod imports;
pub mod leaderboard;
pub mod matchups;
pub mod media;
pub mod placements;
pub mod rankings;
pub mod recommendations;
pub mod semantic;
pub mod social;

use utoipa_actix_web::scope::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Mounts every route. Both the served app and the OpenAPI document are built from this, so they cannot drift.
pub(crate) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(scope("/health").configure(health::routes)).service(
        scope("/api/v1")
            .configure(auth::routes)
            .configure(admin::routes)
            .configure(media::routes)
            .configure(rankings::routes)
            .configure(semantic::routes)
            .configure(placements::routes)
            .configure(matchups::routes)
            .configure(charts::routes)
            .configure(availability::routes)
            .configure(imports::routes)
            .configure(social::routes)
            .configure(recommendations::routes)
            .configure(feed::routes)
            .configure(leaderboard::routes),
    );
}
