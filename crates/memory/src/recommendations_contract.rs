//! The contract suite of [`RecommendationRepository`]: signals from every source, interactions, followed fans and
//! stored models, as the in-memory store and `PgStore` must both show them. Run with
//! [`recommendations_contract_tests!`](crate::recommendations_contract_tests) and a factory of fresh stores.

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use crate::contract::Stores;
use chrono::{Duration, Utc};
use marquee_domain::matchup::Top4;
use marquee_domain::media::{MediaFields, MediaId, MediaInput, MediaKind};
use marquee_domain::privacy::{Audience, Visibility};
use marquee_domain::ranking::{Anchor, PlaceCommand};
use marquee_domain::recommend::service::{InteractionError, InteractionKind, NewModel, SignalSource};
use marquee_domain::recommend::snapshot::ItemFactors;
use marquee_domain::tier::Tier;
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, UserId};

/// One `#[tokio::test]` per case, each on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! recommendations_contract_tests {
    ($make:path) => {
        $crate::recommendations_contract_tests!(@cases $make;
            signals_come_from_lists_top4_and_interactions,
            interactions_need_a_known_title_and_repeat_in_place,
            followed_fans_count_accepted_visible_follows_in_a_or_s,
            models_are_stored_whole_and_the_newest_wins,
            merging_titles_moves_interactions,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::recommendations_contract::$case(&stores).await;
            }
        )*
    };
}

async fn user(s: &Stores, name: &str) -> UserId {
    s.users
        .create(NewUser {
            email: Email::parse(&format!("{name}@example.com")).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            password_hash: PasswordHash(format!("hash-of-{name}")),
        })
        .await
        .unwrap()
        .id
}

async fn titles(s: &Stores, n: usize) -> Vec<MediaId> {
    let mut out = Vec::new();
    for i in 0..n {
        let fields = MediaFields::new(MediaInput {
            kind: MediaKind::Movie.as_str().into(),
            title: format!("Title {i}"),
            year: Some(1990 + i as i64),
            genres: vec!["Drama".into()],
            ..MediaInput::default()
        })
        .unwrap();
        out.push(s.media.create(fields, None).await.unwrap().id);
    }
    out
}

async fn place(s: &Stores, user: UserId, media: MediaId, tier: Tier) {
    s.rankings.place(user, &PlaceCommand { media_id: media, tier, anchor: Anchor::Bottom, stars: None }).await.unwrap();
}

pub async fn signals_come_from_lists_top4_and_interactions(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let t = titles(s, 6).await;
    place(s, ada, t[0], Tier::S).await;
    place(s, ada, t[1], Tier::S).await;
    place(s, ada, t[2], Tier::C).await;
    place(s, bob, t[0], Tier::D).await;
    s.recs.record_interaction(ada, t[3], InteractionKind::Watchlist).await.unwrap();
    s.matchups.put_top4(bob, &Top4::new(&[t[1].0, t[2].0, t[3].0, t[4].0]).unwrap()).await.unwrap();
    let mut mine: Vec<(MediaId, SignalSource)> =
        s.recs.user_signals(ada).await.unwrap().into_iter().map(|x| (x.media, x.source)).collect();
    mine.sort_by_key(|(m, _)| *m);
    assert_eq!(
        mine,
        vec![
            (t[0], SignalSource::Ranked { tier: Tier::S, position: 1, tier_size: 2 }),
            (t[1], SignalSource::Ranked { tier: Tier::S, position: 2, tier_size: 2 }),
            (t[2], SignalSource::Ranked { tier: Tier::C, position: 1, tier_size: 1 }),
            (t[3], SignalSource::Interaction(InteractionKind::Watchlist)),
        ]
    );
    let all = s.recs.signals().await.unwrap();
    assert_eq!(all.len(), 4 + 1 + 4, "ada's four, bob's ranking and his top 4");
    let bobs: Vec<_> = all.iter().filter(|x| x.user == bob).collect();
    assert!(
        bobs.iter()
            .any(|x| x.media == t[0] && x.source == SignalSource::Ranked { tier: Tier::D, position: 1, tier_size: 1 })
    );
    assert_eq!(bobs.iter().filter(|x| x.source == SignalSource::Top4).count(), 4);
    let now = Utc::now();
    assert!(all.iter().all(|x| (now - x.at).abs() < Duration::minutes(5)), "times are when it happened");
}

pub async fn interactions_need_a_known_title_and_repeat_in_place(s: &Stores) {
    let ada = user(s, "ada").await;
    let t = titles(s, 1).await;
    let unknown = MediaId(uuid::Uuid::now_v7());
    let err = s.recs.record_interaction(ada, unknown, InteractionKind::View).await.unwrap_err();
    assert!(matches!(err, InteractionError::UnknownMedia(id) if id == unknown), "{err:?}");
    s.recs.record_interaction(ada, t[0], InteractionKind::View).await.unwrap();
    let first = s.recs.user_signals(ada).await.unwrap()[0].at;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    s.recs.record_interaction(ada, t[0], InteractionKind::View).await.unwrap();
    s.recs.record_interaction(ada, t[0], InteractionKind::Click).await.unwrap();
    let signals = s.recs.user_signals(ada).await.unwrap();
    assert_eq!(signals.len(), 2, "one row per kind: {signals:?}");
    let view = signals.iter().find(|x| x.source == SignalSource::Interaction(InteractionKind::View)).unwrap();
    assert!(view.at > first, "a repeat moves the time");
}

