//! Tokens of external OpenID Connect issuers (Firebase, Auth0, Keycloak, …): [`ExternalAuth`] verifies them
//! against each issuer's cached key set and finds the local account they name.
//!
//! - Each configured issuer has its own key cache, filled through the [`KeySetFetcher`] port at start, and again
//!   when it expires (the server's `max-age`, else [`DEFAULT_KEYS_TTL`]) or a token names a key it lacks.
//! - Verification on the hot path is CPU only: a cache hit decodes and checks the token, nothing else. Each key is
//!   parsed (and its point or modulus validated) once, when its set is fetched, not per token; the token's parts
//!   are decoded once, and its claims serve both to choose the issuer and to check them. An expired
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

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED, ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents,
};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::Algorithm;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm, PublicKeyUse};
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

/// A published key, parsed once, and the one algorithm it verifies.
struct PinnedKey {
    key: ParsedPublicKey,
    algorithm: Algorithm,
}

struct KeyCache {
    keys: HashMap<String, PinnedKey>,
    expires_at: Option<Instant>,
}

struct Issuer {
    settings: IssuerSettings,
    leeway: u64,
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
    /// Identities whose account was deleted here, and when (Unix seconds).
    deleted: Mutex<HashMap<(String, String), i64>>,
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
            deleted: Mutex::new(HashMap::new()),
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
                    leeway: leeway.as_secs(),
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
            deleted: Mutex::new(HashMap::new()),
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
        let keys = parse_keys(&fetched.jwks)?;
        let count = keys.len();
        let expires_at = Instant::now() + fetched.max_age.unwrap_or(DEFAULT_KEYS_TTL);
        *issuer.cache.write().unwrap_or_else(std::sync::PoisonError::into_inner) =
            KeyCache { keys, expires_at: Some(expires_at) };
        tracing::info!(issuer = %issuer.settings.issuer, keys = count, "loaded an issuer's keys");
        Ok(count)
    }

    /// The issuer `token` claims, if trusted, and the token's decoded parts.
    fn route<'t>(&self, token: &'t str) -> Result<(&Arc<Issuer>, Parts<'t>), ExternalError> {
        let parts = Parts::decode(token)?;
        let issuer = parts
            .claims
            .get("iss")
            .and_then(Value::as_str)
            .and_then(|iss| self.issuers.get(iss))
            .ok_or(ExternalError::UnknownIssuer)?;
        Ok((issuer, parts))
    }

    /// Verifies `token` against the cached keys of its issuer: CPU only, no network, no store.
    pub fn verify_cached(&self, token: &str) -> Result<ExternalIdentity, ExternalError> {
        let (issuer, parts) = self.route(token)?;
        verify_with(issuer, &parts)
    }

    /// Verifies `token`: from the cache when it knows the key (starting a background refresh if the cache has
    /// expired), otherwise after one rate-limited refresh.
    pub async fn verify(self: &Arc<Self>, token: &str) -> Result<ExternalIdentity, ExternalError> {
        let (issuer, parts) = self.route(token)?;
        let issuer = Arc::clone(issuer);
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
        match verify_with(&issuer, &parts) {
            Err(ExternalError::UnknownKey) if self.may_force(&issuer) => {
                if let Err(e) = self.refresh(&issuer).await {
                    tracing::warn!(issuer = %issuer.settings.issuer, error = %e, "could not refresh an issuer's keys");
                }
                verify_with(&issuer, &parts)
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

    /// Forgets the remembered account of every identity of `user` (the account was deleted), and refuses from now
    /// on the tokens of those identities issued up to this second: they belong to the deleted account, while a
    /// later sign-in at the provider makes a new one.
    pub fn forget(&self, user: UserId) {
        let now = i64::try_from(now()).unwrap_or(i64::MAX);
        let mut known = self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut deleted = self.deleted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        known.retain(|identity, linked| {
            if *linked == user {
                deleted.insert(identity.clone(), now);
            }
            *linked != user
        });
        if deleted.len() > KNOWN_CAP {
            deleted.clear();
        }
    }

    /// Whether `identity`'s token was issued to an account deleted since (a token without `iat` counts as old).
    pub fn deleted_since(&self, identity: &ExternalIdentity) -> bool {
        let deleted = self.deleted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        deleted
            .get(&(identity.issuer.clone(), identity.subject.clone()))
            .is_some_and(|at| identity.signed_in_at.is_none_or(|issued| issued <= *at))
    }
}

/// A token split and decoded: the header, the claims, the signed text and the signature.
struct Parts<'t> {
    header: jsonwebtoken::Header,
    claims: Map<String, Value>,
    signed: &'t str,
    signature: Vec<u8>,
}

impl<'t> Parts<'t> {
    fn decode(token: &'t str) -> Result<Self, ExternalError> {
        let malformed = || ExternalError::Invalid("not a signed JWT");
        let (signed, signature) = token.rsplit_once('.').ok_or_else(malformed)?;
        let (header, payload) = signed.split_once('.').ok_or_else(malformed)?;
        let json = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| malformed());
        Ok(Self {
            header: serde_json::from_slice(&json(header)?).map_err(|_| malformed())?,
            claims: serde_json::from_slice(&json(payload)?).map_err(|_| malformed())?,
            signed,
            signature: json(signature)?,
        })
    }
}

