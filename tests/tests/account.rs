//! The account's life (issue 22): changing the password (which ends the other sessions), the address and the name.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    the_address_and_the_name_change_and_are_validated,
);

async fn login(app: &TestApp<impl ApiService>, email: &str, password: &str) -> Reply {
    app.post("/api/v1/auth/login", None, json!({"email": email, "password": password})).await
}

fn access(pair: &Value) -> &str {
    pair["access_token"].as_str().unwrap()
}

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    let phone = login(app, "ada@example.com", "correct horse").await.expect(200).body;
    let laptop = login(app, "ada@example.com", "correct horse").await.expect(200).body;
    let bob = app.register("bob").await;
    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});

    let wrong = app.put("/api/v1/auth/password", Some(access(&laptop)), change("wrong horse", "battery staple")).await;
    assert!(wrong.problem(403, "forbidden")["detail"].as_str().unwrap().contains("current password"));
    let short = app.put("/api/v1/auth/password", Some(access(&laptop)), change("correct horse", "short")).await;
    assert_eq!(Reply::fields(&short.problem(422, "validation-failed")), vec!["new_password"]);
    app.put("/api/v1/auth/password", None, change("correct horse", "battery staple"))
        .await
        .problem(401, "unauthorized");
    // Nothing changed so far: the phone still refreshes.
    let phone =
        app.post("/api/v1/auth/refresh", None, json!({"refresh_token": phone["refresh_token"]})).await.expect(200).body;

    app.put("/api/v1/auth/password", Some(access(&laptop)), change("correct horse", "battery staple"))
        .await
        .expect(204);
    login(app, "ada@example.com", "correct horse").await.problem(401, "unauthorized");
    login(app, "ada@example.com", "battery staple").await.expect(200);
    // The phone's session is over; the laptop's, which made the change, goes on; Bob is untouched.
    let ended = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": phone["refresh_token"]})).await;
    ended.problem(401, "unauthorized");
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": laptop["refresh_token"]})).await.expect(200);
    app.get("/api/v1/auth/me", Some(&bob)).await.expect(200);
}

async fn the_address_and_the_name_change_and_are_validated(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    app.register("bob").await;
    let renamed = app.patch("/api/v1/auth/me", Some(&ada), json!({"display_name": " Ada L. "})).await.expect(200).body;
    assert_eq!(
        (renamed["display_name"].as_str(), renamed["email"].as_str()),
        (Some("Ada L."), Some("ada@example.com"))
    );
    let moved = app.patch("/api/v1/auth/me", Some(&ada), json!({"email": "Ada@Lovelace.example"})).await.expect(200);
    assert_eq!(moved.body["email"], "ada@lovelace.example");
    assert_eq!(moved.body["display_name"], "Ada L.", "a field left out stays");
    login(app, "ada@lovelace.example", "correct horse").await.expect(200);
    login(app, "ada@example.com", "correct horse").await.problem(401, "unauthorized");
    let taken = app.patch("/api/v1/auth/me", Some(&ada), json!({"email": "BOB@example.com"})).await;
    taken.problem(409, "conflict");
    let bad = app.patch("/api/v1/auth/me", Some(&ada), json!({"email": "nope", "display_name": ""})).await;
    assert_eq!(Reply::fields(&bad.problem(422, "validation-failed")), vec!["email", "display_name"]);
    let me = app.get("/api/v1/auth/me", Some(&ada)).await.expect(200).body;
    assert_eq!((me["email"].as_str(), me["display_name"].as_str()), (Some("ada@lovelace.example"), Some("Ada L.")));
    app.patch("/api/v1/auth/me", None, json!({"display_name": "X"})).await.problem(401, "unauthorized");
}
