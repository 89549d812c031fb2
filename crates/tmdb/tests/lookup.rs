//! TMDb as the title lookup of imports (`TitleLookup for TmdbCatalog`), against wiremock serving the fixtures in
//! `fixtures/providers/tmdb/` (the `find` body is constructed from the recorded Fight Club details; see SOURCES.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use marquee_domain::imports::{MatchKeys, TitleLookup};
use marquee_domain::media::MediaKind;
use marquee_tmdb::{TmdbAuth, TmdbCatalog, TmdbClient, TmdbConfig};
use secrecy::SecretString;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn json(status: u16, name: &str) -> ResponseTemplate {
    let path = format!("{}/../../fixtures/providers/tmdb/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    for kind in ["movie", "tv"] {
        Mock::given(method("GET"))
            .and(path(format!("/3/genre/{kind}/list")))
            .respond_with(json(200, &format!("genre_{kind}_list.json")))
            .mount(&server)
            .await;
    }
    server
}

fn lookup(server: &MockServer) -> TmdbCatalog {
    let client = TmdbClient::new(TmdbConfig {
        base_url: format!("{}/3", server.uri()),
        timeout: Duration::from_millis(500),
        max_retries: 0,
        ..TmdbConfig::new(TmdbAuth::ReadToken(SecretString::from("token")))
    })
    .unwrap();
    TmdbCatalog::new(client, Duration::from_secs(2), None)
}

fn keys(kind: MediaKind, title: &str, year: Option<i16>, imdb: Option<&str>) -> MatchKeys {
    MatchKeys { imdb_id: imdb.map(str::to_owned), ..MatchKeys::titled(kind, title, year) }
}

#[tokio::test]
async fn an_imdb_id_is_found_through_find() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/3/find/tt0137523"))
        .and(query_param("external_source", "imdb_id"))
        .respond_with(json(200, "find_tt0137523__constructed.json"))
        .expect(2)
        .mount(&server)
        .await;
    let found = lookup(&server)
        .lookup(&keys(MediaKind::Movie, "Fight Club", Some(1999), Some("tt0137523")))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.tmdb_id, found.imdb_id.as_deref()), (Some(550), Some("tt0137523")));
    assert_eq!((found.title.as_str(), found.year), ("Fight Club", Some(1999)));
    assert_eq!(found.genres, ["Drama", "Thriller"], "genre ids become names");
    // Asked for a show, `find` has only the movie: the title search runs next (and finds none).
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .respond_with(json(200, "search_empty__observed_shape.json"))
        .mount(&server)
        .await;
    let show = keys(MediaKind::Show, "Fight Club", None, Some("tt0137523"));
    assert_eq!(lookup(&server).lookup(&show).await.unwrap(), None);
}

#[tokio::test]
async fn a_title_and_year_are_found_by_search_with_the_same_kind_title_and_year() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .and(query_param("query", "Game of Thrones"))
        .respond_with(json(200, "search_multi__game_of_thrones.json"))
        .mount(&server)
        .await;
    let tmdb = lookup(&server);
    let show = tmdb.lookup(&keys(MediaKind::Show, "Game of Thrones", Some(2011), None)).await.unwrap().unwrap();
    assert_eq!((show.kind, show.tmdb_id, show.year), (MediaKind::Show, Some(1399), Some(2011)));
    // The same title as a movie, or in another year, is not that show.
    assert_eq!(tmdb.lookup(&keys(MediaKind::Movie, "Game of Thrones", Some(2011), None)).await.unwrap(), None);
    assert_eq!(tmdb.lookup(&keys(MediaKind::Show, "Game of Thrones", Some(1990), None)).await.unwrap(), None);
    // Books and plays are never asked about.
    assert_eq!(tmdb.lookup(&keys(MediaKind::Book, "Game of Thrones", None, None)).await.unwrap(), None);
}

#[tokio::test]
async fn a_failing_tmdb_is_a_lookup_error() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .respond_with(json(401, "error_401_invalid_api_key.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/find/tt0000001"))
        .respond_with(json(404, "error_404_not_found.json"))
        .mount(&server)
        .await;
    let tmdb = lookup(&server);
    let err = tmdb.lookup(&keys(MediaKind::Movie, "Heat", Some(1995), None)).await.unwrap_err();
    assert!(!err.to_string().contains("token"), "no credential in the error: {err}");
    assert!(tmdb.lookup(&keys(MediaKind::Movie, "Heat", None, Some("tt0000001"))).await.is_err());
}
