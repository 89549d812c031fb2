//! Marquee's REST API: the actix-web app, its handlers, problem+json errors, authentication, and the OpenAPI
//! document.
//!
//! [`app`] builds the whole application from an [`AppState`] (made by [`AppState::builder`] from the [`Ports`]); the binary serves it and the API tests run it in
//! process. [`openapi`] returns the same document the app serves at `/openapi.json` (Swagger UI at `/docs/`),
//! without needing any backing service.

pub mod auth;
mod deadline;
mod doc;
pub mod error;
pub mod input;
pub mod limits;
pub mod oidc;
pub mod request_id;
pub mod routes;
pub mod security;
pub mod site;
mod state;
pub mod views;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, middleware, web};
use utoipa_actix_web::AppExt as _;
use utoipa_swagger_ui::SwaggerUi;

pub use auth::{AuthSession, AuthUser, DuplicateKeyId, HashAdmission, SigningKey, TokenKeys, TokenSettings};
pub use error::ApiError;
pub use limits::{LimitSettings, Limits};
pub use security::WebSettings;
pub use site::WebClient;
pub use state::{AppBuilder, AppState, DEFAULT_IMPORT_MAX_BYTES, DEFAULT_MATCHUP_REPEAT, Ports};

/// The largest JSON body accepted; larger ones answer 413.
pub const JSON_LIMIT: usize = 64 * 1024;

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
/// [`WebSettings::api_docs`] is off), the web client at `/` when one is loaded ([`site`]), problem+json for unknown routes, the input guard (tokens, control characters:
/// [`input`]), the security headers, CORS when origins are allowed, the request-id and logging middleware, and the
/// request deadline ([`AppBuilder::request_deadline`]).
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
    // The token keys, the barred accounts and the web settings on their own too, for the extractors and middleware
    // that need only them.
    app.app_data(web::Data::from(state.tokens.clone()))
        .app_data(web::Data::from(state.accounts.barred().clone()))
        .app_data(web::Data::from(state.external.clone()))
        .app_data(web::Data::new(state.web.clone()))
        .app_data(web::Data::new(state.web_client.clone()))
        .app_data(web::Data::new(state))
        .app_data(web::QueryConfig::default().error_handler(|err, _| error::query_error(&err)))
        .app_data(web::PathConfig::default().error_handler(error::path_error))
        .configure(|cfg| {
            if docs {
                cfg.service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", doc))
                    .service(web::redirect("/docs", "/docs/"));
            }
        })
        .default_service(web::to(site::fallback))
        // Inside the request context, so the guard's refusals carry the request id and are logged.
        .wrap(middleware::from_fn(input::guard))
        .wrap(middleware::from_fn(security::headers))
        .wrap(middleware::from_fn(request_id::request_context))
        .wrap(middleware::Condition::new(cors.is_some(), cors.unwrap_or_default()))
        // Outermost, so the deadline counts from the request's arrival.
        .wrap(middleware::from_fn(deadline::request_deadline))
}

/// The OpenAPI document of [`app`]'s routes: every path, schema, problem response and security requirement.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented().1
}
