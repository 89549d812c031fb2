//! The parts of the OpenAPI document that do not come from the handlers: info, tags, the security scheme and
//! the problem schemas.

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::error::{InvalidField, Problem};

/// The name of the bearer scheme, as `security(("bearer" = []))` refers to it.
pub const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Marquee",
        description = "Personal tier lists of movies, shows, books and plays.\n\n\
            Errors are RFC 9457 `application/problem+json` documents (the `Problem` schema) whose `type` is \
            `urn:marquee:problem:<code>`. Every response carries an `x-request-id` header (the client's own when it \
            is 1 to 64 characters of `[A-Za-z0-9._-]`), also quoted in error bodies.",
    ),
    components(schemas(Problem, InvalidField)),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
        (name = "auth", description = "Accounts and access tokens"),
        (name = "media", description = "The shared catalog of movies, shows, books and plays"),
        (name = "rankings", description = "The signed-in user's tier list"),
        (name = "matchups", description = "Top-4 sets, head-to-head matchups and their Elo leaderboard"),
        (name = "charts", description = "The consensus chart fitted over everyone's comparisons and lists"),
        (name = "imports", description = "Imports from Letterboxd, IMDb and Marquee; the export of a user's data"),
        (name = "social", description = "Visibility, follows, and other users' lists, taste and compatibility"),
        (name = "recommendations", description = "Titles for the caller, with reasons, and the interactions feeding them"),
    )
)]
struct ApiDoc;

/// The document before the handlers add their paths and schemas.
pub(crate) fn base() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// Completes the document the handlers filled in.
pub(crate) fn finish(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    env!("CARGO_PKG_VERSION").clone_into(&mut doc.info.version);
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        BEARER,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .description(Some("An access token from `/api/v1/auth/register` or `/api/v1/auth/login`"))
                .build(),
        ),
    );
    doc
}
