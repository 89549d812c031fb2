//! The contract suite of [`SessionRepository`](marquee_domain::session::SessionRepository) and
//! [`IdentityRepository`](marquee_domain::identity::IdentityRepository): sessions, refresh tokens and external
//! identities as the in-memory store and `PgStore` must keep them. Run with [`session_contract_tests!`](crate::session_contract_tests) and a factory of fresh
//! stores, like [`crate::contract`].

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use marquee_domain::session::{NewRefresh, RefreshDigest, SessionId, StoredRefresh};
use marquee_domain::user::UserId;
use uuid::Uuid;

use crate::contract::Stores;

/// One `#[tokio::test]` per case, each on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! session_contract_tests {
    ($make:path) => {
        $crate::session_contract_tests!(@cases $make;
            a_session_starts_with_one_token_found_by_digest,
            a_token_rotates_once_even_when_raced,
            a_revoked_session_stops_rotating,
            revoking_all_sessions_can_keep_one,
            a_session_needs_an_existing_account,
            an_identity_is_created_with_its_account_and_linked_once,
            an_identity_with_a_taken_address_creates_nothing,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::session_contract::$case(&stores).await;
            }
        )*
    };
}

fn digest(n: u8) -> RefreshDigest {
    RefreshDigest(vec![n; 32])
}

fn token(n: u8, session: SessionId) -> NewRefresh {
    // Whole microseconds: PostgreSQL keeps no finer time.
    let expires_at = chrono::DateTime::from_timestamp(Utc::now().timestamp() + 3600, 0).unwrap();
    NewRefresh { digest: digest(n), session, expires_at }
}

async fn start(s: &Stores, user: UserId, n: u8) -> (SessionId, NewRefresh) {
    let session = SessionId(Uuid::now_v7());
    let first = token(n, session);
    s.sessions.start_session(user, first.clone()).await.unwrap();
    (session, first)
}

async fn found(s: &Stores, n: u8) -> StoredRefresh {
    s.sessions.find_refresh(&digest(n)).await.unwrap().expect("the token is stored")
}

pub async fn a_session_starts_with_one_token_found_by_digest(s: &Stores) {
    let ada = crate::contract::account(&*s.users, "ada").await.id;
    let (session, first) = start(s, ada, 1).await;
    assert_eq!(
        found(s, 1).await,
        StoredRefresh { session, user: ada, expires_at: first.expires_at, used_at: None, revoked_at: None }
    );
    assert!(s.sessions.find_refresh(&digest(2)).await.unwrap().is_none());
    assert!(s.sessions.session_live(session).await.unwrap());
    assert!(!s.sessions.session_live(SessionId(Uuid::now_v7())).await.unwrap());
}

pub async fn a_token_rotates_once_even_when_raced(s: &Stores) {
    let ada = crate::contract::account(&*s.users, "ada").await.id;
    let (session, _) = start(s, ada, 1).await;
    let now = Utc::now();
    let used = digest(1);
    let (a, b) = futures::join!(
        s.sessions.rotate_refresh(&used, token(2, session), now),
        s.sessions.rotate_refresh(&used, token(3, session), now),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a ^ b, "exactly one rotation wins: {a} {b}");
    let (winner, loser) = if a { (2, 3) } else { (3, 2) };
    assert!(found(s, 1).await.used_at.is_some(), "the old token is marked used");
    assert_eq!(found(s, winner).await.used_at, None);
    assert!(s.sessions.find_refresh(&digest(loser)).await.unwrap().is_none(), "the loser stored nothing");
    // The used token cannot rotate again; its successor can, once.
    assert!(!s.sessions.rotate_refresh(&digest(1), token(4, session), now).await.unwrap());
    assert!(s.sessions.rotate_refresh(&digest(winner), token(5, session), now).await.unwrap());
    assert!(!s.sessions.rotate_refresh(&digest(9), token(6, session), now).await.unwrap(), "unknown digest");
}

pub async fn a_revoked_session_stops_rotating(s: &Stores) {
    let (ada, bob) =
        (crate::contract::account(&*s.users, "ada").await.id, crate::contract::account(&*s.users, "bob").await.id);
    let (session, _) = start(s, ada, 1).await;
    let now = Utc::now();
    assert!(!s.sessions.revoke_session(bob, session, now).await.unwrap(), "only the owner ends a session");
    assert!(s.sessions.session_live(session).await.unwrap());
    assert!(s.sessions.revoke_session(ada, session, now).await.unwrap());
    assert!(!s.sessions.revoke_session(ada, session, now).await.unwrap(), "already ended");
    assert!(!s.sessions.session_live(session).await.unwrap());
    assert!(found(s, 1).await.revoked_at.is_some());
    assert!(!s.sessions.rotate_refresh(&digest(1), token(2, session), now).await.unwrap());
    assert!(s.sessions.find_refresh(&digest(2)).await.unwrap().is_none());
}

