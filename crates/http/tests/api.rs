//! Smoke tests of the app in process, on the in-memory store: one pass through each resource and through the error
//! plumbing (problem bodies, extractor errors, request ids). The full API suite lives in the workspace's `tests/`.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use marquee_bcrypt::BcryptHasher;
use marquee_http::{AppState, Ports, TokenKeys};
use marquee_memory::MemoryStore;
use secrecy::SecretString;
use serde_json::{Value, json};

fn state() -> AppState {
    let store = Arc::new(MemoryStore::new());
    let hasher = Arc::new(BcryptHasher::new(4).unwrap());
    let tokens = TokenKeys::new(&SecretString::from("api-smoke-test-secret-0123456789abcdef"), Duration::from_hours(1));
    AppState::builder(Ports::on(&store, hasher), tokens).build()
}

/// Status, headers and JSON body of one request.
struct Reply {
    status: StatusCode,
    headers: header::HeaderMap,
    body: Value,
}

async fn send<S, B>(app: &S, method: Method, uri: &str, token: Option<&str>, body: Option<Value>) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut request = TestRequest::default().method(method).uri(uri);
    if let Some(token) = token {
        request = request.insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
    }
    if let Some(body) = body {
        request = request.set_json(body);
    }
    let response = call_service(app, request.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = read_body(response).await;
    let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
    Reply { status, headers, body }
}

fn assert_problem(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.body);
    assert_eq!(reply.headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    assert_eq!(reply.body["type"], format!("urn:marquee:problem:{code}"));
    assert_eq!(reply.body["status"], status);
    assert_eq!(
        reply.body["request_id"].as_str(),
        reply.headers.get("x-request-id").and_then(|v| v.to_str().ok()),
        "the body quotes the request id the header echoes"
    );
}

fn fields(reply: &Reply) -> Vec<&str> {
    reply.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect()
}

#[actix_web::test]
async fn accounts_register_log_in_and_read_themselves() {
    let app = init_service(marquee_http::app(state())).await;
    let ada = json!({"email": "Ada@Example.com", "password": "correct horse", "display_name": "Ada"});

    let registered = send(&app, Method::POST, "/api/v1/auth/register", None, Some(ada.clone())).await;
    assert_eq!(registered.status, StatusCode::CREATED, "{}", registered.body);
    assert_eq!(registered.body["token_type"], "Bearer");
    assert_eq!(registered.body["expires_in"], 3600);
    assert_eq!(registered.body["user"]["email"], "ada@example.com");
    let token = registered.body["access_token"].as_str().unwrap();

    let me = send(&app, Method::GET, "/api/v1/auth/me", Some(token), None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["display_name"], "Ada");
    assert_eq!(me.body["is_admin"], false);

    assert_problem(&send(&app, Method::POST, "/api/v1/auth/register", None, Some(ada)).await, 409, "conflict");
    let bad = json!({"email": "nope", "password": "short", "display_name": ""});
    let invalid = send(&app, Method::POST, "/api/v1/auth/register", None, Some(bad)).await;
    assert_problem(&invalid, 422, "validation-failed");
    assert_eq!(fields(&invalid), ["email", "password", "display_name"]);

    let login = json!({"email": "ada@example.com", "password": "correct horse"});
    assert_eq!(send(&app, Method::POST, "/api/v1/auth/login", None, Some(login)).await.status, StatusCode::OK);
    let wrong = json!({"email": "ada@example.com", "password": "wrong horse"});
    let refused = send(&app, Method::POST, "/api/v1/auth/login", None, Some(wrong)).await;
    assert_problem(&refused, 401, "unauthorized");
    assert_eq!(refused.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    let unknown = json!({"email": "bob@example.com", "password": "whatever1"});
    assert_problem(&send(&app, Method::POST, "/api/v1/auth/login", None, Some(unknown)).await, 401, "unauthorized");

    assert_problem(&send(&app, Method::GET, "/api/v1/auth/me", None, None).await, 401, "unauthorized");
    assert_problem(&send(&app, Method::GET, "/api/v1/auth/me", Some("x.y.z"), None).await, 401, "unauthorized");
}

async fn sign_up<S, B>(app: &S, email: &str) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"email": email, "password": "correct horse", "display_name": "Someone"});
    let reply = send(app, Method::POST, "/api/v1/auth/register", None, Some(body)).await;
    reply.body["access_token"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn the_catalog_takes_entries_and_guards_edits() {
    let state = state();
    let accounts = state.accounts.clone();
    let app = init_service(marquee_http::app(state)).await;
    let token = sign_up(&app, "ada@example.com").await;
    let hamlet = json!({"kind": "play", "title": "Hamlet", "year": 1603, "genres": ["Tragedy"]});

    assert_problem(&send(&app, Method::POST, "/api/v1/media", None, Some(hamlet.clone())).await, 401, "unauthorized");
    let created = send(&app, Method::POST, "/api/v1/media", Some(&token), Some(hamlet.clone())).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(created.headers.get(header::LOCATION).unwrap().to_str().unwrap(), format!("/api/v1/media/{id}"));
    assert_eq!(created.body["kind"], "play");
    assert_eq!(created.body["attributes"], json!({}));

    let fetched = send(&app, Method::GET, &format!("/api/v1/media/{id}"), None, None).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body["title"], "Hamlet");
    let missing = format!("/api/v1/media/{}", uuid::Uuid::nil());
    assert_problem(&send(&app, Method::GET, &missing, None, None).await, 404, "not-found");
    assert_problem(&send(&app, Method::GET, "/api/v1/media/not-a-uuid", None, None).await, 404, "not-found");

    let found = send(&app, Method::GET, "/api/v1/media/search?q=haml&kind=play", None, None).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(found.body["items"][0]["id"], id.as_str());
    assert!(found.body["items"][0]["relevance"].is_number());
    assert_eq!((found.body["limit"].as_u64(), found.body["offset"].as_u64()), (Some(20), Some(0)));
    let invalid = send(&app, Method::GET, "/api/v1/media/search?q=&kind=opera&limit=0", None, None).await;
    assert_problem(&invalid, 422, "validation-failed");
    assert_eq!(fields(&invalid), ["limit", "q", "kind"]);

    let edit = json!({"kind": "play", "title": "The Tragedy of Hamlet", "year": 1603});
    let uri = format!("/api/v1/media/{id}");
    assert_problem(&send(&app, Method::PUT, &uri, Some(&token), Some(edit.clone())).await, 403, "forbidden");
    accounts.set_admin("ada@example.com", true).await.unwrap();
    let edited = send(&app, Method::PUT, &uri, Some(&token), Some(edit)).await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["title"], "The Tragedy of Hamlet");

    let duplicate = send(&app, Method::POST, "/api/v1/media", Some(&token), Some(hamlet)).await;
    let merge = json!({"duplicate_id": duplicate.body["id"]});
    let merged = send(&app, Method::POST, &format!("{uri}/merge"), Some(&token), Some(merge)).await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
    assert_eq!(merged.body["kept"]["id"], id.as_str());
    assert_eq!(merged.body["rankings_moved"], 0);
}

