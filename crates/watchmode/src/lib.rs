//! The Watchmode v1 API as an availability provider.
//!
//! A title is resolved by its TMDb id (`search/?search_field=tmdb_movie_id|tmdb_tv_id`), then its sources are
//! read (`title/{id}/sources/?regions=XX`). The free plan allows about 1,000 requests a month, so nothing is
//! retried, resolutions are kept for the life of the process (misses too), and the availability service caches
//! the sources in PostgreSQL. 402 (quota used up) and 429 are typed errors. The API key travels as the `apiKey`
//! query parameter: no error or log line ever holds the request URL.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use marquee_domain::availability::{AvailabilityProvider, Offer, OfferKind, ProviderError, Region, TitleRef};
use marquee_domain::media::MediaKind;
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::RwLock;

/// Watchmode's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.watchmode.com/v1";

/// The client's settings.
#[derive(Clone)]
pub struct WatchmodeConfig {
    /// The API root, without a trailing slash.
    pub base_url: String,
    /// The API key.
    pub api_key: SecretString,
    /// Limit for one request.
    pub timeout: Duration,
}

impl fmt::Debug for WatchmodeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WatchmodeConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Why a Watchmode call failed. No variant holds the key or a URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WatchmodeError {
    /// 401: the key was refused.
    #[error("Watchmode refused the API key (401)")]
    Unauthorized,
    /// 402: the plan's quota is used up.
    #[error("Watchmode quota used up (402)")]
    QuotaExceeded,
    /// 429.
    #[error("Watchmode is rate limiting us (429)")]
    RateLimited {
        /// What `Retry-After` said, in seconds.
        retry_after_secs: Option<u64>,
    },
    /// 404.
    #[error("not found on Watchmode (404)")]
    NotFound,
    /// Another status.
    #[error("Watchmode answered {status}")]
    Status {
        /// The status.
        status: u16,
    },
    /// No answer in time.
    #[error("Watchmode did not answer in time")]
    Timeout,
    /// Could not connect or the connection broke.
    #[error("could not reach Watchmode ({0})")]
    Transport(String),
    /// The body was not what Watchmode documents.
    #[error("unreadable Watchmode answer: {0}")]
    Decode(String),
}

/// One search hit.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchHit {
    /// Watchmode's title id.
    pub id: i64,
    /// The name.
    pub name: Option<String>,
    /// The TMDb id.
    pub tmdb_id: Option<i64>,
    /// `movie` or `tv`.
    pub tmdb_type: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SearchAnswer {
    #[serde(default)]
    title_results: Vec<SearchHit>,
}

/// One source of a title.
#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    /// The service's name.
    pub name: String,
    /// `sub`, `rent`, `buy`, `free` or `tve`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The region.
    pub region: Option<String>,
    /// The web link.
    pub web_url: Option<String>,
    /// `SD`, `HD`, `4K`.
    pub format: Option<String>,
    /// For rent and buy.
    pub price: Option<f64>,
}

impl Source {
    /// As an offer; unknown source types give `None`.
    pub fn offer(&self, region: &str) -> Option<Offer> {
        let kind = match self.kind.as_str() {
            "sub" => OfferKind::Subscription,
            "free" => OfferKind::Free,
            "rent" => OfferKind::Rent,
            "buy" => OfferKind::Buy,
            "tve" => OfferKind::TvEverywhere,
            _ => return None,
        };
        Some(Offer {
            service: self.name.trim().to_owned(),
            kind,
            format: self.format.clone().filter(|f| !f.is_empty()),
            price: self.price,
            // The documentation's examples keep HTML escaping in links.
            web_url: self.web_url.as_deref().filter(|u| u.starts_with("http")).map(|u| u.replace("&amp;", "&")),
            region: self.region.clone().unwrap_or_else(|| region.to_owned()),
        })
    }
}

/// Watchmode ids by kind and TMDb id; `None` remembers that Watchmode does not know the title.
type Resolutions = HashMap<(MediaKind, i64), Option<i64>>;

/// The Watchmode client and availability provider. Cheap to clone: clones share the resolutions.
#[derive(Clone)]
pub struct Watchmode {
    http: reqwest::Client,
    config: Arc<WatchmodeConfig>,
    resolved: Arc<RwLock<Resolutions>>,
}

impl fmt::Debug for Watchmode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watchmode").field("config", &self.config).finish_non_exhaustive()
    }
}

fn transport(err: &reqwest::Error) -> WatchmodeError {
    if err.is_timeout() {
        WatchmodeError::Timeout
    } else if err.is_connect() {
        WatchmodeError::Transport("connection failed".to_owned())
    } else {
        WatchmodeError::Transport("request failed".to_owned())
    }
}

