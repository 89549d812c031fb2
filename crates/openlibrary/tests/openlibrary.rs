//! The Open Library client and adapter against a wiremock server per scenario, serving bodies recorded from Open
//! Library or kept in public clients' tests (`fixtures/providers/openlibrary/`, provenance in its `SOURCES.md`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use marquee_domain::book::BookFacts;
use marquee_domain::imports::{MatchKeys, TitleLookup};
use marquee_domain::media::MediaKind;
use marquee_domain::remote::{RemoteCatalog, RemoteError};
use marquee_openlibrary::{OpenLibraryCatalog, OpenLibraryClient, OpenLibraryConfig, OpenLibraryError};
use wiremock::matchers::{header_regex, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../fixtures/providers/openlibrary/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture(name), "application/json")
}

fn config(server: &MockServer) -> OpenLibraryConfig {
    OpenLibraryConfig {
        base_url: server.uri(),
        contact: Some("ops@example.org".into()),
        timeout: Duration::from_millis(500),
        max_retries: 2,
        backoff: Duration::from_millis(10),
        requests_per_second: 100,
    }
}

fn catalog(server: &MockServer, wait: Duration) -> OpenLibraryCatalog {
    OpenLibraryCatalog::new(OpenLibraryClient::new(config(server)).unwrap(), wait)
}

fn book_keys(title: &str, author: Option<&str>, isbns: &[&str], year: Option<i16>) -> MatchKeys {
    MatchKeys {
        isbns: isbns.iter().map(|i| (*i).to_owned()).collect(),
        author: author.map(str::to_owned),
        ..MatchKeys::titled(MediaKind::Book, title, year)
    }
}

#[tokio::test]
async fn search_asks_for_the_fields_it_keeps_and_maps_every_fact() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .and(query_param("q", "shiloh"))
        .and(query_param("limit", "20"))
        .and(query_param(
            "fields",
            "key,title,subtitle,author_name,first_publish_year,subject,number_of_pages_median,cover_i,isbn,edition_count",
        ))
        .and(header_regex("user-agent", r"^Marquee/\S+ \(.*\) ops@example\.org$"))
        .respond_with(json(200, "search__shiloh.json"))
        .expect(1)
        .mount(&server)
        .await;
    let books = catalog(&server, Duration::from_secs(2)).search("shiloh", Some(MediaKind::Book), 20).await.unwrap();
    assert_eq!(books.len(), 10, "every doc of the recorded page maps, the edition-style key included");
    let first = &books[0];
    assert_eq!((first.kind, first.title.as_str(), first.year), (MediaKind::Book, "Shiloh", Some(1952)));
    assert_eq!(first.poster_path.as_deref(), Some("https://covers.openlibrary.org/b/id/4450539-L.jpg"));
    let facts = BookFacts::from_attributes(&first.attributes).unwrap();
    assert_eq!(facts.key, "OL88786W");
    assert_eq!(facts.authors, ["Shelby Foote"]);
    assert_eq!(facts.page_count, Some(226));
    assert_eq!(&facts.subjects[..2], ["Fiction", "History"]);
    assert!(facts.isbns.contains(&"9780451011046".to_owned()) && facts.isbns.iter().all(|i| i.len() == 13));
    assert!(books.iter().any(|b| b.openlibrary_key() == Some("OL8457875M")));
}

#[tokio::test]
async fn the_current_search_shape_and_an_empty_answer_decode() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .and(query_param("q", "the lord of the rings"))
        .respond_with(json(200, "search__the_lord_of_the_rings.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .respond_with(json(200, "search_empty.json"))
        .mount(&server)
        .await;
    let ol = catalog(&server, Duration::from_secs(2));
    let lotr = ol.search("the lord of the rings", Some(MediaKind::Book), 5).await.unwrap();
    assert_eq!(lotr.len(), 1);
    let facts = BookFacts::from_attributes(&lotr[0].attributes).unwrap();
    assert_eq!((facts.key.as_str(), facts.first_publish_year), ("OL27448W", Some(1954)));
    assert_eq!(facts.authors, ["J.R.R. Tolkien"]);
    assert!(ol.search("zzzz", Some(MediaKind::Book), 5).await.unwrap().is_empty());
    assert!(ol.search("shiloh", Some(MediaKind::Movie), 5).await.unwrap().is_empty(), "films are TMDb's");
    assert!(ol.search("shiloh", None, 5).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_slow_open_library_is_a_timeout_within_the_wait() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(200, "search__shiloh.json").set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = catalog(&server, Duration::from_millis(300)).search("shiloh", Some(MediaKind::Book), 5).await;
    assert_eq!(err.unwrap_err(), RemoteError::Timeout);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_500_is_retried_then_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).expect(3).mount(&server).await;
    let err = catalog(&server, Duration::from_secs(2)).search("shiloh", Some(MediaKind::Book), 5).await.unwrap_err();
    assert!(matches!(&err, RemoteError::Unavailable(m) if m.contains("500")), "{err:?}");
}

#[tokio::test]
async fn a_404_is_not_found_and_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(json(404, "error_404_notfound__books.json")).expect(1).mount(&server).await;
    let client = OpenLibraryClient::new(config(&server)).unwrap();
    assert_eq!(client.work("/works/OL0W").await.unwrap_err(), OpenLibraryError::NotFound);
}

