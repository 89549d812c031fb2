//! Authentication: Marquee's access tokens ([`TokenKeys`]), the [`AuthUser`] and [`AuthSession`] extractors, the
//! refresh-token secrets ([`RandomRefreshSecrets`]), and the bounded queue in front of password hashing
//! ([`HashAdmission`]).
//!
//! An access token is an HS256 JWT whose header names its key (`kid`) and whose claims are `iss`, `aud`, `sub`
//! (the user's UUID), `sid` (the session, see [`marquee_domain::session`]), `iat`, `exp` and `type` = `"access"`.
//! Several keys may verify at once while only the newest signs, so a key rotates without signing anyone out.
//! Verifying a token is pure CPU work (no database lookup), which keeps the signed-in hot paths cheap; the price is
//! that a token outlives its session's end by at most its lifetime (15 minutes unless configured). Deleted and
//! disabled accounts are refused at once: every verified token is checked against the account service's
//! [`Barred`](marquee_domain::account::Barred) list (401 for a deleted account, 403 `account-disabled`).

use std::collections::HashMap;
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
use marquee_domain::account::{Bar, Barred};
use marquee_domain::hashing::HashPace;
use marquee_domain::session::{RefreshDigest, RefreshSecret, RefreshSecrets, SessionId};
use marquee_domain::user::UserId;
use rand::RngCore as _;
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::error::ApiError;
use crate::oidc::ExternalAuth;

/// The only token type this API issues and accepts.
const ACCESS: &str = "access";

/// Clock skew tolerated on `exp`, in seconds.
const LEEWAY_SECS: u64 = 5;

/// The issuer and audience of Marquee's tokens unless configured.
pub const DEFAULT_ISSUER: &str = "marquee";

/// How long an access token lives unless configured: 15 minutes, the most a revoked session's access goes on.
pub const DEFAULT_ACCESS_TTL: Duration = Duration::from_mins(15);

/// The id of the signing key made from a lone secret ([`TokenKeys::new`]).
pub const DEFAULT_KEY_ID: &str = "k1";

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Past its `exp`.
    #[error("the token has expired")]
    Expired,
    /// Not an access token.
    #[error("the token is not an access token")]
    WrongType,
    /// Bad signature, wrong algorithm, unknown key, wrong issuer or audience, missing claims or not a JWT at all.
    #[error("the token is invalid")]
    Invalid,
    /// Signing failed (the crypto backend refused).
    #[error("the token could not be signed: {0}")]
    Signing(String),
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: uuid::Uuid,
    sid: uuid::Uuid,
    iat: u64,
    exp: u64,
    #[serde(rename = "type")]
    kind: String,
}

/// One HS256 key and its id (the token header's `kid`).
#[derive(Clone)]
pub struct SigningKey {
    /// The id tokens name it by.
    pub id: String,
    /// The secret, 32 bytes or more.
    pub secret: SecretString,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").field("id", &self.id).finish_non_exhaustive()
    }
}

/// Who Marquee's tokens are from and for, and how long they live.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    /// The `iss` claim.
    pub issuer: String,
    /// The `aud` claim.
    pub audience: String,
    /// Access-token lifetime.
    pub ttl: Duration,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self { issuer: DEFAULT_ISSUER.to_owned(), audience: DEFAULT_ISSUER.to_owned(), ttl: DEFAULT_ACCESS_TTL }
    }
}

/// What a valid access token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// The user.
    pub user: UserId,
    /// The Marquee session it was issued in; `None` for an external issuer's token (its sessions are the
    /// provider's).
    pub session: Option<SessionId>,
    /// Whether the token itself grants the admin role (an external issuer's role claim).
    pub admin: bool,
    /// When its user signed in (Unix seconds): the `iat` of Marquee's token, the `auth_time` (else `iat`) of an
    /// external one.
    pub signed_in_at: Option<i64>,
}

/// The keys and rules for Marquee's access tokens: HS256, the newest key signs, every listed key verifies.
#[derive(Clone)]
pub struct TokenKeys {
    signing: (String, EncodingKey),
    verifying: HashMap<String, DecodingKey>,
    validation: Validation,
    settings: TokenSettings,
}

