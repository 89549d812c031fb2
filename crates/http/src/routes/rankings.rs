//! The caller's tier list: list, place, read, move, remove, and the quick star rating.
//!
//! The user always comes from the token; a ranking id of another user's is a 404, like an unknown one. The list is
//! the hot path: token verification only (no account lookup), and the page is serialised straight from the
//! domain's values through borrowing DTOs.

use actix_web::http::header;
use actix_web::web::{self, Query};
use actix_web::{HttpResponse, delete, get, patch, post, put};
use chrono::{DateTime, Utc};
use marquee_domain::FieldError;
use marquee_domain::PageRequest;
use marquee_domain::media::{MediaId, MediaKind};
use marquee_domain::page::Page;
use marquee_domain::ranking::{Anchor, MoveCommand, PlaceCommand, RankedTitle, RankingFilter, RankingId, RateOutcome};
use marquee_domain::tier::{Stars, Tier};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::routes::media::MediaKindName;

/// A tier, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub enum TierName {
    /// The very best (scores 9.0 – 10.0).
    S,
    /// Great (7.5 – 8.9).
    A,
    /// Good (6.0 – 7.4).
    B,
    /// Mixed (4.0 – 5.9).
    C,
    /// Poor (0.0 – 3.9).
    D,
}

impl From<Tier> for TierName {
    fn from(tier: Tier) -> Self {
        match tier {
            Tier::S => Self::S,
            Tier::A => Self::A,
            Tier::B => Self::B,
            Tier::C => Self::C,
            Tier::D => Self::D,
        }
    }
}

/// The fields a list shows of a ranked title.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankedMediaResponse<'a> {
    /// The item's id.
    pub id: uuid::Uuid,
    /// Its kind.
    pub kind: MediaKindName,
    /// Its title.
    pub title: &'a str,
    /// Its original title.
    pub original_title: Option<&'a str>,
    /// Its year.
    pub year: Option<i16>,
    /// Its genres.
    pub genres: &'a [String],
    /// Its poster path or URL.
    pub poster_path: Option<&'a str>,
}

/// A title in the caller's list, with its position and derived score.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankingResponse<'a> {
    /// The ranking's id (used as `before` / `after` by other rankings).
    pub id: uuid::Uuid,
    /// The title ranked.
    pub media: RankedMediaResponse<'a>,
    /// Its tier.
    pub tier: TierName,
    /// Its position in the tier, 1 = the tier's best.
    pub position: u64,
    /// How many titles the tier holds.
    pub tier_size: u64,
    /// The 0–10 score derived from tier and position, one decimal.
    #[schema(example = 9.5)]
    pub score: f64,
    /// The order key inside the tier (opaque; sorts like the list).
    pub rank_key: &'a str,
    /// The quick rating it was given, if it came in that way (1 to 5).
    #[schema(minimum = 1, maximum = 5)]
    pub stars: Option<u8>,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
}

impl<'a> From<&'a RankedTitle> for RankingResponse<'a> {
    fn from(r: &'a RankedTitle) -> Self {
        Self {
            id: r.id.0,
            media: RankedMediaResponse {
                id: r.media.id.0,
                kind: r.media.kind.into(),
                title: &r.media.title,
                original_title: r.media.original_title.as_deref(),
                year: r.media.year,
                genres: &r.media.genres,
                poster_path: r.media.poster_path.as_deref(),
            },
            tier: r.tier.into(),
            position: r.position,
            tier_size: r.tier_size,
            score: r.score.value(),
            rank_key: r.rank_key.as_str(),
            stars: r.stars.map(Stars::get),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// One page of the caller's list, S → D and best first inside a tier.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankingPageResponse<'a> {
    /// The rankings of this page.
    pub items: Vec<RankingResponse<'a>>,
    /// How many rankings match the filter in all.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many rankings were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<RankedTitle>> for RankingPageResponse<'a> {
    fn from(page: &'a Page<RankedTitle>) -> Self {
        Self {
            items: page.items.iter().map(RankingResponse::from).collect(),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// Filters and page of the list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingListParams {
    /// Only this tier.
    #[param(inline, value_type = Option<TierName>)]
    pub tier: Option<String>,
    /// Only titles of this kind.
    #[param(inline, value_type = Option<MediaKindName>)]
    pub kind: Option<String>,
    /// Only titles with this genre (case-insensitive).
    pub genre: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Rankings to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
    /// Keep only titles the caller can stream on their services (`PUT /me/services`), by the availability cache;
    /// titles with nothing cached are left out.
    pub on_my_services: Option<bool>,
}

impl RankingListParams {
    pub(crate) fn into_filter(self) -> Result<RankingFilter, ApiError> {
        let mut errors = Vec::new();
        let tier = parse_tier(self.tier.as_deref(), &mut errors);
        let kind =
            self.kind.as_deref().map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
        let page = PageRequest::new(self.limit, self.offset).map_err(|e| errors.extend(e)).unwrap_or_default();
        let genre = self.genre.map(|g| g.trim().to_owned()).filter(|g| !g.is_empty());
        if errors.is_empty() { Ok(RankingFilter { tier, kind, genre, page }) } else { Err(errors.into()) }
    }
}

fn parse_tier(tier: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Tier> {
    tier.map(str::parse::<Tier>).transpose().map_err(|e| errors.push(e)).ok().flatten()
}

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
        super::availability::streamable_rankings(&state, user, &filter).await?
    } else {
        state.rankings.list(user, &filter).await?
    };
    Ok(HttpResponse::Ok().json(RankingPageResponse::from(&page)))
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
