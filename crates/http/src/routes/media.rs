//! The catalog: search, read, manual entry, admin edits and merges.

use actix_web::http::header;
use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get, post, put};
use marquee_domain::media::{MediaFields, MediaId, MediaInput, SearchQuery};
use marquee_domain::page::Page;
use marquee_domain::remote::{RemoteStatus, SearchOutcome};
use marquee_domain::user::User;
use marquee_domain::{FieldError, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::{Actor, MaybeUser};
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::views::{MediaKindName, MediaResponse, SearchHitResponse};

/// One page of search hits, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPageResponse {
    /// The hits of this page.
    pub items: Vec<SearchHitResponse>,
    /// How many items match in all.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many hits were skipped.
    pub offset: u32,
    /// What the remote catalog (TMDb) did for this search.
    pub remote: RemoteSearchResponse,
    /// True when the remote catalog was wanted (fewer local hits than asked) but skipped: not configured, down,
    /// slow or rate limited. The hits are the local ones then.
    pub remote_skipped: bool,
}

/// What the remote catalog did for a search.
#[derive(Debug, Serialize, ToSchema)]
pub struct RemoteSearchResponse {
    /// `not_needed` (enough local hits, or a later page), `fetched` (asked; its titles joined the catalog),
    /// `cached` (asked within the cache TTL already) or `skipped`.
    pub status: RemoteStatusName,
    /// Titles the remote catalog answered, when it was asked.
    pub titles: Option<usize>,
    /// Why it was skipped.
    pub reason: Option<String>,
}

/// The remote part's outcome.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemoteStatusName {
    /// Not asked: enough local hits.
    NotNeeded,
    /// Asked just now.
    Fetched,
    /// Asked recently; the catalog holds its answer.
    Cached,
    /// Wanted but skipped.
    Skipped,
}

impl From<RemoteStatus> for RemoteSearchResponse {
    fn from(status: RemoteStatus) -> Self {
        match status {
            RemoteStatus::NotNeeded => Self { status: RemoteStatusName::NotNeeded, titles: None, reason: None },
            RemoteStatus::Fetched { titles } => {
                Self { status: RemoteStatusName::Fetched, titles: Some(titles), reason: None }
            }
            RemoteStatus::Cached => Self { status: RemoteStatusName::Cached, titles: None, reason: None },
            RemoteStatus::Skipped { reason } => {
                Self { status: RemoteStatusName::Skipped, titles: None, reason: Some(reason) }
            }
        }
    }
}

/// A catalog search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The text to look for in titles and original titles, 1 to 200 characters.
    #[serde(default)]
    #[param(required = true, min_length = 1, max_length = 200, example = "dune")]
    pub q: String,
    /// Only items of this kind.
    #[param(value_type = Option<MediaKindName>)]
    pub kind: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Hits to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
    /// `trigram` (default): title similarity. `hybrid`: the best 100 trigram hits and the best 100 semantic hits
    /// fused by reciprocal rank, which also finds titles described in other words (503 without the model).
    #[param(value_type = Option<SearchMode>, example = "hybrid")]
    pub mode: Option<String>,
    /// Keep only titles the caller can stream on their services (needs a bearer token), by the availability
    /// cache; titles with nothing cached are left out. Filters the best 100 hits, then pages.
    pub on_my_services: Option<bool>,
}

/// How a title search matches (the handler parses the query string; this names its values for the document).
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code, reason = "documents the query parameter for OpenAPI only")]
pub enum SearchMode {
    /// Title similarity.
    Trigram,
    /// Title similarity fused with semantic search.
    Hybrid,
}

/// A catalog item's fields, for a manual entry or an admin edit (which replaces them all).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"kind": "play", "title": "Hamlet", "year": 1603, "genres": ["Tragedy"], "attributes": {"author": "William Shakespeare"}}))]
pub struct MediaRequest {
    /// `movie`, `show`, `book` or `play`.
    #[schema(value_type = MediaKindName)]
    pub kind: String,
    /// 1 to 300 characters.
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    /// At most 300 characters.
    #[schema(max_length = 300)]
    pub original_title: Option<String>,
    /// -3000 to 2200.
    #[schema(minimum = -3000, maximum = 2200)]
    pub year: Option<i64>,
    /// At most 5,000 characters.
    #[schema(max_length = 5000)]
    pub overview: Option<String>,
    /// Up to 20 distinct genres of 1 to 50 characters.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub genres: Vec<String>,
    /// A TMDb image path (`/abc123.jpg`) or an `https` URL without credentials, at most 500 characters.
    #[schema(max_length = 500)]
    pub poster_path: Option<String>,
    /// A positive TMDb id, unique per kind. Admins only: a user's entry may not carry provider ids.
    #[schema(minimum = 1)]
    pub tmdb_id: Option<i64>,
    /// `tt` followed by digits. Admins only, like `tmdb_id`.
    #[schema(pattern = "^tt[0-9]+$")]
    pub imdb_id: Option<String>,
    /// A JSON object of extra facts, at most 16 KiB. Keys naming an image or a URL (`backdrop_path`, `logo_url`, …)
    /// take what `poster_path` takes; `tmdb` and `movielens_id` are provider data (admins only).
    // A map, not nullable, in the document: generated clients then offer one plain dictionary type (`null` is
    // still read as "none").
    #[serde(default)]
    #[schema(value_type = std::collections::BTreeMap<String, serde_json::Value>)]
    pub attributes: Option<serde_json::Value>,
}

