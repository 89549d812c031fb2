//! The API's one error type and its RFC 9457 `application/problem+json` answers.
//!
//! Every failure a handler, an extractor or the router can produce becomes an [`ApiError`]; its variant decides the
//! status and the stable problem `type` (`urn:marquee:problem:<code>`). The policy:
//!
//! | code                  | status | when                                                            |
//! |-----------------------|--------|-----------------------------------------------------------------|
//! | `validation-failed`   | 422    | well-formed input the domain refuses; `errors` lists the fields |
//! | `malformed-request`   | 400    | a body or query string that cannot be parsed                    |
//! | `unauthorized`        | 401    | no, a bad or an expired token; wrong credentials; a deleted account|
//! | `forbidden`           | 403    | signed in, but not allowed (admins only; followers-only profile)|
//! | `account-disabled`    | 403    | an admin disabled the account: sign-in and its tokens refused   |
//! | `not-found`           | 404    | unknown id, another user's ranking, unknown route               |
//! | `conflict`            | 409    | e-mail taken, title already ranked, duplicate TMDb id           |
//! | `gone`                | 410    | an expired placement session                                    |
//! | `payload-too-large`   | 413    | a JSON body over 64 KiB                                         |
//! | `too-many-requests`   | 429    | a rate or catalog limit, a sign-in back-off, a busy hash queue |
//! | `service-unavailable` | 503    | the database is unreachable or too slow; readiness; `Retry-After`|
//! | `feature-unavailable` | 503    | an optional part is not installed (the embedding model)         |
//! | `internal-error`      | 500    | anything else                                                   |
//!
//! Storage failures ([`StoreError`]) answer by their kind, decided by the adapter: unavailable → 503 with
//! `Retry-After`, account gone → 401, anything else → 500.
//!
//! 5xx bodies never carry the cause: it is logged with the request id, and the client gets a generic detail. The one
//! exception, `feature-unavailable`, says what is not installed and how to install it (never a path or a secret).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use marquee_domain::account::AccountError;
use marquee_domain::availability::AvailabilityError;
use marquee_domain::catalog::CatalogError;
use marquee_domain::consensus::ChartError;
use marquee_domain::feed::FeedError;
use marquee_domain::imports::ImportError;
use marquee_domain::leaderboard::LeaderboardError;
use marquee_domain::matchup::MatchupError;
use marquee_domain::placement::PlacementError;
use marquee_domain::ranking::RankingError;
use marquee_domain::recommend::service::RecommendError;
use marquee_domain::semantic::SemanticError;
use marquee_domain::session::SessionError;
use marquee_domain::social::SocialError;
use marquee_domain::{FieldError, StoreError, StoreErrorKind};
use serde::Serialize;
use utoipa::ToSchema;

use crate::request_id;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What 5xx bodies say instead of the cause.
const GENERIC_DETAIL: &str = "An unexpected error occurred";

/// How long a client is asked to wait before retrying after a 503 `service-unavailable` (`Retry-After`, seconds):
/// about the time PostgreSQL takes to restart, and a few of the store's deadlines.
pub const RETRY_AFTER_SECONDS: u32 = 5;

