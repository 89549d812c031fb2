//! External OpenID Connect issuers (issue 22): RS256 and ES256 tokens from a local issuer whose keys are generated
//! here and served by wiremock; accounts on first sight; linking only on a verified address; key rotation, key-set
//! expiry, and every rejection.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::time::Duration;

use marquee_domain::identity::{AdminClaim, ClaimNames};
use marquee_tests::oidc::{MockIssuer, TestKey, external_auth, now};
use marquee_tests::{ApiService, TestApp};
use serde_json::{Value, json};

/// Runs each case on the in-memory store and on PostgreSQL, each with a fresh mock issuer.
macro_rules! oidc_tests {
    ($($case:ident),* $(,)?) => {
        mod memory {
            $(
                #[actix_web::test]
                async fn $case() {
                    super::$case(false).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $case() {
                    super::$case(true).await;
                }
            )*
        }
    };
}

oidc_tests!(
    rs256_and_es256_tokens_sign_in_and_make_one_account_per_subject,
    old_and_new_keys_both_verify_during_a_rotation,
    every_forged_or_foreign_token_is_refused,
    only_a_verified_address_links_to_an_existing_account,
    an_expired_key_set_refreshes_in_the_background_and_unknown_keys_are_rate_limited,
    the_issuers_role_claim_grants_the_admin_routes,
);

/// The app trusting `issuer`, refreshing for unknown keys at most once per `interval`.
async fn app(postgres: bool, issuer: &MockIssuer, interval: Duration) -> TestApp<impl ApiService> {
    app_with(postgres, issuer, interval, ClaimNames::default()).await
}

async fn app_with(
    postgres: bool,
    issuer: &MockIssuer,
    interval: Duration,
    claims: ClaimNames,
) -> TestApp<impl ApiService> {
    let settings = issuer.settings(claims);
    TestApp::adjusted(postgres, move |builder, stores| {
        builder.external_auth(external_auth(stores, vec![settings], interval))
    })
    .await
}

async fn me(app: &TestApp<impl ApiService>, token: &str) -> marquee_tests::Reply {
    app.get("/api/v1/auth/me", Some(token)).await
}

async fn refused(app: &TestApp<impl ApiService>, token: &str, why: &str) -> Value {
    let body = me(app, token).await.problem(401, "unauthorized");
    assert!(body["detail"].as_str().unwrap().contains(why), "{why}: {body}");
    body
}

async fn rs256_and_es256_tokens_sign_in_and_make_one_account_per_subject(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let (rsa, ec) = (TestKey::rsa("rsa-1"), TestKey::ec("ec-1"));
    issuer.publish(&[&rsa, &ec], Duration::from_hours(1)).await;
    let app = app(postgres, &issuer, Duration::ZERO).await;
    let claims = issuer.claims("user-1", &json!({"email": "Kay@Example.com", "email_verified": true, "name": "Kay"}));
    let first = me(&app, &rsa.sign(&claims)).await.expect(200).body;
    assert_eq!((first["email"].as_str(), first["display_name"].as_str()), (Some("kay@example.com"), Some("Kay")));
    let again = me(&app, &ec.sign(&claims)).await.expect(200).body;
    assert_eq!(again["id"], first["id"], "the same (issuer, sub) is the same account, whichever key signed");
    let other = me(&app, &ec.sign(&issuer.claims("user-2", &json!({})))).await.expect(200).body;
    assert_ne!(other["id"], first["id"]);
    assert_eq!(other["display_name"], "Member", "no name and no address: a neutral name");
    assert!(other["email"].as_str().unwrap().ends_with("@external.invalid"), "{other}");
    // The external account can use the API like any other, and has no password to sign in with.
    app.get("/api/v1/me/rankings", Some(&rsa.sign(&claims))).await.expect(200);
    let login = json!({"email": "kay@example.com", "password": "!external"});
    app.post("/api/v1/auth/login", None, login).await.problem(401, "unauthorized");
    // Logging out of a provider's token ends no Marquee session and is not an error.
    app.post("/api/v1/auth/logout", Some(&rsa.sign(&claims)), json!({})).await.expect(204);
}

async fn old_and_new_keys_both_verify_during_a_rotation(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let (old, new) = (TestKey::rsa("2026-11"), TestKey::ec("2026-12"));
    issuer.publish(&[&old], Duration::from_hours(1)).await;
    let app = app(postgres, &issuer, Duration::ZERO).await;
    let claims = issuer.claims("rotating", &json!({}));
    let id = me(&app, &old.sign(&claims)).await.expect(200).body["id"].clone();
    // The provider starts publishing the new key beside the old one and signs with it.
    issuer.publish(&[&old, &new], Duration::from_hours(1)).await;
    assert_eq!(me(&app, &new.sign(&claims)).await.expect(200).body["id"], id, "an unknown kid refreshes the keys");
    assert_eq!(me(&app, &old.sign(&claims)).await.expect(200).body["id"], id, "the old key still verifies");
}

async fn every_forged_or_foreign_token_is_refused(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let stranger = MockIssuer::start().await;
    let (key, foreign) = (TestKey::rsa("main"), TestKey::rsa("theirs"));
    issuer.publish(&[&key], Duration::from_hours(1)).await;
    stranger.publish(&[&foreign], Duration::from_hours(1)).await;
    let app = app(postgres, &issuer, Duration::from_hours(1)).await;
    let claims = issuer.claims("victim", &json!({}));
    me(&app, &key.sign(&claims)).await.expect(200);

    // alg "none": no signature at all.
    let unsigned = format!("{}.{}.", b64(&json!({"alg": "none", "kid": "main", "typ": "JWT"})), b64(&claims));
    refused(&app, &unsigned, "").await;
    // HS256 with the issuer's public key as the HMAC secret: the key is pinned to RS256.
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some("main".into());
    let public = serde_json::to_vec(&key.jwk).unwrap();
    let confused = jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_secret(&public)).unwrap();
    refused(&app, &confused, "algorithm").await;
    // A key of another issuer, named by its own kid or by ours.
    refused(&app, &foreign.sign(&claims), "key").await;
    let mut impostor = foreign.clone();
    impostor.kid = "main".into();
    refused(&app, &impostor.sign(&claims), "signature").await;
    // The other issuer's genuine token: not trusted here.
    refused(&app, &foreign.sign(&stranger.claims("victim", &json!({}))), "invalid").await;
    // Wrong audience, expired, not yet valid, no subject, tampered.
    refused(&app, &key.sign(&issuer.claims("victim", &json!({"aud": "another-app"}))), "audience").await;
    refused(&app, &key.sign(&issuer.claims("victim", &json!({"exp": now() - 60}))), "expired").await;
    refused(&app, &key.sign(&issuer.claims("victim", &json!({"nbf": now() + 600}))), "not valid yet").await;
    let mut no_sub = issuer.claims("x", &json!({}));
    no_sub.as_object_mut().unwrap().remove("sub");
    refused(&app, &key.sign(&no_sub), "claim").await;
    let token = key.sign(&claims);
    let (rest, _) = token.rsplit_once('.').unwrap();
    let forged_payload = b64(&issuer.claims("admin", &json!({})));
    let header_part = rest.split_once('.').unwrap().0;
    refused(&app, &format!("{header_part}.{forged_payload}.{}", token.rsplit_once('.').unwrap().1), "signature").await;
    // Within the leeway (5 s here) an expiry just past still verifies.
    me(&app, &key.sign(&issuer.claims("victim", &json!({"exp": now() - 1})))).await.expect(200);
}