impl Watchmode {
    /// A client with these settings.
    ///
    /// # Errors
    /// [`WatchmodeError::Transport`] when the TLS backend cannot start.
    pub fn new(config: WatchmodeConfig) -> Result<Self, WatchmodeError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .user_agent(concat!("marquee/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| transport(&e.without_url()))?;
        Ok(Self { http, config: Arc::new(config), resolved: Arc::default() })
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, WatchmodeError> {
        let url = format!("{}{path}", self.config.base_url.trim_end_matches('/'));
        let response = self
            .http
            .get(url)
            .query(query)
            .query(&[("apiKey", self.config.api_key.expose_secret())])
            .send()
            .await
            .map_err(|e| transport(&e.without_url()))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let body = response.bytes().await.map_err(|e| transport(&e.without_url()))?;
        match status {
            s if s.is_success() => serde_json::from_slice(&body).map_err(|e| WatchmodeError::Decode(e.to_string())),
            StatusCode::UNAUTHORIZED => Err(WatchmodeError::Unauthorized),
            StatusCode::PAYMENT_REQUIRED => Err(WatchmodeError::QuotaExceeded),
            StatusCode::TOO_MANY_REQUESTS => Err(WatchmodeError::RateLimited { retry_after_secs: retry_after }),
            StatusCode::NOT_FOUND => Err(WatchmodeError::NotFound),
            s => Err(WatchmodeError::Status { status: s.as_u16() }),
        }
    }

    /// Watchmode's id for a movie or show with this TMDb id, if it knows it.
    ///
    /// # Errors
    /// Any [`WatchmodeError`].
    pub async fn resolve(&self, kind: MediaKind, tmdb_id: i64) -> Result<Option<i64>, WatchmodeError> {
        if let Some(hit) = self.resolved.read().await.get(&(kind, tmdb_id)) {
            return Ok(*hit);
        }
        let (field, tmdb_type) = match kind {
            MediaKind::Movie => ("tmdb_movie_id", "movie"),
            MediaKind::Show => ("tmdb_tv_id", "tv"),
            MediaKind::Book | MediaKind::Play => return Ok(None),
        };
        let id = tmdb_id.to_string();
        let answer: SearchAnswer = self.get("/search/", &[("search_field", field), ("search_value", &id)]).await?;
        let hit = answer
            .title_results
            .iter()
            .find(|h| h.tmdb_id == Some(tmdb_id) && h.tmdb_type.as_deref().is_none_or(|t| t == tmdb_type))
            .map(|h| h.id);
        self.resolved.write().await.insert((kind, tmdb_id), hit);
        Ok(hit)
    }

    /// A title's sources in a region.
    ///
    /// # Errors
    /// Any [`WatchmodeError`].
    pub async fn sources(&self, watchmode_id: i64, region: &str) -> Result<Vec<Source>, WatchmodeError> {
        self.get(&format!("/title/{watchmode_id}/sources/"), &[("regions", region)]).await
    }
}

fn provider_error(err: WatchmodeError) -> ProviderError {
    match err {
        WatchmodeError::Unauthorized => ProviderError::Unauthorized,
        WatchmodeError::QuotaExceeded => ProviderError::QuotaExceeded,
        WatchmodeError::RateLimited { retry_after_secs } => ProviderError::RateLimited { retry_after_secs },
        WatchmodeError::Timeout => ProviderError::Timeout,
        other => ProviderError::Unavailable(other.to_string()),
    }
}

#[async_trait]
impl AvailabilityProvider for Watchmode {
    fn name(&self) -> &'static str {
        "watchmode"
    }

    fn attribution(&self) -> Option<&'static str> {
        Some("Streaming data by Watchmode (https://www.watchmode.com)")
    }

    async fn offers(&self, title: &TitleRef, region: &Region) -> Result<Vec<Offer>, ProviderError> {
        let Some(tmdb_id) = title.tmdb_id else { return Ok(Vec::new()) };
        let result = async {
            let Some(id) = self.resolve(title.kind, tmdb_id).await? else { return Ok(Vec::new()) };
            let sources = self.sources(id, region.as_str()).await?;
            Ok(sources
                .iter()
                .filter(|s| s.region.as_deref().is_none_or(|r| r.eq_ignore_ascii_case(region.as_str())))
                .filter_map(|s| s.offer(region.as_str()))
                .collect())
        }
        .await;
        match result {
            Err(WatchmodeError::NotFound) => Ok(Vec::new()),
            Err(err) => {
                tracing::warn!(error = %err, tmdb_id, "Watchmode failed");
                Err(provider_error(err))
            }
            Ok(offers) => Ok(offers),
        }
    }
}
