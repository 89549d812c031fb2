//! The placement contract: what every [`PlacementRepository`] must do, run on `MemoryStore` here and on `PgStore`
//! in `marquee-postgres`, with [`placement_contract_tests!`](crate::placement_contract_tests).

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::Utc;
use marquee_domain::media::MediaId;
use marquee_domain::page::PageRequest;
use marquee_domain::placement::{
    Action, PlacementError, PlacementId, PlacementStep, Preference, StartPlacement, question_bound,
};
use marquee_domain::ranking::{Anchor, MoveCommand, PlaceCommand, RankingError, RankingFilter, RankingId};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::UserId;

use crate::contract::Stores;

/// One `#[tokio::test]` per placement case on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! placement_contract_tests {
    ($make:path) => {
        $crate::placement_contract_tests!(@cases $make;
            an_empty_tier_places_at_once,
            answers_find_the_slot_within_the_bound_and_are_recorded,
            too_close_places_next_to_the_pivot_as_a_tie,
            undo_takes_the_answer_and_its_comparison_back,
            placement_errors_and_nothing_written,
            a_pivot_deleted_or_moved_mid_session_keeps_the_order,
            a_title_placed_meanwhile_is_never_placed_twice,
            a_merge_repoints_open_sessions_or_drops_doomed_ones,
            concurrent_answers_to_one_session_apply_one_after_another,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::placement_contract::$case(&stores).await;
            }
        )*
    };
}

const TTL: Duration = marquee_domain::placement::DEFAULT_TTL;

async fn user(s: &Stores, name: &str) -> UserId {
    crate::contract::user(s, name).await.id
}

async fn movie(s: &Stores, title: &str) -> MediaId {
    crate::contract::movie(s, title).await.id
}

/// Places `titles` at the bottom of `tier`, in order; returns their ranking ids.
async fn list_of(s: &Stores, user: UserId, tier: Tier, titles: &[MediaId]) -> Vec<RankingId> {
    let mut ids = Vec::new();
    for &media_id in titles {
        let command = PlaceCommand { media_id, tier, anchor: Anchor::Bottom, stars: None };
        ids.push(s.rankings.place(user, &command).await.unwrap().id);
    }
    ids
}

async fn titles(s: &Stores, user: UserId, tier: Tier) -> Vec<MediaId> {
    let filter =
        RankingFilter { tier: Some(tier), page: PageRequest::new(Some(100), None).unwrap(), ..Default::default() };
    s.rankings.list(user, &filter).await.unwrap().items.into_iter().map(|r| r.media.id).collect()
}

async fn comparison_count(s: &Stores, user: UserId) -> u64 {
    s.placements.comparisons(user, PageRequest::default()).await.unwrap().total
}

fn start(media_id: MediaId, tier: Tier) -> StartPlacement {
    StartPlacement { media_id, tier, stars: None }
}

/// The session and the title asked about, or a panic.
fn comparing(step: &PlacementStep) -> (PlacementId, MediaId, u32) {
    match step {
        PlacementStep::Comparing { session, against, questions_left, .. } => (*session, against.1.id, *questions_left),
        PlacementStep::Placed { .. } => panic!("expected a question, got {step:?}"),
    }
}

/// Answers as an oracle that ranks `order` (best first) until placed; returns the questions asked and the step.
async fn answer_by(
    s: &Stores,
    user: UserId,
    mut step: PlacementStep,
    new: MediaId,
    order: &[MediaId],
) -> (u32, PlacementStep) {
    let rank = |m: MediaId| order.iter().position(|&x| x == m).unwrap();
    let mut asked = 0;
    while let PlacementStep::Comparing { session, against, .. } = &step {
        asked += 1;
        let prefer = if rank(new) < rank(against.1.id) { Preference::New } else { Preference::Existing };
        step = s.placements.act(user, *session, Action::Answer(prefer), Utc::now(), TTL).await.unwrap();
    }
    (asked, step)
}

