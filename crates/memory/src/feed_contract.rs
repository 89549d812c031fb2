//! The contract suite of the activity log and the leaderboard ([`ActivityRepository`], [`LeaderboardRepository`]):
//! what each write logs (and what it must not: a rebalance's neighbours, a pending request, a change of stars), the
//! feed's visibility rules and paging, and the leaderboard's scores, shrinkage and scopes on a hand-computed case.
//! Run with [`feed_contract_tests!`](crate::feed_contract_tests), like [`crate::contract`].

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]

use crate::contract::Stores;
use chrono::{TimeDelta, Utc};
use marquee_domain::elo;
use marquee_domain::feed::{Activity, ActivityId, Verb};
use marquee_domain::leaderboard::{BoardQuery, Scope};
use marquee_domain::matchup::{MatchupId, Side, Top4};
use marquee_domain::media::{MediaId, MediaKind};
use marquee_domain::privacy::{Audience, Visibility};
use marquee_domain::ranking::{Anchor, MoveCommand, PlaceCommand, RankingId};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;

/// One `#[tokio::test]` per case, each on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! feed_contract_tests {
    ($make:path) => {
        $crate::feed_contract_tests!(@cases $make;
            ranking_writes_are_logged_but_not_a_rebalances_neighbours,
            follows_are_logged_once_accepted,
            the_feed_hides_private_actors_and_targets,
            top4_changes_and_votes_are_logged,
            the_feed_pages_newest_first_by_id,
            a_merge_logs_nothing_and_points_entries_at_the_title_kept,
            the_leaderboard_shrinks_means_and_keeps_to_its_scope,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::feed_contract::$case(&stores).await;
            }
        )*
    };
}

async fn user(s: &Stores, name: &str) -> UserId {
    crate::contract::account(&*s.users, name).await.id
}

async fn title(s: &Stores, kind: MediaKind, name: &str, genres: &[&str]) -> MediaId {
    s.media.create(crate::contract::fields(kind, name, 2000, genres), None).await.unwrap().id
}

async fn films(s: &Stores, prefix: &str, n: usize) -> Vec<MediaId> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(title(s, MediaKind::Movie, &format!("{prefix} {i}"), &["Drama"]).await);
    }
    out
}

async fn place(s: &Stores, user: UserId, media: MediaId, tier: Tier, anchor: Anchor) -> RankingId {
    s.rankings.place(user, &PlaceCommand { media_id: media, tier, anchor, stars: None }).await.unwrap().id
}

/// Everything `reader`'s feed holds, newest first.
async fn feed(s: &Stores, reader: UserId) -> Vec<Activity> {
    s.activities.feed(reader, &Audience::of(Some(reader)), None, 10_000).await.unwrap()
}

fn verbs(rows: &[Activity]) -> Vec<Verb> {
    rows.iter().map(|r| r.verb).collect()
}

/// A reader following `whom` (public at the time) with an accepted follow.
async fn fan_of(s: &Stores, name: &str, whom: UserId) -> UserId {
    let fan = user(s, name).await;
    s.social.follow(fan, whom, true).await.unwrap();
    fan
}

