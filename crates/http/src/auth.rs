//! Authentication: HS256 access tokens, the [`AuthUser`] extractor, and the bcrypt [`PasswordHasher`].
//!
//! A token's claims are `sub` (the user's UUID), `iat`, `exp` and `type` = `"access"`. Verifying one is pure CPU
//! work (no database lookup), which keeps the signed-in hot paths cheap; the price is that a deleted account's
//! token stays valid until it expires, and handlers that load the account answer 401 then.

use std::fmt::{self, Write as _};
use std::future::{Ready, ready};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use async_trait::async_trait;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use marquee_domain::account::{HashError, PasswordHasher};
use marquee_domain::user::{Password, PasswordHash, UserId};
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::ApiError;

/// The only token type this API issues and accepts.
const ACCESS: &str = "access";

/// Clock skew tolerated on `exp`, in seconds.
const LEEWAY_SECS: u64 = 5;

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Past its `exp`.
    #[error("the token has expired")]
    Expired,
    /// Not an access token.
    #[error("the token is not an access token")]
    WrongType,
    /// Bad signature, wrong algorithm, missing claims or not a JWT at all.
    #[error("the token is invalid")]
    Invalid,
    /// Signing failed (the crypto backend refused).
    #[error("the token could not be signed: {0}")]
    Signing(String),
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: uuid::Uuid,
    iat: u64,
    exp: u64,
    #[serde(rename = "type")]
    kind: String,
}

/// The keys and rules for access tokens: HS256 with one shared secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenKeys").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Keys from a secret (use 32 random bytes or more); tokens live for `ttl`.
    pub fn new(secret: &SecretString, ttl: Duration) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.set_required_spec_claims(&["sub", "iat", "exp"]);
        Self { encoding: EncodingKey::from_secret(bytes), decoding: DecodingKey::from_secret(bytes), validation, ttl }
    }

    /// A new access token for `user` and how many seconds it is valid for.
    pub fn issue(&self, user: UserId) -> Result<(String, u64), TokenError> {
        let now = unix_now();
        let ttl = self.ttl.as_secs();
        let token = self.sign(&Claims { sub: user.0, iat: now, exp: now + ttl, kind: ACCESS.to_owned() })?;
        Ok((token, ttl))
    }

    /// The user an access token names, if its signature, expiry and type check out.
    pub fn verify(&self, token: &str) -> Result<UserId, TokenError> {
        let data =
            jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })?;
        if data.claims.kind != ACCESS {
            return Err(TokenError::WrongType);
        }
        Ok(UserId(data.claims.sub))
    }

    fn sign(&self, claims: &Claims) -> Result<String, TokenError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The signed-in user, from `Authorization: Bearer <token>`; rejects the request with 401 otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthUser(pub UserId);

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

/// The reader of a public resource: `None` without an `Authorization` header, the user with a valid token, and 401
/// with a bad one (a broken token is never silently read as "signed out").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaybeUser(pub Option<UserId>);

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            ready(authenticate(req).map(|AuthUser(user)| MaybeUser(Some(user))))
        } else {
            ready(Ok(MaybeUser(None)))
        }
    }
}

/// The user the request's bearer token names. The input guard verifies a token once per request and keeps the
/// result in the request's extensions; extractors read it from there.
pub(crate) fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    if let Some(user) = req.extensions().get::<AuthUser>() {
        return Ok(*user);
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("AppState is not registered as app data"))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("sign in: this request needs a bearer token".into()))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(|| ApiError::Unauthorized("the Authorization header must be `Bearer <token>`".into()))?;
    state.tokens.verify(token).map(AuthUser).map_err(|e| ApiError::Unauthorized(e.to_string()))
}

/// How long a sign-in may wait for its hash before the hashing queue counts as full: 2 s is the promise, and the
/// rest is left for the database and a machine busier than at start.
pub const HASH_WAIT_BUDGET: Duration = Duration::from_millis(1_500);

/// bcrypt password hashing, run on the blocking pool (`web::block`, tokio's `spawn_blocking`) so it never stalls an
/// async worker, and at most `concurrency` hashes at a time (default: one core fewer than the machine has, at least
/// one), so a burst of logins queues behind itself instead of taking every core from the requests that need no
/// hashing. The queue in front of it is bounded by [`HashAdmission`], which the handlers take before hashing.
#[derive(Clone)]
pub struct BcryptHasher {
    cost: u32,
    decoy: PasswordHash,
    hash_time: Duration,
    concurrency: usize,
    waiting: Option<usize>,
    permits: Arc<tokio::sync::Semaphore>,
}

