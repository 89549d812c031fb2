//! The HTTP machinery: the `User-Agent`, the request pace, timeouts, retries and typed errors.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// Open Library's API root.
pub const DEFAULT_BASE_URL: &str = "https://openlibrary.org";

/// The client's settings.
#[derive(Debug, Clone)]
pub struct OpenLibraryConfig {
    /// The API root, without a trailing slash (tests point it at a mock server).
    pub base_url: String,
    /// Appended to the `User-Agent` (an e-mail address or URL): Open Library asks heavy users to say who they are.
    pub contact: Option<String>,
    /// Limit for one HTTP attempt, connection included.
    pub timeout: Duration,
    /// Further attempts after a 5xx, a timeout or a transport failure.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it.
    pub backoff: Duration,
    /// Requests per second at most, across every clone of the client.
    pub requests_per_second: u32,
}

impl Default for OpenLibraryConfig {
    /// Production defaults: Open Library's URL, 10 s per attempt, 2 retries from 500 ms, 3 requests/s (the pace
    /// Open Library allows a client that identifies itself).
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            contact: None,
            timeout: Duration::from_secs(10),
            max_retries: 2,
            backoff: Duration::from_millis(500),
            requests_per_second: 3,
        }
    }
}

/// Why an Open Library call failed. No variant carries a request URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenLibraryError {
    /// 404: no such work, edition, ISBN or author.
    #[error("not found on Open Library (404)")]
    NotFound,
    /// 429: Open Library asks us to slow down. Never retried: the caller has a deadline to meet.
    #[error("Open Library is rate limiting us (429)")]
    RateLimited {
        /// What `Retry-After` said, in seconds.
        retry_after_secs: Option<u64>,
    },
    /// Another 4xx.
    #[error("Open Library refused the request ({status})")]
    Rejected {
        /// The status.
        status: u16,
    },
    /// 5xx after the retries.
    #[error("Open Library failed ({status})")]
    Server {
        /// The status.
        status: u16,
    },
    /// No answer within the timeout, after the retries.
    #[error("Open Library did not answer in time")]
    Timeout,
    /// Could not connect or the connection broke.
    #[error("could not reach Open Library: {0}")]
    Transport(String),
    /// The body was not the JSON Open Library documents.
    #[error("unreadable Open Library answer: {0}")]
    Decode(String),
}

/// A spacing pace: each request takes the next free slot, `interval` after the previous one.
#[derive(Debug)]
struct Pacer {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Pacer {
    async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// The Open Library client. Cheap to clone: clones share the connection pool and the pace.
#[derive(Clone)]
pub struct OpenLibraryClient {
    http: reqwest::Client,
    config: Arc<OpenLibraryConfig>,
    pacer: Arc<Pacer>,
}

impl fmt::Debug for OpenLibraryClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenLibraryClient").field("base_url", &self.config.base_url).finish_non_exhaustive()
    }
}

/// A reqwest error, described without its URL (which holds the user's search text).
fn transport(err: &reqwest::Error) -> OpenLibraryError {
    if err.is_timeout() {
        return OpenLibraryError::Timeout;
    }
    let mut text = String::from(if err.is_connect() { "connection failed" } else { "request failed" });
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    OpenLibraryError::Transport(text)
}

/// The `User-Agent`: Marquee and its version, and the operator's contact when one is configured.
pub fn user_agent(contact: Option<&str>) -> String {
    let base = concat!("Marquee/", env!("CARGO_PKG_VERSION"), " (self-hosted title rankings)");
    match contact.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{base} {c}"),
        None => base.to_owned(),
    }
}

impl OpenLibraryClient {
    /// A client with these settings. Redirects are followed (`/isbn/{isbn}.json` answers 302 to the edition).
    ///
    /// # Errors
    /// [`OpenLibraryError::Transport`] when the TLS backend cannot start or the contact is no valid header text.
    pub fn new(config: OpenLibraryConfig) -> Result<Self, OpenLibraryError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .user_agent(user_agent(config.contact.as_deref()))
            .build()
            .map_err(|e| transport(&e.without_url()))?;
        let interval = Duration::from_secs(1) / config.requests_per_second.max(1);
        let pacer = Arc::new(Pacer { interval, next: Mutex::new(Instant::now()) });
        Ok(Self { http, config: Arc::new(config), pacer })
    }

    /// GETs `path` (below the base URL, starting with `/`) with `query` and decodes the JSON answer, retrying 5xx,
    /// timeouts and transport failures with exponential backoff.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, OpenLibraryError> {
        let url = format!("{}{path}", self.config.base_url.trim_end_matches('/'));
        let mut attempt = 0;
        loop {
            match self.attempt(&url, query).await {
                Ok(body) => return serde_json::from_slice(&body).map_err(|e| OpenLibraryError::Decode(e.to_string())),
                Err(
                    error @ (OpenLibraryError::Server { .. }
                    | OpenLibraryError::Timeout
                    | OpenLibraryError::Transport(_)),
                ) if attempt < self.config.max_retries => {
                    let wait = self.config.backoff.saturating_mul(1 << attempt.min(16));
                    tracing::warn!(path, attempt, wait_ms = wait.as_millis() as u64, %error, "Open Library call failed; retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(other) => return Err(other),
            }
        }
    }

    async fn attempt(&self, url: &str, query: &[(&str, String)]) -> Result<Vec<u8>, OpenLibraryError> {
        self.pacer.wait().await;
        let response = self.http.get(url).query(query).send().await.map_err(|e| transport(&e.without_url()))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let body = response.bytes().await.map_err(|e| transport(&e.without_url()))?;
        match status {
            s if s.is_success() => Ok(body.to_vec()),
            StatusCode::NOT_FOUND => Err(OpenLibraryError::NotFound),
            StatusCode::TOO_MANY_REQUESTS => Err(OpenLibraryError::RateLimited { retry_after_secs: retry_after }),
            s if s.is_server_error() => Err(OpenLibraryError::Server { status: s.as_u16() }),
            s => Err(OpenLibraryError::Rejected { status: s.as_u16() }),
        }
    }
}
