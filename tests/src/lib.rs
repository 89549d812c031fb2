//! The harness of the black-box API tests: the whole HTTP app in process (`actix_web::test`), on the in-memory
//! store or on a fresh PostgreSQL database per test, with small helpers to call it and read problem+json.
//!
//! Each test file lists its cases once with [`api_tests!`], which runs every case on both backends.

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

pub mod oidc;

use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::test::{self, TestRequest};
use marquee_bcrypt::BcryptHasher;
use marquee_domain::account::{PasswordHasher, UserRepository};
use marquee_domain::availability::{AvailabilityProvider, AvailabilityService, AvailabilityStore};
use marquee_domain::catalog::CatalogService;
use marquee_domain::catalog::MediaRepository;
use marquee_domain::consensus::ChartRepository;
use marquee_domain::feed::ActivityRepository;
use marquee_domain::health::HealthCheck;
use marquee_domain::imports::{ImportRepository, ImportService, TitleLookup};
use marquee_domain::leaderboard::LeaderboardRepository;
use marquee_domain::matchup::MatchupRepository;
use marquee_domain::placement::PlacementRepository;
use marquee_domain::ranking::RankingRepository;
use marquee_domain::recommend::service::{RecommendationRepository, RecommendationService};
use marquee_domain::recommend::snapshot::Settings;
use marquee_domain::remote::{CatalogUpsert, LocalFirstSearch, RemoteCatalog};
use marquee_domain::semantic::{Embedder, EmbeddingRepository, SemanticService};
use marquee_domain::social::SocialRepository;
use marquee_embeddings::{EmbedQueue, EmbedderConfig, FlatIndex, OrtEmbedder};
use marquee_http::auth::TokenKeys;
use marquee_http::{AppBuilder, AppState, Ports};
use marquee_memory::MemoryStore;
use marquee_postgres::testing::TestDb;
use secrecy::SecretString;
use serde_json::{Value, json};

/// The stores one app runs on: the app's ports (passwords hashed by bcrypt at cost 4), and what only the tests
/// reach.
#[derive(Clone)]
pub struct Stores {
    /// The ports the app's use cases run on.
    pub ports: Ports,
    /// Sentence embeddings.
    pub embeddings: Arc<dyn EmbeddingRepository>,
    /// How long an idle placement session lives (30 minutes unless a test shortens it).
    pub placement_ttl: Duration,
    /// Remote titles into the catalog.
    pub upsert: Arc<dyn CatalogUpsert>,
    /// The recommender the app serves with (clones share its snapshot): tests train and reload through it, as
    /// `marquee train` and the serving instance's refresh thread do.
    pub recommender: RecommendationService,
}

/// The providers an app runs with: none by default.
#[derive(Clone, Default)]
pub struct Providers {
    /// The remote catalog of the local-first search.
    pub remote: Option<Arc<dyn RemoteCatalog>>,
    /// Availability providers, in merge order.
    pub availability: Vec<Arc<dyn AvailabilityProvider>>,
    /// Availability cache TTL (default 24 h).
    pub ttl: Option<chrono::Duration>,
    /// The title lookup of imports.
    pub lookup: Option<Arc<dyn TitleLookup>>,
    /// The remote catalog of book searches (Open Library).
    pub books: Option<Arc<dyn RemoteCatalog>>,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Stores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stores").finish_non_exhaustive()
    }
}

impl Stores {
    /// Every port on one in-memory store.
    pub fn memory() -> Self {
        Self::on(Arc::new(MemoryStore::new()))
    }

