//! The consensus chart: every title's Bradley–Terry strength from everyone's comparisons and lists.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get};
use chrono::{DateTime, Utc};
use marquee_domain::FieldError;
use marquee_domain::PageRequest;
use marquee_domain::consensus::{ChartEntry, ChartFilter};
use marquee_domain::media::MediaKind;
use marquee_domain::page::Page;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::error::{ApiError, responses};
use crate::views::MediaKindName;
use crate::views::RankedMediaResponse;
use crate::views::numbered;

/// A title's place in the chart.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChartEntryResponse<'a> {
    /// 1 = the strongest title the filter keeps.
    pub rank: u64,
    /// The title.
    pub media: RankedMediaResponse<'a>,
    /// The centred log-strength: 0 is the average title; `a − b = ln 2` means `a` is preferred 2 times in 3.
    #[schema(example = 0.69)]
    pub strength: f64,
    /// The standard error of `strength`.
    #[schema(example = 0.21)]
    pub uncertainty: f64,
    /// How many outcomes (direct answers and pairs implied by lists) involve the title.
    pub comparisons: u64,
    /// When the chart was fitted.
    pub fitted_at: DateTime<Utc>,
}

/// One page of the chart.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChartResponse<'a> {
    /// The titles of this page, strongest first.
    pub items: Vec<ChartEntryResponse<'a>>,
    /// How many titles the filter keeps.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many titles were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<ChartEntry>> for ChartResponse<'a> {
    fn from(page: &'a Page<ChartEntry>) -> Self {
        Self {
            items: numbered(page, |rank, e| ChartEntryResponse {
                rank,
                media: RankedMediaResponse::from(&e.media),
                strength: e.strength,
                uncertainty: e.uncertainty,
                comparisons: e.comparisons,
                fitted_at: e.fitted_at,
            }),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// Filters and page of the chart.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartParams {
    /// Only titles of this kind.
    #[param(value_type = Option<MediaKindName>)]
    pub kind: Option<String>,
    /// Only titles with this genre (case-insensitive), at most 50 characters.
    #[param(max_length = 50)]
    pub genre: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Titles to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
}

impl ChartParams {
    fn into_filter(self) -> Result<ChartFilter, ApiError> {
        let mut errors = Vec::new();
        let kind =
            self.kind.as_deref().map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
        let genre = self.genre.map(|g| g.trim().to_owned()).filter(|g| !g.is_empty());
        if genre.as_ref().is_some_and(|g| g.chars().count() > 50) {
            errors.push(FieldError::new("genre", "must be at most 50 characters"));
        }
        let page = PageRequest::new(self.limit, self.offset).map_err(|e| errors.extend(e)).unwrap_or_default();
        if errors.is_empty() { Ok(ChartFilter { kind, genre, page }) } else { Err(errors.into()) }
    }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(consensus_chart);
}

/// The consensus chart
///
/// Titles by their Bradley–Terry strength, fitted over every user's comparison answers and ranked lists (refreshed
/// on a schedule and by `marquee chart refresh`), with each strength's standard error and how many outcomes it
/// rests on.
#[utoipa::path(
    tag = "charts",
    params(ChartParams),
    responses(
        (status = 200, description = "One page of the chart", body = ChartResponse),
        responses::Malformed,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/charts/consensus")]
async fn consensus_chart(state: web::Data<AppState>, params: Query<ChartParams>) -> Result<HttpResponse, ApiError> {
    let filter = params.into_inner().into_filter()?;
    let page = state.charts.chart(&filter).await?;
    Ok(HttpResponse::Ok().json(ChartResponse::from(&page)))
}
