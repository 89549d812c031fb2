//! The OpenAPI document: the committed snapshot, and its agreement with the routes the app serves.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use actix_web::http::Method;
use actix_web::http::header;
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use async_trait::async_trait;
use marquee_domain::StoreError;
use marquee_domain::account::{CreateUserError, HashError, PasswordHasher, UserRepository};
use marquee_domain::catalog::{CatalogQuota, MediaHit, MediaRepository, MediaWriteError, MergeReport};
use marquee_domain::health::HealthCheck;
use marquee_domain::imports::{
    ComparisonEntry, ImportEntry, ImportExtras, ImportRepository, ImportSource, MatchKeys, StoreOutcome, UserExport,
};
use marquee_domain::media::{MediaFields, MediaId, MediaItem, SearchQuery};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::placement::{
    Action, Comparison, PlacementError, PlacementId, PlacementRepository, PlacementStep, StartPlacement,
};
use marquee_domain::ranking::{
    MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RankingRepository, RateOutcome,
};
use marquee_domain::tier::Stars;
use marquee_domain::user::{Email, NewUser, Password, PasswordHash, User, UserId};
use marquee_http::{AppState, Ports, TokenKeys};
use marquee_memory::MemoryStore;
use secrecy::SecretString;

type Now = chrono::DateTime<chrono::Utc>;
use utoipa::openapi::RefOr;
use utoipa::openapi::security::SecurityScheme;

/// Every route the API serves: method, path, and whether it needs a bearer token.
const ROUTES: &[(&str, &str, bool)] = &[
    ("GET", "/health/live", false),
    ("GET", "/health/ready", false),
    ("POST", "/api/v1/auth/register", false),
    ("POST", "/api/v1/auth/login", false),
    ("POST", "/api/v1/auth/refresh", false),
    ("POST", "/api/v1/auth/logout", true),
    ("POST", "/api/v1/auth/logout-all", true),
    ("PATCH", "/api/v1/auth/me", true),
    ("PUT", "/api/v1/auth/password", true),
    ("GET", "/api/v1/auth/me", true),
    ("DELETE", "/api/v1/me", true),
    ("POST", "/api/v1/admin/users/{id}/disable", true),
    ("POST", "/api/v1/admin/users/{id}/enable", true),
    ("GET", "/api/v1/users", true),
    ("GET", "/api/v1/media/search", false),
    ("GET", "/api/v1/media/{id}", false),
    ("POST", "/api/v1/media", true),
    ("PUT", "/api/v1/media/{id}", true),
    ("POST", "/api/v1/media/{id}/merge", true),
    ("GET", "/api/v1/me/rankings", true),
    ("POST", "/api/v1/me/rankings", true),
    ("GET", "/api/v1/me/rankings/{id}", true),
    ("PATCH", "/api/v1/me/rankings/{id}", true),
    ("DELETE", "/api/v1/me/rankings/{id}", true),
    ("PUT", "/api/v1/me/ratings/{media_id}", true),
    ("POST", "/api/v1/me/placements", true),
    ("POST", "/api/v1/me/placements/{id}/answers", true),
    ("POST", "/api/v1/me/placements/{id}/undo", true),
    ("DELETE", "/api/v1/me/placements/{id}", true),
    ("GET", "/api/v1/me/comparisons", true),
    ("PUT", "/api/v1/me/top4", true),
    ("GET", "/api/v1/me/top4", true),
    ("GET", "/api/v1/matchups/next", true),
    ("POST", "/api/v1/matchups/{id}/vote", true),
    ("GET", "/api/v1/matchups/leaderboard", false),
    ("GET", "/api/v1/charts/consensus", false),
    ("GET", "/api/v1/search/semantic", false),
    ("GET", "/api/v1/media/{id}/similar", false),
    ("GET", "/api/v1/media/{id}/availability", false),
    ("GET", "/api/v1/me/services", true),
    ("PUT", "/api/v1/me/services", true),
    ("POST", "/api/v1/me/imports/letterboxd", true),
    ("POST", "/api/v1/me/imports/imdb", true),
    ("POST", "/api/v1/me/imports/goodreads", true),
    ("POST", "/api/v1/me/imports/marquee", true),
    ("GET", "/api/v1/me/export", true),
    ("GET", "/api/v1/me/export/csv", true),
    ("GET", "/api/v1/me/visibility", true),
    ("PUT", "/api/v1/me/visibility", true),
    ("POST", "/api/v1/users/{id}/follow", true),
    ("DELETE", "/api/v1/users/{id}/follow", true),
    ("POST", "/api/v1/me/followers/{id}/approve", true),
    ("GET", "/api/v1/users/{id}/followers", false),
    ("GET", "/api/v1/users/{id}/following", false),
    ("GET", "/api/v1/users/{id}/rankings", false),
    ("GET", "/api/v1/users/{id}/taste", false),
    ("GET", "/api/v1/users/{id}/compatibility", true),
    ("GET", "/api/v1/recommendations", true),
    ("POST", "/api/v1/me/interactions", true),
    ("GET", "/api/v1/feed", true),
    ("GET", "/api/v1/leaderboard", false),
];