pub async fn ranking_writes_are_logged_but_not_a_rebalances_neighbours(s: &Stores) {
    let ada = user(s, "ada").await;
    let fan = fan_of(s, "fan", ada).await;
    let m = films(s, "Film", 3).await;
    let first = place(s, ada, m[0], Tier::S, Anchor::Bottom).await;
    let second = place(s, ada, m[1], Tier::A, Anchor::Bottom).await;
    place(s, ada, m[2], Tier::A, Anchor::Top).await;
    s.rankings.relocate(ada, second, &MoveCommand::new(Some(Tier::B), Anchor::Bottom).unwrap()).await.unwrap();
    // A new quick rating in the same tier changes the stars only: not a move.
    s.rankings.rate(ada, m[0], Stars::new(5).unwrap()).await.unwrap();
    assert!(s.rankings.remove(ada, first).await.unwrap());
    let rows = feed(s, fan).await;
    assert_eq!(verbs(&rows), [Verb::Removed, Verb::Moved, Verb::Placed, Verb::Placed, Verb::Placed]);
    let titled: Vec<(MediaId, Option<Tier>)> = rows.iter().map(|r| (r.titles[0].media.id, r.titles[0].tier)).collect();
    assert_eq!(
        titled,
        [
            (m[0], Some(Tier::S)),
            (m[1], Some(Tier::B)),
            (m[2], Some(Tier::A)),
            (m[1], Some(Tier::A)),
            (m[0], Some(Tier::S))
        ]
    );
    assert!(rows.iter().all(|r| r.actor.id == ada && r.actor.display_name == "ada" && r.target.is_none()));
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");

    // Inserting always right below one title forces rebalances, which rewrite the neighbours' keys.
    let bob = user(s, "bob").await;
    let fan = fan_of(s, "bobfan", bob).await;
    let many = films(s, "Pile", 300).await;
    let top = place(s, bob, many[0], Tier::S, Anchor::Bottom).await;
    let bottom = place(s, bob, many[1], Tier::S, Anchor::Bottom).await;
    let key_before = s.rankings.get(bob, bottom).await.unwrap().unwrap().rank_key;
    for item in &many[2..] {
        place(s, bob, *item, Tier::S, Anchor::After(top)).await;
    }
    let key_after = s.rankings.get(bob, bottom).await.unwrap().unwrap().rank_key;
    assert_ne!(key_before, key_after, "no rebalance happened: the case tests nothing");
    let rows = feed(s, fan).await;
    assert_eq!(rows.len(), 300, "one row per insert, none for the rebalanced neighbours");
    assert!(rows.iter().all(|r| r.verb == Verb::Placed));
}

pub async fn follows_are_logged_once_accepted(s: &Stores) {
    let (ada, bob, cyd, dee) = (user(s, "ada").await, user(s, "bob").await, user(s, "cyd").await, user(s, "dee").await);
    let reader = fan_of(s, "reader", ada).await;
    s.social.follow(ada, bob, true).await.unwrap();
    s.social.follow(ada, bob, true).await.unwrap(); // again: nothing new
    s.social.follow(ada, cyd, false).await.unwrap(); // a request: nothing yet
    assert_eq!(verbs(&feed(s, reader).await), [Verb::Followed]);
    assert!(s.social.approve(cyd, ada).await.unwrap());
    // Going public accepts dee's pending requests, and that logs too.
    s.social.set_visibility(dee, Visibility::Followers).await.unwrap();
    s.social.follow(ada, dee, false).await.unwrap();
    s.social.set_visibility(dee, Visibility::Public).await.unwrap();
    let rows = feed(s, reader).await;
    let targets: Vec<UserId> = rows.iter().map(|r| r.target.as_ref().unwrap().id).collect();
    assert_eq!(targets, [dee, cyd, bob]);
    assert_eq!(rows[2].target.as_ref().unwrap().display_name, "bob");
    assert!(rows.iter().all(|r| r.titles.is_empty()));
    assert!(feed(s, ada).await.is_empty(), "one's own doings are not in one's feed");
}

