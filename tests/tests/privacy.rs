//! Issue 19, defect 1: no read names a user, or shows their top 4 or their actions, to a reader who may not see
//! that user (`marquee_domain::privacy`): a private user to nobody but themselves, a followers-only user to their
//! accepted followers and themselves. Each read is asked by a signed-out reader, a stranger, a pending requester,
//! an accepted follower and the users themselves; wherever a user is left out, the answer holds neither their id
//! nor their display name. The reads of one profile by id (list, taste, follows, compatibility) are the matrix of
//! `social.rs`.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::collections::BTreeSet;

use marquee_tests::{ApiService, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    the_matchup_leaderboard_lists_only_sets_whose_owner_the_reader_may_see,
    matchmaking_offers_only_sets_whose_owner_the_voter_may_see,
    follower_lists_leave_out_users_the_reader_may_not_see,
    the_feed_names_only_users_the_reader_may_see,
    the_rankers_board_names_only_users_the_reader_may_see,
);

/// One signed-up user.
#[derive(Debug, Clone)]
struct Person {
    token: String,
    id: String,
    name: String,
}

/// The cast: `open` is public, `fans_only` is followers-only with `fan` as accepted follower and `requester` still
/// waiting, `hidden` is private (and was followed by `fan` while public), `stranger` knows nobody.
#[derive(Debug)]
struct Cast {
    open: Person,
    fans_only: Person,
    hidden: Person,
    fan: Person,
    requester: Person,
    stranger: Person,
}

async fn person(app: &TestApp<impl ApiService>, name: &str) -> Person {
    let token = app.register(name).await;
    let id = app.get("/api/v1/auth/me", Some(&token)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    Person { token, id, name: name.to_owned() }
}

async fn follow(app: &TestApp<impl ApiService>, who: &Person, whom: &Person) -> String {
    let reply = app.post(&format!("/api/v1/users/{}/follow", whom.id), Some(&who.token), json!({})).await;
    reply.expect(200).body["state"].as_str().unwrap().to_owned()
}

async fn set_visibility(app: &TestApp<impl ApiService>, who: &Person, visibility: &str) {
    app.put("/api/v1/me/visibility", Some(&who.token), json!({"visibility": visibility})).await.expect(200);
}

/// The cast, with `setup` run while everyone is still public (follows of users about to turn private or
/// followers-only are accepted at once then, as they would have been).
async fn cast<A: ApiService>(app: &TestApp<A>, setup: impl AsyncFnOnce(&Cast)) -> Cast {
    let cast = Cast {
        open: person(app, "open-olive").await,
        fans_only: person(app, "fansonly-fay").await,
        hidden: person(app, "hidden-hana").await,
        fan: person(app, "fan-finn").await,
        requester: person(app, "requester-rex").await,
        stranger: person(app, "stranger-sid").await,
    };
    assert_eq!(follow(app, &cast.fan, &cast.hidden).await, "following");
    setup(&cast).await;
    set_visibility(app, &cast.fans_only, "followers").await;
    set_visibility(app, &cast.hidden, "private").await;
    assert_eq!(follow(app, &cast.fan, &cast.fans_only).await, "requested");
    app.post(&format!("/api/v1/me/followers/{}/approve", cast.fan.id), Some(&cast.fans_only.token), json!({}))
        .await
        .expect(204);
    assert_eq!(follow(app, &cast.requester, &cast.fans_only).await, "requested");
    cast
}

/// Whether `body` holds `who`'s id or display name anywhere.
fn names(body: &Value, who: &Person) -> bool {
    let text = body.to_string();
    text.contains(&who.id) || text.contains(&who.name)
}

/// Asserts that `body` names exactly the users of `shown` among `cast`'s users that may be left out.
#[track_caller]
fn names_only(body: &Value, cast: &Cast, shown: &[&Person], what: &str) {
    for who in [&cast.open, &cast.fans_only, &cast.hidden] {
        let expected = shown.iter().any(|p| p.id == who.id);
        assert_eq!(names(body, who), expected, "{what}: {} shown? {body:#}", who.name);
    }
}

fn ids<'a>(people: impl IntoIterator<Item = &'a Person>) -> BTreeSet<String> {
    people.into_iter().map(|p| p.id.clone()).collect()
}

/// Registers four titles of `genre` for `who` and makes them their top 4. The titles name nobody, so that a body
/// naming a user means it shows the user.
async fn top4(app: &TestApp<impl ApiService>, who: &Person, genre: &str) {
    let mut media = Vec::new();
    for i in 0..4 {
        let title = format!("{genre} pick {i} {}", uuid::Uuid::now_v7().simple());
        media.push(app.add_media(&who.token, "movie", &title, &[genre]).await);
    }
    app.put("/api/v1/me/top4", Some(&who.token), json!({"media_ids": media})).await.expect(200);
}

