//! `GET /api/v1/recommendations` and `POST /api/v1/me/interactions`: every strategy over the caller's current
//! signals, never a ranked title, the kind and services filters, reasons in words, cold start, and a model trained
//! by one instance and served by another, on both stores.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::collections::HashMap;

use chrono::Utc;
use marquee_domain::availability::{CachedOffers, Offer, OfferKind, Region};
use marquee_domain::media::MediaId;
use marquee_domain::recommend::service::RecommendationService;
use marquee_domain::recommend::snapshot::Settings;
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    strategies_never_return_ranked_titles_and_say_why,
    the_kind_and_services_filters_apply,
    people_you_follow_are_counted,
    a_new_user_gets_trending_and_their_top4s_neighbours,
    interactions_are_recorded_validated_and_count_at_once,
    bad_parameters_are_problems,
    a_model_trained_by_one_instance_is_served_by_another,
);

/// The catalog, by title.
struct World {
    ids: HashMap<&'static str, String>,
    me: String,
    lists: Vec<String>,
}

impl World {
    fn id(&self, title: &str) -> &str {
        &self.ids[title]
    }
}

const CATALOG: [(&str, &str, &str); 10] = [
    ("Arrival", "movie", "Science Fiction"),
    ("Contact", "movie", "Science Fiction"),
    ("Interstellar", "movie", "Science Fiction"),
    ("Gravity", "movie", "Science Fiction"),
    ("Heat", "movie", "Crime"),
    ("Ronin", "movie", "Crime"),
    ("Up", "movie", "Animation"),
    ("Coco", "movie", "Animation"),
    ("Dune", "book", "Science Fiction"),
    ("Solaris", "book", "Science Fiction"),
];

/// Four listers; the caller has put Arrival in S and Interstellar in B. Arrival goes with Contact (twice), Interstellar, Gravity and
/// Solaris; Heat with Ronin.
async fn world(app: &TestApp<impl ApiService>) -> World {
    let admin = app.register("curator").await;
    let mut ids = HashMap::new();
    for (title, kind, genre) in CATALOG {
        ids.insert(title, app.add_media(&admin, kind, title, &[genre]).await);
    }
    let lists: [&[(&str, &str)]; 4] = [
        &[("Arrival", "S"), ("Contact", "S"), ("Interstellar", "A"), ("Solaris", "A")],
        &[("Arrival", "S"), ("Contact", "A"), ("Gravity", "A")],
        &[("Heat", "S"), ("Ronin", "S"), ("Up", "A")],
        &[("Heat", "S"), ("Ronin", "A"), ("Coco", "A"), ("Arrival", "D")],
    ];
    let mut tokens = Vec::new();
    for (i, list) in lists.iter().enumerate() {
        let token = app.register(&format!("lister{i}")).await;
        for (title, tier) in *list {
            rank(app, &token, &ids[title], tier).await;
        }
        tokens.push(token);
    }
    let me = app.register("me").await;
    rank(app, &me, &ids["Arrival"], "S").await;
    rank(app, &me, &ids["Interstellar"], "B").await;
    World { ids, me, lists: tokens }
}

async fn rank(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str) {
    app.post("/api/v1/me/rankings", Some(token), json!({"media_id": media, "tier": tier})).await.expect(201);
}

async fn train(app: &TestApp<impl ApiService>) {
    let mut sweeps = 0;
    let info = app.stores.recommender.train(&mut |_| sweeps += 1).await.unwrap();
    assert!(sweeps > Settings::default().als.iterations, "loaded, every sweep, storing: {sweeps}");
    assert_eq!(app.stores.recommender.snapshot_info().model, Some(info));
}

async fn recs(app: &TestApp<impl ApiService>, token: &str, query: &str) -> Value {
    app.get(&format!("/api/v1/recommendations{query}"), Some(token)).await.expect(200).body
}

fn titles(body: &Value) -> Vec<&str> {
    body["items"].as_array().unwrap().iter().map(|i| i["media"]["title"].as_str().unwrap()).collect()
}

fn texts(body: &Value) -> Vec<Vec<&str>> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reasons"].as_array().unwrap().iter().map(|r| r["text"].as_str().unwrap()).collect())
        .collect()
}

