//! The catalog use cases: search, read, manual entry, admin edits and merges.
//!
//! Search is local-first: this service asks the local store. The remote fallback (TMDb) plugs in here, behind its
//! own port, when the catalog has fewer local hits than asked for.

use std::fmt;
use std::sync::Arc;

use crate::error::{FieldError, StoreError};
use crate::media::{MediaFields, MediaId, MediaItem, SearchQuery};
use crate::page::Page;
use crate::ports::{MediaHit, MediaRepository, MediaWriteError, MergeReport};
use crate::semantic::CatalogObserver;
use crate::user::User;

/// Why a catalog operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// No such item.
    #[error("media item not found")]
    NotFound,
    /// The caller may not do this (admins only).
    #[error("only admins may do this")]
    Forbidden,
    /// Invalid input.
    #[error("invalid catalog input")]
    Invalid(Vec<FieldError>),
    /// Another item of the same kind has this TMDb id.
    #[error("another {kind} has TMDb id {tmdb_id}")]
    DuplicateTmdbId {
        /// The kind.
        kind: String,
        /// The TMDb id.
        tmdb_id: i64,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<MediaWriteError> for CatalogError {
    fn from(e: MediaWriteError) -> Self {
        match e {
            MediaWriteError::NotFound => CatalogError::NotFound,
            MediaWriteError::DuplicateTmdbId { kind, tmdb_id } => CatalogError::DuplicateTmdbId { kind, tmdb_id },
            MediaWriteError::Store(s) => CatalogError::Store(s),
        }
    }
}

/// The catalog use cases.
#[derive(Clone)]
pub struct CatalogService {
    media: Arc<dyn MediaRepository>,
    observers: Vec<Arc<dyn CatalogObserver>>,
}

impl fmt::Debug for CatalogService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CatalogService").finish_non_exhaustive()
    }
}

impl CatalogService {
    /// A service over a catalog store.
    pub fn new(media: Arc<dyn MediaRepository>) -> Self {
        Self { media, observers: Vec::new() }
    }

    /// Tells `observer` of every item created or updated through this service (the embedding queue, say).
    #[must_use]
    pub fn with_observer(mut self, observer: Arc<dyn CatalogObserver>) -> Self {
        self.observers.push(observer);
        self
    }

    fn changed(&self, item: &MediaItem) {
        for observer in &self.observers {
            observer.changed(item);
        }
    }

    /// Local search, best match first.
    pub async fn search(&self, query: &SearchQuery) -> Result<Page<MediaHit>, CatalogError> {
        Ok(self.media.search(query).await?)
    }

    /// One item.
    pub async fn get(&self, id: MediaId) -> Result<MediaItem, CatalogError> {
        self.media.get(id).await?.ok_or(CatalogError::NotFound)
    }

    /// A manual entry by any signed-in user (plays and books, mostly).
    pub async fn create(&self, actor: &User, fields: MediaFields) -> Result<MediaItem, CatalogError> {
        let item = self.media.create(fields, Some(actor.id)).await?;
        self.changed(&item);
        Ok(item)
    }

    /// Replaces an item's fields (admins only).
    pub async fn update(&self, actor: &User, id: MediaId, fields: MediaFields) -> Result<MediaItem, CatalogError> {
        if !actor.is_admin {
            return Err(CatalogError::Forbidden);
        }
        let item = self.media.update(id, fields).await?;
        self.changed(&item);
        Ok(item)
    }

    /// Folds a duplicate into the item to keep (admins only).
    pub async fn merge(&self, actor: &User, keep: MediaId, duplicate: MediaId) -> Result<MergeReport, CatalogError> {
        if !actor.is_admin {
            return Err(CatalogError::Forbidden);
        }
        if keep == duplicate {
            return Err(CatalogError::Invalid(vec![FieldError::new("duplicate_id", "must differ from the item kept")]));
        }
        Ok(self.media.merge(keep, duplicate).await?)
    }

    /// How many items the catalog holds.
    pub async fn count(&self) -> Result<u64, CatalogError> {
        Ok(self.media.count().await?)
    }
}