impl fmt::Debug for BcryptHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BcryptHasher")
            .field("cost", &self.cost)
            .field("hash_time", &self.hash_time)
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl BcryptHasher {
    /// A hasher with this cost (4 to 31; 12 in production, 4 in tests). Computes the decoy hash, timing it to size
    /// the queue, so it takes as long as one hash: call it at start-up, not on an async worker.
    pub fn new(cost: u32) -> Result<Self, HashError> {
        let secret: [u8; 32] = rand::random();
        let secret = secret.iter().fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let started = std::time::Instant::now();
        let decoy = bcrypt::hash(secret, cost).map_err(|e| HashError(e.to_string()))?;
        let hash_time = started.elapsed();
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let concurrency = (cores - 1).max(1);
        Ok(Self {
            cost,
            decoy: PasswordHash(decoy),
            hash_time,
            concurrency,
            waiting: None,
            permits: Arc::new(tokio::sync::Semaphore::new(concurrency)),
        })
    }

    /// Lets at most `concurrency` (at least one) hashes run at once.
    #[must_use]
    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self.permits = Arc::new(tokio::sync::Semaphore::new(self.concurrency));
        self
    }

    /// Lets at most `waiting` sign-ins wait for a hash beyond those hashing; by default as many as finish within
    /// [`HASH_WAIT_BUDGET`] at the speed measured at start.
    #[must_use]
    pub fn with_waiting(mut self, waiting: usize) -> Self {
        self.waiting = Some(waiting);
        self
    }

    /// How long one hash took at start.
    pub fn hash_time(&self) -> Duration {
        self.hash_time
    }

    /// Hashes running at once.
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// Sign-ins that may wait beyond those hashing.
    pub fn waiting(&self) -> usize {
        self.waiting.unwrap_or_else(|| {
            let rounds = (HASH_WAIT_BUDGET.as_nanos() / self.hash_time.as_nanos().max(1)).max(1);
            let rounds = usize::try_from(rounds).unwrap_or(usize::MAX);
            self.concurrency.saturating_mul(rounds - 1)
        })
    }

    /// The admission to this hasher's queue, for [`AppState::with_hash_admission`](crate::AppState::with_hash_admission):
    /// `concurrency` + `waiting` requests at most, the rest refused at once with 429 and a `Retry-After` of the time
    /// a full queue takes to drain.
    pub fn admission(&self) -> HashAdmission {
        let slots = self.concurrency.saturating_add(self.waiting());
        let rounds = u32::try_from(slots.div_ceil(self.concurrency)).unwrap_or(u32::MAX);
        HashAdmission { slots: Some(Arc::new(tokio::sync::Semaphore::new(slots))), drain: self.hash_time * rounds }
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let _permit = self.permits.acquire().await.map_err(|e| HashError(e.to_string()))?;
        web::block(work).await.map_err(|e| HashError(e.to_string()))
    }
}

/// The bounded queue in front of password hashing: a request that needs a hash (sign-in, registration) takes a
/// slot for its duration, or is refused at once with 429 when every slot is taken, so a sign-in is answered
/// within about [`HASH_WAIT_BUDGET`] or not at all instead of waiting behind a flood.
#[derive(Debug, Clone)]
pub struct HashAdmission {
    slots: Option<Arc<tokio::sync::Semaphore>>,
    drain: Duration,
}

impl HashAdmission {
    /// No bound: every request waits its turn (what [`AppState::new`](crate::AppState::new) starts with).
    pub fn unbounded() -> Self {
        Self { slots: None, drain: Duration::ZERO }
    }

    /// A slot, held until dropped, or 429 with `Retry-After` when the queue is full.
    pub fn admit(&self) -> Result<Option<tokio::sync::OwnedSemaphorePermit>, ApiError> {
        match &self.slots {
            None => Ok(None),
            Some(slots) => slots.clone().try_acquire_owned().map(Some).map_err(|_| crate::limits::too_many(self.drain)),
        }
    }
}

