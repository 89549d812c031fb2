//! A per-process cache of list pages, checked against versions kept in PostgreSQL.
//!
//! A page is stored with the two versions read *before* it was loaded: the user's `list_version` (bumped by the
//! first statement of every list write, in the write's transaction) and the catalog's version (bumped by a
//! trigger on every statement that changes or deletes catalog items, whose titles the pages show). A read fetches
//! both versions with one primary-key lookup and serves the stored page only when they are unchanged, so every
//! instance of the service sees every committed write at once, with no cross-instance messages.
//!
//! Reading the versions before the page is what makes a race harmless: a write that commits in between makes the
//! page newer than its versions, and the next read, seeing the new versions, reloads it. The reverse (an older
//! page under newer versions) cannot happen.
//!
//! The cache holds at most `capacity` pages; when full, an arbitrary entry makes room (hash order, so in effect a
//! random one). A capacity of zero turns it off.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use marquee_domain::page::Page;
use marquee_domain::ranking::{RankedTitle, RankingFilter};
use marquee_domain::user::UserId;

/// The versions a cached page was loaded under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Versions {
    pub list: i64,
    pub catalog: i64,
}

#[derive(Debug)]
struct Entry {
    versions: Versions,
    page: Arc<Page<RankedTitle>>,
}

/// Bounded map from (user, filter) to the page and the versions it was loaded under.
pub(super) struct ListCache {
    capacity: usize,
    entries: Mutex<HashMap<(UserId, RankingFilter), Entry>>,
}

impl fmt::Debug for ListCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.entries.lock().unwrap_or_else(PoisonError::into_inner).len();
        f.debug_struct("ListCache").field("capacity", &self.capacity).field("cached", &cached).finish()
    }
}

impl ListCache {
    pub fn new(capacity: usize) -> Self {
        Self { capacity, entries: Mutex::new(HashMap::new()) }
    }

    pub fn enabled(&self) -> bool {
        self.capacity > 0
    }

    /// The page cached for this user and filter, if it was loaded under exactly these versions.
    pub fn get(&self, user: UserId, filter: &RankingFilter, versions: Versions) -> Option<Arc<Page<RankedTitle>>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        // The key is borrowed as a tuple of owned values; the clone of the filter is a few words and one string.
        let entry = entries.get(&(user, filter.clone()))?;
        (entry.versions == versions).then(|| Arc::clone(&entry.page))
    }

    /// Stores a page loaded after reading `versions`.
    pub fn put(&self, user: UserId, filter: &RankingFilter, versions: Versions, page: Arc<Page<RankedTitle>>) {
        if !self.enabled() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (user, filter.clone());
        if entries.len() >= self.capacity
            && !entries.contains_key(&key)
            && let Some(victim) = entries.keys().next().cloned()
        {
            entries.remove(&victim);
        }
        entries.insert(key, Entry { versions, page });
    }
}

#[cfg(test)]
mod tests {
    use marquee_domain::page::PageRequest;
    use marquee_domain::tier::Tier;
    use uuid::Uuid;

    use super::*;

    fn page() -> Arc<Page<RankedTitle>> {
        Arc::new(Page { items: Vec::new(), total: 0, request: PageRequest::default() })
    }

    const V1: Versions = Versions { list: 1, catalog: 7 };

    #[test]
    fn a_page_is_served_only_under_the_versions_it_was_loaded_with() {
        let cache = ListCache::new(8);
        let user = UserId(Uuid::now_v7());
        let filter = RankingFilter::default();
        assert!(cache.get(user, &filter, V1).is_none());
        cache.put(user, &filter, V1, page());
        assert!(cache.get(user, &filter, V1).is_some());
        assert!(cache.get(user, &filter, Versions { list: 2, ..V1 }).is_none(), "a list write invalidates");
        assert!(cache.get(user, &filter, Versions { catalog: 8, ..V1 }).is_none(), "a catalog edit invalidates");
        let other = RankingFilter { tier: Some(Tier::S), ..RankingFilter::default() };
        assert!(cache.get(user, &other, V1).is_none(), "filters are cached apart");
        assert!(cache.get(UserId(Uuid::now_v7()), &filter, V1).is_none(), "users are cached apart");
    }

    #[test]
    fn the_cache_never_grows_past_its_capacity() {
        let cache = ListCache::new(3);
        let filter = RankingFilter::default();
        for _ in 0..10 {
            cache.put(UserId(Uuid::now_v7()), &filter, V1, page());
        }
        assert!(format!("{cache:?}").contains("cached: 3"), "{cache:?}");
    }

    #[test]
    fn a_zero_capacity_turns_the_cache_off() {
        let cache = ListCache::new(0);
        let user = UserId(Uuid::now_v7());
        cache.put(user, &RankingFilter::default(), V1, page());
        assert!(!cache.enabled());
        assert!(cache.get(user, &RankingFilter::default(), V1).is_none());
    }
}