/// The public routes that read a token when one is sent (it widens what the caller sees): signing in is optional.
const OPTIONAL_SIGN_IN: &[&str] = &[
    "/api/v1/media/search",
    "/api/v1/matchups/leaderboard",
    "/api/v1/leaderboard",
    "/api/v1/users/{id}/followers",
    "/api/v1/users/{id}/following",
    "/api/v1/users/{id}/rankings",
    "/api/v1/users/{id}/taste",
];

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

fn document() -> serde_json::Value {
    serde_json::to_value(marquee_http::openapi()).unwrap()
}

/// `(method, path, operation)` for every operation in the document.
fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(&method.as_str()) {
                found.push((method.to_uppercase(), path.clone(), operation.clone()));
            }
        }
    }
    found
}

#[test]
fn the_document_matches_the_committed_snapshot() {
    let mut generated = marquee_http::openapi().to_pretty_json().unwrap();
    generated.push('\n');
    let path = snapshot_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is out of date with the handlers: run `just openapi` \
         (or `UPDATE_OPENAPI=1 cargo test -p marquee-http --test openapi`) and commit the result"
    );
}

#[test]
fn the_document_lists_exactly_the_routes() {
    let doc = document();
    let documented: BTreeSet<(String, String)> = operations(&doc).into_iter().map(|(m, p, _)| (m, p)).collect();
    let expected: BTreeSet<(String, String)> =
        ROUTES.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(documented, expected);
    assert_eq!(doc["info"]["title"], "Marquee");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn protected_routes_require_the_bearer_token() {
    let doc = document();
    for (method, path, operation) in operations(&doc) {
        let protected = ROUTES.iter().any(|(m, p, auth)| *m == method && *p == path && *auth);
        let security = &operation["security"];
        if protected {
            assert_eq!(security, &serde_json::json!([{"bearer": []}]), "{method} {path}");
            assert!(operation["responses"].get("401").is_some(), "{method} {path} documents no 401");
        } else if OPTIONAL_SIGN_IN.contains(&path.as_str()) {
            assert_eq!(security, &serde_json::json!([{}, {"bearer": []}]), "{method} {path}: optional sign-in");
        } else {
            assert_eq!(security, &serde_json::json!([]), "{method} {path} is public: `security: []`");
        }
    }
    let api = marquee_http::openapi();
    let scheme = api.components.as_ref().and_then(|c| c.security_schemes.get("bearer")).expect("bearer scheme");
    assert!(matches!(scheme, RefOr::T(SecurityScheme::Http(_))));
    assert_eq!(serde_json::to_value(scheme).unwrap()["scheme"], "bearer");
}

#[test]
fn every_operation_documents_its_problems() {
    let doc = document();
    let problem = doc["components"]["schemas"].get("Problem").expect("a Problem schema");
    assert!(problem["properties"].get("type").is_some());
    for (method, path, operation) in operations(&doc) {
        let responses = operation["responses"].as_object().unwrap();
        assert!(operation["summary"].is_string(), "{method} {path} has no summary");
        assert!(operation["tags"].as_array().is_some_and(|t| !t.is_empty()), "{method} {path} has no tag");
        let must = if operation.get("requestBody").is_some() { &["400", "413", "422", "500"][..] } else { &[][..] };
        for status in must {
            assert!(responses.contains_key(*status), "{method} {path} documents no {status}");
        }
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                let schema = &response["content"]["application/problem+json"]["schema"]["$ref"];
                assert_eq!(schema, "#/components/schemas/Problem", "{method} {path} {status}");
            }
        }
        if path.contains('{') {
            assert!(operation["parameters"].as_array().is_some_and(|p| p.iter().any(|p| p["in"] == "path")));
        }
    }
}

