//! Profiles' visibility, follows, and every read of someone else's data: their list, their taste profile, their
//! followers, and how compatible they are with the reader.
//!
//! Who may read what is decided by [`crate::privacy`]; [`SocialService::authorize`] applies it before any read of
//! one profile: open, [`SocialError::FollowersOnly`] (403: the profile's existence is not a secret, since one may
//! ask to follow it) or [`SocialError::NotFound`], exactly as an unknown id answers. The follower and following
//! lists also leave out every listed user the reader may not see.
//!
//! Following a public profile takes effect at once; following a followers-only profile is a request that the owner
//! approves; a private profile cannot be followed (it does not exist to others).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::consensus::ChartRepository;
use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaSummary};
use crate::page::{MAX_LIMIT, Page, PageRequest};
use crate::privacy::{self, Access, Audience, FollowState, Relation, Visibility};
use crate::ranking::{RankedTitle, RankingFilter, RankingRepository};
use crate::taste::{self, Compatibility, TasteEntry, TasteProfile};
use crate::user::UserId;

/// One entry of a followers or following list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    /// The other user.
    pub user: UserId,
    /// Their display name.
    pub display_name: String,
    /// Accepted or requested.
    pub state: FollowState,
    /// When the follow was asked for.
    pub since: DateTime<Utc>,
}

/// Visibility and follows.
#[async_trait]
pub trait SocialRepository: Send + Sync {
    /// A user's visibility; `None` for an unknown user.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn visibility(&self, user: UserId) -> Result<Option<Visibility>, StoreError>;

    /// Sets a user's visibility; `false` for an unknown user.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn set_visibility(&self, user: UserId, visibility: Visibility) -> Result<bool, StoreError>;

    /// Records that `follower` follows `followee`, accepted or as a request. An existing follow is kept as it is
    /// (a request is not accepted by asking again); returns the follow's state afterwards. Both users exist and
    /// differ (the service checks).
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn follow(&self, follower: UserId, followee: UserId, accepted: bool) -> Result<FollowState, StoreError>;

    /// Deletes a follow or a request; `false` when there was none.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn unfollow(&self, follower: UserId, followee: UserId) -> Result<bool, StoreError>;

    /// Accepts `follower`'s request to follow `owner`; `false` when there is no pending request.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn approve(&self, owner: UserId, follower: UserId) -> Result<bool, StoreError>;

    /// Where `follower` stands with `followee`, if anywhere.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn follow_state(&self, follower: UserId, followee: UserId) -> Result<Option<FollowState>, StoreError>;

    /// Who follows `user`, newest first; requests too when `with_requests`. Only the followers `audience` shows
    /// are listed and counted in the total.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn followers(
        &self,
        user: UserId,
        with_requests: bool,
        audience: &Audience,
        page: PageRequest,
    ) -> Result<Page<Follow>, StoreError>;

    /// Whom `user` follows (accepted follows only), newest first. Only the followees `audience` shows are listed
    /// and counted in the total.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn following(&self, user: UserId, audience: &Audience, page: PageRequest)
    -> Result<Page<Follow>, StoreError>;
}

/// Why a social request failed.
#[derive(Debug, thiserror::Error)]
pub enum SocialError {
    /// Bad input (following oneself, an unknown visibility).
    #[error("validation failed")]
    Invalid(Vec<FieldError>),
    /// No such user, or one whose profile is private.
    #[error("user not found")]
    NotFound,
    /// The profile is for its followers only.
    #[error("this profile is visible to its followers only")]
    FollowersOnly,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FieldError> for SocialError {
    fn from(e: FieldError) -> Self {
        SocialError::Invalid(vec![e])
    }
}

/// A taste profile whose defining titles are shown whole.
pub type Taste = TasteProfile<MediaSummary>;

/// A compatibility whose titles are shown whole.
pub type Match = Compatibility<MediaSummary>;

/// The social use cases.
#[derive(Clone)]
pub struct SocialService {
    social: Arc<dyn SocialRepository>,
    rankings: Arc<dyn RankingRepository>,
    charts: Arc<dyn ChartRepository>,
}

impl fmt::Debug for SocialService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SocialService").finish_non_exhaustive()
    }
}

impl SocialService {
    /// A service over the social store and the lists it shows.
    pub fn new(
        social: Arc<dyn SocialRepository>,
        rankings: Arc<dyn RankingRepository>,
        charts: Arc<dyn ChartRepository>,
    ) -> Self {
        Self { social, rankings, charts }
    }

