//! The HTTP machinery: authentication, the client-side rate limit, timeouts, retries and typed errors.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// TMDb's v3 API.
pub const DEFAULT_BASE_URL: &str = "https://api.themoviedb.org/3";

/// How the client proves who it is.
#[derive(Clone)]
pub enum TmdbAuth {
    /// The v4 read-access token, sent as `Authorization: Bearer`.
    ReadToken(SecretString),
    /// The v3 API key, sent as the `api_key` query parameter.
    ApiKey(SecretString),
}

impl fmt::Debug for TmdbAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TmdbAuth::ReadToken(_) => "ReadToken(<redacted>)",
            TmdbAuth::ApiKey(_) => "ApiKey(<redacted>)",
        })
    }
}

/// The client's settings.
#[derive(Debug, Clone)]
pub struct TmdbConfig {
    /// The API root, without a trailing slash (tests point it at a mock server).
    pub base_url: String,
    /// The credentials.
    pub auth: TmdbAuth,
    /// Limit for one HTTP attempt, connection included.
    pub timeout: Duration,
    /// Further attempts after a 5xx, a 429, a timeout or a transport failure.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it.
    pub backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the call fails with `RateLimited`.
    pub max_retry_after: Duration,
    /// Requests per second at most, across every clone of the client.
    pub requests_per_second: u32,
}

impl TmdbConfig {
    /// Production defaults: TMDb's URL, 10 s per attempt, 3 retries from 500 ms, 40 requests/s.
    pub fn new(auth: TmdbAuth) -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            auth,
            timeout: Duration::from_secs(10),
            max_retries: 3,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(30),
            requests_per_second: 40,
        }
    }
}

/// Why a TMDb call failed. No variant ever carries a credential or a request URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TmdbError {
    /// 401: the key or token was refused.
    #[error("TMDb refused the credentials (401): {0}")]
    Unauthorized(String),
    /// 404: no such resource.
    #[error("not found on TMDb (404)")]
    NotFound,
    /// 429 after the retries, or with a `Retry-After` too long to wait for.
    #[error("TMDb is rate limiting us (429)")]
    RateLimited {
        /// What `Retry-After` said, in seconds.
        retry_after_secs: Option<u64>,
    },
    /// Another 4xx (a bad parameter): TMDb's message.
    #[error("TMDb refused the request ({status}): {message}")]
    Rejected {
        /// The status.
        status: u16,
        /// TMDb's `status_message` or `errors`.
        message: String,
    },
    /// 5xx after the retries.
    #[error("TMDb failed ({status})")]
    Server {
        /// The status.
        status: u16,
    },
    /// No answer within the timeout, after the retries.
    #[error("TMDb did not answer in time")]
    Timeout,
    /// Could not connect or the connection broke.
    #[error("could not reach TMDb: {0}")]
    Transport(String),
    /// The body was not what TMDb documents.
    #[error("unreadable TMDb answer: {0}")]
    Decode(String),
}

/// A spacing rate limiter: each request takes the next free slot, `interval` after the previous one.
#[derive(Debug)]
struct Pacer {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Pacer {
    async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = (*next).max(now);
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// The TMDb v3 client. Cheap to clone: clones share the connection pool and the rate limit.
#[derive(Clone)]
pub struct TmdbClient {
    http: reqwest::Client,
    config: Arc<TmdbConfig>,
    pacer: Arc<Pacer>,
}

impl fmt::Debug for TmdbClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TmdbClient").field("base_url", &self.config.base_url).finish_non_exhaustive()
    }
}

/// The body TMDb sends with an error status.
#[derive(Debug, serde::Deserialize)]
struct ErrorBody {
    status_message: Option<String>,
    #[serde(default)]
    errors: Vec<String>,
}

fn message(body: &[u8]) -> String {
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(ErrorBody { status_message: Some(m), .. }) => m,
        Ok(ErrorBody { errors, .. }) if !errors.is_empty() => errors.join("; "),
        _ => "no message".to_owned(),
    }
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

/// A reqwest error, described without its URL (which may hold `api_key`).
fn transport(err: &reqwest::Error) -> TmdbError {
    if err.is_timeout() {
        TmdbError::Timeout
    } else {
        let mut text = String::from(if err.is_connect() { "connection failed" } else { "request failed" });
        let mut source = std::error::Error::source(err);
        // The chain below reqwest (hyper, io) names hosts and causes, never the query string.
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        TmdbError::Transport(text)
    }
}

impl TmdbClient {
    /// A client with these settings.
    ///
    /// # Errors
    /// [`TmdbError::Transport`] when the TLS backend cannot start.
    pub fn new(config: TmdbConfig) -> Result<Self, TmdbError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .user_agent(concat!("marquee/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| transport(&e.without_url()))?;
        let interval = Duration::from_secs(1) / config.requests_per_second.max(1);
        let pacer = Arc::new(Pacer { interval, next: Mutex::new(Instant::now()) });
        Ok(Self { http, config: Arc::new(config), pacer })
    }

    /// GETs `path` (below the base URL, starting with `/`) with `query`, and decodes the JSON answer, retrying
    /// 5xx, 429, timeouts and transport failures with exponential backoff (or the `Retry-After` of a 429).
    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T, TmdbError> {
        let url = format!("{}{path}", self.config.base_url.trim_end_matches('/'));
        let mut attempt = 0;
        loop {
            let (error, wait) = match self.attempt(&url, query).await {
                Ok(body) => {
                    return serde_json::from_slice(&body).map_err(|e| TmdbError::Decode(e.to_string()));
                }
                Err(err @ (TmdbError::Server { .. } | TmdbError::Timeout | TmdbError::Transport(_))) => (err, None),
                Err(TmdbError::RateLimited { retry_after_secs }) => {
                    let wait = retry_after_secs.map(Duration::from_secs);
                    if wait.is_some_and(|w| w > self.config.max_retry_after) {
                        return Err(TmdbError::RateLimited { retry_after_secs });
                    }
                    (TmdbError::RateLimited { retry_after_secs }, wait)
                }
                Err(other) => return Err(other),
            };
            if attempt >= self.config.max_retries {
                return Err(error);
            }
            let wait = wait.unwrap_or_else(|| self.config.backoff.saturating_mul(1 << attempt.min(16)));
            tracing::warn!(path, attempt, wait_ms = wait.as_millis() as u64, %error, "TMDb call failed; retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt(&self, url: &str, query: &[(&str, String)]) -> Result<Vec<u8>, TmdbError> {
        self.pacer.wait().await;
        let mut request = self.http.get(url).query(query);
        request = match &self.config.auth {
            TmdbAuth::ReadToken(token) => request.bearer_auth(token.expose_secret()),
            TmdbAuth::ApiKey(key) => request.query(&[("api_key", key.expose_secret())]),
        };
        let response = request.send().await.map_err(|e| transport(&e.without_url()))?;
        let status = response.status();
        let retry = retry_after(response.headers());
        let body = response.bytes().await.map_err(|e| transport(&e.without_url()))?;
        match status {
            s if s.is_success() => Ok(body.to_vec()),
            StatusCode::UNAUTHORIZED => Err(TmdbError::Unauthorized(message(&body))),
            StatusCode::NOT_FOUND => Err(TmdbError::NotFound),
            StatusCode::TOO_MANY_REQUESTS => Err(TmdbError::RateLimited { retry_after_secs: retry }),
            s if s.is_server_error() => Err(TmdbError::Server { status: s.as_u16() }),
            s => Err(TmdbError::Rejected { status: s.as_u16(), message: message(&body) }),
        }
    }
}
