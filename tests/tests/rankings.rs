//! `/api/v1/me/rankings` and `/api/v1/me/ratings`: a user's tier list over HTTP.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use futures::future::join_all;
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    place_three_move_one_and_list,
    placing_relative_to_neighbours_and_reading_one,
    bad_placements_are_422_or_409_and_write_nothing,
    another_users_ranking_is_404,
    moving_validates_and_deleting_removes,
    the_quick_rating_upserts,
    lists_filter_and_page,
    concurrent_moves_keep_the_list_consistent,
);

fn s(v: &str) -> String {
    v.to_owned()
}

async fn place(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str, extra: Value) -> Value {
    let mut body = json!({"media_id": media, "tier": tier});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    app.post("/api/v1/me/rankings", Some(token), body).await.expect(201).body
}

async fn place_three_move_one_and_list(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let arrival = app.add_media(&token, "movie", "Arrival", &["Science Fiction"]).await;
    let alien = app.add_media(&token, "movie", "Alien", &["Horror"]).await;
    let dune = app.add_media(&token, "book", "Dune", &["Science Fiction"]).await;
    place(app, &token, &arrival, "S", json!({})).await;
    let alien_r = place(app, &token, &alien, "S", json!({})).await;
    place(app, &token, &dune, "A", json!({})).await;
    assert_eq!(alien_r["position"], 2);
    assert_eq!(alien_r["score"], 9.0);

    let moved = app
        .patch(&format!("/api/v1/me/rankings/{}", alien_r["id"].as_str().unwrap()), Some(&token), json!({"tier": "A"}))
        .await
        .expect(200)
        .body;
    assert_eq!((moved["tier"].as_str(), moved["position"].as_u64()), (Some("A"), Some(2)));

    let list = app.get("/api/v1/me/rankings", Some(&token)).await.expect(200).body;
    assert_eq!(list["total"], 3);
    let rows: Vec<(String, String, u64, f64)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                s(r["tier"].as_str().unwrap()),
                s(r["media"]["title"].as_str().unwrap()),
                r["position"].as_u64().unwrap(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows, vec![(s("S"), s("Arrival"), 1, 10.0), (s("A"), s("Dune"), 1, 8.9), (s("A"), s("Alien"), 2, 7.5)]);
    let first = &list["items"][0];
    assert_eq!(first["media"]["kind"], "movie");
    assert!(first["rank_key"].is_string() && first["created_at"].is_string() && first["stars"].is_null());
}

async fn placing_relative_to_neighbours_and_reading_one(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let mut ids = Vec::new();
    for t in ["One", "Two", "Three", "Four"] {
        ids.push(app.add_media(&token, "movie", t, &[]).await);
    }
    let one = place(app, &token, &ids[0], "B", json!({})).await;
    let two = place(app, &token, &ids[1], "B", json!({"before": one["id"]})).await;
    let three = place(app, &token, &ids[2], "B", json!({"after": two["id"], "before": one["id"]})).await;
    place(app, &token, &ids[3], "B", json!({"after": one["id"]})).await;
    assert_eq!(three["position"], 2);
    let titles: Vec<String> = app.list(&token).await.into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, vec![s("Two"), s("Three"), s("One"), s("Four")]);
    let read = app.get(&format!("/api/v1/me/rankings/{}", one["id"].as_str().unwrap()), Some(&token)).await.expect(200);
    assert_eq!((read.body["position"].as_u64(), read.body["tier_size"].as_u64()), (Some(3), Some(4)));
}

