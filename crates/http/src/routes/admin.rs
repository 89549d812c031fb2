//! Admins' work on accounts: disabling one (it cannot sign in, its sessions end, its tokens are refused at once
//! with 403 `account-disabled`, people search stops finding it) and enabling it again. Admins are accounts marked
//! so (`marquee admin grant`), listed in `ADMIN_EMAILS`, or granted the role by an external issuer's claim; anyone
//! else gets 403.

use actix_web::{HttpResponse, post, web};
use marquee_domain::user::{User, UserId};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::Actor;
use crate::error::{ApiError, responses};

/// An account as an admin sees it after a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountStatusResponse {
    /// The account's id.
    pub id: uuid::Uuid,
    /// Its display name.
    pub display_name: String,
    /// Whether it is disabled.
    pub disabled: bool,
}

impl From<User> for AccountStatusResponse {
    fn from(u: User) -> Self {
        Self { id: u.id.0, display_name: u.display_name, disabled: u.disabled }
    }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(disable_user).service(enable_user);
}

/// Disables or enables `id` on behalf of `actor` (an admin by account or by token claim).
async fn set_disabled(state: &AppState, actor: Actor, id: uuid::Uuid, disabled: bool) -> Result<User, ApiError> {
    let mut admin = state.accounts.get(actor.user).await?;
    admin.is_admin |= actor.token_admin;
    let user = state.accounts.set_disabled(&admin, UserId(id), disabled).await.map_err(|e| match e {
        // The target is unknown: a 404, not the caller's account gone.
        marquee_domain::account::AccountError::NotFound => ApiError::NotFound("no user has this id".into()),
        other => other.into(),
    })?;
    tracing::info!(admin = %admin.id, user = %user.id, disabled, "account status changed");
    Ok(user)
}

/// Disable an account
///
/// Admins only. The account cannot sign in (403 `account-disabled`, with its own password or an external
/// provider's token), its sessions end in the same transaction (refresh tokens stop working), its access tokens are
/// refused at once with 403 `account-disabled`, and people search no longer finds it. Its data stays. An admin
/// cannot disable their own account. Disabling a disabled account changes nothing.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The account")),
    responses(
        (status = 200, description = "Disabled", body = AccountStatusResponse),
        responses::Unauthorized,
        responses::Forbidden,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/admin/users/{id}/disable")]
async fn disable_user(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let user = set_disabled(&state, actor, id.into_inner(), true).await?;
    Ok(HttpResponse::Ok().json(AccountStatusResponse::from(user)))
}

/// Enable an account
///
/// Admins only. A disabled account may sign in again (its ended sessions stay ended). Enabling an enabled account
/// changes nothing.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The account")),
    responses(
        (status = 200, description = "Enabled", body = AccountStatusResponse),
        responses::Unauthorized,
        responses::Forbidden,
        responses::NotFound,
        responses::Internal,
    )
)]
#[post("/admin/users/{id}/enable")]
async fn enable_user(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let user = set_disabled(&state, actor, id.into_inner(), false).await?;
    Ok(HttpResponse::Ok().json(AccountStatusResponse::from(user)))
}