    /// Every port on one store.
    pub fn on<S>(store: Arc<S>) -> Self
    where
        S: UserRepository
            + MediaRepository
            + RankingRepository
            + HealthCheck
            + PlacementRepository
            + EmbeddingRepository
            + MatchupRepository
            + ChartRepository
            + CatalogUpsert
            + AvailabilityStore
            + ImportRepository
            + SocialRepository
            + RecommendationRepository
            + ActivityRepository
            + LeaderboardRepository
            + marquee_domain::session::SessionRepository
            + marquee_domain::identity::IdentityRepository
            + 'static,
    {
        let availability =
            AvailabilityService::new(store.clone(), store.clone(), Vec::new(), chrono::Duration::hours(24));
        Self {
            ports: Ports::on(&store, test_hasher()),
            embeddings: store.clone(),
            placement_ttl: marquee_domain::placement::DEFAULT_TTL,
            upsert: store.clone(),
            recommender: RecommendationService::new(store, availability, None, Settings::default()),
        }
    }
}

/// The matchup repeat window of the test app, in days.
pub const REPEAT_DAYS: i64 = 7;

/// The import upload limit in tests: small, so the 413 case needs no big body.
pub const IMPORT_MAX_BYTES: usize = 64 * 1024;

/// bcrypt at cost 4: fast, and for tests only.
fn test_hasher() -> Arc<dyn PasswordHasher> {
    Arc::new(BcryptHasher::new(4).expect("bcrypt hasher"))
}

/// The app's builder on these stores and providers (the search cache TTL is one hour), with a fixed test key and
/// the small [`IMPORT_MAX_BYTES`]. Many cases register several accounts from the one in-process address: no rate
/// limits unless a case sets them (tests/tests/limits.rs).
pub fn builder(stores: &Stores, providers: &Providers, passwords: Arc<dyn PasswordHasher>) -> AppBuilder {
    let tokens = TokenKeys::new(&SecretString::from("k".repeat(32)), Duration::from_hours(1));
    let mut builder = AppState::builder(Ports { passwords, ..stores.ports.clone() }, tokens)
        .placement_ttl(stores.placement_ttl)
        .matchup_repeat(chrono::Duration::days(REPEAT_DAYS))
        .import_max_bytes(IMPORT_MAX_BYTES)
        .recommendations(stores.recommender.clone())
        .availability(AvailabilityService::new(
            stores.ports.media.clone(),
            stores.ports.availability.clone(),
            providers.availability.clone(),
            providers.ttl.unwrap_or_else(|| chrono::Duration::hours(24)),
        ));
    let search = providers.remote.as_ref().map(|remote| {
        LocalFirstSearch::new(
            stores.ports.media.clone(),
            remote.clone(),
            stores.upsert.clone(),
            chrono::Duration::hours(1),
        )
    });
    let search = match &providers.books {
        Some(books) => Some(search.unwrap_or_else(|| LocalFirstSearch::local(stores.ports.media.clone())).with_books(
            books.clone(),
            stores.upsert.clone(),
            chrono::Duration::hours(1),
        )),
        None => search,
    };
    if let Some(search) = search {
        builder = builder.search(search);
    }
    if let Some(lookup) = &providers.lookup {
        builder = builder.imports(ImportService::new(stores.ports.imports.clone()).with_lookup(lookup.clone()));
    }
    builder
}

/// The state the app runs with: bcrypt at cost 4 (tests only), a fixed test key, and no providers.
pub fn state(stores: &Stores) -> AppState {
    state_with(stores, &Providers::default())
}

/// The state with these providers.
pub fn state_with(stores: &Stores, providers: &Providers) -> AppState {
    builder(stores, providers, stores.ports.passwords.clone()).build()
}

