//! Books from Open Library (wiremock serving `fixtures/providers/openlibrary/`) and the Goodreads import
//! (`fixtures/imports/goodreads_library_export.csv`), on both stores: the book search's fallback, caching and fault
//! behaviour, the facts a book carries in the API, and the import's matching, placing, watchlist and error rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::http::header;
use actix_web::test::TestRequest;
use marquee_openlibrary::{OpenLibraryCatalog, OpenLibraryClient, OpenLibraryConfig};
use marquee_tests::{ApiService, Providers, TestApp, api_tests, api_tests_with};
use serde_json::Value;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn repo_file(path: &str) -> String {
    let path = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_raw(repo_file(&format!("fixtures/providers/openlibrary/{name}")), "application/json")
}

fn export() -> String {
    repo_file("fixtures/imports/goodreads_library_export.csv")
}

fn providers(server: &MockServer) -> Providers {
    let client = OpenLibraryClient::new(OpenLibraryConfig {
        base_url: server.uri(),
        timeout: Duration::from_millis(400),
        max_retries: 0,
        requests_per_second: 100,
        ..OpenLibraryConfig::default()
    })
    .unwrap();
    let books = Arc::new(OpenLibraryCatalog::new(client, Duration::from_millis(800)));
    Providers { books: Some(books.clone()), lookup: Some(books), ..Providers::default() }
}

async fn import(app: &TestApp<impl ApiService>, token: &str, csv: &str) -> (u16, Value) {
    let req = TestRequest::post()
        .uri("/api/v1/me/imports/goodreads")
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(csv.to_owned());
    let reply = app.send(req).await;
    (reply.status.as_u16(), reply.body)
}

fn lines_of(report: &Value, part: &str) -> Vec<(u64, String)> {
    let mut rows: Vec<(u64, String)> = report[part]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["matched_by"].as_str().unwrap_or_default().to_owned()))
        .collect();
    rows.sort();
    rows
}

async fn a_book_search_falls_back_to_open_library_once(app: &TestApp<impl ApiService>, server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .and(query_param("q", "shiloh"))
        .respond_with(fixture(200, "search__shiloh.json"))
        .expect(1)
        .mount(server)
        .await;
    let found = app.get("/api/v1/media/search?q=shiloh&kind=book&limit=5", None).await.expect(200).body;
    assert_eq!(found["remote"]["status"], "fetched", "{found:#}");
    let hits = found["items"].as_array().unwrap();
    let first = hits.iter().find(|h| h["book"]["openlibrary_key"] == "OL88786W").expect("Shelby Foote's Shiloh");
    assert_eq!(
        (first["kind"].as_str(), first["title"].as_str(), first["year"].as_i64()),
        (Some("book"), Some("Shiloh"), Some(1952))
    );
    assert_eq!(first["book"]["authors"], serde_json::json!(["Shelby Foote"]));
    assert_eq!(first["book"]["page_count"], 226);
    assert_eq!(first["book"]["cover_url"], "https://covers.openlibrary.org/b/id/4450539-L.jpg");
    assert_eq!(first["poster_path"], "https://covers.openlibrary.org/b/id/4450539-L.jpg");
    // Asked again within the cache TTL: Open Library is not called (`expect(1)`), and the book is local now.
    let again = app.get("/api/v1/media/search?q=shiloh&kind=book&limit=50", None).await.expect(200).body;
    assert_eq!(again["remote"]["status"], "cached");
    let keys: Vec<&str> =
        again["items"].as_array().unwrap().iter().filter_map(|h| h["book"]["openlibrary_key"].as_str()).collect();
    assert_eq!(keys.iter().filter(|k| **k == "OL88786W").count(), 1, "upserted once, by work key");
    // Films are TMDb's: without TMDb, a search without `kind=book` never reaches Open Library.
    let films = app.get("/api/v1/media/search?q=shiloh&kind=movie", None).await.expect(200).body;
    assert_eq!(films["remote"]["status"], "skipped");
}

