//! `/api/v1/search/semantic`, `/api/v1/media/{id}/similar` and `mode=hybrid` search, with the real model
//! (all-MiniLM-L6-v2), on the in-memory store and on PostgreSQL; and the 503s when the model is missing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use marquee_domain::semantic::{MissingEmbedder, SemanticQuery, SemanticService, VectorIndex};
use marquee_embeddings::FlatIndex;
use marquee_tests::{ApiService, TestApp, api_tests};
use serde_json::{Value, json};

/// Adds titles with overviews, waits until the queue has embedded them, and returns their ids by title.
async fn catalog(app: &TestApp<impl ApiService>) -> (String, Vec<(String, String)>) {
    let token = app.register("ann").await;
    let entries = [
        ("movie", "The Martian", 2015, "An astronaut stranded alone on Mars must find a way to survive until rescue."),
        (
            "movie",
            "Gravity",
            2013,
            "Two astronauts work together to survive after an accident leaves them adrift in space.",
        ),
        ("movie", "Notting Hill", 1999, "A London bookshop owner falls in love with a famous American actress."),
        ("movie", "The Lion King", 1994, "A young lion prince flees his kingdom after his father is murdered."),
        ("book", "Project Hail Mary", 2021, "A lone astronaut wakes up on a spaceship with no memory of his mission."),
        ("book", "Pride and Prejudice", 1813, "A witty young woman and a proud gentleman slowly fall in love."),
    ];
    let mut ids = Vec::new();
    for (kind, title, year, overview) in entries {
        let reply = app
            .post(
                "/api/v1/media",
                Some(&token),
                json!({"kind": kind, "title": title, "year": year, "overview": overview}),
            )
            .await
            .expect(201);
        ids.push((title.to_owned(), reply.body["id"].as_str().unwrap().to_owned()));
    }
    app.queue.as_ref().expect("semantic app").flush().await;
    (token, ids)
}

fn titles(body: &Value) -> Vec<String> {
    body["items"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect()
}

fn id_of<'a>(ids: &'a [(String, String)], title: &str) -> &'a str {
    &ids.iter().find(|(t, _)| t == title).unwrap().1
}

