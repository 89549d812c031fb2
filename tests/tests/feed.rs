//! `GET /api/v1/feed`: the followed users' actions, grouped, newest first, paged by cursor. Visibility across the
//! feed is also in `social.rs`'s leak matrix.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(the_feed_groups_actions_newest_first, paging_shows_every_entry_once, bad_feed_requests_are_refused);

async fn me(app: &TestApp<impl ApiService>, token: &str) -> String {
    app.get("/api/v1/auth/me", Some(token)).await.expect(200).body["id"].as_str().unwrap().to_owned()
}

async fn follow(app: &TestApp<impl ApiService>, token: &str, whom: &str) {
    app.post(&format!("/api/v1/users/{whom}/follow"), Some(token), json!({})).await.expect(200);
}

/// Ranks a title at the bottom of `tier`; returns the ranking's id.
async fn rank(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str) -> String {
    let reply = app.post("/api/v1/me/rankings", Some(token), json!({"media_id": media, "tier": tier})).await;
    reply.expect(201).body["id"].as_str().unwrap().to_owned()
}

async fn feed(app: &TestApp<impl ApiService>, token: &str, query: &str) -> Value {
    app.get(&format!("/api/v1/feed{query}"), Some(token)).await.expect(200).body
}

/// `(actor, verb, count)` of each entry.
fn summary(page: &Value) -> Vec<(String, String, u64)> {
    page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let actor = e["actor"]["display_name"].as_str().unwrap().to_owned();
            (actor, e["verb"].as_str().unwrap().to_owned(), e["count"].as_u64().unwrap())
        })
        .collect()
}

fn row(actor: &str, verb: &str, count: u64) -> (String, String, u64) {
    (actor.to_owned(), verb.to_owned(), count)
}

async fn the_feed_groups_actions_newest_first(app: &TestApp<impl ApiService>) {
    let (ada, bob, cyd) = (app.register("ada").await, app.register("bob").await, app.register("cyd").await);
    let (bob_id, cyd_id) = (me(app, &bob).await, me(app, &cyd).await);
    follow(app, &ada, &bob_id).await;
    follow(app, &ada, &cyd_id).await;
    let mut media = Vec::new();
    for i in 1..=6 {
        media.push(app.add_media(&bob, "movie", &format!("Film {i}"), &["Drama"]).await);
    }
    let mut ids = Vec::new();
    for m in &media[..4] {
        ids.push(rank(app, &bob, m, "S").await);
    }
    rank(app, &cyd, &media[0], "A").await;
    app.patch(&format!("/api/v1/me/rankings/{}", ids[0]), Some(&bob), json!({"tier": "B"})).await.expect(200);
    // A placement by questions: its answers are comparisons, its end a placement.
    let mut step = app
        .post("/api/v1/me/placements", Some(&bob), json!({"media_id": media[4], "tier": "S"}))
        .await
        .expect(201)
        .body;
    let mut asked = 0;
    while step["status"] == "comparing" {
        asked += 1;
        let path = format!("/api/v1/me/placements/{}/answers", step["session_id"].as_str().unwrap());
        step = app.post(&path, Some(&bob), json!({"prefer": "new"})).await.expect(200).body;
    }
    assert!(asked >= 1);
    follow(app, &bob, &cyd_id).await;
    // Ada's own doings are not in her feed.
    rank(app, &ada, &media[5], "C").await;

    let page = feed(app, &ada, "").await;
    assert_eq!(
        summary(&page),
        [
            row("bob", "followed", 1),
            row("bob", "placed", 1),
            row("bob", "compared", asked),
            row("bob", "moved", 1),
            row("cyd", "placed", 1),
            row("bob", "placed", 4),
        ],
        "{page:#}"
    );
    assert_eq!(page["next_cursor"], Value::Null);
    let entries = page["entries"].as_array().unwrap();
    assert_eq!(entries[0]["targets"], json!([{"id": cyd_id, "display_name": "cyd"}]));
    assert_eq!(entries[0]["titles"], json!([]));
    assert_eq!(entries[3]["titles"][0]["media"]["title"], "Film 1");
    assert_eq!(entries[3]["titles"][0]["tier"], "B", "a move shows the tier it went to");
    let four = &entries[5];
    let titles: Vec<&str> =
        four["titles"].as_array().unwrap().iter().map(|t| t["media"]["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Film 4", "Film 3", "Film 2"], "the newest three of the four");
    assert_eq!(four["titles"][0]["tier"], "S");
    assert_eq!(four["titles"][0]["media"]["kind"], "movie");
    assert_eq!(four["actor"]["id"], bob_id.as_str());
    assert!(four["first_at"].as_str().unwrap() <= four["created_at"].as_str().unwrap());
    let compared = &entries[2];
    assert!(compared["titles"].as_array().unwrap().iter().any(|t| t["media"]["title"] == "Film 5"));
    assert!(compared["titles"][0]["tier"].is_null());
    // Bob follows nobody whose actions are logged but cyd, who placed one title.
    assert_eq!(summary(&feed(app, &bob, "").await), [row("cyd", "placed", 1)]);
}

