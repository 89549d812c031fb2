//! Health, the OpenAPI document, Swagger UI, unknown routes, request ids, Server-Timing and the 500 policy.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::sync::Arc;

use async_trait::async_trait;
use marquee_domain::StoreError;
use marquee_domain::health::HealthCheck;
use marquee_domain::media::MediaId;
use marquee_domain::page::Page;
use marquee_domain::ranking::{
    MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RankingRepository, RateOutcome,
};
use marquee_domain::tier::Stars;
use marquee_domain::user::UserId;
use marquee_tests::{ApiService, Stores, TestApp, api_tests};

api_tests!(
    health_endpoints_answer,
    the_openapi_document_and_swagger_ui_are_served,
    unknown_routes_and_ids_are_404_problems,
    request_ids_are_echoed_or_made,
);

async fn health_endpoints_answer(app: &TestApp<impl ApiService>) {
    assert_eq!(app.get("/health/live", None).await.expect(200).body["status"], "ok");
    assert_eq!(app.get("/health/ready", None).await.expect(200).body["status"], "ok");
}

async fn the_openapi_document_and_swagger_ui_are_served(app: &TestApp<impl ApiService>) {
    let doc = app.get("/openapi.json", None).await.expect(200).body;
    assert_eq!(doc["info"]["title"], "Marquee");
    assert!(doc["paths"]["/api/v1/me/rankings"]["get"].is_object());
    assert!(
        doc["components"]["securitySchemes"]["bearer"].is_object() || doc["components"]["securitySchemes"].is_object()
    );
    let ui = app.get("/docs/", None).await;
    assert!(ui.status.is_success() || ui.status.is_redirection(), "{:?}", ui.status);
}

async fn unknown_routes_and_ids_are_404_problems(app: &TestApp<impl ApiService>) {
    app.get("/api/v1/nothing-here", None).await.problem(404, "not-found");
    app.get("/api/v1/media/not-a-uuid", None).await.problem(404, "not-found");
    app.get("/api/v1/media/0195f0c4-9b1e-7d2a-8c3f-0a1b2c3d4e5f", None).await.problem(404, "not-found");
}

async fn request_ids_are_echoed_or_made(app: &TestApp<impl ApiService>) {
    use actix_web::test::TestRequest;
    let reply = app.send(TestRequest::get().uri("/health/live").insert_header(("x-request-id", "abc-123"))).await;
    assert_eq!(reply.headers.get("x-request-id").unwrap(), "abc-123");
    let reply =
        app.send(TestRequest::get().uri("/health/live").insert_header(("x-request-id", "bad id with spaces"))).await;
    let made = reply.headers.get("x-request-id").unwrap().to_str().unwrap();
    assert!(!made.is_empty() && made != "bad id with spaces", "an unusable id is replaced");
    let timing = reply.headers.get("server-timing").unwrap().to_str().unwrap();
    let ms: f64 = timing.strip_prefix("app;dur=").unwrap().parse().unwrap();
    assert!((0.0..60_000.0).contains(&ms), "the server's own time in milliseconds: {timing}");
    let body = app.get("/api/v1/nothing-here", None).await.body;
    assert!(body["request_id"].is_string(), "problems carry the request id: {body}");
}

/// A store that fails the way a lost database does, with a secret in its error text.
struct BrokenStore;

fn broken() -> StoreError {
    StoreError::new("connection to postgres://marquee:hunter2@10.0.0.5/marquee refused")
}

#[async_trait]
impl RankingRepository for BrokenStore {
    async fn list(&self, _: UserId, _: &RankingFilter) -> Result<Page<RankedTitle>, StoreError> {
        Err(broken())
    }
    async fn get(&self, _: UserId, _: RankingId) -> Result<Option<RankedTitle>, StoreError> {
        Err(broken())
    }
    async fn place(&self, _: UserId, _: &PlaceCommand) -> Result<RankedTitle, RankingError> {
        Err(broken().into())
    }
    async fn relocate(&self, _: UserId, _: RankingId, _: &MoveCommand) -> Result<RankedTitle, RankingError> {
        Err(broken().into())
    }
    async fn remove(&self, _: UserId, _: RankingId) -> Result<bool, StoreError> {
        Err(broken())
    }
    async fn rate(&self, _: UserId, _: MediaId, _: Stars) -> Result<(RankedTitle, RateOutcome), RankingError> {
        Err(broken().into())
    }
}

#[async_trait]
impl HealthCheck for BrokenStore {
    async fn ready(&self) -> Result<(), StoreError> {
        Err(broken())
    }
}

#[actix_web::test]
async fn storage_failures_are_generic_500s_and_readiness_fails() {
    let mut stores = Stores::memory();
    stores.ports.rankings = Arc::new(BrokenStore);
    stores.ports.health = Arc::new(BrokenStore);
    let app = TestApp::with(stores).await;
    let token = app.register("ada").await;
    let body = app.get("/api/v1/me/rankings", Some(&token)).await.problem(500, "internal-error");
    let text = body.to_string();
    assert!(!text.contains("hunter2") && !text.contains("postgres"), "nothing internal leaks: {text}");
    app.get("/health/ready", None).await.problem(503, "service-unavailable");
}
