//! The contract suite of the social ports ([`SocialRepository`]): the behaviour the in-memory store and `PgStore`
//! must share. Run with [`social_contract_tests!`](crate::social_contract_tests) and a factory of fresh stores, like
//! [`crate::contract`].

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use crate::contract::Stores;
use marquee_domain::page::PageRequest;
use marquee_domain::privacy::{Audience, FollowState, Visibility};
use marquee_domain::user::UserId;

/// One `#[tokio::test]` per case, each on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! social_contract_tests {
    ($make:path) => {
        $crate::social_contract_tests!(@cases $make;
            visibility_defaults_to_public_and_is_set,
            follows_are_accepted_or_requested_and_kept,
            follower_lists_page_newest_first_and_hide_requests,
            going_public_accepts_pending_requests,
            follow_lists_show_only_whom_the_audience_may_see,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::social_contract::$case(&stores).await;
            }
        )*
    };
}

/// Creates an account named `name`.
pub async fn user(s: &Stores, name: &str) -> UserId {
    crate::contract::account(&*s.users, name).await.id
}

fn page(limit: i64, offset: i64) -> PageRequest {
    PageRequest::new(Some(limit), Some(offset)).unwrap()
}

/// A signed-out reader: sees public users only.
fn anyone() -> Audience {
    Audience::of(None)
}

pub async fn visibility_defaults_to_public_and_is_set(s: &Stores) {
    let ada = user(s, "ada").await;
    assert_eq!(s.social.visibility(ada).await.unwrap(), Some(Visibility::Public));
    for v in [Visibility::Private, Visibility::Followers, Visibility::Public, Visibility::Private] {
        assert!(s.social.set_visibility(ada, v).await.unwrap());
        assert_eq!(s.social.visibility(ada).await.unwrap(), Some(v));
    }
    let nobody = UserId(uuid::Uuid::now_v7());
    assert_eq!(s.social.visibility(nobody).await.unwrap(), None);
    assert!(!s.social.set_visibility(nobody, Visibility::Public).await.unwrap());
}

pub async fn follows_are_accepted_or_requested_and_kept(s: &Stores) {
    let (ada, bob, cyd) = (user(s, "ada").await, user(s, "bob").await, user(s, "cyd").await);
    assert_eq!(s.social.follow_state(ada, bob).await.unwrap(), None);
    assert_eq!(s.social.follow(ada, bob, true).await.unwrap(), FollowState::Following);
    assert_eq!(s.social.follow(ada, cyd, false).await.unwrap(), FollowState::Requested);
    // Asking again changes nothing either way.
    assert_eq!(s.social.follow(ada, cyd, true).await.unwrap(), FollowState::Requested);
    assert_eq!(s.social.follow(ada, bob, false).await.unwrap(), FollowState::Following);
    assert_eq!(s.social.follow_state(ada, cyd).await.unwrap(), Some(FollowState::Requested));
    assert_eq!(s.social.follow_state(cyd, ada).await.unwrap(), None, "follows have a direction");
    // Only the followee approves, and only a pending request.
    assert!(!s.social.approve(ada, cyd).await.unwrap());
    assert!(s.social.approve(cyd, ada).await.unwrap());
    assert!(!s.social.approve(cyd, ada).await.unwrap(), "already accepted");
    assert_eq!(s.social.follow_state(ada, cyd).await.unwrap(), Some(FollowState::Following));
    assert!(s.social.unfollow(ada, bob).await.unwrap());
    assert!(!s.social.unfollow(ada, bob).await.unwrap());
    assert_eq!(s.social.follow_state(ada, bob).await.unwrap(), None);
}

