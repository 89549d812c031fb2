//! Streaming availability and the caller's services.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get, put};
use chrono::{DateTime, Utc};
use marquee_domain::availability::{
    Availability, MergedOffer, OfferKind, Region, SourceReport, SourceState, UserServices,
};
use marquee_domain::media::MediaId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::input::Json;

/// How an offer lets you watch.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfferKindName {
    /// Included in a subscription.
    Subscription,
    /// Free.
    Free,
    /// Free with ads.
    Ads,
    /// Rent.
    Rent,
    /// Buy.
    Buy,
    /// With a TV provider's login.
    TvEverywhere,
}

impl From<OfferKind> for OfferKindName {
    fn from(kind: OfferKind) -> Self {
        match kind {
            OfferKind::Subscription => Self::Subscription,
            OfferKind::Free => Self::Free,
            OfferKind::Ads => Self::Ads,
            OfferKind::Rent => Self::Rent,
            OfferKind::Buy => Self::Buy,
            OfferKind::TvEverywhere => Self::TvEverywhere,
        }
    }
}

/// One way to watch a title.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferResponse {
    /// The service (`Netflix`).
    pub service: String,
    /// How.
    #[serde(rename = "type")]
    pub kind: OfferKindName,
    /// `SD`, `HD`, `4K`, when known.
    pub format: Option<String>,
    /// The price in the region's currency, for rent and buy, when known.
    pub price: Option<f64>,
    /// Where to watch.
    pub web_url: Option<String>,
    /// The region.
    pub region: String,
    /// The providers that report it (`watchmode`, `tmdb`).
    pub providers: Vec<String>,
}

impl From<MergedOffer> for OfferResponse {
    fn from(m: MergedOffer) -> Self {
        Self {
            service: m.offer.service,
            kind: m.offer.kind.into(),
            format: m.offer.format,
            price: m.offer.price,
            web_url: m.offer.web_url,
            region: m.offer.region,
            providers: m.providers,
        }
    }
}

/// Where a provider's part of the answer came from.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceStateName {
    /// Asked just now.
    Live,
    /// From the cache, within its TTL.
    Cached,
    /// From the cache, past its TTL, because the provider failed or is not configured.
    Stale,
    /// The provider failed and nothing was cached.
    Failed,
}

/// One provider's part of the answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceResponse {
    /// The provider.
    pub provider: String,
    /// Where its part came from.
    pub state: SourceStateName,
    /// When the provider answered.
    pub fetched_at: Option<DateTime<Utc>>,
    /// How old its part is, in seconds.
    pub age_seconds: Option<i64>,
    /// Why it failed now, if it did.
    pub error: Option<String>,
}

impl From<SourceReport> for SourceResponse {
    fn from(r: SourceReport) -> Self {
        Self {
            provider: r.provider,
            state: match r.state {
                SourceState::Live => SourceStateName::Live,
                SourceState::Cached => SourceStateName::Cached,
                SourceState::Stale => SourceStateName::Stale,
                SourceState::Failed => SourceStateName::Failed,
            },
            age_seconds: r.fetched_at.map(|at| (Utc::now() - at).num_seconds().max(0)),
            fetched_at: r.fetched_at,
            error: r.error,
        }
    }
}

/// Where a title can be watched.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailabilityResponse {
    /// The title.
    pub media_id: uuid::Uuid,
    /// The region.
    pub region: String,
    /// The offers, merged across providers.
    pub offers: Vec<OfferResponse>,
    /// Each provider's part.
    pub sources: Vec<SourceResponse>,
    /// Credits the providers' terms require next to their data (JustWatch for TMDb's).
    pub attributions: Vec<String>,
    /// Why the answer is partial or empty, when there is a known reason.
    pub note: Option<String>,
}

impl From<Availability> for AvailabilityResponse {
    fn from(a: Availability) -> Self {
        Self {
            media_id: a.media.0,
            region: a.region.as_str().to_owned(),
            offers: a.offers.into_iter().map(OfferResponse::from).collect(),
            sources: a.sources.into_iter().map(SourceResponse::from).collect(),
            attributions: a.attributions,
            note: a.note,
        }
    }
}

/// The region to look in.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityParams {
    /// An ISO 3166-1 alpha-2 country code (default `US`).
    #[param(pattern = "^[A-Za-z]{2}$", example = "US")]
    pub region: Option<String>,
}

/// The caller's streaming services.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"region": "US", "services": ["Netflix", "Max"]}))]
pub struct ServicesRequest {
    /// An ISO 3166-1 alpha-2 country code.
    #[schema(pattern = "^[A-Za-z]{2}$", example = "US")]
    pub region: String,
    /// Up to 50 service names as providers spell them (compared case-insensitively).
    #[schema(max_items = 50)]
    pub services: Vec<String>,
}

/// The caller's streaming services (an empty list and no region until set).
#[derive(Debug, Serialize, ToSchema)]
pub struct ServicesResponse {
    /// The region.
    pub region: Option<String>,
    /// The services.
    pub services: Vec<String>,
}

impl From<Option<UserServices>> for ServicesResponse {
    fn from(s: Option<UserServices>) -> Self {
        match s {
            Some(s) => Self { region: Some(s.region.as_str().to_owned()), services: s.services },
            None => Self { region: None, services: vec![] },
        }
    }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_availability).service(get_services).service(put_services);
}

/// Where a title can be watched
///
/// Offers from every configured provider (Watchmode, TMDb's JustWatch data), merged. Answers come from the
/// PostgreSQL cache while it is younger than its TTL (24 h by default); a provider that fails is answered from the
/// cache, however old (`sources[].state` = `stale`, with its age). Without providers or cache the list is empty,
/// with a `note`: never a 5xx because of a provider.
#[utoipa::path(
    tag = "media",
    params(("id" = uuid::Uuid, Path, description = "The item's id"), AvailabilityParams),
    responses(
        (status = 200, description = "The offers", body = AvailabilityResponse),
        responses::Malformed,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/media/{id}/availability")]
async fn get_availability(
    state: web::Data<AppState>,
    id: web::Path<uuid::Uuid>,
    params: Query<AvailabilityParams>,
) -> Result<HttpResponse, ApiError> {
    let region = Region::new(params.region.as_deref().unwrap_or("US")).map_err(|e| ApiError::Validation(vec![e]))?;
    let answer = state.availability.for_media(MediaId(id.into_inner()), &region).await?;
    Ok(HttpResponse::Ok().json(AvailabilityResponse::from(answer)))
}

/// The caller's streaming services
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The services", body = ServicesResponse),
        responses::Unauthorized,
        responses::Internal,
    )
)]
#[get("/me/services")]
async fn get_services(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ServicesResponse::from(state.availability.services(user).await?)))
}

/// Set the caller's streaming services
///
/// Replaces the region and the list; `on_my_services=true` on lists then keeps what these services stream.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The services as stored", body = ServicesResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[put("/me/services")]
async fn put_services(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<ServicesRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let services = UserServices::new(&body.region, body.services)?;
    state.availability.set_services(user, &services).await?;
    Ok(HttpResponse::Ok().json(ServicesResponse::from(Some(services))))
}
