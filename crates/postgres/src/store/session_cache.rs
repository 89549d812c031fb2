//! A per-process cache of open placement sessions, so that an answer can skip its probe.
//!
//! After the fast path writes an answer that asks again, it keeps what it now knows of the session: the state it
//! wrote, the expiry, the tier it decided on and the list version that tier was read under. The next answer of
//! that session, when it reaches the same process, decides on the kept copy and goes straight to the guarded
//! write: one round trip instead of two. The copy is never trusted, only tried: the write applies only if the
//! session's state is still the one kept and the list's version is unchanged (see `fused_answer`), so an answer
//! given through another instance, an undo, or any list write makes it fail harmlessly, and the answer is decided
//! again on a fresh probe.
//!
//! An entry is taken out when it is used (two answers of one session in flight never share it) and put back by
//! the write that succeeds. The cache holds at most `capacity` sessions and `budget` tier entries in all; when
//! either is full, arbitrary sessions make room (hash order). A capacity of zero turns it off.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use marquee_domain::placement::PlacementId;
use marquee_domain::user::UserId;

/// How many sessions a store keeps unless told otherwise.
pub const DEFAULT_SESSIONS: usize = 4096;

/// How many tier entries (titles of the cached tiers, about 70 bytes each) the cache holds in all: 16 MiB or so.
const DEFAULT_BUDGET: usize = 1 << 18;

/// Something cached with a size (for the sessions: their tier's length).
pub(super) trait Weighed {
    fn weight(&self) -> usize;
}

struct Entry<T> {
    user: UserId,
    value: T,
}

struct Inner<T> {
    entries: HashMap<PlacementId, Entry<T>>,
    weight: usize,
}

/// Bounded map from a session to its last known state, owned by the user who owns the session.
pub(super) struct SessionCache<T> {
    capacity: usize,
    budget: usize,
    inner: Mutex<Inner<T>>,
}

impl<T> fmt::Debug for SessionCache<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("SessionCache")
            .field("capacity", &self.capacity)
            .field("cached", &inner.entries.len())
            .field("weight", &inner.weight)
            .field("budget", &self.budget)
            .finish()
    }
}

impl<T: Weighed> SessionCache<T> {
    pub fn new(capacity: usize) -> Self {
        Self::with_budget(capacity, DEFAULT_BUDGET)
    }

    fn with_budget(capacity: usize, budget: usize) -> Self {
        Self { capacity, budget, inner: Mutex::new(Inner { entries: HashMap::new(), weight: 0 }) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<T>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the session's entry out, if it is cached for this user (another user's session id finds nothing).
    pub fn take(&self, id: PlacementId, user: UserId) -> Option<T> {
        let mut inner = self.lock();
        if inner.entries.get(&id)?.user != user {
            return None;
        }
        let entry = inner.entries.remove(&id)?;
        inner.weight -= entry.value.weight();
        Some(entry.value)
    }

    /// Forgets the session (undone, abandoned, or answered on the general path).
    pub fn forget(&self, id: PlacementId) {
        let mut inner = self.lock();
        if let Some(entry) = inner.entries.remove(&id) {
            inner.weight -= entry.value.weight();
        }
    }

    /// Keeps the session's state after a write; a tier larger than the whole budget is not kept.
    pub fn put(&self, id: PlacementId, user: UserId, value: T) {
        let weight = value.weight();
        if self.capacity == 0 || weight > self.budget {
            return;
        }
        let mut inner = self.lock();
        if let Some(old) = inner.entries.remove(&id) {
            inner.weight -= old.value.weight();
        }
        while inner.entries.len() >= self.capacity || inner.weight + weight > self.budget {
            let Some(victim) = inner.entries.keys().next().copied() else { break };
            if let Some(old) = inner.entries.remove(&victim) {
                inner.weight -= old.value.weight();
            }
        }
        inner.weight += weight;
        inner.entries.insert(id, Entry { user, value });
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    struct Tier(usize);

    impl Weighed for Tier {
        fn weight(&self) -> usize {
            self.0
        }
    }

    fn ids() -> (PlacementId, UserId) {
        (PlacementId(Uuid::now_v7()), UserId(Uuid::now_v7()))
    }

    #[test]
    fn an_entry_is_taken_once_and_only_by_its_user() {
        let cache = SessionCache::new(8);
        let (id, user) = ids();
        cache.put(id, user, Tier(3));
        assert!(cache.take(id, UserId(Uuid::now_v7())).is_none(), "another user's session id finds nothing");
        assert_eq!(cache.take(id, user).map(|t| t.0), Some(3));
        assert!(cache.take(id, user).is_none(), "taken out when used");
        cache.put(id, user, Tier(4));
        cache.forget(id);
        assert!(cache.take(id, user).is_none());
        assert!(format!("{cache:?}").contains("weight: 0"), "{cache:?}");
    }

    #[test]
    fn the_cache_stays_within_its_capacity_and_its_budget() {
        let cache = SessionCache::with_budget(3, 10);
        for _ in 0..10 {
            let (id, user) = ids();
            cache.put(id, user, Tier(1));
        }
        assert!(format!("{cache:?}").contains("cached: 3"), "{cache:?}");
        let (id, user) = ids();
        cache.put(id, user, Tier(9));
        let debug = format!("{cache:?}");
        assert!(debug.contains("cached: 2") && debug.contains("weight: 10"), "{debug}");
        let (id, user) = ids();
        cache.put(id, user, Tier(11));
        assert!(cache.take(id, user).is_none(), "a tier over the whole budget is not kept");
    }

    #[test]
    fn a_zero_capacity_turns_the_cache_off() {
        let cache = SessionCache::new(0);
        let (id, user) = ids();
        cache.put(id, user, Tier(1));
        assert!(cache.take(id, user).is_none());
    }
}