pub async fn the_feed_hides_private_actors_and_targets(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let (follower, requester, stranger) =
        (user(s, "follower").await, user(s, "requester").await, user(s, "stranger").await);
    s.social.follow(follower, ada, true).await.unwrap();
    let m = films(s, "Film", 1).await;
    place(s, ada, m[0], Tier::S, Anchor::Bottom).await;
    s.social.follow(ada, bob, true).await.unwrap();
    s.social.set_visibility(ada, Visibility::Followers).await.unwrap();
    s.social.follow(requester, ada, false).await.unwrap();
    assert_eq!(verbs(&feed(s, follower).await), [Verb::Followed, Verb::Placed], "followers see a followers-only actor");
    assert!(feed(s, requester).await.is_empty(), "a pending request sees nothing");
    assert!(feed(s, stranger).await.is_empty());
    s.social.set_visibility(bob, Visibility::Private).await.unwrap();
    assert_eq!(verbs(&feed(s, follower).await), [Verb::Placed], "no follow of a private profile");
    s.social.set_visibility(ada, Visibility::Private).await.unwrap();
    assert!(feed(s, follower).await.is_empty(), "nothing of a private profile");
    s.social.set_visibility(ada, Visibility::Public).await.unwrap();
    s.social.set_visibility(bob, Visibility::Followers).await.unwrap();
    assert_eq!(verbs(&feed(s, follower).await), [Verb::Placed], "a followers-only target shows to its followers only");
    assert_eq!(verbs(&feed(s, requester).await), [Verb::Placed], "going public accepted the request");
    s.social.follow(follower, bob, true).await.unwrap();
    assert_eq!(feed(s, follower).await.len(), 2, "switching back restores the entries");
    assert_eq!(feed(s, bob).await.len(), 0, "bob follows nobody");
    s.social.follow(bob, ada, true).await.unwrap();
    assert_eq!(feed(s, bob).await.len(), 2, "one always sees oneself named, whatever one's visibility");
    s.social.set_visibility(bob, Visibility::Private).await.unwrap();
    assert_eq!(feed(s, bob).await.len(), 2, "even private");
}

pub async fn top4_changes_and_votes_are_logged(s: &Stores) {
    let (ada, bob, voter) = (user(s, "ada").await, user(s, "bob").await, user(s, "voter").await);
    let reader = fan_of(s, "reader", ada).await;
    s.social.follow(reader, voter, true).await.unwrap();
    let m = films(s, "Film", 5).await;
    let set = |ids: [MediaId; 4]| Top4::new(&ids.map(|m| m.0)).unwrap();
    s.matchups.put_top4(ada, &set([m[0], m[1], m[2], m[3]])).await.unwrap();
    s.matchups.put_top4(ada, &set([m[0], m[1], m[2], m[3]])).await.unwrap(); // unchanged: nothing
    s.matchups.put_top4(ada, &set([m[3], m[2], m[1], m[0]])).await.unwrap(); // reordered
    let a = s.matchups.put_top4(ada, &set([m[4], m[2], m[1], m[0]])).await.unwrap().id; // replaced
    let rows = feed(s, reader).await;
    assert_eq!(verbs(&rows), [Verb::Top4Changed; 3]);
    let newest: Vec<MediaId> = rows[0].titles.iter().map(|t| t.media.id).collect();
    assert_eq!(newest, [m[4], m[2], m[1], m[0]]);
    assert!(rows[0].titles.iter().all(|t| t.tier.is_none()));

    let others = films(s, "Other", 4).await;
    let b = s.matchups.put_top4(bob, &set([others[0], others[1], others[2], others[3]])).await.unwrap().id;
    let id = MatchupId(uuid::Uuid::now_v7());
    s.matchups.create_matchup(id, voter, a, b).await.unwrap().unwrap();
    s.matchups.vote(voter, id, Side::A, elo::K_FACTOR).await.unwrap();
    let rows = feed(s, reader).await;
    assert_eq!(rows[0].verb, Verb::Voted);
    assert_eq!(rows[0].actor.id, voter);
    assert!(rows[0].titles.is_empty(), "a vote names no titles: the sets are other users'");
    assert_eq!(verbs(&rows[1..]), [Verb::Top4Changed; 3], "a vote's rating change is no top-4 change");
}

