//! Authentication: HS256 access tokens, the [`AuthUser`] extractor, and the bcrypt [`PasswordHasher`].
//!
//! A token's claims are `sub` (the user's UUID), `iat`, `exp` and `type` = `"access"`. Verifying one is pure CPU
//! work (no database lookup), which keeps the signed-in hot paths cheap; the price is that a deleted account's
//! token stays valid until it expires, and handlers that load the account answer 401 then.

use std::fmt::{self, Write as _};
use std::future::{Ready, ready};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use async_trait::async_trait;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use marquee_domain::ports::{HashError, PasswordHasher};
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

/// How long a sign-in may expect to wait for its hash unless told otherwise: 2 s is the promise, and the rest is
/// left for the database.
pub const HASH_WAIT_BUDGET: Duration = Duration::from_millis(1_500);

/// How much nicer than the process the hashing threads run (Linux): at 10 the scheduler gives a runnable request
/// thread about nine times their share of a contended core, so a login flood takes what the requests leave
/// instead of a core of their own.
pub const HASH_NICE_STEP: i32 = 10;

/// The moving estimate of one hash's time (wall clock, as the hashing threads see it): a mean of the measured
/// hashes in which each new one weighs a fifth, so the estimate follows a machine that got busier, or a hashing
/// thread the requests leave less of a core to, within a few logins.
#[derive(Debug)]
pub struct HashEstimate {
    nanos: AtomicU64,
}

impl HashEstimate {
    /// An estimate starting at `first` (the hash timed at start).
    pub fn new(first: Duration) -> Self {
        Self { nanos: AtomicU64::new(nanos(first)) }
    }

