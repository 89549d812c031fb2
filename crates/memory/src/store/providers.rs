//! The provider-facing ports in memory: [`CatalogUpsert`] and [`AvailabilityStore`].

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::Utc;
use marquee_domain::StoreError;
use marquee_domain::availability::{AvailabilityStore, CachedOffers, Region, UserServices, service_key};
use marquee_domain::media::{MediaFields, MediaId, MediaItem};
use marquee_domain::remote::CatalogUpsert;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::MemoryStore;

/// The availability cache and the users' services.
#[derive(Debug, Default)]
pub(crate) struct ProviderState {
    cache: HashMap<(MediaId, Region, String), CachedOffers>,
    services: HashMap<UserId, UserServices>,
}

impl ProviderState {
    /// Forgets a deleted account's services.
    pub(crate) fn forget(&mut self, user: UserId) {
        self.services.remove(&user);
    }
}

/// What an upsert would store over `item`: the remote fields, keeping a known IMDb id and merging attributes.
fn refreshed(item: &MediaItem, f: &MediaFields) -> MediaItem {
    let mut attributes = item.attributes.clone();
    if let (Some(old), Some(new)) = (attributes.as_object_mut(), f.attributes.as_object()) {
        old.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    MediaItem {
        title: f.title.clone(),
        original_title: f.original_title.clone(),
        year: f.year,
        overview: f.overview.clone(),
        genres: f.genres.clone(),
        poster_path: f.poster_path.clone(),
        imdb_id: f.imdb_id.clone().or_else(|| item.imdb_id.clone()),
        attributes,
        ..item.clone()
    }
}

#[async_trait]
impl CatalogUpsert for MemoryStore {
    async fn upsert_remote(&self, items: &[MediaFields]) -> Result<Vec<MediaItem>, StoreError> {
        let mut state = self.lock();
        let mut out: Vec<MediaItem> = Vec::new();
        for f in items {
            // Films and shows are keyed by TMDb id, Open Library's books by work key.
            let existing = match (f.tmdb_id, f.openlibrary_key()) {
                (Some(tmdb_id), _) => state.media.values().find(|m| m.kind == f.kind && m.tmdb_id == Some(tmdb_id)),
                (None, Some(work)) => state
                    .media
                    .values()
                    .find(|m| m.kind == f.kind && marquee_domain::book::work_key(&m.attributes) == Some(work)),
                (None, None) => continue,
            }
            .cloned();
            let stored = match existing {
                Some(item) if item.created_by.is_some() => item,
                Some(item) => {
                    let mut next = refreshed(&item, f);
                    if next != item {
                        next.updated_at = Utc::now();
                        state.media.insert(next.id, next.clone());
                    }
                    next
                }
                None => {
                    let now = Utc::now();
                    let item = MediaItem {
                        id: MediaId(Uuid::now_v7()),
                        kind: f.kind,
                        title: f.title.clone(),
                        original_title: f.original_title.clone(),
                        year: f.year,
                        overview: f.overview.clone(),
                        genres: f.genres.clone(),
                        poster_path: f.poster_path.clone(),
                        tmdb_id: f.tmdb_id,
                        imdb_id: f.imdb_id.clone(),
                        attributes: f.attributes.clone(),
                        created_by: None,
                        created_at: now,
                        updated_at: now,
                    };
                    state.media.insert(item.id, item.clone());
                    item
                }
            };
            if !out.iter().any(|m| m.id == stored.id) {
                out.push(stored);
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl AvailabilityStore for MemoryStore {
    async fn cached(&self, media: MediaId, region: &Region) -> Result<Vec<CachedOffers>, StoreError> {
        let state = self.lock();
        let mut found: Vec<CachedOffers> = state
            .providers
            .cache
            .iter()
            .filter(|((m, r, _), _)| *m == media && r == region)
            .map(|(_, c)| c.clone())
            .collect();
        found.sort_by(|a, b| a.provider.cmp(&b.provider));
        Ok(found)
    }

    async fn store(&self, media: MediaId, region: &Region, entry: &CachedOffers) -> Result<(), StoreError> {
        let mut state = self.lock();
        if !state.media.contains_key(&media) {
            return Err(StoreError::new(format!("no media item {media}")));
        }
        state.providers.cache.insert((media, region.clone(), entry.provider.clone()), entry.clone());
        Ok(())
    }

    async fn streamable(
        &self,
        media: &[MediaId],
        region: &Region,
        services: &[String],
    ) -> Result<HashSet<MediaId>, StoreError> {
        let keys: HashSet<String> = services.iter().map(|s| service_key(s)).collect();
        let wanted: HashSet<MediaId> = media.iter().copied().collect();
        let state = self.lock();
        Ok(state
            .providers
            .cache
            .iter()
            .filter(|((m, r, _), c)| {
                wanted.contains(m)
                    && r == region
                    && c.offers.iter().any(|o| o.kind.streamable() && keys.contains(&service_key(&o.service)))
            })
            .map(|((m, _, _), _)| *m)
            .collect())
    }

    async fn set_services(&self, user: UserId, services: &UserServices) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.account(user)?;
        state.providers.services.insert(user, services.clone());
        Ok(())
    }

    async fn services(&self, user: UserId) -> Result<Option<UserServices>, StoreError> {
        Ok(self.lock().providers.services.get(&user).cloned())
    }
}
