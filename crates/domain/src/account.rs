//! The account use cases: register, log in, look up.

use std::fmt;
use std::sync::Arc;

use crate::error::{FieldError, StoreError};
use crate::ports::{CreateUserError, HashError, PasswordHasher, UserRepository};
use crate::user::{DisplayName, Email, NewUser, Password, User, UserId};

/// Why an account operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Some fields are invalid.
    #[error("invalid account details")]
    Invalid(Vec<FieldError>),
    /// The e-mail address is in use.
    #[error("an account with this e-mail address exists")]
    EmailTaken,
    /// Wrong address or password (deliberately not saying which).
    #[error("wrong e-mail address or password")]
    InvalidCredentials,
    /// The account does not exist (any more).
    #[error("account not found")]
    NotFound,
    /// Hashing failed.
    #[error(transparent)]
    Hash(#[from] HashError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Registration, login and lookup.
#[derive(Clone)]
pub struct AccountService {
    users: Arc<dyn UserRepository>,
    hasher: Arc<dyn PasswordHasher>,
}

impl fmt::Debug for AccountService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountService").finish_non_exhaustive()
    }
}

impl AccountService {
    /// A service over an account store and a hasher.
    pub fn new(users: Arc<dyn UserRepository>, hasher: Arc<dyn PasswordHasher>) -> Self {
        Self { users, hasher }
    }

    /// Validates every field (reporting all problems at once), hashes the password and creates the account.
    pub async fn register(&self, email: &str, password: &str, display_name: &str) -> Result<User, AccountError> {
        let email = Email::parse(email);
        let password = Password::parse(password);
        let name = DisplayName::parse(display_name);
        let (email, password, display_name) = match (email, password, name) {
            (Ok(e), Ok(p), Ok(n)) => (e, p, n),
            (e, p, n) => {
                let errors = [e.err(), p.err(), n.err()].into_iter().flatten().collect();
                return Err(AccountError::Invalid(errors));
            }
        };
        let password_hash = self.hasher.hash(&password).await?;
        self.users.create(NewUser { email, display_name, password_hash }).await.map_err(|e| match e {
            CreateUserError::EmailTaken => AccountError::EmailTaken,
            CreateUserError::Store(s) => AccountError::Store(s),
        })
    }

    /// Checks an address and password. An unknown or malformed address costs one verification against the
    /// hasher's decoy, so the answer takes the same time either way.
    pub async fn login(&self, email: &str, password: &str) -> Result<User, AccountError> {
        let found = match Email::parse(email) {
            Ok(email) => self.users.find_by_email(&email).await?,
            Err(_) => None,
        };
        match found {
            Some((user, hash)) if self.hasher.verify(password, &hash).await? => Ok(user),
            Some(_) => Err(AccountError::InvalidCredentials),
            None => {
                self.hasher.verify(password, self.hasher.decoy()).await?;
                Err(AccountError::InvalidCredentials)
            }
        }
    }

    /// The account with this id.
    pub async fn get(&self, id: UserId) -> Result<User, AccountError> {
        self.users.get(id).await?.ok_or(AccountError::NotFound)
    }

    /// Grants or revokes admin rights by e-mail address.
    pub async fn set_admin(&self, email: &str, is_admin: bool) -> Result<User, AccountError> {
        let email = Email::parse(email).map_err(|e| AccountError::Invalid(vec![e]))?;
        self.users.set_admin(&email, is_admin).await?.ok_or(AccountError::NotFound)
    }
}
