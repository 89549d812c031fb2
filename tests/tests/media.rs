//! `/api/v1/media`: search, read, manual entries, admin edits and merges.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_domain::user::Email;
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::json;

api_tests!(
    search_ranks_and_pages_local_hits,
    search_validates_its_parameters,
    a_signed_in_user_adds_a_play,
    invalid_entries_list_their_fields,
    only_admins_edit_and_merge,
);

async fn admin(app: &TestApp<impl ApiService>, name: &str) -> String {
    let token = app.register(name).await;
    app.stores.ports.users.set_admin(&Email::parse(&format!("{name}@example.com")).unwrap(), true).await.unwrap();
    token
}

async fn search_ranks_and_pages_local_hits(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    for title in ["Alien", "Aliens", "Alien 3", "Arrival"] {
        app.add_media(&token, "movie", title, &["Science Fiction"]).await;
    }
    let page = app.get("/api/v1/media/search?q=alien&limit=2", None).await.expect(200).body;
    assert_eq!(page["total"], 3);
    assert_eq!(page["limit"], 2);
    assert_eq!(page["items"][0]["title"], "Alien", "exact match first");
    assert!(page["items"][0]["relevance"].is_number());
    let next = app.get("/api/v1/media/search?q=alien&limit=2&offset=2", None).await.expect(200).body;
    assert_eq!(next["items"].as_array().unwrap().len(), 1);
    let none = app.get("/api/v1/media/search?q=alien&kind=book", None).await.expect(200).body;
    assert_eq!(none["total"], 0);
}

async fn search_validates_its_parameters(app: &TestApp<impl ApiService>) {
    let body = app.get("/api/v1/media/search?q=%20&limit=0&kind=vhs", None).await.problem(422, "validation-failed");
    let mut fields = Reply::fields(&body);
    fields.sort();
    assert_eq!(fields, vec!["kind", "limit", "q"]);
    app.get("/api/v1/media/search", None).await.problem(422, "validation-failed");
    let bad = app.get("/api/v1/media/search?q=x&limit=ten", None).await;
    assert!(bad.status == 400 || bad.status == 422, "{:?}", bad.status);
    assert_eq!(bad.content_type, "application/problem+json");
}

async fn a_signed_in_user_adds_a_play(app: &TestApp<impl ApiService>) {
    let play = json!({
        "kind": "play", "title": "Waiting for Godot", "year": 1953, "genres": ["Absurdist"],
        "overview": "Two men wait for someone who never arrives.", "attributes": {"playwright": "Samuel Beckett"}
    });
    app.post("/api/v1/media", None, play.clone()).await.problem(401, "unauthorized");
    let token = app.register("ada").await;
    let created = app.post("/api/v1/media", Some(&token), play).await.expect(201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(created.headers.get("location").unwrap().to_str().unwrap(), format!("/api/v1/media/{id}"));
    let read = app.get(&format!("/api/v1/media/{id}"), None).await.expect(200).body;
    assert_eq!(read["title"], "Waiting for Godot");
    assert_eq!(read["kind"], "play");
    assert_eq!(read["attributes"]["playwright"], "Samuel Beckett");
    let found = app.get("/api/v1/media/search?q=godot", None).await.expect(200).body;
    assert_eq!(found["items"][0]["id"], json!(id));
}

async fn invalid_entries_list_their_fields(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let body = app
        .post("/api/v1/media", Some(&token), json!({"kind": "opera", "title": "", "year": 99999, "imdb_id": "x"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["kind", "title", "year", "imdb_id"]);
    let search = app.get("/api/v1/media/search?q=opera", None).await.expect(200).body;
    assert_eq!(search["total"], 0, "nothing was written");
}

async fn only_admins_edit_and_merge(app: &TestApp<impl ApiService>) {
    let user = app.register("ada").await;
    let boss = admin(app, "boss").await;
    let keep = app.add_media(&user, "book", "Dune", &["Science Fiction"]).await;
    let dup = app.add_media(&user, "book", "Dune (typo)", &[]).await;
    let edit = json!({"kind": "book", "title": "Dune", "year": 1965, "genres": ["Science Fiction"]});
    app.put(&format!("/api/v1/media/{keep}"), Some(&user), edit.clone()).await.problem(403, "forbidden");
    let edited = app.put(&format!("/api/v1/media/{keep}"), Some(&boss), edit).await.expect(200).body;
    assert_eq!(edited["year"], 1965);

    app.put(&format!("/api/v1/me/ratings/{dup}"), Some(&user), json!({"stars": 5})).await.expect(201);
    let merge = json!({"duplicate_id": dup});
    app.post(&format!("/api/v1/media/{keep}/merge"), Some(&user), merge.clone()).await.problem(403, "forbidden");
    let report = app.post(&format!("/api/v1/media/{keep}/merge"), Some(&boss), merge).await.expect(200).body;
    assert_eq!(report["rankings_moved"], 1);
    assert_eq!(report["rankings_dropped"], 0);
    app.get(&format!("/api/v1/media/{dup}"), None).await.problem(404, "not-found");
    assert_eq!(app.list(&user).await, vec![("S".to_owned(), "Dune".to_owned())]);
    let self_merge = json!({"duplicate_id": keep});
    app.post(&format!("/api/v1/media/{keep}/merge"), Some(&boss), self_merge).await.problem(422, "validation-failed");
}