#[async_trait]
impl PasswordHasher for BcryptHasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        let password = password.expose().to_owned();
        let cost = self.cost;
        self.run(move || bcrypt::hash(password, cost)).await?.map(PasswordHash).map_err(|e| HashError(e.to_string()))
    }

    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, HashError> {
        let password = password.to_owned();
        let hash = hash.0.clone();
        // A malformed stored hash is a mismatch, not a failure of the hasher.
        self.run(move || bcrypt::verify(password, &hash).unwrap_or(false)).await
    }

    fn decoy(&self) -> &PasswordHash {
        &self.decoy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(&SecretString::from("test-secret-of-enough-length-0123456789"), Duration::from_hours(1))
    }

    fn user() -> UserId {
        UserId(uuid::Uuid::from_u128(42))
    }

    #[test]
    fn a_token_round_trips() {
        let keys = keys();
        let (token, expires_in) = keys.issue(user()).unwrap();
        assert_eq!(expires_in, 3600);
        assert_eq!(keys.verify(&token), Ok(user()));
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = keys();
        let now = unix_now();
        let token =
            keys.sign(&Claims { sub: user().0, iat: now - 7200, exp: now - 3600, kind: ACCESS.into() }).unwrap();
        assert_eq!(keys.verify(&token), Err(TokenError::Expired));
    }

    #[test]
    fn another_token_type_is_refused() {
        let keys = keys();
        let now = unix_now();
        let token = keys.sign(&Claims { sub: user().0, iat: now, exp: now + 60, kind: "refresh".into() }).unwrap();
        assert_eq!(keys.verify(&token), Err(TokenError::WrongType));
    }

    #[test]
    fn tampered_or_foreign_tokens_are_refused() {
        let keys = keys();
        let (token, _) = keys.issue(user()).unwrap();
        let (rest, signature) = token.rsplit_once('.').unwrap();
        let flipped = if signature.starts_with('A') { "B" } else { "A" };
        assert_eq!(keys.verify(&format!("{rest}.{flipped}{}", &signature[1..])), Err(TokenError::Invalid));

        let (header, payload) = rest.split_once('.').unwrap();
        let other = format!("{header}.{payload}x.{signature}");
        assert_eq!(keys.verify(&other), Err(TokenError::Invalid));

        let foreign =
            TokenKeys::new(&SecretString::from("another-secret-entirely-0123456789abcdef"), Duration::from_mins(1));
        let (token, _) = foreign.issue(user()).unwrap();
        assert_eq!(keys.verify(&token), Err(TokenError::Invalid));
        assert_eq!(keys.verify("not a jwt"), Err(TokenError::Invalid));
    }

    #[actix_web::test]
    async fn bcrypt_hashes_and_verifies_off_the_worker() {
        let hasher = BcryptHasher::new(4).unwrap();
        let password = Password::parse("correct horse").unwrap();
        let hash = hasher.hash(&password).await.unwrap();
        assert!(hash.0.starts_with("$2"));
        assert!(hasher.verify("correct horse", &hash).await.unwrap());
        assert!(!hasher.verify("wrong horse", &hash).await.unwrap());
        assert!(!hasher.verify("correct horse", &PasswordHash("not-a-hash".into())).await.unwrap());
        assert!(!hasher.verify("correct horse", hasher.decoy()).await.unwrap());
        assert!(hasher.decoy().0.starts_with("$2b$04$"), "the decoy has the same cost");
    }

    #[test]
    fn the_queue_holds_what_finishes_within_the_budget() {
        let hasher = BcryptHasher::new(4).unwrap().with_concurrency(2);
        let hasher = BcryptHasher { hash_time: Duration::from_millis(220), ..hasher };
        // 1.5 s / 220 ms = 6 rounds: 2 hashing and 10 waiting.
        assert_eq!(hasher.waiting(), 10);
        let slow = BcryptHasher { hash_time: Duration::from_secs(3), ..hasher.clone() };
        assert_eq!(slow.waiting(), 0, "a hash slower than the budget: only those hashing");
        assert_eq!(hasher.clone().with_waiting(3).waiting(), 3);

        let admission = hasher.with_waiting(1).admission();
        let held: Vec<_> = (0..3).map(|_| admission.admit().unwrap()).collect();
        match admission.admit() {
            Err(ApiError::TooManyRequests { retry_after_secs }) => assert_eq!(retry_after_secs, 1),
            other => panic!("expected 429, got {other:?}"),
        }
        drop(held);
        assert!(admission.admit().unwrap().is_some(), "slots come back when requests finish");
        assert!(HashAdmission::unbounded().admit().unwrap().is_none());
    }
}
