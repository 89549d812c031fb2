//! Marquee's own sessions: a sign-in starts a session, which holds a family of refresh tokens.
//!
//! The rules, decided here once for every store:
//! - a refresh token is handed out once and stored only as its digest ([`RefreshSecrets`] makes both);
//! - using one rotates it: it is marked used and a new one of the same session replaces it ([`judge`]);
//! - presenting a token that was already used means it leaked (or a client raced itself): the whole session is
//!   revoked, so neither the thief nor the owner can go on with it;
//! - signing out ends one session, all of a user's, or all but the current one (after a password change).
//!
//! Access tokens are not stored: they are short-lived JWTs naming their session (`sid`), so ending a session
//! stops its refreshes at once and its access tokens within their lifetime.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::StoreError;
use crate::user::UserId;

/// How long a refresh token may wait to be used unless configured: 30 days. Each use gives a new one, so an
/// active client stays signed in; one unused for this long signs in again.
pub const DEFAULT_REFRESH_TTL: chrono::Duration = chrono::Duration::days(30);

/// A session: one sign-in and the refresh tokens descended from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(pub Uuid);

/// A refresh token as the client holds it. Shown once, never stored, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshSecret(String);

impl RefreshSecret {
    /// Wraps a freshly generated secret.
    pub fn new(secret: String) -> Self {
        Self(secret)
    }

    /// The secret, to hand to the client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RefreshSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshSecret(..)")
    }
}

/// What the store keeps of a refresh token: a one-way digest, useless to whoever reads the database.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RefreshDigest(pub Vec<u8>);

/// Makes refresh tokens and their digests. Implementations draw at least 256 random bits per token.
pub trait RefreshSecrets: Send + Sync {
    /// A new, unguessable token.
    fn generate(&self) -> RefreshSecret;

    /// The digest a token is stored and looked up under.
    fn digest(&self, presented: &str) -> RefreshDigest;
}

/// A refresh token to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefresh {
    /// Its digest.
    pub digest: RefreshDigest,
    /// Its session.
    pub session: SessionId,
    /// Until when it may be used.
    pub expires_at: DateTime<Utc>,
}

/// A stored refresh token with what [`judge`] needs to know about it and its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRefresh {
    /// Its session.
    pub session: SessionId,
    /// The session's user.
    pub user: UserId,
    /// Until when it may be used.
    pub expires_at: DateTime<Utc>,
    /// When it was exchanged for its successor, if it was.
    pub used_at: Option<DateTime<Utc>>,
    /// When its session was ended, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// What a presented refresh token earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Valid: exchange it for a new one.
    Rotate,
    /// Already exchanged once: someone else holds it too, so the session is revoked.
    Replayed,
    /// Past its expiry.
    Expired,
    /// Its session was ended.
    Revoked,
}

/// The rule for a presented token at `now`. An ended session outranks everything (there is nothing left to
/// revoke), then reuse (even an expired token replayed shows a leak), then expiry.
pub fn judge(token: &StoredRefresh, now: DateTime<Utc>) -> Verdict {
    if token.revoked_at.is_some() {
        Verdict::Revoked
    } else if token.used_at.is_some() {
        Verdict::Replayed
    } else if token.expires_at <= now {
        Verdict::Expired
    } else {
        Verdict::Rotate
    }
}

/// Why a session operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// No such refresh token (never issued, or its account is gone).
    #[error("the refresh token is not valid")]
    Unknown,
    /// The refresh token expired.
    #[error("the refresh token has expired; sign in again")]
    Expired,
    /// The session was ended (signed out, password changed, or a replay seen earlier).
    #[error("the session has ended; sign in again")]
    Revoked,
    /// The token had been used already: the session is now revoked.
    #[error("the refresh token was used twice; the session is revoked, sign in again")]
    Replayed,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Sessions and their refresh tokens.
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Stores a new session of `user` and its first refresh token, in one transaction.
    ///
    /// # Errors
    /// [`StoreError`] (of kind `AccountGone` when the user does not exist) on failure.
    async fn start_session(&self, user: UserId, first: NewRefresh) -> Result<(), StoreError>;

    /// The refresh token stored under `digest`, with its session's state.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only; an unknown digest is `Ok(None)`.
    async fn find_refresh(&self, digest: &RefreshDigest) -> Result<Option<StoredRefresh>, StoreError>;

    /// Marks the token under `used` used at `now` and stores `next` (of the same session), atomically and only if
    /// `used` was still unused and its session live. `false` when another request got there first.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn rotate_refresh(
        &self,
        used: &RefreshDigest,
        next: NewRefresh,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Ends `session` if it belongs to `user` and is live; whether it did.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn revoke_session(&self, user: UserId, session: SessionId, now: DateTime<Utc>) -> Result<bool, StoreError>;

    /// Ends every live session of `user` but `keep`; how many it ended.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn revoke_sessions(
        &self,
        user: UserId,
        keep: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError>;

    /// Whether `session` is live (exists and not ended).
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn session_live(&self, session: SessionId) -> Result<bool, StoreError>;
}