pub async fn the_feed_pages_newest_first_by_id(s: &Stores) {
    let ada = user(s, "ada").await;
    let reader = fan_of(s, "reader", ada).await;
    let m = films(s, "Film", 5).await;
    for id in &m {
        place(s, ada, *id, Tier::C, Anchor::Bottom).await;
    }
    let all = feed(s, reader).await;
    assert_eq!(all.len(), 5);
    let first = s.activities.feed(reader, &Audience::of(Some(reader)), None, 2).await.unwrap();
    assert_eq!(first, all[..2]);
    let next = s.activities.feed(reader, &Audience::of(Some(reader)), Some(first[1].id), 2).await.unwrap();
    assert_eq!(next, all[2..4]);
    let last = s.activities.feed(reader, &Audience::of(Some(reader)), Some(next[1].id), 2).await.unwrap();
    assert_eq!(last, all[4..]);
    assert!(s.activities.feed(reader, &Audience::of(Some(reader)), Some(last[0].id), 2).await.unwrap().is_empty());
    assert!(s.activities.feed(reader, &Audience::of(Some(reader)), Some(ActivityId(1)), 2).await.unwrap().is_empty());
}

pub async fn a_merge_logs_nothing_and_points_entries_at_the_title_kept(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let reader = fan_of(s, "reader", ada).await;
    s.social.follow(reader, bob, true).await.unwrap();
    let m = films(s, "Film", 2).await;
    let (keep, duplicate) = (m[0], m[1]);
    place(s, ada, duplicate, Tier::A, Anchor::Bottom).await;
    place(s, bob, keep, Tier::S, Anchor::Bottom).await;
    place(s, bob, duplicate, Tier::B, Anchor::Bottom).await;
    s.media.merge(keep, duplicate).await.unwrap();
    // Bob's ranking of the duplicate is dropped and ada's moves to the title kept: neither is the user's doing.
    let rows = feed(s, reader).await;
    assert_eq!(verbs(&rows), [Verb::Placed; 3]);
    let titles: Vec<Vec<MediaId>> = rows.iter().map(|r| r.titles.iter().map(|t| t.media.id).collect()).collect();
    assert_eq!(titles, [vec![keep], vec![keep], vec![keep]]);
}