pub async fn an_empty_tier_places_at_once(s: &Stores) {
    let ada = user(s, "ada").await;
    let arrival = movie(s, "Arrival").await;
    let command = StartPlacement { media_id: arrival, tier: Tier::A, stars: Some(Stars::new(4).unwrap()) };
    let step = s.placements.start(ada, &command, Utc::now(), TTL).await.unwrap();
    let PlacementStep::Placed { session, ranking } = step else { panic!("expected placed, got {step:?}") };
    assert_eq!((ranking.tier, ranking.position, ranking.tier_size), (Tier::A, 1, 1));
    assert_eq!(ranking.stars.map(Stars::get), Some(4));
    let again = s.placements.act(ada, session, Action::Answer(Preference::New), Utc::now(), TTL).await;
    assert!(matches!(again, Err(PlacementError::Finished)), "{again:?}");
    assert_eq!(comparison_count(s, ada).await, 0);
}

pub async fn answers_find_the_slot_within_the_bound_and_are_recorded(s: &Stores) {
    let ada = user(s, "ada").await;
    let mut order = Vec::new();
    for t in ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"] {
        order.push(movie(s, t).await);
    }
    // Every title but one is ranked; the missing one goes in at each possible slot, one user per slot.
    for missing in 0..order.len() {
        let who = if missing == 0 { ada } else { user(s, &format!("user{missing}")).await };
        let ranked: Vec<MediaId> = order.iter().copied().filter(|&m| m != order[missing]).collect();
        list_of(s, who, Tier::B, &ranked).await;
        let step = s.placements.start(who, &start(order[missing], Tier::B), Utc::now(), TTL).await.unwrap();
        let (_, _, left) = comparing(&step);
        assert_eq!(left, question_bound(7));
        let (asked, step) = answer_by(s, who, step, order[missing], &order).await;
        assert!(asked <= question_bound(7), "{asked} questions");
        let PlacementStep::Placed { ranking, .. } = step else { unreachable!() };
        assert_eq!(ranking.position, missing as u64 + 1);
        assert_eq!(titles(s, who, Tier::B).await, order);
        let history = s.placements.comparisons(who, PageRequest::default()).await.unwrap();
        assert_eq!(history.total, u64::from(asked));
        let newest = &history.items[0];
        assert_eq!(newest.context, "placement");
        assert!(!newest.tie && (newest.winner == order[missing] || newest.loser == order[missing]));
        assert!(history.items.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    }
}

pub async fn too_close_places_next_to_the_pivot_as_a_tie(s: &Stores) {
    let ada = user(s, "ada").await;
    let mut ranked = Vec::new();
    for t in ["One", "Two", "Three", "Four", "Five"] {
        ranked.push(movie(s, t).await);
    }
    list_of(s, ada, Tier::S, &ranked).await;
    let new = movie(s, "New").await;
    let step = s.placements.start(ada, &start(new, Tier::S), Utc::now(), TTL).await.unwrap();
    let (session, pivot, _) = comparing(&step);
    let step = s.placements.act(ada, session, Action::Answer(Preference::TooClose), Utc::now(), TTL).await.unwrap();
    assert!(matches!(step, PlacementStep::Placed { .. }));
    let list = titles(s, ada, Tier::S).await;
    let at = list.iter().position(|&m| m == pivot).unwrap();
    assert_eq!(list[at + 1], new, "right below the title it is too close to");
    let history = s.placements.comparisons(ada, PageRequest::default()).await.unwrap();
    assert_eq!(history.total, 1);
    assert!(history.items[0].tie);
    assert_eq!(history.items[0].source, Some(session.0));
}