pub async fn revoking_all_sessions_can_keep_one(s: &Stores) {
    let (ada, bob) =
        (crate::contract::account(&*s.users, "ada").await.id, crate::contract::account(&*s.users, "bob").await.id);
    let (one, _) = start(s, ada, 1).await;
    let (two, _) = start(s, ada, 2).await;
    let (three, _) = start(s, ada, 3).await;
    let (bobs, _) = start(s, bob, 4).await;
    let now = Utc::now() + Duration::seconds(1);
    assert_eq!(s.sessions.revoke_sessions(ada, Some(two), now).await.unwrap(), 2);
    for (session, live) in [(one, false), (two, true), (three, false), (bobs, true)] {
        assert_eq!(s.sessions.session_live(session).await.unwrap(), live);
    }
    assert_eq!(s.sessions.revoke_sessions(ada, None, now).await.unwrap(), 1, "ended ones are not counted again");
    assert!(!s.sessions.session_live(two).await.unwrap());
    assert!(s.sessions.session_live(bobs).await.unwrap(), "another user's sessions are untouched");
}

pub async fn a_session_needs_an_existing_account(s: &Stores) {
    let nobody = UserId(Uuid::now_v7());
    let err = s.sessions.start_session(nobody, token(1, SessionId(Uuid::now_v7()))).await.unwrap_err();
    assert_eq!(err.kind(), marquee_domain::StoreErrorKind::AccountGone);
    assert!(s.sessions.find_refresh(&digest(1)).await.unwrap().is_none());
}

fn external(email: &str, name: &str) -> marquee_domain::user::NewUser {
    marquee_domain::user::NewUser {
        email: marquee_domain::user::Email::parse(email).unwrap(),
        display_name: marquee_domain::user::DisplayName::parse(name).unwrap(),
        password_hash: marquee_domain::user::PasswordHash(marquee_domain::identity::NO_PASSWORD.to_owned()),
    }
}

pub async fn an_identity_is_created_with_its_account_and_linked_once(s: &Stores) {
    let iss = "https://issuer.example";
    assert_eq!(s.identities.find_identity(iss, "u1").await.unwrap(), None);
    let user = s.identities.create_with_identity(external("kc@example.com", "Kay"), iss, "u1").await.unwrap();
    assert_eq!(s.identities.find_identity(iss, "u1").await.unwrap(), Some(user));
    assert_eq!(s.identities.find_identity("https://other.example", "u1").await.unwrap(), None, "per issuer");
    let account = s.users.get(user).await.unwrap().unwrap();
    assert_eq!((account.email.as_str(), account.display_name.as_str()), ("kc@example.com", "Kay"));
    // The same identity again fails, and leaves no second account behind.
    assert!(s.identities.create_with_identity(external("kc2@example.com", "Kay"), iss, "u1").await.is_err());
    assert!(
        s.users.find_by_email(&marquee_domain::user::Email::parse("kc2@example.com").unwrap()).await.unwrap().is_none()
    );
    // Linking another identity to an existing account; linking twice keeps the first.
    let ada = crate::contract::account(&*s.users, "ada").await.id;
    s.identities.link_identity(iss, "u2", ada).await.unwrap();
    s.identities.link_identity(iss, "u2", user).await.unwrap();
    assert_eq!(s.identities.find_identity(iss, "u2").await.unwrap(), Some(ada));
    let nobody = UserId(Uuid::now_v7());
    let gone = s.identities.link_identity(iss, "u3", nobody).await.unwrap_err();
    assert_eq!(gone.kind(), marquee_domain::StoreErrorKind::AccountGone);
}

pub async fn an_identity_with_a_taken_address_creates_nothing(s: &Stores) {
    crate::contract::account(&*s.users, "ada").await;
    let taken =
        s.identities.create_with_identity(external("ada@example.com", "Not Ada"), "https://i.example", "x").await;
    assert!(matches!(taken, Err(marquee_domain::account::CreateUserError::EmailTaken)), "{taken:?}");
    assert_eq!(s.identities.find_identity("https://i.example", "x").await.unwrap(), None);
}
