//! Tokens of external OpenID Connect issuers (Firebase, Auth0, Keycloak, …): [`ExternalAuth`] verifies them
//! against each issuer's cached key set and finds the local account they name.
//!
//! - Each configured issuer has its own key cache, filled through the [`KeySetFetcher`] port at start, and again
//!   when it expires (the server's `max-age`, else [`DEFAULT_KEYS_TTL`]) or a token names a key it lacks.
//! - Verification on the hot path is CPU only: a cache hit decodes and checks the token, nothing else. An expired
//!   cache still verifies while a refresh runs in the background; an unknown `kid` waits for one refresh, at most
//!   one per issuer every [`UNKNOWN_KID_INTERVAL`], so a flood of made-up ids cannot make Marquee hammer the
//!   provider.
//! - Each key is pinned to its algorithm (RS256 or ES256, from the key's `alg` or its type): a token whose header
//!   asks for another (HS256 signed with the public key as the secret, `none`) is refused, and so is a key of
//!   another issuer, a wrong `aud`, and an expired or not-yet-valid token beyond the configured leeway.
//! - The account is the domain's decision (`identity`); the answer is remembered per (issuer, `sub`) so later
//!   requests make no database round trip either.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use marquee_domain::identity::{
    ClaimNames, ExternalIdentity, IdentityService, KeySetFetcher, KeySetSource, identity_from_claims,
};
use marquee_domain::user::UserId;
use serde_json::{Map, Value};

/// How long a key set is kept when its server says nothing: an hour.
pub const DEFAULT_KEYS_TTL: Duration = Duration::from_hours(1);

/// The least time between two refreshes of one issuer's keys caused by unknown key ids.
pub const UNKNOWN_KID_INTERVAL: Duration = Duration::from_secs(30);

/// Clock skew tolerated on `exp` and `nbf` unless configured.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);

/// The most (issuer, `sub`) → account answers remembered; past it the memory starts over.
const KNOWN_CAP: usize = 100_000;

/// One trusted issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerSettings {
    /// The exact `iss` of its tokens.
    pub issuer: String,
    /// The accepted `aud` values (at least one).
    pub audiences: Vec<String>,
    /// Where its keys are published.
    pub keys: KeySetSource,
    /// Which claims carry what.
    pub claims: ClaimNames,
}

/// Why an external token was refused (each answers 401).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExternalError {
    /// The issuer is not configured.
    #[error("the token's issuer is not trusted")]
    UnknownIssuer,
    /// The token names a key the issuer does not publish.
    #[error("the token's key is not one of its issuer's")]
    UnknownKey,
    /// Past `exp`.
    #[error("the token has expired")]
    Expired,
    /// Anything else: signature, algorithm, audience, `nbf`, claims, format.
    #[error("the token is invalid: {0}")]
    Invalid(&'static str),
}

/// A verified key and the one algorithm it verifies.
struct PinnedKey {
    key: DecodingKey,
    validation: Validation,
}

struct KeyCache {
    keys: HashMap<String, PinnedKey>,
    expires_at: Option<Instant>,
}

struct Issuer {
    settings: IssuerSettings,
    cache: RwLock<KeyCache>,
    last_forced: Mutex<Option<Instant>>,
    refreshing: AtomicBool,
}

/// External issuers, their keys, and the accounts their users are.
pub struct ExternalAuth {
    issuers: HashMap<String, Arc<Issuer>>,
    fetcher: Option<Arc<dyn KeySetFetcher>>,
    identities: Option<IdentityService>,
    leeway: Duration,
    unknown_kid_interval: Duration,
    known: Mutex<HashMap<(String, String), UserId>>,
}

impl fmt::Debug for ExternalAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut issuers: Vec<&String> = self.issuers.keys().collect();
        issuers.sort();
        f.debug_struct("ExternalAuth").field("issuers", &issuers).field("leeway", &self.leeway).finish_non_exhaustive()
    }
}

/// What a verified external token says, for the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUser {
    /// The local account.
    pub user: UserId,
    /// Whether the issuer grants the admin role in this token.
    pub admin: bool,
}

#[derive(serde::Deserialize)]
struct IssuerOnly {
    iss: Option<String>,
}

/// The issuer a token claims, read without verifying anything (to choose the keys to verify it with).
pub(crate) fn claimed_issuer(token: &str) -> Option<String> {
    jsonwebtoken::dangerous::insecure_decode_claims::<IssuerOnly>(token).ok().and_then(|c| c.iss)
}

