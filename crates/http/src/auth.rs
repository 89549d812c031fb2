//! Authentication: HS256 access tokens, the [`AuthUser`] extractor, and the bounded queue in front of password
//! hashing ([`HashAdmission`]).
//!
//! A token's claims are `sub` (the user's UUID), `iat`, `exp` and `type` = `"access"`. Verifying one is pure CPU
//! work (no database lookup), which keeps the signed-in hot paths cheap; the price is that a deleted account's
//! token stays valid until it expires, and handlers that load the account answer 401 then.

use std::fmt;
use std::future::{Ready, ready};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
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

/// The bounded queue in front of password hashing: a request that needs a hash (sign-in, registration) takes a
/// slot for its duration, or is refused at once with 429 when every slot is taken, so a sign-in is answered
/// within about [`HASH_WAIT_BUDGET`] or not at all instead of waiting behind a flood.
#[derive(Debug, Clone)]
pub struct HashAdmission {
    slots: Option<Arc<tokio::sync::Semaphore>>,
    drain: Duration,
}

impl HashAdmission {
    /// At most `slots` requests at once; the others are refused with a `Retry-After` of `drain`, the time a full
    /// queue takes to empty (a hasher's `queue_slots` and `drain_time`).
    pub fn bounded(slots: usize, drain: Duration) -> Self {
        Self { slots: Some(Arc::new(tokio::sync::Semaphore::new(slots))), drain }
    }

    /// No bound: every request waits its turn (what [`AppState::builder`](crate::AppState::builder) starts with).
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
    fn a_full_queue_refuses_at_once_and_frees_its_slots() {
        // Two hashing and one waiting, a hash taking 220 ms: a full queue drains in two rounds.
        let admission = HashAdmission::bounded(3, Duration::from_millis(440));
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
