//! Failures answered fast and honestly (issue 19): a database that refuses connections or stops answering gives 503
//! `service-unavailable` with `Retry-After` within the deadline counted from the request's arrival, however many
//! requests queue for the pool, readiness says "not ready" within a second, and a token whose account was deleted
//! gets 401 on every write, on both stores.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use marquee_domain::user::UserId;
use marquee_memory::MemoryStore;
use marquee_postgres::testing::{TestDb, scalar};
use marquee_postgres::{PgConfig, PgStore, build_pool};
use marquee_tests::{ApiService, Reply, Stores, TestApp};
use serde_json::json;

/// The deadline the stores under test give each call.
const DEADLINE: Duration = Duration::from_millis(400);

/// A loopback TCP port that accepts connections and never answers a byte: PostgreSQL frozen (SIGSTOP) or a
/// network that drops every reply looks like this to the client. Accepted sockets are held for the test's life.
async fn black_hole() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    port
}

/// A loopback port with nothing listening: PostgreSQL stopped.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The app on a PostgreSQL store of `connections` connections that can never reach its database at `port`, with
/// the deadline as the binary sets it: per store call and per request.
async fn app_on_dead_database(port: u16, connections: usize) -> TestApp<impl ApiService> {
    let config = PgConfig {
        query_timeout: DEADLINE,
        acquire_timeout: DEADLINE,
        max_connections: connections,
        ..PgConfig::new(format!("postgres://marquee@127.0.0.1:{port}/marquee"))
    };
    let store = PgStore::new(build_pool(&config).unwrap()).with_query_timeout(DEADLINE);
    TestApp::with_tuned(Stores::on(Arc::new(store)), |builder| builder.request_deadline(DEADLINE)).await
}

/// Asserts a 503 `service-unavailable` with a `Retry-After` and a generic body.
fn assert_unavailable(reply: Reply, what: &str) {
    let retry = reply.headers.get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert!(retry.as_deref().is_some_and(|s| s.parse::<u32>().is_ok_and(|n| n > 0)), "{what}: {retry:?}");
    let problem = reply.problem(503, "service-unavailable");
    assert_eq!(problem["detail"], "A backing service is not available; try again later", "{what}");
    assert!(!problem.to_string().contains("127.0.0.1"), "{problem}");
}

/// Every kind of request that reaches the store answers 503 with `Retry-After` and a generic body, within the
/// deadline of its start; readiness answers 503 within a second.
async fn requests_answer_unavailable_in_time<S: ApiService>(app: &TestApp<S>) {
    let started = Instant::now();
    let ready = app.get("/health/ready", None).await;
    assert!(started.elapsed() < Duration::from_secs(1), "readiness took {:?}", started.elapsed());
    assert_eq!(ready.status.as_u16(), 503);

    let calls = [
        ("GET", "/api/v1/media/search?q=matrix", None),
        ("POST", "/api/v1/auth/login", Some(json!({"email": "a@example.com", "password": "correct horse"}))),
        (
            "POST",
            "/api/v1/auth/register",
            Some(json!({"email": "b@example.com", "password": "correct horse", "display_name": "b"})),
        ),
        ("GET", "/api/v1/matchups/leaderboard", None),
    ];
    for (method, path, body) in calls {
        let started = Instant::now();
        let reply = app.call(method.parse().unwrap(), path, None, body).await;
        let took = started.elapsed();
        assert!(took < DEADLINE, "{method} {path} took {took:?}");
        assert_unavailable(reply, &format!("{method} {path}"));
    }
}

#[actix_web::test]
async fn a_stopped_database_answers_503_with_retry_after() {
    requests_answer_unavailable_in_time(&app_on_dead_database(closed_port(), 4).await).await;
}

#[actix_web::test]
async fn a_database_that_never_answers_gives_503_within_the_deadline() {
    requests_answer_unavailable_in_time(&app_on_dead_database(black_hole().await, 4).await).await;
}

/// Many requests at once on a pool of one connection to a database that never answers: all but one queue for the
/// connection, and each store call starts whenever its request gets that far. Every answer is still a 503 within
/// the deadline of the request's start, not of its store call's.
#[actix_web::test]
async fn requests_queued_behind_a_small_pool_answer_within_the_deadline_of_their_arrival() {
    let app = app_on_dead_database(black_hole().await, 1).await;
    let started = Instant::now();
    let calls = (0..12).map(|i| {
        let app = &app;
        async move {
            // Staggered arrivals: later requests find the queue already long.
            actix_web::rt::time::sleep(DEADLINE / 40 * i).await;
            let sent = Instant::now();
            let reply = match i % 3 {
                0 => app.get("/api/v1/media/search?q=matrix", None).await,
                1 => app.get("/api/v1/matchups/leaderboard", None).await,
                _ => app.post("/api/v1/auth/login", None, json!({"email": "a@example.com", "password": "x"})).await,
            };
            (i, sent.elapsed(), reply)
        }
    });
    let answers = futures::future::join_all(calls).await;
    for (i, took, reply) in answers {
        assert!(took < DEADLINE, "request {i} answered {took:?} after it was sent");
        assert_unavailable(reply, &format!("request {i}"));
    }
    assert!(started.elapsed() < DEADLINE * 2, "the requests ran side by side: {:?}", started.elapsed());
}