pub async fn followed_fans_count_accepted_visible_follows_in_a_or_s(s: &Stores) {
    let me = user(s, "me").await;
    let t = titles(s, 3).await;
    let mut friends = Vec::new();
    for (i, accepted) in [true, true, true, false].into_iter().enumerate() {
        let friend = user(s, &format!("friend{i}")).await;
        s.social.follow(me, friend, accepted).await.unwrap();
        friends.push(friend);
    }
    let stranger = user(s, "stranger").await;
    // t0: S, A, and B from the accepted friends; S from the pending one and from a stranger.
    place(s, friends[0], t[0], Tier::S).await;
    place(s, friends[1], t[0], Tier::A).await;
    place(s, friends[2], t[0], Tier::B).await;
    place(s, friends[3], t[0], Tier::S).await;
    place(s, stranger, t[0], Tier::S).await;
    place(s, friends[0], t[1], Tier::A).await;
    place(s, friends[2], t[2], Tier::S).await;
    let fans = s.recs.followed_fans(me, &Audience::of(Some(me)), &[t[0], t[1]]).await.unwrap();
    assert_eq!(fans.get(&t[0]), Some(&2));
    assert_eq!(fans.get(&t[1]), Some(&1));
    assert_eq!(fans.get(&t[2]), None, "only the titles asked about");
    s.social.set_visibility(friends[0], Visibility::Private).await.unwrap();
    let fans = s.recs.followed_fans(me, &Audience::of(Some(me)), &[t[0], t[1]]).await.unwrap();
    assert_eq!((fans.get(&t[0]), fans.get(&t[1])), (Some(&1), None), "a private list is hidden");
    s.social.set_visibility(friends[1], Visibility::Followers).await.unwrap();
    let fans = s.recs.followed_fans(me, &Audience::of(Some(me)), &[t[0]]).await.unwrap();
    assert_eq!(fans.get(&t[0]), Some(&1), "a followers-only list speaks to its accepted followers");
    // The pending follow of friend 3 counts no more once they are followers-only than it did before.
    s.social.set_visibility(friends[3], Visibility::Followers).await.unwrap();
    let fans = s.recs.followed_fans(me, &Audience::of(Some(me)), &[t[0]]).await.unwrap();
    assert_eq!(fans.get(&t[0]), Some(&1));
    assert!(s.recs.followed_fans(me, &Audience::of(Some(me)), &[]).await.unwrap().is_empty());
}

pub async fn models_are_stored_whole_and_the_newest_wins(s: &Stores) {
    assert_eq!(s.recs.latest_model().await.unwrap(), None);
    assert_eq!(s.recs.load_latest_model().await.unwrap(), None);
    let ada = user(s, "ada").await;
    let t = titles(s, 3).await;
    let model = |scale: f32| NewModel {
        trained_at: Utc::now(),
        settings: serde_json::json!({"alpha": scale}),
        factors: ItemFactors {
            factors: 2,
            items: t.iter().enumerate().map(|(i, id)| (*id, vec![i as f32 * scale, -0.5])).collect(),
        },
        users: vec![(ada, vec![0.25, scale])],
    };
    let first = s.recs.save_model(&model(1.0)).await.unwrap();
    let second = s.recs.save_model(&model(2.0)).await.unwrap();
    let third = s.recs.save_model(&model(3.0)).await.unwrap();
    assert!(first.version < second.version && second.version < third.version);
    assert_eq!(third.factors, 2);
    assert_eq!(s.recs.latest_model().await.unwrap(), Some(third));
    let loaded = s.recs.load_latest_model().await.unwrap().unwrap();
    assert_eq!(loaded.info, third);
    assert_eq!(loaded.settings, serde_json::json!({"alpha": 3.0}));
    let mut items = loaded.factors.items.clone();
    items.sort_by_key(|(id, _)| *id);
    let mut expected = model(3.0).factors.items;
    expected.sort_by_key(|(id, _)| *id);
    assert_eq!(items, expected, "every factor, exactly");
    assert_eq!(loaded.users, vec![(ada, vec![0.25, 3.0])]);
    // Microsecond-rounded by PostgreSQL.
    assert!((loaded.info.trained_at - model(3.0).trained_at).abs() < Duration::seconds(5));
}

pub async fn merging_titles_moves_interactions(s: &Stores) {
    let ada = user(s, "ada").await;
    let t = titles(s, 2).await;
    let (keep, dup) = (t[0], t[1]);
    s.recs.record_interaction(ada, keep, InteractionKind::Watchlist).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    s.recs.record_interaction(ada, dup, InteractionKind::Watchlist).await.unwrap();
    let later = s.recs.user_signals(ada).await.unwrap().iter().map(|x| x.at).max().unwrap();
    s.recs.record_interaction(ada, dup, InteractionKind::Click).await.unwrap();
    s.media.merge(keep, dup).await.unwrap();
    let mut signals: Vec<_> = s.recs.user_signals(ada).await.unwrap();
    signals.sort_by_key(|x| x.source == SignalSource::Interaction(InteractionKind::Click));
    let got: Vec<(MediaId, SignalSource)> = signals.iter().map(|x| (x.media, x.source)).collect();
    assert_eq!(
        got,
        vec![
            (keep, SignalSource::Interaction(InteractionKind::Watchlist)),
            (keep, SignalSource::Interaction(InteractionKind::Click)),
        ]
    );
    assert_eq!(signals[0].at, later, "the later watchlist time wins");
}
