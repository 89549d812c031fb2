//! Accounts and sessions: register, log in, refresh, log out, who am I, delete the account.
//!
//! Signing in starts a session and answers a short-lived access token and a refresh token; the refresh token is
//! exchanged for a new pair (and is then spent: presenting it again ends the session, see
//! [`marquee_domain::session`]). Registration and sign-in pass the rate limits and the hashing queue ([`crate::limits`],
//! [`crate::auth::HashAdmission`]) before any work; their answers carry `Cache-Control: no-store`, since they hold
//! a token or the account.

use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, delete, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use marquee_domain::account::AccountError;
use marquee_domain::session::IssuedRefresh;
use marquee_domain::user::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::{AuthSession, AuthUser};
use crate::error::{ApiError, responses};
use crate::input::Json;

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse", "display_name": "Ada"}))]
pub struct RegisterRequest {
    /// An e-mail address (stored lower-cased).
    pub email: String,
    /// 8 characters at least, 72 bytes at most (`maxLength` counts characters, so a password of multi-byte
    /// characters reaches the byte limit sooner).
    #[schema(min_length = 8, max_length = 72)]
    pub password: String,
    /// 1 to 50 characters once surrounding spaces are trimmed.
    #[schema(min_length = 1, max_length = 50)]
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

/// The kind of access token handed out: always `Bearer`.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub enum TokenType {
    /// Send it as `Authorization: Bearer <access_token>`.
    Bearer,
}

/// An access token, the refresh token that renews it, and the account they are for.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send it as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: TokenType,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Exchange it at `POST /api/v1/auth/refresh` for a new pair before it expires; it works once.
    pub refresh_token: String,
    /// Seconds until the refresh token expires if unused.
    pub refresh_expires_in: u64,
    /// The account.
    pub user: UserResponse,
}

/// A new password, and the current one to prove it is the owner asking.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    /// The password now.
    pub current_password: String,
    /// 8 characters at least, 72 bytes at most (`maxLength` counts characters, so a password of multi-byte
    /// characters reaches the byte limit sooner).
    #[schema(min_length = 8, max_length = 72)]
    pub new_password: String,
}

/// The account's new address, display name, or both (a field left out stays as it is).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"display_name": "Ada L."}))]
pub struct UpdateAccountRequest {
    /// A new e-mail address (stored lower-cased).
    #[serde(default)]
    pub email: Option<String>,
    /// A new display name, 1 to 50 characters once surrounding spaces are trimmed.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 50)]
    pub display_name: Option<String>,
}

/// Proof that the account's owner asks for its deletion.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"current_password": "correct horse"}))]
pub struct DeleteAccountRequest {
    /// The account's password; required when it has one. An account made by an external provider has none: send
    /// `{}` with a token from a sign-in at most 5 minutes old.
    #[serde(default)]
    pub current_password: Option<String>,
}

/// A refresh token to exchange.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    /// The `refresh_token` of the last sign-in or refresh.
    pub refresh_token: String,
}

/// A new session's or a refresh's tokens.
fn tokens_for(state: &AppState, user: User, refresh: &IssuedRefresh) -> Result<TokenResponse, ApiError> {
    let (access_token, expires_in) = state.tokens.issue(user.id, refresh.session).map_err(ApiError::internal)?;
    let refresh_expires_in = (refresh.expires_at - Utc::now()).num_seconds().max(0) as u64;
    Ok(TokenResponse {
        access_token,
        token_type: TokenType::Bearer,
        expires_in,
        refresh_token: refresh.secret.expose().to_owned(),
        refresh_expires_in,
        user: user.into(),
    })
}

/// Starts a session for `user` and answers its tokens.
async fn signed_in(state: &AppState, user: User) -> Result<TokenResponse, ApiError> {
    let refresh = state.sessions.start(user.id).await?;
    tokens_for(state, user, &refresh)
}

/// A response that no cache, shared or private, may keep.
fn uncached(mut response: HttpResponseBuilder) -> HttpResponseBuilder {
    response.insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store")));
    response
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(register_user)
        .service(log_in_user)
        .service(refresh_session)
        .service(log_out)
        .service(log_out_everywhere)
        .service(get_current_user)
        .service(update_current_user)
        .service(change_password)
        .service(delete_current_user);
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
    Ok(uncached(HttpResponse::Created()).json(signed_in(&state, user).await?))
}

