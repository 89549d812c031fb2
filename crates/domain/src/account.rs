//! The account use cases: register, log in, look up, change the password, the address and the name, delete the
//! account, find people, and (admins) disable and enable accounts.
//!
//! The rules, decided here once:
//! - an account is an admin when its stored flag says so, when its address is one of the configured admin
//!   addresses ([`AccountService::with_admin_emails`]), or when an external issuer's token grants the role;
//! - deleting an account takes proof that its owner is asking: the current password, or, for an account without
//!   one (made by an external provider), a sign-in at most [`FRESH_SIGN_IN`] old;
//! - a deleted or disabled account acts no more: [`Barred`] lists them for the edge, which refuses their tokens
//!   at once, without a store round trip per request.
//!
//! Its ports: [`UserRepository`] (the accounts) and [`PasswordHasher`].

use std::collections::HashSet;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::{FieldError, StoreError};
use crate::page::{Page, PageRequest};
use crate::people::{PeopleQuery, Person};
use crate::user::{DisplayName, Email, NewUser, Password, PasswordHash, User, UserId};

/// How recent the sign-in of an account without a password must be to delete it: 5 minutes.
pub const FRESH_SIGN_IN: chrono::Duration = chrono::Duration::minutes(5);

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
    /// An account without a password must sign in again (within [`FRESH_SIGN_IN`]) to do this.
    #[error("sign in again: deleting an account without a password needs a sign-in at most 5 minutes old")]
    SignInAgain,
    /// An admin disabled this account.
    #[error("this account is disabled")]
    Disabled,
    /// Only admins may do this.
    #[error("only admins may do this")]
    NotAdmin,
    /// Hashing failed.
    #[error(transparent)]
    Hash(#[from] HashError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an account may not act any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    /// It was deleted.
    Deleted,
    /// An admin disabled it.
    Disabled,
}

/// The accounts whose tokens must be refused before they expire: deleted here, or disabled (here, or anywhere
/// once [`Barred::set_disabled`] is fed from the store). Checked on every signed-in request, so a lookup costs one
/// atomic load while nobody is barred and a hash lookup otherwise.
#[derive(Debug, Default)]
pub struct Barred {
    any: AtomicBool,
    accounts: RwLock<BarredSets>,
}

#[derive(Debug, Default)]
struct BarredSets {
    deleted: HashSet<UserId>,
    disabled: HashSet<UserId>,
}

impl Barred {
    /// Why `user` may not act, if they may not.
    pub fn check(&self, user: UserId) -> Option<Bar> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        let sets = self.accounts.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        if sets.deleted.contains(&user) {
            Some(Bar::Deleted)
        } else if sets.disabled.contains(&user) {
            Some(Bar::Disabled)
        } else {
            None
        }
    }

    fn update(&self, change: impl FnOnce(&mut BarredSets)) {
        let mut sets = self.accounts.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        change(&mut sets);
        self.any.store(!sets.deleted.is_empty() || !sets.disabled.is_empty(), Ordering::Release);
    }

    /// Bars a deleted account.
    pub fn deleted(&self, user: UserId) {
        self.update(|sets| {
            sets.deleted.insert(user);
        });
    }

    /// Bars or lets back one account.
    pub fn disabled(&self, user: UserId, disabled: bool) {
        self.update(|sets| {
            if disabled {
                sets.disabled.insert(user);
            } else {
                sets.disabled.remove(&user);
            }
        });
    }

    /// Replaces the disabled accounts with the store's list (at start, and now and then for other instances'
    /// changes).
    pub fn set_disabled(&self, users: impl IntoIterator<Item = UserId>) {
        let users = users.into_iter().collect();
        self.update(|sets| sets.disabled = users);
    }
}

/// Registration, login, lookup, deletion, people search and admins' disabling.
#[derive(Clone)]
pub struct AccountService {
    users: Arc<dyn UserRepository>,
    hasher: Arc<dyn PasswordHasher>,
    admin_emails: Arc<HashSet<String>>,
    barred: Arc<Barred>,
}

impl fmt::Debug for AccountService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountService").finish_non_exhaustive()
    }
}