async fn bad_placements_are_422_or_409_and_write_nothing(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let a = app.add_media(&token, "movie", "A film", &[]).await;
    let b = app.add_media(&token, "movie", "B film", &[]).await;
    let first = place(app, &token, &a, "A", json!({})).await;

    let body = app
        .post("/api/v1/me/rankings", Some(&token), json!({"media_id": a, "tier": "B"}))
        .await
        .problem(409, "conflict");
    assert!(body["detail"].as_str().unwrap().contains(first["id"].as_str().unwrap()), "names the existing ranking");
    let unknown = "0195f0c4-9b1e-7d2a-8c3f-0a1b2c3d4e5f";
    let body = app
        .post("/api/v1/me/rankings", Some(&token), json!({"media_id": unknown, "tier": "A"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["media_id"]);
    let body = app
        .post("/api/v1/me/rankings", Some(&token), json!({"media_id": b, "tier": "E"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["tier"]);
    let body = app
        .post("/api/v1/me/rankings", Some(&token), json!({"media_id": b, "tier": "B", "after": first["id"]}))
        .await
        .problem(422, "validation-failed");
    assert!(body["detail"].as_str().unwrap().contains("tier"), "{body}");
    app.post("/api/v1/me/rankings", Some(&token), json!({"media_id": b, "tier": "A", "before": unknown}))
        .await
        .problem(422, "validation-failed");
    let missing = app.post("/api/v1/me/rankings", Some(&token), json!({"tier": "A"})).await;
    assert!(missing.status == 400 || missing.status == 422);
    assert_eq!(app.list(&token).await, vec![(s("A"), s("A film"))], "nothing was written");
}

async fn another_users_ranking_is_404(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let m = app.add_media(&ada, "movie", "Secret favourite", &[]).await;
    let r = place(app, &ada, &m, "S", json!({})).await;
    let path = format!("/api/v1/me/rankings/{}", r["id"].as_str().unwrap());
    let a = app.get(&path, Some(&bob)).await.problem(404, "not-found");
    let b = app.patch(&path, Some(&bob), json!({"tier": "D"})).await.problem(404, "not-found");
    app.delete(&path, Some(&bob)).await.problem(404, "not-found");
    let never =
        app.get("/api/v1/me/rankings/0195f0c4-9b1e-7d2a-8c3f-0a1b2c3d4e5f", Some(&bob)).await.problem(404, "not-found");
    assert_eq!(a["detail"], never["detail"], "a foreign id looks exactly like a missing one");
    assert_eq!(b["detail"], never["detail"]);
    assert_eq!(app.list(&ada).await, vec![(s("S"), s("Secret favourite"))]);
}

async fn moving_validates_and_deleting_removes(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let x = app.add_media(&token, "movie", "X", &[]).await;
    let y = app.add_media(&token, "movie", "Y", &[]).await;
    let rx = place(app, &token, &x, "C", json!({})).await;
    let ry = place(app, &token, &y, "D", json!({})).await;
    let path = format!("/api/v1/me/rankings/{}", rx["id"].as_str().unwrap());
    app.patch(&path, Some(&token), json!({})).await.problem(422, "validation-failed");
    app.patch(&path, Some(&token), json!({"before": rx["id"]})).await.problem(422, "validation-failed");
    app.patch(&path, Some(&token), json!({"tier": "C", "before": ry["id"]})).await.problem(422, "validation-failed");
    let moved = app.patch(&path, Some(&token), json!({"before": ry["id"]})).await.expect(200).body;
    assert_eq!((moved["tier"].as_str(), moved["position"].as_u64()), (Some("D"), Some(1)));
    let del = app.delete(&path, Some(&token)).await;
    assert_eq!(del.status, 204);
    app.delete(&path, Some(&token)).await.problem(404, "not-found");
    assert_eq!(app.list(&token).await, vec![(s("D"), s("Y"))]);
}

async fn the_quick_rating_upserts(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let m = app.add_media(&token, "show", "The Wire", &["Crime"]).await;
    let path = format!("/api/v1/me/ratings/{m}");
    let created = app.put(&path, Some(&token), json!({"stars": 4})).await.expect(201).body;
    assert_eq!((created["tier"].as_str(), created["stars"].as_u64()), (Some("A"), Some(4)));
    let moved = app.put(&path, Some(&token), json!({"stars": 5})).await.expect(200).body;
    assert_eq!(moved["tier"], "S");
    assert_eq!(moved["id"], created["id"], "an upsert, not a second ranking");
    let body = app.put(&path, Some(&token), json!({"stars": 6})).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["stars"]);
    app.put("/api/v1/me/ratings/0195f0c4-9b1e-7d2a-8c3f-0a1b2c3d4e5f", Some(&token), json!({"stars": 3}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(app.list(&token).await, vec![(s("S"), s("The Wire"))]);
}

async fn lists_filter_and_page(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    for (kind, title, genre, tier) in [
        ("movie", "Alien", "Horror", "A"),
        ("movie", "Arrival", "Science Fiction", "A"),
        ("book", "Dune", "Science Fiction", "A"),
        ("show", "Dark", "Mystery", "C"),
    ] {
        let id = app.add_media(&token, kind, title, &[genre]).await;
        place(app, &token, &id, tier, json!({})).await;
    }
    let titles = |body: &Value| -> Vec<String> {
        body["items"].as_array().unwrap().iter().map(|r| s(r["media"]["title"].as_str().unwrap())).collect()
    };
    let page = app.get("/api/v1/me/rankings?genre=science%20fiction", Some(&token)).await.expect(200).body;
    assert_eq!(titles(&page), vec![s("Arrival"), s("Dune")]);
    assert_eq!(page["items"][1]["position"], 3, "positions count the whole tier");
    let page = app.get("/api/v1/me/rankings?kind=show", Some(&token)).await.expect(200).body;
    assert_eq!(titles(&page), vec![s("Dark")]);
    let page = app.get("/api/v1/me/rankings?tier=A&limit=1&offset=1", Some(&token)).await.expect(200).body;
    assert_eq!((titles(&page), page["total"].as_u64()), (vec![s("Arrival")], Some(3)));
    let body = app.get("/api/v1/me/rankings?tier=Z&limit=500", Some(&token)).await.problem(422, "validation-failed");
    let mut fields = Reply::fields(&body);
    fields.sort();
    assert_eq!(fields, vec!["limit", "tier"]);
}

async fn concurrent_moves_keep_the_list_consistent(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let mut rankings = Vec::new();
    for i in 0..12 {
        let m = app.add_media(&token, "movie", &format!("Film {i:02}"), &[]).await;
        rankings.push(place(app, &token, &m, "B", json!({})).await["id"].as_str().unwrap().to_owned());
    }
    let requests = (0..48).map(|i| {
        let (id, target) = (&rankings[i % 12], &rankings[(i * 5 + 3) % 12]);
        let body = if id == target {
            json!({"tier": if i % 2 == 0 { "A" } else { "B" }})
        } else if i % 2 == 0 {
            json!({"before": target})
        } else {
            json!({"after": target})
        };
        let path = format!("/api/v1/me/rankings/{id}");
        let token = token.clone();
        async move { app.patch(&path, Some(&token), body).await }
    });
    for reply in join_all(requests).await {
        // A neighbour may have moved to another tier meanwhile: 422 is a fine answer, a 5xx is not.
        assert!(reply.status == 200 || reply.status == 422, "{:?} {}", reply.status, reply.body);
    }
    let list = app.get("/api/v1/me/rankings?limit=100", Some(&token)).await.expect(200).body;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 12, "no title lost or duplicated");
    let mut keys: Vec<(String, String)> =
        items.iter().map(|r| (s(r["tier"].as_str().unwrap()), s(r["rank_key"].as_str().unwrap()))).collect();
    let listed = keys.clone();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 12, "keys are distinct within a tier");
    assert_eq!(listed, keys, "the list is ordered by tier and key");
}
