//! Visibility, follows, and the reads of someone else's data: `/api/v1/me/visibility`, `/api/v1/users/{id}/…`.
//! The leak matrix checks every such read, the feed and the leaderboard against every visibility and every kind of
//! reader.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_domain::consensus::{ChartService, ChartSettings};
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    visibility_is_read_and_set,
    following_is_checked_requested_and_approved,
    follower_lists_page,
    nothing_leaks_across_visibilities,
    taste_and_compatibility_come_from_the_lists,
);

async fn me(app: &TestApp<impl ApiService>, token: &str) -> String {
    app.get("/api/v1/auth/me", Some(token)).await.expect(200).body["id"].as_str().unwrap().to_owned()
}

async fn rank(app: &TestApp<impl ApiService>, token: &str, media: &str, tier: &str) {
    app.post("/api/v1/me/rankings", Some(token), json!({"media_id": media, "tier": tier})).await.expect(201);
}

async fn set_visibility(app: &TestApp<impl ApiService>, token: &str, visibility: &str) {
    let body = app.put("/api/v1/me/visibility", Some(token), json!({"visibility": visibility})).await.expect(200).body;
    assert_eq!(body["visibility"], visibility);
}

fn names(page: &Value) -> Vec<&str> {
    page["items"].as_array().unwrap().iter().map(|f| f["display_name"].as_str().unwrap()).collect()
}

async fn visibility_is_read_and_set(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let body = app.get("/api/v1/me/visibility", Some(&ada)).await.expect(200).body;
    assert_eq!(body, json!({"visibility": "public"}), "the default");
    set_visibility(app, &ada, "followers").await;
    set_visibility(app, &ada, "private").await;
    assert_eq!(app.get("/api/v1/me/visibility", Some(&ada)).await.expect(200).body["visibility"], "private");
    let bad = app.put("/api/v1/me/visibility", Some(&ada), json!({"visibility": "friends"})).await;
    let body = bad.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["visibility"]);
    assert_eq!(app.get("/api/v1/me/visibility", Some(&ada)).await.body["visibility"], "private", "unchanged");
    let body = app.put("/api/v1/me/visibility", Some(&ada), json!({})).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["visibility"]);
    app.put("/api/v1/me/visibility", None, json!({"visibility": "public"})).await.problem(401, "unauthorized");
}

async fn following_is_checked_requested_and_approved(app: &TestApp<impl ApiService>) {
    let (ada, bob, cyd, dee) =
        (app.register("ada").await, app.register("bob").await, app.register("cyd").await, app.register("dee").await);
    let (ada_id, bob_id, cyd_id, dee_id) =
        (me(app, &ada).await, me(app, &bob).await, me(app, &cyd).await, me(app, &dee).await);
    let follow = |who: &str| format!("/api/v1/users/{who}/follow");

    let body = app.post(&follow(&ada_id), Some(&ada), json!({})).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["id"]);
    let nobody = uuid::Uuid::now_v7().to_string();
    app.post(&follow(&nobody), Some(&ada), json!({})).await.problem(404, "not-found");
    app.post("/api/v1/users/not-a-uuid/follow", Some(&ada), json!({})).await.problem(404, "not-found");
    app.post(&follow(&bob_id), None, json!({})).await.problem(401, "unauthorized");

    // Public: at once, and again is the same.
    assert_eq!(app.post(&follow(&bob_id), Some(&ada), json!({})).await.expect(200).body, json!({"state": "following"}));
    assert_eq!(app.post(&follow(&bob_id), Some(&ada), json!({})).await.expect(200).body["state"], "following");

    // Followers-only: a request until approved; only the owner sees it.
    set_visibility(app, &cyd, "followers").await;
    assert_eq!(app.post(&follow(&cyd_id), Some(&ada), json!({})).await.expect(200).body["state"], "requested");
    let owner_view = app.get(&format!("/api/v1/users/{cyd_id}/followers"), Some(&cyd)).await.expect(200).body;
    assert_eq!(owner_view["items"][0]["state"], "requested");
    assert_eq!(owner_view["items"][0]["user_id"], ada_id.as_str());
    assert_eq!(app.get(&format!("/api/v1/users/{ada_id}/following"), Some(&ada)).await.expect(200).body["total"], 1);
    app.post(&format!("/api/v1/me/followers/{bob_id}/approve"), Some(&cyd), json!({})).await.problem(404, "not-found");
    app.post(&format!("/api/v1/me/followers/{ada_id}/approve"), Some(&cyd), json!({})).await.expect(204);
    app.post(&format!("/api/v1/me/followers/{ada_id}/approve"), Some(&cyd), json!({})).await.problem(404, "not-found");
    assert_eq!(app.post(&follow(&cyd_id), Some(&ada), json!({})).await.expect(200).body["state"], "following");
    let following = app.get(&format!("/api/v1/users/{ada_id}/following"), Some(&ada)).await.expect(200).body;
    assert_eq!(names(&following), vec!["cyd", "bob"], "newest first");

    // Private: cannot be followed and does not exist to others, unless one already follows it.
    set_visibility(app, &dee, "private").await;
    app.post(&follow(&dee_id), Some(&ada), json!({})).await.problem(404, "not-found");
    app.delete(&follow(&dee_id), Some(&ada)).await.problem(404, "not-found");
    set_visibility(app, &bob, "private").await;
    app.delete(&follow(&bob_id), Some(&ada)).await.expect(204);
    app.delete(&follow(&nobody), Some(&ada)).await.problem(404, "not-found");
    app.delete(&follow(&cyd_id), Some(&ada)).await.expect(204);
    app.delete(&follow(&cyd_id), Some(&ada)).await.expect(204);
    assert_eq!(app.get(&format!("/api/v1/users/{ada_id}/following"), Some(&ada)).await.expect(200).body["total"], 0);
}