impl AccountService {
    /// A service over an account store and a hasher.
    pub fn new(users: Arc<dyn UserRepository>, hasher: Arc<dyn PasswordHasher>) -> Self {
        Self { users, hasher, admin_emails: Arc::default(), barred: Arc::default() }
    }

    /// The same, where accounts with these addresses are admins whatever their stored flag says (the
    /// `ADMIN_EMAILS` setting). Addresses that do not parse are invalid fields.
    pub fn with_admin_emails<'a>(mut self, emails: impl IntoIterator<Item = &'a str>) -> Result<Self, Vec<FieldError>> {
        let (mut valid, mut errors) = (HashSet::new(), Vec::new());
        for raw in emails {
            match Email::parse(raw) {
                Ok(email) => {
                    valid.insert(email.as_str().to_owned());
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.admin_emails = Arc::new(valid);
        Ok(self)
    }

    /// The accounts whose tokens the edge must refuse.
    pub fn barred(&self) -> &Arc<Barred> {
        &self.barred
    }

    /// `user` with the admin role the configured addresses give.
    fn with_role(&self, mut user: User) -> User {
        user.is_admin |= self.admin_emails.contains(&user.email);
        user
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
            // Disabled is said only to whoever knows the password.
            Some((user, hash)) if self.hasher.verify(password, &hash).await? => {
                if user.disabled {
                    Err(AccountError::Disabled)
                } else {
                    Ok(self.with_role(user))
                }
            }
            Some(_) => Err(AccountError::InvalidCredentials),
            None => {
                self.hasher.verify(password, self.hasher.decoy()).await?;
                Err(AccountError::InvalidCredentials)
            }
        }
    }

    /// The account with this id, its admin role included.
    pub async fn get(&self, id: UserId) -> Result<User, AccountError> {
        self.users.get(id).await?.map(|u| self.with_role(u)).ok_or(AccountError::NotFound)
    }

    /// Deletes `user`'s account and everything that identifies them, once they proved it is them: the current
    /// password for an account with one, else a sign-in at `signed_in_at` no older than [`FRESH_SIGN_IN`] before
    /// `now`. Their tokens are refused from then on ([`Self::barred`]).
    pub async fn delete(
        &self,
        user: UserId,
        current_password: Option<&str>,
        signed_in_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), AccountError> {
        let hash = self.users.password_hash(user).await?.ok_or(AccountError::NotFound)?;
        if hash.is_set() {
            let Some(current) = current_password else {
                let field = FieldError::new("current_password", "required: the account's password");
                return Err(AccountError::Invalid(vec![field]));
            };
            if !self.hasher.verify(current, &hash).await? {
                return Err(AccountError::WrongPassword);
            }
        } else if signed_in_at.is_none_or(|at| now - at > FRESH_SIGN_IN) {
            return Err(AccountError::SignInAgain);
        }
        if !self.users.delete_account(user).await? {
            return Err(AccountError::NotFound);
        }
        self.barred.deleted(user);
        Ok(())
    }

    /// Disables (`disabled`) or enables `target`'s account, if `actor` is an admin. A disabled account cannot sign
    /// in, its sessions end (in the same transaction), and its tokens are refused from then on. An admin cannot
    /// disable their own account (nobody could enable it again through the API).
    pub async fn set_disabled(&self, actor: &User, target: UserId, disabled: bool) -> Result<User, AccountError> {
        if !actor.is_admin {
            return Err(AccountError::NotAdmin);
        }
        if disabled && actor.id == target {
            return Err(AccountError::Invalid(vec![FieldError::new(
                "id",
                "an admin cannot disable their own account",
            )]));
        }
        let user = self.users.set_disabled(target, disabled, Utc::now()).await?.ok_or(AccountError::NotFound)?;
        self.barred.disabled(target, disabled);
        Ok(self.with_role(user))
    }

    /// Reloads the disabled accounts from the store into [`Self::barred`] (at start, then now and then, so that
    /// accounts disabled through another instance are refused here too); how many there are.
    pub async fn reload_disabled(&self) -> Result<usize, AccountError> {
        let users = self.users.disabled_accounts().await?;
        let count = users.len();
        self.barred.set_disabled(users);
        Ok(count)
    }

    /// People whose display name contains `q` (3 to 50 characters, case ignored), as `viewer` may find them: the
    /// privacy rule's [`crate::privacy::findable`], never a disabled account; ordered by name.
    pub async fn find_people(&self, viewer: UserId, q: &str, page: PageRequest) -> Result<Page<Person>, AccountError> {
        let query = PeopleQuery::parse(q).map_err(|e| AccountError::Invalid(vec![e]))?;
        Ok(self.users.find_people(&query, viewer, page).await?)
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

    /// Deletes the account and, in one transaction, everything that identifies its owner: lists, comparisons,
    /// placement sessions, interactions and ratings, follows both ways and follow requests, the top-4 set and its
    /// matchups, votes, services, activity, sessions and refresh tokens, external identities, the owner's
    /// recommendation factors. Catalog entries they created stay, without a creator. `false` for an unknown
    /// account.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only (nothing is deleted then).
    async fn delete_account(&self, id: UserId) -> Result<bool, StoreError>;

    /// Marks the account disabled (since `at`) or enabled; disabling also revokes every session, in the same
    /// transaction. The updated account, or `None` for an unknown one.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn set_disabled(&self, id: UserId, disabled: bool, at: DateTime<Utc>) -> Result<Option<User>, StoreError>;

    /// Every disabled account.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn disabled_accounts(&self) -> Result<Vec<UserId>, StoreError>;

    /// The accounts whose display name contains `query` (ignoring case), as `viewer` may find them
    /// ([`crate::privacy::findable`]: the viewer themselves, and others whose visibility is in
    /// [`crate::privacy::findable_by_others`]), leaving out disabled accounts; ordered by lower-cased name, then id.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn find_people(
        &self,
        query: &PeopleQuery,
        viewer: UserId,
        page: PageRequest,
    ) -> Result<Page<Person>, StoreError>;
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
                disabled: false,
                created_at: DateTime::UNIX_EPOCH,
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
        async fn delete_account(&self, id: UserId) -> Result<bool, StoreError> {
            let mut users = self.0.lock().unwrap();
            let before = users.len();
            users.retain(|(u, _)| u.id != id);
            Ok(users.len() < before)
        }
        async fn set_disabled(&self, id: UserId, disabled: bool, _: DateTime<Utc>) -> Result<Option<User>, StoreError> {
            let mut users = self.0.lock().unwrap();
            Ok(users.iter_mut().find(|(u, _)| u.id == id).map(|(u, _)| {
                u.disabled = disabled;
                u.clone()
            }))
        }
        async fn disabled_accounts(&self) -> Result<Vec<UserId>, StoreError> {
            Ok(self.0.lock().unwrap().iter().filter(|(u, _)| u.disabled).map(|(u, _)| u.id).collect())
        }
        async fn find_people(&self, q: &PeopleQuery, _: UserId, page: PageRequest) -> Result<Page<Person>, StoreError> {
            let users = self.0.lock().unwrap();
            let found = users
                .iter()
                .filter(|(u, _)| q.matches(&u.display_name))
                .map(|(u, _)| Person {
                    id: u.id,
                    display_name: u.display_name.clone(),
                    visibility: crate::privacy::Visibility::Public,
                })
                .collect();
            Ok(Page::slice(found, page))
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
    fn deleting_takes_the_password_or_a_fresh_sign_in_and_bars_the_account() {
        let (accounts, _) = service();
        let ada = block_on(accounts.register("ada@example.com", "correct horse", "Ada")).unwrap().id;
        let now = Utc::now();
        let missing = block_on(accounts.delete(ada, None, Some(now), now));
        assert!(
            matches!(missing, Err(AccountError::Invalid(ref e)) if e[0].field == "current_password"),
            "{missing:?}"
        );
        let wrong = block_on(accounts.delete(ada, Some("wrong horse"), None, now));
        assert!(matches!(wrong, Err(AccountError::WrongPassword)), "{wrong:?}");
        assert_eq!(accounts.barred().check(ada), None);
        block_on(accounts.delete(ada, Some("correct horse"), None, now)).unwrap();
        assert_eq!(accounts.barred().check(ada), Some(Bar::Deleted));
        assert!(matches!(block_on(accounts.get(ada)), Err(AccountError::NotFound)));
    }

    #[test]
    fn an_account_without_a_password_is_deleted_only_after_a_fresh_sign_in() {
        let users = Arc::new(OneUser::default());
        let hasher = Arc::new(CountingHasher {
            verifications: AtomicUsize::new(0),
            against: Mutex::new(Vec::new()),
            decoy: PasswordHash("decoy".into()),
        });
        let accounts = AccountService::new(users.clone(), hasher);
        let new = NewUser {
            email: Email::parse("ext@example.com").unwrap(),
            display_name: DisplayName::parse("Ext").unwrap(),
            password_hash: PasswordHash("!external".into()),
        };
        let id = block_on(users.create(new)).unwrap().id;
        let now = Utc::now();
        let stale = now - FRESH_SIGN_IN - chrono::Duration::seconds(1);
        assert!(matches!(block_on(accounts.delete(id, None, Some(stale), now)), Err(AccountError::SignInAgain)));
        assert!(matches!(block_on(accounts.delete(id, Some("anything"), None, now)), Err(AccountError::SignInAgain)));
        block_on(accounts.delete(id, None, Some(now - FRESH_SIGN_IN), now)).unwrap();
        assert_eq!(accounts.barred().check(id), Some(Bar::Deleted));
    }

    #[test]
    fn admins_come_from_the_flag_or_the_configured_addresses_and_alone_disable() {
        let (accounts, _) = service();
        let accounts = accounts.with_admin_emails([" ADA@example.com"]).unwrap();
        let ada = block_on(accounts.register("ada@example.com", "correct horse", "Ada")).unwrap();
        let ada = block_on(accounts.get(ada.id)).unwrap();
        assert!(ada.is_admin, "a configured address is an admin");
        assert!(block_on(accounts.login("ada@example.com", "correct horse")).unwrap().is_admin);
        let not_admin = User { is_admin: false, ..ada.clone() };
        let refused = block_on(accounts.set_disabled(&not_admin, UserId(uuid::Uuid::from_u128(2)), true));
        assert!(matches!(refused, Err(AccountError::NotAdmin)), "{refused:?}");
        let own = block_on(accounts.set_disabled(&ada, ada.id, true));
        assert!(matches!(own, Err(AccountError::Invalid(_))), "{own:?}");
        assert!(accounts.clone().with_admin_emails(["not an address"]).is_err());
    }

    #[test]
    fn a_disabled_account_is_barred_and_cannot_sign_in() {
        let (accounts, _) = service();
        let ada = block_on(accounts.register("ada@example.com", "correct horse", "Ada")).unwrap();
        let admin = User { is_admin: true, id: UserId(uuid::Uuid::from_u128(9)), ..ada.clone() };
        let disabled = block_on(accounts.set_disabled(&admin, ada.id, true)).unwrap();
        assert!(disabled.disabled);
        assert_eq!(accounts.barred().check(ada.id), Some(Bar::Disabled));
        let login = block_on(accounts.login("ada@example.com", "correct horse"));
        assert!(matches!(login, Err(AccountError::Disabled)), "{login:?}");
        let wrong = block_on(accounts.login("ada@example.com", "wrong horse"));
        assert!(matches!(wrong, Err(AccountError::InvalidCredentials)), "disabled is told only to the owner");
        accounts.barred().set_disabled([]);
        assert_eq!(accounts.barred().check(ada.id), None, "the store's list replaces the disabled set");
        assert_eq!(block_on(accounts.reload_disabled()).unwrap(), 1);
        assert_eq!(accounts.barred().check(ada.id), Some(Bar::Disabled));
        block_on(accounts.set_disabled(&admin, ada.id, false)).unwrap();
        assert_eq!(accounts.barred().check(ada.id), None);
        assert!(block_on(accounts.login("ada@example.com", "correct horse")).is_ok());
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
