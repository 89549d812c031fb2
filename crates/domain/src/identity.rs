//! Sign-in through external OpenID Connect providers (Firebase, Auth0, Keycloak, …): which claims say who someone
//! is, and which local account a provider's user is.
//!
//! The rules, decided here once:
//! - an identity is the pair (issuer, `sub`); the first sight of one creates a local account, later ones find it;
//! - a provider's user is linked to an existing e-mail/password account only when the provider says the address is
//!   verified (`email_verified`): otherwise anyone could register `ada@example.com` at a lax provider and take over
//!   Ada's account;
//! - an unverified address is never stored: it may belong to someone else, who could then not register it. Such an
//!   account gets a placeholder address under the reserved `.invalid` domain, which it may change later;
//! - accounts created this way have no password: e-mail/password sign-in never matches them.
//!
//! Verifying the token itself (signature, issuer, audience, expiry, the key set) is the HTTP edge's; fetching key
//! sets is the [`KeySetFetcher`] port's.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Map, Value};

use crate::account::{CreateUserError, UserRepository};
use crate::error::StoreError;
use crate::user::{DisplayName, Email, NewUser, PasswordHash, UserId};

/// The password hash of accounts without a password: no hasher produces it, so no password verifies against it.
pub const NO_PASSWORD: &str = "!external";

/// Which claims of a provider's token carry what Marquee needs. A name is looked up as a key first, then, if absent,
/// as a dotted path into nested objects (Keycloak's `realm_access.roles`); Auth0's namespaced claims are URLs
/// with dots and are found as keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimNames {
    /// The e-mail address (`email` everywhere).
    pub email: String,
    /// Whether the provider verified it (`email_verified`; a boolean, or the string `"true"`).
    pub email_verified: String,
    /// The display name (`name`, or Keycloak's `preferred_username`).
    pub display_name: String,
    /// The admin role, if the provider grants it.
    pub admin: Option<AdminClaim>,
}

impl Default for ClaimNames {
    fn default() -> Self {
        Self {
            email: "email".to_owned(),
            email_verified: "email_verified".to_owned(),
            display_name: "name".to_owned(),
            admin: None,
        }
    }
}

/// The claim granting the admin role: it equals `value`, or is an array holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminClaim {
    /// The claim's name (or dotted path).
    pub claim: String,
    /// The value that means admin.
    pub value: String,
}

/// Who a verified external token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalIdentity {
    /// The issuer (`iss`).
    pub issuer: String,
    /// The provider's id of the user (`sub`).
    pub subject: String,
    /// The address, if the token has a valid one.
    pub email: Option<Email>,
    /// Whether the provider verified the address.
    pub email_verified: bool,
    /// The name to show.
    pub display_name: DisplayName,
    /// Whether the provider grants the admin role.
    pub admin: bool,
    /// When the user last signed in at the provider (Unix seconds): `auth_time` if the token has it, else its
    /// `iat`. Deleting an account without a password needs a recent one.
    pub signed_in_at: Option<i64>,
}

/// Why a token's claims name no one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    /// No `sub`, or an empty one.
    #[error("the token has no subject (`sub`)")]
    NoSubject,
}

/// A claim by name, or by dotted path.
fn claim<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    claims.get(name).or_else(|| {
        let mut parts = name.split('.');
        let first = claims.get(parts.next()?)?;
        parts.try_fold(first, |value, part| value.get(part))
    })
}

/// The identity a verified token's claims name, read through `names`.
pub fn identity_from_claims(
    issuer: &str,
    names: &ClaimNames,
    claims: &Map<String, Value>,
) -> Result<ExternalIdentity, ClaimError> {
    let subject = claims.get("sub").and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or(ClaimError::NoSubject)?;
    let email = claim(claims, &names.email).and_then(Value::as_str).and_then(|e| Email::parse(e).ok());
    let email_verified = match claim(claims, &names.email_verified) {
        Some(Value::Bool(verified)) => *verified,
        // Some providers (Amazon Cognito among them) send it as a string.
        Some(Value::String(verified)) => verified.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let shown = claim(claims, &names.display_name).and_then(Value::as_str).map(|n| n.chars().take(50).collect());
    let fallback = || email.as_ref().and_then(|e| e.as_str().split('@').next().map(str::to_owned));
    let display_name = shown
        .and_then(|n: String| DisplayName::parse(&n).ok())
        .or_else(|| fallback().and_then(|n| DisplayName::parse(&n).ok()))
        .map_or_else(|| DisplayName::parse("Member"), Ok)
        .map_err(|_| ClaimError::NoSubject)?;
    let admin = names.admin.as_ref().is_some_and(|admin| match claim(claims, &admin.claim) {
        Some(Value::String(v)) => *v == admin.value,
        Some(Value::Array(values)) => values.iter().any(|v| v.as_str() == Some(admin.value.as_str())),
        Some(Value::Bool(v)) => *v && admin.value == "true",
        _ => false,
    });
    Ok(ExternalIdentity {
        issuer: issuer.to_owned(),
        subject: subject.to_owned(),
        email,
        email_verified,
        display_name,
        admin,
        signed_in_at: ["auth_time", "iat"].into_iter().find_map(|name| claims.get(name).and_then(Value::as_i64)),
    })
}

/// Which account an identity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Seen before: this account.
    Known(UserId),
    /// First sight, and the provider verified an address an account has: that account.
    Existing(UserId),
    /// First sight otherwise: a new account.
    Create,
}

