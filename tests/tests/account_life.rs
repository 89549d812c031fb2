//! The account's whole life (issue 22): deleting it (export first, then every trace goes in one transaction and
//! its tokens stop at once), finding people by name as the privacy rule allows, and admins disabling and enabling
//! accounts. Each case runs on the in-memory store and on PostgreSQL.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::time::Duration;

use actix_web::http::Method;
use marquee_domain::account::AccountService;
use marquee_domain::identity::{AdminClaim, ClaimNames};
use marquee_domain::user::Email;
use marquee_tests::oidc::{MockIssuer, TestKey, external_auth, now};
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    export_then_delete_then_every_token_is_refused,
    deleting_removes_every_trace_but_the_catalog_entries,
    deletion_needs_the_current_password,
    people_are_found_by_name_as_their_visibility_allows,
    people_search_validates_its_query_and_pages,
    admins_disable_and_enable_accounts,
);

async fn login(app: &TestApp<impl ApiService>, email: &str) -> Reply {
    app.post("/api/v1/auth/login", None, json!({"email": email, "password": "correct horse"})).await
}

async fn delete_me(app: &TestApp<impl ApiService>, token: &str, body: Value) -> Reply {
    app.call(Method::DELETE, "/api/v1/me", Some(token), Some(body)).await
}

async fn id_of(app: &TestApp<impl ApiService>, token: &str) -> String {
    app.get("/api/v1/auth/me", Some(token)).await.expect(200).body["id"].as_str().unwrap().to_owned()
}

async fn place(app: &TestApp<impl ApiService>, token: &str, media: &str) {
    app.post("/api/v1/me/rankings", Some(token), json!({"media_id": media, "tier": "A"})).await.expect(201);
}

async fn export_then_delete_then_every_token_is_refused(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let pair = login(app, "ada@example.com").await.expect(200).body;
    let film = app.add_media(&ada, "movie", "Arrival", &["Drama"]).await;
    place(app, &ada, &film).await;
    // The export works until the deletion.
    let req = actix_web::test::TestRequest::get()
        .uri("/api/v1/me/export/csv")
        .insert_header(("Authorization", format!("Bearer {ada}")));
    let (status, _, csv) = app.send_raw(req).await;
    assert_eq!(status, 200);
    assert!(csv.contains("Arrival"), "{csv}");

    delete_me(app, &ada, json!({"current_password": "correct horse"})).await.expect(204);
    // Both access tokens, unexpired, are refused at once, on reads as well as writes; the refresh token is dead.
    for token in [ada.as_str(), pair["access_token"].as_str().unwrap()] {
        app.get("/api/v1/me/rankings", Some(token)).await.problem(401, "unauthorized");
        app.get("/api/v1/me/export", Some(token)).await.problem(401, "unauthorized");
        app.get("/api/v1/auth/me", Some(token)).await.problem(401, "unauthorized");
    }
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": pair["refresh_token"]}))
        .await
        .problem(401, "unauthorized");
    login(app, "ada@example.com").await.problem(401, "unauthorized");
    // The address is free again.
    app.register("ada").await;
}

async fn deleting_removes_every_trace_but_the_catalog_entries(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let ada_id = id_of(app, &ada).await;
    let bob_id = id_of(app, &bob).await;
    let mut films = Vec::new();
    for title in ["Arrival", "Heat", "Alien", "Ran", "Up"] {
        films.push(app.add_media(&ada, "movie", title, &["Drama"]).await);
    }
    for film in &films[..4] {
        place(app, &ada, film).await;
        place(app, &bob, film).await;
    }
    app.put("/api/v1/me/top4", Some(&ada), json!({"media_ids": &films[..4]})).await.expect(200);
    app.post(&format!("/api/v1/users/{bob_id}/follow"), Some(&ada), json!({})).await.expect(200);
    app.post(&format!("/api/v1/users/{ada_id}/follow"), Some(&bob), json!({})).await.expect(200);
    app.post("/api/v1/me/interactions", Some(&ada), json!({"media_id": films[4], "kind": "watchlist"}))
        .await
        .expect(204);
    let placement = app.post("/api/v1/me/placements", Some(&ada), json!({"media_id": films[4], "tier": "A"})).await;
    assert!(placement.status.is_success(), "{:?}", placement.body);

    delete_me(app, &ada, json!({"current_password": "correct horse"})).await.expect(204);

    // Bob's side: Ada is gone from his followers and his follows, his list is whole, the catalog keeps her titles.
    let followers = app.get(&format!("/api/v1/users/{bob_id}/followers"), Some(&bob)).await.expect(200).body;
    assert_eq!(followers["total"], 0, "{followers}");
    let following = app.get(&format!("/api/v1/users/{bob_id}/following"), Some(&bob)).await.expect(200).body;
    assert_eq!(following["total"], 0, "{following}");
    assert_eq!(app.list(&bob).await.len(), 4);
    for film in &films {
        app.get(&format!("/api/v1/media/{film}"), Some(&bob)).await.expect(200);
    }
    app.get(&format!("/api/v1/users/{ada_id}/rankings"), Some(&bob)).await.problem(404, "not-found");
    let feed = app.get("/api/v1/feed", Some(&bob)).await.expect(200).body;
    assert!(!feed.to_string().contains(&ada_id), "no activity names Ada: {feed}");
    let found = app.get("/api/v1/users?q=ada", Some(&bob)).await.expect(200).body;
    assert_eq!(found["total"], 0);
    // What the store keeps of Ada, directly: nothing.
    let ada_user = marquee_domain::user::UserId(ada_id.parse().unwrap());
    assert!(app.stores.ports.users.get(ada_user).await.unwrap().is_none());
    let left = app.stores.ports.imports.export(ada_user).await.unwrap();
    assert!(left.rankings.is_empty() && left.comparisons.is_empty() && left.top4.is_empty(), "{left:?}");
    assert!(left.services.is_none());
}