/// Issue 19, defect 7: every status an operation can answer is documented, whatever its handler says.
#[test]
fn every_operation_documents_every_status_it_can_answer() {
    let doc = document();
    for (method, path, operation) in operations(&doc) {
        let responses = operation["responses"].as_object().unwrap();
        let params = operation["parameters"].as_array().cloned().unwrap_or_default();
        let takes = |place: &str| params.iter().any(|p| p["in"] == place);
        let body = operation.get("requestBody").is_some();
        let api = path.starts_with("/api/");
        let mut must = vec!["422", "500"];
        if takes("query") || body {
            must.push("400");
        }
        if takes("path") {
            must.push("404");
        }
        if body {
            must.extend(["413", "422"]);
        }
        if api {
            must.extend(["401", "503"]);
        }
        if ["/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/media"].contains(&path.as_str()) {
            must.push("429");
        }
        for status in must {
            assert!(responses.contains_key(status), "{method} {path} documents no {status}");
        }
        for (status, header) in [("401", "WWW-Authenticate"), ("429", "Retry-After"), ("503", "Retry-After")] {
            if let Some(response) = responses.get(status) {
                assert!(response["headers"].get(header).is_some(), "{method} {path} {status} documents no {header}");
            }
        }
    }
    // The two answers the issue found undocumented.
    let export = &doc["paths"]["/api/v1/me/export"]["get"]["responses"];
    assert!(export.get("400").is_some(), "a repeated format is a 400");
    let media = &doc["paths"]["/api/v1/media/{id}"]["get"]["responses"];
    assert!(media["404"]["description"].as_str().unwrap().contains("not a UUID"));
    let similar = &doc["paths"]["/api/v1/media/{id}/similar"]["get"]["responses"]["503"]["description"];
    let similar = similar.as_str().unwrap();
    assert!(similar.contains("service-unavailable") && similar.contains("feature-unavailable"), "{similar}");
}

/// Every `$ref` names a component that exists, and no enum is written inline: generated SDKs get one type per enum.
#[test]
fn every_reference_resolves_and_enums_are_named() {
    fn walk(value: &serde_json::Value, at: &str, doc: &serde_json::Value, in_component: bool) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(|r| r.as_str()) {
                    let name = reference.strip_prefix("#/components/schemas/");
                    let found = name.is_some_and(|n| doc["components"]["schemas"].get(n).is_some())
                        || reference.starts_with("#/components/") && reference.split('/').count() == 4;
                    assert!(found, "{at}: {reference} names no component");
                }
                assert!(in_component || !map.contains_key("enum"), "{at}: an enum written inline");
                for (key, inner) in map {
                    walk(inner, &format!("{at}/{key}"), doc, in_component);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    walk(inner, &format!("{at}/{i}"), doc, in_component);
                }
            }
            _ => {}
        }
    }
    let doc = document();
    walk(&doc["paths"], "paths", &doc, false);
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        // A component may be an enum itself; its properties name other components.
        walk(schema, name, &doc, schema.get("enum").is_some() || schema.get("oneOf").is_some());
        for (property, inner) in schema["properties"].as_object().into_iter().flatten() {
            assert!(inner.get("enum").is_none(), "{name}.{property}: an enum written inline");
        }
    }
    let attributes = &doc["components"]["schemas"]["MediaRequest"]["properties"]["attributes"];
    assert!(attributes.get("additionalProperties").is_some(), "a book's attributes are a free-form map");
    let upload = &doc["components"]["schemas"]["UploadForm"]["properties"]["file"];
    assert_eq!((&upload["type"], &upload["format"]), (&serde_json::json!("string"), &serde_json::json!("binary")));
}

