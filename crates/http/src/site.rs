//! The web client's files: the single-page app built into `web/dist`, served at `/` beside the API.
//!
//! [`WebClient::load`] reads the whole built folder into memory once, at start (a few hundred kilobytes), so a
//! request never touches the file system: no path from a request is ever joined onto a directory, and a missing
//! or changed file cannot fail a request half-way. What is served:
//!
//! - a file of the folder at its own path, `GET` or `HEAD`, with its content type, an `ETag` and the caching
//!   policy its name allows: Vite names everything under `assets/` after a hash of its content, so those are
//!   `immutable` for a year; every other file (`index.html` above all) is `no-cache`, revalidated with the `ETag`;
//! - `index.html` for any other `GET` path without a file extension (`/board`, `/title/…`): the app's own router
//!   reads the path (the "SPA fallback");
//! - never for the API's own prefixes (`/api`, `/health`, `/docs`, `/openapi.json`): an unknown API path stays a
//!   problem+json 404, as does a missing asset (`/assets/gone.js`), which the browser would otherwise run as HTML.
//!
//! The pages carry their own Content-Security-Policy: scripts, styles and fonts from this origin only, API calls
//! to this origin only, posters from any `https:` image host.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::path::Path;
use std::sync::Arc;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::{self, ApiError};

/// The policy of the web client's pages and files.
pub const WEB_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; \
                           img-src 'self' data: https:; connect-src 'self'; manifest-src 'self'; \
                           frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Files under this folder carry a content hash in their name (Vite's `build.assetsDir`).
const HASHED_DIR: &str = "assets/";

/// `Cache-Control` of a file named after its content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of every other file: stored, but revalidated before each use.
const REVALIDATE: &str = "no-cache";

/// Paths that belong to the API: never answered with a page.
const API_PREFIXES: [&str; 4] = ["/api", "/health", "/docs", "/openapi.json"];

/// One file of the built app, held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Asset {
    body: web::Bytes,
    content_type: &'static str,
    etag: String,
    cache_control: &'static str,
}

/// The built web client, read from its folder at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebClient {
    /// Each file by its path below the folder, `/`-separated, without a leading `/` (`assets/index-3fa2.js`).
    files: HashMap<String, Asset>,
}

/// Why the web client's folder could not be served.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or folder could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// What was being read.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The folder has no `index.html` at its top: it is not a built app (run `npm run build` in `web/`).
    #[error("{0} has no index.html: build the web client first (`npm ci && npm run build` in web/)")]
    NoIndex(String),
}

impl WebClient {
    /// Reads every file below `dir` into memory (symbolic links are skipped: nothing outside the folder is read).
    ///
    /// # Errors
    /// [`LoadError::Io`] when a file cannot be read, [`LoadError::NoIndex`] when `dir/index.html` is missing.
    pub fn load(dir: &Path) -> Result<Self, LoadError> {
        let mut files = HashMap::new();
        let mut pending = vec![(dir.to_path_buf(), String::new())];
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| LoadError::Io { path, source }
        };
        while let Some((folder, prefix)) = pending.pop() {
            for entry in std::fs::read_dir(&folder).map_err(io(&folder))? {
                let entry = entry.map_err(io(&folder))?;
                let path = entry.path();
                let kind = entry.file_type().map_err(io(&path))?;
                let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
                let relative = format!("{prefix}{name}");
                if kind.is_dir() {
                    pending.push((path, format!("{relative}/")));
                } else if kind.is_file() {
                    let body = std::fs::read(&path).map_err(io(&path))?;
                    files.insert(relative.clone(), Asset::new(&relative, body));
                }
            }
        }
        if !files.contains_key("index.html") {
            return Err(LoadError::NoIndex(dir.display().to_string()));
        }
        Ok(Self { files })
    }

    /// How many files are served.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is served (never true of a loaded client: it has `index.html`).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file answering `path` (a request path), if the web client answers it at all.
    fn answer(&self, path: &str) -> Option<&Asset> {
        if API_PREFIXES.iter().any(|api| path == *api || path.strip_prefix(api).is_some_and(|r| r.starts_with('/'))) {
            return None;
        }
        let relative = path.trim_start_matches('/');
        if let Some(asset) = self.files.get(relative) {
            return Some(asset);
        }
        // A path naming a file that is not there is a missing file, not a page of the app.
        let last = relative.rsplit('/').next().unwrap_or_default();
        if last.contains('.') {
            return None;
        }
        self.files.get("index.html")
    }
}

