//! The contract suite of the matchup and chart ports ([`MatchupRepository`], [`ChartRepository`]): the behaviour
//! the in-memory store and `PgStore` must share. Run with
//! [`matchup_contract_tests!`](crate::matchup_contract_tests) and a factory of fresh stores, like
//! [`crate::contract`].

#![allow(
    clippy::missing_panics_doc,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_cmp,
    clippy::many_single_char_names
)]

use crate::contract::Stores;
use chrono::{Duration, Utc};
use futures::future::join_all;
use marquee_domain::consensus::{ChartFilter, ConsensusScore};
use marquee_domain::elo;
use marquee_domain::matchup::{MatchupError, MatchupId, SetId, Side, Top4};
use marquee_domain::media::{MediaId, MediaKind};
use marquee_domain::page::PageRequest;
use marquee_domain::privacy::{Audience, Visibility};
use marquee_domain::ranking::{Anchor, PlaceCommand};
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;

/// One `#[tokio::test]` per case, each on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! matchup_contract_tests {
    ($make:path) => {
        $crate::matchup_contract_tests!(@cases $make;
            a_top4_set_is_kept_reordered_or_replaced,
            a_top4_set_with_unknown_titles_is_refused_whole,
            candidates_leave_out_the_voter_and_carry_genres,
            a_vote_moves_both_ratings_once,
            replacing_a_set_withdraws_its_open_matchups,
            recent_pairs_are_the_voters_own_newest_first,
            the_leaderboard_ranks_by_rating_and_pages,
            sets_show_only_to_whom_may_see_their_owner,
            crossing_votes_at_once_keep_the_ratings_consistent,
            chart_inputs_hold_every_list_best_first_and_every_comparison,
            the_chart_is_replaced_whole_and_filtered,
            a_merge_moves_top4_slots_and_comparisons,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::matchup_contract::$case(&stores).await;
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

async fn films(s: &Stores, prefix: &str, n: usize, genre: &str) -> Vec<MediaId> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(title(s, MediaKind::Movie, &format!("{prefix} {i}"), &[genre]).await);
    }
    out
}

fn top4(ids: &[MediaId]) -> Top4 {
    Top4::new(&ids.iter().map(|m| m.0).collect::<Vec<_>>()).unwrap()
}

/// A user with a set of four fresh films of `genre`.
async fn owner(s: &Stores, name: &str, genre: &str) -> (UserId, SetId) {
    let u = user(s, name).await;
    let ids = films(s, name, 4, genre).await;
    (u, s.matchups.put_top4(u, &top4(&ids)).await.unwrap().id)
}

fn page(limit: i64, offset: i64) -> PageRequest {
    PageRequest::new(Some(limit), Some(offset)).unwrap()
}

async fn rating(s: &Stores, u: UserId) -> (f64, u32, u32) {
    let set = s.matchups.top4(u).await.unwrap().unwrap();
    (set.rating, set.wins, set.losses)
}

pub async fn a_top4_set_is_kept_reordered_or_replaced(s: &Stores) {
    let u = user(s, "ann").await;
    assert!(s.matchups.top4(u).await.unwrap().is_none());
    let ids = films(s, "Pick", 5, "Drama").await;
    let set = s.matchups.put_top4(u, &top4(&ids[..4])).await.unwrap();
    assert_eq!(set.user, u);
    assert_eq!(set.owner, "ann");
    assert_eq!(set.rating, elo::INITIAL_RATING);
    assert_eq!((set.wins, set.losses), (0, 0));
    let titles: Vec<&str> = set.media.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["Pick 0", "Pick 1", "Pick 2", "Pick 3"]);
    assert_eq!(s.matchups.top4(u).await.unwrap().unwrap(), set);

    // The same four in another order: the same set, reordered.
    let reordered = s.matchups.put_top4(u, &top4(&[ids[3], ids[2], ids[1], ids[0]])).await.unwrap();
    assert_eq!(reordered.id, set.id);
    assert_eq!(reordered.media[0].title, "Pick 3");
    assert_eq!(reordered.created_at, set.created_at);

    // Another title: a new set from 1500.
    let replaced = s.matchups.put_top4(u, &top4(&[ids[0], ids[1], ids[2], ids[4]])).await.unwrap();
    assert_ne!(replaced.id, set.id);
    assert_eq!(replaced.rating, elo::INITIAL_RATING);
    assert_eq!(replaced.media[3].title, "Pick 4");
    assert_eq!(s.matchups.leaderboard(&Audience::of(None), page(10, 0)).await.unwrap().total, 1, "one set per user");
}