pub async fn follower_lists_page_newest_first_and_hide_requests(s: &Stores) {
    let star = user(s, "star").await;
    let mut fans = Vec::new();
    for i in 0..5 {
        let fan = user(s, &format!("fan{i}")).await;
        // Fans 1 and 3 are still waiting.
        s.social.follow(fan, star, i % 2 == 0).await.unwrap();
        fans.push(fan);
    }
    s.social.follow(star, fans[0], true).await.unwrap();
    let accepted = s.social.followers(star, false, &anyone(), page(20, 0)).await.unwrap();
    assert_eq!(accepted.total, 3);
    let ids: Vec<UserId> = accepted.items.iter().map(|f| f.user).collect();
    assert_eq!(ids, vec![fans[4], fans[2], fans[0]], "newest first");
    assert_eq!(accepted.items[0].display_name, "fan4");
    assert!(accepted.items.iter().all(|f| f.state == FollowState::Following));
    let all = s.social.followers(star, true, &anyone(), page(2, 1)).await.unwrap();
    assert_eq!(all.total, 5);
    let ids: Vec<(UserId, FollowState)> = all.items.iter().map(|f| (f.user, f.state)).collect();
    assert_eq!(ids, vec![(fans[3], FollowState::Requested), (fans[2], FollowState::Following)]);
    let following = s.social.following(fans[1], &anyone(), page(20, 0)).await.unwrap();
    assert_eq!(following.total, 0, "a request is not a follow yet");
    let following = s.social.following(star, &anyone(), page(20, 0)).await.unwrap();
    assert_eq!(following.items.iter().map(|f| f.user).collect::<Vec<_>>(), vec![fans[0]]);
    assert_eq!(s.social.following(fans[0], &anyone(), page(20, 0)).await.unwrap().total, 1);
}

pub async fn going_public_accepts_pending_requests(s: &Stores) {
    let (star, fan, other) = (user(s, "star").await, user(s, "fan").await, user(s, "other").await);
    s.social.set_visibility(star, Visibility::Followers).await.unwrap();
    s.social.follow(fan, star, false).await.unwrap();
    s.social.follow(star, other, false).await.unwrap();
    s.social.set_visibility(star, Visibility::Private).await.unwrap();
    assert_eq!(s.social.follow_state(fan, star).await.unwrap(), Some(FollowState::Requested), "only public accepts");
    s.social.set_visibility(star, Visibility::Public).await.unwrap();
    assert_eq!(s.social.follow_state(fan, star).await.unwrap(), Some(FollowState::Following));
    assert_eq!(
        s.social.follow_state(star, other).await.unwrap(),
        Some(FollowState::Requested),
        "the star's own requests to others are theirs to approve"
    );
}

pub async fn follow_lists_show_only_whom_the_audience_may_see(s: &Stores) {
    let star = user(s, "star").await;
    let (open, fans_only, hidden) = (user(s, "open").await, user(s, "fans_only").await, user(s, "hidden").await);
    let (fan, requester) = (user(s, "fan").await, user(s, "requester").await);
    s.social.set_visibility(fans_only, Visibility::Followers).await.unwrap();
    s.social.set_visibility(hidden, Visibility::Private).await.unwrap();
    for other in [open, fans_only, hidden] {
        s.social.follow(other, star, true).await.unwrap();
        s.social.follow(star, other, true).await.unwrap();
    }
    s.social.follow(fan, fans_only, true).await.unwrap();
    s.social.follow(requester, fans_only, false).await.unwrap();
    let listed = |p: marquee_domain::page::Page<marquee_domain::social::Follow>| {
        let mut ids: Vec<UserId> = p.items.iter().map(|f| f.user).collect();
        ids.sort();
        assert_eq!(p.total, ids.len() as u64, "the total counts what is listed");
        ids
    };
    let sorted = |mut ids: Vec<UserId>| {
        ids.sort();
        ids
    };
    let cases = [
        (anyone(), vec![open]),
        (Audience::of(Some(requester)), vec![open]),
        (Audience::of(Some(fan)), vec![open, fans_only]),
        (Audience::of(Some(fans_only)), vec![open, fans_only]),
        (Audience::of(Some(hidden)), vec![open, hidden]),
    ];
    for (audience, expected) in cases {
        let followers = listed(s.social.followers(star, false, &audience, page(20, 0)).await.unwrap());
        assert_eq!(followers, sorted(expected.clone()), "followers for {audience:?}");
        let following = listed(s.social.following(star, &audience, page(20, 0)).await.unwrap());
        assert_eq!(following, sorted(expected), "following for {audience:?}");
    }
    // The owner's own view with requests: the followers-only user the star follows back shows, the private
    // follower stays hidden from the star too.
    let own = s.social.followers(star, true, &Audience::of(Some(star)), page(20, 0)).await.unwrap();
    assert_eq!(listed(own), sorted(vec![open, fans_only]));
}
