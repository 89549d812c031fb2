//! `/api/v1/me/top4` and `/api/v1/matchups/*`: top-4 sets, matchmaking, votes and the leaderboard over HTTP.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::collections::HashSet;

use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    a_top4_set_is_validated_stored_and_read,
    matchups_show_other_sets_and_never_repeat_a_pair,
    a_vote_counts_once_and_moves_both_ratings,
    bad_votes_are_problems,
    changing_the_titles_starts_a_new_set,
    the_leaderboard_ranks_by_rating_and_pages,
);

/// Registers `name` and gives them four fresh titles of `genre` as their set; returns the token and the set.
async fn owner(app: &TestApp<impl ApiService>, name: &str, genre: &str) -> (String, Value) {
    let token = app.register(name).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(app.add_media(&token, "movie", &format!("{name} favourite {i}"), &[genre]).await);
    }
    let set = app.put("/api/v1/me/top4", Some(&token), json!({"media_ids": ids})).await.expect(200).body;
    (token, set)
}

fn pair(matchup: &Value) -> (String, String) {
    let a = matchup["a"]["id"].as_str().unwrap().to_owned();
    let b = matchup["b"]["id"].as_str().unwrap().to_owned();
    if a < b { (a, b) } else { (b, a) }
}

async fn a_top4_set_is_validated_stored_and_read(app: &TestApp<impl ApiService>) {
    let token = app.register("fan").await;
    app.get("/api/v1/me/top4", None).await.problem(401, "unauthorized");
    let body = app.get("/api/v1/me/top4", Some(&token)).await.problem(404, "not-found");
    assert!(body["detail"].as_str().unwrap().contains("top 4"), "{body}");

    let mut ids = Vec::new();
    for title in ["Heat", "Ran", "Ikiru", "Up"] {
        ids.push(app.add_media(&token, "movie", title, &["Drama"]).await);
    }
    let put = |media_ids: Value| app.put("/api/v1/me/top4", Some(&token), json!({"media_ids": media_ids}));
    let body = put(json!(ids[..3])).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["media_ids"]);
    let body = put(json!([ids[0], ids[1], ids[0], ids[1]])).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["media_ids[2]", "media_ids[3]"]);
    let ghost = uuid::Uuid::now_v7().to_string();
    let body = put(json!([ids[0], ghost, ids[2], ids[3]])).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["media_ids[1]"]);
    let body = put(json!(["not-a-uuid", ids[1], ids[2], ids[3]])).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["media_ids[0]"]);
    let body = app.put("/api/v1/me/top4", Some(&token), json!({})).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["media_ids"]);
    app.get("/api/v1/me/top4", Some(&token)).await.problem(404, "not-found");

    let set = put(json!(ids)).await.expect(200).body;
    let titles: Vec<&str> = set["media"].as_array().unwrap().iter().map(|m| m["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Heat", "Ran", "Ikiru", "Up"]);
    assert_eq!(
        (set["rating"].as_f64(), set["wins"].as_u64(), set["losses"].as_u64()),
        (Some(1500.0), Some(0), Some(0))
    );
    assert_eq!(set["owner"]["display_name"], "fan");
    assert_eq!(app.get("/api/v1/me/top4", Some(&token)).await.expect(200).body, set);
}

