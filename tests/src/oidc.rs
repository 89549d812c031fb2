//! A local OpenID Connect issuer for the tests: keys generated in the test (RSA 2048 and P-256), a JWKS served by
//! wiremock, and tokens signed with them.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use marquee_domain::identity::{ClaimNames, IdentityService, KeySetSource};
use marquee_http::oidc::{ExternalAuth, IssuerSettings};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::Stores;

/// A signing key and its public JWK.
#[derive(Debug, Clone)]
pub struct TestKey {
    /// Its `kid`.
    pub kid: String,
    /// RS256 or ES256.
    pub alg: Algorithm,
    encoding: EncodingKey,
    /// The public key as a JWK, with `kid` and `use`.
    pub jwk: Value,
    /// The private key's DER (for the HS256-with-a-public-key attack, its public JWK's bytes are used instead).
    pub secret_der: Vec<u8>,
}

impl TestKey {
    /// A fresh RSA 2048 key for RS256.
    ///
    /// # Panics
    /// When the crypto library cannot make a key.
    pub fn rsa(kid: &str) -> Self {
        let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).expect("an RSA key");
        let pkcs8: Pkcs8V1Der<'static> = pair.as_der().expect("PKCS#8");
        // jsonwebtoken signs with a PKCS#1 RSAPrivateKey: the OCTET STRING inside the PKCS#8 wrapper.
        let pkcs1 = pkcs8_inner(pkcs8.as_ref()).to_vec();
        Self::new(kid, Algorithm::RS256, EncodingKey::from_rsa_der(&pkcs1), pkcs1)
    }

    /// A fresh P-256 key for ES256.
    ///
    /// # Panics
    /// When the crypto library cannot make a key.
    pub fn ec(kid: &str) -> Self {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let doc = aws_lc_rs::signature::EcdsaKeyPair::generate_pkcs8(
            &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &rng,
        )
        .expect("an EC key");
        let der = doc.as_ref().to_vec();
        Self::new(kid, Algorithm::ES256, EncodingKey::from_ec_der(&der), der)
    }

    fn new(kid: &str, alg: Algorithm, encoding: EncodingKey, secret_der: Vec<u8>) -> Self {
        let mut jwk = serde_json::to_value(Jwk::from_encoding_key(&encoding, alg).expect("a JWK")).expect("JSON");
        jwk["kid"] = json!(kid);
        jwk["use"] = json!("sig");
        Self { kid: kid.to_owned(), alg, encoding, jwk, secret_der }
    }

    /// A token of `claims` signed with this key, naming it.
    ///
    /// # Panics
    /// When signing fails.
    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(self.alg);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("signed")
    }
}

/// The body of a DER SEQUENCE's third element when it is an OCTET STRING: a PKCS#8 key's private key.
fn pkcs8_inner(der: &[u8]) -> &[u8] {
    /// (header length, content length) of the element at the start of `der`.
    fn element(der: &[u8]) -> (usize, usize) {
        match der[1] {
            n if n < 0x80 => (2, usize::from(n)),
            0x81 => (3, usize::from(der[2])),
            0x82 => (4, usize::from(der[2]) << 8 | usize::from(der[3])),
            other => panic!("unexpected DER length byte {other:#x}"),
        }
    }
    let (outer, _) = element(der);
    let mut rest = &der[outer..];
    for _ in 0..2 {
        let (h, len) = element(rest);
        rest = &rest[h + len..];
    }
    assert_eq!(rest[0], 0x04, "an OCTET STRING");
    let (h, len) = element(rest);
    &rest[h..h + len]
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A mock issuer: its URL (the `iss`), the audience it issues for, and the JWKS it serves.
#[derive(Debug)]
pub struct MockIssuer {
    /// The server.
    pub server: MockServer,
    /// Its `iss`.
    pub issuer: String,
    /// Its audience.
    pub audience: String,
}

impl MockIssuer {
    /// A server publishing no keys yet.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let issuer = format!("{}/issuer", server.uri());
        Self { server, issuer, audience: "marquee-app".to_owned() }
    }

    /// Serves exactly these keys from now on, cacheable for `max_age`.
    pub async fn publish(&self, keys: &[&TestKey], max_age: Duration) {
        self.server.reset().await;
        let jwks = json!({"keys": keys.iter().map(|k| k.jwk.clone()).collect::<Vec<_>>()});
        Mock::given(method("GET"))
            .and(path("/issuer/jwks"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("cache-control", format!("max-age={}", max_age.as_secs()).as_str())
                    .set_body_json(jwks),
            )
            .mount(&self.server)
            .await;
    }

    /// How many times the JWKS was fetched.
    pub async fn fetches(&self) -> usize {
        self.server.received_requests().await.map_or(0, |r| r.len())
    }

    /// The issuer's settings with these claim names.
    pub fn settings(&self, claims: ClaimNames) -> IssuerSettings {
        IssuerSettings {
            issuer: self.issuer.clone(),
            audiences: vec![self.audience.clone()],
            keys: KeySetSource::Jwks(format!("{}/issuer/jwks", self.server.uri())),
            claims,
        }
    }

    /// Standard claims for `sub`, valid for an hour, plus `extra`.
    pub fn claims(&self, sub: &str, extra: &Value) -> Value {
        let mut claims = json!({
            "iss": self.issuer, "aud": self.audience, "sub": sub, "iat": now(), "exp": now() + 3600,
        });
        if let (Some(claims), Some(extra)) = (claims.as_object_mut(), extra.as_object()) {
            claims.extend(extra.clone());
        }
        claims
    }
}

/// External auth trusting `issuers` over `stores`, fetching with the real HTTP adapter, leeway 5 s, refreshing for
/// unknown key ids at most once per `interval`.
///
/// # Panics
/// When the HTTP client cannot be built.
pub fn external_auth(stores: &Stores, issuers: Vec<IssuerSettings>, interval: Duration) -> Arc<ExternalAuth> {
    let identities = IdentityService::new(stores.ports.identities.clone(), stores.ports.users.clone());
    let fetcher = Arc::new(marquee_oidc::HttpKeySets::new().expect("an HTTP client"));
    Arc::new(ExternalAuth::new(issuers, fetcher, identities, Duration::from_secs(5)).unknown_kid_interval(interval))
}