/// Issue 21: what generators can type. Each answer has one media type (a client cannot tell which it gets
/// otherwise); request bodies are JSON or multipart forms (generators skip raw `text/csv` or `application/zip`
/// bodies); the CSV export is an operation of its own.
#[test]
fn bodies_and_answers_are_typeable_by_generators() {
    let doc = document();
    for (method, path, operation) in operations(&doc) {
        for (status, response) in operation["responses"].as_object().unwrap() {
            let types = response["content"].as_object().map_or(0, serde_json::Map::len);
            assert!(types <= 1, "{method} {path} {status} answers {types} media types");
        }
        for media in operation["requestBody"]["content"].as_object().into_iter().flatten().map(|(m, _)| m) {
            assert!(
                ["application/json", "multipart/form-data"].contains(&media.as_str()),
                "{method} {path} takes {media}"
            );
        }
    }
    for source in ["imdb", "letterboxd", "marquee"] {
        let body = &doc["paths"][format!("/api/v1/me/imports/{source}")]["post"]["requestBody"]["content"];
        assert_eq!(body["multipart/form-data"]["schema"]["$ref"], "#/components/schemas/UploadForm", "{source}");
    }
    let csv = &doc["paths"]["/api/v1/me/export/csv"]["get"]["responses"]["200"]["content"];
    assert_eq!(csv["text/csv"]["schema"]["type"], "string");
}

/// Stores that fail every call: enough to tell a served route (any answer but the unknown-route 404) apart.
struct Down;

fn down() -> StoreError {
    StoreError::new("down")
}

