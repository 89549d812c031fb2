//! The account use cases: register, log in, look up, change the password, the address and the name.
//!
//! Its ports: [`UserRepository`] (the accounts) and [`PasswordHasher`].

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;

use crate::error::{FieldError, StoreError};
use crate::user::{DisplayName, Email, NewUser, Password, PasswordHash, User, UserId};

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
    /// The current password given to change it is wrong.
    #[error("the current password is wrong")]
    WrongPassword,
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

    /// Changes the password of `user`, given the current one (an account without a password, made by an external
    /// provider, has none to give and cannot set one this way). Ending the account's other sessions is
    /// [`crate::session::SessionService::after_password_change`].
    pub async fn change_password(&self, user: UserId, current: &str, new: &str) -> Result<(), AccountError> {
        let new = Password::parse(new).map_err(|mut e| {
            "new_password".clone_into(&mut e.field);
            AccountError::Invalid(vec![e])
        })?;
        let hash = self.users.password_hash(user).await?.ok_or(AccountError::NotFound)?;
        if !self.hasher.verify(current, &hash).await? {
            return Err(AccountError::WrongPassword);
        }
        let hash = self.hasher.hash(&new).await?;
        if self.users.set_password(user, hash).await? { Ok(()) } else { Err(AccountError::NotFound) }
    }

    /// Changes the address, the display name or both, validating every given field at once.
    pub async fn update_profile(
        &self,
        user: UserId,
        email: Option<&str>,
        display_name: Option<&str>,
    ) -> Result<User, AccountError> {
        let email = email.map(Email::parse).transpose();
        let name = display_name.map(DisplayName::parse).transpose();
        let (email, name) = match (email, name) {
            (Ok(e), Ok(n)) => (e, n),
            (e, n) => return Err(AccountError::Invalid([e.err(), n.err()].into_iter().flatten().collect())),
        };
        match self.users.update_profile(user, email.as_ref(), name.as_ref()).await {
            Ok(Some(user)) => Ok(user),
            Ok(None) => Err(AccountError::NotFound),
            Err(CreateUserError::EmailTaken) => Err(AccountError::EmailTaken),
            Err(CreateUserError::Store(e)) => Err(AccountError::Store(e)),
        }
    }

    /// Grants or revokes admin rights by e-mail address.
    pub async fn set_admin(&self, email: &str, is_admin: bool) -> Result<User, AccountError> {
        let email = Email::parse(email).map_err(|e| AccountError::Invalid(vec![e]))?;
        self.users.set_admin(&email, is_admin).await?.ok_or(AccountError::NotFound)
    }
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    /// Another account has this e-mail address.
    #[error("an account with this e-mail address exists")]
    EmailTaken,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Accounts.
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Creates an account.
    ///
    /// # Errors
    /// [`CreateUserError::EmailTaken`] when the (normalised) address is in use; `Store` on storage failure.
    async fn create(&self, user: NewUser) -> Result<User, CreateUserError>;

    /// The account with this address and its password hash, if there is one.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only; an unknown address is `Ok(None)`.
    async fn find_by_email(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, StoreError>;

    /// The account with this id, if there is one.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn get(&self, id: UserId) -> Result<Option<User>, StoreError>;

    /// Grants or revokes admin rights; returns the updated account, or `None` for an unknown address.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn set_admin(&self, email: &Email, is_admin: bool) -> Result<Option<User>, StoreError>;

    /// The password hash of the account with this id, if there is one.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn password_hash(&self, id: UserId) -> Result<Option<PasswordHash>, StoreError>;

    /// Replaces the account's password hash; `false` for an unknown account.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn set_password(&self, id: UserId, hash: PasswordHash) -> Result<bool, StoreError>;

    /// Sets the given address and name (each left as is when `None`); the updated account, or `None` for an
    /// unknown one.
    ///
    /// # Errors
    /// [`CreateUserError::EmailTaken`] when another account has the address; `Store` on storage failure.
    async fn update_profile(
        &self,
        id: UserId,
        email: Option<&Email>,
        display_name: Option<&DisplayName>,
    ) -> Result<Option<User>, CreateUserError>;
}

/// Why hashing failed.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(pub String);

