//! `/api/v1/me/placements` and `/api/v1/me/comparisons`: placing a title by pairwise questions over HTTP.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::time::Duration;

use marquee_tests::{ApiService, Reply, Stores, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    an_empty_tier_places_at_once,
    answers_place_the_title_and_are_recorded,
    too_close_and_undo,
    bad_input_is_4xx_and_writes_nothing,
    a_title_moved_or_deleted_mid_session_keeps_the_order,
    a_title_is_never_placed_twice,
);

/// Titles named `T<rank>`: a lower rank is liked more. Returns their media ids, in rank order.
async fn titles(app: &TestApp<impl ApiService>, token: &str, ranks: &[u32]) -> Vec<String> {
    let mut ids = Vec::new();
    for r in ranks {
        ids.push(app.add_media(token, "movie", &format!("T{r}"), &[]).await);
    }
    ids
}

fn rank_of(title: &str) -> u32 {
    title.trim_start_matches('T').parse().unwrap()
}

/// Ranks `media` at the bottom of `tier` through the plain rankings API; returns the ranking ids.
async fn ranked(app: &TestApp<impl ApiService>, token: &str, tier: &str, media: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for m in media {
        let reply = app.post("/api/v1/me/rankings", Some(token), json!({"media_id": m, "tier": tier})).await;
        ids.push(reply.expect(201).body["id"].as_str().unwrap().to_owned());
    }
    ids
}

async fn start(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str) -> Value {
    let reply = app.post("/api/v1/me/placements", Some(token), json!({"media_id": media, "tier": tier})).await;
    reply.expect(201).body
}

fn session(step: &Value) -> String {
    step["session_id"].as_str().unwrap().to_owned()
}

async fn answer(app: &TestApp<impl ApiService>, token: &str, step: &Value, prefer: &str) -> Reply {
    let path = format!("/api/v1/me/placements/{}/answers", session(step));
    app.post(&path, Some(token), json!({"prefer": prefer})).await
}

/// Answers as the oracle "lower rank is better" until placed; returns the questions asked and the final body.
async fn answer_all(app: &TestApp<impl ApiService>, token: &str, mut step: Value, new_rank: u32) -> (u32, Value) {
    let mut asked = 0;
    while step["status"] == "comparing" {
        asked += 1;
        let other = rank_of(step["compare_with"]["media"]["title"].as_str().unwrap());
        let prefer = if new_rank < other { "new" } else { "existing" };
        step = answer(app, token, &step, prefer).await.expect(200).body;
    }
    assert_eq!(step["status"], "placed", "{step:#}");
    (asked, step)
}

async fn tier_titles(app: &TestApp<impl ApiService>, token: &str, tier: &str) -> Vec<String> {
    app.list(token).await.into_iter().filter(|(t, _)| t == tier).map(|(_, title)| title).collect()
}

async fn an_empty_tier_places_at_once(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let media = titles(app, &token, &[1]).await;
    let reply = app
        .post("/api/v1/me/placements", Some(&token), json!({"media_id": media[0], "tier": "S", "stars": 5}))
        .await
        .expect(201);
    let body = reply.body;
    assert_eq!(body["status"], "placed");
    assert_eq!(body["ranking"]["tier"], "S");
    assert_eq!(body["ranking"]["position"], 1);
    assert_eq!(body["ranking"]["score"], 10.0);
    assert_eq!(body["ranking"]["stars"], 5);
    assert!(body.get("compare_with").is_none());
    let location = reply.headers.get("location").unwrap().to_str().unwrap();
    assert_eq!(location, format!("/api/v1/me/placements/{}", session(&body)));
}