pub async fn undo_takes_the_answer_and_its_comparison_back(s: &Stores) {
    let ada = user(s, "ada").await;
    let mut ranked = Vec::new();
    for t in ["One", "Two", "Three", "Four", "Five", "Six", "Seven"] {
        ranked.push(movie(s, t).await);
    }
    list_of(s, ada, Tier::C, &ranked).await;
    let new = movie(s, "New").await;
    let first = s.placements.start(ada, &start(new, Tier::C), Utc::now(), TTL).await.unwrap();
    let (session, first_pivot, _) = comparing(&first);
    let undo = s.placements.act(ada, session, Action::Undo, Utc::now(), TTL).await;
    assert!(matches!(undo, Err(PlacementError::NothingToUndo)), "{undo:?}");
    let second = s.placements.act(ada, session, Action::Answer(Preference::New), Utc::now(), TTL).await.unwrap();
    assert_ne!(comparing(&second).1, first_pivot);
    assert_eq!(comparison_count(s, ada).await, 1);
    let again = s.placements.act(ada, session, Action::Undo, Utc::now(), TTL).await.unwrap();
    assert_eq!(comparing(&again).1, first_pivot, "the first question again");
    assert_eq!(comparison_count(s, ada).await, 0, "the answer's comparison is gone");
    // Now answer the other way and finish: the title goes below the first pivot.
    let mut step = s.placements.act(ada, session, Action::Answer(Preference::Existing), Utc::now(), TTL).await.unwrap();
    while let PlacementStep::Comparing { .. } = step {
        step = s.placements.act(ada, session, Action::Answer(Preference::Existing), Utc::now(), TTL).await.unwrap();
    }
    assert_eq!(titles(s, ada, Tier::C).await.last(), Some(&new));
}

pub async fn placement_errors_and_nothing_written(s: &Stores) {
    let ada = user(s, "ada").await;
    let eve = user(s, "eve").await;
    let ranked = [movie(s, "One").await, movie(s, "Two").await];
    list_of(s, ada, Tier::A, &ranked).await;
    let unknown = MediaId(uuid::Uuid::now_v7());
    let err = s.placements.start(ada, &start(unknown, Tier::A), Utc::now(), TTL).await;
    assert!(matches!(err, Err(PlacementError::Ranking(RankingError::UnknownMedia(_)))), "{err:?}");
    let err = s.placements.start(ada, &start(ranked[0], Tier::B), Utc::now(), TTL).await;
    assert!(matches!(err, Err(PlacementError::Ranking(RankingError::AlreadyRanked(_)))), "{err:?}");

    let new = movie(s, "New").await;
    let step = s.placements.start(ada, &start(new, Tier::A), Utc::now(), TTL).await.unwrap();
    let (session, _, _) = comparing(&step);
    let foreign = s.placements.act(eve, session, Action::Answer(Preference::New), Utc::now(), TTL).await;
    assert!(matches!(foreign, Err(PlacementError::NotFound)), "{foreign:?}");
    let missing = s
        .placements
        .act(ada, PlacementId(uuid::Uuid::now_v7()), Action::Answer(Preference::New), Utc::now(), TTL)
        .await;
    assert!(matches!(missing, Err(PlacementError::NotFound)), "{missing:?}");
    let late = Utc::now() + chrono::Duration::hours(1);
    let expired = s.placements.act(ada, session, Action::Answer(Preference::New), late, TTL).await;
    assert!(matches!(expired, Err(PlacementError::Expired)), "{expired:?}");
    assert!(matches!(s.placements.act(ada, session, Action::Undo, late, TTL).await, Err(PlacementError::Expired)));
    assert_eq!(comparison_count(s, ada).await, 0);
    assert!(matches!(s.placements.abandon(eve, session).await, Err(PlacementError::NotFound)));
    s.placements.abandon(ada, session).await.unwrap();
    let gone = s.placements.act(ada, session, Action::Answer(Preference::New), Utc::now(), TTL).await;
    assert!(matches!(gone, Err(PlacementError::NotFound)), "{gone:?}");
    assert_eq!(titles(s, ada, Tier::A).await, ranked.to_vec(), "nothing placed");
}

