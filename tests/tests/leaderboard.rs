//! `GET /api/v1/leaderboard`: shrunk mean derived scores on a hand-computed case, the scopes and filters, the
//! rankers, and bad input. Visibility of rankers is also in `social.rs`'s leak matrix.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(shrinkage_orders_the_titles, scopes_and_filters_narrow_the_board, bad_leaderboard_requests_are_refused);

async fn me(app: &TestApp<impl ApiService>, token: &str) -> String {
    app.get("/api/v1/auth/me", Some(token)).await.expect(200).body["id"].as_str().unwrap().to_owned()
}

async fn rank(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str) {
    app.post("/api/v1/me/rankings", Some(token), json!({"media_id": media, "tier": tier})).await.expect(201);
}

async fn board(app: &TestApp<impl ApiService>, token: Option<&str>, query: &str) -> Value {
    app.get(&format!("/api/v1/leaderboard{query}"), token).await.expect(200).body
}

fn titles(board: &Value) -> Vec<(&str, f64, f64, u64)> {
    board["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let title = t["media"]["title"].as_str().unwrap();
            (title, t["score"].as_f64().unwrap(), t["mean"].as_f64().unwrap(), t["count"].as_u64().unwrap())
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Four users: u1 ranks X alone in S (10.0) and W alone in B (7.4); u2–u4 each rank Y alone in A (8.9) and W alone
/// in C (5.9). Returns the four tokens.
async fn seed(app: &TestApp<impl ApiService>) -> Vec<String> {
    let mut users = Vec::new();
    for name in ["uno", "dos", "tres", "cuatro"] {
        users.push(app.register(name).await);
    }
    let x = app.add_media(&users[0], "movie", "Xanadu", &["Drama"]).await;
    let y = app.add_media(&users[0], "movie", "Yojimbo", &["Action"]).await;
    let w = app.add_media(&users[0], "show", "Wire", &["Drama"]).await;
    rank(app, &users[0], &x, "S").await;
    rank(app, &users[0], &w, "B").await;
    for token in &users[1..] {
        rank(app, token, &y, "A").await;
        rank(app, token, &w, "C").await;
    }
    users
}

async fn shrinkage_orders_the_titles(app: &TestApp<impl ApiService>) {
    let users = seed(app).await;
    let found = board(app, None, "").await;
    // Every score: 10 + 3 × 8.9 + 7.4 + 3 × 5.9 = 61.8 over 8 rankings.
    let gm = 61.8 / 8.0;
    assert!(close(found["global_mean"].as_f64().unwrap(), gm), "{found:#}");
    assert_eq!(found["prior_weight"], 5.0);
    let got = titles(&found);
    // Xanadu's lone 10.0 has the best raw mean, but three 8.9s outweigh it once shrunk (m = 5):
    // Yojimbo (3 · 8.9 + 5 · 7.725) / 8 = 8.1656 > Xanadu (10 + 5 · 7.725) / 6 = 8.1042 > Wire (25.1 + 38.625) / 9.
    assert_eq!(got.iter().map(|t| t.0).collect::<Vec<_>>(), ["Yojimbo", "Xanadu", "Wire"], "{found:#}");
    assert!(close(got[0].1, (3.0 * 8.9 + 5.0 * gm) / 8.0) && close(got[0].2, 8.9) && got[0].3 == 3);
    assert!(close(got[1].1, (10.0 + 5.0 * gm) / 6.0) && close(got[1].2, 10.0) && got[1].3 == 1);
    assert!(close(got[2].1, (7.4 + 3.0 * 5.9 + 5.0 * gm) / 9.0) && got[2].3 == 4);
    // The raw means are the scores the list endpoint shows.
    let list = app.get("/api/v1/me/rankings", Some(&users[0])).await.expect(200).body;
    assert_eq!(list["items"][0]["score"], 10.0);
    assert_eq!(list["items"][1]["score"], 7.4);
    // Rankers: two rankings each, by id.
    let rankers = found["rankers"].as_array().unwrap();
    assert_eq!(rankers.len(), 4);
    assert!(rankers.iter().all(|r| r["rankings"] == 2));
    let ids: Vec<&str> = rankers.iter().map(|r| r["user_id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    let limited = board(app, None, "?limit=1").await;
    assert_eq!(titles(&limited).len(), 1);
    assert_eq!(limited["rankers"].as_array().unwrap().len(), 1);
}

async fn scopes_and_filters_narrow_the_board(app: &TestApp<impl ApiService>) {
    let users = seed(app).await;
    let viewer = app.register("viewer").await;
    let dos = me(app, &users[1]).await;
    // Following nobody: nothing counts.
    let empty = board(app, Some(&viewer), "?scope=following").await;
    assert_eq!((empty["titles"].clone(), empty["global_mean"].clone()), (json!([]), Value::Null));
    app.post(&format!("/api/v1/users/{dos}/follow"), Some(&viewer), json!({})).await.expect(200);
    // dos alone: Yojimbo 8.9 and Wire 5.9, mean 7.4.
    let following = board(app, Some(&viewer), "?scope=following&period=all").await;
    assert!(close(following["global_mean"].as_f64().unwrap(), 7.4));
    let got = titles(&following);
    assert_eq!(got.iter().map(|t| t.0).collect::<Vec<_>>(), ["Yojimbo", "Wire"]);
    assert!(close(got[0].1, (8.9 + 5.0 * 7.4) / 6.0) && close(got[1].1, (5.9 + 5.0 * 7.4) / 6.0));
    assert_eq!(following["rankers"], json!([{"user_id": dos, "display_name": "dos", "rankings": 2}]));
    // A followed profile gone private no longer counts.
    app.put("/api/v1/me/visibility", Some(&users[1]), json!({"visibility": "private"})).await.expect(200);
    let gone = board(app, Some(&viewer), "?scope=following").await;
    assert_eq!(gone["titles"], json!([]));
    assert_eq!(gone["rankers"], json!([]));
    let global = board(app, None, "").await;
    let yojimbo = titles(&global).into_iter().find(|t| t.0 == "Yojimbo").unwrap();
    assert_eq!(yojimbo.3, 2, "nor in the global scope: Yojimbo now has two rankings");
    assert!(!global.to_string().contains("\"dos\""));

    let shows = board(app, None, "?kind=show").await;
    assert_eq!(titles(&shows).iter().map(|t| t.0).collect::<Vec<_>>(), ["Wire"]);
    let drama = board(app, None, "?genre=DRAMA&period=week").await;
    assert_eq!(titles(&drama).iter().map(|t| t.0).collect::<Vec<_>>(), ["Xanadu", "Wire"]);
    let action = board(app, None, "?genre=action").await;
    assert_eq!(action["rankers"].as_array().unwrap().len(), 2, "tres and cuatro ranked an action film");
    assert!(action["rankers"].as_array().unwrap().iter().all(|r| r["rankings"] == 1));
}

async fn bad_leaderboard_requests_are_refused(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    for (query, field) in
        [("scope=world", "scope"), ("period=decade", "period"), ("kind=song", "kind"), ("limit=0", "limit")]
    {
        let body = app.get(&format!("/api/v1/leaderboard?{query}"), Some(&ada)).await.problem(422, "validation-failed");
        assert_eq!(Reply::fields(&body), vec![field], "{query}");
    }
    let body = app.get("/api/v1/leaderboard?scope=x&period=y&kind=z", None).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["scope", "kind", "period"]);
    app.get("/api/v1/leaderboard?scope=following", None).await.problem(401, "unauthorized");
    app.get("/api/v1/leaderboard?limit=many", None).await.problem(400, "malformed-request");
    app.get("/api/v1/leaderboard", Some("not-a-token")).await.problem(401, "unauthorized");
    assert_eq!(
        board(app, None, "").await,
        json!({"global_mean": null, "prior_weight": 5.0, "titles": [], "rankers": []})
    );
}