/// A refresh token just issued, for the client.
#[derive(Debug, Clone)]
pub struct IssuedRefresh {
    /// The session it continues.
    pub session: SessionId,
    /// The token itself.
    pub secret: RefreshSecret,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
}

/// Starting, continuing and ending sessions.
#[derive(Clone)]
pub struct SessionService {
    sessions: Arc<dyn SessionRepository>,
    secrets: Arc<dyn RefreshSecrets>,
    ttl: chrono::Duration,
}

impl fmt::Debug for SessionService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionService").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

impl SessionService {
    /// Sessions in `sessions`, tokens from `secrets`, each refresh token living `ttl` unused.
    pub fn new(sessions: Arc<dyn SessionRepository>, secrets: Arc<dyn RefreshSecrets>, ttl: chrono::Duration) -> Self {
        Self { sessions, secrets, ttl }
    }

    /// How long a refresh token lives unused.
    pub fn ttl(&self) -> chrono::Duration {
        self.ttl
    }

    fn next(&self, session: SessionId, now: DateTime<Utc>) -> (NewRefresh, IssuedRefresh) {
        let secret = self.secrets.generate();
        let expires_at = now + self.ttl;
        let stored = NewRefresh { digest: self.secrets.digest(secret.expose()), session, expires_at };
        (stored, IssuedRefresh { session, secret, expires_at })
    }

    /// Starts a session for a user who just proved who they are.
    pub async fn start(&self, user: UserId) -> Result<IssuedRefresh, SessionError> {
        let (stored, issued) = self.next(SessionId(Uuid::now_v7()), Utc::now());
        self.sessions.start_session(user, stored).await?;
        Ok(issued)
    }

    /// Exchanges a refresh token for its successor, by [`judge`]; a replay revokes the session.
    pub async fn refresh(&self, presented: &str) -> Result<(UserId, IssuedRefresh), SessionError> {
        let digest = self.secrets.digest(presented);
        let token = self.sessions.find_refresh(&digest).await?.ok_or(SessionError::Unknown)?;
        let now = Utc::now();
        match judge(&token, now) {
            Verdict::Rotate => {
                let (stored, issued) = self.next(token.session, now);
                if self.sessions.rotate_refresh(&digest, stored, now).await? {
                    return Ok((token.user, issued));
                }
                // Another request exchanged the same token between the read and the write: the same token twice.
                self.replayed(&token, now).await
            }
            Verdict::Replayed => self.replayed(&token, now).await,
            Verdict::Expired => Err(SessionError::Expired),
            Verdict::Revoked => Err(SessionError::Revoked),
        }
    }

    async fn replayed<T>(&self, token: &StoredRefresh, now: DateTime<Utc>) -> Result<T, SessionError> {
        self.sessions.revoke_session(token.user, token.session, now).await?;
        Err(SessionError::Replayed)
    }

    /// Ends one session of `user` (signing out on this device); ending an ended one is not an error.
    pub async fn end(&self, user: UserId, session: SessionId) -> Result<(), SessionError> {
        self.sessions.revoke_session(user, session, Utc::now()).await?;
        Ok(())
    }

    /// Ends every session of `user` but `keep`, if given; how many it ended.
    pub async fn end_all(&self, user: UserId, keep: Option<SessionId>) -> Result<u64, SessionError> {
        Ok(self.sessions.revoke_sessions(user, keep, Utc::now()).await?)
    }

    /// The rule after a password change: every other session of `user` ends (whoever knew the old password is
    /// signed out), the one that changed it (`current`, when the change came through a Marquee session) goes on.
    pub async fn after_password_change(&self, user: UserId, current: Option<SessionId>) -> Result<u64, SessionError> {
        self.end_all(user, current).await
    }

    /// Whether `session` is still live.
    pub async fn is_live(&self, session: SessionId) -> Result<bool, SessionError> {
        Ok(self.sessions.session_live(session).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(used: bool, revoked: bool, expires_in: i64) -> StoredRefresh {
        let now = DateTime::UNIX_EPOCH;
        StoredRefresh {
            session: SessionId(Uuid::from_u128(1)),
            user: UserId(Uuid::from_u128(2)),
            expires_at: now + chrono::Duration::seconds(expires_in),
            used_at: used.then_some(now),
            revoked_at: revoked.then_some(now),
        }
    }

    #[test]
    fn a_fresh_token_rotates_and_a_used_one_is_a_replay() {
        let now = DateTime::UNIX_EPOCH;
        assert_eq!(judge(&token(false, false, 60), now), Verdict::Rotate);
        assert_eq!(judge(&token(true, false, 60), now), Verdict::Replayed);
        assert_eq!(judge(&token(true, false, -60), now), Verdict::Replayed, "a replay shows a leak even late");
        assert_eq!(judge(&token(false, false, 0), now), Verdict::Expired, "expiry is exclusive");
        assert_eq!(judge(&token(false, true, 60), now), Verdict::Revoked);
        assert_eq!(judge(&token(true, true, 60), now), Verdict::Revoked, "nothing left to revoke");
    }

    #[test]
    fn a_secret_never_shows_in_debug_output() {
        assert_eq!(format!("{:?}", RefreshSecret::new("s3cr3t".into())), "RefreshSecret(..)");
    }
}
