//! Profiles and follows: finding people by name, the caller's visibility, following and unfollowing, follower
//! lists, and the reads of someone else's data (their list, taste profile, and compatibility with the caller).
//!
//! Every read of another user's data goes through `SocialService::authorize`: a private profile is a 404 exactly
//! like an unknown id, a followers-only profile a 403 to anyone but its accepted followers. Those reads need no
//! token, but read one when sent (a follower's token opens a followers-only profile; a bad token is a 401).

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, delete, get, post, put};
use chrono::{DateTime, Utc};
use marquee_domain::PageRequest;
use marquee_domain::page::Page;
use marquee_domain::people::Person;
use marquee_domain::privacy::{FollowState, Visibility};
use marquee_domain::social::{Follow, Match, Taste};
use marquee_domain::taste::{Affinity, SharedTitle};
use marquee_domain::user::UserId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::{AuthUser, MaybeUser};
use crate::error::{ApiError, responses};
use crate::input::Json;
use crate::views::{RankedMediaResponse, RankingListParams, RankingPageResponse};

/// Who may read a profile's list, taste, follows and activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum VisibilityName {
    /// Everyone, signed in or not (the default).
    Public,
    /// Accepted followers only; others get 403.
    Followers,
    /// The owner only; others get 404, as for an unknown user.
    Private,
}

impl From<Visibility> for VisibilityName {
    fn from(v: Visibility) -> Self {
        match v {
            Visibility::Public => Self::Public,
            Visibility::Followers => Self::Followers,
            Visibility::Private => Self::Private,
        }
    }
}

/// Set the caller's visibility.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"visibility": "followers"}))]
pub struct VisibilityRequest {
    /// `public`, `followers` or `private`.
    #[schema(value_type = VisibilityName)]
    pub visibility: String,
}

/// The caller's visibility.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisibilityResponse {
    /// Who may read the caller's data.
    pub visibility: VisibilityName,
}

/// Where a follow stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FollowStateName {
    /// Accepted.
    Following,
    /// Waiting for the owner of a followers-only profile to approve it.
    Requested,
}

impl From<FollowState> for FollowStateName {
    fn from(s: FollowState) -> Self {
        match s {
            FollowState::Following => Self::Following,
            FollowState::Requested => Self::Requested,
        }
    }
}

/// The follow the caller now has.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowResponse {
    /// `following` for a public profile, `requested` for a followers-only one until its owner approves.
    pub state: FollowStateName,
}

/// One user of a followers or following list.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowItemResponse<'a> {
    /// The user's id.
    pub user_id: uuid::Uuid,
    /// Their display name.
    pub display_name: &'a str,
    /// `requested` appears only in the owner's own follower list.
    pub state: FollowStateName,
    /// When the follow was asked for.
    pub since: DateTime<Utc>,
}

/// One page of followers or followed users, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowPageResponse<'a> {
    /// The users of this page.
    pub items: Vec<FollowItemResponse<'a>>,
    /// How many in all.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<Follow>> for FollowPageResponse<'a> {
    fn from(page: &'a Page<Follow>) -> Self {
        Self {
            items: page
                .items
                .iter()
                .map(|f| FollowItemResponse {
                    user_id: f.user.0,
                    display_name: &f.display_name,
                    state: f.state.into(),
                    since: f.since,
                })
                .collect(),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// People search: the text to find and the page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleSearchParams {
    /// Text within the display name, case ignored: 3 to 50 characters once trimmed.
    #[param(min_length = 3, max_length = 50)]
    pub q: String,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Users to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
}

/// A user found by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonResponse<'a> {
    /// The user's id.
    pub user_id: uuid::Uuid,
    /// Their display name.
    pub display_name: &'a str,
    /// `followers`: their data is for accepted followers only (ask to follow); `private` only for the caller.
    pub visibility: VisibilityName,
}

