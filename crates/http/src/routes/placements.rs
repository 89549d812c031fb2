//! Pairwise placement sessions (`/api/v1/me/placements`) and the caller's comparison history
//! (`/api/v1/me/comparisons`).
//!
//! A session places one title into one tier of the caller's list by "which did you like more?" questions; the
//! algorithm and its bound are in docs/ranking.md. Another user's session is a 404, like an unknown one.

use actix_web::http::header;
use actix_web::web::{self, Query};
use actix_web::{HttpResponse, delete, get, post};
use chrono::{DateTime, Utc};
use marquee_domain::PageRequest;
use marquee_domain::media::MediaId;
use marquee_domain::page::Page;
use marquee_domain::placement::{Comparison, PlacementId, PlacementStep, Preference, StartPlacement};
use marquee_domain::tier::Stars;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::views::{RankedMediaResponse, RankingResponse, TierName};

/// Start placing a title.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"media_id": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6", "tier": "A", "stars": 4}))]
pub struct StartPlacementRequest {
    /// The catalog item to place; it must not be in the caller's list yet.
    pub media_id: uuid::Uuid,
    /// The tier it goes into.
    #[schema(value_type = TierName)]
    pub tier: String,
    /// An optional 1–5 star rating: stored on the ranking, and the prior that picks the first questions
    /// (compared with the stars of the titles already in the tier).
    #[schema(minimum = 1, maximum = 5)]
    pub stars: Option<i64>,
}

/// Which title the caller liked more.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PreferName {
    /// The title being placed.
    New,
    /// The title already in the list.
    Existing,
    /// Too close to call: the new title goes right below the existing one, and the search ends.
    TooClose,
}

/// An answer to the open question.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"prefer": "new"}))]
pub struct AnswerRequest {
    /// `new`, `existing` or `too_close`.
    #[schema(value_type = PreferName)]
    pub prefer: String,
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlacementStatus {
    /// A question is open: answer it.
    Comparing,
    /// The title is in the list.
    Placed,
}

/// The title a question compares against.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompareWithResponse<'a> {
    /// Its ranking in the caller's list.
    pub ranking_id: uuid::Uuid,
    /// The title.
    pub media: RankedMediaResponse<'a>,
}

/// A placement session after a step: a question (`comparing`) or the new ranking (`placed`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementResponse<'a> {
    /// The session's id.
    pub session_id: uuid::Uuid,
    /// `comparing` or `placed`.
    pub status: PlacementStatus,
    /// Comparing: "did you like the new title more than this one?"
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare_with: Option<CompareWithResponse<'a>>,
    /// Comparing: at most this many questions remain, this one included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions_left: Option<u32>,
    /// Comparing: questions answered so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered: Option<u32>,
    /// Comparing: the session expires at this time unless answered (each answer extends it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// Placed: the new ranking, with its tier, position and derived score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranking: Option<RankingResponse<'a>>,
}

impl<'a> From<&'a PlacementStep> for PlacementResponse<'a> {
    fn from(step: &'a PlacementStep) -> Self {
        match step {
            PlacementStep::Comparing { session, against, questions_left, answered, expires_at } => Self {
                session_id: session.0,
                status: PlacementStatus::Comparing,
                compare_with: Some(CompareWithResponse { ranking_id: against.0.0, media: (&against.1).into() }),
                questions_left: Some(*questions_left),
                answered: Some(*answered),
                expires_at: Some(*expires_at),
                ranking: None,
            },
            PlacementStep::Placed { session, ranking } => Self {
                session_id: session.0,
                status: PlacementStatus::Placed,
                compare_with: None,
                questions_left: None,
                answered: None,
                expires_at: None,
                ranking: Some(RankingResponse::from(ranking)),
            },
        }
    }
}

/// One answer the caller gave.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComparisonResponse<'a> {
    /// Its id.
    pub id: uuid::Uuid,
    /// The catalog item liked more (for a tie: the title that was being placed).
    pub winner_id: uuid::Uuid,
    /// The other catalog item.
    pub loser_id: uuid::Uuid,
    /// Too close to call.
    pub tie: bool,
    /// Where it was asked: `placement`, …
    pub context: &'a str,
    /// The placement session that asked, if any.
    pub session_id: Option<uuid::Uuid>,
    /// When it was answered.
    pub created_at: DateTime<Utc>,
}

