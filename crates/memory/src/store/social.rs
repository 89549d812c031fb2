//! [`SocialRepository`] in memory: visibilities and follows beside the accounts.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::activity;
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::privacy::{Audience, FollowState, Visibility};
use marquee_domain::social::{Follow, SocialRepository};
use marquee_domain::user::UserId;

use super::{MemoryStore, State};

/// Visibilities (absent: public, the default) and follows by `(follower, followee)`.
#[derive(Debug, Default)]
pub(super) struct SocialTables {
    visibility: HashMap<UserId, Visibility>,
    follows: HashMap<(UserId, UserId), (bool, DateTime<Utc>)>,
}

impl SocialTables {
    /// Forgets a deleted account's visibility and its follows both ways (requests included).
    pub(super) fn forget(&mut self, user: UserId) {
        self.visibility.remove(&user);
        self.follows.retain(|(follower, followee), _| *follower != user && *followee != user);
    }
}

impl State {
    /// A user's visibility (public when never set).
    pub(super) fn visibility_of(&self, user: UserId) -> Visibility {
        self.social.visibility.get(&user).copied().unwrap_or_default()
    }

    /// Whether `follower` follows `followee` with an accepted follow.
    pub(super) fn accepted(&self, follower: UserId, followee: UserId) -> bool {
        self.social.follows.get(&(follower, followee)).is_some_and(|row| row.0)
    }

    /// Whether `audience` may be shown `user`: the domain's rule over what this store holds of them.
    pub(super) fn shows(&self, audience: &Audience, user: UserId) -> bool {
        let followed = audience.viewer().is_some_and(|v| self.accepted(v, user));
        self.has_user(user) && audience.shows(user, self.visibility_of(user), followed)
    }

    /// Logs a follow written as `accepted` that was `was_accepted`, if the feed rule says so.
    fn log_follow(&mut self, follower: UserId, followee: UserId, was_accepted: bool, accepted: bool) {
        if let Some(row) = activity::followed(follower, followee, was_accepted, accepted) {
            self.log(row, Utc::now());
        }
    }
}

fn state(accepted: bool) -> FollowState {
    if accepted { FollowState::Following } else { FollowState::Requested }
}

/// The rows `keep` selects, each shown as the user `other` names, newest first, cut to one page.
fn listed(
    s: &State,
    keep: impl Fn(&(UserId, UserId), bool) -> bool,
    other: impl Fn(&(UserId, UserId)) -> UserId,
    page: PageRequest,
) -> Page<Follow> {
    let mut rows: Vec<Follow> = s
        .social
        .follows
        .iter()
        .filter(|(k, (accepted, _))| keep(k, *accepted))
        .map(|(k, &(accepted, since))| Follow {
            user: other(k),
            display_name: s.users.get(&other(k)).map(|(u, _)| u.display_name.clone()).unwrap_or_default(),
            state: state(accepted),
            since,
        })
        .collect();
    rows.sort_by(|a, b| b.since.cmp(&a.since).then(a.user.cmp(&b.user)));
    Page::slice(rows, page)
}

impl State {
    /// Whom `user` follows with an accepted follow, among those `audience` shows.
    pub(super) fn visible_followees(&self, user: UserId, audience: &Audience) -> Vec<UserId> {
        self.social
            .follows
            .iter()
            .filter(|((follower, followee), (accepted, _))| {
                *follower == user && *accepted && self.shows(audience, *followee)
            })
            .map(|((_, followee), _)| *followee)
            .collect()
    }
}

#[async_trait]
impl SocialRepository for MemoryStore {
    async fn visibility(&self, user: UserId) -> Result<Option<Visibility>, StoreError> {
        let s = self.lock();
        Ok(s.has_user(user).then(|| s.social.visibility.get(&user).copied().unwrap_or_default()))
    }

    async fn set_visibility(&self, user: UserId, visibility: Visibility) -> Result<bool, StoreError> {
        let mut s = self.lock();
        if !s.has_user(user) {
            return Ok(false);
        }
        s.social.visibility.insert(user, visibility);
        if visibility == Visibility::Public {
            let mut accepted = Vec::new();
            for ((follower, followee), row) in &mut s.social.follows {
                if *followee == user && !row.0 {
                    row.0 = true;
                    accepted.push(*follower);
                }
            }
            for follower in accepted {
                s.log_follow(follower, user, false, true);
            }
        }
        Ok(true)
    }

    async fn follow(&self, follower: UserId, followee: UserId, accepted: bool) -> Result<FollowState, StoreError> {
        let mut s = self.lock();
        s.account(follower)?;
        if !s.has_user(followee) || follower == followee {
            return Err(StoreError::new("a follow between unknown or identical users"));
        }
        if let Some(row) = s.social.follows.get(&(follower, followee)) {
            return Ok(state(row.0));
        }
        s.social.follows.insert((follower, followee), (accepted, Utc::now()));
        s.log_follow(follower, followee, false, accepted);
        Ok(state(accepted))
    }

    async fn unfollow(&self, follower: UserId, followee: UserId) -> Result<bool, StoreError> {
        Ok(self.lock().social.follows.remove(&(follower, followee)).is_some())
    }

    async fn approve(&self, owner: UserId, follower: UserId) -> Result<bool, StoreError> {
        let mut s = self.lock();
        match s.social.follows.get_mut(&(follower, owner)) {
            Some(row) if !row.0 => {
                row.0 = true;
                s.log_follow(follower, owner, false, true);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn follow_state(&self, follower: UserId, followee: UserId) -> Result<Option<FollowState>, StoreError> {
        Ok(self.lock().social.follows.get(&(follower, followee)).map(|row| state(row.0)))
    }

    async fn followers(
        &self,
        user: UserId,
        with_requests: bool,
        audience: &Audience,
        page: PageRequest,
    ) -> Result<Page<Follow>, StoreError> {
        let s = self.lock();
        let keep =
            |k: &(UserId, UserId), accepted: bool| k.1 == user && (accepted || with_requests) && s.shows(audience, k.0);
        Ok(listed(&s, keep, |k| k.0, page))
    }

    async fn following(
        &self,
        user: UserId,
        audience: &Audience,
        page: PageRequest,
    ) -> Result<Page<Follow>, StoreError> {
        let s = self.lock();
        Ok(listed(&s, |k, accepted| k.0 == user && accepted && s.shows(audience, k.1), |k| k.1, page))
    }
}