async fn paging_shows_every_entry_once(app: &TestApp<impl ApiService>) {
    let reader = app.register("reader").await;
    let (ann, ben) = (app.register("ann").await, app.register("ben").await);
    let (ann_id, ben_id) = (me(app, &ann).await, me(app, &ben).await);
    follow(app, &reader, &ann_id).await;
    follow(app, &reader, &ben_id).await;
    // Alternating users make runs of one to three actions: seven entries in all.
    let runs: [(&str, usize); 7] = [("ann", 3), ("ben", 1), ("ann", 2), ("ben", 3), ("ann", 1), ("ben", 2), ("ann", 1)];
    let mut n = 0;
    for (who, len) in runs {
        let token = if who == "ann" { &ann } else { &ben };
        for _ in 0..len {
            n += 1;
            let m = app.add_media(token, "book", &format!("Book {n}"), &[]).await;
            rank(app, token, &m, "A").await;
        }
    }
    let whole = feed(app, &reader, "?limit=100").await;
    assert_eq!(whole["entries"].as_array().unwrap().len(), 7, "{whole:#}");
    for limit in [1, 2, 3, 7] {
        let mut seen: Vec<Value> = Vec::new();
        let mut query = format!("?limit={limit}");
        loop {
            let page = feed(app, &reader, &query).await;
            let entries = page["entries"].as_array().unwrap();
            assert!(entries.len() <= limit);
            seen.extend(entries.iter().cloned());
            match page["next_cursor"].as_str() {
                Some(next) => {
                    assert_eq!(entries.last().unwrap()["cursor"], next);
                    query = format!("?limit={limit}&cursor={next}");
                }
                None => break,
            }
        }
        assert_eq!(seen, whole["entries"].as_array().unwrap().clone(), "pages of {limit}");
    }
    let counts: Vec<u64> = summary(&whole).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(counts, [1, 2, 1, 3, 2, 1, 3]);
}

async fn bad_feed_requests_are_refused(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    for bad in ["nonsense", "a", "a0", "12", "a-5", "azz"] {
        let body = app.get(&format!("/api/v1/feed?cursor={bad}"), Some(&ada)).await.problem(422, "validation-failed");
        assert_eq!(Reply::fields(&body), vec!["cursor"], "{bad}");
    }
    let body = app.get("/api/v1/feed?cursor=x&limit=0", Some(&ada)).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["cursor", "limit"]);
    app.get("/api/v1/feed?limit=ten", Some(&ada)).await.problem(400, "malformed-request");
    app.get("/api/v1/feed", None).await.problem(401, "unauthorized");
    let empty = feed(app, &ada, "?cursor=a1").await;
    assert_eq!(empty, json!({"entries": [], "next_cursor": null}));
}