async fn follower_lists_page(app: &TestApp<impl ApiService>) {
    let star = app.register("star").await;
    let star_id = me(app, &star).await;
    for i in 0..3 {
        let fan = app.register(&format!("fan{i}")).await;
        app.post(&format!("/api/v1/users/{star_id}/follow"), Some(&fan), json!({})).await.expect(200);
    }
    let page = app.get(&format!("/api/v1/users/{star_id}/followers?limit=2&offset=1"), None).await.expect(200).body;
    assert_eq!(names(&page), vec!["fan1", "fan0"]);
    assert_eq!((page["total"].as_u64(), page["limit"].as_u64(), page["offset"].as_u64()), (Some(3), Some(2), Some(1)));
    assert!(page["items"][0]["since"].is_string());
    let body =
        app.get(&format!("/api/v1/users/{star_id}/followers?limit=0"), None).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), vec!["limit"]);
    app.get(&format!("/api/v1/users/{star_id}/following?limit=x"), None).await.problem(400, "malformed-request");
    app.get(&format!("/api/v1/users/{star_id}/rankings?tier=Z"), None).await.problem(422, "validation-failed");
    app.get(&format!("/api/v1/users/{star_id}/taste"), Some("not-a-token")).await.problem(401, "unauthorized");
}

/// Who reads, relative to the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Owner,
    Follower,
    Requester,
    Stranger,
    Anonymous,
}

/// What a read of someone's data must answer for this visibility and reader.
fn expected(visibility: &str, reader: Reader, endpoint: &str) -> u16 {
    if endpoint == "compatibility" && reader == Reader::Anonymous {
        return 401;
    }
    match (visibility, reader) {
        (_, Reader::Owner) | ("public", _) | ("followers", Reader::Follower) => 200,
        ("followers", _) => 403,
        _ => 404,
    }
}

