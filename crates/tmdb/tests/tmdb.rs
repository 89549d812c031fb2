//! The TMDb client against a wiremock server per scenario, serving bodies recorded from TMDb or taken from its
//! documentation (`fixtures/providers/`, provenance in `SOURCES.md`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use marquee_domain::availability::{AvailabilityProvider, OfferKind, Region, TitleRef};
use marquee_domain::media::MediaKind;
use marquee_domain::remote::{RemoteCatalog, RemoteError};
use marquee_tmdb::{
    GenreNames, TmdbAuth, TmdbCatalog, TmdbClient, TmdbConfig, TmdbError, TmdbKind, TmdbWatchProviders, TrendingScope,
    Window, to_fields,
};
use secrecy::SecretString;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../fixtures/providers/tmdb/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture(name), "application/json")
}

const TOKEN: &str = "read-token-s3cret";
const KEY: &str = "api-key-s3cret";

fn config(server: &MockServer, auth: TmdbAuth) -> TmdbConfig {
    TmdbConfig {
        base_url: format!("{}/3", server.uri()),
        timeout: Duration::from_millis(500),
        max_retries: 2,
        backoff: Duration::from_millis(10),
        max_retry_after: Duration::from_secs(2),
        ..TmdbConfig::new(auth)
    }
}

fn client(server: &MockServer) -> TmdbClient {
    TmdbClient::new(config(server, TmdbAuth::ReadToken(SecretString::from(TOKEN)))).unwrap()
}

async fn genres(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/3/genre/movie/list"))
        .respond_with(json(200, "genre_movie_list.json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/genre/tv/list"))
        .respond_with(json(200, "genre_tv_list.json"))
        .mount(server)
        .await;
}

#[tokio::test]
async fn search_sends_the_bearer_token_and_maps_movies_and_shows_but_not_people() {
    let server = MockServer::start().await;
    genres(&server).await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .and(query_param("query", "bradley"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(json(200, "search_multi__bradley.json"))
        .expect(2)
        .mount(&server)
        .await;
    let catalog = TmdbCatalog::new(client(&server), Duration::from_secs(2), None);
    let found = catalog.search("bradley", None, 20).await.unwrap();
    // The fixture mixes 12 people with 7 movies and 1 show.
    assert_eq!(found.len(), 8);
    assert!(found.iter().all(|f| f.tmdb_id.is_some()));
    let show = found.iter().find(|f| f.kind == MediaKind::Show).unwrap();
    assert_eq!(show.year, None, "an empty first_air_date is no year");
    let movie = found.iter().find(|f| f.kind == MediaKind::Movie && f.year.is_some()).unwrap();
    assert!(!movie.genres.is_empty(), "genre ids become names: {movie:?}");
    assert!(movie.attributes["tmdb"]["vote_count"].is_number());
    let shows_only = catalog.search("bradley", Some(MediaKind::Show), 20).await;
    assert_eq!(shows_only.unwrap().len(), 1);
}

#[tokio::test]
async fn an_api_key_goes_in_the_query_string() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3/genre/tv/list"))
        .and(query_param("api_key", KEY))
        .respond_with(json(200, "genre_tv_list.json"))
        .expect(1)
        .mount(&server)
        .await;
    let c = TmdbClient::new(config(&server, TmdbAuth::ApiKey(SecretString::from(KEY)))).unwrap();
    let genres = c.genres(TmdbKind::Tv, None).await.unwrap();
    assert!(genres.iter().any(|g| g.name == "Action & Adventure"));
}

#[tokio::test]
async fn details_with_appended_external_ids_and_keywords_map_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3/movie/550"))
        .and(query_param("append_to_response", "external_ids,keywords"))
        .respond_with(json(200, "movie_550.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/3/tv/1399")).respond_with(json(200, "tv_1399.json")).mount(&server).await;
    let c = client(&server);
    let movie = c.details(TmdbKind::Movie, 550, &["external_ids", "keywords"], Some("en-US")).await.unwrap();
    let f = to_fields(&movie, Some(TmdbKind::Movie), &GenreNames::default()).unwrap();
    assert_eq!(f.title, "Fight Club");
    assert_eq!(f.year, Some(1999));
    assert_eq!(f.imdb_id.as_deref(), Some("tt0137523"));
    assert_eq!(f.tmdb_id, Some(550));
    assert_eq!(f.genres, ["Drama", "Thriller"]);
    assert!(f.poster_path.as_deref().is_some_and(|p| p.starts_with('/')));
    assert!(f.attributes["tmdb"]["keywords"].as_array().unwrap().iter().any(|k| k == "nihilism"));
    assert!(f.attributes["tmdb"]["backdrop_path"].is_string());
    let show = c.details(TmdbKind::Tv, 1399, &["external_ids"], None).await.unwrap();
    let f = to_fields(&show, Some(TmdbKind::Tv), &GenreNames::default()).unwrap();
    assert_eq!((f.kind, f.title.as_str(), f.year), (MediaKind::Show, "Game of Thrones", Some(2011)));
    assert_eq!(f.imdb_id.as_deref(), Some("tt0944947"));

    // Images the catalog refuses are left out; the title stays.
    let mut odd = movie.clone();
    odd.poster_path = Some("javascript:alert(1)".into());
    odd.backdrop_path = Some("data:image/png;base64,AAAA".into());
    let f = to_fields(&odd, Some(TmdbKind::Movie), &GenreNames::default()).unwrap();
    assert_eq!((f.title.as_str(), f.poster_path.as_deref()), ("Fight Club", None));
    assert!(f.attributes["tmdb"].get("backdrop_path").is_none(), "{}", f.attributes);
    assert!(f.attributes["tmdb"]["keywords"].is_array());
}