/// The real embedding model (all-MiniLM-L6-v2), loaded once per test process. Panics, saying how to install it,
/// when `just models` has not run: `just test` runs it first, so these tests never skip.
pub fn embedder() -> Arc<dyn Embedder> {
    static EMBEDDER: std::sync::OnceLock<Arc<dyn Embedder>> = std::sync::OnceLock::new();
    EMBEDDER
        .get_or_init(|| {
            let (model_dir, runtime) =
                marquee_embeddings::default_paths(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
            let embedder = OrtEmbedder::load(&EmbedderConfig::new(model_dir, runtime)).unwrap_or_else(|e| {
                panic!("semantic API tests need the model: run `just models` (`just test` does): {e}")
            });
            Arc::new(embedder)
        })
        .clone()
}

/// [`state`] with semantic search on `embedder`, and the queue that embeds new items in the background.
pub fn semantic_state(stores: &Stores, embedder: Arc<dyn Embedder>) -> (AppState, EmbedQueue) {
    let service = SemanticService::new(
        embedder,
        Arc::new(FlatIndex::new()),
        stores.embeddings.clone(),
        stores.ports.media.clone(),
    );
    let queue = EmbedQueue::start(service.clone(), false);
    let state = builder(stores, &Providers::default(), stores.ports.passwords.clone())
        .catalog(CatalogService::new(stores.ports.media.clone()).with_observer(Arc::new(queue.clone())))
        .semantic(service)
        .build();
    (state, queue)
}

/// Fresh stores: in memory, or on a new PostgreSQL database (kept alive by the `TestDb`), with the backend's name.
async fn fresh_stores(postgres: bool) -> (Stores, Option<TestDb>, &'static str) {
    if postgres {
        let db = TestDb::new().await;
        let stores = Stores::on(Arc::new(db.store()));
        (stores, Some(db), "postgres")
    } else {
        (Stores::memory(), None, "memory")
    }
}

/// Any service `actix_web::test::init_service` gives back.
pub trait ApiService:
    Service<actix_http::Request, Response = ServiceResponse<Self::Body>, Error = actix_web::Error>
{
    /// The response body type.
    type Body: MessageBody;
}

impl<S, B: MessageBody> ApiService for S
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Body = B;
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    /// Its status.
    pub status: StatusCode,
    /// Its `Content-Type`.
    pub content_type: String,
    /// Its headers.
    pub headers: header::HeaderMap,
    /// Its body as JSON (`Null` when empty or not JSON).
    pub body: Value,
}

impl Reply {
    /// Asserts the status, printing the body when it differs.
    #[allow(clippy::return_self_not_must_use, reason = "callers may assert without reading further")]
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {:#}", self.body);
        self
    }

    /// Asserts an RFC 9457 problem with this status and problem code; returns the body.
    #[track_caller]
    pub fn problem(self, status: u16, code: &str) -> Value {
        let body = self.body.clone();
        let reply = self.expect(status);
        assert_eq!(reply.content_type, "application/problem+json", "{body:#}");
        assert_eq!(body["type"], json!(format!("urn:marquee:problem:{code}")), "{body:#}");
        assert_eq!(body["status"], json!(status), "{body:#}");
        assert!(body["title"].is_string() && body["detail"].is_string(), "{body:#}");
        body
    }

    /// The fields a validation problem names.
    pub fn fields(body: &Value) -> Vec<String> {
        body["errors"]
            .as_array()
            .map_or_else(Vec::new, |e| e.iter().map(|f| f["field"].as_str().unwrap_or_default().to_owned()).collect())
    }
}

/// The app under test.
pub struct TestApp<S> {
    service: S,
    /// Its stores, for set-up that has no API (granting admin rights).
    pub stores: Stores,
    /// `memory` or `postgres`.
    pub backend: &'static str,
    /// The embedding queue, when semantic search is on.
    pub queue: Option<EmbedQueue>,
    _db: Option<TestDb>,
}

impl<S> std::fmt::Debug for TestApp<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestApp").field("backend", &self.backend).finish_non_exhaustive()
    }
}

impl TestApp<()> {
    /// The app on the in-memory store.
    pub async fn memory() -> TestApp<impl ApiService> {
        let stores = Stores::memory();
        let service = test::init_service(marquee_http::app(state(&stores))).await;
        TestApp { service, stores, backend: "memory", queue: None, _db: None }
    }