async fn matchups_show_other_sets_and_never_repeat_a_pair(app: &TestApp<impl ApiService>) {
    let (voter, own) = owner(app, "voter", "Drama").await;
    app.get("/api/v1/matchups/next", None).await.problem(401, "unauthorized");
    app.get("/api/v1/matchups/next", Some(&voter)).await.problem(404, "not-found");
    let mut sets = HashSet::new();
    for (name, genre) in [("ann", "Horror"), ("bob", "Comedy"), ("cat", "Drama")] {
        sets.insert(owner(app, name, genre).await.1["id"].as_str().unwrap().to_owned());
    }
    let mut seen = HashSet::new();
    for _ in 0..3 {
        let matchup = app.get("/api/v1/matchups/next", Some(&voter)).await.expect(200).body;
        let (a, b) = pair(&matchup);
        assert!(sets.contains(&a) && sets.contains(&b), "only other users' sets: {matchup}");
        assert_ne!(Some(a.as_str()), own["id"].as_str());
        assert_eq!(matchup["a"]["media"].as_array().unwrap().len(), 4);
        assert!(matchup["a"]["media"][0]["title"].is_string());
        assert!(seen.insert((a, b)), "a pair came back within the repeat window");
    }
    let body = app.get("/api/v1/matchups/next", Some(&voter)).await.problem(404, "not-found");
    assert!(body["detail"].as_str().unwrap().contains("no matchup"), "{body}");
    // Another voter has seen nothing yet; the voter's own set can be shown to them.
    let other = app.register("other").await;
    let matchup = app.get("/api/v1/matchups/next", Some(&other)).await.expect(200).body;
    assert_ne!(matchup["a"]["id"], matchup["b"]["id"]);
}

async fn a_vote_counts_once_and_moves_both_ratings(app: &TestApp<impl ApiService>) {
    owner(app, "ann", "Horror").await;
    owner(app, "bob", "Comedy").await;
    let voter = app.register("voter").await;
    let matchup = app.get("/api/v1/matchups/next", Some(&voter)).await.expect(200).body;
    let id = matchup["id"].as_str().unwrap();
    let path = format!("/api/v1/matchups/{id}/vote");
    let vote = app.post(&path, Some(&voter), json!({"winner": "b"})).await.expect(200).body;
    assert_eq!(vote["matchup_id"], matchup["id"]);
    assert_eq!(vote["winner"], "b");
    assert_eq!(vote["winner_set"]["set_id"], matchup["b"]["id"]);
    assert_eq!(
        (vote["winner_set"]["rating_before"].as_f64(), vote["winner_set"]["rating_after"].as_f64()),
        (Some(1500.0), Some(1516.0))
    );
    assert_eq!(vote["loser_set"]["rating_after"].as_f64(), Some(1484.0));

    let body = app.post(&path, Some(&voter), json!({"winner": "a"})).await.problem(409, "conflict");
    assert!(body["detail"].as_str().unwrap().contains("voted"), "{body}");
    let board = app.get("/api/v1/matchups/leaderboard", None).await.expect(200).body;
    assert_eq!(board["items"][0]["id"], matchup["b"]["id"]);
    assert_eq!((board["items"][0]["wins"].as_u64(), board["items"][1]["losses"].as_u64()), (Some(1), Some(1)));
    assert_eq!(board["items"][0]["rating"].as_f64(), Some(1516.0), "the second vote changed nothing");
}

async fn bad_votes_are_problems(app: &TestApp<impl ApiService>) {
    owner(app, "ann", "Horror").await;
    owner(app, "bob", "Comedy").await;
    let voter = app.register("voter").await;
    let stranger = app.register("stranger").await;
    let matchup = app.get("/api/v1/matchups/next", Some(&voter)).await.expect(200).body;
    let path = format!("/api/v1/matchups/{}/vote", matchup["id"].as_str().unwrap());
    let body = app.post(&path, Some(&voter), json!({"winner": "c"})).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["winner"]);
    let body = app.post(&path, Some(&voter), json!({})).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["winner"]);
    app.post(&path, None, json!({"winner": "a"})).await.problem(401, "unauthorized");
    app.post(&path, Some(&stranger), json!({"winner": "a"})).await.problem(404, "not-found");
    let ghost = format!("/api/v1/matchups/{}/vote", uuid::Uuid::now_v7());
    app.post(&ghost, Some(&voter), json!({"winner": "a"})).await.problem(404, "not-found");
    app.post("/api/v1/matchups/nope/vote", Some(&voter), json!({"winner": "a"})).await.problem(404, "not-found");
    // Nothing was counted by the refusals; the real vote still goes through.
    app.post(&path, Some(&voter), json!({"winner": "a"})).await.expect(200);
}

