//! [`HttpKeySets`]: the [`KeySetFetcher`] port over HTTP. A JWKS URL is fetched as is; an issuer URL is looked up
//! through OpenID Connect discovery (`<issuer>/.well-known/openid-configuration`, its `jwks_uri`) first. The answer
//! is handed over as published, with its `Cache-Control: max-age` when the server gave one; parsing the keys and
//! deciding what to trust is the caller's.

use std::time::Duration;

use async_trait::async_trait;
use marquee_domain::identity::{FetchError, FetchedKeySet, KeySetFetcher, KeySetSource};
use reqwest::header::CACHE_CONTROL;
use serde::Deserialize;

/// How long one fetch may take: key sets are small, and a slow provider must not hold a sign-in for long.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest key set accepted (real ones are a few KiB).
const MAX_BYTES: usize = 256 * 1024;

/// Fetches key sets with one shared HTTP client.
#[derive(Debug, Clone)]
pub struct HttpKeySets {
    client: reqwest::Client,
}

#[derive(Deserialize)]
struct Discovery {
    jwks_uri: String,
}

impl HttpKeySets {
    /// A fetcher giving each request [`FETCH_TIMEOUT`].
    pub fn new() -> Result<Self, FetchError> {
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .build()
            .map_err(|e| FetchError(format!("the HTTP client could not be built: {e}")))?;
        Ok(Self { client })
    }

    async fn get(&self, url: &str) -> Result<(String, Option<Duration>), FetchError> {
        let response = self.client.get(url).send().await.map_err(|e| FetchError(format!("{url}: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError(format!("{url} answered {status}")));
        }
        let max_age = response.headers().get(CACHE_CONTROL).and_then(|v| v.to_str().ok()).and_then(max_age);
        let body = response.bytes().await.map_err(|e| FetchError(format!("{url}: {e}")))?;
        if body.len() > MAX_BYTES {
            return Err(FetchError(format!("{url} answered more than {MAX_BYTES} bytes")));
        }
        let text = String::from_utf8(body.to_vec()).map_err(|_| FetchError(format!("{url} answered no text")))?;
        Ok((text, max_age))
    }
}

/// The `max-age` of a `Cache-Control` value, if any.
fn max_age(value: &str) -> Option<Duration> {
    value.split(',').find_map(|directive| {
        let (name, seconds) = directive.trim().split_once('=')?;
        name.eq_ignore_ascii_case("max-age").then(|| seconds.trim().parse().ok().map(Duration::from_secs))?
    })
}

#[async_trait]
impl KeySetFetcher for HttpKeySets {
    async fn fetch(&self, source: &KeySetSource) -> Result<FetchedKeySet, FetchError> {
        let jwks_url = match source {
            KeySetSource::Jwks(url) => url.clone(),
            KeySetSource::Discovery(issuer) => {
                let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
                let (body, _) = self.get(&url).await?;
                let discovery: Discovery =
                    serde_json::from_str(&body).map_err(|e| FetchError(format!("{url}: no jwks_uri ({e})")))?;
                discovery.jwks_uri
            }
        };
        let (jwks, max_age) = self.get(&jwks_url).await?;
        tracing::debug!(url = %jwks_url, bytes = jwks.len(), "fetched a key set");
        Ok(FetchedKeySet { jwks, max_age })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_read_from_cache_control() {
        assert_eq!(max_age("public, max-age=3600, must-revalidate"), Some(Duration::from_hours(1)));
        assert_eq!(max_age("MAX-AGE=5"), Some(Duration::from_secs(5)));
        assert_eq!(max_age("no-cache"), None);
        assert_eq!(max_age("max-age=soon"), None);
    }
}
