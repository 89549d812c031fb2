//! Streaming availability, users' services and `on_my_services`, on both stores, with TMDb and Watchmode served
//! by wiremock from recorded bodies (`fixtures/providers/`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use marquee_domain::availability::{CachedOffers, Offer, OfferKind, Region};
use marquee_domain::media::MediaId;
use marquee_domain::user::Email;
use marquee_tests::{ApiService, Providers, TestApp, api_tests};
use marquee_tmdb::{TmdbAuth, TmdbClient, TmdbConfig, TmdbWatchProviders};
use marquee_watchmode::{Watchmode, WatchmodeConfig};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TMDB_KEY: &str = "tmdb-key-s3cret";
const WATCHMODE_KEY: &str = "watchmode-key-s3cret";

fn fixture(provider: &str, name: &str) -> ResponseTemplate {
    fixture_with(200, provider, name)
}

fn fixture_with(status: u16, provider: &str, name: &str) -> ResponseTemplate {
    let path = format!("{}/../fixtures/providers/{provider}/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

fn providers(server: &MockServer) -> Providers {
    let tmdb = TmdbClient::new(TmdbConfig {
        base_url: format!("{}/3", server.uri()),
        timeout: Duration::from_millis(500),
        max_retries: 0,
        ..TmdbConfig::new(TmdbAuth::ApiKey(SecretString::from(TMDB_KEY)))
    })
    .unwrap();
    let watchmode = Watchmode::new(WatchmodeConfig {
        base_url: format!("{}/v1", server.uri()),
        api_key: SecretString::from(WATCHMODE_KEY),
        timeout: Duration::from_millis(500),
    })
    .unwrap();
    Providers {
        availability: vec![Arc::new(watchmode), Arc::new(TmdbWatchProviders::new(tmdb))],
        ..Providers::default()
    }
}

/// Runs each case on both stores, each with a fresh mock server and the providers pointed at it.
macro_rules! provider_tests {
    ($($case:ident),* $(,)?) => {
        mod with_providers_memory {
            $(
                #[actix_web::test]
                async fn $case() {
                    let server = wiremock::MockServer::start().await;
                    let providers = super::providers(&server);
                    let app = marquee_tests::TestApp::memory_with(&providers).await;
                    super::$case(&app, &server).await;
                }
            )*
        }
        mod with_providers_postgres {
            $(
                #[actix_web::test]
                async fn $case() {
                    let server = wiremock::MockServer::start().await;
                    let providers = super::providers(&server);
                    let app = marquee_tests::TestApp::postgres_with(&providers).await;
                    super::$case(&app, &server).await;
                }
            )*
        }
    };
}

api_tests!(without_providers_the_answer_is_empty_with_a_note, services_are_set_and_read, services_are_validated);

provider_tests!(
    offers_merge_across_providers_with_attribution_and_are_cached,
    a_failing_provider_is_answered_from_the_stale_cache_with_its_age,
    a_failing_provider_without_cache_never_fails_the_answer,
    on_my_services_keeps_what_the_user_can_stream,
);

/// A catalog title with a TMDb id, entered by `token`'s account (always `ada` here), made an admin for it: only
/// admins may set provider ids by hand.
async fn title<S: ApiService>(app: &TestApp<S>, token: &str, kind: &str, name: &str, tmdb_id: i64) -> String {
    app.stores.ports.users.set_admin(&Email::parse("ada@example.com").unwrap(), true).await.unwrap();
    let body = json!({"kind": kind, "title": name, "tmdb_id": tmdb_id});
    app.post("/api/v1/media", Some(token), body).await.expect(201).body["id"].as_str().unwrap().to_owned()
}

fn services(body: &Value) -> Vec<(String, String, Vec<String>)> {
    body["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let providers = o["providers"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned());
            (o["service"].as_str().unwrap().to_owned(), o["type"].as_str().unwrap().to_owned(), providers.collect())
        })
        .collect()
}

async fn without_providers_the_answer_is_empty_with_a_note<S: ApiService>(app: &TestApp<S>) {
    let token = app.register("ada").await;
    let id = title(app, &token, "movie", "Fight Club", 550).await;
    let body = app.get(&format!("/api/v1/media/{id}/availability?region=us"), None).await.expect(200).body;
    assert_eq!(body["region"], "US");
    assert_eq!(body["offers"], json!([]));
    assert!(body["note"].as_str().unwrap().contains("no availability provider"), "{body}");

    // What was cached is still answered, marked stale.
    let offer = Offer {
        service: "Netflix".into(),
        kind: OfferKind::Subscription,
        format: None,
        price: None,
        web_url: None,
        region: "US".into(),
    };
    let entry = CachedOffers { provider: "watchmode".into(), offers: vec![offer], fetched_at: Utc::now() };
    let media = MediaId(id.parse().unwrap());
    app.stores.ports.availability.store(media, &Region::new("US").unwrap(), &entry).await.unwrap();
    let body = app.get(&format!("/api/v1/media/{id}/availability"), None).await.expect(200).body;
    assert_eq!(services(&body), [("Netflix".into(), "subscription".into(), vec!["watchmode".into()])]);
    assert_eq!(body["sources"][0]["state"], "stale");

    let unknown = uuid::Uuid::now_v7();
    app.get(&format!("/api/v1/media/{unknown}/availability"), None).await.problem(404, "not-found");
    let body =
        app.get(&format!("/api/v1/media/{id}/availability?region=USA"), None).await.problem(422, "validation-failed");
    assert_eq!(marquee_tests::Reply::fields(&body), ["region"]);
}

async fn services_are_set_and_read<S: ApiService>(app: &TestApp<S>) {
    let token = app.register("ada").await;
    let empty = app.get("/api/v1/me/services", Some(&token)).await.expect(200).body;
    assert_eq!(empty, json!({"region": null, "services": []}));
    let body = json!({"region": "gb", "services": ["Netflix", "netflix ", "BBC  iPlayer"]});
    let stored = app.put("/api/v1/me/services", Some(&token), body).await.expect(200).body;
    assert_eq!(stored, json!({"region": "GB", "services": ["Netflix", "BBC iPlayer"]}));
    assert_eq!(app.get("/api/v1/me/services", Some(&token)).await.expect(200).body, stored);
    let other = app.register("bob").await;
    assert_eq!(app.get("/api/v1/me/services", Some(&other)).await.expect(200).body["services"], json!([]));
}

async fn services_are_validated<S: ApiService>(app: &TestApp<S>) {
    app.get("/api/v1/me/services", None).await.problem(401, "unauthorized");
    let token = app.register("ada").await;
    let body = json!({"region": "Britain", "services": ["", "Netflix"]});
    let problem = app.put("/api/v1/me/services", Some(&token), body).await.problem(422, "validation-failed");
    assert_eq!(marquee_tests::Reply::fields(&problem), ["region", "services[0]"]);
    let body = app.get("/api/v1/me/services", Some(&token)).await.expect(200).body;
    assert_eq!(body["region"], Value::Null, "nothing written");
    let problem = app.put("/api/v1/me/services", Some(&token), json!({"region": "US"})).await;
    assert!(problem.status.is_client_error(), "a missing list is refused: {}", problem.body);
}

/// Breaking Bad (TMDb tv 1396): Watchmode resolves it and lists its sources; TMDb has no watch providers for it.
async fn breaking_bad_on_watchmode(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v1/search/"))
        .and(query_param("search_field", "tmdb_tv_id"))
        .and(query_param("search_value", "1396"))
        .respond_with(fixture("watchmode", "search_name__breaking_bad.json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/title/3173903/sources/"))
        .respond_with(fixture("watchmode", "title_3173903_sources.json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/tv/1396/watch/providers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1396, "results": {}})))
        .mount(server)
        .await;
}

async fn offers_merge_across_providers_with_attribution_and_are_cached<S: ApiService>(
    app: &TestApp<S>,
    server: &MockServer,
) {
    // Fight Club: TMDb (JustWatch) lists it; Watchmode does not know it.
    Mock::given(method("GET"))
        .and(path("/3/movie/550/watch/providers"))
        .respond_with(fixture("tmdb", "movie_550_watch_providers.json"))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/search/"))
        .and(query_param("search_field", "tmdb_movie_id"))
        .respond_with(fixture("watchmode", "search_empty__constructed.json"))
        .expect(1)
        .mount(server)
        .await;
    breaking_bad_on_watchmode(server).await;
    let token = app.register("ada").await;
    let fight_club = title(app, &token, "movie", "Fight Club", 550).await;
    let body = app.get(&format!("/api/v1/media/{fight_club}/availability?region=US"), None).await.expect(200).body;
    let offers = services(&body);
    assert!(offers.contains(&("Peacock Premium".into(), "subscription".into(), vec!["tmdb".into()])), "{body:#}");
    assert!(offers.contains(&("Apple TV".into(), "rent".into(), vec!["tmdb".into()])));
    assert!(body["attributions"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().contains("JustWatch")));
    let states: Vec<&str> = body["sources"].as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["live", "live"]);

    // Within the TTL the cache answers: the mocks' `expect(1)` fail the test on a second call.
    let again = app.get(&format!("/api/v1/media/{fight_club}/availability"), None).await.expect(200).body;
    assert_eq!(again["offers"], body["offers"]);
    assert_eq!(again["sources"][0]["state"], "cached");
    assert!(again["sources"][0]["age_seconds"].as_i64().unwrap() >= 0);

    let show = title(app, &token, "show", "Breaking Bad", 1396).await;
    let body = app.get(&format!("/api/v1/media/{show}/availability?region=US"), None).await.expect(200).body;
    let netflix = body["offers"].as_array().unwrap().iter().find(|o| o["service"] == "Netflix").unwrap();
    assert_eq!(netflix["type"], "subscription");
    assert_eq!(netflix["web_url"], "https://www.netflix.com/watch/70236428");
    assert_eq!(netflix["providers"], json!(["watchmode"]));
    assert!(body["offers"].as_array().unwrap().iter().all(|o| o["region"] == "US"));
    assert!(!body.to_string().contains(WATCHMODE_KEY) && !body.to_string().contains(TMDB_KEY));
}

async fn a_failing_provider_is_answered_from_the_stale_cache_with_its_age<S: ApiService>(
    app: &TestApp<S>,
    server: &MockServer,
) {
    Mock::given(method("GET"))
        .and(path("/v1/search/"))
        .respond_with(fixture_with(402, "watchmode", "error_402_over_quota.json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/movie/550/watch/providers"))
        .respond_with(ResponseTemplate::new(503))
        .mount(server)
        .await;
    let token = app.register("ada").await;
    let id = title(app, &token, "movie", "Fight Club", 550).await;
    let old = Utc::now() - chrono::Duration::hours(30);
    let offer = |service: &str| Offer {
        service: service.into(),
        kind: OfferKind::Subscription,
        format: Some("HD".into()),
        price: None,
        web_url: None,
        region: "US".into(),
    };
    let media = MediaId(id.parse().unwrap());
    for (provider, service) in [("watchmode", "Hulu"), ("tmdb", "hulu")] {
        let entry = CachedOffers { provider: provider.into(), offers: vec![offer(service)], fetched_at: old };
        app.stores.ports.availability.store(media, &Region::new("US").unwrap(), &entry).await.unwrap();
    }
    let body = app.get(&format!("/api/v1/media/{id}/availability?region=US"), None).await.expect(200).body;
    assert_eq!(services(&body), [("Hulu".into(), "subscription".into(), vec!["watchmode".into(), "tmdb".into()])]);
    for source in body["sources"].as_array().unwrap() {
        assert_eq!(source["state"], "stale", "{body:#}");
        assert!(source["age_seconds"].as_i64().unwrap() >= 30 * 3600);
        assert!(source["error"].is_string());
    }
    assert!(body["sources"][0]["error"].as_str().unwrap().contains("quota"), "{body:#}");
    assert!(!body.to_string().contains(WATCHMODE_KEY) && !body.to_string().contains(TMDB_KEY));
}

async fn a_failing_provider_without_cache_never_fails_the_answer<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).mount(server).await;
    let token = app.register("ada").await;
    let id = title(app, &token, "movie", "Fight Club", 550).await;
    let body = app.get(&format!("/api/v1/media/{id}/availability"), None).await.expect(200).body;
    assert_eq!(body["offers"], json!([]));
    let states: Vec<&str> = body["sources"].as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["failed", "failed"]);
    // A play has no providers: nothing is asked, and the note says why.
    let play = app.add_media(&token, "play", "Hamlet", &[]).await;
    let body = app.get(&format!("/api/v1/media/{play}/availability"), None).await.expect(200).body;
    assert_eq!(body["offers"], json!([]));
    assert!(body["note"].as_str().unwrap().contains("TMDb id"));
}

