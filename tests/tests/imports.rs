//! `/api/v1/me/imports/*` and `/api/v1/me/export`: Letterboxd, IMDb and Marquee imports, their bad input, and the
//! export round trip. Fixtures (real column layouts) are in `tests/fixtures/imports/`.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::io::Write as _;

use actix_web::http::header;
use actix_web::test::TestRequest;
use marquee_domain::user::Email;
use marquee_tests::{ApiService, IMPORT_MAX_BYTES, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    letterboxd_ratings_match_create_skip_and_reimport_changes_nothing,
    letterboxd_zip_reads_ratings_and_watched,
    imdb_ratings_match_by_imdb_id_and_map_title_types,
    bad_uploads_are_4xx_and_write_nothing,
    a_partial_import_skips_bad_rows,
    export_round_trips_through_the_marquee_import,
    export_as_csv,
    the_csv_export_reimports,
    a_multipart_form_uploads_the_same_file,
    a_bad_multipart_form_is_refused,
);

const LETTERBOXD_RATINGS: &[u8] = include_bytes!("../fixtures/imports/letterboxd-ratings.csv");
const LETTERBOXD_WATCHED: &[u8] = include_bytes!("../fixtures/imports/letterboxd-watched.csv");
const IMDB_RATINGS: &[u8] = include_bytes!("../fixtures/imports/imdb-ratings.csv");

fn titles(rows: &Value) -> Vec<String> {
    rows.as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_owned()).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(t, n)| ((*t).to_owned(), (*n).to_owned())).collect()
}

async fn catalog_size(app: &TestApp<impl ApiService>) -> u64 {
    app.stores.ports.media.count().await.unwrap()
}

async fn letterboxd_ratings_match_create_skip_and_reimport_changes_nothing(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let heat = app
        .post("/api/v1/media", Some(&token), json!({"kind": "movie", "title": "Heat", "year": 1995}))
        .await
        .expect(201)
        .body["id"]
        .clone();

    let report =
        app.upload("/api/v1/me/imports/letterboxd", &token, "text/csv", LETTERBOXD_RATINGS).await.expect(200).body;
    assert_eq!(report["source"], "letterboxd");
    assert_eq!(report["placed"], 5);
    assert_eq!(report["matched"][0]["media_id"], heat, "{report:#}");
    assert_eq!(report["matched"][0]["matched_by"], "title_year");
    assert_eq!(report["matched"][0]["line"], 2);
    assert_eq!(titles(&report["created"]), ["Arrival", "Crouching Tiger, Hidden Dragon", "Cats", "Paddington 2"]);
    assert!(report["created"].as_array().unwrap().iter().all(|r| r["matched_by"] == "created"));
    assert_eq!(report["skipped"], json!([]));
    let expected = pairs(&[
        ("S", "Arrival"),
        ("S", "Crouching Tiger, Hidden Dragon"),
        ("S", "Heat"),
        ("A", "Paddington 2"),
        ("D", "Cats"),
    ]);
    assert_eq!(app.list(&token).await, expected, "tiers by stars; best rated, then earliest rated first");
    let catalog = catalog_size(app).await;

    let again =
        app.upload("/api/v1/me/imports/letterboxd", &token, "text/csv", LETTERBOXD_RATINGS).await.expect(200).body;
    assert_eq!((again["placed"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(5)));
    assert_eq!(again["created"], json!([]), "the manual entries of the first import match now");
    assert!(again["matched"].as_array().unwrap().iter().all(|r| r["placement"] == "already_ranked"));
    assert_eq!(app.list(&token).await, expected);
    assert_eq!(catalog_size(app).await, catalog, "nothing was created twice");

    // Another user's import matches the same manual entries instead of making new ones.
    let bob = app.register("bob").await;
    let theirs =
        app.upload("/api/v1/me/imports/letterboxd", &bob, "text/csv", LETTERBOXD_RATINGS).await.expect(200).body;
    assert_eq!(theirs["created"], json!([]));
    assert_eq!(catalog_size(app).await, catalog);
}

fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap();
    out.into_inner()
}

