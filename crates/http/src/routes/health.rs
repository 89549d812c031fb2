//! Liveness and readiness probes.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::error::{ApiError, responses};

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// Always `ok`: failures answer 503 with a problem instead.
    #[schema(example = "ok")]
    pub status: &'static str,
}

const OK: HealthResponse = HealthResponse { status: "ok" };

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(check_liveness).service(check_readiness);
}

/// Liveness
///
/// Answers as long as the process serves HTTP; touches no backing service.
#[utoipa::path(tag = "health", responses((status = 200, description = "The process is up", body = HealthResponse)))]
#[get("/live")]
async fn check_liveness() -> HttpResponse {
    HttpResponse::Ok().json(OK)
}

/// Readiness
///
/// Answers 200 when the backing services (the database) answer, 503 otherwise.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = HealthResponse),
        responses::Unavailable,
    )
)]
#[get("/ready")]
async fn check_readiness(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.health.ready().await.map_err(|e| ApiError::Unavailable(Box::new(e)))?;
    Ok(HttpResponse::Ok().json(OK))
}