/// Seconds since the Unix epoch.
fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn verify_with(issuer: &Issuer, parts: &Parts<'_>) -> Result<ExternalIdentity, ExternalError> {
    let kid = parts.header.kid.as_deref().ok_or(ExternalError::Invalid("the header names no key (`kid`)"))?;
    {
        let cache = issuer.cache.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let pinned = cache.keys.get(kid).ok_or(ExternalError::UnknownKey)?;
        // The key decides the algorithm, never the token: `none`, HS256 with the public key as the secret, or any
        // other algorithm than the key's is refused before anything is verified.
        if parts.header.alg != pinned.algorithm {
            return Err(ExternalError::Invalid("the algorithm is not the key's"));
        }
        pinned
            .key
            .verify_sig(parts.signed.as_bytes(), &parts.signature)
            .map_err(|_| ExternalError::Invalid("the signature does not verify"))?;
    }
    check_claims(&parts.claims, &issuer.settings, issuer.leeway, now())?;
    identity_from_claims(&issuer.settings.issuer, &issuer.settings.claims, &parts.claims)
        .map_err(|_| ExternalError::Invalid("a required claim is missing: the subject (`sub`)"))
}

/// The registered claims of a verified token: `iss` is the issuer's, `aud` names an accepted audience, `exp` is
/// not past and `nbf` (if present) not ahead, each within `leeway` seconds of `now`.
fn check_claims(
    claims: &Map<String, Value>,
    settings: &IssuerSettings,
    leeway: u64,
    now: u64,
) -> Result<(), ExternalError> {
    const MISSING: ExternalError = ExternalError::Invalid("a required claim is missing");
    let time =
        |name: &str| claims.get(name).map(|v| v.as_u64().ok_or(ExternalError::Invalid("a time claim is not a number")));
    let exp = time("exp").ok_or(MISSING)??;
    if exp.saturating_add(leeway) < now {
        return Err(ExternalError::Expired);
    }
    if let Some(nbf) = time("nbf").transpose()?
        && nbf > now.saturating_add(leeway)
    {
        return Err(ExternalError::Invalid("the token is not valid yet (`nbf`)"));
    }
    if claims.get("iss").and_then(Value::as_str).ok_or(MISSING)? != settings.issuer {
        return Err(ExternalError::Invalid("the issuer does not match"));
    }
    let accepted = |aud: &Value| aud.as_str().is_some_and(|aud| settings.audiences.iter().any(|a| a == aud));
    let audience_ok = match claims.get("aud").ok_or(MISSING)? {
        Value::Array(values) => values.iter().any(accepted),
        one => accepted(one),
    };
    if !audience_ok {
        return Err(ExternalError::Invalid("the audience is not accepted"));
    }
    Ok(())
}