async fn changing_the_titles_starts_a_new_set(app: &TestApp<impl ApiService>) {
    let (ann, set) = owner(app, "ann", "Horror").await;
    owner(app, "bob", "Comedy").await;
    let voter = app.register("voter").await;
    let matchup = app.get("/api/v1/matchups/next", Some(&voter)).await.expect(200).body;
    let ann_side = if matchup["a"]["id"] == set["id"] { "a" } else { "b" };
    let path = format!("/api/v1/matchups/{}/vote", matchup["id"].as_str().unwrap());
    app.post(&path, Some(&voter), json!({"winner": ann_side})).await.expect(200);

    let ids: Vec<String> =
        set["media"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
    let reordered = [&ids[3], &ids[2], &ids[1], &ids[0]];
    let same = app.put("/api/v1/me/top4", Some(&ann), json!({"media_ids": reordered})).await.expect(200).body;
    assert_eq!(same["id"], set["id"]);
    assert_eq!((same["rating"].as_f64(), same["wins"].as_u64()), (Some(1516.0), Some(1)));
    assert_eq!(same["media"][0]["id"].as_str(), Some(ids[3].as_str()));

    let newcomer = app.add_media(&ann, "book", "Carrie", &["Horror"]).await;
    let changed = [&ids[0], &ids[1], &ids[2], &newcomer];
    let fresh = app.put("/api/v1/me/top4", Some(&ann), json!({"media_ids": changed})).await.expect(200).body;
    assert_ne!(fresh["id"], set["id"]);
    assert_eq!((fresh["rating"].as_f64(), fresh["wins"].as_u64()), (Some(1500.0), Some(0)));
    let board = app.get("/api/v1/matchups/leaderboard", None).await.expect(200).body;
    assert_eq!(board["total"], 2, "the old set is gone");
}

async fn the_leaderboard_ranks_by_rating_and_pages(app: &TestApp<impl ApiService>) {
    for (name, genre) in [("ann", "Horror"), ("bob", "Comedy"), ("cat", "Drama")] {
        owner(app, name, genre).await;
    }
    let voter = app.register("voter").await;
    let mut winner = None;
    for _ in 0..3 {
        let matchup = app.get("/api/v1/matchups/next", Some(&voter)).await.expect(200).body;
        // Always vote for ann's set when she is in the matchup, else for side a.
        let side = if matchup["b"]["owner"]["display_name"] == "ann" { "b" } else { "a" };
        let path = format!("/api/v1/matchups/{}/vote", matchup["id"].as_str().unwrap());
        let vote = app.post(&path, Some(&voter), json!({"winner": side})).await.expect(200).body;
        winner.get_or_insert(vote["winner_set"]["set_id"].clone());
    }
    let board = app.get("/api/v1/matchups/leaderboard?limit=10", None).await.expect(200).body;
    assert_eq!(
        (board["total"].as_u64(), board["limit"].as_u64(), board["offset"].as_u64()),
        (Some(3), Some(10), Some(0))
    );
    let items = board["items"].as_array().unwrap();
    assert_eq!(items[0]["owner"]["display_name"], "ann", "ann won both her matchups: {board:#}");
    assert_eq!((items[0]["wins"].as_u64(), items[0]["rank"].as_u64()), (Some(2), Some(1)));
    let ratings: Vec<f64> = items.iter().map(|i| i["rating"].as_f64().unwrap()).collect();
    assert!(ratings.windows(2).all(|w| w[0] >= w[1]), "{ratings:?}");
    assert!((ratings.iter().sum::<f64>() - 4500.0).abs() < 1e-6, "Elo conserves the total: {ratings:?}");
    let votes: u64 = items.iter().map(|i| i["wins"].as_u64().unwrap() + i["losses"].as_u64().unwrap()).sum();
    assert_eq!(votes, 6, "three votes, two sets each");

    let page = app.get("/api/v1/matchups/leaderboard?limit=1&offset=2", None).await.expect(200).body;
    assert_eq!((page["items"][0]["rank"].as_u64(), page["items"][0]["id"].clone()), (Some(3), items[2]["id"].clone()));
    let body = app.get("/api/v1/matchups/leaderboard?limit=0", None).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["limit"]);
    app.get("/api/v1/matchups/leaderboard?limit=x", None).await.problem(400, "malformed-request");
}
