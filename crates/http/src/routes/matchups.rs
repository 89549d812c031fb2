//! Top-4 sets and matchups: the caller's four favourites, the next matchup to judge, votes, and the leaderboard.
//!
//! The caller always comes from the token. A matchup id of another voter's answers 404, like an unknown one; a
//! second vote on a matchup answers 409.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get, post, put};
use chrono::{DateTime, Utc};
use marquee_domain::FieldError;
use marquee_domain::PageRequest;
use marquee_domain::matchup::{Matchup, MatchupId, Side, Top4Set, VoteOutcome};
use marquee_domain::page::Page;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::{AuthUser, MaybeUser};
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::views::{RankedMediaResponse, numbered};

/// A set's owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnerResponse<'a> {
    /// The user's id.
    pub id: uuid::Uuid,
    /// Their display name.
    pub display_name: &'a str,
}

/// A top-4 set with its Elo rating.
#[derive(Debug, Serialize, ToSchema)]
pub struct Top4SetResponse<'a> {
    /// The set's id; a new one whenever its titles change.
    pub id: uuid::Uuid,
    /// Whose set it is.
    pub owner: OwnerResponse<'a>,
    /// The four titles, in the owner's order.
    pub media: Vec<RankedMediaResponse<'a>>,
    /// The Elo rating (1500 to start).
    #[schema(example = 1516.0)]
    pub rating: f64,
    /// Votes won.
    pub wins: u32,
    /// Votes lost.
    pub losses: u32,
    /// When these four titles were first set.
    pub created_at: DateTime<Utc>,
    /// When the set last changed (order or rating).
    pub updated_at: DateTime<Utc>,
}

impl<'a> From<&'a Top4Set> for Top4SetResponse<'a> {
    fn from(s: &'a Top4Set) -> Self {
        Self {
            id: s.id.0,
            owner: OwnerResponse { id: s.user.0, display_name: &s.owner },
            media: s.media.iter().map(RankedMediaResponse::from).collect(),
            rating: s.rating,
            wins: s.wins,
            losses: s.losses,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// Two sets to compare.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchupResponse<'a> {
    /// The matchup's id, to vote on.
    pub id: uuid::Uuid,
    /// Set `a`.
    pub a: Top4SetResponse<'a>,
    /// Set `b`.
    pub b: Top4SetResponse<'a>,
    /// When it was drawn.
    pub created_at: DateTime<Utc>,
}

impl<'a> From<&'a Matchup> for MatchupResponse<'a> {
    fn from(m: &'a Matchup) -> Self {
        Self { id: m.id.0, a: (&m.a).into(), b: (&m.b).into(), created_at: m.created_at }
    }
}

/// Your four favourite titles.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"media_ids": [
    "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1", "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2",
    "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3", "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4"]}))]
pub struct Top4Request {
    /// Exactly four distinct catalog item ids, favourite first.
    #[schema(value_type = Vec<uuid::Uuid>, min_items = 4, max_items = 4)]
    pub media_ids: Vec<String>,
}

/// Which side won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SideName {
    /// Set `a`.
    A,
    /// Set `b`.
    B,
}

/// A vote.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"winner": "a"}))]
pub struct VoteRequest {
    /// The better set: `a` or `b`.
    #[schema(value_type = SideName)]
    pub winner: String,
}

/// A set's rating around a vote.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingChangeResponse {
    /// The set.
    pub set_id: uuid::Uuid,
    /// Its rating before the vote.
    pub rating_before: f64,
    /// Its rating after.
    pub rating_after: f64,
}

/// A recorded vote.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoteResponse {
    /// The matchup.
    pub matchup_id: uuid::Uuid,
    /// The side chosen.
    pub winner: SideName,
    /// The winning set's rating change.
    pub winner_set: RatingChangeResponse,
    /// The losing set's rating change.
    pub loser_set: RatingChangeResponse,
}

impl From<&VoteOutcome> for VoteResponse {
    fn from(v: &VoteOutcome) -> Self {
        let change = |(id, before, after): (marquee_domain::matchup::SetId, f64, f64)| RatingChangeResponse {
            set_id: id.0,
            rating_before: before,
            rating_after: after,
        };
        Self {
            matchup_id: v.matchup.0,
            winner: match v.winner {
                Side::A => SideName::A,
                Side::B => SideName::B,
            },
            winner_set: change(v.winner_set),
            loser_set: change(v.loser_set),
        }
    }
}

