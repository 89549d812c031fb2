//! Limits and browser-facing headers (issue 19): sign-in and registration rate limits, the per-account back-off,
//! the bounded hashing queue, CORS, security headers, the documentation switch and uncached token answers.
//!
//! The harness's app has no limits (many cases register several accounts from one in-process address); each case
//! here sets the ones it checks, and sends from explicit peer addresses.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::http::header;
use actix_web::test::TestRequest;

use marquee_bcrypt::BcryptHasher;
use marquee_domain::account::PasswordHasher as _;
use marquee_http::auth::HASH_WAIT_BUDGET;
use marquee_http::limits::{BackoffSettings, Rate};
use marquee_http::{AppBuilder, HashAdmission, LimitSettings, WebSettings};
use marquee_tests::{ApiService, Providers, Reply, Stores, TestApp};
use serde_json::{Value, json};

/// Runs each `case with tune` on the in-memory store and on PostgreSQL, the app's state adjusted by `tune`.
macro_rules! tuned_tests {
    ($($case:ident with $tune:ident),* $(,)?) => {
        mod memory {
            $(
                #[actix_web::test]
                async fn $case() {
                    let app = marquee_tests::TestApp::memory_tuned(super::$tune).await;
                    super::$case(&app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $case() {
                    let app = marquee_tests::TestApp::postgres_tuned(super::$tune).await;
                    super::$case(&app).await;
                }
            )*
        }
    };
}

tuned_tests!(
    sign_in_is_limited_per_address with login_three_per_hour_per_ip,
    sign_in_is_limited_per_account with login_two_per_hour_per_account,
    wrong_passwords_lock_the_account_for_longer_each_time with backoff_after_two,
    registration_is_limited_per_address with register_two_per_hour_per_ip,
    a_full_hashing_queue_refuses_at_once with one_hash_one_waiting,
);

fn per_hour(count: u32) -> Option<Rate> {
    Rate::new(count, Duration::from_hours(1))
}

fn login_three_per_hour_per_ip(builder: AppBuilder, _: &Stores) -> AppBuilder {
    builder.limits(LimitSettings { login_per_ip: per_hour(3), ..LimitSettings::unlimited() })
}

fn login_two_per_hour_per_account(builder: AppBuilder, _: &Stores) -> AppBuilder {
    builder.limits(LimitSettings { login_per_account: per_hour(2), ..LimitSettings::unlimited() })
}

fn backoff_after_two(builder: AppBuilder, _: &Stores) -> AppBuilder {
    let backoff = BackoffSettings { free_failures: 2, max_lock: Duration::from_mins(1) };
    builder.limits(LimitSettings { backoff: Some(backoff), ..LimitSettings::unlimited() })
}

fn register_two_per_hour_per_ip(builder: AppBuilder, _: &Stores) -> AppBuilder {
    builder.limits(LimitSettings { register_per_ip: per_hour(2), ..LimitSettings::unlimited() })
}

fn one_hash_one_waiting(_: AppBuilder, stores: &Stores) -> AppBuilder {
    // Cost 8 (~15 ms a hash): long enough that all eight sign-ins reach the queue before the first hash is done, so
    // no place is given back and taken again while the burst arrives.
    let hasher = BcryptHasher::new(8).unwrap().with_concurrency(1).unwrap();
    let admission = HashAdmission::new(hasher.pace().unwrap(), HASH_WAIT_BUDGET, Some(1));
    marquee_tests::builder(stores, &Providers::default(), Arc::new(hasher)).hash_admission(admission)
}

fn from(peer: &str) -> TestRequest {
    TestRequest::default().peer_addr(std::net::SocketAddr::new(peer.parse().unwrap(), 40_000))
}

async fn login(app: &TestApp<impl ApiService>, peer: &str, email: &str, password: &str) -> Reply {
    let req = from(peer).method(actix_web::http::Method::POST).uri("/api/v1/auth/login");
    app.send(req.set_json(json!({"email": email, "password": password}))).await
}

async fn register(app: &TestApp<impl ApiService>, peer: &str, name: &str) -> Reply {
    let body = json!({"email": format!("{name}@example.com"), "password": "correct horse", "display_name": name});
    app.send(from(peer).method(actix_web::http::Method::POST).uri("/api/v1/auth/register").set_json(body)).await
}

/// Asserts a 429 problem with a `Retry-After` of whole seconds; returns them.
#[track_caller]
fn too_many(reply: Reply) -> u64 {
    let retry: u64 = reply
        .headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("429 without a numeric Retry-After: {:?}", reply.headers));
    let body: Value = reply.problem(429, "too-many-requests");
    assert!(retry >= 1, "{retry}");
    assert!(body["detail"].as_str().unwrap().contains(&format!("{retry} s")), "{body}");
    retry
}

async fn sign_in_is_limited_per_address(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    login(app, "192.0.2.1", "ada@example.com", "correct horse").await.expect(200);
    login(app, "192.0.2.1", "ada@example.com", "wrong horse").await.problem(401, "unauthorized");
    login(app, "192.0.2.1", "nobody@example.com", "whatever").await.problem(401, "unauthorized");
    let retry = too_many(login(app, "192.0.2.1", "ada@example.com", "correct horse").await);
    assert!((1_000..=1_200).contains(&retry), "a third of an hour until the next attempt: {retry}");
    login(app, "192.0.2.2", "ada@example.com", "correct horse").await.expect(200);
}

async fn sign_in_is_limited_per_account(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    app.register("bob").await;
    login(app, "192.0.2.1", "ada@example.com", "correct horse").await.expect(200);
    login(app, "192.0.2.2", "ADA@example.com", "correct horse").await.expect(200);
    too_many(login(app, "192.0.2.3", "ada@example.com", "correct horse").await);
    login(app, "192.0.2.3", "bob@example.com", "correct horse").await.expect(200);
}

async fn wrong_passwords_lock_the_account_for_longer_each_time(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    app.register("bob").await;
    for _ in 0..3 {
        login(app, "192.0.2.1", "ada@example.com", "wrong horse").await.problem(401, "unauthorized");
    }
    // The third failure locked the account for a second, for the right password too and from any address.
    assert_eq!(too_many(login(app, "192.0.2.9", "ada@example.com", "correct horse").await), 1);
    login(app, "192.0.2.1", "bob@example.com", "correct horse").await.expect(200);
    actix_web::rt::time::sleep(Duration::from_millis(1_100)).await;
    login(app, "192.0.2.1", "ada@example.com", "wrong horse").await.problem(401, "unauthorized");
    assert_eq!(too_many(login(app, "192.0.2.1", "ada@example.com", "wrong horse").await), 2, "twice as long");
    actix_web::rt::time::sleep(Duration::from_millis(2_100)).await;
    login(app, "192.0.2.1", "ada@example.com", "correct horse").await.expect(200);
    // Success forgets the failures: two free ones again.
    login(app, "192.0.2.1", "ada@example.com", "wrong horse").await.problem(401, "unauthorized");
    login(app, "192.0.2.1", "ada@example.com", "correct horse").await.expect(200);
    // Unknown addresses back off alike, so a lock tells nothing about whether an account exists.
    for _ in 0..3 {
        login(app, "192.0.2.1", "nobody@example.com", "guess").await.problem(401, "unauthorized");
    }
    too_many(login(app, "192.0.2.1", "nobody@example.com", "guess").await);
}

async fn registration_is_limited_per_address(app: &TestApp<impl ApiService>) {
    register(app, "192.0.2.1", "ada").await.expect(201);
    register(app, "192.0.2.1", "bob").await.expect(201);
    let retry = too_many(register(app, "192.0.2.1", "cy").await);
    assert!((1_700..=1_800).contains(&retry), "{retry}");
    // Nothing was written: the address registers from elsewhere.
    register(app, "192.0.2.2", "cy").await.expect(201);
    register(app, "2001:db8::1", "dee").await.expect(201);
    register(app, "2001:db8::2", "eve").await.expect(201);
    too_many(register(app, "2001:db8::3", "fay").await);
}

async fn a_full_hashing_queue_refuses_at_once(app: &TestApp<impl ApiService>) {
    app.register("ada").await;
    let started = Instant::now();
    let replies = futures::future::join_all(
        (0..8).map(|i| login(app, "192.0.2.1", "ada@example.com", if i % 2 == 0 { "correct horse" } else { "no" })),
    )
    .await;
    let answered = replies.iter().filter(|r| r.status != 429).count();
    assert!((1..=2).contains(&answered), "one hashing and one waiting at most: {answered} answered");
    for reply in replies.into_iter().filter(|r| r.status == 429) {
        assert_eq!(too_many(reply), 1);
    }
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    login(app, "192.0.2.1", "ada@example.com", "correct horse").await.expect(200);
}

// The rest does not depend on the store: the in-memory one.

async fn app_with(web: WebSettings) -> TestApp<impl ApiService> {
    TestApp::memory_tuned(|builder, _| builder.web(web)).await
}

fn header_of<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
    reply.headers.get(name).and_then(|v| v.to_str().ok())
}