/// One page of people, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeoplePageResponse<'a> {
    /// The users of this page.
    pub items: Vec<PersonResponse<'a>>,
    /// How many match in all.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<Person>> for PeoplePageResponse<'a> {
    fn from(page: &'a Page<Person>) -> Self {
        Self {
            items: page
                .items
                .iter()
                .map(|p| PersonResponse {
                    user_id: p.id.0,
                    display_name: &p.display_name,
                    visibility: p.visibility.into(),
                })
                .collect(),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// A page of a follower list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowPageParams {
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Users to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
}

/// Filters and page of someone's list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserRankingParams {
    /// Only this tier.
    #[param(value_type = Option<crate::views::TierName>)]
    pub tier: Option<String>,
    /// Only titles of this kind.
    #[param(value_type = Option<crate::views::MediaKindName>)]
    pub kind: Option<String>,
    /// Only titles with this genre (case-insensitive).
    pub genre: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Rankings to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
}

/// How strongly a profile leans toward one genre, decade or kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct AffinityResponse<'a> {
    /// The genre, the decade (`1990s`) or the kind.
    pub key: &'a str,
    /// How many ranked titles have it.
    pub count: usize,
    /// Their mean derived score (0–10).
    pub mean_score: f64,
    /// The score-weighted lean, −1 to +1, shrunk toward 0 for rare attributes.
    pub affinity: f64,
}

fn affinities(list: &[Affinity]) -> Vec<AffinityResponse<'_>> {
    list.iter()
        .map(|a| AffinityResponse { key: &a.key, count: a.count, mean_score: a.mean_score, affinity: a.affinity })
        .collect()
}

/// A user's taste profile, derived from their tier list.
#[derive(Debug, Serialize, ToSchema)]
pub struct TasteResponse<'a> {
    /// Whose profile.
    pub user_id: uuid::Uuid,
    /// Ranked titles.
    pub count: usize,
    /// Mean derived score.
    pub mean_score: f64,
    /// Per genre, strongest affinity first.
    pub genres: Vec<AffinityResponse<'a>>,
    /// Per decade of release.
    pub decades: Vec<AffinityResponse<'a>>,
    /// Per kind.
    pub kinds: Vec<AffinityResponse<'a>>,
    /// The titles that define it: the highest scored (at most five).
    #[schema(max_items = 5)]
    pub defining: Vec<RankedMediaResponse<'a>>,
}

/// A title both users ranked.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedTitleResponse<'a> {
    /// The title.
    pub media: RankedMediaResponse<'a>,
    /// The caller's derived score.
    pub mine: f64,
    /// The other user's derived score.
    pub theirs: f64,
}

/// A genre on which the two profiles differ.
#[derive(Debug, Serialize, ToSchema)]
pub struct GenreGapResponse<'a> {
    /// The genre.
    pub genre: &'a str,
    /// The caller's affinity.
    pub mine: f64,
    /// The other user's affinity.
    pub theirs: f64,
}

/// How compatible the caller's taste is with another user's.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompatibilityResponse<'a> {
    /// The other user.
    pub user_id: uuid::Uuid,
    /// 0–100: `50 + 100 × predicted_agreement`, clamped. 50 means no agreement is expected on titles neither has
    /// ranked yet; each point above is 0.01 of predicted Kendall tau-b.
    #[schema(maximum = 100, example = 72)]
    pub score: u8,
    /// Titles both ranked.
    pub shared: usize,
    /// Kendall's tau-b over the shared titles' scores (null below two, or when one side is constant).
    #[schema(minimum = -1, maximum = 1)]
    pub tau_b: Option<f64>,
    /// Cosine similarity of the genre, decade and kind affinities, −1 to 1.
    #[schema(minimum = -1, maximum = 1)]
    pub profile_similarity: f64,
    /// How closely the caller's list follows the consensus chart (shrunk Kendall tau-b), −1 to 1.
    #[schema(minimum = -1, maximum = 1)]
    pub leaning_mine: f64,
    /// How closely the other user's list follows the consensus chart, −1 to 1.
    #[schema(minimum = -1, maximum = 1)]
    pub leaning_theirs: f64,
    /// The Kendall tau-b the two are predicted to reach on titles both rank later: rank agreement on shared
    /// titles (trusted more as they grow), the product of the two leanings, and a weak profile-similarity prior.
    #[schema(minimum = -1, maximum = 1)]
    pub predicted_agreement: f64,
    /// Shared titles with the closest scores (at most three).
    #[schema(max_items = 3)]
    pub agree_most: Vec<SharedTitleResponse<'a>>,
    /// Shared titles with the furthest scores (at most three).
    #[schema(max_items = 3)]
    pub disagree_most: Vec<SharedTitleResponse<'a>>,
    /// Genres with the largest affinity gap (at most three).
    #[schema(max_items = 3)]
    pub genres_apart: Vec<GenreGapResponse<'a>>,
}