/// A place on the leaderboard.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderboardEntryResponse<'a> {
    /// 1 = the best-rated set.
    pub rank: u64,
    /// The set.
    #[serde(flatten)]
    pub set: Top4SetResponse<'a>,
}

/// One page of the leaderboard.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderboardResponse<'a> {
    /// The sets of this page, best-rated first.
    pub items: Vec<LeaderboardEntryResponse<'a>>,
    /// How many sets there are.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many sets were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<Top4Set>> for LeaderboardResponse<'a> {
    fn from(page: &'a Page<Top4Set>) -> Self {
        Self {
            items: numbered(page, |rank, s| LeaderboardEntryResponse { rank, set: s.into() }),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// A page of a list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Entries to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
}

fn parse_ids(raw: &[String]) -> Result<Vec<uuid::Uuid>, ApiError> {
    let mut errors = Vec::new();
    let ids: Vec<uuid::Uuid> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.trim().parse().map_err(|_| errors.push(FieldError::new(format!("media_ids[{i}]"), "must be a UUID"))).ok()
        })
        .collect();
    if errors.is_empty() { Ok(ids) } else { Err(errors.into()) }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(put_top4).service(get_top4).service(next_matchup).service(vote_matchup).service(get_leaderboard);
}

/// Set your top 4
///
/// Names the caller's four favourite titles, favourite first. The same four titles in another order keep the set
/// and its rating; any other title makes a new set, rated 1500 with no votes, and withdraws the old set's open
/// matchups.
#[utoipa::path(
    tag = "matchups",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's set", body = Top4SetResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[put("/me/top4")]
async fn put_top4(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<Top4Request>,
) -> Result<HttpResponse, ApiError> {
    let ids = parse_ids(&body.media_ids)?;
    let set = state.matchups.put_top4(user, &ids).await?;
    Ok(HttpResponse::Ok().json(Top4SetResponse::from(&set)))
}

/// Your top 4
#[utoipa::path(
    tag = "matchups",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's set", body = Top4SetResponse),
        responses::Unauthorized,
        responses::NotFound,
        responses::Internal,
    )
)]
#[get("/me/top4")]
async fn get_top4(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    let set = state.matchups.top4(user).await?;
    Ok(HttpResponse::Ok().json(Top4SetResponse::from(&set)))
}

/// The next matchup
///
/// Two other users' sets to compare: the least-voted set against the closest rating, avoiding genres the caller
/// saw in their last matchups, never the caller's own set, never a set whose owner the caller may not see (a
/// private user's, or a followers-only user's the caller does not follow), and never a pair shown to the caller
/// within the repeat window (7 days by default). 404 when no such pair is left.
#[utoipa::path(
    tag = "matchups",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A new matchup", body = MatchupResponse),
        responses::Unauthorized,
        responses::NotFound,
        responses::Internal,
    )
)]
#[get("/matchups/next")]
async fn next_matchup(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    let matchup = state.matchups.next(user).await?;
    Ok(HttpResponse::Ok().json(MatchupResponse::from(&matchup)))
}

/// Vote on a matchup
///
/// Records the caller's choice once and moves both sets' Elo ratings in the same transaction.
#[utoipa::path(
    tag = "matchups",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The matchup's id")),
    responses(
        (status = 200, description = "The vote and the rating changes", body = VoteResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::NotFound,
        responses::Conflict,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/matchups/{id}/vote")]
async fn vote_matchup(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
    body: Json<VoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let side = match body.winner.trim() {
        "a" => Side::A,
        "b" => Side::B,
        _ => return Err(FieldError::new("winner", "must be \"a\" or \"b\"").into()),
    };
    let outcome = state.matchups.vote(user, MatchupId(id.into_inner()), side).await?;
    Ok(HttpResponse::Ok().json(VoteResponse::from(&outcome)))
}

/// The leaderboard
///
/// The top-4 sets the caller may see, by Elo rating, best first (ties: more votes first), with their votes. A set
/// shows its owner, so it is listed only to those who may see the owner's profile: signed out, public users' sets
/// only; signed in, also the caller's own and those of followers-only users the caller follows. A private user's
/// set is listed to its owner alone. Ranks count the sets listed.
#[utoipa::path(
    tag = "matchups",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "One page of the leaderboard", body = LeaderboardResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/matchups/leaderboard")]
async fn get_leaderboard(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    params: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(params.limit, params.offset)?;
    let board = state.matchups.leaderboard(viewer, page).await?;
    Ok(HttpResponse::Ok().json(LeaderboardResponse::from(&board)))
}
