//! What the API accepts as text, and broken tokens on routes where signing in is optional (issue 19, defects 2
//! and 8): control characters are refused with 422 naming the field before anything reaches the store, and a
//! token that does not verify is a 401 on every route.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use actix_web::http::header;
use actix_web::test::TestRequest;
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::json;

api_tests!(
    a_nul_in_a_query_string_names_its_parameter,
    a_control_character_in_the_path_is_refused,
    a_nul_in_a_json_string_names_its_field,
    tabs_line_breaks_and_escaped_backslashes_are_text,
    a_nul_in_an_upload_refuses_the_import,
    a_broken_token_is_refused_on_public_routes,
);

async fn a_nul_in_a_query_string_names_its_parameter(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    for (path, field) in [
        ("/api/v1/media/search?q=a%00b", "q"),
        ("/api/v1/leaderboard?genre=%00", "genre"),
        ("/api/v1/charts/consensus?genre=%00", "genre"),
        ("/api/v1/media/search?q=dune&kind=mo%1Fvie", "kind"),
        ("/api/v1/me/rankings?genre=x%1b", "genre"),
    ] {
        let body = app.get(path, Some(&token)).await.problem(422, "validation-failed");
        assert_eq!(Reply::fields(&body), [field], "{path}: {body}");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("control characters"), "{body}");
    }
    // The same searches without the control character are fine.
    app.get("/api/v1/media/search?q=a%09b", Some(&token)).await.expect(200);
    app.get("/api/v1/charts/consensus?genre=Drama", None).await.expect(200);
}

async fn a_control_character_in_the_path_is_refused(app: &TestApp<impl ApiService>) {
    let body = app.get("/api/v1/media/%00", None).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["path"]);
    // A path id that is not a UUID still names nothing.
    app.get("/api/v1/media/not-a-uuid", None).await.problem(404, "not-found");
}

async fn a_nul_in_a_json_string_names_its_field(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let body = app
        .put("/api/v1/me/services", Some(&token), json!({"region": "US", "services": ["Netflix", "a\u{0}b"]}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["services[1]"]);
    let services = app.get("/api/v1/me/services", Some(&token)).await.expect(200);
    assert_eq!(services.body["services"], json!([]), "nothing was written");

    let body = app
        .post(
            "/api/v1/media",
            Some(&token),
            json!({"kind": "play", "title": "Ham\u{0}let", "genres": ["Tragedy", "\u{1b}[31m"], "attributes": {"author": "W\u{0}S"}}),
        )
        .await
        .problem(422, "validation-failed");
    let mut fields = Reply::fields(&body);
    fields.sort();
    assert_eq!(fields, ["attributes.author", "genres[1]", "title"]);

    let body = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "eve@example.com", "password": "correct\u{0}horse", "display_name": "Eve"}),
        )
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["password"]);
    app.post("/api/v1/auth/login", None, json!({"email": "eve@example.com", "password": "correct horse"}))
        .await
        .problem(401, "unauthorized");
}

async fn tabs_line_breaks_and_escaped_backslashes_are_text(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let reply = app
        .post(
            "/api/v1/media",
            Some(&token),
            json!({"kind": "book", "title": "Back\\u0000slash", "overview": "Line one\nline two"}),
        )
        .await
        .expect(201);
    assert_eq!(reply.body["title"], "Back\\u0000slash");
    assert_eq!(reply.body["overview"], "Line one\nline two");
    // A field's own rule may be stricter than the guard's (an overview keeps line feeds only).
    let body = app
        .post("/api/v1/media", Some(&token), json!({"kind": "book", "title": "Tabs", "overview": "a\tb"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["overview"]);
}

async fn a_nul_in_an_upload_refuses_the_import(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let csv = b"Date,Name,Year,Letterboxd URI,Rating\n2024-01-02,Heat,1995,https://boxd.it/1,4.5\n2024-01-03,Ba\0d,1999,https://boxd.it/2,4\n";
    for partial in ["false", "true"] {
        let path = format!("/api/v1/me/imports/letterboxd?partial={partial}");
        let body = app.upload(&path, &token, "text/csv", csv).await.problem(422, "validation-failed");
        assert_eq!(Reply::fields(&body), ["ratings.csv:3"], "{body}");
    }
    let imdb = b"Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\ntt0111161,10,2023-05-01,The Shaw\x01shank,https://www.imdb.com/title/tt0111161/,movie,9.3,142,1994,Drama,2900000,1994-09-23,Frank Darabont\n";
    let body = app.upload("/api/v1/me/imports/imdb", &token, "text/csv", imdb).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["ratings.csv:2"], "{body}");

    let export = json!({
        "format": "marquee-export", "version": 1, "exported_at": "2024-01-01T00:00:00Z",
        "rankings": [{"tier": "S", "position": 1, "stars": 5, "created_at": "2024-01-01T00:00:00Z",
            "media": {"kind": "movie", "title": "Ba\u{0}d", "genres": []}}],
        "comparisons": [], "top4": [],
    });
    let body = app
        .upload("/api/v1/me/imports/marquee", &token, "application/json", export.to_string().as_bytes())
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["export.json rankings[0].media.title"], "{body}");
    assert!(app.list(&token).await.is_empty(), "nothing was imported");
}

async fn a_broken_token_is_refused_on_public_routes(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let id = app.add_media(&token, "movie", "Heat", &["Crime"]).await;
    let public = [
        "/api/v1/media/search?q=heat".to_owned(),
        format!("/api/v1/media/{id}"),
        "/api/v1/charts/consensus".to_owned(),
        "/api/v1/leaderboard".to_owned(),
        "/api/v1/matchups/leaderboard".to_owned(),
    ];
    for path in &public {
        app.get(path, None).await.expect(200);
        app.get(path, Some(&token)).await.expect(200);
        let reply = app.get(path, Some("garbage")).await;
        assert_eq!(reply.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer", "{path}");
        reply.problem(401, "unauthorized");
        let req = TestRequest::get().uri(path).insert_header((header::AUTHORIZATION, "Basic YWRhOnB3"));
        app.send(req).await.problem(401, "unauthorized");
    }
    // Registering and signing in with a stale header is refused the same way: the header is the client's mistake.
    app.post("/api/v1/auth/login", Some("garbage"), json!({"email": "ada@example.com", "password": "correct horse"}))
        .await
        .problem(401, "unauthorized");
    // Routes outside the API (probes, documentation) ignore the header.
    let req = TestRequest::get().uri("/health/live").insert_header((header::AUTHORIZATION, "Bearer garbage"));
    app.send(req).await.expect(200);
}