/// Password hashing. Implementations run the slow work off the async workers.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes a new password.
    ///
    /// # Errors
    /// [`HashError`] when the hasher fails (never for a valid [`Password`]).
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError>;

    /// Whether `password` matches `hash`. A malformed hash is `Ok(false)`.
    ///
    /// # Errors
    /// [`HashError`] when the hasher itself fails.
    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, HashError>;

    /// A hash of a random secret made with the same cost, verified against when an e-mail address is unknown so
    /// that a failed login takes the same time whether or not the account exists.
    fn decoy(&self) -> &PasswordHash;

    /// How fast hashes go now (how many at once, a moving estimate of one's time), for the edge to size the queue in
    /// front of the hasher; `None` when the hasher does not measure itself.
    fn pace(&self) -> Option<Arc<crate::hashing::HashPace>> {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use async_trait::async_trait;
    use futures::executor::block_on;

    use super::*;
    use crate::user::PasswordHash;

    /// A hasher that counts verifications and remembers which hash each one was against.
    struct CountingHasher {
        verifications: AtomicUsize,
        against: Mutex<Vec<String>>,
        decoy: PasswordHash,
    }

    #[async_trait]
    impl PasswordHasher for CountingHasher {
        async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
            Ok(PasswordHash(format!("hashed:{}", password.expose())))
        }
        async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, HashError> {
            self.verifications.fetch_add(1, Ordering::SeqCst);
            self.against.lock().unwrap().push(hash.0.clone());
            Ok(hash.0 == format!("hashed:{password}"))
        }
        fn decoy(&self) -> &PasswordHash {
            &self.decoy
        }
    }

    /// One account, stored in a plain vector.
    #[derive(Default)]
    struct OneUser(Mutex<Vec<(User, PasswordHash)>>);

    #[async_trait]
    impl UserRepository for OneUser {
        async fn create(&self, user: NewUser) -> Result<User, CreateUserError> {
            let created = User {
                id: UserId(uuid::Uuid::from_u128(1)),
                email: user.email.as_str().to_owned(),
                display_name: user.display_name.as_str().to_owned(),
                is_admin: false,
                created_at: chrono::DateTime::UNIX_EPOCH,
            };
            self.0.lock().unwrap().push((created.clone(), user.password_hash));
            Ok(created)
        }
        async fn find_by_email(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, StoreError> {
            Ok(self.0.lock().unwrap().iter().find(|(u, _)| u.email == email.as_str()).cloned())
        }
        async fn get(&self, id: UserId) -> Result<Option<User>, StoreError> {
            Ok(self.0.lock().unwrap().iter().find(|(u, _)| u.id == id).map(|(u, _)| u.clone()))
        }
        async fn set_admin(&self, _: &Email, _: bool) -> Result<Option<User>, StoreError> {
            Ok(None)
        }
        async fn password_hash(&self, id: UserId) -> Result<Option<PasswordHash>, StoreError> {
            Ok(self.0.lock().unwrap().iter().find(|(u, _)| u.id == id).map(|(_, h)| h.clone()))
        }
        async fn set_password(&self, id: UserId, hash: PasswordHash) -> Result<bool, StoreError> {
            let mut users = self.0.lock().unwrap();
            let found = users.iter_mut().find(|(u, _)| u.id == id);
            Ok(found.map(|(_, h)| *h = hash).is_some())
        }
        async fn update_profile(
            &self,
            _: UserId,
            _: Option<&Email>,
            _: Option<&DisplayName>,
        ) -> Result<Option<User>, CreateUserError> {
            Ok(None)
        }
    }

    fn service() -> (AccountService, Arc<CountingHasher>) {
        let hasher = Arc::new(CountingHasher {
            verifications: AtomicUsize::new(0),
            against: Mutex::new(Vec::new()),
            decoy: PasswordHash("decoy".into()),
        });
        (AccountService::new(Arc::new(OneUser::default()), hasher.clone()), hasher)
    }

    #[test]
    fn a_failed_login_costs_one_verification_whether_or_not_the_account_exists() {
        let (accounts, hasher) = service();
        block_on(accounts.register("ada@example.com", "correct horse", "Ada")).unwrap();
        let cases =
            [("ada@example.com", "wrong horse"), ("nobody@example.com", "correct horse"), ("not an address", "x")];
        for (email, password) in cases {
            let before = hasher.verifications.load(Ordering::SeqCst);
            assert!(matches!(block_on(accounts.login(email, password)), Err(AccountError::InvalidCredentials)));
            assert_eq!(hasher.verifications.load(Ordering::SeqCst) - before, 1, "{email}");
        }
        let against = hasher.against.lock().unwrap().clone();
        assert_eq!(against, vec!["hashed:correct horse", "decoy", "decoy"], "unknown addresses verify the decoy");
        assert_eq!(block_on(accounts.login("ADA@example.com", "correct horse")).unwrap().email, "ada@example.com");
    }

    #[test]
    fn a_password_changes_only_with_the_current_one() {
        let (accounts, _) = service();
        let ada = block_on(accounts.register("ada@example.com", "correct horse", "Ada")).unwrap().id;
        let wrong = block_on(accounts.change_password(ada, "wrong horse", "battery staple"));
        assert!(matches!(wrong, Err(AccountError::WrongPassword)), "{wrong:?}");
        let Err(AccountError::Invalid(errors)) = block_on(accounts.change_password(ada, "correct horse", "short"))
        else {
            panic!("expected a validation error");
        };
        assert_eq!(errors[0].field, "new_password");
        block_on(accounts.change_password(ada, "correct horse", "battery staple")).unwrap();
        assert!(block_on(accounts.login("ada@example.com", "correct horse")).is_err());
        assert_eq!(block_on(accounts.login("ada@example.com", "battery staple")).unwrap().id, ada);
        let nobody = UserId(uuid::Uuid::from_u128(99));
        assert!(matches!(block_on(accounts.change_password(nobody, "x", "long enough")), Err(AccountError::NotFound)));
    }

    #[test]
    fn registration_reports_every_invalid_field() {
        let (accounts, hasher) = service();
        let Err(AccountError::Invalid(errors)) = block_on(accounts.register("nope", "short", "")) else {
            panic!("expected a validation error");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["email", "password", "display_name"]);
        assert_eq!(hasher.verifications.load(Ordering::SeqCst), 0);
    }
}
