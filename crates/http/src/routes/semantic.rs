//! Semantic search: titles closest in meaning to a description, and the titles nearest to one title.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get};
use marquee_domain::media::{MediaId, MediaKind};
use marquee_domain::semantic::{SemanticQuery, SemanticService, check_limit};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::error::{ApiError, responses};
use crate::views::{MediaKindName, SearchHitResponse};

/// A semantic search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SemanticParams {
    /// A free-text description, 1 to 500 characters.
    #[serde(default)]
    #[param(
        required = true,
        min_length = 1,
        max_length = 500,
        example = "slow-burn space thriller with a lonely astronaut"
    )]
    pub q: String,
    /// Only items of this kind.
    #[param(value_type = Option<MediaKindName>)]
    pub kind: Option<String>,
    /// How many hits, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Nearest neighbours of a title.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SimilarParams {
    /// Only items of this kind (default: the title's own kind).
    #[param(value_type = Option<MediaKindName>)]
    pub kind: Option<String>,
    /// How many hits, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Semantic hits, closest first; `relevance` is the cosine similarity (-1 to 1).
#[derive(Debug, Serialize, ToSchema)]
pub struct SemanticResponse {
    /// The hits.
    pub items: Vec<SearchHitResponse>,
    /// The embedding model that ranked them.
    pub model: String,
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(semantic_search).service(similar_media);
}

fn respond(service: &SemanticService, hits: Vec<marquee_domain::catalog::MediaHit>) -> HttpResponse {
    HttpResponse::Ok().json(SemanticResponse {
        items: hits.into_iter().map(SearchHitResponse::from).collect(),
        model: service.model_id().to_owned(),
    })
}

/// Search by meaning
///
/// The titles whose title, year, genres and overview are closest in meaning to a free-text description
/// (all-MiniLM-L6-v2 sentence embeddings, exact cosine search).
#[utoipa::path(
    tag = "media",
    params(SemanticParams),
    responses(
        (status = 200, description = "The closest titles", body = SemanticResponse),
        responses::Malformed,
        responses::Invalid,
        responses::Internal,
        responses::FeatureUnavailable,
    )
)]
#[get("/search/semantic")]
async fn semantic_search(state: web::Data<AppState>, params: Query<SemanticParams>) -> Result<HttpResponse, ApiError> {
    let SemanticParams { q, kind, limit } = params.into_inner();
    let query = SemanticQuery::new(&q, kind.as_deref(), limit)?;
    let service = state.semantic()?;
    Ok(respond(service, service.search(&query).await?))
}

/// Titles like this one
///
/// The nearest neighbours of a title by meaning, of its own kind unless `kind` says otherwise.
#[utoipa::path(
    tag = "media",
    params(("id" = uuid::Uuid, Path, description = "The item's id"), SimilarParams),
    responses(
        (status = 200, description = "The nearest titles", body = SemanticResponse),
        responses::Malformed,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
        responses::FeatureUnavailable,
    )
)]
#[get("/media/{id}/similar")]
async fn similar_media(
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    params: Query<SimilarParams>,
) -> Result<HttpResponse, ApiError> {
    let SimilarParams { kind, limit } = params.into_inner();
    let mut errors = Vec::new();
    let kind = kind.as_deref().map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
    let limit = check_limit(limit).map_err(|e| errors.push(e)).unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let service = state.semantic()?;
    Ok(respond(service, service.similar(MediaId(id.into_inner()), kind, limit).await?))
}