async fn answers_place_the_title_and_are_recorded(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let media = titles(app, &token, &[1, 2, 3, 4, 5, 6, 7, 8]).await;
    let mut existing = media.clone();
    let new = existing.remove(2);
    ranked(app, &token, "A", &existing).await;
    let first = start(app, &token, &new, "A").await;
    assert_eq!(first["status"], "comparing");
    assert_eq!(first["questions_left"], 3, "7 titles: at most ceil(log2(8)) questions");
    assert_eq!(first["answered"], 0);
    assert!(first["expires_at"].is_string() && first["compare_with"]["ranking_id"].is_string());
    let (asked, placed) = answer_all(app, &token, first.clone(), 3).await;
    assert!(asked <= 3);
    assert_eq!(placed["ranking"]["position"], 3);
    assert_eq!(placed["ranking"]["tier"], "A");
    assert_eq!(placed["ranking"]["media"]["title"], "T3");
    assert_eq!(tier_titles(app, &token, "A").await, ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"]);

    let history = app.get("/api/v1/me/comparisons?limit=1", Some(&token)).await.expect(200).body;
    assert_eq!(history["total"], asked);
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    let newest = &history["items"][0];
    assert_eq!(newest["context"], "placement");
    assert_eq!(newest["session_id"], first["session_id"]);
    assert_eq!(newest["tie"], false);
    assert!(newest["winner_id"] == json!(new) || newest["loser_id"] == json!(new));

    // The session is over: more answers, undo and abandon are conflicts.
    let done = answer(app, &token, &first, "new").await.problem(409, "conflict");
    assert!(done["detail"].as_str().unwrap().contains("placed"), "{done:#}");
    let path = format!("/api/v1/me/placements/{}", session(&first));
    app.post(&format!("{path}/undo"), Some(&token), json!({})).await.problem(409, "conflict");
    app.delete(&path, Some(&token)).await.problem(409, "conflict");
    // Another user sees none of it.
    let eve = app.register("eve").await;
    let theirs = app.get("/api/v1/me/comparisons", Some(&eve)).await.expect(200).body;
    assert_eq!(theirs["total"], 0);
}

async fn too_close_and_undo(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let media = titles(app, &token, &[1, 2, 3, 4, 5, 6, 7]).await;
    ranked(app, &token, "B", &media).await;
    let new = app.add_media(&token, "movie", "Tie", &[]).await;
    let first = start(app, &token, &new, "B").await;
    let second = answer(app, &token, &first, "new").await.expect(200).body;
    assert_eq!(second["answered"], 1);
    let path = format!("/api/v1/me/placements/{}/undo", session(&first));
    let again = app.post(&path, Some(&token), json!({})).await.expect(200).body;
    assert_eq!(again["compare_with"], first["compare_with"], "the first question again");
    assert_eq!(again["answered"], 0);
    app.post(&path, Some(&token), json!({})).await.problem(409, "conflict");
    let history = app.get("/api/v1/me/comparisons", Some(&token)).await.expect(200).body;
    assert_eq!(history["total"], 0, "the undone answer is no longer recorded");

    let pivot = first["compare_with"]["media"]["title"].as_str().unwrap().to_owned();
    let placed = answer(app, &token, &again, "too_close").await.expect(200).body;
    assert_eq!(placed["status"], "placed");
    let list = tier_titles(app, &token, "B").await;
    let at = list.iter().position(|t| *t == pivot).unwrap();
    assert_eq!(list[at + 1], "Tie");
    let history = app.get("/api/v1/me/comparisons", Some(&token)).await.expect(200).body;
    assert_eq!((history["total"].clone(), history["items"][0]["tie"].clone()), (json!(1), json!(true)));
}

async fn bad_input_is_4xx_and_writes_nothing(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let media = titles(app, &token, &[1, 2, 3]).await;
    ranked(app, &token, "A", &media[..2]).await;

    let unknown = app
        .post("/api/v1/me/placements", Some(&token), json!({"media_id": uuid::Uuid::now_v7(), "tier": "A"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&unknown), ["media_id"]);
    let bad = app
        .post("/api/v1/me/placements", Some(&token), json!({"media_id": media[2], "tier": "Z", "stars": 9}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&bad), ["tier", "stars"]);
    app.post("/api/v1/me/placements", Some(&token), json!({"media_id": media[0], "tier": "A"}))
        .await
        .problem(409, "conflict");
    app.post("/api/v1/me/placements", None, json!({"media_id": media[2], "tier": "A"}))
        .await
        .problem(401, "unauthorized");

    let step = start(app, &token, &media[2], "A").await;
    let wrong = answer(app, &token, &step, "maybe").await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&wrong), ["prefer"]);
    let eve = app.register("eve").await;
    answer(app, &eve, &step, "new").await.problem(404, "not-found");
    app.delete(&format!("/api/v1/me/placements/{}", session(&step)), Some(&eve)).await.problem(404, "not-found");
    let nowhere = format!("/api/v1/me/placements/{}/answers", uuid::Uuid::now_v7());
    app.post(&nowhere, Some(&token), json!({"prefer": "new"})).await.problem(404, "not-found");
    app.post("/api/v1/me/placements/not-a-uuid/answers", Some(&token), json!({"prefer": "new"}))
        .await
        .problem(404, "not-found");
    app.get("/api/v1/me/comparisons?limit=0", Some(&token)).await.problem(422, "validation-failed");
    let history = app.get("/api/v1/me/comparisons", Some(&token)).await.expect(200).body;
    assert_eq!(history["total"], 0);

    app.delete(&format!("/api/v1/me/placements/{}", session(&step)), Some(&token)).await.expect(204);
    answer(app, &token, &step, "new").await.problem(404, "not-found");
    assert_eq!(tier_titles(app, &token, "A").await, ["T1", "T2"], "nothing placed");
}