    /// The app on a fresh PostgreSQL database (dropped after the test). Needs `DATABASE_URL`: `just test` sets it.
    pub async fn postgres() -> TestApp<impl ApiService> {
        let db = TestDb::new().await;
        let store = Arc::new(db.store());
        let stores = Stores::on(store);
        let service = test::init_service(marquee_http::app(state(&stores))).await;
        TestApp { service, stores, backend: "postgres", queue: None, _db: Some(db) }
    }

    /// The app on the in-memory store, with providers.
    pub async fn memory_with(providers: &Providers) -> TestApp<impl ApiService> {
        let stores = Stores::memory();
        let service = test::init_service(marquee_http::app(state_with(&stores, providers))).await;
        TestApp { service, stores, backend: "memory", queue: None, _db: None }
    }

    /// The app on a fresh PostgreSQL database, with providers.
    pub async fn postgres_with(providers: &Providers) -> TestApp<impl ApiService> {
        let db = TestDb::new().await;
        let stores = Stores::on(Arc::new(db.store()));
        let service = test::init_service(marquee_http::app(state_with(&stores, providers))).await;
        TestApp { service, stores, backend: "postgres", queue: None, _db: Some(db) }
    }

    /// The app on stores of the caller's choosing (a failing store, say).
    pub async fn with(stores: Stores) -> TestApp<impl ApiService> {
        Self::with_tuned(stores, |builder| builder).await
    }

    /// The app on stores of the caller's choosing, its builder adjusted by `tune` (a request deadline, say).
    pub async fn with_tuned(stores: Stores, tune: impl FnOnce(AppBuilder) -> AppBuilder) -> TestApp<impl ApiService> {
        let state = tune(builder(&stores, &Providers::default(), stores.ports.passwords.clone())).build();
        let service = test::init_service(marquee_http::app(state)).await;
        TestApp { service, stores, backend: "custom", queue: None, _db: None }
    }

    /// The app on the in-memory store, its builder adjusted by `tune` (tight limits, CORS, docs off).
    pub async fn memory_tuned(tune: impl FnOnce(AppBuilder, &Stores) -> AppBuilder) -> TestApp<impl ApiService> {
        Self::adjusted(false, tune).await
    }

    /// The app on a fresh PostgreSQL database, its builder adjusted by `tune`.
    pub async fn postgres_tuned(tune: impl FnOnce(AppBuilder, &Stores) -> AppBuilder) -> TestApp<impl ApiService> {
        Self::adjusted(true, tune).await
    }

    /// The app on the in-memory store or a fresh PostgreSQL database, its builder changed by `adjust` first (a
    /// small catalog quota, say).
    pub async fn adjusted(
        postgres: bool,
        adjust: impl FnOnce(AppBuilder, &Stores) -> AppBuilder,
    ) -> TestApp<impl ApiService> {
        let (stores, db, backend) = fresh_stores(postgres).await;
        let state = adjust(builder(&stores, &Providers::default(), stores.ports.passwords.clone()), &stores).build();
        let service = test::init_service(marquee_http::app(state)).await;
        TestApp { service, stores, backend, queue: None, _db: db }
    }

    /// The app with semantic search on `embedder`, on the in-memory store or a fresh PostgreSQL database.
    pub async fn semantic(postgres: bool, embedder: Arc<dyn Embedder>) -> TestApp<impl ApiService> {
        let (stores, db, backend) = fresh_stores(postgres).await;
        let (state, queue) = semantic_state(&stores, embedder);
        let service = test::init_service(marquee_http::app(state)).await;
        TestApp { service, stores, backend, queue: Some(queue), _db: db }
    }
}