fn board(viewer: Option<UserId>, scope: Scope) -> BoardQuery {
    BoardQuery { viewer, scope, kind: None, genre: None, since: None, limit: 20 }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

pub async fn the_leaderboard_shrinks_means_and_keeps_to_its_scope(s: &Stores) {
    let (u1, u2, u3) = (user(s, "uno").await, user(s, "dos").await, user(s, "tres").await);
    let (hidden, closed, viewer) = (user(s, "hidden").await, user(s, "closed").await, user(s, "viewer").await);
    let xanadu = title(s, MediaKind::Movie, "Xanadu", &["Drama"]).await;
    let yojimbo = title(s, MediaKind::Movie, "Yojimbo", &["Action"]).await;
    let zoo = title(s, MediaKind::Show, "Zoo", &["Drama"]).await;
    // uno: S = [X 10.0, Y 9.0]; dos: S = [Y 10.0], A = [X 8.9]; tres: B = [Z 7.4].
    place(s, u1, xanadu, Tier::S, Anchor::Bottom).await;
    place(s, u1, yojimbo, Tier::S, Anchor::Bottom).await;
    place(s, u2, yojimbo, Tier::S, Anchor::Bottom).await;
    place(s, u2, xanadu, Tier::A, Anchor::Bottom).await;
    place(s, u3, zoo, Tier::B, Anchor::Bottom).await;
    // A private list never counts; a followers-only one counts in aggregates but its owner is shown to followers only.
    place(s, hidden, zoo, Tier::S, Anchor::Bottom).await;
    place(s, closed, xanadu, Tier::D, Anchor::Bottom).await;
    place(s, closed, yojimbo, Tier::D, Anchor::Bottom).await;
    s.social.follow(viewer, u1, true).await.unwrap();
    s.social.follow(viewer, hidden, true).await.unwrap();
    s.social.set_visibility(hidden, Visibility::Private).await.unwrap();
    s.social.set_visibility(closed, Visibility::Followers).await.unwrap();

    // Global: 10, 9, 10, 8.9, 7.4, and closed's D tier: 3.9, 0.0 → mean 49.2 / 7.
    let global = s.leaderboard.best_titles(&board(None, Scope::Global)).await.unwrap();
    let gm = 49.2 / 7.0;
    assert!(close(global.global_mean.unwrap(), gm), "{global:?}");
    let got: Vec<(MediaId, u64)> = global.titles.iter().map(|t| (t.media.id, t.count)).collect();
    // X: 10, 8.9, 3.9 → 22.8 / 3; Y: 9, 10, 0 → 19 / 3; Z: 7.4 alone.
    let shrink = |sum: f64, n: f64| (sum + 5.0 * gm) / (n + 5.0);
    assert!(close(global.titles[0].score, shrink(22.8, 3.0)), "{global:?}");
    assert!(close(global.titles[0].mean, 22.8 / 3.0));
    assert_eq!(got, [(xanadu, 3), (zoo, 1), (yojimbo, 3)], "{global:?}");
    assert!(close(global.titles[1].score, shrink(7.4, 1.0)));
    assert!(close(global.titles[2].score, shrink(19.0, 3.0)));

    // Following, for viewer: uno only (hidden is private): X 10, Y 9, mean 9.5.
    let following = s.leaderboard.best_titles(&board(Some(viewer), Scope::Following)).await.unwrap();
    assert!(close(following.global_mean.unwrap(), 9.5));
    let got: Vec<(MediaId, f64)> = following.titles.iter().map(|t| (t.media.id, t.score)).collect();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0, got[1].0), (xanadu, yojimbo));
    assert!(close(got[0].1, (10.0 + 5.0 * 9.5) / 6.0) && close(got[1].1, (9.0 + 5.0 * 9.5) / 6.0));

    // Filters: shows only; Drama only; a limit.
    let mut q = board(None, Scope::Global);
    q.kind = Some(MediaKind::Show);
    let shows = s.leaderboard.best_titles(&q).await.unwrap();
    assert_eq!(shows.titles.iter().map(|t| t.media.id).collect::<Vec<_>>(), [zoo]);
    assert!(close(shows.global_mean.unwrap(), 7.4), "positions count whole tiers, the private list nothing");
    let mut q = board(None, Scope::Global);
    q.genre = Some("drama".into());
    q.limit = 1;
    let drama = s.leaderboard.best_titles(&q).await.unwrap();
    assert_eq!(drama.titles.iter().map(|t| t.media.id).collect::<Vec<_>>(), [xanadu]);
    let mut q = board(None, Scope::Global);
    q.since = Some(Utc::now() + TimeDelta::hours(1));
    let future = s.leaderboard.best_titles(&q).await.unwrap();
    assert!(future.titles.is_empty() && future.global_mean.is_none());
    assert!(s.leaderboard.top_rankers(&q).await.unwrap().is_empty());

    // Rankers: by count then id; closed only for its followers; hidden never.
    let mut two = [u1, u2];
    two.sort_by_key(|u| u.0);
    let rankers = |list: Vec<marquee_domain::leaderboard::RankerStanding>| {
        list.into_iter().map(|r| (r.user, r.rankings)).collect::<Vec<_>>()
    };
    let seen = rankers(s.leaderboard.top_rankers(&board(None, Scope::Global)).await.unwrap());
    assert_eq!(seen, [(two[0], 2), (two[1], 2), (u3, 1)]);
    s.social.follow(viewer, closed, true).await.unwrap();
    let seen = rankers(s.leaderboard.top_rankers(&board(Some(viewer), Scope::Global)).await.unwrap());
    assert_eq!(seen.len(), 4);
    assert!(seen.contains(&(closed, 2)) && !seen.iter().any(|r| r.0 == hidden));
    let seen = rankers(s.leaderboard.top_rankers(&board(Some(viewer), Scope::Following)).await.unwrap());
    let mut want = vec![(u1, 2), (closed, 2)];
    want.sort_by_key(|r| r.0.0);
    assert_eq!(seen, want);
    let names = s.leaderboard.top_rankers(&board(Some(hidden), Scope::Global)).await.unwrap();
    assert!(!names.iter().any(|r| r.user == hidden), "a private owner's list does not count even for them");
}
