//! Whole response bodies as snapshots (`tests/snapshots/`), where the shape is the contract: the activity feed and
//! the export. Both stores must answer the same body, so each case on each store compares against one snapshot.
//! Ids become `[id N]` in order of first appearance (so equal ids stay equal), times `[time]`, cursors `[cursor]`.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::collections::HashMap;

use marquee_tests::{ApiService, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(the_feed_body, the_export_body);

const LETTERBOXD_RATINGS: &[u8] = include_bytes!("../fixtures/imports/letterboxd-ratings.csv");

/// The body with its ids, times and cursors replaced by stable placeholders.
fn stable(body: &Value) -> Value {
    fn walk(v: &Value, key: Option<&str>, ids: &mut HashMap<String, usize>) -> Value {
        match v {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), walk(v, Some(k), ids))).collect(),
            Value::Array(items) => items.iter().map(|v| walk(v, key, ids)).collect(),
            Value::String(s) if key.is_some_and(|k| k.contains("cursor")) => Value::String("[cursor]".into()),
            Value::String(s) if uuid::Uuid::parse_str(s).is_ok() => {
                let next = ids.len() + 1;
                Value::String(format!("[id {}]", ids.entry(s.clone()).or_insert(next)))
            }
            Value::String(s) if chrono::DateTime::parse_from_rfc3339(s).is_ok() => Value::String("[time]".into()),
            other => other.clone(),
        }
    }
    walk(body, None, &mut HashMap::new())
}

fn snapshot(name: &str, body: &Value) {
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_json_snapshot!(name, stable(body));
    });
}

async fn rank(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str) -> String {
    let reply = app.post("/api/v1/me/rankings", Some(token), json!({"media_id": media, "tier": tier})).await;
    reply.expect(201).body["id"].as_str().unwrap().to_owned()
}

async fn the_feed_body(app: &TestApp<impl ApiService>) {
    let (ada, bob) = (app.register("ada").await, app.register("bob").await);
    let bob_id = app.get("/api/v1/auth/me", Some(&bob)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/users/{bob_id}/follow"), Some(&ada), json!({})).await.expect(200);
    let dune = app.add_media(&bob, "movie", "Dune", &["Science Fiction"]).await;
    let heat = app.add_media(&bob, "movie", "Heat", &["Crime", "Drama"]).await;
    let first = rank(app, &bob, &dune, "S").await;
    rank(app, &bob, &heat, "A").await;
    app.patch(&format!("/api/v1/me/rankings/{first}"), Some(&bob), json!({"tier": "B"})).await.expect(200);
    let feed = app.get("/api/v1/feed?limit=2", Some(&ada)).await.expect(200).body;
    snapshot("feed", &feed);
}

async fn the_export_body(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    app.upload("/api/v1/me/imports/letterboxd", &ada, "text/csv", LETTERBOXD_RATINGS).await.expect(200);
    let hamlet = app.add_media(&ada, "play", "Hamlet", &["Tragedy"]).await;
    rank(app, &ada, &hamlet, "S").await;
    let list = app.get("/api/v1/me/rankings?limit=100", Some(&ada)).await.expect(200).body;
    let ids: Vec<Value> = list["items"].as_array().unwrap().iter().map(|r| r["media"]["id"].clone()).collect();
    app.put("/api/v1/me/top4", Some(&ada), json!({"media_ids": [ids[3], ids[0], ids[2], ids[1]]})).await.expect(200);
    app.put("/api/v1/me/services", Some(&ada), json!({"region": "US", "services": ["Netflix", "Max"]}))
        .await
        .expect(200);
    let export = app.get("/api/v1/me/export?format=json", Some(&ada)).await.expect(200).body;
    snapshot("export", &export);
}
