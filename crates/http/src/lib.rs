//! Marquee's REST API: the actix-web app, its handlers, problem+json errors, authentication, and the OpenAPI
//! document.
//!
//! [`app`] builds the whole application from an [`AppState`]; the binary serves it and the API tests run it in
//! process. [`openapi`] returns the same document the app serves at `/openapi.json` (Swagger UI at `/docs/`),
//! without needing any backing service.

pub mod auth;
mod doc;
pub mod error;
pub mod input;
pub mod limits;
pub mod request_id;
pub mod routes;
pub mod security;

use std::fmt;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, middleware, web};
use marquee_domain::account::AccountService;
use marquee_domain::availability::AvailabilityService;
use marquee_domain::catalog::CatalogService;
use marquee_domain::consensus::ChartService;
use marquee_domain::feed::FeedService;
use marquee_domain::health::HealthCheck;
use marquee_domain::imports::ImportService;
use marquee_domain::leaderboard::LeaderboardService;
use marquee_domain::matchup::MatchupService;
use marquee_domain::placement::PlacementService;
use marquee_domain::ranking::RankingService;
use marquee_domain::recommend::service::RecommendationService;
use marquee_domain::remote::LocalFirstSearch;
use marquee_domain::semantic::SemanticService;
use marquee_domain::social::SocialService;
use utoipa_actix_web::AppExt as _;
use utoipa_swagger_ui::SwaggerUi;

pub use auth::{AuthUser, BcryptHasher, HashAdmission, TokenKeys};
pub use error::ApiError;
pub use limits::{LimitSettings, Limits};
pub use security::WebSettings;

/// The largest JSON body accepted; larger ones answer 413.
pub const JSON_LIMIT: usize = 64 * 1024;

/// What the handlers need: the use-case services, the readiness check and the token keys.
#[derive(Clone)]
pub struct AppState {
    /// Registration, login, lookup.
    pub accounts: AccountService,
    /// The catalog.
    pub catalog: CatalogService,
    /// Tier lists.
    pub rankings: RankingService,
    /// Readiness of the backing services.
    pub health: Arc<dyn HealthCheck>,
    /// Access-token signing and verification.
    pub tokens: Arc<TokenKeys>,
    /// Semantic and hybrid search; `None` answers 503 `feature-unavailable`.
    pub semantic: Option<SemanticService>,
    /// Pairwise placement sessions and comparisons.
    pub placements: PlacementService,
    /// Top-4 sets and matchups.
    pub matchups: MatchupService,
    /// The consensus chart.
    pub charts: ChartService,
    /// The local-first catalog search (TMDb behind it when configured).
    pub search: LocalFirstSearch,
    /// Streaming availability and users' services.
    pub availability: AvailabilityService,
    /// Imports and exports of a user's list.
    pub imports: ImportService,
    /// The largest import upload, in bytes (larger ones answer 413).
    pub import_max_bytes: usize,
    /// Visibility, follows, and reads of other users' data.
    pub social: SocialService,
    /// Recommendations and the interactions feeding them.
    pub recommendations: RecommendationService,
    /// The activity feed.
    pub feed: FeedService,
    /// The best-ranked titles and the most active rankers.
    pub leaderboard: LeaderboardService,
    /// Sign-in and registration rate limits and the sign-in back-off (none unless set).
    pub limits: Arc<Limits>,
    /// The bounded queue in front of password hashing (unbounded unless set).
    pub hashing: HashAdmission,
    /// CORS, HSTS and whether the documentation pages are served.
    pub web: WebSettings,
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    /// Bundles the services for [`app`].
    #[allow(clippy::too_many_arguments, reason = "one argument per service; a builder would only hide them")]
    pub fn new(
        accounts: AccountService,
        catalog: CatalogService,
        rankings: RankingService,
        health: Arc<dyn HealthCheck>,
        tokens: TokenKeys,
        placements: PlacementService,
        matchups: MatchupService,
        charts: ChartService,
        search: LocalFirstSearch,
        availability: AvailabilityService,
        imports: ImportService,
        social: SocialService,
        recommendations: RecommendationService,
        feed: FeedService,
        leaderboard: LeaderboardService,
    ) -> Self {
        Self {
            accounts,
            catalog,
            rankings,
            health,
            tokens: Arc::new(tokens),
            placements,
            matchups,
            charts,
            search,
            availability,
            social,
            recommendations,
            feed,
            leaderboard,
            semantic: None,
            imports,
            import_max_bytes: routes::imports::DEFAULT_IMPORT_MAX_BYTES,
            limits: Arc::new(Limits::new(LimitSettings::unlimited())),
            hashing: HashAdmission::unbounded(),
            web: WebSettings::default(),
        }
    }

    /// Sets the sign-in and registration limits.
    #[must_use]
    pub fn with_limits(mut self, settings: LimitSettings) -> Self {
        self.limits = Arc::new(Limits::new(settings));
        self
    }

    /// Bounds the queue in front of password hashing (from [`BcryptHasher::admission`]).
    #[must_use]
    pub fn with_hash_admission(mut self, admission: HashAdmission) -> Self {
        self.hashing = admission;
        self
    }

    /// Sets CORS, HSTS and the documentation pages.
    #[must_use]
    pub fn with_web(mut self, web: WebSettings) -> Self {
        self.web = web;
        self
    }

    /// Adds semantic search.
    #[must_use]
    pub fn with_semantic(mut self, semantic: SemanticService) -> Self {
        self.semantic = Some(semantic);
        self
    }

    /// Sets the import upload limit.
    #[must_use]
    pub fn with_import_max_bytes(mut self, bytes: usize) -> Self {
        self.import_max_bytes = bytes;
        self
    }
}

/// The routes mounted on a bare app, and the document they make.
fn documented() -> (
    App<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    utoipa::openapi::OpenApi,
) {
    let (app, doc) = App::new().into_utoipa_app().openapi(doc::base()).configure(routes::configure).split_for_parts();
    (app, doc::finish(doc))
}

/// The whole application: routes, extractor error handlers, `/openapi.json` and Swagger UI at `/docs/` (unless
/// [`WebSettings::api_docs`] is off), problem+json for unknown routes, the input guard (tokens, control characters:
/// [`input`]), the security headers, CORS when origins are allowed, and the request-id and logging middleware.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (app, doc) = documented();
    let docs = state.web.api_docs;
    let cors = (!state.web.cors_origins.is_empty()).then(|| state.web.cors());
    app.app_data(web::Data::new(state))
        .app_data(web::QueryConfig::default().error_handler(|err, _| error::query_error(&err)))
        .app_data(web::PathConfig::default().error_handler(error::path_error))
        .configure(|cfg| {
            if docs {
                cfg.service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", doc))
                    .service(web::redirect("/docs", "/docs/"));
            }
        })
        .default_service(web::to(error::no_route))
        // Inside the request context, so the guard's refusals carry the request id and are logged.
        .wrap(middleware::from_fn(input::guard))
        .wrap(middleware::from_fn(security::headers))
        .wrap(middleware::from_fn(request_id::request_context))
        .wrap(middleware::Condition::new(cors.is_some(), cors.unwrap_or_default()))
}

/// The OpenAPI document of [`app`]'s routes: every path, schema, problem response and security requirement.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented().1
}