#[actix_web::test]
async fn cors_answers_listed_origins_only() {
    let origins = WebSettings { cors_origins: vec!["https://app.example.com".into()], ..WebSettings::default() };
    let app = app_with(origins).await;
    let allowed =
        app.send(TestRequest::get().uri("/health/live").insert_header(("origin", "https://app.example.com"))).await;
    assert_eq!(header_of(&allowed, "access-control-allow-origin"), Some("https://app.example.com"));
    let exposed = header_of(&allowed, "access-control-expose-headers").unwrap().to_ascii_lowercase();
    assert!(exposed.contains("retry-after") && exposed.contains("x-request-id"), "{exposed}");

    let denied =
        app.send(TestRequest::get().uri("/health/live").insert_header(("origin", "https://evil.example"))).await;
    assert_eq!(denied.status, 200, "answered, but without CORS headers the browser keeps it from the page");
    assert_eq!(header_of(&denied, "access-control-allow-origin"), None);

    let preflight = TestRequest::default()
        .method(actix_web::http::Method::OPTIONS)
        .uri("/api/v1/auth/login")
        .insert_header(("origin", "https://app.example.com"))
        .insert_header(("access-control-request-method", "POST"))
        .insert_header(("access-control-request-headers", "content-type"));
    let preflight = app.send(preflight).await;
    assert!(preflight.status.is_success(), "{}", preflight.status);
    assert_eq!(header_of(&preflight, "access-control-allow-origin"), Some("https://app.example.com"));
    assert!(header_of(&preflight, "access-control-allow-methods").unwrap().contains("POST"));

    let evil_preflight = TestRequest::default()
        .method(actix_web::http::Method::OPTIONS)
        .uri("/api/v1/auth/login")
        .insert_header(("origin", "https://evil.example"))
        .insert_header(("access-control-request-method", "POST"));
    let evil_preflight = app.send(evil_preflight).await;
    assert_eq!(header_of(&evil_preflight, "access-control-allow-origin"), None);
}

