//! The caller's tier list: list, place, read, move, remove, and the quick star rating.
//!
//! The user always comes from the token; a ranking id of another user's is a 404, like an unknown one. The list is
//! the hot path: token verification only (no account lookup), and the page is serialised straight from the
//! domain's values through borrowing DTOs.

use actix_web::http::header;
use actix_web::web::{self, Query};
use actix_web::{HttpResponse, delete, get, patch, post, put};
use marquee_domain::PageRequest;
use marquee_domain::media::MediaId;
use marquee_domain::page::{MAX_LIMIT, Page};
use marquee_domain::ranking::{Anchor, MoveCommand, PlaceCommand, RankedTitle, RankingFilter, RankingId, RateOutcome};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::views::{RankingListParams, RankingPageResponse, RankingResponse, TierName};

/// Place a title in the caller's list.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"media_id": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6", "tier": "A"}))]
pub struct PlaceRankingRequest {
    /// The catalog item.
    pub media_id: uuid::Uuid,
    /// The tier.
    #[schema(value_type = TierName)]
    pub tier: String,
    /// A ranking (in `tier`) to place the title directly above.
    pub before: Option<uuid::Uuid>,
    /// A ranking (in `tier`) to place the title directly below. With `before` too, the two must be adjacent,
    /// `after` directly above `before`. With neither, the title goes to the bottom of the tier.
    pub after: Option<uuid::Uuid>,
}

/// Move a ranked title inside its tier or to another.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"tier": "S", "after": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6"}))]
pub struct MoveRankingRequest {
    /// The target tier; without it, the neighbour's tier.
    #[schema(value_type = Option<TierName>)]
    pub tier: Option<String>,
    /// A ranking to move directly above.
    pub before: Option<uuid::Uuid>,
    /// A ranking to move directly below. With neither neighbour, the title goes to the bottom of `tier`.
    pub after: Option<uuid::Uuid>,
}

/// A quick star rating.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RatingRequest {
    /// 1 to 5 stars: 5 → S, 4 → A, 3 → B, 2 → C, 1 → D.
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub stars: i64,
}

fn anchor(before: Option<uuid::Uuid>, after: Option<uuid::Uuid>) -> Anchor {
    Anchor::from_neighbours(before.map(RankingId), after.map(RankingId))
}

fn created(ranking: &RankedTitle) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/me/rankings/{}", ranking.id)))
        .json(RankingResponse::from(ranking))
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_rankings)
        .service(place_ranking)
        .service(get_ranking)
        .service(move_ranking)
        .service(delete_ranking)
        .service(rate_media);
}

/// The caller's list
///
/// One page of the caller's rankings, S → D and best first inside each tier; positions and tier sizes count the
/// whole tier, whatever the filter.
#[utoipa::path(
    tag = "rankings",
    params(RankingListParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the list", body = RankingPageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/me/rankings")]
async fn list_rankings(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<RankingListParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let on_my_services = params.on_my_services.unwrap_or(false);
    let filter = params.into_filter()?;
    let page = if on_my_services {
        streamable_rankings(&state, user, &filter).await?
    } else {
        state.rankings.list(user, &filter).await?
    };
    Ok(HttpResponse::Ok().json(RankingPageResponse::from(&page)))
}

/// One page of the caller's list, keeping only titles streamable on their services: the whole list is read (in
/// pages of 100), filtered, then cut, so totals and pages are exact.
async fn streamable_rankings(
    state: &AppState,
    user: UserId,
    filter: &RankingFilter,
) -> Result<Page<RankedTitle>, ApiError> {
    let mut all: Vec<RankedTitle> = Vec::new();
    loop {
        let page = PageRequest::new(Some(i64::from(MAX_LIMIT)), Some(all.len() as i64))?;
        let chunk = state.rankings.list(user, &RankingFilter { page, ..filter.clone() }).await?;
        let done = chunk.items.len() < MAX_LIMIT as usize || all.len() as u64 + u64::from(MAX_LIMIT) >= chunk.total;
        all.extend(chunk.items);
        if done {
            break;
        }
    }
    let ids: Vec<MediaId> = all.iter().map(|r| r.media.id).collect();
    let keep = state.availability.streamable_for(user, &ids).await?;
    all.retain(|r| keep.contains(&r.media.id));
    Ok(Page::slice(all, filter.page))
}

