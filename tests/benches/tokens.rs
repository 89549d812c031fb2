//! Token verification on the hot path (issue 22: at most 50 µs per token): Marquee's own HS256 tokens, and RS256 and
//! ES256 tokens of an external issuer whose keys are already cached (no network, no store). Beside them, the floor
//! an ES256 token cannot go below: aws-lc's P-256 signature check alone, with the key parsed once (as the
//! verifier now does) and parsed for each check (as jsonwebtoken does).
//!
//! `cargo bench -p marquee-tests --bench tokens`

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, reason = "benchmark code")]

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use marquee_domain::identity::{ClaimNames, IdentityService};
use marquee_domain::session::SessionId;
use marquee_domain::user::UserId;
use marquee_http::TokenKeys;
use marquee_http::oidc::ExternalAuth;
use marquee_memory::MemoryStore;
use marquee_tests::oidc::{MockIssuer, TestKey};
use secrecy::SecretString;
use serde_json::json;

fn tokens(c: &mut Criterion) {
    let own = TokenKeys::new(&SecretString::from("k".repeat(32)), Duration::from_mins(15));
    let (token, _) = own.issue(UserId(uuid::Uuid::now_v7()), SessionId(uuid::Uuid::now_v7())).unwrap();
    c.bench_function("own_hs256", |b| b.iter(|| own.verify(black_box(&token)).unwrap()));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (rsa, ec) = (TestKey::rsa("rsa"), TestKey::ec("ec"));
    let (issuer, external) = runtime.block_on(async {
        let issuer = MockIssuer::start().await;
        issuer.publish(&[&rsa, &ec], Duration::from_hours(1)).await;
        let store = Arc::new(MemoryStore::new());
        let fetcher = Arc::new(marquee_oidc::HttpKeySets::new().unwrap());
        let external = ExternalAuth::new(
            vec![issuer.settings(ClaimNames::default())],
            fetcher,
            IdentityService::new(store.clone(), store),
            Duration::from_secs(30),
        );
        external.load().await;
        (issuer, external)
    });
    let claims = issuer.claims("bench-user", &json!({"email": "b@example.com", "email_verified": true, "name": "B"}));
    for (name, key) in [("external_rs256", &rsa), ("external_es256", &ec)] {
        let token = key.sign(&claims);
        c.bench_function(name, |b| b.iter(|| external.verify_cached(black_box(&token)).unwrap()));
    }
}

fn p256(c: &mut Criterion) {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{
        ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _, ParsedPublicKey,
        UnparsedPublicKey,
    };
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    // About the length of a token's signed part.
    let message = vec![b'a'; 400];
    let signature = pair.sign(&rng, &message).unwrap();
    let point = pair.public_key().as_ref().to_vec();
    let parsed = ParsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, &point).unwrap();
    c.bench_function("p256_verify_parsed_key", |b| {
        b.iter(|| parsed.verify_sig(black_box(&message), black_box(signature.as_ref())).unwrap());
    });
    let unparsed = UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, &point);
    c.bench_function("p256_parse_and_verify", |b| {
        b.iter(|| unparsed.verify(black_box(&message), black_box(signature.as_ref())).unwrap());
    });
}

criterion_group!(benches, tokens, p256);
criterion_main!(benches);
