//! Catalog squatting (issue 19, defect 6): users may not give their entries provider ids, image fields take only a
//! TMDb path or an https URL, and a daily quota bounds the entries one user creates, by `POST /media` and by
//! imports together. Every case runs on the in-memory store and on PostgreSQL.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use actix_web::http::header;
use actix_web::test::TestRequest;
use futures::future::join_all;
use marquee_domain::catalog::{CatalogQuota, CatalogService};
use marquee_domain::imports::ImportService;
use marquee_domain::user::Email;
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    users_may_not_set_provider_ids_but_admins_may,
    posters_take_only_a_tmdb_path_or_an_https_url,
    image_attributes_are_checked_like_the_poster,
    imported_entries_drop_the_files_provider_ids,
);

/// The quota the quota cases run with.
const QUOTA: u32 = 3;

/// Runs each case on both stores with a catalog quota of [`QUOTA`] entries per day.
macro_rules! quota_tests {
    ($($case:ident),* $(,)?) => {
        mod quota_memory {
            $(
                #[actix_web::test]
                async fn $case() {
                    super::$case(&marquee_tests::TestApp::adjusted(false, super::small_quota).await).await;
                }
            )*
        }
        mod quota_postgres {
            $(
                #[actix_web::test]
                async fn $case() {
                    super::$case(&marquee_tests::TestApp::adjusted(true, super::small_quota).await).await;
                }
            )*
        }
    };
}

quota_tests!(
    the_entry_past_the_quota_answers_429_with_retry_after,
    concurrent_creations_stay_within_the_quota,
    an_import_creates_entries_within_the_quota_and_reports_the_rest,
);

fn small_quota(builder: marquee_http::AppBuilder, stores: &marquee_tests::Stores) -> marquee_http::AppBuilder {
    let quota = CatalogQuota::per_day(QUOTA);
    builder
        .catalog(CatalogService::new(stores.ports.media.clone()).with_quota(quota))
        .imports(ImportService::new(stores.ports.imports.clone()).with_quota(quota))
}

async fn admin(app: &TestApp<impl ApiService>, name: &str) -> String {
    let token = app.register(name).await;
    app.stores.ports.users.set_admin(&Email::parse(&format!("{name}@example.com")).unwrap(), true).await.unwrap();
    token
}

fn entry(title: &str) -> Value {
    json!({"kind": "play", "title": title, "year": 1600})
}

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

async fn users_may_not_set_provider_ids_but_admins_may(app: &TestApp<impl ApiService>) {
    let user = app.register("ada").await;
    let squat = json!({"kind": "show", "title": "Game of Thrones", "tmdb_id": 1399, "imdb_id": "tt0944947",
        "poster_path": "/u3bZgnGQ9T01sWNhyveQz0wH0Hl.jpg", "attributes": {"tmdb": {"vote_count": 1}, "movielens_id": 7}});
    let body = app.post("/api/v1/media", Some(&user), squat.clone()).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["tmdb_id", "imdb_id", "attributes.tmdb", "attributes.movielens_id"]);
    assert_eq!(app.stores.ports.media.count().await.unwrap(), 0, "nothing written");
    for (key, value) in [("tmdb_id", json!(1399)), ("imdb_id", json!("tt0944947"))] {
        let one = app.post("/api/v1/media", Some(&user), with(entry("Mine"), key, value)).await;
        assert_eq!(Reply::fields(&one.problem(422, "validation-failed")), [key]);
    }
    let plain = app.post("/api/v1/media", Some(&user), entry("Hamlet")).await.expect(201).body;
    assert_eq!((plain["tmdb_id"].clone(), plain["imdb_id"].clone()), (Value::Null, Value::Null));

    // Admins curate: they may set them, on a new entry or an edit.
    let boss = admin(app, "boss").await;
    let curated = app.post("/api/v1/media", Some(&boss), squat).await.expect(201).body;
    assert_eq!(curated["tmdb_id"], 1399);
    let id = plain["id"].as_str().unwrap();
    let edit = with(entry("Hamlet"), "imdb_id", json!("tt0000001"));
    assert_eq!(
        app.put(&format!("/api/v1/media/{id}"), Some(&boss), edit).await.expect(200).body["imdb_id"],
        "tt0000001"
    );
}

async fn posters_take_only_a_tmdb_path_or_an_https_url(app: &TestApp<impl ApiService>) {
    let user = app.register("ada").await;
    let bad = [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "http://images.example.org/hamlet.jpg",
        "https://user:secret@images.example.org/hamlet.jpg",
        "https://images.example.org/ham\u{7}let.jpg",
        "https:///hamlet.jpg",
        "//evil.example/hamlet.jpg",
        "/../../etc/passwd.jpg",
        "/hamlet.svg",
        "/hamlet",
        "/.jpg",
        "/ham let.jpg",
        "vbscript:msgbox(1)",
        "ftp://images.example.org/hamlet.jpg",
    ];
    for poster in bad {
        let reply = app.post("/api/v1/media", Some(&user), with(entry("Hamlet"), "poster_path", json!(poster))).await;
        let body = reply.problem(422, "validation-failed");
        assert_eq!(Reply::fields(&body), ["poster_path"], "{poster:?}: {body:#}");
    }
    assert_eq!(app.stores.ports.media.count().await.unwrap(), 0, "nothing written");
    for poster in ["/kqjL17yufvn9OVLyXYpvtyrFfak.jpg", "/a-b_c.PNG", "https://images.example.org/p/hamlet.webp?w=300"] {
        let body = app.post("/api/v1/media", Some(&user), with(entry(poster), "poster_path", json!(poster))).await;
        assert_eq!(body.expect(201).body["poster_path"], poster);
    }
    // An admin's edit is held to the same shape.
    let boss = admin(app, "boss").await;
    let id = app.add_media(&user, "play", "Macbeth", &[]).await;
    let edit = with(entry("Macbeth"), "poster_path", json!("javascript:alert(1)"));
    let body = app.put(&format!("/api/v1/media/{id}"), Some(&boss), edit).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["poster_path"]);
}