impl Asset {
    fn new(relative: &str, body: Vec<u8>) -> Self {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let etag = format!("\"{:016x}-{:x}\"", hasher.finish(), body.len());
        let cache_control = if relative.starts_with(HASHED_DIR) { IMMUTABLE } else { REVALIDATE };
        Self { body: web::Bytes::from(body), content_type: content_type(relative), etag, cache_control }
    }
}

/// The media type of a built file, by its extension (the handful Vite emits, and what `public/` may hold).
fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The app's default service: a file of the web client when one answers the request, else the problem+json 404
/// every unknown route gets.
pub(crate) async fn fallback(
    req: HttpRequest,
    client: Option<web::Data<Option<Arc<WebClient>>>>,
) -> Result<HttpResponse, ApiError> {
    let client = client.as_deref().and_then(|c| c.as_deref());
    let readable = req.method() == Method::GET || req.method() == Method::HEAD;
    match client.filter(|_| readable).and_then(|client| client.answer(req.path())) {
        Some(asset) => Ok(respond(&req, asset)),
        None => Err(error::no_route(&req)),
    }
}

fn respond(req: &HttpRequest, asset: &Asset) -> HttpResponse {
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == asset.etag || tag.trim() == "*"));
    let mut response = HttpResponse::build(if fresh { StatusCode::NOT_MODIFIED } else { StatusCode::OK });
    response
        .insert_header((header::CACHE_CONTROL, asset.cache_control))
        .insert_header((header::CONTENT_SECURITY_POLICY, WEB_CSP));
    if let Ok(etag) = HeaderValue::from_str(&asset.etag) {
        response.insert_header((header::ETAG, etag));
    }
    if fresh {
        return response.finish();
    }
    // For HEAD, actix drops the body itself and keeps the GET's length.
    response.content_type(asset.content_type).body(asset.body.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(files: &[(&str, &str)]) -> WebClient {
        WebClient {
            files: files
                .iter()
                .map(|(path, body)| ((*path).to_owned(), Asset::new(path, body.as_bytes().to_vec())))
                .collect(),
        }
    }

    #[test]
    fn client_routes_fall_back_to_the_page_but_api_paths_and_missing_files_do_not() {
        let web = client(&[("index.html", "<!doctype html>"), ("assets/app-1a2b.js", "x"), ("favicon.svg", "<svg/>")]);
        assert_eq!(web.answer("/").map(|a| a.content_type), Some("text/html; charset=utf-8"));
        assert_eq!(web.answer("/board").map(|a| a.content_type), Some("text/html; charset=utf-8"));
        assert_eq!(web.answer("/title/0190-aa").map(|a| a.content_type), Some("text/html; charset=utf-8"));
        assert_eq!(web.answer("/assets/app-1a2b.js").map(|a| a.cache_control), Some(IMMUTABLE));
        assert_eq!(web.answer("/favicon.svg").map(|a| a.cache_control), Some(REVALIDATE));
        assert_eq!(web.answer("/").map(|a| a.cache_control), Some(REVALIDATE));
        for api in ["/api", "/api/v1/nope", "/health/x", "/docs/", "/openapi.json", "/assets/gone.js", "/robots.txt"] {
            assert!(web.answer(api).is_none(), "{api}");
        }
        // Only the exact prefixes are the API's: a client route may start with the same letters.
        assert!(web.answer("/apiary").is_some());
    }

    #[test]
    fn loading_needs_an_index_and_reads_nested_files() {
        let dir = std::env::temp_dir().join(format!("marquee-site-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        assert!(matches!(WebClient::load(&dir), Err(LoadError::NoIndex(_))));
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("assets/app-1a2b.css"), "body{}").unwrap();
        let web = WebClient::load(&dir).unwrap();
        assert_eq!(web.len(), 2);
        assert_eq!(web.answer("/assets/app-1a2b.css").map(|a| a.content_type), Some("text/css; charset=utf-8"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
