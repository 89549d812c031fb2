//! Imports with TMDb as the title lookup (wiremock serving the fixtures in `fixtures/providers/tmdb/`), on both
//! stores: rows the catalog lacks become TMDb titles instead of manual entries; a failing TMDb leaves them manual.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::header;
use actix_web::test::TestRequest;
use marquee_tests::{ApiService, Providers, TestApp, api_tests_with};
use marquee_tmdb::{TmdbAuth, TmdbCatalog, TmdbClient, TmdbConfig};
use secrecy::SecretString;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RATINGS: &str = "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n\
tt0137523,9,2024-01-02,Fight Club,https://www.imdb.com/title/tt0137523/,Movie,8.8,139,1999,\"Drama\",2400000,1999-10-15,David Fincher\n";

fn fixture(status: u16, name: &str) -> ResponseTemplate {
    let path = format!("{}/../fixtures/providers/tmdb/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

fn providers(server: &MockServer) -> Providers {
    let client = TmdbClient::new(TmdbConfig {
        base_url: format!("{}/3", server.uri()),
        timeout: Duration::from_millis(400),
        max_retries: 0,
        ..TmdbConfig::new(TmdbAuth::ReadToken(SecretString::from("tmdb-token")))
    })
    .unwrap();
    let lookup = TmdbCatalog::new(client, Duration::from_millis(800), None);
    Providers { lookup: Some(Arc::new(lookup)), ..Providers::default() }
}

async fn genres(server: &MockServer) {
    for kind in ["movie", "tv"] {
        Mock::given(method("GET"))
            .and(path(format!("/3/genre/{kind}/list")))
            .respond_with(fixture(200, &format!("genre_{kind}_list.json")))
            .mount(server)
            .await;
    }
}

async fn import(app: &TestApp<impl ApiService>, token: &str) -> serde_json::Value {
    let req = TestRequest::post()
        .uri("/api/v1/me/imports/imdb")
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(RATINGS);
    app.send(req).await.expect(200).body
}

async fn a_missing_title_comes_from_tmdb(app: &TestApp<impl ApiService>, server: &MockServer) {
    genres(server).await;
    Mock::given(method("GET"))
        .and(path("/3/find/tt0137523"))
        .and(query_param("external_source", "imdb_id"))
        .respond_with(fixture(200, "find_tt0137523__constructed.json"))
        .expect(1)
        .mount(server)
        .await;
    let token = app.register("ada").await;
    let report = import(app, &token).await;
    let id = report["created"][0]["media_id"].as_str().unwrap().to_owned();
    let item = app.get(&format!("/api/v1/media/{id}"), None).await.expect(200).body;
    assert_eq!((item["tmdb_id"].as_i64(), item["imdb_id"].as_str()), (Some(550), Some("tt0137523")), "{item:#}");
    assert_eq!(item["genres"], serde_json::json!(["Drama", "Thriller"]), "TMDb's data, not the CSV's");
    // The second import matches the TMDb title locally: TMDb is not asked again (`expect(1)`).
    let again = import(app, &token).await;
    assert_eq!((again["matched"][0]["matched_by"].as_str(), again["placed"].as_u64()), (Some("imdb_id"), Some(0)));
}

async fn a_failing_tmdb_leaves_a_manual_entry(app: &TestApp<impl ApiService>, server: &MockServer) {
    genres(server).await;
    Mock::given(method("GET")).respond_with(fixture(401, "error_401_invalid_api_key.json")).mount(server).await;
    let token = app.register("ada").await;
    let report = import(app, &token).await;
    assert_eq!(report["placed"], 1, "{report:#}");
    let id = report["created"][0]["media_id"].as_str().unwrap().to_owned();
    let item = app.get(&format!("/api/v1/media/{id}"), None).await.expect(200).body;
    // The user's own entry: the file's IMDb id is not the user's to give it (TMDb data would carry it).
    assert_eq!((item["tmdb_id"].as_i64(), item["imdb_id"].as_str()), (None, None));
}

api_tests_with!(super::providers; a_missing_title_comes_from_tmdb, a_failing_tmdb_leaves_a_manual_entry);
