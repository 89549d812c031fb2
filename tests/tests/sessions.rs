//! `/api/v1/auth/refresh`, `/logout` and `/logout-all`: Marquee's own sessions (issue 22).

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_tests::{ApiService, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    a_sign_in_answers_a_short_access_token_and_a_refresh_token,
    a_refresh_token_rotates_and_works_once,
    a_replayed_refresh_token_revokes_its_whole_session,
    logging_out_ends_this_session_only,
    logging_out_everywhere_ends_every_session,
    a_refresh_token_is_not_an_access_token_nor_the_reverse,
);

/// Signs `name` in (registering on first use) and answers the token pair.
async fn sign_in(app: &TestApp<impl ApiService>, name: &str) -> Value {
    let login = json!({"email": format!("{name}@example.com"), "password": "correct horse"});
    let reply = app.post("/api/v1/auth/login", None, login).await;
    if reply.status == 200 {
        return reply.body;
    }
    let register = json!({"email": format!("{name}@example.com"), "password": "correct horse", "display_name": name});
    app.post("/api/v1/auth/register", None, register).await.expect(201).body
}

async fn refresh(app: &TestApp<impl ApiService>, token: &Value) -> marquee_tests::Reply {
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": token})).await
}

fn access(pair: &Value) -> &str {
    pair["access_token"].as_str().unwrap()
}

async fn a_sign_in_answers_a_short_access_token_and_a_refresh_token(app: &TestApp<impl ApiService>) {
    let pair = sign_in(app, "ada").await;
    assert_eq!(pair["token_type"], "Bearer");
    assert_eq!(pair["expires_in"], 3600, "the test app's access lifetime");
    let refresh_in = pair["refresh_expires_in"].as_u64().unwrap();
    assert!((30 * 86_400 - 5..=30 * 86_400).contains(&refresh_in), "30 days by default: {refresh_in}");
    let secret = pair["refresh_token"].as_str().unwrap();
    assert_eq!(secret.len(), 43, "256 bits, base64url");
    // The access token names its key, issuer, audience and session.
    let parts: Vec<&str> = access(&pair).split('.').collect();
    assert_eq!(parts.len(), 3);
    let login = sign_in(app, "ada").await;
    assert_ne!(login["refresh_token"], pair["refresh_token"], "each sign-in is its own session");
    app.get("/api/v1/auth/me", Some(access(&login))).await.expect(200);
}

async fn a_refresh_token_rotates_and_works_once(app: &TestApp<impl ApiService>) {
    let pair = sign_in(app, "ada").await;
    let next = refresh(app, &pair["refresh_token"]).await.expect(200).body;
    assert_ne!(next["refresh_token"], pair["refresh_token"], "rotated");
    assert_eq!(next["user"]["email"], "ada@example.com");
    let me = app.get("/api/v1/auth/me", Some(access(&next))).await.expect(200);
    assert_eq!(me.body["id"], pair["user"]["id"]);
    // The successor works, and so does its successor.
    let third = refresh(app, &next["refresh_token"]).await.expect(200).body;
    assert!(third["refresh_token"].is_string());
    let unknown = refresh(app, &json!("not-a-token-we-issued")).await.problem(401, "unauthorized");
    assert!(unknown["detail"].as_str().unwrap().contains("not valid"), "{unknown}");
    let missing = app.post("/api/v1/auth/refresh", None, json!({})).await.problem(422, "validation-failed");
    assert_eq!(marquee_tests::Reply::fields(&missing), vec!["refresh_token"]);
}

async fn a_replayed_refresh_token_revokes_its_whole_session(app: &TestApp<impl ApiService>) {
    let pair = sign_in(app, "ada").await;
    let other_device = sign_in(app, "ada").await;
    let next = refresh(app, &pair["refresh_token"]).await.expect(200).body;
    // The first token again: a thief or a confused client. The session ends.
    let replay = refresh(app, &pair["refresh_token"]).await.problem(401, "unauthorized");
    assert!(replay["detail"].as_str().unwrap().contains("used twice"), "{replay}");
    // So the legitimate successor is dead too, and says why.
    let after = refresh(app, &next["refresh_token"]).await.problem(401, "unauthorized");
    assert!(after["detail"].as_str().unwrap().contains("session has ended"), "{after}");
    // Another session of the same account is untouched.
    refresh(app, &other_device["refresh_token"]).await.expect(200);
}

async fn logging_out_ends_this_session_only(app: &TestApp<impl ApiService>) {
    let phone = sign_in(app, "ada").await;
    let laptop = sign_in(app, "ada").await;
    app.post("/api/v1/auth/logout", Some(access(&phone)), json!({})).await.expect(204);
    refresh(app, &phone["refresh_token"]).await.problem(401, "unauthorized");
    refresh(app, &laptop["refresh_token"]).await.expect(200);
    // Logging out of an ended session is not an error; without a token it is.
    app.post("/api/v1/auth/logout", Some(access(&phone)), json!({})).await.expect(204);
    app.post("/api/v1/auth/logout", None, json!({})).await.problem(401, "unauthorized");
}

async fn logging_out_everywhere_ends_every_session(app: &TestApp<impl ApiService>) {
    let phone = sign_in(app, "ada").await;
    let laptop = sign_in(app, "ada").await;
    let bob = sign_in(app, "bob").await;
    app.post("/api/v1/auth/logout-all", Some(access(&laptop)), json!({})).await.expect(204);
    for pair in [&phone, &laptop] {
        refresh(app, &pair["refresh_token"]).await.problem(401, "unauthorized");
    }
    refresh(app, &bob["refresh_token"]).await.expect(200);
    // Signing in again starts afresh.
    let again = sign_in(app, "ada").await;
    refresh(app, &again["refresh_token"]).await.expect(200);
}

async fn a_refresh_token_is_not_an_access_token_nor_the_reverse(app: &TestApp<impl ApiService>) {
    let pair = sign_in(app, "ada").await;
    app.get("/api/v1/auth/me", pair["refresh_token"].as_str()).await.problem(401, "unauthorized");
    refresh(app, &pair["access_token"]).await.problem(401, "unauthorized");
}