#[async_trait]
impl UserRepository for Down {
    async fn create(&self, _: NewUser) -> Result<User, CreateUserError> {
        Err(down().into())
    }
    async fn find_by_email(&self, _: &Email) -> Result<Option<(User, PasswordHash)>, StoreError> {
        Err(down())
    }
    async fn get(&self, _: UserId) -> Result<Option<User>, StoreError> {
        Err(down())
    }
    async fn set_admin(&self, _: &Email, _: bool) -> Result<Option<User>, StoreError> {
        Err(down())
    }
    async fn password_hash(&self, _: UserId) -> Result<Option<PasswordHash>, StoreError> {
        Err(down())
    }
    async fn set_password(&self, _: UserId, _: PasswordHash) -> Result<bool, StoreError> {
        Err(down())
    }
    async fn update_profile(
        &self,
        _: UserId,
        _: Option<&Email>,
        _: Option<&marquee_domain::user::DisplayName>,
    ) -> Result<Option<User>, CreateUserError> {
        Err(down().into())
    }
    async fn delete_account(&self, _: UserId) -> Result<bool, StoreError> {
        Err(down())
    }
    async fn set_disabled(
        &self,
        _: UserId,
        _: bool,
        _: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>, StoreError> {
        Err(down())
    }
    async fn disabled_accounts(&self) -> Result<Vec<UserId>, StoreError> {
        Err(down())
    }
    async fn find_people(
        &self,
        _: &marquee_domain::people::PeopleQuery,
        _: UserId,
        _: PageRequest,
    ) -> Result<Page<marquee_domain::people::Person>, StoreError> {
        Err(down())
    }
}

#[async_trait]
impl MediaRepository for Down {
    async fn create(&self, _: MediaFields, _: Option<UserId>) -> Result<MediaItem, MediaWriteError> {
        Err(down().into())
    }
    async fn create_within_quota(
        &self,
        _: MediaFields,
        _: UserId,
        _: CatalogQuota,
    ) -> Result<MediaItem, MediaWriteError> {
        Err(down().into())
    }
    async fn get(&self, _: MediaId) -> Result<Option<MediaItem>, StoreError> {
        Err(down())
    }
    async fn update(&self, _: MediaId, _: MediaFields) -> Result<MediaItem, MediaWriteError> {
        Err(down().into())
    }
    async fn merge(&self, _: MediaId, _: MediaId) -> Result<MergeReport, MediaWriteError> {
        Err(down().into())
    }
    async fn search(&self, _: &SearchQuery) -> Result<Page<MediaHit>, StoreError> {
        Err(down())
    }
    async fn count(&self) -> Result<u64, StoreError> {
        Err(down())
    }
}

#[async_trait]
impl RankingRepository for Down {
    async fn list(&self, _: UserId, _: &RankingFilter) -> Result<Page<RankedTitle>, StoreError> {
        Err(down())
    }
    async fn get(&self, _: UserId, _: RankingId) -> Result<Option<RankedTitle>, StoreError> {
        Err(down())
    }
    async fn place(&self, _: UserId, _: &PlaceCommand) -> Result<RankedTitle, RankingError> {
        Err(down().into())
    }
    async fn relocate(&self, _: UserId, _: RankingId, _: &MoveCommand) -> Result<RankedTitle, RankingError> {
        Err(down().into())
    }
    async fn remove(&self, _: UserId, _: RankingId) -> Result<bool, StoreError> {
        Err(down())
    }
    async fn rate(&self, _: UserId, _: MediaId, _: Stars) -> Result<(RankedTitle, RateOutcome), RankingError> {
        Err(down().into())
    }
}

#[async_trait]
impl PlacementRepository for Down {
    async fn start(&self, _: UserId, _: &StartPlacement, _: Now, _: Duration) -> Result<PlacementStep, PlacementError> {
        Err(down().into())
    }
    async fn act(
        &self,
        _: UserId,
        _: PlacementId,
        _: Action,
        _: Now,
        _: Duration,
    ) -> Result<PlacementStep, PlacementError> {
        Err(down().into())
    }
    async fn abandon(&self, _: UserId, _: PlacementId) -> Result<(), PlacementError> {
        Err(down().into())
    }
    async fn comparisons(&self, _: UserId, _: PageRequest) -> Result<Page<Comparison>, StoreError> {
        Err(down())
    }
}

#[async_trait]
impl ImportRepository for Down {
    async fn import_list(
        &self,
        _: UserId,
        _: ImportSource,
        _: &[ImportEntry],
        _: &[ComparisonEntry],
        _: &ImportExtras,
        _: CatalogQuota,
    ) -> Result<StoreOutcome, StoreError> {
        Err(down())
    }
    async fn unmatched(&self, _: &[MatchKeys]) -> Result<Vec<usize>, StoreError> {
        Err(down())
    }
    async fn export(&self, _: UserId) -> Result<UserExport, StoreError> {
        Err(down())
    }
}

#[async_trait]
impl HealthCheck for Down {
    async fn ready(&self) -> Result<(), StoreError> {
        Err(down())
    }
}

#[async_trait]
impl PasswordHasher for Down {
    async fn hash(&self, _: &Password) -> Result<PasswordHash, HashError> {
        Err(HashError("down".into()))
    }
    async fn verify(&self, _: &str, _: &PasswordHash) -> Result<bool, HashError> {
        Err(HashError("down".into()))
    }
    fn decoy(&self) -> &PasswordHash {
        unreachable!("the stores fail first")
    }
}

#[actix_web::test]
async fn every_documented_route_is_served() {
    let down = Arc::new(Down);
    let memory = Arc::new(MemoryStore::new());
    let tokens = TokenKeys::new(&SecretString::from("openapi-test-secret-0123456789abcdef"), Duration::from_mins(1));
    let session = marquee_domain::session::SessionId(uuid::Uuid::from_u128(2));
    let (token, _) = tokens.issue(UserId(uuid::Uuid::from_u128(1)), session).unwrap();
    let ports = Ports {
        users: down.clone(),
        passwords: down.clone(),
        media: down.clone(),
        rankings: down.clone(),
        health: down.clone(),
        placements: down.clone(),
        // Only routing matters here: the matchup and chart routes run on an empty in-memory store.
        matchups: memory.clone(),
        charts: memory,
        availability: Arc::new(MemoryStore::new()),
        imports: down,
        social: Arc::new(MemoryStore::new()),
        recommendations: Arc::new(MemoryStore::new()),
        activities: Arc::new(MemoryStore::new()),
        leaderboard: Arc::new(MemoryStore::new()),
        sessions: Arc::new(MemoryStore::new()),
        identities: Arc::new(MemoryStore::new()),
    };
    let state = AppState::builder(ports, tokens).placement_ttl(Duration::from_mins(1)).build();
    let app = init_service(marquee_http::app(state)).await;
    let id = uuid::Uuid::from_u128(2);
    for (method, path, _) in operations(&document()) {
        let uri = path.replace("{id}", &id.to_string()).replace("{media_id}", &id.to_string());
        let request = TestRequest::default()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(&uri)
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
            .set_json(serde_json::json!({}))
            .to_request();
        let response = call_service(&app, request).await;
        let status = response.status();
        let body: serde_json::Value = serde_json::from_slice(&read_body(response).await).unwrap_or_default();
        let unrouted = body["detail"].as_str().is_some_and(|d| d.starts_with("no route for"));
        assert!(!unrouted, "{method} {path} is documented but not served ({status})");
    }

    let response = call_service(&app, TestRequest::get().uri("/api/v1/nope").to_request()).await;
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = serde_json::from_slice(&read_body(response).await).unwrap();
    assert_eq!(body["detail"], "no route for GET /api/v1/nope", "the unknown-route probe above relies on this");
}