async fn deletion_needs_the_current_password(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let missing = delete_me(app, &ada, json!({})).await;
    assert_eq!(Reply::fields(&missing.problem(422, "validation-failed")), vec!["current_password"]);
    let wrong = delete_me(app, &ada, json!({"current_password": "wrong horse"})).await;
    assert!(wrong.problem(403, "forbidden")["detail"].as_str().unwrap().contains("password"));
    app.call(Method::DELETE, "/api/v1/me", None, Some(json!({"current_password": "correct horse"})))
        .await
        .problem(401, "unauthorized");
    // Nothing happened.
    app.get("/api/v1/auth/me", Some(&ada)).await.expect(200);
}

async fn people_are_found_by_name_as_their_visibility_allows(app: &TestApp<impl ApiService>) {
    let viewer = app.register("viewer").await;
    let open = app.register("adaopen").await;
    let shy = app.register("adashy").await;
    let hidden = app.register("adahidden").await;
    app.put("/api/v1/me/visibility", Some(&shy), json!({"visibility": "followers"})).await.expect(200);
    app.put("/api/v1/me/visibility", Some(&hidden), json!({"visibility": "private"})).await.expect(200);
    let hidden_id = id_of(app, &hidden).await;
    // The viewer follows the private user (accepted while it was... made private later): still not found.
    app.put("/api/v1/me/visibility", Some(&hidden), json!({"visibility": "public"})).await.expect(200);
    app.post(&format!("/api/v1/users/{hidden_id}/follow"), Some(&viewer), json!({})).await.expect(200);
    app.put("/api/v1/me/visibility", Some(&hidden), json!({"visibility": "private"})).await.expect(200);

    let names = |body: &Value| -> Vec<(String, String)> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["display_name"].as_str().unwrap().to_owned(), p["visibility"].as_str().unwrap().to_owned()))
            .collect()
    };
    let found = app.get("/api/v1/users?q=ADA", Some(&viewer)).await.expect(200).body;
    assert_eq!(
        names(&found),
        vec![("adaopen".into(), "public".into()), ("adashy".into(), "followers".into())],
        "public and followers-only are found, private is not, not even by a follower"
    );
    assert_eq!(found["total"], 2);
    // The private user finds themselves.
    let own = app.get("/api/v1/users?q=hidden", Some(&hidden)).await.expect(200).body;
    assert_eq!(names(&own), vec![("adahidden".to_owned(), "private".to_owned())]);
    // A substring anywhere in the name, case ignored.
    let middle = app.get("/api/v1/users?q=aop", Some(&open)).await.expect(200).body;
    assert_eq!(names(&middle), vec![("adaopen".to_owned(), "public".to_owned())]);
    // LIKE's wildcards are plain characters.
    let wildcard = app.get("/api/v1/users?q=a%25a", Some(&viewer)).await.expect(200).body;
    assert_eq!(wildcard["total"], 0, "{wildcard}");
    app.get("/api/v1/users?q=ada", None).await.problem(401, "unauthorized");
}

