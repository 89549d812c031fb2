//! Streaming availability: where a title can be watched, from several providers, cached with a TTL.
//!
//! [`AvailabilityProvider`]s (Watchmode, TMDb's JustWatch data) answer offers per title and region. The
//! [`AvailabilityService`] answers from the [`AvailabilityStore`] cache while an entry is younger than the TTL,
//! asks the providers otherwise, and falls back to the stale entry (with its age) when a provider fails. Offers
//! are merged across providers by service, type and format. Nothing here ever fails because of a provider: with
//! none configured and nothing cached, the answer is an empty list with a note.
//!
//! A user's services ([`UserServices`]) say which services the user subscribes to; list endpoints keep only
//! titles the cache says are streamable on one of them ([`AvailabilityStore::streamable`]).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::MediaRepository;
use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaItem, MediaKind};
use crate::user::UserId;

/// An ISO 3166-1 alpha-2 region code, upper case (`US`, `FR`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Region(String);

impl Region {
    /// Validates a two-letter code, any case.
    pub fn new(code: &str) -> Result<Self, FieldError> {
        let code = code.trim();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(FieldError::new("region", "must be a two-letter country code such as US"))
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How an offer lets you watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferKind {
    /// Included in a subscription.
    Subscription,
    /// Free.
    Free,
    /// Free with ads.
    Ads,
    /// Rent.
    Rent,
    /// Buy.
    Buy,
    /// With a TV provider's login ("TV Everywhere").
    TvEverywhere,
}

impl OfferKind {
    /// Whether a subscriber of the service can watch without paying per title.
    pub fn streamable(self) -> bool {
        matches!(self, OfferKind::Subscription | OfferKind::Free | OfferKind::Ads)
    }
}

/// One way to watch a title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// The service's name as the provider spells it (`Netflix`).
    pub service: String,
    /// How.
    pub kind: OfferKind,
    /// `SD`, `HD`, `4K`, when known.
    pub format: Option<String>,
    /// The price in the region's currency, for rent and buy.
    pub price: Option<f64>,
    /// Where to watch (a provider page when the service's own link is not known).
    pub web_url: Option<String>,
    /// The region.
    pub region: String,
}

/// A service name compared case- and space-insensitively (`HBO Max` = `hbo max`).
pub fn service_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// What a provider needs to look a title up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleRef {
    /// Movie or show (others have no providers).
    pub kind: MediaKind,
    /// The TMDb id.
    pub tmdb_id: Option<i64>,
    /// The IMDb id.
    pub imdb_id: Option<String>,
}

/// Why a provider gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The plan's quota is used up (Watchmode answers 402).
    #[error("the provider's quota is used up")]
    QuotaExceeded,
    /// Too many requests.
    #[error("the provider is rate limiting us")]
    RateLimited {
        /// The `Retry-After` it sent, when it did.
        retry_after_secs: Option<u64>,
    },
    /// The credentials were refused.
    #[error("the provider refused the credentials")]
    Unauthorized,
    /// No answer in time.
    #[error("the provider did not answer in time")]
    Timeout,
    /// Down, a 5xx, a transport failure or an unreadable answer. The text never holds a credential.
    #[error("the provider is unavailable: {0}")]
    Unavailable(String),
}

/// A source of streaming availability.
#[async_trait]
pub trait AvailabilityProvider: Send + Sync {
    /// A short stable name (`watchmode`, `tmdb`): the cache key and what answers show.
    fn name(&self) -> &'static str;

    /// The credit the provider's terms require next to its data, if any.
    fn attribution(&self) -> Option<&'static str>;

    /// The offers for a title in a region. A title the provider does not know is `Ok(vec![])`.
    ///
    /// # Errors
    /// Any [`ProviderError`]; the service falls back to the cache.
    async fn offers(&self, title: &TitleRef, region: &Region) -> Result<Vec<Offer>, ProviderError>;
}

/// One provider's cached answer for a title and region.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedOffers {
    /// The provider's name.
    pub provider: String,
    /// Its offers.
    pub offers: Vec<Offer>,
    /// When it answered.
    pub fetched_at: DateTime<Utc>,
}

/// The services a user subscribes to, in one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserServices {
    /// The region.
    pub region: Region,
    /// Service names, distinct (case-insensitively), 0 to 50 of 1 to 100 characters.
    pub services: Vec<String>,
}