async fn nothing_leaks_across_visibilities(app: &TestApp<impl ApiService>) {
    let owner = app.register("olive").await;
    let owner_id = me(app, &owner).await;
    let secret = app.add_media(&owner, "movie", "Secret Garden", &["Drama"]).await;
    rank(app, &owner, &secret, "S").await;
    let follower = app.register("fern").await;
    app.post(&format!("/api/v1/users/{owner_id}/follow"), Some(&follower), json!({})).await.expect(200);
    rank(app, &follower, &secret, "A").await;
    let stranger = app.register("sam").await;
    let requester = app.register("rita").await;
    let unknown = uuid::Uuid::now_v7().to_string();
    // Pat follows the owner while public, and every reader follows pat: pat's `followed` entry names the owner.
    let pat = app.register("pat").await;
    let pat_id = me(app, &pat).await;
    app.post(&format!("/api/v1/users/{owner_id}/follow"), Some(&pat), json!({})).await.expect(200);
    for token in [&owner, &follower, &stranger, &requester] {
        app.post(&format!("/api/v1/users/{pat_id}/follow"), Some(token), json!({})).await.expect(200);
    }

    let endpoints = ["rankings", "taste", "followers", "following", "compatibility"];
    let readers = [
        (Reader::Owner, Some(owner.as_str())),
        (Reader::Follower, Some(follower.as_str())),
        (Reader::Requester, Some(requester.as_str())),
        (Reader::Stranger, Some(stranger.as_str())),
        (Reader::Anonymous, None),
    ];
    for visibility in ["public", "followers", "private"] {
        set_visibility(app, &owner, visibility).await;
        if visibility == "followers" {
            let asked = app.post(&format!("/api/v1/users/{owner_id}/follow"), Some(&requester), json!({})).await;
            assert_eq!(asked.expect(200).body["state"], "requested");
        }
        for endpoint in endpoints {
            for (reader, token) in readers {
                let reply = app.get(&format!("/api/v1/users/{owner_id}/{endpoint}"), token).await;
                let want = expected(visibility, reader, endpoint);
                let context = format!("{endpoint} as {reader:?} on a {visibility} profile");
                assert_eq!(reply.status.as_u16(), want, "{context}: {:#}", reply.body);
                let text = reply.body.to_string();
                if want == 200 {
                    if endpoint == "rankings" || endpoint == "taste" {
                        assert!(text.contains("Secret Garden"), "{context}: {text}");
                    }
                    continue;
                }
                assert_eq!(reply.content_type, "application/problem+json", "{context}");
                for leak in ["Secret Garden", "olive", "fern", "Drama"] {
                    assert!(!text.contains(leak), "{context} leaks {leak}: {text}");
                }
                if want == 404 {
                    // Exactly what an unknown id answers, but for the request id.
                    let strange = app.get(&format!("/api/v1/users/{unknown}/{endpoint}"), token).await;
                    let (mut a, mut b) = (reply.body.clone(), strange.body.clone());
                    a["request_id"] = Value::Null;
                    b["request_id"] = Value::Null;
                    assert_eq!(a, b, "{context}");
                }
            }
        }
        for (reader, token) in readers {
            feed_and_board_keep_to(app, visibility, reader, token).await;
        }
    }
}

/// The feed and the leaderboard as `reader` sees them while the owner (olive) has `visibility`.
async fn feed_and_board_keep_to(app: &TestApp<impl ApiService>, visibility: &str, reader: Reader, token: Option<&str>) {
    let context = format!("as {reader:?} on a {visibility} profile");
    let Some(token) = token else {
        app.get("/api/v1/feed", None).await.problem(401, "unauthorized");
        let board = app.get("/api/v1/leaderboard", None).await.expect(200).body.to_string();
        assert_eq!(board.contains("olive"), visibility == "public", "leaderboard {context}: {board}");
        return;
    };
    let feed = app.get("/api/v1/feed?limit=100", Some(token)).await.expect(200).body;
    let text = feed.to_string();
    // The owner's own entries reach accepted followers only, and nobody while private.
    let own = reader == Reader::Follower && visibility != "private";
    assert_eq!(text.contains("Secret Garden"), own, "feed {context}: {feed:#}");
    // Pat's follow of the owner reaches those of pat's followers who may see the owner: the owner always, others
    // as they may read the owner's profile.
    let named = expected(visibility, reader, "rankings") == 200;
    assert_eq!(text.contains("olive"), named, "feed {context}: {feed:#}");
    let board = app.get("/api/v1/leaderboard", Some(token)).await.expect(200).body;
    let shown = visibility != "private" && expected(visibility, reader, "rankings") == 200;
    let text = board.to_string();
    assert_eq!(text.contains("olive"), shown, "leaderboard {context}: {board:#}");
    // A private list never counts, even in aggregates; otherwise the owner's and fern's rankings both do.
    let counted = board["titles"][0]["count"].as_u64();
    assert_eq!(counted, Some(if visibility == "private" { 1 } else { 2 }), "leaderboard {context}: {board:#}");
}