async fn letterboxd_zip_reads_ratings_and_watched(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let archive = zip(&[
        ("profile.csv", b"Date Joined,Username\n2020-01-01,ada\n"),
        ("ratings.csv", LETTERBOXD_RATINGS),
        ("watched.csv", LETTERBOXD_WATCHED),
    ]);
    let report =
        app.upload("/api/v1/me/imports/letterboxd", &token, "application/zip", &archive).await.expect(200).body;
    assert_eq!(report["placed"], 5);
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{report:#}");
    assert_eq!(skipped[0]["file"], "watched.csv");
    assert_eq!(skipped[0]["line"], 4);
    assert_eq!(skipped[0]["title"], "The Room");
    assert!(skipped[0]["reason"].as_str().unwrap().contains("not rated"));

    // watched.csv alone places nothing and says why for each film.
    let watched =
        app.upload("/api/v1/me/imports/letterboxd", &token, "text/csv", LETTERBOXD_WATCHED).await.expect(200).body;
    assert_eq!((watched["placed"].as_u64(), watched["skipped"].as_array().unwrap().len()), (Some(0), 3));
}

async fn imdb_ratings_match_by_imdb_id_and_map_title_types(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    // Only admins set provider ids by hand: an admin curates the one title the file will match by IMDb id.
    let boss = app.register("boss").await;
    app.stores.ports.users.set_admin(&Email::parse("boss@example.com").unwrap(), true).await.unwrap();
    let shawshank = app
        .post(
            "/api/v1/media",
            Some(&boss),
            json!({"kind": "movie", "title": "Die Verurteilten", "year": 1994, "imdb_id": "tt0111161"}),
        )
        .await
        .expect(201)
        .body["id"]
        .clone();
    let report = app.upload("/api/v1/me/imports/imdb", &token, "text/csv", IMDB_RATINGS).await.expect(200).body;
    assert_eq!(report["matched"][0]["media_id"], shawshank, "{report:#}");
    assert_eq!(report["matched"][0]["matched_by"], "imdb_id");
    assert_eq!(titles(&report["created"]), ["Breaking Bad", "Spirited Away", "The Matrix"]);
    assert_eq!(report["skipped"][0]["line"], 5, "the episode is skipped");
    assert!(report["skipped"][0]["reason"].as_str().unwrap().contains("TV Episode"));
    assert_eq!(
        app.list(&token).await,
        pairs(&[("S", "Die Verurteilten"), ("S", "Spirited Away"), ("S", "Breaking Bad"), ("B", "The Matrix")])
    );
    let list = app.get("/api/v1/me/rankings?limit=100", Some(&token)).await.expect(200).body;
    let bad = list["items"].as_array().unwrap().iter().find(|r| r["media"]["title"] == "Breaking Bad").unwrap();
    assert_eq!(bad["media"]["kind"], "show");
    assert_eq!(bad["stars"], 5);

    let again = app.upload("/api/v1/me/imports/imdb", &token, "text/csv", IMDB_RATINGS).await.expect(200).body;
    assert_eq!(again["placed"], 0);
    // The entries the first run made are the user's own, without the file's IMDb ids: they match by title and year.
    let how: Vec<&str> =
        again["matched"].as_array().unwrap().iter().map(|r| r["matched_by"].as_str().unwrap()).collect();
    assert_eq!(how, ["imdb_id", "title_year", "title_year", "title_year"], "{again:#}");
}

async fn bad_uploads_are_4xx_and_write_nothing(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let before = catalog_size(app).await;
    let path = "/api/v1/me/imports/letterboxd";

    let corrupt = b"Date,Name,Year,Letterboxd URI,Rating\n2023-01-01,Heat,1995,https://boxd.it/2b0k,4\n2023-01-02,\"Open,2000,x,3\n";
    let body = app.upload(path, &token, "text/csv", corrupt).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["ratings.csv:3"], "{body:#}");

    let body = app.upload(path, &token, "text/csv", b"Title,Stars\nHeat,4\n").await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["watched.csv:1"], "{body:#}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("Letterboxd URI"));
    let body = app
        .upload("/api/v1/me/imports/imdb", &token, "text/csv", LETTERBOXD_RATINGS)
        .await
        .problem(422, "validation-failed");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("Const"), "{body:#}");

    let bad_rows = b"Date,Name,Year,Letterboxd URI,Rating\n2023-01-01,Heat,1995,https://boxd.it/2b0k,4\n2023-01-02,Alien,1979,https://boxd.it/2a,9\n2023-01-03,Ran,19x5,https://boxd.it/3,3\n";
    let body = app.upload(path, &token, "text/csv", bad_rows).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["ratings.csv:3", "ratings.csv:4"], "{body:#}");

    let body = app
        .upload(path, &token, "application/zip", b"PK\x03\x04 not really a zip")
        .await
        .problem(400, "malformed-request");
    assert!(body["detail"].as_str().unwrap().contains("ZIP"), "{body:#}");
    let no_csv = zip(&[("profile.csv", b"Date Joined,Username\n")]);
    app.upload(path, &token, "application/zip", &no_csv).await.problem(400, "malformed-request");
    app.upload(path, &token, "text/csv", b"").await.problem(400, "malformed-request");
    let huge = vec![b'a'; IMPORT_MAX_BYTES + 1];
    app.upload(path, &token, "text/csv", &huge).await.problem(413, "payload-too-large");
    app.upload("/api/v1/me/imports/marquee", &token, "application/json", b"{\"format\":")
        .await
        .problem(400, "malformed-request");
    let req = TestRequest::post().uri(path).set_payload(LETTERBOXD_RATINGS.to_vec());
    app.send(req).await.problem(401, "unauthorized");

    assert_eq!(app.list(&token).await, Vec::<(String, String)>::new(), "no refused import wrote to the list");
    assert_eq!(catalog_size(app).await, before, "no refused import wrote to the catalog");
}

