//! The leaderboard, `GET /api/v1/leaderboard`: the best-ranked titles across lists (mean derived score shrunk
//! toward the global mean) and the most active rankers, globally or among the users the caller follows.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get};
use marquee_domain::leaderboard::{BoardParams, Leaderboard, PRIOR_WEIGHT};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::MaybeUser;
use crate::error::{ApiError, responses};
use crate::views::RankedMediaResponse;

/// What the leaderboard covers.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQueryParams {
    /// `global` (default: every list that is not private) or `following` (the lists of the users the caller
    /// follows; needs a token).
    #[param(value_type = Option<BoardScope>)]
    pub scope: Option<String>,
    /// Only titles of this kind.
    #[param(value_type = Option<crate::views::MediaKindName>)]
    pub kind: Option<String>,
    /// Only titles with this genre (case-insensitive).
    pub genre: Option<String>,
    /// Only rankings placed or moved in the last `week`, `month` (30 days), `year` (365 days), or `all` (default).
    #[param(value_type = Option<BoardPeriod>)]
    pub period: Option<String>,
    /// Titles and rankers to show, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Whose lists the leaderboard covers (the domain parses the query string; this names its values for the document).
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code, reason = "documents the query parameter for OpenAPI only")]
pub enum BoardScope {
    /// Every list that is not private.
    Global,
    /// The lists of the users the caller follows.
    Following,
}

/// How far back the leaderboard looks.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code, reason = "documents the query parameter for OpenAPI only")]
pub enum BoardPeriod {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 365 days.
    Year,
    /// All time.
    All,
}

/// A title's standing.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardTitleResponse<'a> {
    /// The title.
    pub media: RankedMediaResponse<'a>,
    /// The mean derived score shrunk toward the global mean: `(count · mean + m · global_mean) / (count + m)`.
    pub score: f64,
    /// The raw mean derived score (0–10).
    pub mean: f64,
    /// How many rankings in scope.
    pub count: u64,
}

/// A ranker's activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardRankerResponse<'a> {
    /// The user's id.
    pub user_id: uuid::Uuid,
    /// Their display name.
    pub display_name: &'a str,
    /// Rankings they placed or moved in the period (of the kind and genre asked for).
    pub rankings: u64,
}

/// The best titles and the most active rankers.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardResponse<'a> {
    /// The mean of every derived score in scope (null when nothing is).
    pub global_mean: Option<f64>,
    /// The shrinkage's prior weight `m`.
    #[schema(example = 5.0)]
    pub prior_weight: f64,
    /// Best first: by `score`, then `count`, then id.
    pub titles: Vec<BoardTitleResponse<'a>>,
    /// Most rankings first (then by id); only profiles the caller may see.
    pub rankers: Vec<BoardRankerResponse<'a>>,
}

impl<'a> From<&'a Leaderboard> for BoardResponse<'a> {
    fn from(board: &'a Leaderboard) -> Self {
        Self {
            global_mean: board.titles.global_mean,
            prior_weight: PRIOR_WEIGHT,
            titles: board
                .titles
                .titles
                .iter()
                .map(|t| BoardTitleResponse {
                    media: RankedMediaResponse::from(&t.media),
                    score: t.score,
                    mean: t.mean,
                    count: t.count,
                })
                .collect(),
            rankers: board
                .rankers
                .iter()
                .map(|r| BoardRankerResponse { user_id: r.user.0, display_name: &r.display_name, rankings: r.rankings })
                .collect(),
        }
    }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_board);
}

/// The best-ranked titles and the most active rankers
///
/// Titles by the mean of their derived scores (tier and position in each list, as lists show them) shrunk
/// toward the mean of every score in scope with weight m = 5, so a title with one enthusiastic ranking does not
/// top the board. `global` counts every list that is not private (an aggregate names no one); `following` only
/// the lists of users the caller follows with an accepted follow. Rankers list only profiles the caller may see.
#[utoipa::path(
    tag = "social",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(BoardQueryParams),
    responses(
        (status = 200, description = "The leaderboard", body = BoardResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/leaderboard")]
async fn get_board(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    params: Query<BoardQueryParams>,
) -> Result<HttpResponse, ApiError> {
    let p = params.into_inner();
    let params = BoardParams { scope: p.scope, kind: p.kind, genre: p.genre, period: p.period, limit: p.limit };
    let board = state.leaderboard.board(viewer, &params).await?;
    Ok(HttpResponse::Ok().json(BoardResponse::from(&board)))
}
