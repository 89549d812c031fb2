//! Accounts: ids, validated e-mail addresses, display names and passwords.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::error::FieldError;

/// A user's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct UserId(pub uuid::Uuid);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A normalised e-mail address: trimmed, lower-cased, one `@`, a dotted domain, at most 254 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Validates and normalises an address.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            })
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if valid { Ok(Self(email)) } else { Err(FieldError::new("email", "must be a valid e-mail address")) }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name: trimmed, 1 to 50 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Validates a display name.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name = raw.trim();
        let count = name.chars().count();
        if count == 0 || count > 50 {
            Err(FieldError::new("display_name", "must be 1 to 50 characters"))
        } else if name.chars().any(char::is_control) {
            Err(FieldError::new("display_name", "must not contain control characters"))
        } else {
            Ok(Self(name.to_owned()))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 8 characters at least, 72 bytes at most (bcrypt reads no further).
///
/// Its `Debug` never shows the text.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Validates a new password.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.chars().count() < 8 {
            Err(FieldError::new("password", "must be at least 8 characters"))
        } else if raw.len() > 72 {
            Err(FieldError::new("password", "must be at most 72 bytes"))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    /// The password's text, for the hasher only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A password hash in the hasher's own format (bcrypt's `$2b$…`).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(pub String);

impl PasswordHash {
    /// Whether any password can match it. Accounts without a password (made by an external provider, or by an
    /// import) store a marker starting with `!`, which no hasher produces.
    pub fn is_set(&self) -> bool {
        !self.0.starts_with('!')
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(***)")
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its normalised e-mail address.
    pub email: String,
    /// The name shown to others.
    pub display_name: String,
    /// Whether it may edit and merge catalog items (and disable accounts).
    pub is_admin: bool,
    /// Whether an admin has disabled it: it may not sign in, and its tokens are refused.
    pub disabled: bool,
    /// When it registered.
    pub created_at: DateTime<Utc>,
}

/// A new account, validated, with its password already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The address.
    pub email: Email,
    /// The name.
    pub display_name: DisplayName,
    /// The hash.
    pub password_hash: PasswordHash,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ada@Example.COM ").unwrap().as_str(), "ada@example.com");
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "a@b@c.com", "a@.com"] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_need_eight_characters_and_fit_bcrypt() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("eight888").is_ok());
        assert!(Password::parse(&"x".repeat(73)).is_err());
        assert_eq!(format!("{:?}", Password::parse("secret-password").unwrap()), "Password(***)");
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse(" Ada ").unwrap().as_str(), "Ada");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"n".repeat(51)).is_err());
        assert!(DisplayName::parse("a\u{7}b").is_err());
    }
}