async fn the_matchup_leaderboard_lists_only_sets_whose_owner_the_reader_may_see(app: &TestApp<impl ApiService>) {
    let cast = cast(app, async |_: &Cast| {}).await;
    for who in [&cast.open, &cast.fans_only, &cast.hidden] {
        top4(app, who, "Drama").await;
    }
    let board = async |token: Option<&str>| {
        let body = app.get("/api/v1/matchups/leaderboard?limit=100", token).await.expect(200).body;
        let owners: BTreeSet<String> =
            body["items"].as_array().unwrap().iter().map(|s| s["owner"]["id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(body["total"], json!(owners.len()), "the total counts what is listed: {body:#}");
        let ranks: Vec<u64> = body["items"].as_array().unwrap().iter().map(|s| s["rank"].as_u64().unwrap()).collect();
        assert_eq!(ranks, (1..=owners.len() as u64).collect::<Vec<_>>(), "ranks count what is listed");
        (body, owners)
    };
    let (body, owners) = board(None).await;
    assert_eq!(owners, ids([&cast.open]), "signed out: public users' sets only");
    names_only(&body, &cast, &[&cast.open], "signed out");
    for reader in [&cast.stranger, &cast.requester] {
        let (body, _) = board(Some(&reader.token)).await;
        names_only(&body, &cast, &[&cast.open], &reader.name);
    }
    let (body, _) = board(Some(&cast.fan.token)).await;
    names_only(&body, &cast, &[&cast.open, &cast.fans_only], "an accepted follower (of the private user too)");
    let (body, _) = board(Some(&cast.fans_only.token)).await;
    names_only(&body, &cast, &[&cast.open, &cast.fans_only], "the followers-only user themselves");
    let (body, _) = board(Some(&cast.hidden.token)).await;
    names_only(&body, &cast, &[&cast.open, &cast.hidden], "the private user themselves");
    app.get("/api/v1/matchups/leaderboard", Some("garbage")).await.problem(401, "unauthorized");
}

async fn matchmaking_offers_only_sets_whose_owner_the_voter_may_see(app: &TestApp<impl ApiService>) {
    let other = person(app, "open-otto").await;
    let cast = cast(app, async |_: &Cast| {}).await;
    for who in [&cast.open, &other, &cast.fans_only, &cast.hidden] {
        top4(app, who, "Drama").await;
    }
    // Every matchup a voter is offered until none is left (each pair once inside the repeat window).
    let offered = async |voter: &Person| {
        let mut owners = BTreeSet::new();
        let mut pairs = 0;
        loop {
            let reply = app.get("/api/v1/matchups/next", Some(&voter.token)).await;
            if reply.status.as_u16() == 404 {
                return (owners, pairs);
            }
            let body = reply.expect(200).body;
            for side in ["a", "b"] {
                owners.insert(body[side]["owner"]["id"].as_str().unwrap().to_owned());
            }
            pairs += 1;
            assert!(pairs <= 6, "four sets make six pairs at most");
        }
    };
    for voter in [&cast.stranger, &cast.requester, &cast.hidden] {
        assert_eq!(offered(voter).await, (ids([&cast.open, &other]), 1), "{}", voter.name);
    }
    let (owners, pairs) = offered(&cast.fan).await;
    assert_eq!((owners, pairs), (ids([&cast.open, &other, &cast.fans_only]), 3), "a follower, not of private users");
    let (owners, pairs) = offered(&cast.fans_only).await;
    assert_eq!((owners, pairs), (ids([&cast.open, &other]), 1), "never one's own set");
}

/// The ids a follow list lists, checking that its total counts them.
fn listed(body: &Value) -> BTreeSet<String> {
    let items = body["items"].as_array().unwrap();
    assert_eq!(body["total"], json!(items.len()), "the total counts what is listed: {body:#}");
    items.iter().map(|f| f["user_id"].as_str().unwrap().to_owned()).collect()
}

async fn follower_lists_leave_out_users_the_reader_may_not_see(app: &TestApp<impl ApiService>) {
    let star = person(app, "star-stella").await;
    let cast = cast(app, async |cast: &Cast| {
        for who in [&cast.open, &cast.fans_only, &cast.hidden] {
            assert_eq!(follow(app, who, &star).await, "following");
            assert_eq!(follow(app, &star, who).await, "following");
        }
    })
    .await;
    for list in ["followers", "following"] {
        let path = format!("/api/v1/users/{}/{list}?limit=100", star.id);
        let body = app.get(&path, None).await.expect(200).body;
        assert_eq!(listed(&body), ids([&cast.open]), "{list} signed out");
        names_only(&body, &cast, &[&cast.open], &format!("{list} signed out"));
        let readers: [(&Person, &[&Person]); 6] = [
            (&cast.stranger, &[&cast.open]),
            (&cast.requester, &[&cast.open]),
            (&cast.fan, &[&cast.open, &cast.fans_only]),
            (&cast.fans_only, &[&cast.open, &cast.fans_only]),
            (&cast.hidden, &[&cast.open, &cast.hidden]),
            // The star follows the followers-only user back; the private one stays hidden even from the star.
            (&star, &[&cast.open, &cast.fans_only]),
        ];
        for (reader, shown) in readers {
            let body = app.get(&path, Some(&reader.token)).await.expect(200).body;
            assert_eq!(listed(&body), ids(shown.iter().copied()), "{list} read by {}", reader.name);
            names_only(&body, &cast, shown, &format!("{list} read by {}", reader.name));
        }
    }
}

async fn the_feed_names_only_users_the_reader_may_see(app: &TestApp<impl ApiService>) {
    let actor = person(app, "actor-ada").await;
    let cast = cast(app, async |cast: &Cast| {
        // The actor follows all three while they are public; the readers follow the actor.
        for who in [&cast.open, &cast.fans_only, &cast.hidden] {
            follow(app, &actor, who).await;
        }
        for reader in [&cast.stranger, &cast.requester, &cast.fan] {
            follow(app, reader, &actor).await;
        }
    })
    .await;
    // What the three do now that they are open, followers-only and private.
    for who in [&cast.open, &cast.fans_only, &cast.hidden] {
        top4(app, who, "Comedy").await;
    }
    let feed = async |reader: &Person| app.get("/api/v1/feed?limit=100", Some(&reader.token)).await.expect(200).body;
    let targets = |body: &Value| -> BTreeSet<String> {
        let entries = body["entries"].as_array().unwrap();
        let followed = entries.iter().filter(|e| e["verb"] == "followed" && e["actor"]["id"] == json!(actor.id));
        followed
            .flat_map(|e| e["targets"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_owned()))
            .collect()
    };
    for reader in [&cast.stranger, &cast.requester] {
        let body = feed(reader).await;
        assert_eq!(targets(&body), ids([&cast.open]), "{}", reader.name);
        names_only(&body, &cast, &[&cast.open], &reader.name);
    }
    // The open user's own actions reach nobody here (nobody follows them); the fan follows the other two.
    let body = feed(&cast.fan).await;
    assert_eq!(targets(&body), ids([&cast.open, &cast.fans_only]));
    names_only(&body, &cast, &[&cast.open, &cast.fans_only], "an accepted follower");
    let actors: BTreeSet<String> =
        body["entries"].as_array().unwrap().iter().map(|e| e["actor"]["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(actors, ids([&actor, &cast.fans_only]), "the private user's actions reach not even followers");
}

async fn the_rankers_board_names_only_users_the_reader_may_see(app: &TestApp<impl ApiService>) {
    let cast = cast(app, async |_: &Cast| {}).await;
    for who in [&cast.open, &cast.fans_only, &cast.hidden] {
        let title = format!("Ranked {}", uuid::Uuid::now_v7().simple());
        let media = app.add_media(&who.token, "movie", &title, &["Drama"]).await;
        app.post("/api/v1/me/rankings", Some(&who.token), json!({"media_id": media, "tier": "A"})).await.expect(201);
    }
    let rankers = async |token: Option<&str>| {
        let body = app.get("/api/v1/leaderboard", token).await.expect(200).body;
        let titles = body["titles"].as_array().unwrap().len();
        (body, titles)
    };
    let (body, titles) = rankers(None).await;
    names_only(&body, &cast, &[&cast.open], "signed out");
    assert_eq!(titles, 2, "the followers-only list counts in the aggregate, the private one nowhere: {body:#}");
    for reader in [&cast.stranger, &cast.requester] {
        names_only(&rankers(Some(&reader.token)).await.0, &cast, &[&cast.open], &reader.name);
    }
    for reader in [&cast.fan, &cast.fans_only] {
        names_only(&rankers(Some(&reader.token)).await.0, &cast, &[&cast.open, &cast.fans_only], &reader.name);
    }
    names_only(&rankers(Some(&cast.hidden.token)).await.0, &cast, &[&cast.open], "a private list counts nowhere");
}