    /// The store, for the activity feed's visibility joins.
    pub fn repository(&self) -> &Arc<dyn SocialRepository> {
        &self.social
    }

    /// Whether `viewer` (`None`: signed out) may read `owner`'s data; see the module docs.
    ///
    /// # Errors
    /// `NotFound` for an unknown or private profile, `FollowersOnly`, or `Store`.
    pub async fn authorize(&self, viewer: Option<UserId>, owner: UserId) -> Result<(), SocialError> {
        let visibility = self.social.visibility(owner).await?.ok_or(SocialError::NotFound)?;
        let mut relation = Relation::of(viewer, owner, None);
        // The follow is read only when it could open what a stranger may not see.
        if let (Some(v), Relation::Stranger) = (viewer, relation)
            && privacy::access(visibility, relation) != Access::Open
        {
            relation = Relation::of(viewer, owner, self.social.follow_state(v, owner).await?);
        }
        match privacy::access(visibility, relation) {
            Access::Open => Ok(()),
            Access::FollowersOnly => Err(SocialError::FollowersOnly),
            Access::Hidden => Err(SocialError::NotFound),
        }
    }

    /// The caller's visibility.
    ///
    /// # Errors
    /// `NotFound` when the account has gone, or `Store`.
    pub async fn visibility(&self, user: UserId) -> Result<Visibility, SocialError> {
        self.social.visibility(user).await?.ok_or(SocialError::NotFound)
    }

    /// Sets the caller's visibility from its API spelling.
    ///
    /// # Errors
    /// `Invalid` for an unknown spelling, `NotFound` when the account has gone, or `Store`.
    pub async fn set_visibility(&self, user: UserId, raw: &str) -> Result<Visibility, SocialError> {
        let visibility: Visibility = raw.parse()?;
        if self.social.set_visibility(user, visibility).await? { Ok(visibility) } else { Err(SocialError::NotFound) }
    }

    /// `me` follows `them`: at once for a public profile, as a request for a followers-only one.
    ///
    /// # Errors
    /// `Invalid` for oneself, `NotFound` for an unknown or private profile, or `Store`.
    pub async fn follow(&self, me: UserId, them: UserId) -> Result<FollowState, SocialError> {
        if me == them {
            return Err(FieldError::new("id", "you cannot follow yourself").into());
        }
        let visibility = self.social.visibility(them).await?.ok_or(SocialError::NotFound)?;
        // Whether a follow is accepted at once is what the profile shows a stranger: all of it, or only that it
        // exists (a request), or nothing (it cannot be followed).
        let accepted = match privacy::access(visibility, Relation::Stranger) {
            Access::Open => true,
            Access::FollowersOnly => false,
            Access::Hidden => return Err(SocialError::NotFound),
        };
        Ok(self.social.follow(me, them, accepted).await?)
    }

    /// `me` stops following `them` (or withdraws a request). Not following is no error; a private profile one
    /// has no follow with is `NotFound`, as an unknown one.
    ///
    /// # Errors
    /// `NotFound`, or `Store`.
    pub async fn unfollow(&self, me: UserId, them: UserId) -> Result<(), SocialError> {
        let visibility = self.social.visibility(them).await?.ok_or(SocialError::NotFound)?;
        let removed = self.social.unfollow(me, them).await?;
        if !removed && privacy::access(visibility, Relation::of(Some(me), them, None)) == Access::Hidden {
            return Err(SocialError::NotFound);
        }
        Ok(())
    }

    /// The owner accepts a follow request.
    ///
    /// # Errors
    /// `NotFound` when `follower` has no pending request, or `Store`.
    pub async fn approve(&self, owner: UserId, follower: UserId) -> Result<(), SocialError> {
        if self.social.approve(owner, follower).await? { Ok(()) } else { Err(SocialError::NotFound) }
    }

    /// Who follows `owner`; the owner also sees pending requests. Followers the viewer may not see are left out.
    ///
    /// # Errors
    /// The errors of [`SocialService::authorize`].
    pub async fn followers(
        &self,
        viewer: Option<UserId>,
        owner: UserId,
        page: PageRequest,
    ) -> Result<Page<Follow>, SocialError> {
        self.authorize(viewer, owner).await?;
        Ok(self.social.followers(owner, viewer == Some(owner), &Audience::of(viewer), page).await?)
    }