#[actix_web::test]
async fn a_list_is_placed_moved_rated_and_emptied() {
    let app = init_service(marquee_http::app(state())).await;
    let token = sign_up(&app, "ada@example.com").await;
    let other = sign_up(&app, "bob@example.com").await;
    let mut media = Vec::new();
    for title in ["Alien", "Aliens", "Alien 3"] {
        let body = json!({"kind": "movie", "title": title});
        media.push(send(&app, Method::POST, "/api/v1/media", Some(&token), Some(body)).await.body["id"].clone());
    }

    let first =
        send(&app, Method::POST, "/api/v1/me/rankings", Some(&token), Some(json!({"media_id": media[0], "tier": "S"})))
            .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let first_id = first.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        first.headers.get(header::LOCATION).unwrap().to_str().unwrap(),
        format!("/api/v1/me/rankings/{first_id}")
    );
    assert_eq!(first.body["score"], 10.0);
    assert_eq!(first.body["stars"], Value::Null);
    assert_eq!(first.body["media"]["title"], "Alien");

    let above = json!({"media_id": media[1], "tier": "S", "before": first_id});
    let second = send(&app, Method::POST, "/api/v1/me/rankings", Some(&token), Some(above)).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    assert_eq!(second.body["position"], 1);

    let again = json!({"media_id": media[0], "tier": "A"});
    let conflict = send(&app, Method::POST, "/api/v1/me/rankings", Some(&token), Some(again)).await;
    assert_problem(&conflict, 409, "conflict");
    assert!(conflict.body["detail"].as_str().unwrap().contains(&first_id));
    let bad_tier = json!({"media_id": media[2], "tier": "E"});
    let invalid = send(&app, Method::POST, "/api/v1/me/rankings", Some(&token), Some(bad_tier)).await;
    assert_problem(&invalid, 422, "validation-failed");
    assert_eq!(fields(&invalid), ["tier"]);
    let unknown = json!({"media_id": uuid::Uuid::nil(), "tier": "A"});
    let invalid = send(&app, Method::POST, "/api/v1/me/rankings", Some(&token), Some(unknown)).await;
    assert_eq!(fields(&invalid), ["media_id"]);

    let list = send(&app, Method::GET, "/api/v1/me/rankings?tier=S", Some(&token), None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.body["total"], 2);
    assert_eq!(list.body["items"][0]["media"]["title"], "Aliens");
    assert_eq!(list.body["items"][1]["score"], 9.0);
    assert_eq!(list.body["items"][1]["tier_size"], 2);
    let invalid = send(&app, Method::GET, "/api/v1/me/rankings?tier=Z&kind=vhs&offset=-1", Some(&token), None).await;
    assert_eq!(fields(&invalid), ["tier", "kind", "offset"]);
    let malformed = send(&app, Method::GET, "/api/v1/me/rankings?limit=ten", Some(&token), None).await;
    assert_problem(&malformed, 400, "malformed-request");

    let uri = format!("/api/v1/me/rankings/{first_id}");
    let moved = send(&app, Method::PATCH, &uri, Some(&token), Some(json!({"tier": "b"}))).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.body["tier"], "B");
    let nowhere = send(&app, Method::PATCH, &uri, Some(&token), Some(json!({}))).await;
    assert_problem(&nowhere, 422, "validation-failed");
    assert_problem(&send(&app, Method::GET, &uri, Some(&other), None).await, 404, "not-found");

    let rate = format!("/api/v1/me/ratings/{}", media[2].as_str().unwrap());
    let rated = send(&app, Method::PUT, &rate, Some(&token), Some(json!({"stars": 4}))).await;
    assert_eq!(rated.status, StatusCode::CREATED, "{}", rated.body);
    assert_eq!((rated.body["tier"].as_str(), rated.body["stars"].as_u64()), (Some("A"), Some(4)));
    let rerated = send(&app, Method::PUT, &rate, Some(&token), Some(json!({"stars": 2}))).await;
    assert_eq!(rerated.status, StatusCode::OK);
    assert_eq!(rerated.body["tier"], "C");
    let invalid = send(&app, Method::PUT, &rate, Some(&token), Some(json!({"stars": 6}))).await;
    assert_eq!(fields(&invalid), ["stars"]);

    assert_eq!(send(&app, Method::DELETE, &uri, Some(&token), None).await.status, StatusCode::NO_CONTENT);
    assert_problem(&send(&app, Method::DELETE, &uri, Some(&token), None).await, 404, "not-found");
    assert_problem(&send(&app, Method::GET, &uri, Some(&token), None).await, 404, "not-found");
}

