//! What the app tells browsers: security headers on every response, CORS from an allow-list, and whether the
//! documentation pages are served at all.
//!
//! Every response says `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`, and carries a
//! Content-Security-Policy: the JSON API's forbids everything (nothing it answers is meant to run or be framed); the
//! Swagger UI's allows only the page's own scripts, styles and images (its styles are partly inline). HSTS is sent
//! only when the operator says the service is reached over HTTPS alone. CORS is off unless origins are listed:
//! browsers then refuse other sites' scripts the answers, which is right for an API used by its own pages or by
//! non-browser clients.

use std::time::Duration;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

/// The policy of every API answer: nothing may load, run or frame it.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The policy of the Swagger UI pages: the page's own files, inline styles (Swagger UI sets style attributes),
/// `data:` images (its icons), and requests to this origin only (the document and "try it out").
const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                        img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
                        form-action 'none'";

/// The browser-facing settings, held in [`AppState`](crate::AppState) and read when [`app`](crate::app) builds the App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSettings {
    /// Origins (`https://app.example.com`) whose pages may call the API from a browser; empty: CORS off.
    pub cors_origins: Vec<String>,
    /// `Strict-Transport-Security` max-age; `None` (the default) sends no HSTS header.
    pub hsts: Option<Duration>,
    /// Serve `/docs/` and `/openapi.json` (the default); off, both answer 404.
    pub api_docs: bool,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self { cors_origins: Vec::new(), hsts: None, api_docs: true }
    }
}

impl WebSettings {
    /// The CORS middleware for the allow-list (call only with origins). Origins not listed get no CORS headers,
    /// and their browsers keep the answer from the calling page; the request itself is answered as usual, so a
    /// problem+json error stays one.
    pub(crate) fn cors(&self) -> Cors {
        let cors = Cors::default()
            .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
            .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
            .expose_headers([
                header::RETRY_AFTER,
                header::WWW_AUTHENTICATE,
                header::LOCATION,
                crate::request_id::REQUEST_ID_HEADER,
            ])
            .max_age(3600)
            .block_on_origin_mismatch(false);
        self.cors_origins.iter().fold(cors, |cors, origin| cors.allowed_origin(origin))
    }
}

/// Adds the security headers to every response, the page-specific CSP and HSTS included.
pub(crate) async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let docs = req.path().starts_with("/docs");
    let hsts = req.app_data::<web::Data<WebSettings>>().and_then(|web| web.hsts);
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // The web client's files bring their own policy ([`crate::site::WEB_CSP`]); everything else gets one here.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers
            .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(if docs { DOCS_CSP } else { API_CSP }));
    }
    if let Some(max_age) = hsts
        && let Ok(value) = HeaderValue::from_str(&format!("max-age={}; includeSubDomains", max_age.as_secs()))
    {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, value);
    }
    Ok(res)
}

/// Whether `origin` is a valid entry of the CORS allow-list: `http` or `https`, a host, maybe a port, nothing else
/// (no path, no trailing slash; browsers send exactly this form).
pub fn valid_origin(origin: &str) -> bool {
    let Ok(uri) = origin.parse::<actix_web::http::Uri>() else { return false };
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let authority_ok = uri.authority().is_some_and(|a| {
        // Exactly a host and maybe a numeric port: no user info, nothing the parser let through after the host.
        let rest = a.as_str().strip_prefix(a.host()).unwrap_or("@");
        !a.host().is_empty() && (rest.is_empty() || rest.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok()))
    });
    scheme_ok && authority_ok && uri.path() == "/" && !origin.ends_with('/') && uri.query().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for ok in ["https://app.example.com", "http://localhost:3000", "https://[::1]:8443", "https://a-b.example"] {
            assert!(valid_origin(ok), "{ok}");
        }
        for bad in ["app.example.com", "https://app.example.com/", "https://x/path", "ftp://x", "https://", "*"] {
            assert!(!valid_origin(bad), "{bad}");
        }
        assert!(!valid_origin("https://x:port"));
    }
}