#[tokio::test]
async fn trending_discover_and_empty_results_decode() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3/trending/all/week"))
        .respond_with(json(200, "trending_all_week.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/discover/movie"))
        .and(query_param("sort_by", "popularity.desc"))
        .respond_with(json(200, "discover_movie.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/search/multi"))
        .respond_with(json(200, "search_empty__observed_shape.json"))
        .mount(&server)
        .await;
    let c = client(&server);
    let trending = c.trending(TrendingScope::All, Window::Week, 1, None).await.unwrap();
    assert_eq!(trending.results.len(), 20);
    let discovered = c.discover(TmdbKind::Movie, 1, None, &[("sort_by", "popularity.desc")]).await.unwrap();
    assert_eq!(discovered.results.len(), 20);
    assert!(discovered.results.iter().all(|t| to_fields(t, Some(TmdbKind::Movie), &GenreNames::default()).is_some()));
    let empty = c.search_multi("zzzz", 1, None).await.unwrap();
    assert!(empty.results.is_empty());
    assert_eq!(empty.total_results, 0);
}

#[tokio::test]
async fn a_401_is_unauthorized_with_tmdbs_message_and_no_credential() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(json(401, "error_401_invalid_api_key.json")).expect(1).mount(&server).await;
    let c = TmdbClient::new(config(&server, TmdbAuth::ApiKey(SecretString::from(KEY)))).unwrap();
    let err = c.search_multi("x", 1, None).await.unwrap_err();
    assert!(matches!(err, TmdbError::Unauthorized(ref m) if m.contains("Invalid API key")), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(KEY));
}

#[tokio::test]
async fn a_404_is_not_found_and_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(json(404, "error_404_not_found.json")).expect(1).mount(&server).await;
    let err = client(&server).details(TmdbKind::Movie, 1, &[], None).await.unwrap_err();
    assert_eq!(err, TmdbError::NotFound);
}

#[tokio::test]
async fn a_429_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(429, "error_429_rate_limit.json").insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(json(200, "genre_movie_list.json")).expect(1).mount(&server).await;
    let started = std::time::Instant::now();
    let genres = client(&server).genres(TmdbKind::Movie, None).await.unwrap();
    assert!(!genres.is_empty());
    assert!(started.elapsed() >= Duration::from_secs(1), "waited for Retry-After");
}

