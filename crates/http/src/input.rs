//! The checks every request passes before a handler runs: its token, its path and query string, its JSON body.
//!
//! - **Tokens.** On `/api/` routes, an `Authorization` header is verified here, once: a broken, expired or foreign
//!   token answers 401 on every route, public ones included, instead of being read as "signed out". Marquee's own
//!   tokens and those of trusted external issuers ([`crate::oidc`]) are both verified here; the user a token
//!   names is kept in the request's extensions, where [`crate::auth::AuthUser`] finds it.
//! - **Text.** The percent-decoded path and query string, and every string (and key) of a JSON body, may not hold
//!   a control character [`marquee_domain::text`] refuses: 422 `validation-failed` naming the parameter (`q`,
//!   `genre`), `path`, or the body field (`services[0]`, `attributes.author`). PostgreSQL cannot store NUL, so
//!   such text used to reach it and answer 500.
//!
//! Both text checks are one pass over bytes already in memory (the path, the query string, the buffered body)
//! looking for an escape that could name a control character; only a request that has one is decoded to name the
//! field. The JSON body check lives in [`Json`], which handlers take instead of `actix_web::web::Json` (clippy's
//! `disallowed-types` keeps it that way).

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::body::{self, BodyStream, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::JsonPayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use marquee_domain::FieldError;
use marquee_domain::text;
use serde::de::DeserializeOwned;

use crate::JSON_LIMIT;
use crate::auth;
use crate::error::{self, ApiError};

/// The middleware: verifies a token sent to an `/api/` route and refuses control characters in the path and the
/// query string.
pub(crate) async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Err(refused) = check(&req) {
        return Ok(req.error_response(refused).map_into_right_body());
    }
    if req.path().starts_with("/api/") && req.headers().contains_key(header::AUTHORIZATION) {
        match auth::authenticate_request(req.request()).await {
            Ok(verified) => {
                req.extensions_mut().insert(verified);
            }
            Err(refused) => return Ok(req.error_response(refused).map_into_right_body()),
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

fn check(req: &ServiceRequest) -> Result<(), ApiError> {
    if text::percent_encoded_has_refused(req.path()) {
        return Err(FieldError::new("path", text::REFUSED_MESSAGE).into());
    }
    let query = req.query_string();
    if text::percent_encoded_has_refused(query) {
        return Err(refused_in_query(query).into());
    }
    Ok(())
}

/// The parameters of a query string whose name or value decodes to a refused character, named as decoded.
fn refused_in_query(query: &str) -> Vec<FieldError> {
    let pairs = web::Query::<Vec<(String, String)>>::from_query(query).map(web::Query::into_inner).unwrap_or_default();
    let mut fields: Vec<FieldError> = pairs
        .into_iter()
        .filter(|(name, value)| text::has_refused(name) || text::has_refused(value))
        .map(|(name, _)| FieldError::new(name.escape_default().to_string(), text::REFUSED_MESSAGE))
        .collect();
    if fields.is_empty() {
        // Not `name=value` pairs at all: still refused, named as the whole query string.
        fields.push(FieldError::new("query", text::REFUSED_MESSAGE));
    }
    fields
}

/// A JSON body, read as `actix_web::web::Json` reads it (`application/json` or a `+json` type, at most
/// [`JSON_LIMIT`] bytes, the same 400/413/422 problems), and refused with 422 when a string in it holds a control
/// character.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = matches!(
            req.mime_type(),
            Ok(Some(mime)) if mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json")
        );
        let announced = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(error::json_error(&JsonPayloadError::ContentType));
            }
            if let Some(length) = announced.filter(|&length| length > JSON_LIMIT) {
                return Err(error::json_error(&JsonPayloadError::OverflowKnownLength { length, limit: JSON_LIMIT }));
            }
            let bytes = match body::to_bytes_limited(BodyStream::new(payload), JSON_LIMIT).await {
                Ok(Ok(bytes)) => bytes,
                Ok(Err(e)) => return Err(error::json_error(&JsonPayloadError::Payload(e))),
                Err(_) => return Err(error::json_error(&JsonPayloadError::Overflow { limit: JSON_LIMIT })),
            };
            parse(&bytes).map(Json)
        })
    }
}

/// The body as `T`, unless a string in it holds a refused character.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, actix_web::Error> {
    if text::json_may_hold_refused(bytes)
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
    {
        let refused = text::refused_in_json(&value);
        if !refused.is_empty() {
            return Err(ApiError::Validation(refused).into());
        }
    }
    serde_json::from_slice(bytes).map_err(|e| error::json_error(&JsonPayloadError::Deserialize(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Body {
        #[allow(dead_code, reason = "read by serde only")]
        services: Vec<String>,
    }

    #[test]
    fn refused_query_parameters_are_named_as_decoded() {
        let names = |q| refused_in_query(q).into_iter().map(|f| f.field).collect::<Vec<_>>();
        assert_eq!(names("q=a%00b&limit=5"), ["q"]);
        assert_eq!(names("genre=%00&g%01=x"), ["genre", "g\\u{1}"]);
    }

    #[test]
    fn refused_body_strings_are_named_and_others_parse() {
        let err = parse::<Body>(br#"{"services":["ok","a\u0000b"]}"#).unwrap_err();
        let response = err.error_response();
        assert_eq!(response.status(), 422);
        let body: Body = parse(br#"{"services":["a\\u0000b","tab\t"]}"#).unwrap();
        assert_eq!(body.services, ["a\\u0000b", "tab\t"]);
        assert_eq!(parse::<Body>(br#"{"services":"#).unwrap_err().error_response().status(), 400);
    }
}
