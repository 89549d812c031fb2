//! Recommendations for the caller, and the interactions (view, click, watchlist) that feed them.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get, post};
use chrono::{DateTime, Utc};
use marquee_domain::FieldError;
use marquee_domain::media::MediaId;
use marquee_domain::recommend::service::{
    Explanation, InteractionKind, RecommendQuery, Recommendations, RecommendedTitle,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::views::RankedMediaResponse;

/// The strategies.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StrategyName {
    /// A blend of mf, item-kNN, trending and content; new users get trending plus content.
    Hybrid,
    /// Trending this week (time-decayed popularity).
    Popular,
    /// People whose scores correlate with yours.
    UserCf,
    /// Titles liked together with yours.
    ItemCf,
    /// Titles like yours in content (embeddings, or genres and decade).
    Content,
    /// Matrix factorisation from implicit feedback (ALS).
    Mf,
}

/// An interaction's kind.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKindName {
    /// The title's page was shown.
    View,
    /// The title was clicked in a list.
    Click,
    /// The title was added to the watchlist.
    Watchlist,
}

/// What to recommend.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecommendationParams {
    /// The strategy (default `hybrid`).
    #[param(value_type = Option<StrategyName>)]
    pub strategy: Option<String>,
    /// Only titles of this kind.
    #[param(value_type = Option<crate::views::MediaKindName>)]
    pub kind: Option<String>,
    /// How many titles, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Only titles the caller's services stream (see `PUT /api/v1/me/services`).
    pub on_my_services: Option<bool>,
}

/// The kinds of reason (the domain names them as strings; this lists them for the document).
#[derive(Debug, ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code, reason = "documents the reason codes for OpenAPI only")]
pub enum ReasonCode {
    /// Like a title the caller liked.
    BecauseYouRanked,
    /// Liked by users the caller follows.
    FollowedFans,
    /// Liked by users whose taste is like the caller's.
    SimilarUsers,
    /// Fits the caller's taste profile.
    MatchesYourTaste,
    /// Close in meaning to a title the caller liked.
    SimilarContent,
    /// Popular lately.
    Trending,
}

/// Why a title is recommended.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonResponse<'a> {
    /// Machine-readable: `because_you_ranked`, `followed_fans`, `similar_users`, `matches_your_taste`,
    /// `similar_content` or `trending`.
    #[schema(value_type = ReasonCode, example = "because_you_ranked")]
    pub code: &'static str,
    /// The sentence to show.
    #[schema(example = "Because you put Arrival in S")]
    pub text: &'a str,
    /// The caller's title the reason refers to.
    pub media_id: Option<uuid::Uuid>,
    /// The number of people the reason counts.
    pub count: Option<u32>,
}

/// One recommended title.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationResponse<'a> {
    /// The title.
    pub media: RankedMediaResponse<'a>,
    /// The strategy's score, higher is better; comparable within one answer only.
    pub score: f32,
    /// The strategy's reason first, then, when people the caller follows rank it A or higher, theirs.
    pub reasons: Vec<ReasonResponse<'a>>,
}

/// The trained model an answer used.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModelResponse {
    /// Increases with every training.
    pub version: i64,
    /// When it was trained.
    pub trained_at: DateTime<Utc>,
    /// Latent dimensions.
    pub factors: usize,
}

/// Recommendations, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationsResponse<'a> {
    /// The strategy asked for.
    pub strategy: StrategyName,
    /// What served it: the strategy, or `popular+content` for a caller with nothing liked yet under `hybrid`.
    #[schema(example = "hybrid")]
    pub served_by: &'static str,
    /// The titles; never one the caller has ranked (or otherwise interacted with).
    pub items: Vec<RecommendationResponse<'a>>,
    /// The trained model used; `null` until one is trained (no `mf` part then).
    pub model: Option<ModelResponse>,
}

fn reason(e: &Explanation) -> ReasonResponse<'_> {
    ReasonResponse { code: e.code, text: &e.text, media_id: e.media.map(|m| m.0), count: e.count }
}

fn item(r: &RecommendedTitle) -> RecommendationResponse<'_> {
    RecommendationResponse {
        media: RankedMediaResponse::from(&r.media),
        score: r.score,
        reasons: r.reasons.iter().map(reason).collect(),
    }
}

impl<'a> From<&'a Recommendations> for RecommendationsResponse<'a> {
    fn from(r: &'a Recommendations) -> Self {
        use marquee_domain::recommend::service::Strategy as S;
        Self {
            strategy: match r.strategy {
                S::Hybrid => StrategyName::Hybrid,
                S::Popular => StrategyName::Popular,
                S::UserCf => StrategyName::UserCf,
                S::ItemCf => StrategyName::ItemCf,
                S::Content => StrategyName::Content,
                S::Mf => StrategyName::Mf,
            },
            served_by: r.served_by,
            items: r.items.iter().map(item).collect(),
            model: r.model.map(|m| ModelResponse { version: m.version, trained_at: m.trained_at, factors: m.factors }),
        }
    }
}

/// An interaction to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InteractionRequest {
    /// The title.
    pub media_id: uuid::Uuid,
    /// What happened.
    #[schema(value_type = InteractionKindName)]
    pub kind: String,
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_recommendations).service(record_interaction);
}

/// Recommendations for the caller
///
/// Titles the caller has not ranked, scored by the chosen strategy from their signals as they are at this moment
/// (rankings, comparisons, matchup votes, top 4, interactions) against the newest trained model, each with its
/// reasons in words. A caller with nothing liked yet gets trending titles (plus content from their top 4 under
/// `hybrid`). `on_my_services` keeps what the caller's services stream, from the availability cache.
#[utoipa::path(
    tag = "recommendations",
    security(("bearer" = [])),
    params(RecommendationParams),
    responses(
        (status = 200, description = "Recommendations, best first", body = RecommendationsResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/recommendations")]
async fn list_recommendations(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<RecommendationParams>,
) -> Result<HttpResponse, ApiError> {
    let p = params.into_inner();
    let query =
        RecommendQuery::new(p.strategy.as_deref(), p.kind.as_deref(), p.limit, p.on_my_services.unwrap_or(false))?;
    let recs = state.recommendations.recommend(user, &query).await?;
    Ok(HttpResponse::Ok().json(RecommendationsResponse::from(&recs)))
}

/// Record an interaction
///
/// Tells the recommender the caller viewed, clicked or saved a title to the watchlist. Repeating one only moves
/// its time. It counts at the caller's next request, before any retraining.
#[utoipa::path(
    tag = "recommendations",
    security(("bearer" = [])),
    request_body = InteractionRequest,
    responses(
        (status = 204, description = "Recorded"),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/interactions")]
async fn record_interaction(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<InteractionRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let kind: InteractionKind = body.kind.parse().map_err(|e: FieldError| ApiError::Validation(vec![e]))?;
    state.recommendations.record(user, MediaId(body.media_id), kind).await?;
    Ok(HttpResponse::NoContent().finish())
}