async fn a_slow_or_failing_open_library_gives_the_local_hits(app: &TestApp<impl ApiService>, server: &MockServer) {
    Mock::given(method("GET"))
        .and(query_param("q", "slow"))
        .respond_with(fixture(200, "search__shiloh.json").set_delay(Duration::from_secs(5)))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("q", "down"))
        .respond_with(ResponseTemplate::new(500))
        .mount(server)
        .await;
    let started = Instant::now();
    let slow = app.get("/api/v1/media/search?q=slow&kind=book", None).await.expect(200).body;
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert_eq!((slow["remote"]["status"].as_str(), slow["remote_skipped"].as_bool()), (Some("skipped"), Some(true)));
    let down = app.get("/api/v1/media/search?q=down&kind=book", None).await.expect(200).body;
    assert_eq!(down["remote"]["status"], "skipped", "{down:#}");
    assert_eq!(down["total"], 0);
}

/// Open Library knows two of the export's ISBNs (Sabriel and Fantastic Mr. Fox, as in the fixtures' provenance);
/// every other ISBN is unknown there and every title search finds nothing.
async fn mount_library(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/isbn/9780064471831.json"))
        .respond_with(fixture(200, "books__OL22951843M.json"))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/works/OL15832982W.json"))
        .respond_with(fixture(200, "works__OL15832982W.json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/isbn/9780140328721.json"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/books/OL7353617M.json", server.uri())),
        )
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/books/OL7353617M.json"))
        .respond_with(fixture(200, "isbn__9780140328721.json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .respond_with(fixture(200, "search_empty.json"))
        .mount(server)
        .await;
    Mock::given(method("GET")).respond_with(fixture(404, "error_404_notfound__books.json")).mount(server).await;
}

async fn a_goodreads_library_is_placed_watchlisted_and_enriched(app: &TestApp<impl ApiService>, server: &MockServer) {
    mount_library(server).await;
    let token = app.register("ada").await;
    let (status, report) = import(app, &token, &export()).await;
    assert_eq!(status, 200, "{report:#}");
    assert_eq!((report["source"].as_str(), report["placed"].as_u64()), (Some("goodreads"), Some(6)), "{report:#}");
    // Rated rows are placed: all six are new to the catalog; Sabriel comes from Open Library.
    let created = lines_of(&report, "created");
    assert_eq!(created.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 3, 4, 5, 6, 7]);
    // Unrated rows: read and currently-reading are skipped, to-read go to the watchlist.
    let skipped: Vec<u64> = report["skipped"].as_array().unwrap().iter().map(|s| s["line"].as_u64().unwrap()).collect();
    assert_eq!(skipped, [8, 9]);
    let watchlist = report["watchlist"].as_array().unwrap();
    assert_eq!(watchlist.len(), 2);
    assert!(watchlist.iter().all(|w| w["added"] == true), "{watchlist:#?}");
    let rankings = app.get("/api/v1/me/rankings?limit=50", Some(&token)).await.expect(200).body;
    let tiers: Vec<(String, String)> = rankings["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["media"]["title"].as_str().unwrap().to_owned(), r["tier"].as_str().unwrap().to_owned()))
        .collect();
    for (title, tier) in
        [("The Hobbit", "S"), ("Pride and Prejudice", "S"), ("Sabriel", "A"), ("The Great Gatsby", "C")]
    {
        assert!(tiers.contains(&(title.to_owned(), tier.to_owned())), "{title} in {tier}: {tiers:?}");
    }
    let sabriel = report["created"].as_array().unwrap().iter().find(|r| r["line"] == 6).unwrap();
    let item =
        app.get(&format!("/api/v1/media/{}", sabriel["media_id"].as_str().unwrap()), None).await.expect(200).body;
    assert_eq!(item["book"]["openlibrary_key"], "OL15832982W", "{item:#}");
    assert_eq!(item["book"]["authors"], serde_json::json!(["Garth Nix"]));
    assert_eq!((item["book"]["page_count"].as_u64(), item["year"].as_i64()), (Some(491), Some(1995)));
    let fox = watchlist.iter().find(|w| w["title"] == "Fantastic Mr. Fox").unwrap();
    let fox = app.get(&format!("/api/v1/media/{}", fox["media_id"].as_str().unwrap()), None).await.expect(200).body;
    assert_eq!(fox["book"]["openlibrary_key"], "OL45883W");
    // A manual entry keeps the row's author; it is the user's own, with no Open Library facts.
    let hobbit = report["created"].as_array().unwrap().iter().find(|r| r["line"] == 2).unwrap();
    let hobbit =
        app.get(&format!("/api/v1/media/{}", hobbit["media_id"].as_str().unwrap()), None).await.expect(200).body;
    assert_eq!((hobbit["attributes"]["author"].as_str(), hobbit["book"].is_null()), (Some("J.R.R. Tolkien"), true));

    // The same file again changes nothing and asks Open Library nothing (the ISBN mocks `expect(1)`): the looked-up
    // books now match by ISBN, the user's entries by title and year.
    let (status, again) = import(app, &token, &export()).await;
    assert_eq!((status, again["placed"].as_u64(), again["unchanged"].as_u64()), (200, Some(0), Some(6)), "{again:#}");
    let matched = lines_of(&again, "matched");
    assert!(matched.contains(&(6, "isbn".to_owned())), "{matched:?}");
    assert!(matched.contains(&(2, "title_year".to_owned())), "{matched:?}");
    assert!(again["watchlist"].as_array().unwrap().iter().all(|w| w["added"] == false));
    assert_eq!(lines_of(&again, "watchlist"), [(10, "isbn".to_owned()), (11, "title_year".to_owned())]);
}

async fn a_bad_row_refuses_the_whole_import(app: &TestApp<impl ApiService>, server: &MockServer) {
    mount_library(server).await;
    let token = app.register("ada").await;
    let bad = export().replacen(
        ",J.K. Rowling,\"Rowling, J.K.\",Mary GrandPré,\"=\"\"0439554934\"\"\",\"=\"\"9780439554930\"\"\",4,",
        ",J.K. Rowling,\"Rowling, J.K.\",Mary GrandPré,\"=\"\"0439554934\"\"\",\"=\"\"9780439554930\"\"\",9,",
        1,
    );
    assert_ne!(bad, export());
    let (status, problem) = import(app, &token, &bad).await;
    assert_eq!(status, 422, "{problem:#}");
    assert_eq!(problem["errors"][0]["field"], "goodreads_library_export.csv:3", "{problem:#}");
    let list = app.get("/api/v1/me/rankings", Some(&token)).await.expect(200).body;
    assert_eq!(list["total"], 0, "nothing partial");
    let (status, partial) = {
        let req = TestRequest::post()
            .uri("/api/v1/me/imports/goodreads?partial=true")
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
            .set_payload(bad.clone());
        let reply = app.send(req).await;
        (reply.status.as_u16(), reply.body)
    };
    assert_eq!((status, partial["placed"].as_u64()), (200, Some(5)), "{partial:#}");
    let (status, problem) = import(app, &token, "Title,Author\nDune,Frank Herbert\n").await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "goodreads_library_export.csv:1");
}

api_tests_with!(
    super::providers;
    a_book_search_falls_back_to_open_library_once,
    a_slow_or_failing_open_library_gives_the_local_hits,
    a_goodreads_library_is_placed_watchlisted_and_enriched,
    a_bad_row_refuses_the_whole_import,
);

/// The same import on a server without Open Library.
mod without_open_library {
    use super::{ApiService, TestApp, api_tests, export, import};

    /// Without Open Library every book becomes the user's own entry, matched by title and year next time.
    async fn without_open_library_books_stay_local(app: &TestApp<impl ApiService>) {
        let token = app.register("ada").await;
        let (status, report) = import(app, &token, &export()).await;
        assert_eq!((status, report["placed"].as_u64()), (200, Some(6)), "{report:#}");
        assert_eq!(report["created"].as_array().unwrap().len(), 6);
        let search = app.get("/api/v1/media/search?q=piranesi&kind=book", None).await.expect(200).body;
        assert_eq!(
            (search["total"].as_u64(), search["remote"]["status"].as_str()),
            (Some(1), Some("skipped")),
            "{search:#}"
        );
    }

    api_tests!(without_open_library_books_stay_local);
}