async fn on_my_services_keeps_what_the_user_can_stream<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    breaking_bad_on_watchmode(server).await;
    let token = app.register("ada").await;
    let show = title(app, &token, "show", "Breaking Bad", 1396).await;
    let uncached = title(app, &token, "show", "Breaking Point", 777).await;
    for id in [&show, &uncached] {
        app.post("/api/v1/me/rankings", Some(&token), json!({"media_id": id, "tier": "A"})).await.expect(201);
    }
    app.get(&format!("/api/v1/media/{show}/availability?region=US"), None).await.expect(200);

    // No services yet: nothing is streamable.
    let list = app.get("/api/v1/me/rankings?on_my_services=true", Some(&token)).await.expect(200).body;
    assert_eq!(list["total"], 0);

    let body = json!({"region": "US", "services": ["netflix"]});
    app.put("/api/v1/me/services", Some(&token), body).await.expect(200);
    let list = app.get("/api/v1/me/rankings?on_my_services=true", Some(&token)).await.expect(200).body;
    let titles: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|r| r["media"]["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Breaking Bad"]);
    assert_eq!(list["total"], 1);
    assert_eq!(app.list(&token).await.len(), 2, "without the flag the whole list");

    let hits = app.get("/api/v1/media/search?q=breaking&on_my_services=true", Some(&token)).await.expect(200).body;
    let titles: Vec<&str> = hits["items"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Breaking Bad"]);
    app.get("/api/v1/media/search?q=breaking&on_my_services=true", None).await.problem(401, "unauthorized");

    // Services in another region see nothing cached there.
    app.put("/api/v1/me/services", Some(&token), json!({"region": "FR", "services": ["Netflix"]})).await.expect(200);
    let list = app.get("/api/v1/me/rankings?on_my_services=true", Some(&token)).await.expect(200).body;
    assert_eq!(list["total"], 0);
}