/// Deletes an account the way an operator would, on either store; its tokens stay valid until they expire.
enum Accounts {
    Memory(MemoryStore),
    Postgres(TestDb),
}

impl Accounts {
    async fn delete(&self, user: &str) {
        let id = UserId(user.parse().unwrap());
        match self {
            Accounts::Memory(store) => store.delete_user(id),
            Accounts::Postgres(db) => {
                let mut conn = db.pool().get().await.unwrap();
                let sql = format!(
                    "WITH gone AS (DELETE FROM users WHERE id = '{}' RETURNING 1) SELECT count(*) AS value FROM gone",
                    id.0
                );
                assert_eq!(scalar(&mut conn, &sql).await, 1);
            }
        }
    }
}

/// Every write keyed by the signed-in user answers 401, as `/auth/me` does, once the account is gone; nothing is
/// written.
async fn writes_of_a_deleted_account_are_unauthorized<S: ApiService>(app: &TestApp<S>, accounts: &Accounts) {
    let other = app.register("other").await;
    let mut media = Vec::new();
    for i in 0..6 {
        media.push(app.add_media(&other, "movie", &format!("Film {i}"), &["Drama"]).await);
    }
    let other_id = app.get("/api/v1/auth/me", Some(&other)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    let gone = app.register("gone").await;
    let gone_id = app.get("/api/v1/auth/me", Some(&gone)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    accounts.delete(&gone_id).await;
    app.get("/api/v1/auth/me", Some(&gone)).await.problem(401, "unauthorized");

    let writes = [
        ("POST", "/api/v1/me/rankings".to_owned(), json!({"media_id": media[0], "tier": "A"})),
        ("PUT", format!("/api/v1/me/ratings/{}", media[1]), json!({"stars": 4})),
        ("POST", "/api/v1/me/placements".to_owned(), json!({"media_id": media[2], "tier": "S"})),
        ("PUT", "/api/v1/me/services".to_owned(), json!({"region": "GB", "services": ["Netflix"]})),
        ("POST", "/api/v1/me/interactions".to_owned(), json!({"media_id": media[3], "kind": "watchlist"})),
        ("POST", format!("/api/v1/users/{other_id}/follow"), json!({})),
        ("PUT", "/api/v1/me/top4".to_owned(), json!({"media_ids": &media[0..4]})),
        ("POST", "/api/v1/media".to_owned(), json!({"kind": "movie", "title": "Orphan", "year": 2001})),
    ];
    for (method, path, body) in writes {
        let reply = app.call(method.parse().unwrap(), &path, Some(&gone), Some(body)).await;
        assert_eq!(reply.status.as_u16(), 401, "{method} {path} on {}: {}", app.backend, reply.body);
        assert_eq!(reply.body["type"], "urn:marquee:problem:unauthorized", "{method} {path}");
        assert_eq!(reply.headers.get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer"));
    }
    let titles = app.get("/api/v1/media/search?q=Orphan", Some(&other)).await.expect(200).body;
    assert_eq!(titles["items"].as_array().map(Vec::len), Some(0), "no title was created: {titles}");
    let followers = app.get(&format!("/api/v1/users/{other_id}/followers"), Some(&other)).await.expect(200).body;
    assert_eq!(followers["items"].as_array().map(Vec::len), Some(0), "{followers}");
}

#[actix_web::test]
async fn memory_writes_of_a_deleted_account_are_unauthorized() {
    let store = MemoryStore::new();
    let app = TestApp::with(Stores::on(Arc::new(store.clone()))).await;
    writes_of_a_deleted_account_are_unauthorized(&app, &Accounts::Memory(store)).await;
}

#[actix_web::test]
async fn postgres_writes_of_a_deleted_account_are_unauthorized() {
    let db = TestDb::new().await;
    let app = TestApp::with(Stores::on(Arc::new(db.store()))).await;
    writes_of_a_deleted_account_are_unauthorized(&app, &Accounts::Postgres(db)).await;
}