/// One page of the caller's comparisons, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComparisonPageResponse<'a> {
    /// The comparisons of this page.
    pub items: Vec<ComparisonResponse<'a>>,
    /// How many comparisons the caller has in all.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<Comparison>> for ComparisonPageResponse<'a> {
    fn from(page: &'a Page<Comparison>) -> Self {
        Self {
            items: page
                .items
                .iter()
                .map(|c| ComparisonResponse {
                    id: c.id,
                    winner_id: c.winner.0,
                    loser_id: c.loser.0,
                    tie: c.tie,
                    context: &c.context,
                    session_id: c.source,
                    created_at: c.created_at,
                })
                .collect(),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// The page of the comparison history.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComparisonListParams {
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Comparisons to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(start_placement)
        .service(answer_placement)
        .service(undo_placement)
        .service(abandon_placement)
        .service(list_comparisons);
}

/// Start placing a title
///
/// Starts placing a catalog item into a tier of the caller's list by pairwise questions. Into an empty tier the
/// title is placed at once (`placed`); otherwise the answer is `comparing` with the first question. A tier of n
/// titles takes at most ⌈log₂(n + 1)⌉ questions. Sessions expire after `PLACEMENT_SESSION_TTL_SECONDS` (default
/// 30 minutes) without an answer.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "`comparing` (a session with its first question) or `placed` (empty tier)",
            body = PlacementResponse,
            headers(("Location" = String, description = "The session's URL"))),
        responses::Malformed,
        responses::Unauthorized,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/placements")]
async fn start_placement(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<StartPlacementRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let tier = body.tier.parse().map_err(|e| errors.push(e)).ok();
    let stars = body.stars.map(Stars::new).transpose().map_err(|e| errors.push(e)).ok().flatten();
    let Some(tier) = tier.filter(|_| errors.is_empty()) else { return Err(errors.into()) };
    let command = StartPlacement { media_id: MediaId(body.media_id), tier, stars };
    let step = state.placements.start(user, &command).await?;
    let response = PlacementResponse::from(&step);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/me/placements/{}", response.session_id)))
        .json(response))
}

/// Answer a placement question
///
/// `new`: the title being placed is better; `existing`: the title asked about is; `too_close`: the new title goes
/// right below it and the search ends. Answers the next question, or `placed` with the final ranking. The answer,
/// its comparison record and the final placement are written in one transaction. The list may change meanwhile
/// (other devices): each answer re-reads the tier, and a title asked about that has gone no longer counts.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "The next question, or `placed`", body = PlacementResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::NotFound,
        (status = 409, description = "`conflict`: the session has placed its title already, or the title got into \
            the list another way meanwhile", body = crate::error::Problem, content_type = "application/problem+json"),
        responses::Gone,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/placements/{id}/answers")]
async fn answer_placement(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
    body: Json<AnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    let prefer: Preference = body.prefer.parse()?;
    let step = state.placements.answer(user, PlacementId(id.into_inner()), prefer).await?;
    Ok(HttpResponse::Ok().json(PlacementResponse::from(&step)))
}

/// Take the last answer back
///
/// Removes the last answer (and its comparison record) and asks that question again.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "The question asked again", body = PlacementResponse),
        responses::Unauthorized,
        responses::NotFound,
        (status = 409, description = "`conflict`: nothing to take back, or the session has placed its title",
            body = crate::error::Problem, content_type = "application/problem+json"),
        responses::Gone,
        responses::Internal,
    )
)]
#[post("/me/placements/{id}/undo")]
async fn undo_placement(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let step = state.placements.undo(user, PlacementId(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(PlacementResponse::from(&step)))
}

/// Abandon a placement
///
/// Ends an open (or expired) session without placing the title. The answers given stay in the comparison history.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Abandoned"),
        responses::Unauthorized,
        responses::NotFound,
        (status = 409, description = "`conflict`: the session has placed its title already",
            body = crate::error::Problem, content_type = "application/problem+json"),
        responses::Internal,
    )
)]
#[delete("/me/placements/{id}")]
async fn abandon_placement(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.placements.abandon(user, PlacementId(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's comparisons
///
/// Every answer the caller gave ("which did you like more?"), newest first.
#[utoipa::path(
    tag = "placements",
    params(ComparisonListParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of comparisons", body = ComparisonPageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/me/comparisons")]
async fn list_comparisons(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<ComparisonListParams>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(params.limit, params.offset)?;
    let comparisons = state.placements.comparisons(user, page).await?;
    Ok(HttpResponse::Ok().json(ComparisonPageResponse::from(&comparisons)))
}