    /// The current estimate.
    pub fn get(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// Folds one measured hash into the estimate.
    pub fn record(&self, sample: Duration) {
        let sample = nanos(sample);
        // The closure never refuses, so the update always lands.
        let _ = self.nanos.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |old| {
            Some(u64::try_from((u128::from(old) * 4 + u128::from(sample)) / 5).unwrap_or(u64::MAX))
        });
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

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

/// A job for the hashing threads.
type Job = Box<dyn FnOnce() + Send>;

/// bcrypt password hashing, run on `concurrency` threads of its own (default: one core fewer than the machine has,
/// at least one) at a lower scheduling priority than the request workers ([`HASH_NICE_STEP`]): hashing never
/// stalls an async worker, a burst of logins queues behind itself, and a core it shares with request serving goes
/// to the requests first. Each hash is timed into a [`HashEstimate`], which sizes the queue in front of it
/// ([`HashAdmission`], taken by the handlers before hashing).
#[derive(Clone)]
pub struct BcryptHasher {
    cost: u32,
    decoy: PasswordHash,
    hash_time: Duration,
    concurrency: usize,
    waiting: Option<usize>,
    budget: Duration,
    estimate: Arc<HashEstimate>,
    jobs: mpsc::Sender<Job>,
}

impl fmt::Debug for BcryptHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BcryptHasher")
            .field("cost", &self.cost)
            .field("hash_time", &self.hash_time)
            .field("estimate", &self.estimate.get())
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl BcryptHasher {
    /// A hasher with this cost (4 to 31; 12 in production, 4 in tests). Computes the decoy hash, timing it to seed
    /// the estimate of a hash's time, so it takes as long as one hash: call it at start-up, not on an async worker.
    pub fn new(cost: u32) -> Result<Self, HashError> {
        let secret: [u8; 32] = rand::random();
        let secret = secret.iter().fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let started = std::time::Instant::now();
        let decoy = bcrypt::hash(secret, cost).map_err(|e| HashError(e.to_string()))?;
        let hash_time = started.elapsed();
        // One core stays for the request workers even when both would rather hash: the lower priority only decides
        // who runs on a contended core, and waking a worker behind a busy hashing thread still costs latency.
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let concurrency = (cores - 1).max(1);
        Ok(Self {
            cost,
            decoy: PasswordHash(decoy),
            hash_time,
            concurrency,
            waiting: None,
            budget: HASH_WAIT_BUDGET,
            estimate: Arc::new(HashEstimate::new(hash_time)),
            jobs: spawn_hashing_threads(concurrency)?,
        })
    }

    /// Lets at most `concurrency` (at least one) hashes run at once, on as many threads.
    pub fn with_concurrency(mut self, concurrency: usize) -> Result<Self, HashError> {
        self.concurrency = concurrency.max(1);
        // The threads of the old pool end once its last sender is dropped here.
        self.jobs = spawn_hashing_threads(self.concurrency)?;
        Ok(self)
    }

    /// Lets at most `waiting` sign-ins wait for a hash beyond those hashing, however fast hashes are; without it,
    /// as many wait as finish within the budget ([`Self::with_wait_budget`]) at the estimated hash time.
    #[must_use]
    pub fn with_waiting(mut self, waiting: usize) -> Self {
        self.waiting = Some(waiting);
        self
    }

    /// Admits a sign-in only when its hash is expected to finish within `budget` (default [`HASH_WAIT_BUDGET`]).
    #[must_use]
    pub fn with_wait_budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
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

    /// Sign-ins that may wait beyond those hashing at the current estimate of a hash's time (and the cap, if set).
    pub fn waiting(&self) -> usize {
        let rounds = (self.budget.as_nanos() / self.estimate.get().as_nanos().max(1)).max(1);
        let rounds = usize::try_from(rounds).unwrap_or(usize::MAX);
        let fits = self.concurrency.saturating_mul(rounds - 1);
        self.waiting.map_or(fits, |cap| cap.min(fits))
    }

    /// The admission to this hasher's queue, for [`AppState::with_hash_admission`](crate::AppState::with_hash_admission),
    /// sharing its estimate of a hash's time.
    pub fn admission(&self) -> HashAdmission {
        HashAdmission::new(self.concurrency, self.waiting, self.budget, Arc::clone(&self.estimate))
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let estimate = Arc::clone(&self.estimate);
        let job: Job = Box::new(move || {
            let started = std::time::Instant::now();
            let result = work();
            estimate.record(started.elapsed());
            // The request may have gone; its answer is then dropped.
            let _ = answer.send(result);
        });
        self.jobs.send(job).map_err(|_| HashError("the hashing threads have stopped".into()))?;
        answered.await.map_err(|_| HashError("a hash failed on its thread".into()))
    }
}

/// Starts `count` hashing threads taking jobs in order from one queue; they end when its sender is dropped.
fn spawn_hashing_threads(count: usize) -> Result<mpsc::Sender<Job>, HashError> {
    let (jobs, queue) = mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    for i in 0..count {
        let queue = Arc::clone(&queue);
        std::thread::Builder::new()
            .name(format!("bcrypt-{i}"))
            .spawn(move || {
                if let Err(e) = lower_priority(HASH_NICE_STEP) {
                    tracing::warn!(error = %e, "could not lower the priority of a hashing thread");
                }
                loop {
                    // The lock is held only while waiting for the next job, never while hashing.
                    let job = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    let Ok(job) = job else { break };
                    // A panicking hash fails its own request (its answer is dropped), not the thread.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                }
            })
            .map_err(|e| HashError(format!("starting a hashing thread: {e}")))?;
    }
    Ok(jobs)
}

/// Makes the calling thread `step` nicer than it is (at most 19); Linux schedules threads one by one.
#[cfg(target_os = "linux")]
#[allow(unsafe_code, reason = "two system calls on the calling thread's id; no memory is shared with them")]
fn lower_priority(step: i32) -> std::io::Result<()> {
    // SAFETY: `gettid` cannot fail; `getpriority` and `setpriority` take plain integers and write no memory.
    let (tid, now) = unsafe {
        let tid = libc::id_t::try_from(libc::gettid()).unwrap_or_default();
        (tid, libc::getpriority(libc::PRIO_PROCESS, tid))
    };
    // SAFETY: as above.
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, (now + step).min(19)) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere the hashing threads run at the process's priority.
#[cfg(not(target_os = "linux"))]
fn lower_priority(_step: i32) -> std::io::Result<()> {
    Ok(())
}

/// The queue in front of password hashing: a request that needs a hash (sign-in, registration) is admitted only if
/// its hash is expected to finish within the budget, from the number of requests admitted ahead of it and the
/// moving estimate of a hash's time, and holds its place until it is answered; otherwise it is refused at once with
/// 429 and a `Retry-After` of the time the queue ahead takes to drain. So a sign-in is answered within about
/// [`HASH_WAIT_BUDGET`] or not at all, instead of waiting behind a flood, and the queue shrinks when hashes slow
/// down (a busy machine) and grows back when they speed up.
#[derive(Debug, Clone)]
pub struct HashAdmission {
    queue: Option<Arc<HashQueue>>,
}

#[derive(Debug)]
struct HashQueue {
    concurrency: usize,
    cap: Option<usize>,
    budget: Duration,
    estimate: Arc<HashEstimate>,
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
    /// No bound: every request waits its turn (what [`AppState::new`](crate::AppState::new) starts with).
    pub fn unbounded() -> Self {
        Self { queue: None }
    }

    /// A queue before `concurrency` hashing threads admitting what finishes within `budget` at `estimate`, and at
    /// most `cap` waiting beyond those hashing when set.
    pub fn new(concurrency: usize, cap: Option<usize>, budget: Duration, estimate: Arc<HashEstimate>) -> Self {
        let queue = HashQueue { concurrency: concurrency.max(1), cap, budget, estimate, admitted: AtomicUsize::new(0) };
        Self { queue: Some(Arc::new(queue)) }
    }

    /// A place in the queue, held until dropped, or 429 with `Retry-After` when the expected wait is too long.
    pub fn admit(&self) -> Result<Option<HashSlot>, ApiError> {
        let Some(queue) = &self.queue else { return Ok(None) };
        let estimate = queue.estimate.get();
        let mut refused = Duration::ZERO;
        let taken = queue.admitted.fetch_update(Ordering::AcqRel, Ordering::Acquire, |ahead| {
            match admits(ahead, queue.concurrency, estimate, queue.budget, queue.cap) {
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
    fn the_estimate_follows_measured_hashes() {
        let estimate = HashEstimate::new(Duration::from_millis(200));
        estimate.record(Duration::from_millis(700));
        assert_eq!(estimate.get(), Duration::from_millis(300), "each sample weighs a fifth");
        for _ in 0..30 {
            estimate.record(Duration::from_millis(700));
        }
        let settled = estimate.get();
        assert!(settled > Duration::from_millis(699) && settled <= Duration::from_millis(700), "{settled:?}");
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
        let estimate = Arc::new(HashEstimate::new(Duration::from_millis(220)));
        let admission = HashAdmission::new(1, None, Duration::from_millis(1_500), Arc::clone(&estimate));
        let held: Vec<_> = (0..6).map(|_| admission.admit().unwrap()).collect();
        match admission.admit() {
            Err(ApiError::TooManyRequests { retry_after_secs }) => assert_eq!(retry_after_secs, 2, "6 × 220 ms"),
            other => panic!("expected 429, got {other:?}"),
        }
        drop(held);
        // The machine got busy: hashes now take 500 ms, so three fit (1.5 s), not six.
        for _ in 0..40 {
            estimate.record(Duration::from_millis(500));
        }
        let held: Vec<_> = (0..3).map(|_| admission.admit().unwrap()).collect();
        assert!(admission.admit().is_err(), "a fourth would finish after 2 s");
        drop(held);
        for _ in 0..40 {
            estimate.record(Duration::from_millis(220));
        }
        let held: Vec<_> = (0..6).map(|_| admission.admit().unwrap()).collect();
        assert_eq!(held.len(), 6, "back to six once hashes are fast again");
        assert!(HashAdmission::unbounded().admit().unwrap().is_none());
    }

    #[test]
    fn the_waiting_allowance_follows_the_estimate_and_the_cap() {
        let hasher = BcryptHasher::new(4).unwrap().with_concurrency(2).unwrap();
        let hasher = BcryptHasher { estimate: Arc::new(HashEstimate::new(Duration::from_millis(220))), ..hasher };
        // 1.5 s / 220 ms = 6 rounds: 2 hashing and 10 waiting.
        assert_eq!(hasher.waiting(), 10);
        assert_eq!(hasher.clone().with_waiting(3).waiting(), 3, "the cap");
        hasher.estimate.record(Duration::from_secs(10));
        assert_eq!(hasher.waiting(), 0, "hashes now slower than the budget: only those hashing");
    }

    #[cfg(target_os = "linux")]
    #[actix_web::test]
    async fn hashes_run_on_their_own_threads_at_a_lower_priority() {
        let hasher = BcryptHasher::new(4).unwrap().with_concurrency(1).unwrap();
        // SAFETY: plain integers in and out.
        #[allow(unsafe_code, reason = "reads the calling thread's priority")]
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::id_t::try_from(libc::gettid()).unwrap()) };
        let here = nice();
        let (name, there) =
            hasher.run(move || (std::thread::current().name().map(str::to_owned), nice())).await.unwrap();
        assert_eq!(name.as_deref(), Some("bcrypt-0"));
        assert_eq!(there, (here + HASH_NICE_STEP).min(19), "the hashing thread is nicer than this one ({here})");
    }
}