async fn people_search_validates_its_query_and_pages(app: &TestApp<impl ApiService>) {
    let viewer = app.register("viewer").await;
    for i in 0..5 {
        app.register(&format!("member{i}")).await;
    }
    let first = app.get("/api/v1/users?q=member&limit=2", Some(&viewer)).await.expect(200).body;
    assert_eq!((first["total"].as_u64(), first["items"].as_array().unwrap().len()), (Some(5), 2));
    assert_eq!(first["items"][0]["display_name"], "member0");
    let last = app.get("/api/v1/users?q=member&limit=2&offset=4", Some(&viewer)).await.expect(200).body;
    assert_eq!(last["items"][0]["display_name"], "member4");
    let short = app.get("/api/v1/users?q=%20ab%20", Some(&viewer)).await;
    assert_eq!(Reply::fields(&short.problem(422, "validation-failed")), vec!["q"]);
    let long = app.get(&format!("/api/v1/users?q={}", "x".repeat(51)), Some(&viewer)).await;
    assert_eq!(Reply::fields(&long.problem(422, "validation-failed")), vec!["q"]);
    let control = app.get("/api/v1/users?q=mem%07ber", Some(&viewer)).await;
    assert_eq!(Reply::fields(&control.problem(422, "validation-failed")), vec!["q"]);
    app.get("/api/v1/users", Some(&viewer)).await.problem(400, "malformed-request");
    let page = app.get("/api/v1/users?q=member&limit=0", Some(&viewer)).await;
    assert_eq!(Reply::fields(&page.problem(422, "validation-failed")), vec!["limit"]);
}

async fn admins_disable_and_enable_accounts(app: &TestApp<impl ApiService>) {
    let boss = app.register("boss").await;
    app.stores.ports.users.set_admin(&Email::parse("boss@example.com").unwrap(), true).await.unwrap();
    let eve = app.register("eve").await;
    let eve_pair = login(app, "eve@example.com").await.expect(200).body;
    let eve_id = id_of(app, &eve).await;
    let boss_id = id_of(app, &boss).await;
    let disable = |id: &str| format!("/api/v1/admin/users/{id}/disable");
    let enable = |id: &str| format!("/api/v1/admin/users/{id}/enable");

    // Non-admins may not; unknown ids are 404; an admin cannot lock themselves out.
    app.post(&disable(&boss_id), Some(&eve), json!({})).await.problem(403, "forbidden");
    app.post(&disable(&boss_id), None, json!({})).await.problem(401, "unauthorized");
    let nobody = uuid::Uuid::now_v7();
    app.post(&disable(&nobody.to_string()), Some(&boss), json!({})).await.problem(404, "not-found");
    let own = app.post(&disable(&boss_id), Some(&boss), json!({})).await;
    assert_eq!(Reply::fields(&own.problem(422, "validation-failed")), vec!["id"]);

    let disabled = app.post(&disable(&eve_id), Some(&boss), json!({})).await.expect(200).body;
    assert_eq!((disabled["id"].as_str(), disabled["disabled"].as_bool()), (Some(eve_id.as_str()), Some(true)));
    // Her unexpired access tokens stop at once, her refresh token is revoked, she cannot sign in, nobody finds her.
    for token in [eve.as_str(), eve_pair["access_token"].as_str().unwrap()] {
        app.get("/api/v1/me/rankings", Some(token)).await.problem(403, "account-disabled");
    }
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": eve_pair["refresh_token"]}))
        .await
        .problem(401, "unauthorized");
    login(app, "eve@example.com").await.problem(403, "account-disabled");
    let wrong = app.post("/api/v1/auth/login", None, json!({"email": "eve@example.com", "password": "wrong horse"}));
    wrong.await.problem(401, "unauthorized");
    assert_eq!(app.get("/api/v1/users?q=eve", Some(&boss)).await.expect(200).body["total"], 0);
    // Disabling again changes nothing.
    app.post(&disable(&eve_id), Some(&boss), json!({})).await.expect(200);

    let enabled = app.post(&enable(&eve_id), Some(&boss), json!({})).await.expect(200).body;
    assert_eq!(enabled["disabled"], false);
    let again = login(app, "eve@example.com").await.expect(200).body;
    app.get("/api/v1/me/rankings", Some(again["access_token"].as_str().unwrap())).await.expect(200);
    assert_eq!(app.get("/api/v1/users?q=eve", Some(&boss)).await.expect(200).body["total"], 1);
    app.post(&enable(&eve_id), Some(&eve), json!({})).await.problem(403, "forbidden");
}