impl fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut ids: Vec<&String> = self.verifying.keys().collect();
        ids.sort();
        f.debug_struct("TokenKeys")
            .field("signing", &self.signing.0)
            .field("verifying", &ids)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Keys from one secret (use 32 random bytes or more) named [`DEFAULT_KEY_ID`], the default issuer and
    /// audience; tokens live for `ttl`.
    pub fn new(secret: &SecretString, ttl: Duration) -> Self {
        let key = SigningKey { id: DEFAULT_KEY_ID.to_owned(), secret: secret.clone() };
        Self::build(&key, &[], TokenSettings { ttl, ..TokenSettings::default() })
    }

    /// `current` signs; it and every key of `previous` verify (drop a previous key once the tokens it signed have
    /// expired: one access-token lifetime after the rotation). Key ids must be distinct.
    pub fn with_keys(
        current: &SigningKey,
        previous: &[SigningKey],
        settings: TokenSettings,
    ) -> Result<Self, DuplicateKeyId> {
        let mut seen = std::collections::HashSet::new();
        for key in std::iter::once(current).chain(previous) {
            if !seen.insert(key.id.as_str()) {
                return Err(DuplicateKeyId(key.id.clone()));
            }
        }
        Ok(Self::build(current, previous, settings))
    }

    fn build(current: &SigningKey, previous: &[SigningKey], settings: TokenSettings) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.set_required_spec_claims(&["sub", "iat", "exp", "iss", "aud"]);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        let verifying = std::iter::once(current)
            .chain(previous)
            .map(|k| (k.id.clone(), DecodingKey::from_secret(k.secret.expose_secret().as_bytes())))
            .collect();
        let signing = (current.id.clone(), EncodingKey::from_secret(current.secret.expose_secret().as_bytes()));
        Self { signing, verifying, validation, settings }
    }

    /// The `iss` of Marquee's own tokens.
    pub fn issuer(&self) -> &str {
        &self.settings.issuer
    }

    /// A new access token for `user` in `session` and how many seconds it is valid for.
    pub fn issue(&self, user: UserId, session: SessionId) -> Result<(String, u64), TokenError> {
        let now = unix_now();
        let ttl = self.settings.ttl.as_secs();
        let token = self.sign(&Claims {
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
            sub: user.0,
            sid: session.0,
            iat: now,
            exp: now + ttl,
            kind: ACCESS.to_owned(),
        })?;
        Ok((token, ttl))
    }

    /// The user and session an access token names, if its key, signature, issuer, audience, expiry and type check
    /// out.
    pub fn verify(&self, token: &str) -> Result<Verified, TokenError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Invalid)?;
        // The algorithm is pinned by the validation (HS256 only): a header asking for another is refused there.
        let key = header.kid.as_deref().and_then(|kid| self.verifying.get(kid)).ok_or(TokenError::Invalid)?;
        let data = jsonwebtoken::decode::<Claims>(token, key, &self.validation).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => TokenError::Expired,
            _ => TokenError::Invalid,
        })?;
        if data.claims.kind != ACCESS {
            return Err(TokenError::WrongType);
        }
        Ok(Verified {
            user: UserId(data.claims.sub),
            session: Some(SessionId(data.claims.sid)),
            admin: false,
            signed_in_at: i64::try_from(data.claims.iat).ok(),
        })
    }

    fn sign(&self, claims: &Claims) -> Result<String, TokenError> {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.signing.0.clone());
        jsonwebtoken::encode(&header, claims, &self.signing.1).map_err(|e| TokenError::Signing(e.to_string()))
    }
}

/// Two signing keys were given the same id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("two signing keys have the id {0:?}: give each its own")]
pub struct DuplicateKeyId(pub String);

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Refresh tokens: 256 bits from the operating system's generator, base64url-encoded; stored as their SHA-256.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomRefreshSecrets;

impl RefreshSecrets for RandomRefreshSecrets {
    fn generate(&self) -> RefreshSecret {
        let mut bytes = [0_u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        RefreshSecret::new(base64url(&bytes))
    }

    fn digest(&self, presented: &str) -> RefreshDigest {
        RefreshDigest(Sha256::digest(presented.as_bytes()).to_vec())
    }
}

/// Unpadded base64url, enough for a token (no decoding is ever needed: tokens are compared by digest).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The signed-in user, from `Authorization: Bearer <token>`; rejects the request with 401 otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthUser(pub UserId);

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map(|v| AuthUser(v.user)))
    }
}

/// The signed-in user and the Marquee session their token belongs to (for signing out of it; `None` with an
/// external issuer's token); 401 otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthSession {
    /// The user.
    pub user: UserId,
    /// The session.
    pub session: Option<SessionId>,
    /// When the user signed in (Unix seconds), as the token says.
    pub signed_in_at: Option<i64>,
}

impl FromRequest for AuthSession {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map(|v| AuthSession { user: v.user, session: v.session, signed_in_at: v.signed_in_at }))
    }
}

