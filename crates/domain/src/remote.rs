//! The remote catalogs (TMDb; Open Library for books) behind a port, and the local-first search that uses them.
//!
//! [`LocalFirstSearch`] asks the local store first. Only when the first page has fewer hits than asked for does it
//! ask the [`RemoteCatalog`], upsert what comes back through [`CatalogUpsert`] (deduplicated by kind + TMDb id, or a book's Open Library work key,
//! never overwriting an entry a user made by hand), and answer the local and remote hits merged. A remote failure,
//! a timeout (the adapter bounds its own wait) or a missing configuration never fails the search: the answer is
//! the local hits with [`RemoteStatus::Skipped`]. The same query is not sent again within the cache TTL
//! (in-process memory; see docs/providers.md).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use crate::catalog::{MediaHit, MediaRepository};
use crate::error::StoreError;
use crate::media::{MediaFields, MediaId, MediaItem, MediaKind, SearchQuery};
use crate::page::Page;

/// Why the remote catalog gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoteError {
    /// No credentials are configured.
    #[error("the remote catalog is not configured")]
    NotConfigured,
    /// The credentials were refused.
    #[error("the remote catalog refused the credentials")]
    Unauthorized,
    /// The thing asked for does not exist there.
    #[error("not found in the remote catalog")]
    NotFound,
    /// Too many requests; try again after this many seconds, when known.
    #[error("the remote catalog is rate limiting us")]
    RateLimited {
        /// The `Retry-After` the provider sent.
        retry_after_secs: Option<u64>,
    },
    /// No answer in time.
    #[error("the remote catalog did not answer in time")]
    Timeout,
    /// Down, a 5xx, a transport failure or an answer we could not read. The text never holds a credential.
    #[error("the remote catalog is unavailable: {0}")]
    Unavailable(String),
}

/// A catalog on the network (TMDb, Open Library): search only, for the local-first search.
#[async_trait]
pub trait RemoteCatalog: Send + Sync {
    /// Up to `limit` titles (never people) matching `text`, of `kind` when given, as validated catalog fields
    /// carrying the provider's key (a TMDb id, an Open Library work key). Implementations bound their own wait.
    ///
    /// # Errors
    /// Any [`RemoteError`]; callers treat all of them as "skip the remote part".
    async fn search(&self, text: &str, kind: Option<MediaKind>, limit: u32) -> Result<Vec<MediaFields>, RemoteError>;
}

/// Writes remote titles into the local catalog.
#[async_trait]
pub trait CatalogUpsert: Send + Sync {
    /// Inserts each item, or refreshes the existing item of the same kind + TMDb id (a book: the same Open Library
    /// work key, [`MediaFields::openlibrary_key`]), in one transaction. An item a user created by hand
    /// (`created_by` set) is left as it is. Items with neither key are skipped. Returns the stored items of every
    /// given key, in input order, deduplicated.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn upsert_remote(&self, items: &[MediaFields]) -> Result<Vec<MediaItem>, StoreError>;
}

/// What the remote part of a search did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteStatus {
    /// The local hits were enough (or a later page was asked for): the remote catalog was not asked.
    NotNeeded,
    /// The remote catalog answered; this many titles were upserted.
    Fetched {
        /// Titles the answer held.
        titles: usize,
    },
    /// The same query was sent within the cache TTL: the catalog already holds its answer.
    Cached,
    /// The remote catalog was skipped for this reason; the answer is the local hits only.
    Skipped {
        /// Why (not configured, timed out, unavailable, …). Never holds a credential.
        reason: String,
    },
}

/// A search answer and what the remote part did.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOutcome {
    /// The merged hits.
    pub page: Page<MediaHit>,
    /// The remote part.
    pub remote: RemoteStatus,
}

/// A search remembered by the cache: lower-cased text and kind.
type QueryKey = (String, Option<MediaKind>);

/// One remote catalog, the writer of its titles, and how long a query it answered is not sent again.
#[derive(Clone)]
struct Source {
    remote: Arc<dyn RemoteCatalog>,
    upsert: Arc<dyn CatalogUpsert>,
    ttl: Duration,
}

/// The local-first search: local hits, then a remote catalog when they are too few: Open Library for books (when
/// configured), TMDb for everything else.
#[derive(Clone)]
pub struct LocalFirstSearch {
    media: Arc<dyn MediaRepository>,
    films: Option<Source>,
    books: Option<Source>,
    asked: Arc<Mutex<HashMap<QueryKey, DateTime<Utc>>>>,
}

impl fmt::Debug for LocalFirstSearch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalFirstSearch")
            .field("remote", &self.films.is_some())
            .field("books", &self.books.is_some())
            .finish_non_exhaustive()
    }
}

/// Most distinct queries remembered; the oldest are forgotten first.
const MAX_REMEMBERED: usize = 10_000;

impl LocalFirstSearch {
    /// Local search only: every answer says the remote part was skipped as not configured.
    pub fn local(media: Arc<dyn MediaRepository>) -> Self {
        Self { media, films: None, books: None, asked: Arc::default() }
    }