/// The linking rule: a known identity is its account; an account with the same address is linked only when the
/// provider verified the address; anything else is a new account.
pub fn link(identity: &ExternalIdentity, known: Option<UserId>, same_email: Option<UserId>) -> Link {
    match (known, same_email) {
        (Some(user), _) => Link::Known(user),
        (None, Some(user)) if identity.email_verified => Link::Existing(user),
        _ => Link::Create,
    }
}

/// The placeholder address of an account created without a verified one: unique, and under `.invalid`, which no
/// mail system delivers to (RFC 2606).
pub fn placeholder_email(user_hint: uuid::Uuid) -> Email {
    // A simple UUID and a fixed domain always parse.
    Email::parse(&format!("{}@external.invalid", user_hint.simple()))
        .unwrap_or_else(|_| unreachable!("a UUID at a dotted domain is a valid address"))
}

/// External identities and the accounts they are.
#[async_trait]
pub trait IdentityRepository: Send + Sync {
    /// The account an identity is linked to, if any.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn find_identity(&self, issuer: &str, subject: &str) -> Result<Option<UserId>, StoreError>;

    /// Links an identity to an existing account (nothing if it is linked already).
    ///
    /// # Errors
    /// [`StoreError`] (of kind `AccountGone` when the account does not exist) on failure.
    async fn link_identity(&self, issuer: &str, subject: &str, user: UserId) -> Result<(), StoreError>;

    /// Creates an account and links the identity to it, in one transaction.
    ///
    /// # Errors
    /// [`CreateUserError::EmailTaken`] when the address is in use; `Store` on storage failure (an identity linked
    /// meanwhile by a racing request included).
    async fn create_with_identity(&self, user: NewUser, issuer: &str, subject: &str)
    -> Result<UserId, CreateUserError>;
}

/// Why an external sign-in found no account.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Finding or making the account of an external identity.
#[derive(Clone)]
pub struct IdentityService {
    identities: Arc<dyn IdentityRepository>,
    users: Arc<dyn UserRepository>,
}

impl fmt::Debug for IdentityService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityService").finish_non_exhaustive()
    }
}

impl IdentityService {
    /// A service over the identity links and the accounts.
    pub fn new(identities: Arc<dyn IdentityRepository>, users: Arc<dyn UserRepository>) -> Self {
        Self { identities, users }
    }

    /// The account of `identity`, linked or created by [`link`] on first sight.
    pub async fn resolve(&self, identity: &ExternalIdentity) -> Result<UserId, IdentityError> {
        let (issuer, subject) = (identity.issuer.as_str(), identity.subject.as_str());
        let known = self.identities.find_identity(issuer, subject).await?;
        let same_email = match (&identity.email, known) {
            (Some(email), None) if identity.email_verified => {
                self.users.find_by_email(email).await?.map(|(user, _)| user.id)
            }
            _ => None,
        };
        match link(identity, known, same_email) {
            Link::Known(user) => Ok(user),
            Link::Existing(user) => {
                self.identities.link_identity(issuer, subject, user).await?;
                Ok(user)
            }
            Link::Create => self.create(identity).await,
        }
    }

    async fn create(&self, identity: &ExternalIdentity) -> Result<UserId, IdentityError> {
        let (issuer, subject) = (identity.issuer.as_str(), identity.subject.as_str());
        let new = |email: Email| NewUser {
            email,
            display_name: identity.display_name.clone(),
            password_hash: PasswordHash(NO_PASSWORD.to_owned()),
        };
        let placeholder = || placeholder_email(uuid::Uuid::now_v7());
        let email = identity.email.clone().filter(|_| identity.email_verified).unwrap_or_else(placeholder);
        let created = match self.identities.create_with_identity(new(email), issuer, subject).await {
            // A verified address registered since the lookup: whether to link is decided on a fresh look, at the
            // next sign-in; for now the account goes without the address.
            Err(CreateUserError::EmailTaken) => {
                self.identities.create_with_identity(new(placeholder()), issuer, subject).await
            }
            other => other,
        };
        match created {
            Ok(user) => Ok(user),
            Err(err) => {
                // A racing first sight of the same identity may have created it meanwhile: then that is the answer.
                if let Some(user) = self.identities.find_identity(issuer, subject).await? {
                    return Ok(user);
                }
                Err(match err {
                    CreateUserError::EmailTaken => StoreError::new("a placeholder address was taken"),
                    CreateUserError::Store(e) => e,
                }
                .into())
            }
        }
    }
}