async fn strategies_never_return_ranked_titles_and_say_why(app: &TestApp<impl ApiService>) {
    let w = world(app).await;
    train(app).await;
    for strategy in ["hybrid", "popular", "user_cf", "item_cf", "content", "mf"] {
        let body = recs(app, &w.me, &format!("?strategy={strategy}")).await;
        assert_eq!(body["strategy"], strategy);
        let got = titles(&body);
        assert!(!got.is_empty(), "{strategy}: {body:#}");
        assert!(
            !got.contains(&"Arrival") && !got.contains(&"Interstellar"),
            "{strategy} recommends a ranked title: {got:?}"
        );
        let scores: Vec<f64> = body["items"].as_array().unwrap().iter().map(|i| i["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|s| s[0] >= s[1]), "{strategy}: best first {scores:?}");
        assert!(body["model"]["version"].is_i64(), "{body:#}");
    }
    // Contact goes with Arrival for both listers who put it high.
    let body = recs(app, &w.me, "?strategy=item_cf").await;
    assert_eq!(titles(&body)[0], "Contact");
    assert_eq!(
        body["items"][0]["reasons"][0],
        json!({
            "code": "because_you_ranked", "text": "Because you put Arrival in S", "media_id": w.id("Arrival"), "count": null
        })
    );
    let body = recs(app, &w.me, "?strategy=popular&limit=3").await;
    let mut top = titles(&body);
    top.sort_unstable();
    assert_eq!(top, ["Contact", "Heat", "Ronin"], "two S or A each: {body:#}");
    assert!(texts(&body).iter().all(|t| t == &["Trending this week"]));
    let body = recs(app, &w.me, "?strategy=user_cf").await;
    assert!(titles(&body).contains(&"Contact"));
    assert!(
        texts(&body)[0][0].ends_with("with taste like yours like it") || texts(&body)[0][0].starts_with("1 person")
    );
    let body = recs(app, &w.me, "?strategy=mf").await;
    assert!(texts(&body).iter().all(|t| t[0] == "Matches your taste"));
    let body = recs(app, &w.me, "?strategy=content").await;
    assert!(texts(&body)[0][0] == "Similar to Arrival", "{body:#}");
    assert!(titles(&body)[..4].iter().all(|t| ["Contact", "Interstellar", "Gravity", "Dune", "Solaris"].contains(t)));
    // Ranking after training counts at once: the caller's own list is read per request.
    rank(app, &w.me, w.id("Heat"), "S").await;
    let body = recs(app, &w.me, "?strategy=item_cf").await;
    assert!(!titles(&body).contains(&"Heat"));
    let ronin = titles(&body).iter().position(|t| *t == "Ronin").unwrap();
    assert_eq!(texts(&body)[ronin][0], "Because you put Heat in S");
    let body = recs(app, &w.me, "").await;
    assert_eq!(body["strategy"], "hybrid");
    assert_eq!(body["served_by"], "hybrid");
    assert!(titles(&body).iter().all(|t| !["Arrival", "Interstellar", "Heat"].contains(t)), "{body:#}");
}

async fn the_kind_and_services_filters_apply(app: &TestApp<impl ApiService>) {
    let w = world(app).await;
    train(app).await;
    let body = recs(app, &w.me, "?strategy=item_cf&kind=book").await;
    assert_eq!(titles(&body), ["Solaris"], "{body:#}");
    let body = recs(app, &w.me, "?kind=book").await;
    assert!(titles(&body).iter().all(|t| ["Dune", "Solaris"].contains(t)) && !titles(&body).is_empty());
    // Without services nothing is streamable.
    let body = recs(app, &w.me, "?strategy=popular&on_my_services=true").await;
    assert_eq!(body["items"], json!([]));
    app.put("/api/v1/me/services", Some(&w.me), json!({"region": "US", "services": ["Netflix"]})).await.expect(200);
    let region = Region::new("US").unwrap();
    for (title, service, kind) in
        [("Heat", "Netflix", OfferKind::Subscription), ("Contact", "Netflix", OfferKind::Rent)]
    {
        let offer =
            Offer { service: service.into(), kind, format: None, price: None, web_url: None, region: "US".into() };
        let entry = CachedOffers { provider: "tmdb".into(), offers: vec![offer], fetched_at: Utc::now() };
        let media = MediaId(w.id(title).parse().unwrap());
        app.stores.ports.availability.store(media, &region, &entry).await.unwrap();
    }
    let body = recs(app, &w.me, "?strategy=popular&on_my_services=true").await;
    assert_eq!(titles(&body), ["Heat"], "renting is not streaming on one's services: {body:#}");
    let body = recs(app, &w.me, "?strategy=popular&on_my_services=true&kind=book").await;
    assert_eq!(body["items"], json!([]));
}

async fn people_you_follow_are_counted(app: &TestApp<impl ApiService>) {
    let w = world(app).await;
    train(app).await;
    for lister in &w.lists[..2] {
        let id = app.get("/api/v1/auth/me", Some(lister)).await.expect(200).body["id"].as_str().unwrap().to_owned();
        app.post(&format!("/api/v1/users/{id}/follow"), Some(&w.me), json!({})).await.expect(200);
    }
    let body = recs(app, &w.me, "?strategy=item_cf").await;
    let reasons = &body["items"][0]["reasons"];
    assert_eq!(body["items"][0]["media"]["title"], "Contact");
    assert_eq!(
        reasons[1],
        json!({
            "code": "followed_fans", "text": "2 people you follow rank it A or higher", "media_id": null, "count": 2
        })
    );
    let gravity = titles(&body).iter().position(|t| *t == "Gravity").unwrap();
    assert_eq!(texts(&body)[gravity][1], "1 person you follow ranks it A or higher");
    let solaris = titles(&body).iter().position(|t| *t == "Solaris").unwrap();
    assert_eq!(texts(&body)[solaris].len(), 2);
    // Lister 0 goes private: their list no longer speaks.
    app.put("/api/v1/me/visibility", Some(&w.lists[0]), json!({"visibility": "private"})).await.expect(200);
    let body = recs(app, &w.me, "?strategy=item_cf").await;
    assert_eq!(texts(&body)[0], ["Because you put Arrival in S", "1 person you follow ranks it A or higher"]);
    let solaris = titles(&body).iter().position(|t| *t == "Solaris").unwrap();
    assert_eq!(texts(&body)[solaris].len(), 1);
}

async fn a_new_user_gets_trending_and_their_top4s_neighbours(app: &TestApp<impl ApiService>) {
    let w = world(app).await;
    app.stores.recommender.reload().await.unwrap();
    let newbie = app.register("newbie").await;
    let body = recs(app, &newbie, "").await;
    assert_eq!(body["served_by"], "popular+content");
    assert_eq!(body["model"], Value::Null, "nothing trained yet");
    assert_eq!(titles(&body)[0], "Arrival", "three S: {body:#}");
    // Then the four titles with two positives each (the caller's B for Interstellar counts as one). Trending decays
    // each positive by its age, so their order follows the seconds between the test's writes: only the set is
    // fixed.
    let mut two_positives = titles(&body)[1..5].to_vec();
    two_positives.sort_unstable();
    assert_eq!(two_positives, ["Contact", "Heat", "Interstellar", "Ronin"], "{body:#}");
    assert!(texts(&body).iter().all(|t| t == &["Trending this week"]));
    assert_eq!(recs(app, &newbie, "?strategy=mf").await["items"], json!([]), "no model, no mf");
    assert_eq!(recs(app, &newbie, "?strategy=item_cf").await["items"], json!([]), "nothing to be near");
    let top4: Vec<&str> = ["Up", "Coco", "Gravity", "Dune"].iter().map(|t| w.id(t)).collect();
    app.put("/api/v1/me/top4", Some(&newbie), json!({"media_ids": top4})).await.expect(200);
    let body = recs(app, &newbie, "?limit=100").await;
    assert_eq!(body["served_by"], "popular+content");
    let got = titles(&body);
    assert!(got.iter().all(|t| !["Up", "Coco", "Gravity", "Dune"].contains(t)), "{got:?}");
    let similar: Vec<&str> = texts(&body).iter().map(|t| t[0]).filter(|t| t.starts_with("Similar to ")).collect();
    assert!(!similar.is_empty(), "{body:#}");
}

async fn interactions_are_recorded_validated_and_count_at_once(app: &TestApp<impl ApiService>) {
    let w = world(app).await;
    train(app).await;
    let heat = w.id("Heat");
    app.post("/api/v1/me/interactions", Some(&w.me), json!({"media_id": heat, "kind": "watchlist"})).await.expect(204);
    app.post("/api/v1/me/interactions", Some(&w.me), json!({"media_id": heat, "kind": "watchlist"})).await.expect(204);
    app.post("/api/v1/me/interactions", Some(&w.me), json!({"media_id": heat, "kind": "view"})).await.expect(204);
    let body = recs(app, &w.me, "?strategy=item_cf").await;
    assert!(!titles(&body).contains(&"Heat"), "what the caller has is not recommended: {body:#}");
    let ronin = titles(&body).iter().position(|t| *t == "Ronin").unwrap();
    assert_eq!(texts(&body)[ronin][0], "Because you added Heat to your watchlist");
    let unknown = uuid::Uuid::now_v7();
    let p = app
        .post("/api/v1/me/interactions", Some(&w.me), json!({"media_id": unknown, "kind": "view"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&p), ["media_id"]);
    let p = app
        .post("/api/v1/me/interactions", Some(&w.me), json!({"media_id": heat, "kind": "rented"}))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&p), ["kind"]);
    let p = app.post("/api/v1/me/interactions", Some(&w.me), json!({"media_id": heat})).await;
    assert_eq!(Reply::fields(&p.problem(422, "validation-failed")), ["kind"]);
    app.post("/api/v1/me/interactions", None, json!({"media_id": heat, "kind": "view"}))
        .await
        .problem(401, "unauthorized");
}

async fn bad_parameters_are_problems(app: &TestApp<impl ApiService>) {
    let token = app.register("ada").await;
    let body = app
        .get("/api/v1/recommendations?strategy=magic&kind=vhs&limit=0", Some(&token))
        .await
        .problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["strategy", "kind", "limit"]);
    let body = app.get("/api/v1/recommendations?limit=101", Some(&token)).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["limit"]);
    app.get("/api/v1/recommendations?limit=ten", Some(&token)).await.problem(400, "malformed-request");
    app.get("/api/v1/recommendations?on_my_services=maybe", Some(&token)).await.problem(400, "malformed-request");
    app.get("/api/v1/recommendations", None).await.problem(401, "unauthorized");
    // Before any snapshot is built the answer is empty, not an error.
    assert_eq!(recs(app, &token, "").await["items"], json!([]));
}