async fn image_attributes_are_checked_like_the_poster(app: &TestApp<impl ApiService>) {
    let user = app.register("ada").await;
    let attributes = json!({"backdrop_path": "javascript:alert(1)", "cast": {"photo_url": "data:text/html,x"},
        "author": "William Shakespeare"});
    let body = app
        .post("/api/v1/media", Some(&user), with(entry("Hamlet"), "attributes", attributes))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["attributes.backdrop_path", "attributes.cast.photo_url"]);
    let fine = json!({"backdrop_path": "/backdrop.jpg", "author": "William Shakespeare"});
    app.post("/api/v1/media", Some(&user), with(entry("Hamlet"), "attributes", fine)).await.expect(201);
}

const IMDB_HEADER: &str = "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors";

async fn upload(app: &TestApp<impl ApiService>, path: &str, token: &str, body: String) -> Reply {
    let req = TestRequest::post()
        .uri(path)
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(body);
    app.send(req).await
}

/// An IMDb row the catalog lacks, with its IMDb id.
fn imdb_row(id: u32, title: &str, year: u32) -> String {
    format!(
        "tt{id:07},8,2024-01-0{},{title},https://www.imdb.com/title/tt{id:07}/,Movie,8.0,100,{year},Drama,1000,{year}-01-01,Someone",
        1 + id % 9
    )
}

async fn imported_entries_drop_the_files_provider_ids(app: &TestApp<impl ApiService>) {
    let user = app.register("ada").await;
    let csv = format!("{IMDB_HEADER}\n{}\n", imdb_row(111_161, "The Shawshank Redemption", 1994));
    let report = upload(app, "/api/v1/me/imports/imdb", &user, csv.clone()).await.expect(200).body;
    let id = report["created"][0]["media_id"].as_str().unwrap().to_owned();
    let item = app.get(&format!("/api/v1/media/{id}"), None).await.expect(200).body;
    assert_eq!(item["imdb_id"], Value::Null, "a file's IMDb id does not label the user's entry: {item:#}");
    // The same file again finds the entry by title and year.
    let again = upload(app, "/api/v1/me/imports/imdb", &user, csv).await.expect(200).body;
    assert_eq!(again["matched"][0]["media_id"], id.as_str());
    assert_eq!(again["matched"][0]["matched_by"], "title_year");
}

async fn the_entry_past_the_quota_answers_429_with_retry_after(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    for i in 0..QUOTA {
        app.post("/api/v1/media", Some(&ada), entry(&format!("Play {i}"))).await.expect(201);
    }
    let reply = app.post("/api/v1/media", Some(&ada), entry("One too many")).await;
    let retry: u64 = reply.headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse().unwrap();
    assert!((86_000..=86_400).contains(&retry), "the oldest entry leaves the window in a day: {retry}");
    reply.problem(429, "too-many-requests");
    assert_eq!(app.stores.ports.media.count().await.unwrap(), u64::from(QUOTA), "nothing written");
    // Another user has a quota of their own; refused input never counts.
    let bob = app.register("bob").await;
    app.post("/api/v1/media", Some(&bob), with(entry("Bad"), "tmdb_id", json!(1))).await.expect(422);
    for i in 0..QUOTA {
        app.post("/api/v1/media", Some(&bob), entry(&format!("Bob's {i}"))).await.expect(201);
    }
}

async fn concurrent_creations_stay_within_the_quota(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let replies = join_all((0..12).map(|i| app.post("/api/v1/media", Some(&ada), entry(&format!("Play {i}"))))).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), QUOTA as usize, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 12 - QUOTA as usize, "{statuses:?}");
    assert_eq!(app.stores.ports.media.count().await.unwrap(), u64::from(QUOTA));
}

async fn an_import_creates_entries_within_the_quota_and_reports_the_rest(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    app.post("/api/v1/media", Some(&ada), entry("Hamlet")).await.expect(201);
    let rows: Vec<String> = (1..=4).map(|i| imdb_row(1_000_000 + i, &format!("Unknown film {i}"), 2000 + i)).collect();
    let csv = format!("{IMDB_HEADER}\n{}\n", rows.join("\n"));
    let report = upload(app, "/api/v1/me/imports/imdb", &ada, csv).await.expect(200).body;
    assert_eq!(report["created"].as_array().unwrap().len(), 2, "{report:#}");
    assert_eq!(report["entries_left"], 0);
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{report:#}");
    for s in skipped {
        assert!(s["reason"].as_str().unwrap().contains("quota of 3 new catalog entries per day"), "{s:#}");
        assert!(s["title"].as_str().unwrap().starts_with("Unknown film"), "{s:#}");
    }
    assert_eq!(report["placed"], 2, "rows over the quota are not placed");
    assert_eq!(app.stores.ports.media.count().await.unwrap(), 3);
    app.post("/api/v1/media", Some(&ada), entry("Macbeth")).await.problem(429, "too-many-requests");
}