/// The cause of a server-side failure, kept for the log.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Every way a request can fail, each answering one status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the input is well-formed but invalid; names every bad field.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 400: the body or query string cannot be parsed.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// 401: not signed in, a bad token, or wrong credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// 403: signed in but not allowed.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// 403: an admin disabled the account (its sign-in and its tokens are refused).
    #[error("account disabled")]
    AccountDisabled,
    /// 404: no such resource (or route).
    #[error("not found: {0}")]
    NotFound(String),
    /// 409: the request clashes with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 410: the resource existed but has expired.
    #[error("gone: {0}")]
    Gone(String),
    /// 413: the body is over the limit.
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    /// 429: a limit was reached; the client may try again after `retry_after_secs` (sent as `Retry-After`).
    #[error("too many requests: retry after {retry_after_secs} s")]
    TooManyRequests {
        /// Whole seconds until a retry may succeed, at least 1.
        retry_after_secs: u64,
    },
    /// 503: a backing service is not ready.
    #[error("service unavailable: {0}")]
    Unavailable(#[source] Cause),
    /// 503: an optional part (the embedding model, its runtime) is not installed; says what and how to install it.
    #[error("feature unavailable: {0}")]
    FeatureUnavailable(String),
    /// 500: anything else.
    #[error("internal error: {0}")]
    Internal(#[source] Cause),
}

impl ApiError {
    /// The stable code after `urn:marquee:problem:`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation-failed",
            ApiError::Malformed(_) => "malformed-request",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::AccountDisabled => "account-disabled",
            ApiError::NotFound(_) => "not-found",
            ApiError::Conflict(_) => "conflict",
            ApiError::Gone(_) => "gone",
            ApiError::PayloadTooLarge(_) => "payload-too-large",
            ApiError::TooManyRequests { .. } => "too-many-requests",
            ApiError::Unavailable(_) => "service-unavailable",
            ApiError::FeatureUnavailable(_) => "feature-unavailable",
            ApiError::Internal(_) => "internal-error",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "Validation failed",
            ApiError::Malformed(_) => "Malformed request",
            ApiError::Unauthorized(_) => "Unauthorized",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::AccountDisabled => "Account disabled",
            ApiError::NotFound(_) => "Not found",
            ApiError::Conflict(_) => "Conflict",
            ApiError::Gone(_) => "Gone",
            ApiError::PayloadTooLarge(_) => "Payload too large",
            ApiError::TooManyRequests { .. } => "Too many requests",
            ApiError::Unavailable(_) => "Service unavailable",
            ApiError::FeatureUnavailable(_) => "Feature unavailable",
            ApiError::Internal(_) => "Internal error",
        }
    }

    fn detail(&self) -> String {
        match self {
            ApiError::Validation(errors) => match errors.as_slice() {
                [one] => format!("{one}"),
                _ => format!("{} fields are invalid", errors.len()),
            },
            ApiError::Malformed(detail)
            | ApiError::Unauthorized(detail)
            | ApiError::Forbidden(detail)
            | ApiError::NotFound(detail)
            | ApiError::Conflict(detail)
            | ApiError::Gone(detail)
            | ApiError::PayloadTooLarge(detail)
            | ApiError::FeatureUnavailable(detail) => detail.clone(),
            ApiError::TooManyRequests { retry_after_secs } => {
                format!("Too many requests; try again in {retry_after_secs} s")
            }
            ApiError::AccountDisabled => {
                "An admin disabled this account: it cannot sign in and its tokens are refused".to_owned()
            }
            ApiError::Unavailable(_) => "A backing service is not available; try again later".to_owned(),
            ApiError::Internal(_) => GENERIC_DETAIL.to_owned(),
        }
    }

    /// The problem document this error answers with.
    pub fn problem(&self) -> Problem {
        let errors = match self {
            ApiError::Validation(errors) => Some(
                errors.iter().map(|e| InvalidField { field: e.field.clone(), message: e.message.clone() }).collect(),
            ),
            _ => None,
        };
        Problem {
            kind: format!("urn:marquee:problem:{}", self.code()),
            title: self.title().to_owned(),
            status: self.status_code().as_u16(),
            detail: self.detail(),
            errors,
            request_id: request_id::current(),
        }
    }

    pub(crate) fn internal(cause: impl Into<Cause>) -> Self {
        ApiError::Internal(cause.into())
    }

    /// A storage failure, answered by its kind: the one place every use case's `Store` variant goes through.
    pub(crate) fn store(cause: StoreError) -> Self {
        match cause.kind() {
            StoreErrorKind::Unavailable => ApiError::Unavailable(Box::new(cause)),
            StoreErrorKind::AccountGone => ApiError::account_gone(),
            StoreErrorKind::Failed => ApiError::Internal(Box::new(cause)),
        }
    }

    /// A valid token whose account has been deleted: the token no longer names anyone.
    pub(crate) fn account_gone() -> Self {
        ApiError::Unauthorized("the account behind this token no longer exists".into())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::AccountDisabled => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) | ApiError::FeatureUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let problem = self.problem();
        if let ApiError::Unavailable(cause) | ApiError::Internal(cause) = self {
            tracing::error!(
                request_id = problem.request_id.as_deref().unwrap_or("-"),
                status = problem.status,
                cause = %chain(cause.as_ref()),
                "request failed"
            );
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        match self {
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            ApiError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS)));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from((*retry_after_secs).max(1))));
            }
            _ => {}
        }
        match serde_json::to_vec(&problem) {
            Ok(body) => response.body(body),
            // Serialising strings and numbers cannot fail; answer something sane if it ever does.
            Err(_) => response.body(r#"{"type":"urn:marquee:problem:internal-error","status":500}"#),
        }
    }
}

