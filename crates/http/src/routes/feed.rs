//! The activity feed, `GET /api/v1/feed`: what the people the caller follows did, newest first, with runs of one
//! user's same action folded into one entry (see `marquee_domain::feed`). Private profiles never appear, nor
//! follows of private profiles.

use actix_web::web::{self, Query};
use actix_web::{HttpResponse, get};
use chrono::{DateTime, Utc};
use marquee_domain::feed::{ActivityTitle, FeedEntry, FeedPage, UserRef, Verb};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::views::{RankedMediaResponse, TierName};

/// What a user did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerbName {
    /// Put titles on their list.
    Placed,
    /// Moved titles within or across tiers.
    Moved,
    /// Took titles off their list.
    Removed,
    /// Answered placement comparisons.
    Compared,
    /// Voted on top-4 matchups.
    Voted,
    /// Started following users.
    Followed,
    /// Set or changed their top 4.
    #[serde(rename = "top4_changed")]
    Top4Changed,
}

impl From<Verb> for VerbName {
    fn from(v: Verb) -> Self {
        match v {
            Verb::Placed => Self::Placed,
            Verb::Moved => Self::Moved,
            Verb::Removed => Self::Removed,
            Verb::Compared => Self::Compared,
            Verb::Voted => Self::Voted,
            Verb::Followed => Self::Followed,
            Verb::Top4Changed => Self::Top4Changed,
        }
    }
}

/// A page of the feed.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// Where to go on from: a `next_cursor` (or an entry's `cursor`) from an earlier page; absent for the newest.
    pub cursor: Option<String>,
    /// Entries per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// A user as the feed names them.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedUserResponse<'a> {
    /// Their id.
    pub id: uuid::Uuid,
    /// Their display name.
    pub display_name: &'a str,
}

fn user(u: &UserRef) -> FeedUserResponse<'_> {
    FeedUserResponse { id: u.id.0, display_name: &u.display_name }
}

/// A title an entry involved.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedTitleResponse<'a> {
    /// The title.
    pub media: RankedMediaResponse<'a>,
    /// The tier it was placed, moved or removed in (null for comparisons and top-4 changes).
    pub tier: Option<TierName>,
}

fn title(t: &ActivityTitle) -> FeedTitleResponse<'_> {
    FeedTitleResponse { media: RankedMediaResponse::from(&t.media), tier: t.tier.map(Into::into) }
}

/// One entry: one action, or a run of one user's same action within a minute folded together.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedEntryResponse<'a> {
    /// The newest folded action's id.
    pub id: i64,
    /// Pass as `cursor` to read what came before this entry.
    pub cursor: String,
    /// Who.
    pub actor: FeedUserResponse<'a>,
    /// What.
    pub verb: VerbName,
    /// How many actions the entry folds.
    #[schema(example = 3)]
    pub count: u32,
    /// The first three distinct titles involved, newest first (none for votes and follows).
    pub titles: Vec<FeedTitleResponse<'a>>,
    /// For `followed`: the first three distinct users followed, newest first.
    pub targets: Vec<FeedUserResponse<'a>>,
    /// When the newest folded action happened.
    pub created_at: DateTime<Utc>,
    /// When the oldest folded action happened.
    pub first_at: DateTime<Utc>,
}

fn entry(e: &FeedEntry) -> FeedEntryResponse<'_> {
    FeedEntryResponse {
        id: e.id.0,
        cursor: e.cursor.to_string(),
        actor: user(&e.actor),
        verb: e.verb.into(),
        count: e.count,
        titles: e.titles.iter().map(title).collect(),
        targets: e.targets.iter().map(user).collect(),
        created_at: e.created_at,
        first_at: e.first_at,
    }
}

/// One page of the feed, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedResponse<'a> {
    /// The entries.
    pub entries: Vec<FeedEntryResponse<'a>>,
    /// The cursor of the next page; null at the end of the feed.
    pub next_cursor: Option<String>,
}

impl<'a> From<&'a FeedPage> for FeedResponse<'a> {
    fn from(page: &'a FeedPage) -> Self {
        Self { entries: page.entries.iter().map(entry).collect(), next_cursor: page.next.map(|c| c.to_string()) }
    }
}

pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_feed);
}

/// The caller's feed
///
/// What the users the caller follows (accepted follows) did, newest first: placed, moved and removed titles,
/// placement comparisons, matchup votes, follows and top-4 changes. Consecutive actions of one user and one verb
/// within a minute of the newest are one entry with a `count`. Private profiles, and follows of private profiles,
/// never appear. Page with `next_cursor`; an entry never spans two pages.
#[utoipa::path(
    tag = "social",
    security(("bearer" = [])),
    params(FeedParams),
    responses(
        (status = 200, description = "One page of the feed", body = FeedResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/feed")]
async fn get_feed(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<FeedParams>,
) -> Result<HttpResponse, ApiError> {
    let page = state.feed.page(user, params.cursor.as_deref(), params.limit).await?;
    Ok(HttpResponse::Ok().json(FeedResponse::from(&page)))
}