async fn a_model_trained_by_one_instance_is_served_by_another(app: &TestApp<impl ApiService>) {
    let w = world(app).await;
    // Another instance on the same database: it trains; the app's instance loads what it stored.
    let availability = marquee_domain::availability::AvailabilityService::new(
        app.stores.ports.media.clone(),
        app.stores.ports.availability.clone(),
        Vec::new(),
        chrono::Duration::hours(24),
    );
    let trainer =
        RecommendationService::new(app.stores.ports.recommendations.clone(), availability, None, Settings::default());
    app.stores.recommender.reload().await.unwrap();
    assert!(!app.stores.recommender.reload_if_newer().await.unwrap(), "nothing stored yet, nothing newer");
    let before = recs(app, &w.me, "?strategy=mf").await;
    assert_eq!((before["items"].clone(), before["model"].clone()), (json!([]), Value::Null));
    let first = trainer.train(&mut |_| {}).await.unwrap();
    let second = trainer.train(&mut |_| {}).await.unwrap();
    assert!(second.version > first.version);
    assert!(app.stores.recommender.reload_if_newer().await.unwrap());
    assert!(!app.stores.recommender.reload_if_newer().await.unwrap(), "already current");
    let after = recs(app, &w.me, "?strategy=mf").await;
    assert_eq!(after["model"]["version"], second.version);
    assert_eq!(after["model"]["factors"], Settings::default().als.factors);
    assert!(!titles(&after).is_empty() && !titles(&after).contains(&"Arrival"), "{after:#}");
    // The same seed on the same signals: both instances give the same answer.
    let again = RecommendationService::new(
        app.stores.ports.recommendations.clone(),
        marquee_domain::availability::AvailabilityService::new(
            app.stores.ports.media.clone(),
            app.stores.ports.availability.clone(),
            Vec::new(),
            chrono::Duration::hours(24),
        ),
        None,
        Settings::default(),
    );
    again.reload().await.unwrap();
    let me = app.get("/api/v1/auth/me", Some(&w.me)).await.expect(200).body["id"].as_str().unwrap().parse().unwrap();
    let query = marquee_domain::recommend::service::RecommendQuery::new(Some("mf"), None, None, false).unwrap();
    let theirs = again.recommend(marquee_domain::user::UserId(me), &query).await.unwrap();
    let theirs: Vec<&str> = theirs.items.iter().map(|i| i.media.title.as_str()).collect();
    assert_eq!(theirs, titles(&after));
}
