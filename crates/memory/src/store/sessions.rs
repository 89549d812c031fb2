//! [`SessionRepository`] in memory: sessions and refresh-token digests, each step under the store's one lock.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::session::{NewRefresh, RefreshDigest, SessionId, SessionRepository, StoredRefresh};
use marquee_domain::user::UserId;

use crate::MemoryStore;

/// A session: its user and when it was ended.
#[derive(Debug, Clone)]
struct Session {
    user: UserId,
    revoked_at: Option<DateTime<Utc>>,
}

/// A stored refresh token.
#[derive(Debug, Clone)]
struct Refresh {
    session: SessionId,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
}

/// Sessions and refresh tokens by digest.
#[derive(Debug, Default)]
pub(crate) struct SessionTables {
    sessions: HashMap<SessionId, Session>,
    refresh: HashMap<RefreshDigest, Refresh>,
}

impl SessionTables {
    /// Forgets a deleted account's sessions and tokens, as PostgreSQL's cascades do.
    pub(crate) fn forget(&mut self, user: UserId) {
        self.sessions.retain(|_, s| s.user != user);
        let sessions = &self.sessions;
        self.refresh.retain(|_, r| sessions.contains_key(&r.session));
    }

    /// Ends every live session of `user` at `now` (their refresh tokens stop working); how many.
    pub(crate) fn revoke_all(&mut self, user: UserId, now: DateTime<Utc>) -> u64 {
        let mut ended = 0;
        for s in self.sessions.values_mut() {
            if s.user == user && s.revoked_at.is_none() {
                s.revoked_at = Some(now);
                ended += 1;
            }
        }
        ended
    }

    fn insert(&mut self, token: NewRefresh) {
        let NewRefresh { digest, session, expires_at } = token;
        self.refresh.insert(digest, Refresh { session, expires_at, used_at: None });
    }
}

#[async_trait]
impl SessionRepository for MemoryStore {
    async fn start_session(&self, user: UserId, first: NewRefresh) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.account(user)?;
        state.sessions.sessions.insert(first.session, Session { user, revoked_at: None });
        state.sessions.insert(first);
        Ok(())
    }

    async fn find_refresh(&self, digest: &RefreshDigest) -> Result<Option<StoredRefresh>, StoreError> {
        let state = self.lock();
        let tables = &state.sessions;
        Ok(tables.refresh.get(digest).and_then(|r| {
            tables.sessions.get(&r.session).map(|s| StoredRefresh {
                session: r.session,
                user: s.user,
                expires_at: r.expires_at,
                used_at: r.used_at,
                revoked_at: s.revoked_at,
            })
        }))
    }

    async fn rotate_refresh(
        &self,
        used: &RefreshDigest,
        next: NewRefresh,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut state = self.lock();
        let tables = &mut state.sessions;
        let live = tables.sessions.get(&next.session).is_some_and(|s| s.revoked_at.is_none());
        match tables.refresh.get_mut(used) {
            Some(token) if live && token.session == next.session && token.used_at.is_none() => {
                token.used_at = Some(now);
                tables.insert(next);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn revoke_session(&self, user: UserId, session: SessionId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut state = self.lock();
        match state.sessions.sessions.get_mut(&session) {
            Some(s) if s.user == user && s.revoked_at.is_none() => {
                s.revoked_at = Some(now);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn revoke_sessions(
        &self,
        user: UserId,
        keep: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let mut state = self.lock();
        if keep.is_none() {
            return Ok(state.sessions.revoke_all(user, now));
        }
        let mut ended = 0;
        for (id, s) in &mut state.sessions.sessions {
            if s.user == user && s.revoked_at.is_none() && Some(*id) != keep {
                s.revoked_at = Some(now);
                ended += 1;
            }
        }
        Ok(ended)
    }

    async fn session_live(&self, session: SessionId) -> Result<bool, StoreError> {
        Ok(self.lock().sessions.sessions.get(&session).is_some_and(|s| s.revoked_at.is_none()))
    }
}