async fn a_partial_import_skips_bad_rows(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let rows = b"Date,Name,Year,Letterboxd URI,Rating\n2023-01-01,Heat,1995,https://boxd.it/2b0k,4\n2023-01-02,Alien,1979,https://boxd.it/2a,9\n";
    let report =
        app.upload("/api/v1/me/imports/letterboxd?partial=true", &token, "text/csv", rows).await.expect(200).body;
    assert_eq!(report["partial"], true);
    assert_eq!(report["placed"], 1);
    assert_eq!(report["skipped"][0]["line"], 3);
    assert!(report["skipped"][0]["reason"].as_str().unwrap().contains("Rating"), "{report:#}");
    assert_eq!(app.list(&token).await, pairs(&[("A", "Heat")]));
    // A structural problem is refused even when partial.
    app.upload("/api/v1/me/imports/letterboxd?partial=true", &token, "text/csv", b"Name\nHeat\n")
        .await
        .problem(422, "validation-failed");
}

async fn export_round_trips_through_the_marquee_import(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    app.upload("/api/v1/me/imports/imdb", &ada, "text/csv", IMDB_RATINGS).await.expect(200);
    app.upload("/api/v1/me/imports/letterboxd", &ada, "text/csv", LETTERBOXD_RATINGS).await.expect(200);
    let hamlet = app.add_media(&ada, "play", "Hamlet", &["Tragedy"]).await;
    app.post("/api/v1/me/rankings", Some(&ada), json!({"media_id": hamlet, "tier": "S"})).await.expect(201);
    let list = app.get("/api/v1/me/rankings?limit=100", Some(&ada)).await.expect(200).body;
    let ids: Vec<Value> = list["items"].as_array().unwrap().iter().map(|r| r["media"]["id"].clone()).collect();
    let four = json!([ids[9], ids[0], ids[4], ids[2]]);
    app.put("/api/v1/me/top4", Some(&ada), json!({"media_ids": four})).await.expect(200);
    let services = json!({"region": "US", "services": ["Netflix", "Max"]});
    app.put("/api/v1/me/services", Some(&ada), services.clone()).await.expect(200);
    let reply = app.get("/api/v1/me/export?format=json", Some(&ada)).await.expect(200);
    let disposition = reply.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap().to_owned();
    assert!(disposition.contains("marquee-export.json"), "{disposition}");
    let export = reply.body;
    assert_eq!((export["format"].as_str(), export["version"].as_u64()), (Some("marquee-export"), Some(1)));
    assert_eq!(export["rankings"].as_array().unwrap().len(), 10);
    assert_eq!(export["rankings"][0]["position"], 1);
    // The import made it ada's own entry: the file's IMDb id did not come along.
    assert_eq!(export["rankings"][0]["media"]["imdb_id"], Value::Null);
    let top4: Vec<&str> = export["top4"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(top4.len(), 4, "{export:#}");
    assert_eq!(top4[0], list["items"][9]["media"]["title"].as_str().unwrap());
    assert_eq!(export["services"], services);

    let bob = app.register("bob").await;
    let bytes = serde_json::to_vec(&export).unwrap();
    let report = app.upload("/api/v1/me/imports/marquee", &bob, "application/json", &bytes).await.expect(200).body;
    assert_eq!(report["placed"], 10, "{report:#}");
    assert_eq!(report["created"], json!([]), "every title exists in this catalog already");
    assert_eq!((report["top4_set"].as_bool(), report["services_set"].as_bool()), (Some(true), Some(true)));
    assert_eq!(app.list(&bob).await, app.list(&ada).await, "same tiers, same order");
    let bobs_four = app.get("/api/v1/me/top4", Some(&bob)).await.expect(200).body;
    let bobs_ids: Vec<&Value> = bobs_four["media"].as_array().unwrap().iter().map(|m| &m["id"]).collect();
    assert_eq!(bobs_ids, four.as_array().unwrap().iter().collect::<Vec<_>>(), "{bobs_four:#}");
    let bobs_services = app.get("/api/v1/me/services", Some(&bob)).await.expect(200).body;
    assert_eq!((&bobs_services["region"], &bobs_services["services"]), (&services["region"], &services["services"]));
    let bobs = app.get("/api/v1/me/export", Some(&bob)).await.expect(200).body;
    let strip = |doc: &Value| -> Vec<Value> {
        doc["rankings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| json!([r["tier"], r["position"], r["stars"], r["media"]]))
            .collect()
    };
    assert_eq!(strip(&bobs), strip(&export));
    assert_eq!((&bobs["top4"], &bobs["services"]), (&export["top4"], &export["services"]));

    let again = app.upload("/api/v1/me/imports/marquee", &bob, "application/json", &bytes).await.expect(200).body;
    assert_eq!((again["placed"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(10)));
    app.get("/api/v1/me/export?format=xml", Some(&bob)).await.problem(422, "validation-failed");
}

async fn export_as_csv(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    app.upload("/api/v1/me/imports/letterboxd", &token, "text/csv", LETTERBOXD_RATINGS).await.expect(200);
    let req = TestRequest::get()
        .uri("/api/v1/me/export?format=csv")
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
    let reply = app.send_raw(req).await;
    assert_eq!(reply.0, 200);
    assert!(reply.1.starts_with("text/csv"), "{}", reply.1);
    let lines: Vec<&str> = reply.2.lines().collect();
    assert_eq!(lines[0], "tier,position,stars,kind,title,original_title,year,genres,tmdb_id,imdb_id,created_at");
    assert!(lines[2].starts_with("S,2,5,movie,\"Crouching Tiger, Hidden Dragon\",,2000,"), "{}", lines[2]);
    assert_eq!(lines.len(), 6);
}

async fn the_csv_export_reimports(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    app.upload("/api/v1/me/imports/imdb", &ada, "text/csv", IMDB_RATINGS).await.expect(200);
    let req = TestRequest::get()
        .uri("/api/v1/me/export?format=csv")
        .insert_header((header::AUTHORIZATION, format!("Bearer {ada}")));
    let (_, _, csv) = app.send_raw(req).await;
    // The CSV's own operation answers the same bytes as `?format=csv`, its older spelling.
    let req =
        TestRequest::get().uri("/api/v1/me/export/csv").insert_header((header::AUTHORIZATION, format!("Bearer {ada}")));
    let (status, content_type, own) = app.send_raw(req).await;
    assert_eq!((status, content_type.starts_with("text/csv")), (200, true), "{content_type}");
    assert_eq!(own, csv);
    let bob = app.register("bob").await;
    let report = app.upload("/api/v1/me/imports/marquee", &bob, "text/csv", csv.as_bytes()).await.expect(200).body;
    assert_eq!((report["placed"].as_u64(), report["created"].clone()), (Some(4), json!([])), "{report:#}");
    assert_eq!(app.list(&bob).await, app.list(&ada).await, "same tiers, same order");

    let mut broken = csv.clone();
    broken.push_str("Z,1,5,movie,Nope,,2000,,,,2024-01-01T00:00:00+00:00\n");
    let body = app
        .upload("/api/v1/me/imports/marquee", &bob, "text/csv", broken.as_bytes())
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["export.csv:6"], "{body:#}");
}

/// A `multipart/form-data` body with one part per `(name, file name, bytes)`.
fn form(parts: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "marquee-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn a_multipart_form_uploads_the_same_file(app: &TestApp<impl ApiService>) {
    let raw = app.register("ada").await;
    let raw = {
        app.upload("/api/v1/me/imports/imdb", &raw, "text/csv", IMDB_RATINGS).await.expect(200);
        app.list(&raw).await
    };
    let bob = app.register("bob").await;
    // Another part before the file is skipped; only `file` is read.
    let (content_type, body) = form(&[("note", "note.txt", b"hello"), ("file", "ratings.csv", IMDB_RATINGS)]);
    let report = app.upload("/api/v1/me/imports/imdb", &bob, &content_type, &body).await.expect(200).body;
    assert_eq!(report["source"], "imdb");
    assert_eq!(app.list(&bob).await, raw, "a form and a raw body import the same list");

    let zip = zip(&[("ratings.csv", LETTERBOXD_RATINGS)]);
    let (content_type, body) = form(&[("file", "letterboxd.zip", &zip)]);
    let cy = app.register("cy").await;
    let report = app.upload("/api/v1/me/imports/letterboxd", &cy, &content_type, &body).await.expect(200).body;
    assert_eq!(report["placed"], 5, "{report:#}");
}

async fn a_bad_multipart_form_is_refused(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let path = "/api/v1/me/imports/letterboxd";
    let (content_type, body) = form(&[("upload", "ratings.csv", LETTERBOXD_RATINGS)]);
    let problem = app.upload(path, &token, &content_type, &body).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&problem), ["file"], "{problem:#}");
    let (content_type, body) = form(&[("file", "ratings.csv", b"")]);
    app.upload(path, &token, &content_type, &body).await.problem(400, "malformed-request");
    let huge = vec![b'a'; IMPORT_MAX_BYTES + 1];
    let (content_type, body) = form(&[("file", "ratings.csv", &huge)]);
    app.upload(path, &token, &content_type, &body).await.problem(413, "payload-too-large");
    let broken = b"--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nDate,Name";
    app.upload(path, &token, "multipart/form-data; boundary=x", broken).await.problem(400, "malformed-request");
    assert_eq!(app.list(&token).await, Vec::<(String, String)>::new(), "no refused form wrote to the list");
}