/// An error and its sources, outermost first, joined with `: `, each cause once: a source whose message the
/// error above it already shows (`storage failure: {0}` with `#[source]`, or `#[error(transparent)]`) is skipped.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut shown = text.clone();
    let mut source = error.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !shown.contains(&message) {
            let _ = write!(text, ": {message}");
        }
        shown = message;
        source = cause.source();
    }
    text
}

/// An RFC 9457 problem document, the body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:marquee:problem:validation-failed",
    "title": "Validation failed",
    "status": 422,
    "detail": "password: must be at least 8 characters",
    "errors": [{"field": "password", "message": "must be at least 8 characters"}],
    "request_id": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6"
}))]
pub struct Problem {
    /// `urn:marquee:problem:<code>`; the code is stable, clients may switch on it.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong with this request (generic for 5xx).
    pub detail: String,
    /// The invalid fields (validation failures only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<InvalidField>>,
    /// The request's id, as echoed in the `x-request-id` header; quote it when reporting a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One invalid input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
pub struct InvalidField {
    /// The field as the API spells it (`email`, `genres[2]`, `before/after`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl From<Vec<FieldError>> for ApiError {
    fn from(errors: Vec<FieldError>) -> Self {
        ApiError::Validation(errors)
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        ApiError::Validation(vec![error])
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::store(e)
    }
}

impl From<AccountError> for ApiError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::Invalid(errors) => ApiError::Validation(errors),
            AccountError::EmailTaken => ApiError::Conflict(e.to_string()),
            AccountError::InvalidCredentials => ApiError::Unauthorized(e.to_string()),
            // Only reachable with a valid token whose account has gone: the token no longer names anyone.
            AccountError::NotFound => ApiError::account_gone(),
            AccountError::WrongPassword | AccountError::SignInAgain | AccountError::NotAdmin => {
                ApiError::Forbidden(e.to_string())
            }
            AccountError::Disabled => ApiError::AccountDisabled,
            AccountError::Hash(cause) => ApiError::internal(cause),
            AccountError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<SessionError> for ApiError {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Unknown | SessionError::Expired | SessionError::Revoked | SessionError::Replayed => {
                ApiError::Unauthorized(e.to_string())
            }
            SessionError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<CatalogError> for ApiError {
    fn from(e: CatalogError) -> Self {
        match e {
            CatalogError::NotFound => ApiError::NotFound(e.to_string()),
            CatalogError::Forbidden => ApiError::Forbidden(e.to_string()),
            CatalogError::Invalid(errors) => ApiError::Validation(errors),
            CatalogError::DuplicateTmdbId { .. } => ApiError::Conflict(e.to_string()),
            CatalogError::QuotaExceeded(q) => ApiError::TooManyRequests { retry_after_secs: q.retry_after_secs },
            CatalogError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<SemanticError> for ApiError {
    fn from(e: SemanticError) -> Self {
        match e {
            SemanticError::Unavailable(_) => ApiError::FeatureUnavailable(e.to_string()),
            SemanticError::NotFound => ApiError::NotFound(e.to_string()),
            SemanticError::Invalid(errors) => ApiError::Validation(errors),
            SemanticError::Embed(_) => ApiError::internal(e),
            SemanticError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<RankingError> for ApiError {
    fn from(e: RankingError) -> Self {
        match e {
            RankingError::UnknownMedia(_)
            | RankingError::UnknownNeighbour(_)
            | RankingError::NeighbourInOtherTier { .. }
            | RankingError::NotAdjacent
            | RankingError::SelfAnchor => {
                let field = e.field().unwrap_or("body");
                ApiError::Validation(vec![FieldError::new(field, e.to_string())])
            }
            RankingError::AlreadyRanked(id) => ApiError::Conflict(format!("{e} (ranking {id})")),
            RankingError::NotFound => ApiError::NotFound(e.to_string()),
            RankingError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<MatchupError> for ApiError {
    fn from(e: MatchupError) -> Self {
        match e {
            MatchupError::Invalid(errors) => ApiError::Validation(errors),
            MatchupError::NoSet | MatchupError::NoneAvailable | MatchupError::NotFound => {
                ApiError::NotFound(e.to_string())
            }
            MatchupError::AlreadyVoted => ApiError::Conflict(e.to_string()),
            MatchupError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<ChartError> for ApiError {
    fn from(e: ChartError) -> Self {
        match e {
            ChartError::Invalid(errors) => ApiError::Validation(errors),
            ChartError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<SocialError> for ApiError {
    fn from(e: SocialError) -> Self {
        match e {
            SocialError::Invalid(errors) => ApiError::Validation(errors),
            SocialError::NotFound => ApiError::NotFound(e.to_string()),
            SocialError::FollowersOnly => ApiError::Forbidden(e.to_string()),
            SocialError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<FeedError> for ApiError {
    fn from(e: FeedError) -> Self {
        match e {
            FeedError::Invalid(errors) => ApiError::Validation(errors),
            FeedError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<LeaderboardError> for ApiError {
    fn from(e: LeaderboardError) -> Self {
        match e {
            LeaderboardError::Invalid(errors) => ApiError::Validation(errors),
            LeaderboardError::SignInRequired => ApiError::Unauthorized(e.to_string()),
            LeaderboardError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<AvailabilityError> for ApiError {
    fn from(e: AvailabilityError) -> Self {
        match e {
            AvailabilityError::NotFound => ApiError::NotFound(e.to_string()),
            AvailabilityError::Invalid(errors) => ApiError::Validation(errors),
            AvailabilityError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<RecommendError> for ApiError {
    fn from(e: RecommendError) -> Self {
        match e {
            RecommendError::Invalid(errors) => ApiError::Validation(errors),
            RecommendError::UnknownMedia(_) => ApiError::Validation(vec![FieldError::new("media_id", e.to_string())]),
            RecommendError::Availability(e) => e.into(),
            RecommendError::Store(cause) => ApiError::store(cause),
        }
    }
}

impl From<PlacementError> for ApiError {
    fn from(e: PlacementError) -> Self {
        match e {
            PlacementError::NotFound => ApiError::NotFound(e.to_string()),
            PlacementError::Finished | PlacementError::NothingToUndo => ApiError::Conflict(e.to_string()),
            PlacementError::Expired => ApiError::Gone(e.to_string()),
            PlacementError::Ranking(e) => e.into(),
        }
    }
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Csv { .. } | ImportError::Columns { .. } | ImportError::Rows(_) | ImportError::Refused(_) => {
                ApiError::Validation(e.fields())
            }
            ImportError::Unreadable(detail) => ApiError::Malformed(detail),
            ImportError::Store(cause) => ApiError::store(cause),
        }
    }
}

/// Turns actix's JSON body errors into problems: too big → 413, unparsable → 400, wrong shape → 422.
pub(crate) fn json_error(err: &actix_web::error::JsonPayloadError) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let api = match err {
        E::OverflowKnownLength { limit, .. } | E::Overflow { limit } => {
            ApiError::PayloadTooLarge(format!("the JSON body must be at most {limit} bytes"))
        }
        E::ContentType => ApiError::Malformed("expected a JSON body with `Content-Type: application/json`".into()),
        E::Deserialize(e) if e.is_data() => ApiError::Validation(vec![FieldError::new(
            serde_field(&e.to_string()).unwrap_or("body"),
            strip_position(&e.to_string()),
        )]),
        E::Deserialize(e) if e.is_eof() => ApiError::Malformed("the JSON body is empty or cut short".into()),
        E::Deserialize(e) => ApiError::Malformed(format!("the body is not valid JSON: {e}")),
        E::Payload(e) => ApiError::Malformed(format!("the body could not be read: {e}")),
        other => ApiError::Malformed(format!("the JSON body could not be read: {other}")),
    };
    api.into()
}

/// The field serde names in a data error (`missing field `x``, `unknown field `x``), if any.
fn serde_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `").or_else(|| message.strip_prefix("unknown field `"))?;
    rest.split_once('`').map(|(field, _)| field)
}

/// Serde's message without its ` at line 1 column 12` suffix.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Query strings that cannot be parsed (a non-numeric `limit`, say) are 400s.
pub(crate) fn query_error(err: &actix_web::error::QueryPayloadError) -> actix_web::Error {
    let detail = match err {
        actix_web::error::QueryPayloadError::Deserialize(e) => format!("invalid query string: {e}"),
        other => format!("invalid query string: {other}"),
    };
    ApiError::Malformed(detail).into()
}

/// A path whose id is not a UUID names nothing: 404, like any unknown id.
pub(crate) fn path_error(_err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound(format!("nothing at {}", req.path())).into()
}

/// The answer for routes that do not exist.
pub(crate) fn no_route(req: &HttpRequest) -> ApiError {
    ApiError::NotFound(format!("no route for {} {}", req.method(), req.path()))
}

/// The problem responses as OpenAPI documents them, one type per status, for `responses(...)` in
/// `#[utoipa::path]`.
pub mod responses {
    use super::{BTreeMap, PROBLEM_JSON};
    use utoipa::openapi::header::HeaderBuilder;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, schema};

    /// One problem response; its headers follow from the status: `WWW-Authenticate` on 401, `Retry-After` on 429
    /// and 503.
    fn problem(status: u16, description: &str) -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
        let mut response = ResponseBuilder::new().description(description).content(PROBLEM_JSON, content);
        let header = |description: &str| {
            HeaderBuilder::new()
                .schema(Some(schema::Object::with_type(schema::Type::String)))
                .description(Some(description))
                .build()
        };
        match status {
            401 => {
                response =
                    response.header("WWW-Authenticate", header("`Bearer`: the request needs a valid access token"));
            }
            429 | 503 => {
                response = response.header(
                    "Retry-After",
                    header(
                        "Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`)",
                    ),
                );
            }
            _ => {}
        }
        BTreeMap::from([(status.to_string(), RefOr::T(response.build()))])
    }

    macro_rules! problem_response {
        ($(#[$doc:meta])* $name:ident, $status:literal, $description:literal) => {
            $(#[$doc])*
            #[derive(Debug)]
            pub struct $name;

            impl utoipa::IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
                    problem($status, $description)
                }
            }
        };
    }

    problem_response!(
        /// 400 `malformed-request`.
        Malformed,
        400,
        "`malformed-request`: the JSON body or the query string cannot be parsed"
    );
    problem_response!(
        /// 401 `unauthorized`.
        Unauthorized,
        401,
        "`unauthorized`: the bearer token is missing, invalid or expired"
    );
    problem_response!(
        /// 401 `unauthorized` on login.
        BadCredentials,
        401,
        "`unauthorized`: wrong e-mail address or password"
    );
    problem_response!(
        /// 401 `unauthorized` on a refresh.
        BadRefreshToken,
        401,
        "`unauthorized`: the refresh token is unknown, expired or its session ended (a token used twice ends its \
         session: sign in again)"
    );
    problem_response!(
        /// 403 `forbidden`.
        Forbidden,
        403,
        "`forbidden`: only admins may do this"
    );
    problem_response!(
        /// 403 `forbidden` on a password change.
        WrongPassword,
        403,
        "`forbidden`: the current password is wrong"
    );
    problem_response!(
        /// 403 `account-disabled` on sign-in.
        Disabled,
        403,
        "`account-disabled`: an admin disabled this account; it cannot sign in and its tokens are refused"
    );
    problem_response!(
        /// 403 `forbidden` on deleting the account.
        DeletionRefused,
        403,
        "`forbidden`: the current password is wrong, or (an account without a password) the token's sign-in is \
         more than 5 minutes old: sign in again"
    );
    problem_response!(
        /// 403 `forbidden` on someone else's data.
        FollowersOnly,
        403,
        "`forbidden`: the profile is visible to its followers only (follow it, and wait for approval)"
    );
    problem_response!(
        /// 404 `not-found`.
        NotFound,
        404,
        "`not-found`: no such resource (an id that is not a UUID included)"
    );
    problem_response!(
        /// 409 `conflict`.
        Conflict,
        409,
        "`conflict`: the request clashes with existing data"
    );
    problem_response!(
        /// 410 `gone`.
        Gone,
        410,
        "`gone`: the placement session expired; start a new one"
    );
    problem_response!(
        /// 413 `payload-too-large`.
        TooLarge,
        413,
        "`payload-too-large`: the JSON body is over 64 KiB"
    );
    problem_response!(
        /// 422 `validation-failed`.
        Invalid,
        422,
        "`validation-failed`: some fields are invalid; `errors` names each"
    );
    problem_response!(
        /// 429 `too-many-requests`, with `Retry-After`.
        TooManyRequests,
        429,
        "`too-many-requests`: a rate limit or sign-in back-off was reached, password hashing is busy, or the daily \
         quota of new catalog entries is used up; `Retry-After` says how many seconds to wait"
    );
    problem_response!(
        /// 500 `internal-error`.
        Internal,
        500,
        "`internal-error`: an unexpected failure (the cause is logged under the request id)"
    );
    problem_response!(
        /// 503 `service-unavailable`.
        Unavailable,
        503,
        "`service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to \
         try again"
    );
    problem_response!(
        /// 503 `feature-unavailable`.
        FeatureUnavailable,
        503,
        "`feature-unavailable`: the embedding model or ONNX Runtime is not installed; `detail` says which and how \
         to install it"
    );
}

#[cfg(test)]
mod tests {
    use actix_web::body::to_bytes;
    use marquee_domain::ranking::RankingId;
    use marquee_domain::tier::Tier;

    use super::*;

    async fn render(error: ApiError) -> (StatusCode, Option<String>, Option<String>, serde_json::Value) {
        let response = error.error_response();
        let header = |name| response.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_owned);
        let content_type = header(header::CONTENT_TYPE);
        let www = header(header::WWW_AUTHENTICATE);
        let status = response.status();
        let body = to_bytes(response.into_body()).await.unwrap();
        (status, content_type, www, serde_json::from_slice(&body).unwrap())
    }

    #[actix_web::test]
    async fn validation_lists_every_field() {
        let error = ApiError::from(vec![
            FieldError::new("email", "must be a valid e-mail address"),
            FieldError::new("password", "must be at least 8 characters"),
        ]);
        let (status, content_type, _, body) = render(error).await;
        assert_eq!(status, 422);
        assert_eq!(content_type.as_deref(), Some(PROBLEM_JSON));
        assert_eq!(body["type"], "urn:marquee:problem:validation-failed");
        assert_eq!(body["title"], "Validation failed");
        assert_eq!(body["status"], 422);
        assert_eq!(body["detail"], "2 fields are invalid");
        assert_eq!(body["errors"][1]["field"], "password");
        assert_eq!(body["errors"][1]["message"], "must be at least 8 characters");
    }

    #[actix_web::test]
    async fn other_problems_carry_no_field_list() {
        let (status, _, _, body) = render(ApiError::NotFound("media item not found".into())).await;
        assert_eq!(status, 404);
        assert_eq!(body["type"], "urn:marquee:problem:not-found");
        assert_eq!(body["detail"], "media item not found");
        assert!(body.get("errors").is_none());
    }

    #[actix_web::test]
    async fn unauthorized_asks_for_a_bearer_token() {
        let (status, _, www, body) = render(AccountError::InvalidCredentials.into()).await;
        assert_eq!(status, 401);
        assert_eq!(www.as_deref(), Some("Bearer"));
        assert_eq!(body["type"], "urn:marquee:problem:unauthorized");
    }

    #[actix_web::test]
    async fn server_errors_hide_their_cause() {
        let cause = StoreError::new("connection refused to db.internal:5432");
        let (status, _, _, body) = render(CatalogError::Store(cause).into()).await;
        assert_eq!(status, 500);
        assert_eq!(body["type"], "urn:marquee:problem:internal-error");
        assert_eq!(body["detail"], GENERIC_DETAIL);
        assert!(!body.to_string().contains("db.internal"));

        let (status, _, _, body) = render(ApiError::Unavailable(Box::new(StoreError::new("pool timed out")))).await;
        assert_eq!(status, 503);
        assert_eq!(body["type"], "urn:marquee:problem:service-unavailable");
        assert!(!body.to_string().contains("pool"));
    }

    #[actix_web::test]
    async fn store_failures_answer_by_their_kind() {
        let unavailable = StoreError::unavailable("no answer from db.internal:5432 within 2s");
        let response = ApiError::from(RankingError::Store(unavailable)).error_response();
        assert_eq!(response.status(), 503);
        let retry = response.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        assert_eq!(retry, Some(RETRY_AFTER_SECONDS.to_string()));
        let body: serde_json::Value = serde_json::from_slice(&to_bytes(response.into_body()).await.unwrap()).unwrap();
        assert_eq!(body["type"], "urn:marquee:problem:service-unavailable");
        assert!(!body.to_string().contains("db.internal"), "{body}");

        let (status, _, www, body) = render(SocialError::Store(StoreError::account_gone()).into()).await;
        assert_eq!((status.as_u16(), www.as_deref()), (401, Some("Bearer")));
        assert_eq!(body["type"], "urn:marquee:problem:unauthorized");

        let response = ApiError::from(CatalogError::Store(StoreError::new("bug"))).error_response();
        assert_eq!(response.status(), 500);
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
    }

    #[actix_web::test]
    async fn too_many_requests_says_when_to_retry() {
        let response = ApiError::TooManyRequests { retry_after_secs: 42 }.error_response();
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "42");
        let (status, content_type, _, body) = render(ApiError::TooManyRequests { retry_after_secs: 42 }).await;
        assert_eq!(status, 429);
        assert_eq!(content_type.as_deref(), Some(PROBLEM_JSON));
        assert_eq!(body["type"], "urn:marquee:problem:too-many-requests");
        assert!(body["detail"].as_str().unwrap().contains("42 s"), "{body}");
    }

    #[actix_web::test]
    async fn the_request_id_is_in_the_body() {
        let (_, _, _, body) =
            request_id::scope("abc-123".to_owned(), async { render(ApiError::Forbidden("no".into())).await }).await;
        assert_eq!(body["request_id"], "abc-123");
    }

    #[test]
    fn domain_errors_map_to_statuses() {
        let status = |e: ApiError| e.status_code().as_u16();
        assert_eq!(status(AccountError::Invalid(vec![]).into()), 422);
        assert_eq!(status(AccountError::EmailTaken.into()), 409);
        assert_eq!(status(AccountError::InvalidCredentials.into()), 401);
        assert_eq!(status(AccountError::NotFound.into()), 401);
        assert_eq!(status(AccountError::Store(StoreError::new("x")).into()), 500);
        assert_eq!(status(CatalogError::NotFound.into()), 404);
        assert_eq!(status(CatalogError::Forbidden.into()), 403);
        assert_eq!(status(CatalogError::Invalid(vec![]).into()), 422);
        assert_eq!(status(CatalogError::DuplicateTmdbId { kind: "movie".into(), tmdb_id: 603 }.into()), 409);
        assert_eq!(status(RankingError::NotFound.into()), 404);
        assert_eq!(status(RankingError::Store(StoreError::new("x")).into()), 500);
    }

    #[test]
    fn ranking_input_errors_name_their_field() {
        let id = RankingId(uuid::Uuid::from_u128(7));
        let field = |e: RankingError| match ApiError::from(e) {
            ApiError::Validation(errors) => errors[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(field(RankingError::UnknownMedia(marquee_domain::media::MediaId(id.0))), "media_id");
        assert_eq!(field(RankingError::UnknownNeighbour(id)), "before/after");
        assert_eq!(
            field(RankingError::NeighbourInOtherTier { id, expected: Tier::S, actual: Tier::A }),
            "before/after"
        );
        assert_eq!(field(RankingError::NotAdjacent), "before/after");
        assert_eq!(field(RankingError::SelfAnchor), "before/after");
        match ApiError::from(RankingError::AlreadyRanked(id)) {
            ApiError::Conflict(detail) => assert!(detail.contains(&id.to_string()), "{detail}"),
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[derive(Debug, thiserror::Error)]
    #[error("pool: {0}")]
    struct Pool(#[source] std::io::Error);

    #[derive(Debug, thiserror::Error)]
    #[error("connect failed")]
    struct Connect(#[source] std::io::Error);

    #[test]
    fn the_cause_chain_names_each_cause_once() {
        let refused = || std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        // `StoreError`'s message quotes its source, which the source's own message repeats.
        let store = StoreError::new(Pool(refused()));
        let text = chain(&store);
        assert_eq!(text.matches("connection refused").count(), 1, "{text}");
        assert!(text.ends_with("pool: connection refused"), "{text}");
        // A source the message does not quote is still shown.
        assert_eq!(chain(&Connect(refused())), "connect failed: connection refused");
        let internal = ApiError::internal(StoreError::new(Pool(refused())));
        let ApiError::Internal(cause) = &internal else { unreachable!() };
        assert_eq!(chain(cause.as_ref()).matches("connection refused").count(), 1);
    }

    #[test]
    fn serde_messages_give_up_their_field() {
        assert_eq!(serde_field("missing field `email` at line 1 column 2"), Some("email"));
        assert_eq!(serde_field("unknown field `x`, expected one of"), Some("x"));
        assert_eq!(serde_field("invalid type: string \"x\", expected i64"), None);
        assert_eq!(strip_position("invalid type: null at line 1 column 12"), "invalid type: null");
    }
}
