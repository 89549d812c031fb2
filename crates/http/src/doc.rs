//! The parts of the OpenAPI document that do not come from the handlers: info, tags, the security scheme, the
//! problem schemas, and the problem answers every operation shares.
//!
//! The shared answers are added here, once, from what an operation takes rather than route by route, so that no
//! handler can forget one (see [`shared_problems`]); the fuzz run (`just fuzz`) checks every answer against the
//! document.

use std::collections::BTreeMap;

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{RefOr, Response};
use utoipa::{IntoResponses, OpenApi};

use crate::error::{InvalidField, Problem, responses};
use crate::routes::leaderboard::{BoardPeriod, BoardScope};
use crate::routes::media::SearchMode;

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
    // Relative: the API is served by the host that serves this document.
    servers((url = "/", description = "The host serving this document")),
    // Enums that only query parameters name: no body brings them into the components, so they are listed here.
    components(schemas(Problem, InvalidField, BoardScope, BoardPeriod, SearchMode)),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
        (name = "auth", description = "Accounts and access tokens"),
        (name = "admin", description = "Admins' work on accounts: disabling and enabling them"),
        (name = "media", description = "The shared catalog of movies, shows, books and plays"),
        (name = "rankings", description = "The signed-in user's tier list"),
        (name = "matchups", description = "Top-4 sets, head-to-head matchups and their Elo leaderboard"),
        (name = "charts", description = "The consensus chart fitted over everyone's comparisons and lists"),
        (name = "imports", description = "Imports from Letterboxd, IMDb and Marquee; the export of a user's data"),
        (name = "social", description = "Finding people, visibility, follows, and other users' lists, taste and compatibility"),
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
                .description(Some(
                    "An access token from `/api/v1/auth/register`, `/api/v1/auth/login` or `/api/v1/auth/refresh`, \
                     or a token of a trusted OpenID Connect issuer (RS256 or ES256; see docs/auth.md)",
                ))
                .build(),
        ),
    );
    for (path, item) in &mut doc.paths.paths {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            shared_problems(path, operation);
            // A public operation says so (`security: []`) rather than leaving readers and linters to infer it.
            operation.security.get_or_insert_with(Vec::new);
        }
    }
    doc
}

/// Routes that answer 429: those that hash a password (rate limits, the hashing queue) and the creation of catalog
/// entries (the daily quota; imports report the rows past it instead).
const LIMITED: &[&str] = &["/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/password", "/api/v1/media"];

/// Adds the problems an operation can answer whatever its handler does, unless the handler documents them itself:
///
/// - 400 when it reads a query string or a body (unparsable);
/// - 401 on every `/api/` route (a broken token is refused even where signing in is optional);
/// - 404 when its path has a parameter (an id that is not a UUID, or names nothing);
/// - 413 when it reads a body;
/// - 422 everywhere (a control character in the path or the query string; a body's invalid fields);
/// - 429 on the routes that hash a password and on the creation of catalog entries;
/// - 500 everywhere; 503 `service-unavailable` with `Retry-After` on every `/api/` route (each reads or writes
///   the store).
fn shared_problems(path: &str, operation: &mut Operation) {
    let has = |place: ParameterIn| {
        operation.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let (query, in_path, body) = (has(ParameterIn::Query), has(ParameterIn::Path), operation.request_body.is_some());
    let api = path.starts_with("/api/");
    let responses = &mut operation.responses.responses;
    let mut add = |wanted: bool, problem: BTreeMap<String, RefOr<Response>>| {
        if wanted {
            for (status, response) in problem {
                responses.entry(status).or_insert(response);
            }
        }
    };
    add(query || body, responses::Malformed::responses());
    add(api, responses::Unauthorized::responses());
    add(in_path, responses::NotFound::responses());
    add(body, responses::TooLarge::responses());
    add(true, responses::Invalid::responses());
    add(LIMITED.contains(&path), responses::TooManyRequests::responses());
    add(true, responses::Internal::responses());
    if api {
        for (status, unavailable) in responses::Unavailable::responses() {
            match responses.get_mut(&status) {
                // `feature-unavailable` is documented already: the store can be down there as well.
                Some(RefOr::T(existing)) => {
                    if let RefOr::T(unavailable) = unavailable {
                        existing.description = format!("{}; or {}", unavailable.description, existing.description);
                        existing.headers.extend(unavailable.headers);
                    }
                }
                Some(RefOr::Ref(_)) => {}
                None => {
                    responses.insert(status, unavailable);
                }
            }
        }
    }
}