#[actix_web::test]
async fn cors_is_off_by_default() {
    let app = app_with(WebSettings::default()).await;
    let reply =
        app.send(TestRequest::get().uri("/health/live").insert_header(("origin", "https://app.example.com"))).await;
    assert_eq!(reply.status, 200);
    assert_eq!(header_of(&reply, "access-control-allow-origin"), None);
}

#[actix_web::test]
async fn every_answer_carries_the_security_headers() {
    let app = app_with(WebSettings::default()).await;
    for path in ["/health/live", "/api/v1/media/search?q=a", "/no/such/route", "/api/v1/auth/me"] {
        let reply = app.get(path, None).await;
        assert_eq!(header_of(&reply, "x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(header_of(&reply, "referrer-policy"), Some("no-referrer"), "{path}");
        let csp = header_of(&reply, "content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header_of(&reply, "strict-transport-security"), None, "no HSTS unless configured");
    }
    let (status, content_type, page) = app.send_raw(TestRequest::get().uri("/docs/")).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html") && page.contains("swagger-initializer.js"), "{content_type}");
    let docs = app.send(TestRequest::get().uri("/docs/")).await;
    let csp = header_of(&docs, "content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe"), "{csp}");
    assert_eq!(header_of(&docs, "x-content-type-options"), Some("nosniff"));

    let https = app_with(WebSettings { hsts: Some(Duration::from_hours(24 * 365)), ..WebSettings::default() }).await;
    let reply = https.get("/health/live", None).await;
    assert_eq!(header_of(&reply, "strict-transport-security"), Some("max-age=31536000; includeSubDomains"));
}

#[actix_web::test]
async fn the_documentation_pages_can_be_turned_off() {
    let on = app_with(WebSettings::default()).await;
    on.get("/openapi.json", None).await.expect(200);
    let off = app_with(WebSettings { api_docs: false, ..WebSettings::default() }).await;
    for path in ["/openapi.json", "/docs/", "/docs", "/docs/swagger-initializer.js"] {
        off.get(path, None).await.problem(404, "not-found");
    }
    off.get("/health/live", None).await.expect(200);
}

#[actix_web::test]
async fn token_answers_are_never_cached() {
    let app = app_with(WebSettings::default()).await;
    let registered = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "ada@example.com", "password": "correct horse", "display_name": "Ada"}),
        )
        .await
        .expect(201);
    assert_eq!(header_of(&registered, "cache-control"), Some("no-store"));
    let logged_in = app
        .post("/api/v1/auth/login", None, json!({"email": "ada@example.com", "password": "correct horse"}))
        .await
        .expect(200);
    assert_eq!(header_of(&logged_in, "cache-control"), Some("no-store"));
    let token = logged_in.body["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/auth/me", Some(token)).await.expect(200);
    assert_eq!(header_of(&me, "cache-control"), Some("no-store"));
}
