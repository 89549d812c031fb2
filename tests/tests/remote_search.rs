//! The local-first search with TMDb behind it (wiremock serving recorded bodies), on both stores.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use marquee_domain::user::Email;
use marquee_tests::{ApiService, Providers, TestApp, api_tests};
use marquee_tmdb::{TmdbAuth, TmdbCatalog, TmdbClient, TmdbConfig};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TMDB_TOKEN: &str = "tmdb-token-s3cret";

fn fixture(name: &str) -> ResponseTemplate {
    let path = format!("{}/../fixtures/providers/tmdb/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

fn providers(server: &MockServer) -> Providers {
    let client = TmdbClient::new(TmdbConfig {
        base_url: format!("{}/3", server.uri()),
        timeout: Duration::from_millis(400),
        max_retries: 0,
        ..TmdbConfig::new(TmdbAuth::ReadToken(SecretString::from(TMDB_TOKEN)))
    })
    .unwrap();
    let remote = TmdbCatalog::new(client, Duration::from_millis(800), Some("en-US".into()));
    Providers { remote: Some(Arc::new(remote)), ..Providers::default() }
}

async fn genres(server: &MockServer) {
    for kind in ["movie", "tv"] {
        Mock::given(method("GET"))
            .and(path(format!("/3/genre/{kind}/list")))
            .respond_with(fixture(&format!("genre_{kind}_list.json")))
            .mount(server)
            .await;
    }
}

macro_rules! tmdb_tests {
    ($($case:ident),* $(,)?) => {
        mod tmdb_memory {
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
        mod tmdb_postgres {
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

api_tests!(without_tmdb_the_search_is_local_and_says_so);

tmdb_tests!(
    too_few_local_hits_ask_tmdb_and_keep_its_titles,
    a_query_is_not_sent_again_within_the_ttl,
    tmdb_never_overwrites_a_curated_entry,
    a_failing_or_slow_tmdb_gives_the_local_hits,
    enough_local_hits_do_not_ask_tmdb,
);

fn titles(body: &Value) -> Vec<String> {
    body["items"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect()
}

async fn without_tmdb_the_search_is_local_and_says_so<S: ApiService>(app: &TestApp<S>) {
    let token = app.register("ada").await;
    app.add_media(&token, "movie", "Arrival", &[]).await;
    let body = app.get("/api/v1/media/search?q=arrival", None).await.expect(200).body;
    assert_eq!(titles(&body), ["Arrival"]);
    assert_eq!(body["remote_skipped"], true);
    assert_eq!(body["remote"]["status"], "skipped");
    assert!(body["remote"]["reason"].as_str().unwrap().contains("not configured"));
}

async fn too_few_local_hits_ask_tmdb_and_keep_its_titles<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    genres(server).await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .and(query_param("query", "game of thrones"))
        .respond_with(fixture("search_multi__game_of_thrones.json"))
        .expect(1)
        .mount(server)
        .await;
    let token = app.register("ada").await;
    app.add_media(&token, "book", "A Game of Thrones", &[]).await;
    let body = app.get("/api/v1/media/search?q=game%20of%20thrones&limit=5", None).await.expect(200).body;
    assert_eq!(body["remote"]["status"], "fetched", "{body:#}");
    assert_eq!(body["remote_skipped"], false);
    let found = titles(&body);
    // Merged and ranked together: the exact title first, the local book still in.
    assert_eq!(found[0], "Game of Thrones", "{found:?}");
    assert!(found.contains(&"A Game of Thrones".to_owned()), "{found:?}");
    assert!(found.len() <= 5);
    let show = body["items"].as_array().unwrap().iter().find(|h| h["title"] == "Game of Thrones").unwrap();
    assert_eq!(show["kind"], "show");
    assert_eq!(show["tmdb_id"], 1399);
    assert_eq!(show["year"], 2011);
    assert!(show["genres"].as_array().unwrap().contains(&json!("Drama")), "{show:#}");
    // The titles are in the catalog now.
    let id = show["id"].as_str().unwrap();
    app.get(&format!("/api/v1/media/{id}"), None).await.expect(200);
}

async fn a_query_is_not_sent_again_within_the_ttl<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    genres(server).await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .respond_with(fixture("search_multi__game_of_thrones.json"))
        .expect(1)
        .mount(server)
        .await;
    let first = app.get("/api/v1/media/search?q=thrones", None).await.expect(200).body;
    assert_eq!(first["remote"]["status"], "fetched");
    let second = app.get("/api/v1/media/search?q=THRONES", None).await.expect(200).body;
    assert_eq!(second["remote"]["status"], "cached");
    assert_eq!(second["remote_skipped"], false);
    assert!(titles(&second).contains(&"Game of Thrones".to_owned()), "the catalog answers now: {second:#}");
}

/// Users may not claim a TMDb id; an admin's curated entry with one is never overwritten by TMDb data.
async fn tmdb_never_overwrites_a_curated_entry<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    genres(server).await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .respond_with(fixture("search_multi__game_of_thrones.json"))
        .mount(server)
        .await;
    let token = app.register("ada").await;
    let mine = json!({"kind": "show", "title": "GoT (my notes)", "tmdb_id": 1399});
    app.post("/api/v1/media", Some(&token), mine.clone()).await.expect(422);
    app.stores.ports.users.set_admin(&Email::parse("ada@example.com").unwrap(), true).await.unwrap();
    let id = app.post("/api/v1/media", Some(&token), mine).await.expect(201).body["id"].clone();
    let body = app.get("/api/v1/media/search?q=game%20of%20thrones", None).await.expect(200).body;
    assert_eq!(body["remote"]["status"], "fetched");
    let hit = body["items"].as_array().unwrap().iter().find(|h| h["tmdb_id"] == 1399).unwrap();
    assert_eq!(hit["id"], id);
    assert_eq!(hit["title"], "GoT (my notes)");
    let ids: Vec<&Value> = body["items"].as_array().unwrap().iter().map(|h| &h["id"]).collect();
    assert_eq!(ids.iter().filter(|i| **i == &id).count(), 1, "no duplicate");
}

async fn a_failing_or_slow_tmdb_gives_the_local_hits<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    genres(server).await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .and(query_param("query", "broken"))
        .respond_with(ResponseTemplate::new(500))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .and(query_param("query", "slow"))
        .respond_with(fixture("search_multi__game_of_thrones.json").set_delay(Duration::from_secs(3)))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .and(query_param("query", "refused"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"status_code":7,"status_message":"Invalid API key: You must be granted a valid key.","success":false}"#,
            "application/json",
        ))
        .mount(server)
        .await;
    let token = app.register("ada").await;
    app.add_media(&token, "movie", "Broken Flowers", &[]).await;
    for q in ["broken", "slow", "refused"] {
        let body = app.get(&format!("/api/v1/media/search?q={q}"), None).await.expect(200).body;
        assert_eq!(body["remote_skipped"], true, "{q}: {body:#}");
        assert!(!body.to_string().contains(TMDB_TOKEN));
        if q == "broken" {
            assert_eq!(titles(&body), ["Broken Flowers"]);
        }
    }
}

async fn enough_local_hits_do_not_ask_tmdb<S: ApiService>(app: &TestApp<S>, server: &MockServer) {
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).expect(0).mount(server).await;
    let token = app.register("ada").await;
    app.add_media(&token, "movie", "Dune", &[]).await;
    app.add_media(&token, "book", "Dune", &[]).await;
    let body = app.get("/api/v1/media/search?q=dune&limit=2", None).await.expect(200).body;
    assert_eq!(body["remote"]["status"], "not_needed");
    assert_eq!(body["remote_skipped"], false);
    let body = app.get("/api/v1/media/search?q=dune&limit=5&offset=5", None).await.expect(200).body;
    assert_eq!(body["remote"]["status"], "not_needed", "later pages never ask");
}