    /// Local-first search over `remote` (TMDb: movies and shows), writing its answers through `upsert`; a query
    /// is not sent again within `ttl`.
    pub fn new(
        media: Arc<dyn MediaRepository>,
        remote: Arc<dyn RemoteCatalog>,
        upsert: Arc<dyn CatalogUpsert>,
        ttl: Duration,
    ) -> Self {
        Self { media, films: Some(Source { remote, upsert, ttl }), books: None, asked: Arc::default() }
    }

    /// Searches for `kind=book` reach `books` (Open Library) instead, with the same fallback, cache and fault
    /// rules.
    #[must_use]
    pub fn with_books(mut self, books: Arc<dyn RemoteCatalog>, upsert: Arc<dyn CatalogUpsert>, ttl: Duration) -> Self {
        self.books = Some(Source { remote: books, upsert, ttl });
        self
    }

    /// Searches; never fails because of the remote catalog.
    ///
    /// # Errors
    /// [`StoreError`] when the local store fails.
    pub async fn search(&self, query: &SearchQuery) -> Result<SearchOutcome, StoreError> {
        let local = self.media.search(query).await?;
        let wanted = query.page.limit() as usize;
        if query.page.offset() > 0 || local.items.len() >= wanted {
            return Ok(SearchOutcome { page: local, remote: RemoteStatus::NotNeeded });
        }
        let source = if query.kind == Some(MediaKind::Book) { &self.books } else { &self.films };
        let Some(Source { remote, upsert, ttl }) = source else {
            return Ok(SearchOutcome {
                page: local,
                remote: RemoteStatus::Skipped { reason: RemoteError::NotConfigured.to_string() },
            });
        };
        let key = (query.text.to_lowercase(), query.kind);
        if self.recently_asked(&key, *ttl) {
            return Ok(SearchOutcome { page: local, remote: RemoteStatus::Cached });
        }
        let fields = match remote.search(&query.text, query.kind, query.page.limit()).await {
            Ok(fields) => fields,
            Err(err) => {
                return Ok(SearchOutcome { page: local, remote: RemoteStatus::Skipped { reason: err.to_string() } });
            }
        };
        let stored = upsert.upsert_remote(&fields).await?;
        self.remember(key, *ttl);
        // The upserted titles that the local search now finds keep its relevance; the rest follow in the remote
        // catalog's order, below every local hit.
        let local = self.media.search(query).await?;
        Ok(SearchOutcome { page: merge(local, stored, wanted), remote: RemoteStatus::Fetched { titles: fields.len() } })
    }

    fn recently_asked(&self, key: &QueryKey, ttl: Duration) -> bool {
        let asked = self.asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        asked.get(key).is_some_and(|at| Utc::now() - *at < ttl)
    }

    fn remember(&self, key: QueryKey, ttl: Duration) {
        let mut asked = self.asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if asked.len() >= MAX_REMEMBERED {
            let now = Utc::now();
            asked.retain(|_, at| now - *at < ttl);
            if asked.len() >= MAX_REMEMBERED {
                asked.clear();
            }
        }
        asked.insert(key, Utc::now());
    }
}

/// The local page, then the remote titles it lacks (in their order, with a relevance below every local hit), cut
/// to `wanted`. The total counts both.
fn merge(local: Page<MediaHit>, remote: Vec<MediaItem>, wanted: usize) -> Page<MediaHit> {
    let mut seen: HashSet<MediaId> = local.items.iter().map(|h| h.item.id).collect();
    let floor = local.items.iter().map(|h| h.relevance).fold(f32::INFINITY, f32::min).min(1.0);
    let extra: Vec<MediaItem> = remote.into_iter().filter(|item| seen.insert(item.id)).collect();
    let total = local.total + extra.len() as u64;
    let mut items = local.items;
    let step = floor / (extra.len() as f32 + 1.0);
    for (i, item) in extra.into_iter().enumerate() {
        items.push(MediaHit { item, relevance: floor - step * (i as f32 + 1.0) });
    }
    items.truncate(wanted);
    Page { items, total, request: local.request }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::page::PageRequest;

    fn item(title: &str) -> MediaItem {
        MediaItem {
            id: MediaId(uuid::Uuid::now_v7()),
            kind: MediaKind::Movie,
            title: title.into(),
            original_title: None,
            year: None,
            overview: None,
            genres: vec![],
            poster_path: None,
            tmdb_id: None,
            imdb_id: None,
            attributes: serde_json::json!({}),
            created_by: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn merge_keeps_local_hits_first_and_drops_duplicates() {
        let a = item("Alien");
        let b = item("Aliens");
        let local = Page {
            items: vec![MediaHit { item: a.clone(), relevance: 1.5 }],
            total: 1,
            request: PageRequest::default(),
        };
        let merged = merge(local, vec![a.clone(), b.clone()], 20);
        let titles: Vec<&str> = merged.items.iter().map(|h| h.item.title.as_str()).collect();
        assert_eq!(titles, ["Alien", "Aliens"]);
        assert_eq!(merged.total, 2);
        assert!(merged.items[1].relevance < merged.items[0].relevance);
    }

    #[test]
    fn merge_cuts_to_the_page_size() {
        let local = Page { items: vec![], total: 0, request: PageRequest::new(Some(1), None).unwrap() };
        let merged = merge(local, vec![item("A"), item("B")], 1);
        assert_eq!(merged.items.len(), 1);
        assert_eq!(merged.total, 2);
        assert!(merged.items[0].relevance > 0.0);
    }
}