pub async fn a_pivot_deleted_or_moved_mid_session_keeps_the_order(s: &Stores) {
    let ada = user(s, "ada").await;
    let mut order = Vec::new();
    for t in ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"] {
        order.push(movie(s, t).await);
    }
    // The new title belongs between Five and Six.
    let new = order.remove(5);
    let ids = list_of(s, ada, Tier::B, &order).await;
    let mut truth = order.clone();
    truth.insert(5, new);
    let step = s.placements.start(ada, &start(new, Tier::B), Utc::now(), TTL).await.unwrap();
    let (session, pivot, _) = comparing(&step);
    let rank = |m: MediaId| truth.iter().position(|&x| x == m).unwrap();
    let prefer = if rank(new) < rank(pivot) { Preference::New } else { Preference::Existing };
    let step = s.placements.act(ada, session, Action::Answer(prefer), Utc::now(), TTL).await.unwrap();
    // Another device deletes the title just asked about and moves another to tier S.
    let pivot_ranking = ids[order.iter().position(|&m| m == pivot).unwrap()];
    assert!(s.rankings.remove(ada, pivot_ranking).await.unwrap());
    let moved = usize::from(pivot == order[0]);
    s.rankings.relocate(ada, ids[moved], &MoveCommand::new(Some(Tier::S), Anchor::Bottom).unwrap()).await.unwrap();
    // The question open now may be about a title that just left the tier: the oracle still answers it.
    let full = truth.clone();
    truth.retain(|&m| m != pivot && m != order[moved]);
    let (_, step) = answer_by(s, ada, step, new, &full).await;
    assert!(matches!(step, PlacementStep::Placed { .. }));
    assert_eq!(titles(s, ada, Tier::B).await, truth);
}

pub async fn a_title_placed_meanwhile_is_never_placed_twice(s: &Stores) {
    let ada = user(s, "ada").await;
    let ranked = [movie(s, "One").await, movie(s, "Two").await, movie(s, "Three").await];
    list_of(s, ada, Tier::A, &ranked).await;
    let new = movie(s, "New").await;
    let step = s.placements.start(ada, &start(new, Tier::A), Utc::now(), TTL).await.unwrap();
    // A second session for the same title, and a quick rating from another device, while the first is open.
    let other = s.placements.start(ada, &start(new, Tier::A), Utc::now(), TTL).await.unwrap();
    let (session, _, _) = comparing(&step);
    s.rankings.rate(ada, new, Stars::new(3).unwrap()).await.unwrap();
    let before = comparison_count(s, ada).await;
    let mut result = Ok(step);
    while let Ok(PlacementStep::Comparing { .. }) = result {
        result = s.placements.act(ada, session, Action::Answer(Preference::TooClose), Utc::now(), TTL).await;
    }
    assert!(matches!(result, Err(PlacementError::Ranking(RankingError::AlreadyRanked(_)))), "{result:?}");
    assert_eq!(comparison_count(s, ada).await, before, "the refused answer wrote nothing");
    let (other, _, _) = comparing(&other);
    let refused = s.placements.act(ada, other, Action::Answer(Preference::TooClose), Utc::now(), TTL).await;
    assert!(matches!(refused, Err(PlacementError::Ranking(RankingError::AlreadyRanked(_)))), "{refused:?}");
    let all = s.rankings.list(ada, &RankingFilter::default()).await.unwrap();
    assert_eq!(all.items.iter().filter(|r| r.media.id == new).count(), 1);
}

