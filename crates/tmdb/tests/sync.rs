//! `marquee sync tmdb` end to end: the domain's sync over the TMDb source, TMDb on wiremock (bodies shaped as TMDb documents them), the catalog and the
//! progress table on PostgreSQL (a fresh database per test).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use diesel_async::{AsyncConnection, AsyncPgConnection};
use marquee_domain::account::UserRepository;
use marquee_domain::catalog::MediaRepository;
use marquee_domain::media::MediaKind;
use marquee_domain::media::{MediaFields, MediaInput};
use marquee_domain::sync::{SyncError, SyncOptions, SyncService, SyncStateRepository};
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash};
use marquee_postgres::testing::{TestDb, scalar};
use marquee_tmdb::{TmdbAuth, TmdbClient, TmdbConfig, TmdbSyncSource};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../fixtures/providers/tmdb/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn client(server: &MockServer) -> TmdbClient {
    TmdbClient::new(TmdbConfig {
        base_url: format!("{}/3", server.uri()),
        timeout: Duration::from_millis(500),
        max_retries: 1,
        backoff: Duration::from_millis(5),
        requests_per_second: 1_000,
        ..TmdbConfig::new(TmdbAuth::ReadToken(SecretString::from("read-token")))
    })
    .unwrap()
}

/// A `movie/popular` page as TMDb sends it: two films, with titles in the asked language.
fn popular(language: &str) -> Value {
    let (a, b) = if language == "fr-FR" {
        ("Le Parrain", "Les Évadés")
    } else {
        ("The Godfather", "The Shawshank Redemption")
    };
    json!({
        "page": 1,
        "results": [
            {"adult": false, "backdrop_path": null, "genre_ids": [18, 80], "id": 238, "original_language": "en",
             "original_title": "The Godfather", "overview": format!("{a}: overview"), "popularity": 120.5,
             "poster_path": "/3bhkrj58Vtu7enYsRolD1fZdja1.jpg", "release_date": "1972-03-14", "title": a,
             "video": false, "vote_average": 8.7, "vote_count": 20000},
            {"adult": false, "backdrop_path": "/kXfqcdQKsToO0OUXHcrrNCHDBzO.jpg", "genre_ids": [18, 80], "id": 278,
             "original_language": "en", "original_title": "The Shawshank Redemption", "overview": "",
             "popularity": 150.25, "poster_path": null, "release_date": "", "title": b, "video": false,
             "vote_average": 8.7, "vote_count": 27000}
        ],
        "total_pages": 1,
        "total_results": 2
    })
}

fn body(value: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(value)
}