fn shared(list: &[SharedTitle<marquee_domain::media::MediaSummary>]) -> Vec<SharedTitleResponse<'_>> {
    list.iter()
        .map(|s| SharedTitleResponse { media: RankedMediaResponse::from(&s.item), mine: s.mine, theirs: s.theirs })
        .collect()
}

fn compatibility_response(user: uuid::Uuid, m: &Match) -> CompatibilityResponse<'_> {
    CompatibilityResponse {
        user_id: user,
        score: m.score,
        shared: m.shared,
        tau_b: m.tau_b,
        profile_similarity: m.profile_similarity,
        leaning_mine: m.leaning_mine,
        leaning_theirs: m.leaning_theirs,
        predicted_agreement: m.predicted_agreement,
        agree_most: shared(&m.agree_most),
        disagree_most: shared(&m.disagree_most),
        genres_apart: m
            .genres_apart
            .iter()
            .map(|g| GenreGapResponse { genre: &g.genre, mine: g.mine, theirs: g.theirs })
            .collect(),
    }
}

fn taste_response(user: uuid::Uuid, t: &Taste) -> TasteResponse<'_> {
    TasteResponse {
        user_id: user,
        count: t.count,
        mean_score: t.mean_score,
        genres: affinities(&t.genres),
        decades: affinities(&t.decades),
        kinds: affinities(&t.kinds),
        defining: t.defining.iter().map(RankedMediaResponse::from).collect(),
    }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(search_users)
        .service(get_visibility)
        .service(set_visibility)
        .service(follow_user)
        .service(unfollow_user)
        .service(approve_follower)
        .service(list_followers)
        .service(list_following)
        .service(user_rankings)
        .service(user_taste)
        .service(user_compatibility);
}

/// The caller's visibility
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Who may read the caller's data", body = VisibilityResponse),
        responses::Unauthorized,
        responses::Internal,
    )
)]
#[get("/me/visibility")]
async fn get_visibility(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    let visibility = state.social.visibility(user).await?;
    Ok(HttpResponse::Ok().json(VisibilityResponse { visibility: visibility.into() }))
}

/// Set the caller's visibility
///
/// `public` (the default): everyone may read the caller's list, taste, follows and activity. `followers`: only
/// accepted followers (new follows become requests the caller approves). `private`: nobody; to others the profile
/// does not exist.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new visibility", body = VisibilityResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[put("/me/visibility")]
async fn set_visibility(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: Json<VisibilityRequest>,
) -> Result<HttpResponse, ApiError> {
    let visibility = state.social.set_visibility(user, &body.visibility).await?;
    Ok(HttpResponse::Ok().json(VisibilityResponse { visibility: visibility.into() }))
}