impl UserServices {
    /// Validates a region and a list of services, reporting every problem at once.
    pub fn new(region: &str, services: Vec<String>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let region = Region::new(region).map_err(|e| errors.push(e)).ok();
        if services.len() > 50 {
            errors.push(FieldError::new("services", "must list at most 50 services"));
        }
        let mut seen = HashSet::new();
        let mut kept = Vec::new();
        for (i, name) in services.into_iter().enumerate() {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty() || name.chars().count() > 100 {
                errors.push(FieldError::new(format!("services[{i}]"), "must be 1 to 100 characters"));
            } else if seen.insert(service_key(&name)) {
                kept.push(name);
            }
        }
        match region {
            Some(region) if errors.is_empty() => Ok(Self { region, services: kept }),
            _ => Err(errors),
        }
    }
}

/// The availability cache and the users' services.
#[async_trait]
pub trait AvailabilityStore: Send + Sync {
    /// Every provider's cached answer for a title and region, whatever its age.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn cached(&self, media: MediaId, region: &Region) -> Result<Vec<CachedOffers>, StoreError>;

    /// Stores (or replaces) one provider's answer for a title and region.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn store(&self, media: MediaId, region: &Region, entry: &CachedOffers) -> Result<(), StoreError>;

    /// Of `media`, the titles with a cached offer in `region` that a subscriber of one of `services` can watch
    /// (subscription, free or ads; compared by [`service_key`]). Titles with nothing cached are not included.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn streamable(
        &self,
        media: &[MediaId],
        region: &Region,
        services: &[String],
    ) -> Result<HashSet<MediaId>, StoreError>;

    /// Replaces a user's services.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only (an unknown user is a storage failure too).
    async fn set_services(&self, user: UserId, services: &UserServices) -> Result<(), StoreError>;

    /// A user's services, if they set them.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn services(&self, user: UserId) -> Result<Option<UserServices>, StoreError>;
}

/// Where one provider's part of an answer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceState {
    /// Asked just now.
    Live,
    /// From the cache, younger than the TTL.
    Cached,
    /// From the cache, older than the TTL, because the provider failed (or is no longer configured).
    Stale,
    /// The provider failed and nothing was cached.
    Failed,
}

/// One provider's part of an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceReport {
    /// The provider.
    pub provider: String,
    /// Where its part came from.
    pub state: SourceState,
    /// When the provider answered, if it ever did.
    pub fetched_at: Option<DateTime<Utc>>,
    /// Why it failed now, if it did.
    pub error: Option<String>,
}

/// An offer with the providers that reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedOffer {
    /// The offer (the first provider's details).
    pub offer: Offer,
    /// The providers reporting it.
    pub providers: Vec<String>,
}

/// Where a title can be watched in a region.
#[derive(Debug, Clone, PartialEq)]
pub struct Availability {
    /// The title.
    pub media: MediaId,
    /// The region.
    pub region: Region,
    /// The offers, merged across providers, by service then kind.
    pub offers: Vec<MergedOffer>,
    /// Each provider's part.
    pub sources: Vec<SourceReport>,
    /// The credits the providers' terms require.
    pub attributions: Vec<String>,
    /// A remark for the client when the answer is partial or empty for a known reason.
    pub note: Option<String>,
}