/// The signed-in user and whether their token itself grants the admin role (an external issuer's role claim;
/// Marquee's own tokens never do: its admins are marked on the account). 401 without a valid token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The user.
    pub user: UserId,
    /// Whether the token grants the admin role.
    pub token_admin: bool,
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map(|v| Actor { user: v.user, token_admin: v.admin }))
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
            ready(authenticate(req).map(|v| MaybeUser(Some(v.user))))
        } else {
            ready(Ok(MaybeUser(None)))
        }
    }
}

/// What the request's bearer token says. The input guard verifies a token once per request
/// ([`authenticate_request`]) and keeps the result in the request's extensions; extractors read it from there, and
/// verify Marquee's own tokens themselves outside `/api/`.
pub(crate) fn authenticate(req: &HttpRequest) -> Result<Verified, ApiError> {
    if let Some(verified) = req.extensions().get::<Verified>() {
        return Ok(*verified);
    }
    let verified = own_keys(req)?.verify(bearer(req)?).map_err(|e| ApiError::Unauthorized(e.to_string()))?;
    admitted(req, verified)
}

/// `verified` unless its account was deleted (401) or disabled (403 `account-disabled`) since the token was issued:
/// the account service's [`Barred`](marquee_domain::account::Barred) list, one atomic load while it is empty.
fn admitted(req: &HttpRequest, verified: Verified) -> Result<Verified, ApiError> {
    let barred = req.app_data::<web::Data<Barred>>().and_then(|barred| barred.check(verified.user));
    match barred {
        None => Ok(verified),
        Some(Bar::Deleted) => Err(ApiError::account_gone()),
        Some(Bar::Disabled) => Err(ApiError::AccountDisabled),
    }
}

fn own_keys(req: &HttpRequest) -> Result<&TokenKeys, ApiError> {
    req.app_data::<web::Data<TokenKeys>>()
        .map(|keys| keys.as_ref())
        .ok_or_else(|| ApiError::internal("the token keys are not registered as app data"))
}

/// The token of `Authorization: Bearer <token>`.
fn bearer(req: &HttpRequest) -> Result<&str, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("sign in: this request needs a bearer token".into()))?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(|| ApiError::Unauthorized("the Authorization header must be `Bearer <token>`".into()))
}

