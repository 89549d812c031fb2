//! Authentication: HS256 access tokens, the [`AuthUser`] extractor, and the bounded queue in front of password
//! hashing ([`HashAdmission`]).
//!
//! A token's claims are `sub` (the user's UUID), `iat`, `exp` and `type` = `"access"`. Verifying one is pure CPU
//! work (no database lookup), which keeps the signed-in hot paths cheap; the price is that a deleted account's
//! token stays valid until it expires, and handlers that load the account answer 401 then.

use std::fmt;
use std::future::{Ready, ready};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use marquee_domain::hashing::HashPace;
use marquee_domain::user::UserId;
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

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
    let tokens = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| ApiError::internal("the token keys are not registered as app data"))?;
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
    tokens.verify(token).map(AuthUser).map_err(|e| ApiError::Unauthorized(e.to_string()))
}

/// How long a sign-in may expect to wait for its hash unless told otherwise: 2 s is the promise, and the rest is
/// left for the database.
pub const HASH_WAIT_BUDGET: Duration = Duration::from_millis(1_500);

/// Whether a request needing a hash may join a queue where `ahead` requests were admitted and have not finished:
/// yes when a hashing thread is free, or when its own hash is expected to finish within `budget` (the rounds of
/// `concurrency` hashes ahead of it and its own, each taking `estimate`) and, if there is a `cap` on the requests
/// waiting beyond those hashing, it is not reached. Otherwise the time the queue ahead takes to drain, for
/// `Retry-After`.
fn admits(
    ahead: usize,
    concurrency: usize,
    estimate: Duration,
    budget: Duration,
    cap: Option<usize>,
) -> Result<(), Duration> {
    let concurrency = concurrency.max(1);
    let rounds = u32::try_from(ahead / concurrency + 1).unwrap_or(u32::MAX);
    let in_time = ahead < concurrency || estimate.saturating_mul(rounds) <= budget;
    let under_cap = cap.is_none_or(|cap| ahead < concurrency.saturating_add(cap));
    if in_time && under_cap {
        Ok(())
    } else {
        Err(estimate.saturating_mul(u32::try_from(ahead.div_ceil(concurrency)).unwrap_or(u32::MAX)))
    }
}

/// The queue in front of password hashing: a request that needs a hash (sign-in, registration) is admitted only if
/// its hash is expected to finish within the budget, from the number of requests admitted ahead of it and the
/// hasher's [`HashPace`] (how many hash at once, the moving estimate of one hash's time), and holds its place until
/// it is answered; otherwise it is refused at once with 429 and a `Retry-After` of the time the queue ahead takes
/// to drain. So a sign-in is answered within about the budget or not at all, instead of waiting behind a flood,
/// and the queue shrinks when hashes slow down (a busy machine) and grows back when they speed up.
#[derive(Debug, Clone)]
pub struct HashAdmission {
    queue: Option<Arc<HashQueue>>,
}

#[derive(Debug)]
struct HashQueue {
    pace: Arc<HashPace>,
    budget: Duration,
    cap: Option<usize>,
    admitted: AtomicUsize,
}

/// A request's place in the hashing queue, given back when dropped.
#[derive(Debug)]
pub struct HashSlot(Arc<HashQueue>);