    /// Whom `owner` follows; followees the viewer may not see are left out.
    ///
    /// # Errors
    /// The errors of [`SocialService::authorize`].
    pub async fn following(
        &self,
        viewer: Option<UserId>,
        owner: UserId,
        page: PageRequest,
    ) -> Result<Page<Follow>, SocialError> {
        self.authorize(viewer, owner).await?;
        Ok(self.social.following(owner, &Audience::of(viewer), page).await?)
    }

    /// One page of `owner`'s tier list.
    ///
    /// # Errors
    /// The errors of [`SocialService::authorize`].
    pub async fn rankings(
        &self,
        viewer: Option<UserId>,
        owner: UserId,
        filter: &RankingFilter,
    ) -> Result<Page<RankedTitle>, SocialError> {
        self.authorize(viewer, owner).await?;
        Ok(self.rankings.list(owner, filter).await?)
    }

    /// `owner`'s taste profile.
    ///
    /// # Errors
    /// The errors of [`SocialService::authorize`].
    pub async fn taste(&self, viewer: Option<UserId>, owner: UserId) -> Result<Taste, SocialError> {
        self.authorize(viewer, owner).await?;
        let list = self.whole_list(owner).await?;
        let entries: Vec<TasteEntry<MediaSummary>> = list.iter().map(|t| entry(t, t.media.clone())).collect();
        Ok(taste::profile(&entries))
    }

    /// How compatible `me` is with `them` (0–100), with the explanation.
    ///
    /// # Errors
    /// The errors of [`SocialService::authorize`] for `them`.
    pub async fn compatibility(&self, me: UserId, them: UserId) -> Result<Match, SocialError> {
        self.authorize(Some(me), them).await?;
        let (mine, theirs) = (self.whole_list(me).await?, self.whole_list(them).await?);
        let titles: HashMap<MediaId, &MediaSummary> =
            mine.iter().chain(&theirs).map(|t| (t.media.id, &t.media)).collect();
        let by_id = |list: &[RankedTitle]| list.iter().map(|t| entry(t, t.media.id)).collect::<Vec<_>>();
        let ids: Vec<MediaId> = titles.keys().copied().collect();
        // The chart's strengths are the consensus both lists are compared with (see `taste::leaning`).
        let consensus = self.charts.strengths(&ids).await?;
        let found = taste::compatibility(&by_id(&mine), &by_id(&theirs), &consensus);
        let title = |id: MediaId| titles.get(&id).map(|m| (*m).clone());
        let shown = |shared: Vec<taste::SharedTitle<MediaId>>| {
            shared
                .into_iter()
                .filter_map(|s| Some(taste::SharedTitle { item: title(s.item)?, mine: s.mine, theirs: s.theirs }))
                .collect()
        };
        Ok(Compatibility {
            score: found.score,
            shared: found.shared,
            tau_b: found.tau_b,
            profile_similarity: found.profile_similarity,
            leaning_mine: found.leaning_mine,
            leaning_theirs: found.leaning_theirs,
            predicted_agreement: found.predicted_agreement,
            agree_most: shown(found.agree_most),
            disagree_most: shown(found.disagree_most),
            genres_apart: found.genres_apart,
        })
    }

    /// Every title of a list, best first, read page by page.
    async fn whole_list(&self, user: UserId) -> Result<Vec<RankedTitle>, StoreError> {
        let mut all = Vec::new();
        loop {
            let page = PageRequest::new(Some(i64::from(MAX_LIMIT)), Some(i64::try_from(all.len()).unwrap_or(i64::MAX)))
                .map_err(|e| StoreError::new(format!("a list too long to read whole: {e:?}")))?;
            let filter = RankingFilter { page, ..RankingFilter::default() };
            let got = self.rankings.list(user, &filter).await?;
            let done = got.items.is_empty() || all.len() + got.items.len() >= usize::try_from(got.total).unwrap_or(0);
            all.extend(got.items);
            if done {
                return Ok(all);
            }
        }
    }
}

fn entry<T>(title: &RankedTitle, item: T) -> TasteEntry<T> {
    TasteEntry {
        item,
        score: title.score.value(),
        genres: title.media.genres.clone(),
        year: title.media.year.map(i32::from),
        kind: title.media.kind.as_str().to_owned(),
    }
}