impl ExternalAuth {
    /// No external issuer: only Marquee's own tokens are accepted.
    pub fn none() -> Self {
        Self {
            issuers: HashMap::new(),
            fetcher: None,
            identities: None,
            leeway: DEFAULT_LEEWAY,
            unknown_kid_interval: UNKNOWN_KID_INTERVAL,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// The same, refreshing for unknown key ids at most once per `interval` per issuer (default
    /// [`UNKNOWN_KID_INTERVAL`]).
    #[must_use]
    pub fn unknown_kid_interval(mut self, interval: Duration) -> Self {
        self.unknown_kid_interval = interval;
        self
    }

    /// These issuers, their keys fetched by `fetcher`, their users' accounts found by `identities`, with `leeway` on
    /// `exp` and `nbf`. Nothing is fetched yet: call [`Self::load`] at start.
    pub fn new(
        issuers: Vec<IssuerSettings>,
        fetcher: Arc<dyn KeySetFetcher>,
        identities: IdentityService,
        leeway: Duration,
    ) -> Self {
        let issuers = issuers
            .into_iter()
            .map(|settings| {
                let issuer = Issuer {
                    settings,
                    cache: RwLock::new(KeyCache { keys: HashMap::new(), expires_at: None }),
                    last_forced: Mutex::new(None),
                    refreshing: AtomicBool::new(false),
                };
                (issuer.settings.issuer.clone(), Arc::new(issuer))
            })
            .collect();
        Self {
            issuers,
            fetcher: Some(fetcher),
            identities: Some(identities),
            leeway,
            unknown_kid_interval: UNKNOWN_KID_INTERVAL,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// Whether any external issuer is configured (without one, no token's claims need reading before its check).
    pub fn any(&self) -> bool {
        !self.issuers.is_empty()
    }

    /// Whether tokens claiming `issuer` are verified here.
    pub fn trusts(&self, issuer: &str) -> bool {
        self.issuers.contains_key(issuer)
    }

    /// Fetches every issuer's keys; a provider that cannot be reached is logged and tried again on first use.
    pub async fn load(&self) {
        for issuer in self.issuers.values() {
            if let Err(e) = self.refresh(issuer).await {
                tracing::warn!(issuer = %issuer.settings.issuer, error = %e, "could not load an issuer's keys");
            }
        }
    }

    async fn refresh(&self, issuer: &Issuer) -> Result<usize, String> {
        let fetcher = self.fetcher.as_ref().ok_or("no key fetcher")?;
        let fetched = fetcher.fetch(&issuer.settings.keys).await.map_err(|e| e.to_string())?;
        let keys = parse_keys(&fetched.jwks, &issuer.settings, self.leeway)?;
        let count = keys.len();
        let expires_at = Instant::now() + fetched.max_age.unwrap_or(DEFAULT_KEYS_TTL);
        *issuer.cache.write().unwrap_or_else(std::sync::PoisonError::into_inner) =
            KeyCache { keys, expires_at: Some(expires_at) };
        tracing::info!(issuer = %issuer.settings.issuer, keys = count, "loaded an issuer's keys");
        Ok(count)
    }

    /// Verifies `token` against the cached keys of its issuer: CPU only, no network, no store.
    pub fn verify_cached(&self, token: &str) -> Result<ExternalIdentity, ExternalError> {
        let issuer =
            claimed_issuer(token).and_then(|iss| self.issuers.get(&iss)).ok_or(ExternalError::UnknownIssuer)?;
        verify_with(issuer, token)
    }

    /// Verifies `token`: from the cache when it knows the key (starting a background refresh if the cache has
    /// expired), otherwise after one rate-limited refresh.
    pub async fn verify(self: &Arc<Self>, token: &str) -> Result<ExternalIdentity, ExternalError> {
        let issuer =
            claimed_issuer(token).and_then(|iss| self.issuers.get(&iss)).ok_or(ExternalError::UnknownIssuer)?.clone();
        let expired = issuer
            .cache
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .expires_at
            .is_some_and(|at| at <= Instant::now());
        if expired && !issuer.refreshing.swap(true, Ordering::AcqRel) {
            let (this, issuer) = (Arc::clone(self), Arc::clone(&issuer));
            actix_web::rt::spawn(async move {
                if let Err(e) = this.refresh(&issuer).await {
                    tracing::warn!(issuer = %issuer.settings.issuer, error = %e, "could not refresh an issuer's keys");
                }
                issuer.refreshing.store(false, Ordering::Release);
            });
        }
        match verify_with(&issuer, token) {
            Err(ExternalError::UnknownKey) if self.may_force(&issuer) => {
                if let Err(e) = self.refresh(&issuer).await {
                    tracing::warn!(issuer = %issuer.settings.issuer, error = %e, "could not refresh an issuer's keys");
                }
                verify_with(&issuer, token)
            }
            other => other,
        }
    }

    /// Whether a refresh for an unknown key may run now (and if so, counts it).
    fn may_force(&self, issuer: &Issuer) -> bool {
        let mut last = issuer.last_forced.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        if last.is_some_and(|at| now.duration_since(at) < self.unknown_kid_interval) {
            return false;
        }
        *last = Some(now);
        true
    }

    /// The local account of a verified identity: remembered, or found or created by the domain's rule.
    pub async fn user_for(&self, identity: &ExternalIdentity) -> Result<UserId, marquee_domain::StoreError> {
        let key = (identity.issuer.clone(), identity.subject.clone());
        if let Some(user) = self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
            return Ok(*user);
        }
        let identities =
            self.identities.as_ref().ok_or_else(|| marquee_domain::StoreError::new("no identity service"))?;
        let user = identities.resolve(identity).await.map_err(|e| match e {
            marquee_domain::identity::IdentityError::Store(e) => e,
        })?;
        let mut known = self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if known.len() >= KNOWN_CAP {
            known.clear();
        }
        known.insert(key, user);
        Ok(user)
    }

    /// Forgets the remembered account of every identity of `user` (the account was deleted).
    pub fn forget(&self, user: UserId) {
        self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|_, linked| *linked != user);
    }
}

fn verify_with(issuer: &Issuer, token: &str) -> Result<ExternalIdentity, ExternalError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| ExternalError::Invalid("not a signed JWT"))?;
    let kid = header.kid.ok_or(ExternalError::Invalid("the header names no key (`kid`)"))?;
    let cache = issuer.cache.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    let pinned = cache.keys.get(&kid).ok_or(ExternalError::UnknownKey)?;
    let data = jsonwebtoken::decode::<Map<String, Value>>(token, &pinned.key, &pinned.validation).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind;
        match e.kind() {
            ErrorKind::ExpiredSignature => ExternalError::Expired,
            ErrorKind::InvalidAlgorithm => ExternalError::Invalid("the algorithm is not the key's"),
            ErrorKind::InvalidAudience => ExternalError::Invalid("the audience is not accepted"),
            ErrorKind::InvalidIssuer => ExternalError::Invalid("the issuer does not match"),
            ErrorKind::ImmatureSignature => ExternalError::Invalid("the token is not valid yet (`nbf`)"),
            ErrorKind::InvalidSignature => ExternalError::Invalid("the signature does not verify"),
            ErrorKind::MissingRequiredClaim(_) => ExternalError::Invalid("a required claim is missing"),
            _ => ExternalError::Invalid("the token cannot be verified"),
        }
    })?;
    identity_from_claims(&issuer.settings.issuer, &issuer.settings.claims, &data.claims)
        .map_err(|_| ExternalError::Invalid("the token has no subject (`sub`)"))
}