async fn taste_and_compatibility_come_from_the_lists(app: &TestApp<impl ApiService>) {
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let bob_id = me(app, &bob).await;
    let heat = app.add_media(&ada, "movie", "Heat", &["Crime", "Drama"]).await;
    let ran = app.add_media(&ada, "movie", "Ran", &["Drama"]).await;
    let up = app.add_media(&ada, "movie", "Up", &["Animation"]).await;
    let saw = app.add_media(&ada, "movie", "Saw", &["Horror"]).await;
    for (media, tier) in [(&heat, "S"), (&ran, "A"), (&up, "C"), (&saw, "D")] {
        rank(app, &ada, media, tier).await;
    }
    for (media, tier) in [(&heat, "S"), (&ran, "B"), (&up, "A"), (&saw, "D")] {
        rank(app, &bob, media, tier).await;
    }
    let taste = app.get(&format!("/api/v1/users/{bob_id}/taste"), None).await.expect(200).body;
    assert_eq!(taste["user_id"], bob_id.as_str());
    assert_eq!(taste["count"], 4);
    assert_eq!(taste["defining"][0]["title"], "Heat");
    // Drama: ((10 − 5) + (7.4 − 5)) / 5 / (2 + 2) = 0.37 beats Crime: (10 − 5) / 5 / (1 + 2) = 0.33.
    assert_eq!(taste["genres"][0]["key"], "Drama", "{taste:#}");
    assert_eq!(taste["genres"].as_array().unwrap().last().unwrap()["key"], "Horror");
    assert_eq!(taste["kinds"][0]["key"], "movie");
    assert_eq!(taste["decades"][0]["key"], "2000s");

    let found = app.get(&format!("/api/v1/users/{bob_id}/compatibility"), Some(&ada)).await.expect(200).body;
    assert_eq!(found["shared"], 4);
    let score = found["score"].as_u64().unwrap();
    assert!((50..=100).contains(&score), "{found:#}");
    // No chart has been fitted: neither leaning speaks, and the score is the documented mapping of the prediction.
    assert_eq!(found["leaning_mine"], 0.0, "{found:#}");
    assert_eq!(found["leaning_theirs"], 0.0, "{found:#}");
    let predicted = found["predicted_agreement"].as_f64().unwrap();
    assert_eq!(score, (50.0 + 100.0 * predicted).round() as u64, "{found:#}");
    // Three of four pairs agree in order (Heat and Saw at the ends), Ran and Up swap: tau = 4/6.
    assert!((found["tau_b"].as_f64().unwrap() - 4.0 / 6.0).abs() < 1e-9, "{found:#}");
    assert_eq!(found["agree_most"][0]["media"]["title"], "Heat");
    let apart: Vec<&str> =
        found["disagree_most"].as_array().unwrap().iter().map(|s| s["media"]["title"].as_str().unwrap()).collect();
    assert_eq!(apart[..2], ["Up", "Ran"], "{found:#}");
    let me_too = app.get(&format!("/api/v1/users/{bob_id}/compatibility"), Some(&bob)).await.expect(200).body;
    assert!(me_too["score"].as_u64().unwrap() > score, "one agrees with oneself most");

    // Once the chart is fitted from both lists, both follow the consensus: the leanings add to the prediction.
    let charts = ChartService::new(app.stores.ports.charts.clone(), ChartSettings::default());
    charts.refresh(&mut |_| {}).await.unwrap();
    let fitted = app.get(&format!("/api/v1/users/{bob_id}/compatibility"), Some(&ada)).await.expect(200).body;
    let (mine, theirs) = (fitted["leaning_mine"].as_f64().unwrap(), fitted["leaning_theirs"].as_f64().unwrap());
    assert!(mine > 0.0 && theirs > 0.0, "{fitted:#}");
    assert!(fitted["predicted_agreement"].as_f64().unwrap() > predicted, "{fitted:#}");
    assert!(fitted["score"].as_u64().unwrap() >= score, "{fitted:#}");
    assert_eq!(fitted["agree_most"], found["agree_most"], "the explanation still names the same titles");
}
