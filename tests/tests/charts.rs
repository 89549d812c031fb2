//! `/api/v1/charts/consensus`: the Bradley–Terry chart over everyone's lists, refreshed through the use case as
//! `marquee chart refresh` and the background task do.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use marquee_domain::consensus::{ChartService, ChartSettings};
use marquee_tests::{ApiService, Reply, TestApp, api_tests};
use serde_json::{Value, json};

api_tests!(
    an_empty_chart_is_an_empty_page,
    the_chart_follows_everyones_lists,
    the_chart_filters_by_kind_and_genre_and_pages,
    bad_chart_parameters_are_problems,
);

async fn refresh(app: &TestApp<impl ApiService>) {
    let service = ChartService::new(app.stores.ports.charts.clone(), ChartSettings::default());
    let mut iterations = 0;
    let report = service.refresh(&mut |_| iterations += 1).await.unwrap();
    assert!(report.converged, "{report:?}");
    assert!(iterations > 0);
}

/// Three users list four titles; they agree that Heat > Ran > Ikiru > Up, through tiers and order in tiers.
async fn four_titles_three_lists(app: &TestApp<impl ApiService>) -> Vec<String> {
    let admin = app.register("curator").await;
    let heat = app.add_media(&admin, "movie", "Heat", &["Crime", "Drama"]).await;
    let ran = app.add_media(&admin, "movie", "Ran", &["Drama"]).await;
    let ikiru = app.add_media(&admin, "book", "Ikiru", &["Drama"]).await;
    let up = app.add_media(&admin, "movie", "Up", &["Animation"]).await;
    let lists: [&[(&str, &str)]; 3] = [
        &[(&heat, "S"), (&ran, "S"), (&ikiru, "A"), (&up, "B")],
        &[(&heat, "A"), (&ran, "B"), (&up, "C")],
        &[(&ran, "S"), (&ikiru, "S"), (&up, "D")],
    ];
    for (i, list) in lists.iter().enumerate() {
        let token = app.register(&format!("lister{i}")).await;
        for (media, tier) in *list {
            app.post("/api/v1/me/rankings", Some(&token), json!({"media_id": media, "tier": tier})).await.expect(201);
        }
    }
    vec![heat, ran, ikiru, up]
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|e| e["media"]["id"].as_str().unwrap().to_owned()).collect()
}

async fn an_empty_chart_is_an_empty_page(app: &TestApp<impl ApiService>) {
    let page = app.get("/api/v1/charts/consensus", None).await.expect(200).body;
    assert_eq!(page, json!({"items": [], "total": 0, "limit": 20, "offset": 0}));
    refresh(app).await;
    let page = app.get("/api/v1/charts/consensus", None).await.expect(200).body;
    assert_eq!(page["total"], 0);
}

async fn the_chart_follows_everyones_lists(app: &TestApp<impl ApiService>) {
    let titles = four_titles_three_lists(app).await;
    app.get("/api/v1/charts/consensus", None).await.expect(200);
    refresh(app).await;
    let page = app.get("/api/v1/charts/consensus", None).await.expect(200).body;
    assert_eq!(ids(&page), titles, "{page:#}");
    let items = page["items"].as_array().unwrap();
    let strengths: Vec<f64> = items.iter().map(|e| e["strength"].as_f64().unwrap()).collect();
    assert!(strengths.windows(2).all(|w| w[0] > w[1]), "{strengths:?}");
    assert!(strengths.iter().sum::<f64>().abs() < 1e-6, "centred on the mean: {strengths:?}");
    for (i, e) in items.iter().enumerate() {
        assert_eq!(e["rank"].as_u64(), Some(i as u64 + 1));
        let uncertainty = e["uncertainty"].as_f64().unwrap();
        assert!(uncertainty > 0.0 && uncertainty.is_finite(), "{e}");
        assert!(e["fitted_at"].is_string());
    }
    // A list of 4 implies 0>1, 1>2, 2>3 and the skeleton's 0>2; a list of 3 implies 0>1, 1>2, 0>2.
    // Heat heads lists 1 and 2: 2 + 2 pairs. Up ends all three: 1 + 2 + 2.
    assert_eq!(items[0]["comparisons"].as_u64(), Some(4));
    assert_eq!(items[3]["comparisons"].as_u64(), Some(5));
}

async fn the_chart_filters_by_kind_and_genre_and_pages(app: &TestApp<impl ApiService>) {
    let titles = four_titles_three_lists(app).await;
    refresh(app).await;
    let movies = app.get("/api/v1/charts/consensus?kind=movie", None).await.expect(200).body;
    assert_eq!(ids(&movies), [titles[0].clone(), titles[1].clone(), titles[3].clone()]);
    let dramas = app.get("/api/v1/charts/consensus?genre=drama&limit=2", None).await.expect(200).body;
    assert_eq!((dramas["total"].as_u64(), ids(&dramas)), (Some(3), vec![titles[0].clone(), titles[1].clone()]));
    let next = app.get("/api/v1/charts/consensus?genre=DRAMA&limit=2&offset=2", None).await.expect(200).body;
    assert_eq!((next["items"][0]["rank"].as_u64(), ids(&next)), (Some(3), vec![titles[2].clone()]));
    let books = app.get("/api/v1/charts/consensus?kind=book&genre=animation", None).await.expect(200).body;
    assert_eq!(books["total"], 0);
}

async fn bad_chart_parameters_are_problems(app: &TestApp<impl ApiService>) {
    let body = app.get("/api/v1/charts/consensus?kind=vhs&limit=0", None).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["kind", "limit"]);
    let long = "g".repeat(51);
    let body = app.get(&format!("/api/v1/charts/consensus?genre={long}"), None).await.problem(422, "validation-failed");
    assert_eq!(Reply::fields(&body), ["genre"]);
    app.get("/api/v1/charts/consensus?offset=-1", None).await.problem(422, "validation-failed");
    app.get("/api/v1/charts/consensus?limit=ten", None).await.problem(400, "malformed-request");
}