#[tokio::test]
async fn a_429_asking_for_too_long_a_wait_fails_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(429, "error_429_rate_limit.json").insert_header("retry-after", "120"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server).genres(TmdbKind::Movie, None).await.unwrap_err();
    assert_eq!(err, TmdbError::RateLimited { retry_after_secs: Some(120) });
}

#[tokio::test]
async fn a_500_is_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).expect(3).mount(&server).await;
    let err = client(&server).genres(TmdbKind::Movie, None).await.unwrap_err();
    assert_eq!(err, TmdbError::Server { status: 500 });
}

#[tokio::test]
async fn a_500_then_success_recovers() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET")).respond_with(json(200, "genre_movie_list.json")).mount(&server).await;
    assert!(!client(&server).genres(TmdbKind::Movie, None).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(200, "genre_movie_list.json").set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let err = client(&server).genres(TmdbKind::Movie, None).await.unwrap_err();
    assert_eq!(err, TmdbError::Timeout);
}

#[tokio::test]
async fn the_search_wait_is_bounded_whatever_the_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(200, "search_multi__bradley.json").set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let catalog = TmdbCatalog::new(client(&server), Duration::from_millis(200), None);
    assert_eq!(catalog.search("bradley", None, 20).await.unwrap_err(), RemoteError::Timeout);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{\"page\": 1, \"results\": [", "application/json"))
        .mount(&server)
        .await;
    let err = client(&server).search_multi("x", 1, None).await.unwrap_err();
    assert!(matches!(err, TmdbError::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn transport_failures_never_show_the_api_key() {
    let server = MockServer::start().await;
    let mut cfg = config(&server, TmdbAuth::ApiKey(SecretString::from(KEY)));
    cfg.base_url = "http://127.0.0.1:9/3".to_owned();
    cfg.max_retries = 0;
    let err = TmdbClient::new(cfg).unwrap().search_multi("x", 1, None).await.unwrap_err();
    assert!(matches!(err, TmdbError::Transport(_) | TmdbError::Timeout), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(KEY), "{err}");
}

#[tokio::test]
async fn find_and_changes_decode() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3/find/tt0137523"))
        .and(query_param("external_source", "imdb_id"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!("{{\"movie_results\":[{}],\"person_results\":[],\"tv_results\":[]}}", fixture("movie_550.json")),
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/movie/changes"))
        .and(query_param("start_date", "2026-11-20"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"results":[{"id":550,"adult":false},{"id":76,"adult":null}],"page":1,"total_pages":1,"total_results":2}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let c = client(&server);
    let found = c.find("tt0137523", "imdb_id").await.unwrap();
    assert_eq!(found.movie_results[0].id, 550);
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let changed = c.changes(TmdbKind::Movie, day(20), day(23), 1).await.unwrap();
    assert_eq!(changed.results.iter().map(|c| c.id).collect::<Vec<_>>(), [550, 76]);
}

#[tokio::test]
async fn watch_providers_become_offers_for_the_region() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3/movie/550/watch/providers"))
        .respond_with(json(200, "movie_550_watch_providers.json"))
        .mount(&server)
        .await;
    let provider = TmdbWatchProviders::new(client(&server));
    assert!(provider.attribution().unwrap().contains("JustWatch"));
    let title = TitleRef { kind: MediaKind::Movie, tmdb_id: Some(550), imdb_id: None };
    let offers = provider.offers(&title, &Region::new("US").unwrap()).await.unwrap();
    let peacock = offers.iter().find(|o| o.service == "Peacock Premium").unwrap();
    assert_eq!(peacock.kind, OfferKind::Subscription);
    assert!(peacock.web_url.as_deref().unwrap().contains("themoviedb.org/movie/550"));
    assert!(offers.iter().any(|o| o.service == "Apple TV" && o.kind == OfferKind::Rent));
    let nowhere = provider.offers(&title, &Region::new("ZZ").unwrap()).await.unwrap();
    assert!(nowhere.is_empty());
}