async fn only_a_verified_address_links_to_an_existing_account(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let key = TestKey::ec("k");
    issuer.publish(&[&key], Duration::from_hours(1)).await;
    let app = app(postgres, &issuer, Duration::ZERO).await;
    let ada = app.register("ada").await;
    let ada_id = me(&app, &ada).await.expect(200).body["id"].clone();
    // The provider does not vouch for the address: a separate account, which does not take the address either.
    let unverified = issuer.claims("sub-a", &json!({"email": "ada@example.com", "email_verified": false}));
    let stranger = me(&app, &key.sign(&unverified)).await.expect(200).body;
    assert_ne!(stranger["id"], ada_id);
    assert!(stranger["email"].as_str().unwrap().ends_with("@external.invalid"), "{stranger}");
    // It does vouch: the provider's user is Ada.
    let verified = issuer.claims("sub-b", &json!({"email": "ADA@example.com", "email_verified": true}));
    assert_eq!(me(&app, &key.sign(&verified)).await.expect(200).body["id"], ada_id);
    // And stays Ada even if a later token says nothing about the address.
    assert_eq!(me(&app, &key.sign(&issuer.claims("sub-b", &json!({})))).await.expect(200).body["id"], ada_id);
    // Ada's password still works.
    let login = json!({"email": "ada@example.com", "password": "correct horse"});
    app.post("/api/v1/auth/login", None, login).await.expect(200);
}