impl MediaRequest {
    fn into_fields(self) -> Result<MediaFields, ApiError> {
        Ok(MediaFields::new(MediaInput {
            kind: self.kind,
            title: self.title,
            original_title: self.original_title,
            year: self.year,
            overview: self.overview,
            genres: self.genres,
            poster_path: self.poster_path,
            tmdb_id: self.tmdb_id,
            imdb_id: self.imdb_id,
            attributes: self.attributes,
        })?)
    }
}

/// Which item to fold into the one in the path.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeRequest {
    /// The duplicate: its rankings, comparisons, sessions and top-4 slots move to the kept item, then it is deleted.
    pub duplicate_id: uuid::Uuid,
}

/// What a merge did.
#[derive(Debug, Serialize, ToSchema)]
pub struct MergeResponse {
    /// The item kept.
    pub kept: MediaResponse,
    /// Rankings of the duplicate that now point at the kept item.
    pub rankings_moved: u64,
    /// Rankings of the duplicate dropped because their user had ranked the kept item too.
    pub rankings_dropped: u64,
    /// Comparisons naming the duplicate that now name the kept item.
    pub comparisons_moved: u64,
    /// Comparisons between the two items, dropped.
    pub comparisons_dropped: u64,
    /// Placement sessions placing or asking about the duplicate that now refer to the kept item.
    pub sessions_moved: u64,
    /// Open sessions placing the duplicate for users who rank the kept item: abandoned.
    pub sessions_dropped: u64,
    /// Top-4 sets naming the kept item in the duplicate's slot (same set, rating and votes).
    pub top4_sets_moved: u64,
    /// Top-4 sets that named both items, deleted.
    pub top4_sets_dropped: u64,
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    // `search` before `{id}`: actix tries resources in order, and `{id}` would match the word.
    cfg.service(search_media).service(get_media).service(create_media).service(update_media).service(merge_media);
}

/// The acting account; an external issuer's role claim makes it an admin for this request.
async fn signed_in(state: &AppState, actor: Actor) -> Result<User, ApiError> {
    let mut user = state.accounts.get(actor.user).await?;
    user.is_admin |= actor.token_admin;
    Ok(user)
}

/// Search the catalog
///
/// Local-first search on titles and original titles (trigram similarity and substrings), best match first. When
/// the first page has fewer local hits than asked for and TMDb is configured, TMDb is asked too: its movies and
/// shows join the catalog and the answer (below the local hits). TMDb failing never fails the search:
/// `remote_skipped` says so. With `mode=hybrid`, the local hits are fused with semantic search by reciprocal rank
/// instead (TMDb is not asked).
#[utoipa::path(
    tag = "media",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(SearchParams),
    responses(
        (status = 200, description = "One page of hits", body = SearchPageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
        responses::FeatureUnavailable,
    )
)]
#[get("/media/search")]
async fn search_media(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    params: Query<SearchParams>,
) -> Result<HttpResponse, ApiError> {
    let SearchParams { q, kind, limit, offset, mode, on_my_services } = params.into_inner();
    let services_of = match (on_my_services, viewer) {
        (Some(true), Some(user)) => Some(user),
        (Some(true), None) => {
            return Err(ApiError::Unauthorized("sign in: on_my_services needs a bearer token".into()));
        }
        _ => None,
    };
    let page = PageRequest::new(limit, offset);
    let hybrid = match mode.as_deref() {
        None | Some("trigram") => Ok(false),
        Some("hybrid") => Ok(true),
        Some(_) => Err(FieldError::new("mode", "must be trigram or hybrid")),
    };
    let (query, hybrid) = match (page, hybrid) {
        (Ok(page), Ok(hybrid)) => (SearchQuery::new(&q, kind.as_deref(), page)?, hybrid),
        (page, hybrid) => {
            // Report the page, mode and query errors together.
            let mut errors = page.err().unwrap_or_default();
            errors.extend(hybrid.err());
            if let Err(more) = SearchQuery::new(&q, kind.as_deref(), PageRequest::default()) {
                errors.extend(more);
            }
            return Err(errors.into());
        }
    };
    // With the services filter, the best 100 hits are filtered, then paged.
    let asked = match services_of {
        Some(_) => SearchQuery { page: PageRequest::new(Some(100), None)?, ..query.clone() },
        None => query.clone(),
    };
    let mut outcome = if hybrid {
        let page = state.semantic()?.hybrid(&asked).await?;
        SearchOutcome { page, remote: RemoteStatus::NotNeeded }
    } else {
        state.search.search(&asked).await?
    };
    if let Some(user) = services_of {
        let ids: Vec<MediaId> = outcome.page.items.iter().map(|h| h.item.id).collect();
        let keep = state.availability.streamable_for(user, &ids).await?;
        outcome.page.items.retain(|h| keep.contains(&h.item.id));
        outcome.page = Page::slice(outcome.page.items, query.page);
    }
    let page = outcome.page;
    Ok(HttpResponse::Ok().json(SearchPageResponse {
        total: page.total,
        limit: page.request.limit(),
        offset: page.request.offset(),
        items: page.items.into_iter().map(SearchHitResponse::from).collect(),
        remote_skipped: matches!(outcome.remote, RemoteStatus::Skipped { .. }),
        remote: outcome.remote.into(),
    }))
}