/// Why availability could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum AvailabilityError {
    /// No such title.
    #[error("media item not found")]
    NotFound,
    /// Invalid input.
    #[error("invalid availability input")]
    Invalid(Vec<FieldError>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The availability use cases.
#[derive(Clone)]
pub struct AvailabilityService {
    media: Arc<dyn MediaRepository>,
    store: Arc<dyn AvailabilityStore>,
    providers: Vec<Arc<dyn AvailabilityProvider>>,
    ttl: Duration,
}

impl fmt::Debug for AvailabilityService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.providers.iter().map(|p| p.name()).collect();
        f.debug_struct("AvailabilityService").field("providers", &names).field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

impl AvailabilityService {
    /// A service over a cache and the configured providers (possibly none); entries younger than `ttl` are served
    /// without asking.
    pub fn new(
        media: Arc<dyn MediaRepository>,
        store: Arc<dyn AvailabilityStore>,
        providers: Vec<Arc<dyn AvailabilityProvider>>,
        ttl: Duration,
    ) -> Self {
        Self { media, store, providers, ttl }
    }

    /// Where a title can be watched in `region`.
    ///
    /// # Errors
    /// `NotFound` for an unknown title; `Store` when the cache fails. Provider failures are never errors.
    pub async fn for_media(&self, id: MediaId, region: &Region) -> Result<Availability, AvailabilityError> {
        let item = self.media.get(id).await?.ok_or(AvailabilityError::NotFound)?;
        let mut cached: HashMap<String, CachedOffers> =
            self.store.cached(id, region).await?.into_iter().map(|c| (c.provider.clone(), c)).collect();
        let now = Utc::now();
        let title = title_ref(&item);
        let mut parts: Vec<(SourceReport, Vec<Offer>)> = Vec::new();
        let mut attributions = Vec::new();
        let mut note = None;
        for provider in &self.providers {
            let name = provider.name();
            let entry = cached.remove(name);
            let fresh = entry.as_ref().is_some_and(|e| now - e.fetched_at < self.ttl);
            let part = match (entry, fresh, &title) {
                (Some(e), true, _) => (report(name, SourceState::Cached, Some(e.fetched_at), None), e.offers),
                // Books and plays, and titles without a TMDb id: providers cannot look them up.
                (entry, _, None) => {
                    note = Some("the providers know movies and shows by their TMDb id; this title has none".into());
                    match entry {
                        Some(e) => (report(name, SourceState::Stale, Some(e.fetched_at), None), e.offers),
                        None => continue,
                    }
                }
                (entry, _, Some(title)) => match provider.offers(title, region).await {
                    Ok(offers) => {
                        let fresh = CachedOffers { provider: name.to_owned(), offers, fetched_at: Utc::now() };
                        self.store.store(id, region, &fresh).await?;
                        (report(name, SourceState::Live, Some(fresh.fetched_at), None), fresh.offers)
                    }
                    Err(err) => match entry {
                        Some(e) => {
                            (report(name, SourceState::Stale, Some(e.fetched_at), Some(err.to_string())), e.offers)
                        }
                        None => (report(name, SourceState::Failed, None, Some(err.to_string())), vec![]),
                    },
                },
            };
            if let Some(credit) = provider.attribution()
                && part.0.state != SourceState::Failed
            {
                attributions.push(credit.to_owned());
            }
            parts.push(part);
        }
        // Answers of providers no longer configured still say something: serve them as stale.
        let mut leftovers: Vec<CachedOffers> = cached.into_values().collect();
        leftovers.sort_by(|a, b| a.provider.cmp(&b.provider));
        for e in leftovers {
            if e.provider == "tmdb" {
                attributions.push(JUSTWATCH_ATTRIBUTION.to_owned());
            }
            parts.push((report(&e.provider, SourceState::Stale, Some(e.fetched_at), None), e.offers));
        }
        if self.providers.is_empty() && note.is_none() {
            note = Some(if parts.is_empty() {
                "no availability provider is configured and nothing is cached for this title".to_owned()
            } else {
                "no availability provider is configured: this is the cached answer".to_owned()
            });
        }
        let offers = merge_offers(parts.iter().map(|(r, o)| (r.provider.as_str(), o.as_slice())));
        Ok(Availability {
            media: id,
            region: region.clone(),
            offers,
            sources: parts.into_iter().map(|(r, _)| r).collect(),
            attributions,
            note,
        })
    }

    /// A user's services.
    ///
    /// # Errors
    /// `Store` on storage failure.
    pub async fn services(&self, user: UserId) -> Result<Option<UserServices>, AvailabilityError> {
        Ok(self.store.services(user).await?)
    }

    /// Replaces a user's services.
    ///
    /// # Errors
    /// `Store` on storage failure.
    pub async fn set_services(&self, user: UserId, services: &UserServices) -> Result<(), AvailabilityError> {
        Ok(self.store.set_services(user, services).await?)
    }

    /// Of `media`, what `user` can stream on their services according to the cache. A user without services
    /// can stream nothing.
    ///
    /// # Errors
    /// `Store` on storage failure.
    pub async fn streamable_for(&self, user: UserId, media: &[MediaId]) -> Result<HashSet<MediaId>, AvailabilityError> {
        match self.store.services(user).await? {
            Some(s) if !s.services.is_empty() => Ok(self.store.streamable(media, &s.region, &s.services).await?),
            _ => Ok(HashSet::new()),
        }
    }
}

/// The credit TMDb's terms require for its watch-provider data, which comes from JustWatch.
pub const JUSTWATCH_ATTRIBUTION: &str = "Streaming availability data provided by JustWatch (https://www.justwatch.com)";

fn report(
    provider: &str,
    state: SourceState,
    fetched_at: Option<DateTime<Utc>>,
    error: Option<String>,
) -> SourceReport {
    SourceReport { provider: provider.to_owned(), state, fetched_at, error }
}

fn title_ref(item: &MediaItem) -> Option<TitleRef> {
    match item.kind {
        MediaKind::Movie | MediaKind::Show if item.tmdb_id.is_some() => {
            Some(TitleRef { kind: item.kind, tmdb_id: item.tmdb_id, imdb_id: item.imdb_id.clone() })
        }
        _ => None,
    }
}

/// Offers merged by (service, kind, format), in a stable order: service name, then kind, then format.
fn merge_offers<'a>(parts: impl Iterator<Item = (&'a str, &'a [Offer])>) -> Vec<MergedOffer> {
    let mut merged: Vec<MergedOffer> = Vec::new();
    let mut index: HashMap<(String, OfferKind, Option<String>), usize> = HashMap::new();
    for (provider, offers) in parts {
        for offer in offers {
            let key = (service_key(&offer.service), offer.kind, offer.format.as_deref().map(str::to_uppercase));
            if let Some(&i) = index.get(&key) {
                {
                    let m = &mut merged[i];
                    if !m.providers.iter().any(|p| p == provider) {
                        m.providers.push(provider.to_owned());
                    }
                    if m.offer.price.is_none() {
                        m.offer.price = offer.price;
                    }
                    if m.offer.web_url.is_none() {
                        m.offer.web_url.clone_from(&offer.web_url);
                    }
                }
            } else {
                index.insert(key, merged.len());
                merged.push(MergedOffer { offer: offer.clone(), providers: vec![provider.to_owned()] });
            }
        }
    }
    merged.sort_by(|a, b| {
        (service_key(&a.offer.service), a.offer.kind as u8, &a.offer.format).cmp(&(
            service_key(&b.offer.service),
            b.offer.kind as u8,
            &b.offer.format,
        ))
    });
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(service: &str, kind: OfferKind, format: Option<&str>, url: Option<&str>) -> Offer {
        Offer {
            service: service.into(),
            kind,
            format: format.map(Into::into),
            price: None,
            web_url: url.map(Into::into),
            region: "US".into(),
        }
    }

    #[test]
    fn regions_are_two_letters() {
        assert_eq!(Region::new(" us ").unwrap().as_str(), "US");
        assert!(Region::new("USA").is_err());
        assert!(Region::new("1A").is_err());
    }

    #[test]
    fn services_are_validated_and_deduplicated() {
        let s = UserServices::new("fr", vec!["Netflix".into(), " netflix ".into(), "HBO  Max".into()]).unwrap();
        assert_eq!(s.services, ["Netflix", "HBO Max"]);
        let errors = UserServices::new("France", vec![String::new()]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["region", "services[0]"]);
    }

    #[test]
    fn offers_merge_by_service_kind_and_format() {
        let a = [offer("Netflix", OfferKind::Subscription, Some("HD"), None)];
        let b = [
            offer("netflix", OfferKind::Subscription, Some("hd"), Some("https://netflix.example")),
            offer("Apple TV", OfferKind::Buy, Some("4K"), None),
        ];
        let merged = merge_offers([("watchmode", &a[..]), ("tmdb", &b[..])].into_iter());
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].offer.service, "Apple TV");
        assert_eq!(merged[1].providers, ["watchmode", "tmdb"]);
        assert_eq!(merged[1].offer.web_url.as_deref(), Some("https://netflix.example"));
    }

    #[test]
    fn only_subscription_free_and_ads_are_streamable() {
        assert!(OfferKind::Ads.streamable() && OfferKind::Free.streamable() && OfferKind::Subscription.streamable());
        assert!(!OfferKind::Rent.streamable() && !OfferKind::Buy.streamable() && !OfferKind::TvEverywhere.streamable());
    }
}