pub async fn a_top4_set_with_unknown_titles_is_refused_whole(s: &Stores) {
    let u = user(s, "bob").await;
    let ids = films(s, "Real", 2, "Drama").await;
    let ghost = MediaId(uuid::Uuid::now_v7());
    let other_ghost = MediaId(uuid::Uuid::now_v7());
    let err = s.matchups.put_top4(u, &top4(&[ids[0], ghost, ids[1], other_ghost])).await.unwrap_err();
    match err {
        MatchupError::Invalid(errors) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["media_ids[1]", "media_ids[3]"]);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(s.matchups.top4(u).await.unwrap().is_none(), "nothing written");
}

pub async fn candidates_leave_out_the_voter_and_carry_genres(s: &Stores) {
    let (voter, _) = owner(s, "vera", "Drama").await;
    let (_, horror) = owner(s, "hal", "Horror").await;
    let u = user(s, "mix").await;
    let mixed = [
        title(s, MediaKind::Movie, "M1", &["Comedy", "Drama"]).await,
        title(s, MediaKind::Show, "M2", &["Comedy"]).await,
        title(s, MediaKind::Book, "M3", &["Fantasy"]).await,
        title(s, MediaKind::Play, "M4", &[]).await,
    ];
    let mixed_set = s.matchups.put_top4(u, &top4(&mixed)).await.unwrap().id;
    let mut candidates = s.matchups.candidates(voter).await.unwrap();
    candidates.sort_by_key(|c| c.set);
    let mut expected = vec![horror, mixed_set];
    expected.sort();
    assert_eq!(candidates.iter().map(|c| c.set).collect::<Vec<_>>(), expected);
    let mix = candidates.iter().find(|c| c.set == mixed_set).unwrap();
    let mut genres = mix.genres.clone();
    genres.sort();
    assert_eq!(genres, ["Comedy", "Drama", "Fantasy"]);
    assert_eq!((mix.user, mix.rating, mix.votes), (u, elo::INITIAL_RATING, 0));
}

pub async fn sets_show_only_to_whom_may_see_their_owner(s: &Stores) {
    let (open, open_set) = owner(s, "open", "Drama").await;
    let (fans_only, fans_set) = owner(s, "fans_only", "Drama").await;
    let (hidden, hidden_set) = owner(s, "hidden", "Drama").await;
    let (fan, requester) = (user(s, "fan").await, user(s, "requester").await);
    s.social.set_visibility(fans_only, Visibility::Followers).await.unwrap();
    s.social.set_visibility(hidden, Visibility::Private).await.unwrap();
    s.social.follow(fan, fans_only, true).await.unwrap();
    s.social.follow(fan, hidden, true).await.unwrap();
    s.social.follow(requester, fans_only, false).await.unwrap();
    let sets = |viewer: Option<UserId>| async move {
        let board = s.matchups.leaderboard(&Audience::of(viewer), page(10, 0)).await.unwrap();
        let mut ids: Vec<SetId> = board.items.iter().map(|x| x.id).collect();
        ids.sort();
        assert_eq!(board.total, ids.len() as u64, "the total counts the sets listed");
        ids
    };
    let sorted = |mut ids: Vec<SetId>| {
        ids.sort();
        ids
    };
    assert_eq!(sets(None).await, vec![open_set], "signed out: public users' sets only");
    assert_eq!(sets(Some(requester)).await, vec![open_set], "a request opens nothing");
    assert_eq!(sets(Some(fan)).await, sorted(vec![open_set, fans_set]), "a follower, but not of a private user");
    assert_eq!(sets(Some(hidden)).await, sorted(vec![open_set, hidden_set]), "one's own set, even private");
    assert_eq!(sets(Some(open)).await, vec![open_set]);
    // Matchmaking gets each owner's visibility and the voter's follow, for the domain to decide.
    let candidates = s.matchups.candidates(fan).await.unwrap();
    let of = |set: SetId| candidates.iter().find(|c| c.set == set).map(|c| (c.visibility, c.followed));
    assert_eq!(of(open_set), Some((Visibility::Public, false)));
    assert_eq!(of(fans_set), Some((Visibility::Followers, true)));
    assert_eq!(of(hidden_set), Some((Visibility::Private, true)));
    let candidates = s.matchups.candidates(requester).await.unwrap();
    assert_eq!(candidates.iter().find(|c| c.set == fans_set).map(|c| c.followed), Some(false));
}