/// Log in
///
/// Exchanges an e-mail address and password for an access token and a refresh token (a new session).
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        responses::Malformed,
        responses::BadCredentials,
        responses::Disabled,
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
            Ok(uncached(HttpResponse::Ok()).json(signed_in(&state, user).await?))
        }
        Err(e @ AccountError::InvalidCredentials) => {
            state.limits.login_failed(&body.email);
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Refresh
///
/// Exchanges a refresh token for a new access token and a new refresh token. The old refresh token is spent:
/// presenting it again ends the whole session (it was stolen, or a client retried), and every refresh token of
/// the session stops working.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "A new token pair for the same session", body = TokenResponse),
        responses::Malformed,
        responses::BadRefreshToken,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/auth/refresh")]
async fn refresh_session(state: web::Data<AppState>, body: Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let (user, refresh) = state.sessions.refresh(&body.refresh_token).await?;
    let user = state.accounts.get(user).await?;
    Ok(uncached(HttpResponse::Ok()).json(tokens_for(&state, user, &refresh)?))
}

/// Log out
///
/// Ends the session the access token belongs to: its refresh tokens stop working at once, its access tokens when
/// they expire (15 minutes at most by default). Logging out of an ended session succeeds too.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The session is over"),
        responses::Unauthorized,
        responses::Internal,
    )
)]
#[post("/auth/logout")]
async fn log_out(state: web::Data<AppState>, auth: AuthSession) -> Result<HttpResponse, ApiError> {
    // An external issuer's token has no Marquee session: its sessions are the provider's to end.
    if let Some(session) = auth.session {
        state.sessions.end(auth.user, session).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Log out everywhere
///
/// Ends every session of the account, this one included (on every device).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Every session is over"),
        responses::Unauthorized,
        responses::Internal,
    )
)]
#[post("/auth/logout-all")]
async fn log_out_everywhere(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    let ended = state.sessions.end_all(user, None).await?;
    tracing::info!(ended, "signed out everywhere");
    Ok(HttpResponse::NoContent().finish())
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

/// Change the account's address or name
///
/// Sets the e-mail address, the display name or both; every invalid field is reported at once.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated account", body = UserResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[patch("/auth/me")]
async fn update_current_user(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<UpdateAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = state.accounts.update_profile(user, body.email.as_deref(), body.display_name.as_deref()).await?;
    Ok(uncached(HttpResponse::Ok()).json(UserResponse::from(user)))
}

/// Change the password
///
/// Needs the current password. Every other session of the account ends (their refresh tokens stop working at
/// once, their access tokens when they expire); the session making the change goes on.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Changed; the other sessions are over"),
        responses::Malformed,
        responses::Unauthorized,
        responses::WrongPassword,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[put("/auth/password")]
async fn change_password(
    state: web::Data<AppState>,
    auth: AuthSession,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let _slot = state.hashing.admit()?;
    state.accounts.change_password(auth.user, &body.current_password, &body.new_password).await?;
    let ended = state.sessions.after_password_change(auth.user, auth.session).await?;
    tracing::info!(ended, "password changed; other sessions ended");
    Ok(HttpResponse::NoContent().finish())
}

/// Delete the account
///
/// Deletes the signed-in account and, in one transaction, everything that identifies its owner: the list,
/// comparisons, placement sessions, interactions and ratings, follows both ways and follow requests, the top-4 set,
/// its matchups and the owner's votes, streaming services, activity, sessions and refresh tokens, and links to
/// external providers. Catalog entries the owner created stay, without a creator. Every token of the account is
/// refused at once (401). An account with a password must give it; one made by an external provider must send a
/// token from a sign-in at most 5 minutes old. Export the data first (`GET /api/v1/me/export`) to keep it.
///
/// Aggregates built before the deletion drop the owner's data at their next refresh: the consensus chart within
/// `CHART_REFRESH_SECONDS` (an hour by default), the recommendation model at its next training
/// (`REC_TRAIN_SECONDS`, an hour by default); leaderboards, feeds, follower lists and compatibility read live data
/// and drop it at once.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted; the account's tokens no longer work"),
        responses::Malformed,
        responses::Unauthorized,
        responses::DeletionRefused,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[delete("/me")]
async fn delete_current_user(
    state: web::Data<AppState>,
    auth: AuthSession,
    body: Json<DeleteAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    // Checking a password costs a hash: it waits in the same queue as a sign-in.
    let _slot = state.hashing.admit()?;
    let signed_in_at = auth.signed_in_at.and_then(|at| DateTime::from_timestamp(at, 0));
    state.accounts.delete(auth.user, body.current_password.as_deref(), signed_in_at, Utc::now()).await?;
    state.external.forget(auth.user);
    tracing::info!(user = %auth.user, "account deleted");
    Ok(HttpResponse::NoContent().finish())
}