/// Where a key set is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySetSource {
    /// The JWKS document's URL.
    Jwks(String),
    /// The issuer's URL: the key set is found through `/.well-known/openid-configuration` (`jwks_uri`).
    Discovery(String),
}

/// A fetched key set: the JWKS document as published, and how long it may be cached if the server said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedKeySet {
    /// The JWKS JSON.
    pub jwks: String,
    /// `Cache-Control: max-age`, when given.
    pub max_age: Option<Duration>,
}

/// Why a key set could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the key set could not be fetched: {0}")]
pub struct FetchError(pub String);

/// Fetches providers' key sets over the network. Called off the hot path only: at start, when a cached set
/// expires, and (rate-limited) when a token names a key the cache lacks.
#[async_trait]
pub trait KeySetFetcher: Send + Sync {
    /// The key set published at `source`.
    ///
    /// # Errors
    /// [`FetchError`] when the server cannot be reached or answers something other than a key set.
    async fn fetch(&self, source: &KeySetSource) -> Result<FetchedKeySet, FetchError>;
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn claims(value: &Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    fn read(names: &ClaimNames, value: &Value) -> Result<ExternalIdentity, ClaimError> {
        identity_from_claims("https://issuer.example", names, &claims(value))
    }

    #[test]
    fn claims_map_to_an_identity() {
        let names = ClaimNames::default();
        let id = read(&names, &json!({"sub": "u1", "email": "Ada@Example.com", "email_verified": true, "name": "Ada"}))
            .unwrap();
        assert_eq!((id.subject.as_str(), id.display_name.as_str()), ("u1", "Ada"));
        assert_eq!(id.email.as_ref().map(Email::as_str), Some("ada@example.com"));
        assert!(id.email_verified && !id.admin);
        let cognito = read(&names, &json!({"sub": "u1", "email": "a@b.co", "email_verified": "true"})).unwrap();
        assert!(cognito.email_verified, "the string form counts");
        assert_eq!(cognito.display_name.as_str(), "a", "no name: the address's local part");
        let bare = read(&names, &json!({"sub": "u1"})).unwrap();
        assert_eq!((bare.email, bare.email_verified, bare.display_name.as_str()), (None, false, "Member"));
        assert_eq!(read(&names, &json!({"email": "a@b.co"})), Err(ClaimError::NoSubject));
        assert_eq!(read(&names, &json!({"sub": ""})), Err(ClaimError::NoSubject));
    }

    #[test]
    fn the_admin_role_comes_from_a_named_or_nested_claim() {
        let keycloak = ClaimNames {
            display_name: "preferred_username".into(),
            admin: Some(AdminClaim { claim: "realm_access.roles".into(), value: "marquee-admin".into() }),
            ..ClaimNames::default()
        };
        let token = json!({"sub": "k", "preferred_username": "kc", "realm_access": {"roles": ["x", "marquee-admin"]}});
        let id = read(&keycloak, &token).unwrap();
        assert!(id.admin);
        assert_eq!(id.display_name.as_str(), "kc");
        assert!(!read(&keycloak, &json!({"sub": "k", "realm_access": {"roles": ["x"]}})).unwrap().admin);
        let auth0 = ClaimNames {
            admin: Some(AdminClaim { claim: "https://marquee.example/roles".into(), value: "admin".into() }),
            ..ClaimNames::default()
        };
        assert!(read(&auth0, &json!({"sub": "a", "https://marquee.example/roles": ["admin"]})).unwrap().admin);
        let firebase = ClaimNames {
            admin: Some(AdminClaim { claim: "admin".into(), value: "true".into() }),
            ..ClaimNames::default()
        };
        assert!(read(&firebase, &json!({"sub": "f", "admin": true})).unwrap().admin);
        assert!(!read(&firebase, &json!({"sub": "f", "admin": false})).unwrap().admin);
    }

    #[test]
    fn only_a_verified_address_links_to_an_existing_account() {
        let names = ClaimNames::default();
        let verified = read(&names, &json!({"sub": "s", "email": "a@b.co", "email_verified": true})).unwrap();
        let unverified = read(&names, &json!({"sub": "s", "email": "a@b.co", "email_verified": false})).unwrap();
        let (mine, other) = (UserId(uuid::Uuid::from_u128(1)), UserId(uuid::Uuid::from_u128(2)));
        assert_eq!(link(&verified, Some(mine), Some(other)), Link::Known(mine), "a known identity stays put");
        assert_eq!(link(&verified, None, Some(other)), Link::Existing(other));
        assert_eq!(link(&unverified, None, Some(other)), Link::Create, "an unverified address never links");
        assert_eq!(link(&verified, None, None), Link::Create);
        assert!(placeholder_email(uuid::Uuid::from_u128(9)).as_str().ends_with("@external.invalid"));
    }
}