/// Follow a user
///
/// Takes effect at once for a public profile; for a followers-only profile it is a request until its owner
/// approves it. Following again changes nothing. Following oneself is a 422; a private or unknown profile a 404.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user to follow")),
    responses(
        (status = 200, description = "The follow as it now stands", body = FollowResponse),
        responses::Unauthorized,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/users/{id}/follow")]
async fn follow_user(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let follow = state.social.follow(user, UserId(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(FollowResponse { state: follow.into() }))
}

/// Unfollow a user
///
/// Ends a follow or withdraws a request; not following is no error.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user to unfollow")),
    responses(
        (status = 204, description = "Not following any more"),
        responses::Unauthorized,
        responses::NotFound,
        responses::Internal,
    )
)]
#[delete("/users/{id}/follow")]
async fn unfollow_user(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.social.unfollow(user, UserId(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Approve a follow request
///
/// Accepts the pending request of the user in the path to follow the caller.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user who asked to follow")),
    responses(
        (status = 204, description = "Approved: they now follow the caller"),
        responses::Unauthorized,
        responses::NotFound,
        responses::Internal,
    )
)]
#[post("/me/followers/{id}/approve")]
async fn approve_follower(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.social.approve(user, UserId(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A user's followers
///
/// Newest first. The owner also sees pending requests (`state` = `requested`).
#[utoipa::path(
    tag = "social",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user"), FollowPageParams),
    responses(
        (status = 200, description = "One page of followers", body = FollowPageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::FollowersOnly,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/users/{id}/followers")]
async fn list_followers(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    id: web::Path<uuid::Uuid>,
    params: Query<FollowPageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(params.limit, params.offset)?;
    let found = state.social.followers(viewer, UserId(id.into_inner()), page).await?;
    Ok(HttpResponse::Ok().json(FollowPageResponse::from(&found)))
}

/// Find people
///
/// Users whose display name contains `q` (case ignored), by name. Who is found is the privacy rule's: public and
/// followers-only profiles (the latter to ask to follow them), never a private one (not even by its accepted
/// followers; only its owner finds themselves) and never a disabled account.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    params(PeopleSearchParams),
    responses(
        (status = 200, description = "One page of people, by name", body = PeoplePageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/users")]
async fn search_users(
    state: web::Data<AppState>,
    AuthUser(viewer): AuthUser,
    params: Query<PeopleSearchParams>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(params.limit, params.offset)?;
    let found = state.accounts.find_people(viewer, &params.q, page).await?;
    Ok(HttpResponse::Ok().json(PeoplePageResponse::from(&found)))
}

/// Whom a user follows
///
/// Newest first; accepted follows only.
#[utoipa::path(
    tag = "social",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user"), FollowPageParams),
    responses(
        (status = 200, description = "One page of followed users", body = FollowPageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::FollowersOnly,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/users/{id}/following")]
async fn list_following(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    id: web::Path<uuid::Uuid>,
    params: Query<FollowPageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(params.limit, params.offset)?;
    let found = state.social.following(viewer, UserId(id.into_inner()), page).await?;
    Ok(HttpResponse::Ok().json(FollowPageResponse::from(&found)))
}

/// A user's tier list
///
/// One page of someone's rankings, S → D and best first inside each tier, with the same filters as the caller's
/// own list; subject to the profile's visibility.
#[utoipa::path(
    tag = "social",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user"), UserRankingParams),
    responses(
        (status = 200, description = "One page of the list", body = RankingPageResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::FollowersOnly,
        responses::NotFound,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/users/{id}/rankings")]
async fn user_rankings(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    id: web::Path<uuid::Uuid>,
    params: Query<UserRankingParams>,
) -> Result<HttpResponse, ApiError> {
    let p = params.into_inner();
    let filter = RankingListParams {
        tier: p.tier,
        kind: p.kind,
        genre: p.genre,
        limit: p.limit,
        offset: p.offset,
        on_my_services: None,
    }
    .into_filter()?;
    let page = state.social.rankings(viewer, UserId(id.into_inner()), &filter).await?;
    Ok(HttpResponse::Ok().json(RankingPageResponse::from(&page)))
}

/// A user's taste profile
///
/// Affinities per genre, decade and kind, weighted by derived scores and shrunk for rare attributes, and the
/// titles that define the list; subject to the profile's visibility.
#[utoipa::path(
    tag = "social",
    // Signing in is optional: a token, when sent, is checked and widens what the caller may see.
    security((), ("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user")),
    responses(
        (status = 200, description = "The taste profile", body = TasteResponse),
        responses::Unauthorized,
        responses::FollowersOnly,
        responses::NotFound,
        responses::Internal,
    )
)]
#[get("/users/{id}/taste")]
async fn user_taste(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let owner = id.into_inner();
    let taste = state.social.taste(viewer, UserId(owner)).await?;
    Ok(HttpResponse::Ok().json(taste_response(owner, &taste)))
}

/// Taste compatibility with a user
///
/// 0–100 between the caller and the user in the path, with what drives it: the titles they agree and disagree on
/// most and the genres that pull them apart; subject to the other profile's visibility.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The other user")),
    responses(
        (status = 200, description = "The compatibility", body = CompatibilityResponse),
        responses::Unauthorized,
        responses::FollowersOnly,
        responses::NotFound,
        responses::Internal,
    )
)]
#[get("/users/{id}/compatibility")]
async fn user_compatibility(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let other = id.into_inner();
    let found = state.social.compatibility(user, UserId(other)).await?;
    Ok(HttpResponse::Ok().json(compatibility_response(other, &found)))
}