/// A catalog item
#[utoipa::path(
    tag = "media",
    params(("id" = uuid::Uuid, Path, description = "The item's id")),
    responses(
        (status = 200, description = "The item", body = MediaResponse),
        responses::NotFound,
        responses::Internal,
    )
)]
#[get("/media/{id}")]
async fn get_media(state: web::Data<AppState>, id: web::Path<uuid::Uuid>) -> Result<HttpResponse, ApiError> {
    let item = state.catalog.get(MediaId(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(MediaResponse::from(item)))
}

/// Add a catalog item
///
/// A manual entry by any signed-in user (plays and books, mostly). Only admins may set provider ids (`tmdb_id`,
/// `imdb_id`, `attributes.tmdb`, `attributes.movielens_id`); anyone else gets 422 naming them. Each user may create
/// `CATALOG_DAILY_QUOTA` entries (default 50) in any 24 hours, imports included; past that the answer is 429 with
/// `Retry-After`.
#[utoipa::path(
    tag = "media",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = MediaResponse,
            headers(("Location" = String, description = "The new item's URL"))),
        responses::Malformed,
        responses::Unauthorized,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/media")]
async fn create_media(
    state: web::Data<AppState>,
    auth: Actor,
    body: Json<MediaRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = signed_in(&state, auth).await?;
    let fields = body.into_inner().into_fields()?;
    let item = state.catalog.create(&actor, fields).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/media/{}", item.id)))
        .json(MediaResponse::from(item)))
}

/// Edit a catalog item
///
/// Replaces every field of an item (admins only).
#[utoipa::path(
    tag = "media",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The item's id")),
    responses(
        (status = 200, description = "The updated item", body = MediaResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Forbidden,
        responses::NotFound,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[put("/media/{id}")]
async fn update_media(
    state: web::Data<AppState>,
    auth: Actor,
    id: web::Path<uuid::Uuid>,
    body: Json<MediaRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = signed_in(&state, auth).await?;
    let fields = body.into_inner().into_fields()?;
    let item = state.catalog.update(&actor, MediaId(id.into_inner()), fields).await?;
    Ok(HttpResponse::Ok().json(MediaResponse::from(item)))
}

/// Merge a duplicate into an item
///
/// Folds `duplicate_id` into the item in the path (admins only): the duplicate's rankings, comparisons, placement
/// sessions and top-4 slots move over, or are dropped where they would name the kept item twice (see
/// docs/matchups.md), and the duplicate is deleted, all in one transaction.
#[utoipa::path(
    tag = "media",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The item to keep")),
    responses(
        (status = 200, description = "Merged", body = MergeResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Forbidden,
        responses::NotFound,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/media/{id}/merge")]
async fn merge_media(
    state: web::Data<AppState>,
    auth: Actor,
    id: web::Path<uuid::Uuid>,
    body: Json<MergeRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = signed_in(&state, auth).await?;
    let keep = MediaId(id.into_inner());
    let report = state.catalog.merge(&actor, keep, MediaId(body.duplicate_id)).await?;
    let kept = state.catalog.get(keep).await?;
    Ok(HttpResponse::Ok().json(MergeResponse {
        kept: kept.into(),
        rankings_moved: report.rankings_moved,
        rankings_dropped: report.rankings_dropped,
        comparisons_moved: report.comparisons_moved,
        comparisons_dropped: report.comparisons_dropped,
        sessions_moved: report.sessions_moved,
        sessions_dropped: report.sessions_dropped,
        top4_sets_moved: report.top4_sets_moved,
        top4_sets_dropped: report.top4_sets_dropped,
    }))
}