impl Drop for HashSlot {
    fn drop(&mut self) {
        self.0.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashAdmission {
    /// No bound: every request waits its turn (what [`AppState::builder`](crate::AppState::builder) starts with).
    pub fn unbounded() -> Self {
        Self { queue: None }
    }

    /// A queue before a hasher going at `pace`, admitting what finishes within `budget` ([`HASH_WAIT_BUDGET`] by
    /// default) and, when `cap` is set, at most that many waiting beyond those hashing however fast hashes go.
    pub fn new(pace: Arc<HashPace>, budget: Duration, cap: Option<usize>) -> Self {
        Self { queue: Some(Arc::new(HashQueue { pace, budget, cap, admitted: AtomicUsize::new(0) })) }
    }

    /// Sign-ins that may wait beyond those hashing at the current estimate (and under the cap, if set).
    pub fn waiting(&self) -> Option<usize> {
        let queue = self.queue.as_ref()?;
        let rounds = (queue.budget.as_nanos() / queue.pace.estimate().as_nanos().max(1)).max(1);
        let fits = queue.pace.concurrency().saturating_mul(usize::try_from(rounds).unwrap_or(usize::MAX) - 1);
        Some(queue.cap.map_or(fits, |cap| cap.min(fits)))
    }

    /// A place in the queue, held until dropped, or 429 with `Retry-After` when the expected wait is too long.
    pub fn admit(&self) -> Result<Option<HashSlot>, ApiError> {
        let Some(queue) = &self.queue else { return Ok(None) };
        let (concurrency, estimate) = (queue.pace.concurrency(), queue.pace.estimate());
        let mut refused = Duration::ZERO;
        let taken = queue.admitted.fetch_update(Ordering::AcqRel, Ordering::Acquire, |ahead| {
            match admits(ahead, concurrency, estimate, queue.budget, queue.cap) {
                Ok(()) => Some(ahead + 1),
                Err(drain) => {
                    refused = drain;
                    None
                }
            }
        });
        match taken {
            Ok(_) => Ok(Some(HashSlot(Arc::clone(queue)))),
            Err(_) => Err(crate::limits::too_many(refused)),
        }
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

    #[test]
    fn a_request_is_admitted_when_its_hash_fits_the_budget() {
        let budget = Duration::from_millis(1_500);
        let hash = Duration::from_millis(220);
        // One thread: 1.5 s / 220 ms = 6 rounds, so 5 may be ahead (the 6th would finish at 1.54 s).
        for ahead in 0..=5 {
            assert_eq!(admits(ahead, 1, hash, budget, None), Ok(()), "{ahead} ahead");
        }
        assert_eq!(admits(6, 1, hash, budget, None), Err(hash * 6), "refused, told how long the queue drains");
        // Two threads: rounds of two.
        assert_eq!(admits(11, 2, hash, budget, None), Ok(()));
        assert_eq!(admits(12, 2, hash, budget, None), Err(hash * 6));
        // A cap on those waiting beyond those hashing.
        assert_eq!(admits(2, 1, hash, budget, Some(2)), Ok(()));
        assert_eq!(admits(3, 1, hash, budget, Some(2)), Err(hash * 3));
        // A hash slower than the budget: only a free thread admits.
        let slow = Duration::from_secs(3);
        assert_eq!(admits(0, 2, slow, budget, None), Ok(()));
        assert_eq!(admits(1, 2, slow, budget, None), Ok(()));
        assert_eq!(admits(2, 2, slow, budget, None), Err(slow));
    }

    #[test]
    fn the_queue_shrinks_when_hashes_slow_down_and_grows_back() {
        let pace = Arc::new(HashPace::new(1, Duration::from_millis(220)));
        let admission = HashAdmission::new(Arc::clone(&pace), HASH_WAIT_BUDGET, None);
        assert_eq!(admission.waiting(), Some(5), "1.5 s / 220 ms = 6 rounds: 1 hashing and 5 waiting");
        let held: Vec<_> = (0..6).map(|_| admission.admit().unwrap()).collect();
        match admission.admit() {
            Err(ApiError::TooManyRequests { retry_after_secs }) => assert_eq!(retry_after_secs, 2, "6 × 220 ms"),
            other => panic!("expected 429, got {other:?}"),
        }
        drop(held);
        // The machine got busy: hashes now take 500 ms, so three fit (1.5 s), not six.
        for _ in 0..40 {
            pace.record(Duration::from_millis(500));
        }
        let held: Vec<_> = (0..3).map(|_| admission.admit().unwrap()).collect();
        assert!(admission.admit().is_err(), "a fourth would finish after 2 s");
        drop(held);
        for _ in 0..40 {
            pace.record(Duration::from_millis(220));
        }
        let held: Vec<_> = (0..6).map(|_| admission.admit().unwrap()).collect();
        assert_eq!(held.len(), 6, "back to six once hashes are fast again");
        assert!(HashAdmission::unbounded().admit().unwrap().is_none());
        assert_eq!(HashAdmission::unbounded().waiting(), None);
    }

    #[test]
    fn a_cap_bounds_the_waiting_however_fast_hashes_go() {
        let pace = Arc::new(HashPace::new(2, Duration::from_millis(220)));
        assert_eq!(HashAdmission::new(Arc::clone(&pace), HASH_WAIT_BUDGET, None).waiting(), Some(10));
        let capped = HashAdmission::new(Arc::clone(&pace), HASH_WAIT_BUDGET, Some(3));
        assert_eq!(capped.waiting(), Some(3), "the cap");
        let held: Vec<_> = (0..5).map(|_| capped.admit().unwrap()).collect();
        assert!(capped.admit().is_err(), "2 hashing and 3 waiting: the sixth is refused");
        drop(held);
        pace.record(Duration::from_secs(10));
        pace.record(Duration::from_secs(10));
        assert_eq!(capped.waiting(), Some(0), "hashes now slower than the budget: only those hashing");
    }
}
