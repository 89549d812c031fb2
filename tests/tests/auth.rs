//! `/api/v1/auth`: register, login, me.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::json;

api_tests!(
    registering_returns_a_working_token,
    a_second_account_with_the_same_email_is_a_conflict,
    invalid_registrations_list_every_bad_field,
    login_succeeds_with_the_right_password_only,
    protected_routes_need_a_valid_token,
    malformed_bodies_are_problems_not_plain_text,
);

async fn registering_returns_a_working_token(app: &TestApp<impl ApiService>) {
    let reply = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": " Ada@Example.com ", "password": "correct horse", "display_name": "Ada"}),
        )
        .await
        .expect(201);
    let body = &reply.body;
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"].as_u64().unwrap() > 0);
    assert_eq!(body["user"]["email"], "ada@example.com", "addresses are normalised");
    assert_eq!(body["user"]["is_admin"], false);
    assert!(body["user"].get("password_hash").is_none(), "the hash never leaves the service");
    let token = body["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/auth/me", Some(token)).await.expect(200);
    assert_eq!(me.body["id"], body["user"]["id"]);
    assert_eq!(me.body["display_name"], "Ada");
}

async fn a_second_account_with_the_same_email_is_a_conflict(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    let body = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "ADA@example.com", "password": "another password", "display_name": "Ada 2"}),
        )
        .await
        .problem(409, "conflict");
    assert!(body["detail"].as_str().unwrap().contains("e-mail"), "{body}");
}

async fn invalid_registrations_list_every_bad_field(app: &TestApp<impl ApiService>) {
    let body = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "not-an-address", "password": "short", "display_name": " "}),
        )
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["email", "password", "display_name"]);
    // Nothing was written: the address can still register.
    let ok = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "fine@example.com", "password": "long enough", "display_name": "Fine"}),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
}

async fn login_succeeds_with_the_right_password_only(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    let ok = app
        .post("/api/v1/auth/login", None, json!({"email": "ada@example.com", "password": "correct horse"}))
        .await
        .expect(200);
    assert!(ok.body["access_token"].is_string());
    assert_eq!(ok.body["user"]["email"], "ada@example.com");
    let wrong = app
        .post("/api/v1/auth/login", None, json!({"email": "ada@example.com", "password": "wrong horse"}))
        .await
        .problem(401, "unauthorized");
    let unknown = app
        .post("/api/v1/auth/login", None, json!({"email": "nobody@example.com", "password": "correct horse"}))
        .await
        .problem(401, "unauthorized");
    assert_eq!(wrong["detail"], unknown["detail"], "the answer does not tell which part was wrong");
}

async fn protected_routes_need_a_valid_token(app: &TestApp<impl ApiService>) {
    let reply = app.get("/api/v1/auth/me", None).await;
    assert_eq!(reply.headers.get("www-authenticate").unwrap(), "Bearer");
    reply.problem(401, "unauthorized");
    app.get("/api/v1/me/rankings", Some("not.a.jwt")).await.problem(401, "unauthorized");
    let token = app.register("ada").await;
    let mut tampered = token.clone();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    app.get("/api/v1/auth/me", Some(&tampered)).await.problem(401, "unauthorized");
}

async fn malformed_bodies_are_problems_not_plain_text(app: &TestApp<impl ApiService>) {
    use actix_web::test::TestRequest;
    let req = TestRequest::post()
        .uri("/api/v1/auth/login")
        .insert_header(("content-type", "application/json"))
        .set_payload("{\"email\": ");
    app.send(req).await.problem(400, "malformed-request");
    let body = app.post("/api/v1/auth/login", None, json!({"email": "a@b.co"})).await;
    assert!(body.status.is_client_error());
    assert_eq!(body.content_type, "application/problem+json");
    let big = "x".repeat(70 * 1024);
    app.post("/api/v1/auth/login", None, json!({"email": big, "password": "p"}))
        .await
        .problem(413, "payload-too-large");
}