async fn an_expired_key_set_refreshes_in_the_background_and_unknown_keys_are_rate_limited(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let (old, new) = (TestKey::rsa("old"), TestKey::ec("new"));
    issuer.publish(&[&old], Duration::from_secs(1)).await;
    let app = app(postgres, &issuer, Duration::from_hours(1)).await;
    let claims = issuer.claims("someone", &json!({}));
    me(&app, &old.sign(&claims)).await.expect(200);
    assert_eq!(issuer.fetches().await, 1, "the first token loads the keys");
    // An unknown key right after: the rate limit forbids another fetch, so it is refused without one.
    refused(&app, &new.sign(&claims), "key").await;
    assert_eq!(issuer.fetches().await, 1, "no second fetch within the interval");
    // The provider rotates; the cached set expires after a second.
    issuer.publish(&[&new], Duration::from_hours(1)).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    // The expired set still verifies the old key (no fetch on the request's path) and refreshes in the background.
    me(&app, &old.sign(&claims)).await.expect(200);
    let mut waited = 0;
    while issuer.fetches().await < 1 && waited < 50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    let mut verified = false;
    for _ in 0..50 {
        if me(&app, &new.sign(&claims)).await.status == 200 {
            verified = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(verified, "the background refresh brought the new key");
    refused(&app, &old.sign(&claims), "key").await;
    assert_eq!(issuer.fetches().await, 1, "one fetch since the rotation: the background refresh");
}

async fn the_issuers_role_claim_grants_the_admin_routes(postgres: bool) {
    let issuer = MockIssuer::start().await;
    let key = TestKey::rsa("k");
    issuer.publish(&[&key], Duration::from_hours(1)).await;
    let names = ClaimNames {
        admin: Some(AdminClaim { claim: "realm_access.roles".into(), value: "marquee-admin".into() }),
        ..ClaimNames::default()
    };
    let app = app_with(postgres, &issuer, Duration::ZERO, names).await;
    let ada = app.register("ada").await;
    let dune = app.add_media(&ada, "book", "Dune", &[]).await;
    let edit = json!({"kind": "book", "title": "Dune", "year": 1965, "genres": []});
    let plain = key.sign(&issuer.claims("editor", &json!({"realm_access": {"roles": ["reader"]}})));
    app.put(&format!("/api/v1/media/{dune}"), Some(&plain), edit.clone()).await.problem(403, "forbidden");
    let admin = key.sign(&issuer.claims("editor", &json!({"realm_access": {"roles": ["reader", "marquee-admin"]}})));
    let edited = app.put(&format!("/api/v1/media/{dune}"), Some(&admin), edit.clone()).await.expect(200).body;
    assert_eq!(edited["year"], 1965);
    // The role lives in the token: the same account without it is no admin.
    app.put(&format!("/api/v1/media/{dune}"), Some(&plain), edit).await.problem(403, "forbidden");
}

fn b64(value: &Value) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = serde_json::to_vec(value).unwrap();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}