/// Verifies the bearer token of a request: Marquee's own, or, when it claims a trusted external issuer, that
/// issuer's (whose account is then found or created, see [`crate::oidc`]).
pub(crate) async fn authenticate_request(req: &HttpRequest) -> Result<Verified, ApiError> {
    let token = bearer(req)?;
    let keys = own_keys(req)?;
    // Reading the claimed issuer decodes the claims a second time: only when some external issuer could match.
    if let Some(external) = req.app_data::<web::Data<ExternalAuth>>()
        && external.any()
        && let Some(issuer) = crate::oidc::claimed_issuer(token)
        && issuer != keys.issuer()
        && external.trusts(&issuer)
    {
        let external = external.clone().into_inner();
        let identity = external.verify(token).await.map_err(|e| ApiError::Unauthorized(e.to_string()))?;
        if external.deleted_since(&identity) {
            return Err(ApiError::account_gone());
        }
        let user = external.user_for(&identity).await.map_err(ApiError::store)?;
        let verified = Verified { user, session: None, admin: identity.admin, signed_in_at: identity.signed_in_at };
        return admitted(req, verified);
    }
    let verified = keys.verify(token).map_err(|e| ApiError::Unauthorized(e.to_string()))?;
    admitted(req, verified)
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

    fn session() -> SessionId {
        SessionId(uuid::Uuid::from_u128(7))
    }

    fn claims(keys: &TokenKeys, iat: u64, exp: u64, kind: &str) -> Claims {
        Claims {
            iss: keys.settings.issuer.clone(),
            aud: keys.settings.audience.clone(),
            sub: user().0,
            sid: session().0,
            iat,
            exp,
            kind: kind.into(),
        }
    }

    fn key(id: &str, secret: &str) -> SigningKey {
        SigningKey { id: id.into(), secret: SecretString::from(secret) }
    }

    #[test]
    fn a_token_round_trips_naming_its_key_issuer_and_audience() {
        let keys = keys();
        let (token, expires_in) = keys.issue(user(), session()).unwrap();
        assert_eq!(expires_in, 3600);
        let verified = keys.verify(&token).unwrap();
        assert_eq!((verified.user, verified.session, verified.admin), (user(), Some(session()), false));
        assert!(verified.signed_in_at.is_some_and(|at| at.abs_diff(unix_now() as i64) < 5), "the token's iat");
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!((header.alg, header.kid.as_deref()), (Algorithm::HS256, Some(DEFAULT_KEY_ID)));
        let payload = token.split('.').nth(1).unwrap();
        assert!(!payload.is_empty());
        assert_eq!(TokenSettings::default().ttl, Duration::from_mins(15), "15 minutes unless configured");
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = keys();
        let now = unix_now();
        let token = keys.sign(&claims(&keys, now - 7200, now - 3600, ACCESS)).unwrap();
        assert_eq!(keys.verify(&token), Err(TokenError::Expired));
    }

    #[test]
    fn another_token_type_is_refused() {
        let keys = keys();
        let now = unix_now();
        let token = keys.sign(&claims(&keys, now, now + 60, "refresh")).unwrap();
        assert_eq!(keys.verify(&token), Err(TokenError::WrongType));
    }

    #[test]
    fn a_wrong_issuer_or_audience_is_refused() {
        let keys = keys();
        let now = unix_now();
        let mut wrong_iss = claims(&keys, now, now + 60, ACCESS);
        wrong_iss.iss = "someone-else".into();
        assert_eq!(keys.verify(&keys.sign(&wrong_iss).unwrap()), Err(TokenError::Invalid));
        let mut wrong_aud = claims(&keys, now, now + 60, ACCESS);
        wrong_aud.aud = "another-api".into();
        assert_eq!(keys.verify(&keys.sign(&wrong_aud).unwrap()), Err(TokenError::Invalid));
    }

    #[test]
    fn a_rotated_key_still_verifies_and_the_newest_signs() {
        let settings = TokenSettings::default();
        let old = TokenKeys::with_keys(&key("k1", &"a".repeat(32)), &[], settings.clone()).unwrap();
        let (old_token, _) = old.issue(user(), session()).unwrap();
        let rotated =
            TokenKeys::with_keys(&key("k2", &"b".repeat(32)), &[key("k1", &"a".repeat(32))], settings.clone()).unwrap();
        assert!(rotated.verify(&old_token).is_ok(), "the previous key verifies during the overlap");
        let (new_token, _) = rotated.issue(user(), session()).unwrap();
        assert_eq!(jsonwebtoken::decode_header(&new_token).unwrap().kid.as_deref(), Some("k2"));
        assert_eq!(old.verify(&new_token), Err(TokenError::Invalid), "an unknown kid is refused");
        let retired = TokenKeys::with_keys(&key("k2", &"b".repeat(32)), &[], settings.clone()).unwrap();
        assert_eq!(retired.verify(&old_token), Err(TokenError::Invalid), "a dropped key verifies nothing");
        let duplicate = TokenKeys::with_keys(&key("k1", &"a".repeat(32)), &[key("k1", &"c".repeat(32))], settings);
        assert_eq!(duplicate.unwrap_err(), DuplicateKeyId("k1".into()));
    }

    #[test]
    fn tampered_or_foreign_tokens_are_refused() {
        let keys = keys();
        let (token, _) = keys.issue(user(), session()).unwrap();
        let (rest, signature) = token.rsplit_once('.').unwrap();
        let flipped = if signature.starts_with('A') { "B" } else { "A" };
        assert_eq!(keys.verify(&format!("{rest}.{flipped}{}", &signature[1..])), Err(TokenError::Invalid));

        let (header, payload) = rest.split_once('.').unwrap();
        let other = format!("{header}.{payload}x.{signature}");
        assert_eq!(keys.verify(&other), Err(TokenError::Invalid));

        let foreign =
            TokenKeys::new(&SecretString::from("another-secret-entirely-0123456789abcdef"), Duration::from_mins(1));
        let (token, _) = foreign.issue(user(), session()).unwrap();
        assert_eq!(keys.verify(&token), Err(TokenError::Invalid));
        assert_eq!(keys.verify("not a jwt"), Err(TokenError::Invalid));
    }

    #[test]
    fn refresh_secrets_are_random_256_bit_and_stored_as_sha256() {
        let secrets = RandomRefreshSecrets;
        let (a, b) = (secrets.generate(), secrets.generate());
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43, "32 bytes in unpadded base64url");
        assert!(a.expose().bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        let digest = secrets.digest(a.expose());
        assert_eq!(digest.0.len(), 32);
        assert_eq!(digest, secrets.digest(a.expose()));
        assert_ne!(digest, secrets.digest(b.expose()));
        // The SHA-256 of "abc" (FIPS 180-2), and base64url of known bytes.
        assert_eq!(secrets.digest("abc").0[..4], [0xba, 0x78, 0x16, 0xbf]);
        assert_eq!(base64url(b"\xfb\xff\xbfM"), "-_-_TQ");
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
