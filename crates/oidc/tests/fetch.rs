//! `HttpKeySets` against a local server: direct JWKS, discovery, and each failure.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::time::Duration;

use marquee_domain::identity::{KeySetFetcher, KeySetSource};
use marquee_oidc::HttpKeySets;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const JWKS: &str = r#"{"keys":[{"kty":"EC","crv":"P-256","kid":"a","x":"x","y":"y"}]}"#;

#[tokio::test]
async fn a_jwks_url_is_fetched_with_its_max_age() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jwks"))
        .respond_with(
            ResponseTemplate::new(200).insert_header("cache-control", "public, max-age=600").set_body_string(JWKS),
        )
        .expect(1)
        .mount(&server)
        .await;
    let fetched =
        HttpKeySets::new().unwrap().fetch(&KeySetSource::Jwks(format!("{}/jwks", server.uri()))).await.unwrap();
    assert_eq!(fetched.jwks, JWKS);
    assert_eq!(fetched.max_age, Some(Duration::from_mins(10)));
}

#[tokio::test]
async fn discovery_finds_the_jwks_uri() {
    let server = MockServer::start().await;
    let issuer = format!("{}/realms/marquee", server.uri());
    Mock::given(method("GET"))
        .and(path("/realms/marquee/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "issuer": issuer,
            "jwks_uri": format!("{}/realms/marquee/certs", server.uri()),
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/realms/marquee/certs"))
        .respond_with(ResponseTemplate::new(200).set_body_string(JWKS))
        .mount(&server)
        .await;
    let fetched = HttpKeySets::new().unwrap().fetch(&KeySetSource::Discovery(format!("{issuer}/"))).await.unwrap();
    assert_eq!((fetched.jwks.as_str(), fetched.max_age), (JWKS, None));
}

#[tokio::test]
async fn failures_are_errors_not_panics() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/down")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let fetcher = HttpKeySets::new().unwrap();
    let down = fetcher.fetch(&KeySetSource::Jwks(format!("{}/down", server.uri()))).await.unwrap_err();
    assert!(down.0.contains("503"), "{down}");
    let no_uri = fetcher.fetch(&KeySetSource::Discovery(server.uri())).await.unwrap_err();
    assert!(no_uri.0.contains("jwks_uri"), "{no_uri}");
    let unreachable = fetcher.fetch(&KeySetSource::Jwks("http://127.0.0.1:9/jwks".into())).await.unwrap_err();
    assert!(!unreachable.0.is_empty());
}