/// Accounts listed in `ADMIN_EMAILS` are admins: of the catalog routes and of accounts.
async fn configured_addresses_are_admins(postgres: bool) {
    let app = TestApp::adjusted(postgres, |builder, stores| {
        let accounts = AccountService::new(stores.ports.users.clone(), stores.ports.passwords.clone())
            .with_admin_emails(["Chief@Example.com"])
            .unwrap();
        builder.accounts(accounts)
    })
    .await;
    let chief = app.register("chief").await;
    let eve = app.register("eve").await;
    let me = app.get("/api/v1/auth/me", Some(&chief)).await.expect(200).body;
    assert_eq!(me["is_admin"], true);
    let film = app.add_media(&eve, "movie", "Heat", &[]).await;
    let edit = json!({"kind": "movie", "title": "Heat (1995)", "year": 1995, "genres": []});
    app.put(&format!("/api/v1/media/{film}"), Some(&chief), edit.clone()).await.expect(200);
    app.put(&format!("/api/v1/media/{film}"), Some(&eve), edit).await.problem(403, "forbidden");
    let eve_id = id_of(&app, &eve).await;
    app.post(&format!("/api/v1/admin/users/{eve_id}/disable"), Some(&chief), json!({})).await.expect(200);
    app.get("/api/v1/auth/me", Some(&eve)).await.problem(403, "account-disabled");
}

#[actix_web::test]
async fn memory_configured_addresses_are_admins() {
    configured_addresses_are_admins(false).await;
}

#[actix_web::test]
async fn postgres_configured_addresses_are_admins() {
    configured_addresses_are_admins(true).await;
}

/// An external provider's account has no password: deleting it takes a token from a sign-in at most 5 minutes old;
/// an issuer's admin claim may disable accounts; a disabled external account's tokens are refused.
async fn external_accounts_are_deleted_after_a_fresh_sign_in(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let key = TestKey::ec("ec-1");
    issuer.publish(&[&key], Duration::from_hours(1)).await;
    let claims = ClaimNames {
        admin: Some(AdminClaim { claim: "roles".into(), value: "admin".into() }),
        ..ClaimNames::default()
    };
    let settings = issuer.settings(claims);
    let app = TestApp::adjusted(postgres, move |builder, stores| {
        builder.external_auth(external_auth(stores, vec![settings], Duration::ZERO))
    })
    .await;
    let kay = json!({"email": "kay@example.com", "email_verified": true, "name": "Kay"});
    let mut stale = issuer.claims("kay", &kay);
    stale["iat"] = json!(now() - 600);
    let stale = key.sign(&stale);
    let refused = delete_me(&app, &stale, json!({})).await;
    assert!(refused.problem(403, "forbidden")["detail"].as_str().unwrap().contains("sign in again"));
    // `auth_time` (when the user signed in at the provider) wins over `iat`.
    let mut reissued = issuer.claims("kay", &kay);
    reissued["auth_time"] = json!(now() - 600);
    delete_me(&app, &key.sign(&reissued), json!({})).await.problem(403, "forbidden");

    // An admin by the issuer's claim disables another external account, whose tokens then stop.
    let admin = key.sign(&issuer.claims("root", &json!({"name": "Root", "roles": ["admin"]})));
    let mallory = key.sign(&issuer.claims("mallory", &json!({"name": "Mallory"})));
    let mallory_id = id_of(&app, &mallory).await;
    app.post(&format!("/api/v1/admin/users/{mallory_id}/disable"), Some(&admin), json!({})).await.expect(200);
    app.get("/api/v1/auth/me", Some(&mallory)).await.problem(403, "account-disabled");

    let fresh = key.sign(&issuer.claims("kay", &kay));
    delete_me(&app, &fresh, json!({})).await.expect(204);
    app.get("/api/v1/auth/me", Some(&fresh)).await.problem(401, "unauthorized");
    // Signing in again at the provider makes a new, empty account.
    let old_id = mallory_id.clone();
    let mut later = issuer.claims("kay", &kay);
    later["iat"] = json!(now() + 2);
    let later = key.sign(&later);
    let renewed = app.get("/api/v1/auth/me", Some(&later)).await.expect(200).body;
    assert_ne!(renewed["id"].as_str(), Some(old_id.as_str()));
    assert_eq!(renewed["email"], "kay@example.com");
}

#[actix_web::test]
async fn memory_external_accounts_are_deleted_after_a_fresh_sign_in() {
    external_accounts_are_deleted_after_a_fresh_sign_in(false).await;
}

#[actix_web::test]
async fn postgres_external_accounts_are_deleted_after_a_fresh_sign_in() {
    external_accounts_are_deleted_after_a_fresh_sign_in(true).await;
}