async fn semantic_search_ranks_by_meaning_and_filters_by_kind(app: &TestApp<impl ApiService>) {
    catalog(app).await;
    let reply = app.get("/api/v1/search/semantic?q=lonely%20astronaut%20stranded%20on%20a%20planet", None).await;
    let body = reply.expect(200).body;
    let found = titles(&body);
    assert_eq!(found.len(), 6, "{body:#}");
    assert_eq!(found[0], "The Martian", "{found:?}");
    assert!(found.iter().position(|t| t == "Notting Hill") > found.iter().position(|t| t == "Gravity"));
    assert_eq!(body["model"], "all-MiniLM-L6-v2/int8-dynamic", "the model the service runs by default");
    let scores: Vec<f64> = body["items"].as_array().unwrap().iter().map(|h| h["relevance"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores[0] <= 1.0 + 1e-6, "{scores:?}");

    let books = app.get("/api/v1/search/semantic?q=astronaut%20in%20space&kind=book&limit=1", None).await.expect(200);
    assert_eq!(titles(&books.body), vec!["Project Hail Mary"]);
    let romance = app.get("/api/v1/search/semantic?q=a%20love%20story%20in%20London", None).await.expect(200);
    let mut top2 = titles(&romance.body)[..2].to_vec();
    top2.sort();
    assert_eq!(top2, vec!["Notting Hill", "Pride and Prejudice"], "the two love stories first");
}

async fn similar_titles_are_of_the_same_kind_and_exclude_the_title(app: &TestApp<impl ApiService>) {
    let (_, ids) = catalog(app).await;
    let martian = id_of(&ids, "The Martian");
    let body = app.get(&format!("/api/v1/media/{martian}/similar?limit=2"), None).await.expect(200).body;
    let found = titles(&body);
    assert_eq!((found.len(), found[0].as_str()), (2, "Gravity"), "{found:?}");
    assert!(!titles(&body).contains(&"The Martian".to_owned()));
    let books = app.get(&format!("/api/v1/media/{martian}/similar?kind=book&limit=1"), None).await.expect(200);
    assert_eq!(titles(&books.body), vec!["Project Hail Mary"]);
    app.get("/api/v1/media/0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6/similar", None).await.problem(404, "not-found");
    let bad = app.get(&format!("/api/v1/media/{martian}/similar?kind=song&limit=0"), None).await;
    let body = bad.problem(422, "validation-failed");
    assert_eq!(marquee_tests::Reply::fields(&body), vec!["kind", "limit"]);
}

async fn hybrid_search_fuses_title_and_meaning(app: &TestApp<impl ApiService>) {
    catalog(app).await;
    // Trigram alone finds nothing for a description; hybrid finds the film it describes.
    let trigram = app.get("/api/v1/media/search?q=stranded%20on%20mars", None).await.expect(200);
    assert_eq!(trigram.body["total"], 0, "{:#}", trigram.body);
    let hybrid = app.get("/api/v1/media/search?q=stranded%20on%20mars&mode=hybrid&limit=3", None).await.expect(200);
    assert_eq!(titles(&hybrid.body)[0], "The Martian", "{:#}", hybrid.body);
    assert_eq!(hybrid.body["limit"], 3);
    // A title query keeps its exact match on top: both lists agree on it.
    let exact = app.get("/api/v1/media/search?q=gravity&mode=hybrid", None).await.expect(200);
    assert_eq!(titles(&exact.body)[0], "Gravity");
    let bad = app.get("/api/v1/media/search?q=x&mode=fuzzy&limit=0", None).await.problem(422, "validation-failed");
    assert_eq!(marquee_tests::Reply::fields(&bad), vec!["limit", "mode"]);
}

async fn semantic_queries_are_validated(app: &TestApp<impl ApiService>) {
    let body =
        app.get("/api/v1/search/semantic?q=%20&kind=song&limit=101", None).await.problem(422, "validation-failed");
    assert_eq!(marquee_tests::Reply::fields(&body), vec!["q", "kind", "limit"]);
    app.get("/api/v1/search/semantic?limit=many&q=x", None).await.problem(400, "malformed-request");
}

async fn edited_items_are_embedded_again(app: &TestApp<impl ApiService>) {
    let (_, ids) = catalog(app).await;
    let lion = id_of(&ids, "The Lion King");
    // Make ann an admin through the store (there is no API for it), then rewrite the film's overview.
    let email = marquee_domain::user::Email::parse("ann@example.com").unwrap();
    app.stores.ports.users.set_admin(&email, true).await.unwrap();
    let token = app
        .post("/api/v1/auth/login", None, json!({"email": "ann@example.com", "password": "correct horse"}))
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let edit = json!({"kind": "movie", "title": "The Lion King", "year": 1994,
        "overview": "A crew of astronauts explores a distant planet of lions."});
    app.put(&format!("/api/v1/media/{lion}"), Some(&token), edit).await.expect(200);
    app.queue.as_ref().unwrap().flush().await;
    let body = app.get("/api/v1/search/semantic?q=astronauts%20exploring%20a%20planet&limit=3", None).await.expect(200);
    assert!(titles(&body.body).contains(&"The Lion King".to_owned()), "{:#}", body.body);
}

/// A restarted service fills its index from the stored vectors, page by page, and finds the same neighbours.
async fn a_restart_loads_every_stored_vector_page_by_page(app: &TestApp<impl ApiService>) {
    let (_, ids) = catalog(app).await;
    let stores = &app.stores;
    let index = Arc::new(FlatIndex::new());
    let restarted = SemanticService::new(
        marquee_tests::embedder(),
        index.clone(),
        stores.embeddings.clone(),
        stores.ports.media.clone(),
    );
    // 7 vectors in pages of 2 (the last one short) and of 7 (a full last page, then an empty one).
    assert_eq!(restarted.load_index_paged(2).await.unwrap(), ids.len());
    assert_eq!(index.len(), ids.len());
    assert_eq!(restarted.load_index_paged(7).await.unwrap(), ids.len());
    assert_eq!(index.len(), ids.len(), "loading again replaces, never duplicates");
    let query = SemanticQuery::new("lonely astronaut stranded on a planet", None, Some(3)).unwrap();
    let hits = restarted.search(&query).await.unwrap();
    assert_eq!(hits[0].item.title, "The Martian", "{:?}", hits.iter().map(|h| &h.item.title).collect::<Vec<_>>());
}

/// The semantic cases, each on the in-memory store and on PostgreSQL, with the real model.
macro_rules! semantic_tests {
    ($($case:ident),* $(,)?) => {
        mod model_memory {$(
            #[actix_web::test]
            async fn $case() {
                super::$case(&marquee_tests::TestApp::semantic(false, marquee_tests::embedder()).await).await;
            }
        )*}
        mod model_postgres {$(
            #[actix_web::test]
            async fn $case() {
                super::$case(&marquee_tests::TestApp::semantic(true, marquee_tests::embedder()).await).await;
            }
        )*}
    };
}

semantic_tests!(
    semantic_search_ranks_by_meaning_and_filters_by_kind,
    similar_titles_are_of_the_same_kind_and_exclude_the_title,
    hybrid_search_fuses_title_and_meaning,
    semantic_queries_are_validated,
    edited_items_are_embedded_again,
    a_restart_loads_every_stored_vector_page_by_page,
);

/// Without the model the service still serves everything else; the semantic routes say what is missing.
async fn without_the_model_semantic_routes_answer_503(app: &TestApp<impl ApiService>) {
    let token = app.register("bob").await;
    let id = app.add_media(&token, "movie", "Alien", &["Horror"]).await;
    for path in [
        "/api/v1/search/semantic?q=space%20horror".to_owned(),
        format!("/api/v1/media/{id}/similar"),
        "/api/v1/media/search?q=alien&mode=hybrid".to_owned(),
    ] {
        let body = app.get(&path, None).await.problem(503, "feature-unavailable");
        assert!(body["detail"].as_str().unwrap().contains("just models"), "{path}: {body:#}");
    }
    app.get("/api/v1/media/search?q=alien", None).await.expect(200);
}

api_tests!(without_the_model_semantic_routes_answer_503);

#[actix_web::test]
async fn a_missing_model_names_what_is_missing() {
    let missing = Arc::new(MissingEmbedder::new(
        "all-MiniLM-L6-v2",
        "the embedding model (all-MiniLM-L6-v2) is not installed: run `just models`",
    ));
    let app = TestApp::semantic(false, missing).await;
    let body = app.get("/api/v1/search/semantic?q=space%20horror", None).await.problem(503, "feature-unavailable");
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("embedding model") && detail.contains("just models"), "{detail}");
    app.get("/health/live", None).await.expect(200);
}