impl<S: ApiService> TestApp<S> {
    /// Sends a request; `body` is sent as JSON.
    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut req = TestRequest::default().method(method).uri(path);
        if let Some(token) = token {
            req = req.insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
        }
        if let Some(body) = body {
            req = req.set_json(body);
        }
        self.send(req).await
    }

    /// Sends a prepared request.
    pub async fn send(&self, req: TestRequest) -> Reply {
        let resp = test::call_service(&self.service, req.to_request()).await;
        let status = resp.status();
        let headers = resp.headers().clone();
        let content_type =
            headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let bytes = test::read_body(resp).await;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, content_type, headers, body }
    }

    /// Sends a prepared request and reads a non-JSON body: status, `Content-Type` and the body as text.
    pub async fn send_raw(&self, req: TestRequest) -> (u16, String, String) {
        let resp = test::call_service(&self.service, req.to_request()).await;
        let status = resp.status().as_u16();
        let content_type =
            resp.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let bytes = test::read_body(resp).await;
        (status, content_type, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// POST of a raw body (an import upload) with this content type.
    pub async fn upload(&self, path: &str, token: &str, content_type: &str, body: &[u8]) -> Reply {
        let req = TestRequest::post()
            .uri(path)
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
            .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
            .set_payload(body.to_vec());
        self.send(req).await
    }

    /// GET.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    /// POST with a JSON body.
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// PATCH with a JSON body.
    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::PATCH, path, token, Some(body)).await
    }

    /// PUT with a JSON body.
    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::PUT, path, token, Some(body)).await
    }

    /// DELETE.
    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::DELETE, path, token, None).await
    }

    /// Registers an account named `name` (`name@example.com`, password `correct horse`) and returns its token.
    pub async fn register(&self, name: &str) -> String {
        let reply = self
            .post(
                "/api/v1/auth/register",
                None,
                json!({"email": format!("{name}@example.com"), "password": "correct horse", "display_name": name}),
            )
            .await
            .expect(201);
        reply.body["access_token"].as_str().unwrap().to_owned()
    }

    /// Adds a catalog item through the API and returns its id.
    pub async fn add_media(&self, token: &str, kind: &str, title: &str, genres: &[&str]) -> String {
        let reply = self
            .post("/api/v1/media", Some(token), json!({"kind": kind, "title": title, "year": 2000, "genres": genres}))
            .await
            .expect(201);
        reply.body["id"].as_str().unwrap().to_owned()
    }

    /// The caller's whole list as `(tier, title)` pairs.
    pub async fn list(&self, token: &str) -> Vec<(String, String)> {
        let reply = self.get("/api/v1/me/rankings?limit=100", Some(token)).await.expect(200);
        reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["tier"].as_str().unwrap().to_owned(), r["media"]["title"].as_str().unwrap().to_owned()))
            .collect()
    }
}

/// Runs each listed `async fn case(app: &TestApp<impl ApiService>)` of the calling file on the in-memory store and
/// on PostgreSQL, as `memory::case` and `postgres::case`.
#[macro_export]
macro_rules! api_tests {
    ($($case:ident),* $(,)?) => {
        mod memory {
            $(
                #[actix_web::test]
                async fn $case() {
                    let app = $crate::TestApp::memory().await;
                    super::$case(&app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $case() {
                    let app = $crate::TestApp::postgres().await;
                    super::$case(&app).await;
                }
            )*
        }
    };
}

/// Like [`api_tests!`], with providers: `$providers` (`fn(&wiremock::MockServer) -> Providers`) builds them over a
/// fresh mock server per case, and each case gets the app and the server.
#[macro_export]
macro_rules! api_tests_with {
    ($providers:path; $($case:ident),* $(,)?) => {
        mod memory {
            $(
                #[actix_web::test]
                async fn $case() {
                    let server = wiremock::MockServer::start().await;
                    let providers = $providers(&server);
                    let app = $crate::TestApp::memory_with(&providers).await;
                    super::$case(&app, &server).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $case() {
                    let server = wiremock::MockServer::start().await;
                    let providers = $providers(&server);
                    let app = $crate::TestApp::postgres_with(&providers).await;
                    super::$case(&app, &server).await;
                }
            )*
        }
    };
}