#[tokio::test]
async fn a_429_fails_at_once_and_errors_never_carry_the_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "30"))
        .expect(1)
        .mount(&server)
        .await;
    let client = OpenLibraryClient::new(config(&server)).unwrap();
    let err = client.search("secret reading habits", 5).await.unwrap_err();
    assert_eq!(err, OpenLibraryError::RateLimited { retry_after_secs: Some(30) });
    let down = OpenLibraryClient::new(OpenLibraryConfig {
        base_url: "http://127.0.0.1:9".into(),
        max_retries: 0,
        ..config(&server)
    })
    .unwrap();
    let text = down.search("secret reading habits", 5).await.unwrap_err().to_string();
    assert!(!text.contains("secret") && !text.contains("127.0.0.1:9/search"), "{text}");
}

#[tokio::test]
async fn an_isbn_follows_the_redirect_to_its_edition_and_reads_the_work() {
    let server = MockServer::start().await;
    // Recorded: `/isbn/9780140328721.json` answers 302 to the edition.
    Mock::given(method("GET"))
        .and(path("/isbn/9780140328721.json"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/books/OL7353617M.json", server.uri())),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/books/OL7353617M.json"))
        .respond_with(json(200, "isbn__9780140328721.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/works/OL45883W.json"))
        .respond_with(json(404, "error_404_notfound__books.json"))
        .mount(&server)
        .await;
    let keys = book_keys("Fantastic Mr. Fox", Some("Roald Dahl"), &["9780140328721"], Some(1970));
    let fields = catalog(&server, Duration::from_secs(2)).lookup(&keys).await.unwrap().unwrap();
    assert_eq!((fields.title.as_str(), fields.year), ("Fantastic Mr. Fox", Some(1970)));
    let facts = BookFacts::from_attributes(&fields.attributes).unwrap();
    assert_eq!(facts.key, "OL45883W", "keyed by the edition's work even when the work cannot be read");
    assert_eq!(facts.authors, ["Roald Dahl"]);
    assert_eq!(facts.page_count, Some(96));
    assert_eq!(facts.isbns, ["9780140328721"]);
    assert_eq!(fields.poster_path.as_deref(), Some("https://covers.openlibrary.org/b/id/8739161-L.jpg"));
}

#[tokio::test]
async fn an_isbn_lookup_takes_the_works_subjects_year_and_description() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/isbn/9780064471831.json"))
        .respond_with(json(200, "books__OL22951843M.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/works/OL15832982W.json"))
        .respond_with(json(200, "works__OL15832982W.json"))
        .mount(&server)
        .await;
    let keys = book_keys("Sabriel", Some("Garth Nix"), &["=\"0064471837\""], None);
    let fields = catalog(&server, Duration::from_secs(2)).lookup(&keys).await.unwrap().unwrap();
    assert_eq!((fields.title.as_str(), fields.year), ("Sabriel", Some(1995)));
    assert_eq!(fields.overview.as_deref(), Some("First in the Old Kingdom/Abhorsen series."));
    let facts = BookFacts::from_attributes(&fields.attributes).unwrap();
    assert_eq!(facts.key, "OL15832982W");
    assert_eq!(facts.page_count, Some(491));
    assert_eq!(facts.subjects[0], "Fantasy");
    assert!(facts.isbns.contains(&"9780064471831".to_owned()));
}

#[tokio::test]
async fn without_a_known_isbn_the_lookup_searches_title_and_author() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/isbn/9780000000002.json"))
        .respond_with(json(404, "error_404_notfound__books.json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/search.json"))
        .and(query_param("title", "Shiloh"))
        .and(query_param("author", "Shelby Foote"))
        .respond_with(json(200, "search__shiloh.json"))
        .expect(1)
        .mount(&server)
        .await;
    let ol = catalog(&server, Duration::from_secs(2));
    let keys = book_keys("Shiloh", Some("Shelby Foote"), &["9780000000002"], None);
    let found = ol.lookup(&keys).await.unwrap().unwrap();
    assert_eq!(found.openlibrary_key(), Some("OL88786W"));
    let film = MatchKeys { kind: MediaKind::Movie, ..keys };
    assert!(ol.lookup(&film).await.unwrap().is_none(), "only books are looked up");
}

#[tokio::test]
async fn a_legacy_work_reads() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/works/OL3616800W.json"))
        .respond_with(json(200, "works__OL3616800W.json"))
        .mount(&server)
        .await;
    let work = OpenLibraryClient::new(config(&server)).unwrap().work("OL3616800W").await.unwrap();
    assert_eq!(work.title.as_deref(), Some("Selected aspects of Montana water law"));
    assert_eq!(work.authors.len(), 1, "an author role given as a bare string still reads");
}
