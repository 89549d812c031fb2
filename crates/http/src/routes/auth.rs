//! Accounts: register, log in, who am I.
//!
//! Registration and sign-in pass the rate limits and the hashing queue ([`crate::limits`],
//! [`crate::auth::HashAdmission`]) before any work; their answers carry `Cache-Control: no-store`, since they hold
//! a token or the account.

use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, post, web};
use chrono::{DateTime, Utc};
use marquee_domain::account::AccountError;
use marquee_domain::user::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::input::Json;

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse", "display_name": "Ada"}))]
pub struct RegisterRequest {
    /// An e-mail address (stored lower-cased).
    pub email: String,
    /// 8 characters at least, 72 bytes at most.
    pub password: String,
    /// 1 to 50 characters.
    pub display_name: String,
}

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// The account's e-mail address.
    pub email: String,
    /// Its password.
    pub password: String,
}

/// An account as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    /// The account's id.
    pub id: uuid::Uuid,
    /// Its normalised e-mail address.
    pub email: String,
    /// The name shown to others.
    pub display_name: String,
    /// Whether it may edit and merge catalog items.
    pub is_admin: bool,
    /// When it registered.
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserResponse {
    fn from(u: User) -> Self {
        Self {
            id: u.id.0,
            email: u.email,
            display_name: u.display_name,
            is_admin: u.is_admin,
            created_at: u.created_at,
        }
    }
}

/// An access token and the account it is for.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send it as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the token expires.
    pub expires_in: u64,
    /// The account.
    pub user: UserResponse,
}

fn token_for(state: &AppState, user: User) -> Result<TokenResponse, ApiError> {
    let (access_token, expires_in) = state.tokens.issue(user.id).map_err(ApiError::internal)?;
    Ok(TokenResponse { access_token, token_type: "Bearer", expires_in, user: user.into() })
}

/// A response that no cache, shared or private, may keep.
fn uncached(mut response: HttpResponseBuilder) -> HttpResponseBuilder {
    response.insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store")));
    response
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(register_user).service(log_in_user).service(get_current_user);
}

/// Register
///
/// Creates an account and signs it in. Every invalid field is reported at once.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 201, description = "Registered and signed in", body = TokenResponse),
        responses::Malformed,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/auth/register")]
async fn register_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check_register(state.limits.client_ip(&req))?;
    let _slot = state.hashing.admit()?;
    let user = state.accounts.register(&body.email, &body.password, &body.display_name).await?;
    Ok(uncached(HttpResponse::Created()).json(token_for(&state, user)?))
}

/// Log in
///
/// Exchanges an e-mail address and password for an access token.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        responses::Malformed,
        responses::BadCredentials,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/auth/login")]
async fn log_in_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check_login(state.limits.client_ip(&req), &body.email)?;
    let _slot = state.hashing.admit()?;
    match state.accounts.login(&body.email, &body.password).await {
        Ok(user) => {
            state.limits.login_succeeded(&body.email);
            Ok(uncached(HttpResponse::Ok()).json(token_for(&state, user)?))
        }
        Err(e @ AccountError::InvalidCredentials) => {
            state.limits.login_failed(&body.email);
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The signed-in account
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account the token belongs to", body = UserResponse),
        responses::Unauthorized,
        responses::Internal,
    )
)]
#[get("/auth/me")]
async fn get_current_user(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    let user = state.accounts.get(user).await?;
    Ok(uncached(HttpResponse::Ok()).json(UserResponse::from(user)))
}
