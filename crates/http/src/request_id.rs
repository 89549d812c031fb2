//! The request id and the per-request log line.
//!
//! Every request gets an id: the client's `x-request-id` when it is 1 to 64 characters of `[A-Za-z0-9._-]`
//! (so it can be logged and echoed safely), a fresh UUID otherwise. The id is echoed on the response, put on the
//! request's `tracing` span, and held in a task-local while the request runs so that error bodies, which actix
//! renders without the request at hand, can quote it.
//!
//! One `info` event per request on completion: method, path (without the query string), status, latency in
//! milliseconds and the request id. Headers (the Authorization header above all) and bodies are never logged.
//!
//! The same latency goes back to the client as `Server-Timing: app;dur=<ms>` (W3C Server Timing): the time from
//! routing to the response, pool waits and database round trips included, socket and parsing not. Load tests
//! read it to tell the server's time from the time a request spent queued in the client or the kernel.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument as _;

/// The header carrying the request id, both ways.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The header carrying the server's own time for the request.
pub const SERVER_TIMING_HEADER: HeaderName = HeaderName::from_static("server-timing");

/// The `Server-Timing` value for a request that took `ms` milliseconds inside the server.
pub fn server_timing(ms: f64) -> String {
    format!("app;dur={ms:.3}")
}

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Whether a client-sent id may be used as is: 1 to 64 characters of `[A-Za-z0-9._-]`.
pub fn is_valid(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The id for a request: the client's valid one, or a new UUID.
pub fn choose(client: Option<&HeaderValue>) -> String {
    match client.and_then(|v| v.to_str().ok()) {
        Some(id) if is_valid(id) => id.to_owned(),
        _ => uuid::Uuid::now_v7().to_string(),
    }
}

/// The id of the request being served on this task, if any.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Runs `fut` with `id` as the current request id.
#[cfg(test)]
pub(crate) async fn scope<F: Future>(id: String, fut: F) -> F::Output {
    REQUEST_ID.scope(id, fut).await
}

/// The middleware: assigns the id, runs the request inside its span and scope, echoes the id, logs completion.
pub(crate) async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = choose(req.headers().get(&REQUEST_ID_HEADER));
    let method = req.method().clone();
    let path = req.path().to_owned();
    let span = tracing::info_span!("request", %method, %path, request_id = %id);

    let result = REQUEST_ID.scope(id.clone(), next.call(req).instrument(span.clone())).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    // Handlers, extractors and the default service turn their errors into responses inside the scope; an error
    // only escapes as `Err` from actix itself, and actix renders it after this middleware (without the id).
    let status = match &result {
        Ok(response) => response.status(),
        Err(error) => error.as_response_error().status_code(),
    }
    .as_u16();
    span.in_scope(|| tracing::info!(%method, %path, status, latency_ms, request_id = %id, "request completed"));
    let mut response = result?;
    if let Ok(value) = HeaderValue::try_from(id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    if let Ok(value) = HeaderValue::try_from(server_timing(latency_ms)) {
        response.headers_mut().insert(SERVER_TIMING_HEADER, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_kept_when_safe() {
        for id in ["a", "abc-123", "A.b_c-9", &"x".repeat(64)] {
            assert!(is_valid(id), "{id:?}");
            assert_eq!(choose(Some(&HeaderValue::from_str(id).unwrap())), id);
        }
    }

    #[test]
    fn unsafe_or_missing_ids_are_replaced_by_a_uuid() {
        let long = "x".repeat(65);
        for id in ["", "has space", "semi;colon", "slash/", "ünïcode", long.as_str()] {
            assert!(!is_valid(id), "{id:?}");
        }
        for header in [None, Some(HeaderValue::from_static("bad id")), Some(HeaderValue::from_str(&long).unwrap())] {
            let chosen = choose(header.as_ref());
            assert!(uuid::Uuid::parse_str(&chosen).is_ok(), "{chosen}");
        }
        let non_ascii = HeaderValue::from_bytes(b"caf\xe9").unwrap();
        assert!(uuid::Uuid::parse_str(&choose(Some(&non_ascii))).is_ok());
    }

    #[test]
    fn server_timing_is_milliseconds_with_microsecond_precision() {
        assert_eq!(server_timing(1.234_567), "app;dur=1.235");
        assert_eq!(server_timing(0.0), "app;dur=0.000");
    }

    #[actix_web::test]
    async fn the_id_is_visible_inside_its_scope_only() {
        assert_eq!(current(), None);
        assert_eq!(scope("req-1".into(), async { current() }).await.as_deref(), Some("req-1"));
        assert_eq!(current(), None);
    }
}