/// Every list the sync reads, answered; `top_rated` page 2 fails with a 500 when `broken`.
async fn mount(server: &MockServer, broken: bool) {
    for kind in ["movie", "tv"] {
        Mock::given(method("GET"))
            .and(path(format!("/3/genre/{kind}/list")))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(fixture(&format!("genre_{kind}_list.json")), "application/json"),
            )
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/3/trending/movie/week"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(fixture("discover_movie.json"), "application/json"))
        .mount(server)
        .await;
    for language in ["en-US", "fr-FR"] {
        Mock::given(method("GET"))
            .and(path("/3/movie/popular"))
            .and(query_param("language", language))
            .respond_with(body(&popular(language)))
            .mount(server)
            .await;
    }
    if broken {
        Mock::given(method("GET"))
            .and(path("/3/movie/top_rated"))
            .and(query_param("page", "2"))
            .respond_with(
                ResponseTemplate::new(500)
                    .set_body_json(json!({"status_code": 11, "status_message": "Internal error."})),
            )
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/3/movie/top_rated"))
        .respond_with(body(&json!({"page": 2, "results": [], "total_pages": 1, "total_results": 0})))
        .mount(server)
        .await;
}

fn options() -> SyncOptions {
    SyncOptions { pages: 2, languages: vec!["en-US".into(), "fr-FR".into()], kinds: vec![MediaKind::Movie] }
}

/// Everything the catalog holds, timestamps included, as one number: equal before and after means nothing changed.
async fn catalog_fingerprint(conn: &mut AsyncPgConnection) -> (i64, i64) {
    let count = scalar(conn, "SELECT count(*) AS value FROM media_items").await;
    let hash = scalar(conn, "SELECT coalesce(sum(hashtext(m::text)), 0)::bigint AS value FROM media_items m").await;
    (count, hash)
}

async fn requests_to(server: &MockServer, prefix: &str) -> usize {
    server.received_requests().await.unwrap().iter().filter(|r| r.url.path().starts_with(prefix)).count()
}

#[tokio::test]
async fn a_list_sync_resumes_after_a_failure_and_a_second_run_changes_nothing() {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    // A title a user typed in by hand, with the TMDb id of a popular film: the sync must leave it alone.
    let user = UserRepository::create(
        store.as_ref(),
        NewUser {
            email: Email::parse("curator@example.com").unwrap(),
            display_name: DisplayName::parse("curator").unwrap(),
            password_hash: PasswordHash("hash".into()),
        },
    )
    .await
    .unwrap();
    let mine = MediaFields::new(MediaInput {
        kind: "movie".into(),
        title: "Shawshank (my notes)".into(),
        tmdb_id: Some(278),
        ..MediaInput::default()
    })
    .unwrap();
    let mine = MediaRepository::create(store.as_ref(), mine, Some(user.id)).await.unwrap();

    let server = MockServer::start().await;
    mount(&server, true).await;
    let sync = SyncService::new(Arc::new(TmdbSyncSource::new(client(&server))), store.clone(), store.clone());
    let failed = sync.lists(&options(), &()).await;
    assert!(matches!(failed, Err(SyncError::Source(_))), "{failed:?}");
    let saved = store.sync_progress("tmdb-lists").await.unwrap().unwrap();
    assert_eq!(saved.next_step, 5, "trending 1-2, popular 1-2 and top rated 1 were written");
    assert!(saved.completed_at.is_none());
    // 20 trending films + The Godfather; Shawshank stays the user's entry.
    assert_eq!(scalar(&mut conn, "SELECT count(*) AS value FROM media_items").await, 22);

    server.reset().await;
    mount(&server, false).await;
    let resumed = sync.lists(&options(), &()).await.unwrap();
    assert_eq!((resumed.steps, resumed.resumed_at), (6, 5));
    assert_eq!(requests_to(&server, "/3/trending").await + requests_to(&server, "/3/movie/popular").await, 0);
    assert_eq!(requests_to(&server, "/3/movie/top_rated").await, 2, "page 2, in both languages");
    let finished = store.sync_progress("tmdb-lists").await.unwrap().unwrap();
    assert_eq!(finished.next_step, 0);
    assert!(finished.completed_at.is_some());

    let godfather = "SELECT count(*) AS value FROM media_items WHERE tmdb_id = 238 AND title = 'The Godfather' \
                     AND genres = ARRAY['Drama', 'Crime'] AND year = 1972 \
                     AND attributes->'tmdb_i18n'->'fr-FR'->>'title' = 'Le Parrain'";
    assert_eq!(scalar(&mut conn, godfather).await, 1, "English fields, French title alongside");
    let kept = MediaRepository::get(store.as_ref(), mine.id).await.unwrap().unwrap();
    assert_eq!((kept.title.as_str(), kept.updated_at), ("Shawshank (my notes)", mine.updated_at));

    // A finished run starts over; with the same answers from TMDb it rewrites nothing.
    let before = catalog_fingerprint(&mut conn).await;
    let again = sync.lists(&options(), &()).await.unwrap();
    assert_eq!((again.resumed_at, again.titles), (0, 2 * 20 + 2 * 2), "trending and popular pages 1-2");
    assert_eq!(catalog_fingerprint(&mut conn).await, before);

    // Other options never resume another run's progress, and bad ones are refused before any request.
    let bad = SyncOptions { pages: 0, ..options() };
    assert!(matches!(sync.lists(&bad, &()).await, Err(SyncError::Options(_))));
}

#[tokio::test]
async fn a_changes_sync_refreshes_only_the_changed_titles_the_catalog_holds() {
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    let held = MediaFields::new(MediaInput {
        kind: "movie".into(),
        title: "Fight Club (old title)".into(),
        tmdb_id: Some(550),
        ..MediaInput::default()
    })
    .unwrap();
    marquee_domain::remote::CatalogUpsert::upsert_remote(store.as_ref(), &[held]).await.unwrap();

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3/movie/changes"))
        .respond_with(body(&json!({
            "results": [{"id": 550, "adult": false}, {"id": 987_654, "adult": false}, {"id": 13, "adult": null}],
            "page": 1, "total_pages": 1, "total_results": 3
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3/movie/550"))
        .and(query_param("append_to_response", "external_ids,keywords"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(fixture("movie_550.json"), "application/json"))
        .mount(&server)
        .await;
    let sync = SyncService::new(Arc::new(TmdbSyncSource::new(client(&server))), store.clone(), store.clone());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let report = sync.changes(&options(), today, &()).await.unwrap();
    assert_eq!((report.steps, report.titles), (1, 1));
    assert_eq!(requests_to(&server, "/3/movie/987654").await + requests_to(&server, "/3/movie/13").await, 0);
    let changes = server.received_requests().await.unwrap();
    let asked = changes.iter().find(|r| r.url.path() == "/3/movie/changes").unwrap();
    assert!(asked.url.query().unwrap().contains("start_date=2026-11-22"), "the first run looks back one day");
    let refreshed = "SELECT count(*) AS value FROM media_items \
                     WHERE tmdb_id = 550 AND title = 'Fight Club' AND imdb_id = 'tt0137523'";
    assert_eq!(scalar(&mut conn, refreshed).await, 1);
    assert_eq!(scalar(&mut conn, "SELECT count(*) AS value FROM media_items").await, 1, "nothing new added");
}