pub async fn a_vote_moves_both_ratings_once(s: &Stores) {
    let (ua, a) = owner(s, "alice", "Drama").await;
    let (ub, b) = owner(s, "brian", "Horror").await;
    let voter = user(s, "voter").await;
    let stranger = user(s, "stranger").await;
    let id = MatchupId(uuid::Uuid::now_v7());
    let matchup = s.matchups.create_matchup(id, voter, a, b).await.unwrap().unwrap();
    assert_eq!((matchup.a.id, matchup.b.id), (a, b));
    assert_eq!(matchup.a.media.len(), 4);

    // Another voter's matchup, or none at all, is not found.
    assert!(matches!(s.matchups.vote(stranger, id, Side::A, elo::K_FACTOR).await, Err(MatchupError::NotFound)));
    let ghost = MatchupId(uuid::Uuid::now_v7());
    assert!(matches!(s.matchups.vote(voter, ghost, Side::A, elo::K_FACTOR).await, Err(MatchupError::NotFound)));

    let outcome = s.matchups.vote(voter, id, Side::B, elo::K_FACTOR).await.unwrap();
    assert_eq!(outcome.winner, Side::B);
    assert_eq!(outcome.winner_set, (b, 1500.0, 1516.0));
    assert_eq!(outcome.loser_set, (a, 1500.0, 1484.0));
    assert_eq!(rating(s, ub).await, (1516.0, 1, 0));
    assert_eq!(rating(s, ua).await, (1484.0, 0, 1));

    assert!(matches!(s.matchups.vote(voter, id, Side::A, elo::K_FACTOR).await, Err(MatchupError::AlreadyVoted)));
    assert_eq!(rating(s, ub).await, (1516.0, 1, 0), "the second vote changed nothing");
}

pub async fn replacing_a_set_withdraws_its_open_matchups(s: &Stores) {
    let (ua, a) = owner(s, "amy", "Drama").await;
    let (_, b) = owner(s, "ben", "Drama").await;
    let voter = user(s, "val").await;
    let id = MatchupId(uuid::Uuid::now_v7());
    s.matchups.create_matchup(id, voter, a, b).await.unwrap().unwrap();
    let fresh = films(s, "Fresh", 4, "Comedy").await;
    let new_set = s.matchups.put_top4(ua, &top4(&fresh)).await.unwrap().id;
    assert!(matches!(s.matchups.vote(voter, id, Side::A, elo::K_FACTOR).await, Err(MatchupError::NotFound)));
    // A matchup naming a set that is gone is not recorded.
    let late = MatchupId(uuid::Uuid::now_v7());
    assert!(s.matchups.create_matchup(late, voter, a, b).await.unwrap().is_none());
    assert!(s.matchups.create_matchup(late, voter, new_set, b).await.unwrap().is_some());
}

