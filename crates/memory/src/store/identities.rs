//! [`IdentityRepository`] in memory.

use std::collections::HashMap;

use async_trait::async_trait;
use marquee_domain::StoreError;
use marquee_domain::account::{CreateUserError, UserRepository as _};
use marquee_domain::identity::IdentityRepository;
use marquee_domain::user::{NewUser, UserId};

use crate::MemoryStore;

/// (issuer, subject) → account.
pub(crate) type IdentityTable = HashMap<(String, String), UserId>;

#[async_trait]
impl IdentityRepository for MemoryStore {
    async fn find_identity(&self, issuer: &str, subject: &str) -> Result<Option<UserId>, StoreError> {
        Ok(self.lock().identities.get(&(issuer.to_owned(), subject.to_owned())).copied())
    }

    async fn link_identity(&self, issuer: &str, subject: &str, user: UserId) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.account(user)?;
        state.identities.entry((issuer.to_owned(), subject.to_owned())).or_insert(user);
        Ok(())
    }

    async fn create_with_identity(
        &self,
        user: NewUser,
        issuer: &str,
        subject: &str,
    ) -> Result<UserId, CreateUserError> {
        let key = (issuer.to_owned(), subject.to_owned());
        if self.lock().identities.contains_key(&key) {
            return Err(CreateUserError::Store(StoreError::new("the identity is linked already")));
        }
        // The account and the link are written under one lock below only if the identity is still free, as
        // PostgreSQL's transaction would; an account created for a lost race is removed again.
        let created = self.create(user).await?;
        let mut state = self.lock();
        if state.identities.contains_key(&key) {
            drop(state);
            self.delete_user(created.id);
            return Err(CreateUserError::Store(StoreError::new("the identity is linked already")));
        }
        state.identities.insert(key, created.id);
        Ok(created.id)
    }
}