/// The RS256 and ES256 keys of a JWKS document, each parsed and pinned to its algorithm; other keys, and keys that
/// do not parse, are skipped.
fn parse_keys(jwks: &str) -> Result<HashMap<String, PinnedKey>, String> {
    let set: JwkSet = serde_json::from_str(jwks).map_err(|e| format!("not a JWKS document: {e}"))?;
    let mut keys = HashMap::new();
    for jwk in &set.keys {
        let Some(kid) = jwk.common.key_id.clone() else { continue };
        if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
            continue;
        }
        let bytes = |b64: &str| URL_SAFE_NO_PAD.decode(b64).ok();
        let pinned = match (&jwk.common.key_algorithm, &jwk.algorithm) {
            (Some(KeyAlgorithm::RS256) | None, AlgorithmParameters::RSA(rsa)) => {
                let (Some(n), Some(e)) = (bytes(&rsa.n), bytes(&rsa.e)) else { continue };
                let Ok(key) = RsaPublicKeyComponents { n, e }.to_parsed_public_key(&RSA_PKCS1_2048_8192_SHA256) else {
                    continue;
                };
                PinnedKey { key, algorithm: Algorithm::RS256 }
            }
            (Some(KeyAlgorithm::ES256) | None, AlgorithmParameters::EllipticCurve(ec))
                if ec.curve == EllipticCurve::P256 =>
            {
                let (Some(x), Some(y)) = (bytes(&ec.x), bytes(&ec.y)) else { continue };
                if x.len() != 32 || y.len() != 32 {
                    continue;
                }
                // The uncompressed SEC 1 point: 0x04, then x and y.
                let point: Vec<u8> = std::iter::once(4).chain(x).chain(y).collect();
                let Ok(key) = ParsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point) else { continue };
                PinnedKey { key, algorithm: Algorithm::ES256 }
            }
            _ => continue,
        };
        keys.insert(kid, pinned);
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> IssuerSettings {
        IssuerSettings {
            issuer: "https://issuer.example".into(),
            audiences: vec!["api".into(), "other".into()],
            keys: KeySetSource::Jwks("https://issuer.example/jwks".into()),
            claims: ClaimNames::default(),
        }
    }

    fn claims(value: &Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn registered_claims_are_checked_within_the_leeway() {
        let s = settings();
        let ok = |c: Value| check_claims(&claims(&c), &s, 30, 1_000);
        let good = serde_json::json!({"iss": "https://issuer.example", "aud": "api", "exp": 1_100});
        assert_eq!(ok(good.clone()), Ok(()));
        let mut c = good.clone();
        c["aud"] = serde_json::json!(["x", "other"]);
        assert_eq!(ok(c), Ok(()), "an array naming an accepted audience");
        c = good.clone();
        c["aud"] = serde_json::json!(["x", "y"]);
        assert_eq!(ok(c), Err(ExternalError::Invalid("the audience is not accepted")));
        c = good.clone();
        c["exp"] = serde_json::json!(975);
        assert_eq!(ok(c), Ok(()), "expired 25 s ago: within the leeway");
        c = good.clone();
        c["exp"] = serde_json::json!(960);
        assert_eq!(ok(c), Err(ExternalError::Expired));
        c = good.clone();
        c["nbf"] = serde_json::json!(1_031);
        assert_eq!(ok(c), Err(ExternalError::Invalid("the token is not valid yet (`nbf`)")));
        c = good.clone();
        c["nbf"] = serde_json::json!(1_030);
        assert_eq!(ok(c), Ok(()));
        c = good.clone();
        c["iss"] = serde_json::json!("https://other.example");
        assert_eq!(ok(c), Err(ExternalError::Invalid("the issuer does not match")));
        for missing in ["exp", "aud", "iss"] {
            let mut c = good.clone();
            if let Some(object) = c.as_object_mut() {
                object.remove(missing);
            }
            assert_eq!(ok(c), Err(ExternalError::Invalid("a required claim is missing")), "{missing}");
        }
        c = good;
        c["exp"] = serde_json::json!("soon");
        assert_eq!(ok(c), Err(ExternalError::Invalid("a time claim is not a number")));
    }

    #[test]
    fn keys_that_do_not_parse_are_skipped() {
        let jwks = r#"{"keys": [
            {"kty": "EC", "crv": "P-256", "kid": "short", "x": "AAAA", "y": "AAAA"},
            {"kty": "EC", "crv": "P-256", "kid": "off-curve",
             "x": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "y": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"},
            {"kty": "oct", "kid": "secret", "k": "c2VjcmV0"}
        ]}"#;
        assert!(parse_keys(jwks).unwrap().is_empty());
        assert!(parse_keys("not json").is_err());
    }
}