/// Place a title
///
/// Adds a catalog item to the caller's list in `tier`: directly above `before`, directly below `after`, between
/// them when both are given (they must be adjacent), or at the bottom of the tier.
#[utoipa::path(
    tag = "rankings",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Placed", body = RankingResponse,
            headers(("Location" = String, description = "The new ranking's URL"))),
        responses::Malformed,
        responses::Unauthorized,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/rankings")]
async fn place_ranking(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<PlaceRankingRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let command = PlaceCommand {
        media_id: MediaId(body.media_id),
        tier: body.tier.parse()?,
        anchor: anchor(body.before, body.after),
        stars: None,
    };
    let ranking = state.rankings.place(user, &command).await?;
    Ok(created(&ranking))
}

/// One ranking
#[utoipa::path(
    tag = "rankings",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The ranking's id")),
    responses(
        (status = 200, description = "The ranking", body = RankingResponse),
        responses::Unauthorized,
        responses::NotFound,
        responses::Internal,
    )
)]
#[get("/me/rankings/{id}")]
async fn get_ranking(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let ranking = state.rankings.get(user, RankingId(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(RankingResponse::from(&ranking)))
}

/// Move a ranking
///
/// Moves a title inside its tier or to another: give a `tier`, a `before` or `after` neighbour, or both.
#[utoipa::path(
    tag = "rankings",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The ranking's id")),
    responses(
        (status = 200, description = "Moved", body = RankingResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::NotFound,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[patch("/me/rankings/{id}")]
async fn move_ranking(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
    body: Json<MoveRankingRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let tier = body.tier.as_deref().map(str::parse::<Tier>).transpose()?;
    let command = MoveCommand::new(tier, anchor(body.before, body.after))?;
    let ranking = state.rankings.relocate(user, RankingId(id.into_inner()), &command).await?;
    Ok(HttpResponse::Ok().json(RankingResponse::from(&ranking)))
}

/// Remove a ranking
#[utoipa::path(
    tag = "rankings",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The ranking's id")),
    responses(
        (status = 204, description = "Removed"),
        responses::Unauthorized,
        responses::NotFound,
        responses::Internal,
    )
)]
#[delete("/me/rankings/{id}")]
async fn delete_ranking(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.rankings.remove(user, RankingId(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rate a title
///
/// The quick path: the stars pick a tier (5 → S … 1 → D). An unranked title is placed at the bottom of that tier
/// (201); a title in another tier moves to its bottom; a title already in that tier keeps its place (200). The
/// stars are recorded either way.
#[utoipa::path(
    tag = "rankings",
    security(("bearer" = [])),
    params(("media_id" = uuid::Uuid, Path, description = "The catalog item's id")),
    responses(
        (status = 200, description = "The title was ranked already; moved or kept", body = RankingResponse),
        (status = 201, description = "The title was not ranked; placed", body = RankingResponse,
            headers(("Location" = String, description = "The new ranking's URL"))),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[put("/me/ratings/{media_id}")]
async fn rate_media(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    media_id: web::Path<uuid::Uuid>,
    body: Json<RatingRequest>,
) -> Result<HttpResponse, ApiError> {
    let stars = Stars::new(body.stars)?;
    let (ranking, outcome) = state.rankings.rate(user, MediaId(media_id.into_inner()), stars).await?;
    Ok(match outcome {
        RateOutcome::Created => created(&ranking),
        RateOutcome::Moved | RateOutcome::Unchanged => HttpResponse::Ok().json(RankingResponse::from(&ranking)),
    })
}