/// The RS256 and ES256 keys of a JWKS document, each pinned to its algorithm; other keys are skipped.
fn parse_keys(jwks: &str, settings: &IssuerSettings, leeway: Duration) -> Result<HashMap<String, PinnedKey>, String> {
    let set: JwkSet = serde_json::from_str(jwks).map_err(|e| format!("not a JWKS document: {e}"))?;
    let mut keys = HashMap::new();
    for jwk in &set.keys {
        let Some(kid) = jwk.common.key_id.clone() else { continue };
        if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
            continue;
        }
        let algorithm = match (&jwk.common.key_algorithm, &jwk.algorithm) {
            (Some(KeyAlgorithm::RS256) | None, AlgorithmParameters::RSA(_)) => Algorithm::RS256,
            (Some(KeyAlgorithm::ES256) | None, AlgorithmParameters::EllipticCurve(ec))
                if ec.curve == EllipticCurve::P256 =>
            {
                Algorithm::ES256
            }
            _ => continue,
        };
        let Ok(key) = DecodingKey::from_jwk(jwk) else { continue };
        let mut validation = Validation::new(algorithm);
        validation.leeway = leeway.as_secs();
        validation.validate_nbf = true;
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&settings.audiences);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        keys.insert(kid, PinnedKey { key, validation });
    }
    Ok(keys)
}