#[actix_web::test]
async fn bad_input_and_unknown_routes_answer_problems() {
    let app = init_service(marquee_http::app(state())).await;

    let request = TestRequest::post()
        .uri("/api/v1/auth/login")
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .insert_header(("x-request-id", "client-id-1"))
        .set_payload("{not json")
        .to_request();
    let response = call_service(&app, request).await;
    assert_eq!(response.headers().get("x-request-id").unwrap(), "client-id-1");
    let reply = Reply {
        status: response.status(),
        headers: response.headers().clone(),
        body: serde_json::from_slice(&read_body(response).await).unwrap(),
    };
    assert_problem(&reply, 400, "malformed-request");
    assert_eq!(reply.body["request_id"], "client-id-1");

    let missing = send(&app, Method::POST, "/api/v1/auth/login", None, Some(json!({"email": "a@b.co"}))).await;
    assert_problem(&missing, 422, "validation-failed");
    assert_eq!(fields(&missing), ["password"]);

    let huge = json!({"email": "a@b.co", "password": "x".repeat(70 * 1024)});
    assert_problem(&send(&app, Method::POST, "/api/v1/auth/login", None, Some(huge)).await, 413, "payload-too-large");

    let request = TestRequest::post().uri("/api/v1/auth/login").set_payload("email=a").to_request();
    let response = call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let unknown = send(&app, Method::GET, "/nope", None, None).await;
    assert_problem(&unknown, 404, "not-found");
    let generated = unknown.headers.get("x-request-id").unwrap().to_str().unwrap();
    assert!(uuid::Uuid::parse_str(generated).is_ok(), "{generated}");
}

#[actix_web::test]
async fn probes_and_the_document_are_served() {
    let app = init_service(marquee_http::app(state())).await;
    for path in ["/health/live", "/health/ready"] {
        let reply = send(&app, Method::GET, path, None, None).await;
        assert_eq!((reply.status, reply.body.clone()), (StatusCode::OK, json!({"status": "ok"})));
    }
    let served = send(&app, Method::GET, "/openapi.json", None, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.body, serde_json::to_value(marquee_http::openapi()).unwrap());
    let response = call_service(&app, TestRequest::get().uri("/docs/").to_request()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = call_service(&app, TestRequest::get().uri("/docs").to_request()).await;
    assert_eq!(response.headers().get(header::LOCATION).unwrap(), "/docs/");
}
