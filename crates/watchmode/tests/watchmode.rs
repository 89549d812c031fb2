//! The Watchmode provider against a wiremock server per scenario, serving recorded or documented bodies
//! (`fixtures/providers/watchmode`, provenance in `SOURCES.md`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use marquee_domain::availability::{AvailabilityProvider, OfferKind, ProviderError, Region, TitleRef};
use marquee_domain::media::MediaKind;
use marquee_watchmode::{Watchmode, WatchmodeConfig, WatchmodeError};
use secrecy::SecretString;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "watchmode-s3cret";

fn json(status: u16, name: &str) -> ResponseTemplate {
    let path = format!("{}/../../fixtures/providers/watchmode/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

fn provider(server: &MockServer) -> Watchmode {
    Watchmode::new(WatchmodeConfig {
        base_url: format!("{}/v1", server.uri()),
        api_key: SecretString::from(KEY),
        timeout: Duration::from_millis(500),
    })
    .unwrap()
}

fn breaking_bad() -> TitleRef {
    TitleRef { kind: MediaKind::Show, tmdb_id: Some(1396), imdb_id: Some("tt0903747".into()) }
}

#[tokio::test]
async fn resolves_by_tmdb_id_then_maps_the_regions_sources() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/search/"))
        .and(query_param("search_field", "tmdb_tv_id"))
        .and(query_param("search_value", "1396"))
        .and(query_param("apiKey", KEY))
        .respond_with(json(200, "search_name__breaking_bad.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/title/3173903/sources/"))
        .and(query_param("regions", "US"))
        .respond_with(json(200, "title_3173903_sources.json"))
        .expect(2)
        .mount(&server)
        .await;
    let wm = provider(&server);
    let us = Region::new("us").unwrap();
    let offers = wm.offers(&breaking_bad(), &us).await.unwrap();
    assert!(!offers.is_empty());
    assert!(offers.iter().all(|o| o.region == "US"), "other regions are dropped even if the server sends them");
    let netflix = offers.iter().find(|o| o.service == "Netflix").unwrap();
    assert_eq!(netflix.kind, OfferKind::Subscription);
    assert_eq!(netflix.web_url.as_deref(), Some("https://www.netflix.com/watch/70236428"));
    assert!(offers.iter().any(|o| o.kind == OfferKind::Buy && o.price.is_some()));
    // The resolution is remembered: the second call only reads the sources.
    wm.offers(&breaking_bad(), &us).await.unwrap();
}

#[tokio::test]
async fn an_unknown_title_has_no_offers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/search/"))
        .respond_with(json(200, "search_empty__constructed.json"))
        .mount(&server)
        .await;
    let title = TitleRef { kind: MediaKind::Movie, tmdb_id: Some(550), imdb_id: None };
    assert!(provider(&server).offers(&title, &Region::new("US").unwrap()).await.unwrap().is_empty());
}

#[tokio::test]
async fn quota_rate_limit_and_bad_key_are_typed_and_never_show_the_key() {
    for (status, file, expected) in [
        (402, "error_402_over_quota.json", ProviderError::QuotaExceeded),
        (429, "error_429_rate_limit.json", ProviderError::RateLimited { retry_after_secs: Some(30) }),
        (401, "error_401__constructed_from_docs.json", ProviderError::Unauthorized),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(json(status, file).insert_header("retry-after", "30"))
            .expect(1)
            .mount(&server)
            .await;
        let err = provider(&server).offers(&breaking_bad(), &Region::new("US").unwrap()).await.unwrap_err();
        assert_eq!(err, expected);
        assert!(!format!("{err} {err:?}").contains(KEY));
    }
}

#[tokio::test]
async fn server_errors_timeouts_and_garbage_are_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let err = provider(&server).resolve(MediaKind::Movie, 1).await.unwrap_err();
    assert_eq!(err, WatchmodeError::Status { status: 503 });

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(200, "search_empty__constructed.json").set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    assert_eq!(provider(&server).resolve(MediaKind::Movie, 1).await.unwrap_err(), WatchmodeError::Timeout);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[{", "application/json"))
        .mount(&server)
        .await;
    let err = provider(&server).resolve(MediaKind::Movie, 1).await.unwrap_err();
    assert!(matches!(err, WatchmodeError::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_server_never_shows_the_key() {
    let wm = Watchmode::new(WatchmodeConfig {
        base_url: "http://127.0.0.1:9/v1".into(),
        api_key: SecretString::from(KEY),
        timeout: Duration::from_millis(500),
    })
    .unwrap();
    let err = wm.resolve(MediaKind::Movie, 1).await.unwrap_err();
    assert!(!format!("{err} {err:?} {wm:?}").contains(KEY), "{err}");
}
