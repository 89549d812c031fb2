//! The web client served beside the API, in process: files with their caching policy and CSP, the single-page
//! fallback for client routes, and the API's problem+json 404s left alone.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use actix_web::http::{Method, StatusCode, header};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use marquee_bcrypt::BcryptHasher;
use marquee_http::{AppState, Ports, TokenKeys, WebClient};
use marquee_memory::MemoryStore;
use secrecy::SecretString;

const INDEX: &str = "<!doctype html><title>Marquee</title><script type=module src=/assets/index-1a2b3c.js></script>";

/// A built app in a fresh folder: index.html, a hashed script, an icon.
fn built() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marquee-web-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("assets/index-1a2b3c.js"), "console.log('marquee')").unwrap();
    std::fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();
    dir
}

fn state(web: Option<WebClient>) -> AppState {
    let store = Arc::new(MemoryStore::new());
    let hasher = Arc::new(BcryptHasher::new(4).unwrap());
    let tokens = TokenKeys::new(&SecretString::from("site-test-secret-0123456789abcdef-xyz"), Duration::from_hours(1));
    let builder = AppState::builder(Ports::on(&store, hasher), tokens);
    match web {
        Some(web) => builder.web_client(web).build(),
        None => builder.build(),
    }
}

struct Reply {
    status: StatusCode,
    headers: header::HeaderMap,
    body: String,
}

async fn get(web: Option<WebClient>, method: Method, uri: &str, etag: Option<&str>) -> Reply {
    let app = init_service(marquee_http::app(state(web))).await;
    let mut request = TestRequest::default().method(method).uri(uri);
    if let Some(etag) = etag {
        request = request.insert_header((header::IF_NONE_MATCH, etag));
    }
    let response = call_service(&app, request.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let body = String::from_utf8(read_body(response).await.to_vec()).unwrap();
    Reply { status, headers, body }
}

fn header_of(reply: &Reply, name: header::HeaderName) -> &str {
    reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[actix_web::test]
async fn files_carry_their_caching_policy_and_the_pages_policy() {
    let dir = built();
    let web = WebClient::load(&dir).unwrap();
    assert_eq!(web.len(), 3);

    let page = get(Some(web.clone()), Method::GET, "/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, INDEX);
    assert_eq!(header_of(&page, header::CONTENT_TYPE), "text/html; charset=utf-8");
    assert_eq!(header_of(&page, header::CACHE_CONTROL), "no-cache");
    assert_eq!(header_of(&page, header::CONTENT_SECURITY_POLICY), marquee_http::site::WEB_CSP);
    assert_eq!(header_of(&page, header::X_CONTENT_TYPE_OPTIONS), "nosniff");

    let script = get(Some(web.clone()), Method::GET, "/assets/index-1a2b3c.js", None).await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(header_of(&script, header::CONTENT_TYPE), "text/javascript; charset=utf-8");
    assert_eq!(header_of(&script, header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    let etag = header_of(&script, header::ETAG).to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let again = get(Some(web.clone()), Method::GET, "/assets/index-1a2b3c.js", Some(&etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());

    let icon = get(Some(web.clone()), Method::HEAD, "/favicon.svg", None).await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(header_of(&icon, header::CONTENT_TYPE), "image/svg+xml");
    assert_eq!(header_of(&icon, header::CACHE_CONTROL), "no-cache");
    std::fs::remove_dir_all(dir).unwrap();
}

#[actix_web::test]
async fn client_routes_get_the_page_but_api_paths_and_missing_files_stay_problems() {
    let dir = built();
    let web = WebClient::load(&dir).unwrap();
    for route in ["/board", "/title/0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6", "/users/x?name=Ada"] {
        let page = get(Some(web.clone()), Method::GET, route, None).await;
        assert_eq!(page.status, StatusCode::OK, "{route}");
        assert_eq!(page.body, INDEX, "{route}");
    }
    for (method, path) in [
        (Method::GET, "/api/v1/nothing"),
        (Method::GET, "/api"),
        (Method::GET, "/health/nothing"),
        (Method::GET, "/assets/gone-000000.js"),
        (Method::POST, "/board"),
    ] {
        let reply = get(Some(web.clone()), method.clone(), path, None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(header_of(&reply, header::CONTENT_TYPE), "application/problem+json", "{method} {path}");
        assert!(header_of(&reply, header::CONTENT_SECURITY_POLICY).starts_with("default-src 'none'; frame-ancestors"));
    }
    // The API itself is untouched by the client.
    let health = get(Some(web), Method::GET, "/health/live", None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(header_of(&health, header::CONTENT_TYPE), "application/json");
    std::fs::remove_dir_all(dir).unwrap();
}

#[actix_web::test]
async fn without_a_web_client_every_unknown_path_is_a_problem() {
    let reply = get(None, Method::GET, "/", None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(header_of(&reply, header::CONTENT_TYPE), "application/problem+json");
}

#[test]
fn a_folder_without_index_html_is_refused() {
    let dir = built();
    std::fs::remove_file(dir.join("index.html")).unwrap();
    let refused = WebClient::load(&dir).unwrap_err();
    assert!(refused.to_string().contains("has no index.html"), "{refused}");
    std::fs::remove_dir_all(dir).unwrap();
}