async fn a_title_moved_or_deleted_mid_session_keeps_the_order(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let media = titles(app, &token, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).await;
    let mut existing = media.clone();
    let new = existing.remove(6); // T7
    let ids = ranked(app, &token, "C", &existing).await;
    let step = start(app, &token, &new, "C").await;
    let pivot = step["compare_with"]["ranking_id"].as_str().unwrap().to_owned();
    let other = rank_of(step["compare_with"]["media"]["title"].as_str().unwrap());
    let step = answer(app, &token, &step, if 7 < other { "new" } else { "existing" }).await.expect(200).body;
    // Another device deletes the title just compared and moves the best one to tier S.
    app.delete(&format!("/api/v1/me/rankings/{pivot}"), Some(&token)).await.expect(204);
    let first = if ids[0] == pivot { &ids[1] } else { &ids[0] };
    app.patch(&format!("/api/v1/me/rankings/{first}"), Some(&token), json!({"tier": "S"})).await.expect(200);
    let (_, placed) = answer_all(app, &token, step, 7).await;
    assert_eq!(placed["ranking"]["media"]["title"], "T7");
    let list = tier_titles(app, &token, "C").await;
    let ranks: Vec<u32> = list.iter().map(|t| rank_of(t)).collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{list:?}");
    assert_eq!(list.iter().filter(|t| *t == "T7").count(), 1);
}

async fn a_title_is_never_placed_twice(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let media = titles(app, &token, &[1, 2, 3, 4, 5]).await;
    ranked(app, &token, "B", &media[..4]).await;
    let one = start(app, &token, &media[4], "B").await;
    let two = start(app, &token, &media[4], "B").await;
    answer_all(app, &token, one, 5).await;
    let refused = answer(app, &token, &two, "too_close").await.problem(409, "conflict");
    assert!(refused["detail"].as_str().unwrap().contains("already in your list"), "{refused:#}");
    // A quick rating from another device while a session is open: the session refuses to place it again.
    let late = app.add_media(&token, "movie", "T6", &[]).await;
    let three = start(app, &token, &late, "B").await;
    app.put(&format!("/api/v1/me/ratings/{late}"), Some(&token), json!({"stars": 2})).await.expect(201);
    let mut step = three;
    let result = loop {
        let reply = answer(app, &token, &step, "existing").await;
        if reply.status != 200 {
            break reply;
        }
        step = reply.body;
    };
    result.problem(409, "conflict");
    let all = app.list(&token).await;
    assert_eq!(all.iter().filter(|(_, t)| t == "T5").count(), 1);
    assert_eq!(all.iter().filter(|(_, t)| t == "T6").count(), 1);
}

/// Expiry needs a short session lifetime, so it builds its own app (in memory; the store contract checks expiry on
/// PostgreSQL too).
#[actix_web::test]
async fn an_expired_session_is_gone() {
    let stores = Stores { placement_ttl: Duration::ZERO, ..Stores::memory() };
    let app = TestApp::with(stores).await;
    let token = app.register("ada").await;
    let media = titles(&app, &token, &[1, 2, 3]).await;
    ranked(&app, &token, "A", &media[..2]).await;
    let step = start(&app, &token, &media[2], "A").await;
    let gone = answer(&app, &token, &step, "new").await.problem(410, "gone");
    assert!(gone["detail"].as_str().unwrap().contains("expired"), "{gone:#}");
    let path = format!("/api/v1/me/placements/{}", session(&step));
    app.post(&format!("{path}/undo"), Some(&token), json!({})).await.problem(410, "gone");
    app.delete(&path, Some(&token)).await.expect(204);
}