/// Merging catalog items: a session asking about the duplicate asks about the kept title and records its answer
/// against it; one placing the duplicate places the kept title; one that would place it twice is gone.
pub async fn a_merge_repoints_open_sessions_or_drops_doomed_ones(s: &Stores) {
    let (asker, doomed, placer) = (user(s, "asker").await, user(s, "doomed").await, user(s, "placer").await);
    let keep = movie(s, "Dune").await;
    let dup = movie(s, "Dune (1984 entry)").await;
    let (new, other) = (movie(s, "New").await, movie(s, "Other").await);
    list_of(s, asker, Tier::A, &[dup]).await;
    let asking = s.placements.start(asker, &start(new, Tier::A), Utc::now(), TTL).await.unwrap();
    let (asking, pivot, _) = comparing(&asking);
    assert_eq!(pivot, dup);
    list_of(s, doomed, Tier::B, &[keep]).await;
    list_of(s, doomed, Tier::A, &[other]).await;
    let (dropped, _, _) = comparing(&s.placements.start(doomed, &start(dup, Tier::A), Utc::now(), TTL).await.unwrap());
    list_of(s, placer, Tier::A, &[other]).await;
    let (placing, _, _) = comparing(&s.placements.start(placer, &start(dup, Tier::A), Utc::now(), TTL).await.unwrap());

    let report = s.media.merge(keep, dup).await.unwrap();
    assert_eq!((report.rankings_moved, report.sessions_moved, report.sessions_dropped), (1, 2, 1));

    let step = s.placements.act(asker, asking, Action::Answer(Preference::New), Utc::now(), TTL).await.unwrap();
    assert!(matches!(step, PlacementStep::Placed { .. }), "{step:?}");
    assert_eq!(titles(s, asker, Tier::A).await, [new, keep]);
    let history = s.placements.comparisons(asker, PageRequest::default()).await.unwrap();
    assert_eq!(history.items.iter().map(|c| (c.winner, c.loser)).collect::<Vec<_>>(), [(new, keep)]);

    let gone = s.placements.act(doomed, dropped, Action::Answer(Preference::New), Utc::now(), TTL).await;
    assert!(matches!(gone, Err(PlacementError::NotFound)), "{gone:?}");
    assert_eq!(titles(s, doomed, Tier::A).await, [other], "never placed twice");

    let step = s.placements.act(placer, placing, Action::Answer(Preference::Existing), Utc::now(), TTL).await.unwrap();
    assert!(matches!(step, PlacementStep::Placed { .. }), "{step:?}");
    assert_eq!(titles(s, placer, Tier::A).await, [other, keep]);
}

/// Answers sent at once to one session (a double tap, two devices) are applied one after another: each records
/// its own comparison against the question open when it applied, none is lost or applied twice, and the title is
/// placed once, within the bound.
pub async fn concurrent_answers_to_one_session_apply_one_after_another(s: &Stores) {
    let ada = user(s, "ada").await;
    let mut ranked = Vec::new();
    for i in 0..31 {
        ranked.push(movie(s, &format!("Title {i}")).await);
    }
    list_of(s, ada, Tier::B, &ranked).await;
    let new = movie(s, "New").await;
    let step = s.placements.start(ada, &start(new, Tier::B), Utc::now(), TTL).await.unwrap();
    let (session, _, bound) = comparing(&step);
    assert_eq!(bound, question_bound(31));
    let answer = || s.placements.act(ada, session, Action::Answer(Preference::Existing), Utc::now(), TTL);
    let (first, second) = tokio::join!(answer(), answer());
    let answered: Vec<u32> = [first.unwrap(), second.unwrap()]
        .iter()
        .map(|step| match step {
            PlacementStep::Comparing { answered, .. } => *answered,
            PlacementStep::Placed { .. } => panic!("placed after two answers out of five"),
        })
        .collect();
    let mut sorted = answered.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 2], "each answer applied once, in turn: {answered:?}");
    assert_eq!(comparison_count(s, ada).await, 2);
    // Always preferring the ranked title places the new one at the bottom, after exactly the bound's questions.
    let mut step = s.placements.act(ada, session, Action::Answer(Preference::Existing), Utc::now(), TTL).await;
    let mut asked = 3;
    while let Ok(PlacementStep::Comparing { .. }) = step {
        step = s.placements.act(ada, session, Action::Answer(Preference::Existing), Utc::now(), TTL).await;
        asked += 1;
    }
    let PlacementStep::Placed { ranking, .. } = step.unwrap() else { unreachable!() };
    assert_eq!((ranking.position, asked), (32, question_bound(31)));
    assert_eq!(comparison_count(s, ada).await, u64::from(asked));
    let history = s.placements.comparisons(ada, PageRequest::default()).await.unwrap();
    assert!(history.items.iter().all(|c| c.winner != new && c.loser == new && c.source == Some(session.0)));
    let mut pivots: Vec<MediaId> = history.items.iter().map(|c| c.winner).collect();
    pivots.sort_unstable();
    pivots.dedup();
    assert_eq!(pivots.len(), asked as usize, "no title asked about twice");
}