pub async fn recent_pairs_are_the_voters_own_newest_first(s: &Stores) {
    let (_, a) = owner(s, "ada", "Drama").await;
    let (_, b) = owner(s, "bo", "Drama").await;
    let (_, c) = owner(s, "cy", "Drama").await;
    let voter = user(s, "vic").await;
    let other = user(s, "ola").await;
    let before = Utc::now() - Duration::seconds(5);
    for (x, y) in [(a, b), (b, c), (c, a)] {
        s.matchups.create_matchup(MatchupId(uuid::Uuid::now_v7()), voter, x, y).await.unwrap().unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    s.matchups.create_matchup(MatchupId(uuid::Uuid::now_v7()), other, a, c).await.unwrap().unwrap();
    assert_eq!(s.matchups.recent_pairs(voter, before).await.unwrap(), vec![(c, a), (b, c), (a, b)]);
    assert!(s.matchups.recent_pairs(voter, Utc::now() + Duration::seconds(5)).await.unwrap().is_empty());
}

pub async fn the_leaderboard_ranks_by_rating_and_pages(s: &Stores) {
    let (ua, a) = owner(s, "al", "Drama").await;
    let (ub, b) = owner(s, "bea", "Drama").await;
    let (_, c) = owner(s, "cal", "Drama").await;
    let voter = user(s, "v").await;
    // b beats a twice; c never plays.
    for _ in 0..2 {
        let id = MatchupId(uuid::Uuid::now_v7());
        s.matchups.create_matchup(id, voter, a, b).await.unwrap().unwrap();
        s.matchups.vote(voter, id, Side::B, elo::K_FACTOR).await.unwrap();
    }
    let board = s.matchups.leaderboard(&Audience::of(None), page(10, 0)).await.unwrap();
    assert_eq!(board.total, 3);
    assert_eq!(board.items.iter().map(|x| x.id).collect::<Vec<_>>(), vec![b, c, a]);
    assert_eq!((board.items[0].user, board.items[0].wins), (ub, 2));
    assert_eq!((board.items[2].user, board.items[2].losses), (ua, 2));
    let second = s.matchups.leaderboard(&Audience::of(None), page(1, 1)).await.unwrap();
    assert_eq!((second.total, second.items.len(), second.items[0].id), (3, 1, c));
    assert!(s.matchups.leaderboard(&Audience::of(None), page(10, 5)).await.unwrap().items.is_empty());
}

pub async fn crossing_votes_at_once_keep_the_ratings_consistent(s: &Stores) {
    let (ua, a) = owner(s, "xa", "Drama").await;
    let (ub, b) = owner(s, "xb", "Drama").await;
    let mut votes = Vec::new();
    for i in 0..12 {
        let voter = user(s, &format!("crowd{i}")).await;
        let id = MatchupId(uuid::Uuid::now_v7());
        // Half the matchups show the sets one way round, half the other: locks taken by side would deadlock.
        let (x, y) = if i % 2 == 0 { (a, b) } else { (b, a) };
        s.matchups.create_matchup(id, voter, x, y).await.unwrap().unwrap();
        votes.push((voter, id, if i % 3 == 0 { Side::A } else { Side::B }));
    }
    let results = join_all(votes.iter().map(|&(voter, id, side)| {
        let m = s.matchups.clone();
        async move { m.vote(voter, id, side, elo::K_FACTOR).await }
    }))
    .await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let (ra, wa, la) = rating(s, ua).await;
    let (rb, wb, lb) = rating(s, ub).await;
    assert!((ra + rb - 3000.0).abs() < 1e-9, "Elo conserves the total: {ra} + {rb}");
    assert_eq!((wa + la, wb + lb), (12, 12), "every vote counted on both sides");
    assert_eq!((wa, la), (lb, wb));
}

pub async fn chart_inputs_hold_every_list_best_first_and_every_comparison(s: &Stores) {
    let u = user(s, "lister").await;
    let w = user(s, "other").await;
    let ids = films(s, "Chart", 4, "Drama").await;
    for (m, tier) in [(ids[0], Tier::B), (ids[1], Tier::S), (ids[2], Tier::S), (ids[3], Tier::D)] {
        s.rankings.place(u, &PlaceCommand { media_id: m, tier, anchor: Anchor::Bottom, stars: None }).await.unwrap();
    }
    s.rankings
        .place(w, &PlaceCommand { media_id: ids[3], tier: Tier::A, anchor: Anchor::Bottom, stars: None })
        .await
        .unwrap();
    s.record_comparison(u, ids[3], ids[0], false).await;
    s.record_comparison(w, ids[1], ids[2], true).await;
    let inputs = s.charts.chart_inputs().await.unwrap();
    let mut lists = inputs.lists.clone();
    lists.sort_by_key(Vec::len);
    assert_eq!(lists, vec![vec![ids[3]], vec![ids[1], ids[2], ids[0], ids[3]]]);
    let mut comparisons: Vec<_> = inputs.comparisons.iter().map(|c| (c.winner, c.loser, c.tie)).collect();
    comparisons.sort();
    let mut expected = vec![(ids[3], ids[0], false), (ids[1], ids[2], true)];
    expected.sort();
    assert_eq!(comparisons, expected);
}

pub async fn the_chart_is_replaced_whole_and_filtered(s: &Stores) {
    let drama = title(s, MediaKind::Movie, "Drama film", &["Drama"]).await;
    let comedy = title(s, MediaKind::Movie, "Comedy film", &["Comedy"]).await;
    let book = title(s, MediaKind::Book, "Drama book", &["drama"]).await;
    let score = |media, strength| ConsensusScore { media, strength, uncertainty: 0.5, comparisons: 3 };
    let first = Utc::now() - Duration::hours(1);
    s.charts.replace_chart(&[score(drama, 0.1), score(comedy, 0.9)], first).await.unwrap();
    let fitted = Utc::now();
    let ghost = MediaId(uuid::Uuid::now_v7());
    s.charts
        .replace_chart(&[score(drama, 0.2), score(comedy, -0.4), score(book, 1.5), score(ghost, 3.0)], fitted)
        .await
        .unwrap();
    let all = s.charts.chart(&ChartFilter { page: page(10, 0), ..ChartFilter::default() }).await.unwrap();
    assert_eq!(all.total, 3, "the deleted title is skipped");
    assert_eq!(all.items.iter().map(|e| e.media.id).collect::<Vec<_>>(), vec![book, drama, comedy]);
    assert_eq!(all.items[1].strength, 0.2);
    assert_eq!((all.items[1].uncertainty, all.items[1].comparisons), (0.5, 3));
    assert!((all.items[0].fitted_at - fitted).num_milliseconds().abs() < 1, "the old chart is gone");

    let movies = ChartFilter { kind: Some(MediaKind::Movie), page: page(10, 0), ..ChartFilter::default() };
    let movies = s.charts.chart(&movies).await.unwrap();
    assert_eq!(movies.items.iter().map(|e| e.media.id).collect::<Vec<_>>(), vec![drama, comedy]);
    let dramas = ChartFilter { genre: Some("DRAMA".into()), page: page(1, 1), ..ChartFilter::default() };
    let dramas = s.charts.chart(&dramas).await.unwrap();
    assert_eq!((dramas.total, dramas.items[0].media.id), (2, drama));
    let past_the_end = ChartFilter { genre: Some("drama".into()), page: page(5, 10), ..ChartFilter::default() };
    let past_the_end = s.charts.chart(&past_the_end).await.unwrap();
    assert_eq!((past_the_end.total, past_the_end.items.len()), (2, 0));

    // Ordered by strength less two standard errors: a title seen once does not outrank a well-measured one.
    let lucky = ConsensusScore { media: comedy, strength: 1.3, uncertainty: 1.1, comparisons: 2 };
    let proven = ConsensusScore { media: drama, strength: 0.6, uncertainty: 0.1, comparisons: 200 };
    s.charts.replace_chart(&[lucky, proven], Utc::now()).await.unwrap();
    let ranked = s.charts.chart(&ChartFilter { page: page(10, 0), ..ChartFilter::default() }).await.unwrap();
    assert_eq!(ranked.items.iter().map(|e| e.media.id).collect::<Vec<_>>(), vec![drama, comedy]);
}

/// Merging catalog items: a set naming the duplicate names the kept title in its slot and keeps its id, rating
/// and votes; a set naming both is deleted; comparisons move, and the one between the two titles is dropped.
pub async fn a_merge_moves_top4_slots_and_comparisons(s: &Stores) {
    let keep = title(s, MediaKind::Movie, "Heat", &["Crime"]).await;
    let dup = title(s, MediaKind::Movie, "Heat (duplicate)", &["Crime"]).await;
    let mover = user(s, "mover").await;
    let mut picks = films(s, "Mover", 3, "Drama").await;
    picks.insert(1, dup);
    let moved = s.matchups.put_top4(mover, &top4(&picks)).await.unwrap();
    let both = user(s, "both").await;
    let mut doubled = films(s, "Both", 2, "Drama").await;
    doubled.extend([keep, dup]);
    s.matchups.put_top4(both, &top4(&doubled)).await.unwrap();
    let (_, rival) = owner(s, "rival", "Horror").await;
    let voter = user(s, "voter").await;
    let id = MatchupId(uuid::Uuid::now_v7());
    s.matchups.create_matchup(id, voter, moved.id, rival).await.unwrap().unwrap();
    s.matchups.vote(voter, id, Side::A, elo::K_FACTOR).await.unwrap();
    s.record_comparison(voter, dup, picks[0], false).await;
    s.record_comparison(voter, picks[2], dup, true).await;
    s.record_comparison(voter, keep, dup, false).await;

    let report = s.media.merge(keep, dup).await.unwrap();
    assert_eq!((report.top4_sets_moved, report.top4_sets_dropped), (1, 1));
    assert_eq!((report.comparisons_moved, report.comparisons_dropped), (2, 1));

    let after = s.matchups.top4(mover).await.unwrap().unwrap();
    assert_eq!((after.id, after.rating, after.wins, after.losses), (moved.id, 1516.0, 1, 0));
    assert_eq!(after.media.iter().map(|m| m.id).collect::<Vec<_>>(), [picks[0], keep, picks[2], picks[3]]);
    assert!(s.matchups.top4(both).await.unwrap().is_none(), "three distinct titles are not a top 4");
    assert_eq!(s.matchups.leaderboard(&Audience::of(None), page(10, 0)).await.unwrap().total, 2);
    let mut comparisons: Vec<_> =
        s.charts.chart_inputs().await.unwrap().comparisons.iter().map(|c| (c.winner, c.loser, c.tie)).collect();
    comparisons.sort();
    let mut expected = vec![(keep, picks[0], false), (picks[2], keep, true)];
    expected.sort();
    assert_eq!(comparisons, expected);
}
