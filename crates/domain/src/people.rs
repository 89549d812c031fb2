//! Finding people by display name: what a query may be and what a hit shows.
//!
//! Who is found is the privacy rule's ([`crate::privacy::findable`]): public and followers-only profiles, never a
//! private one (except by its owner), never a disabled account. The match is a case-insensitive substring of the
//! display name; stores answer it from an index (PostgreSQL: a trigram index on `lower(display_name)`), which is
//! why a query needs [`MIN_QUERY_CHARS`] characters: a shorter one has no trigram to look up.

use crate::error::FieldError;
use crate::privacy::Visibility;
use crate::user::UserId;

/// The fewest characters a query may have: one trigram.
pub const MIN_QUERY_CHARS: usize = 3;

/// The most characters a query may have: a display name's length.
pub const MAX_QUERY_CHARS: usize = 50;

/// A validated query: trimmed, lower-cased, 3 to 50 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleQuery(String);

impl PeopleQuery {
    /// Validates `q` (control characters never get here: the edge refuses them in every query string).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let q = raw.trim();
        let count = q.chars().count();
        if (MIN_QUERY_CHARS..=MAX_QUERY_CHARS).contains(&count) {
            Ok(Self(q.to_lowercase()))
        } else {
            Err(FieldError::new("q", format!("must be {MIN_QUERY_CHARS} to {MAX_QUERY_CHARS} characters")))
        }
    }

    /// The lower-cased text to find within display names.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `display_name` contains the query, ignoring case (for stores that match in memory).
    pub fn matches(&self, display_name: &str) -> bool {
        display_name.to_lowercase().contains(&self.0)
    }
}

/// A user found by people search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their id.
    pub id: UserId,
    /// Their display name.
    pub display_name: String,
    /// Their profile's visibility: a followers-only profile shows its data to accepted followers only.
    pub visibility: Visibility,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_trimmed_lowered_and_bounded() {
        assert_eq!(PeopleQuery::parse("  AdA ").unwrap().as_str(), "ada");
        assert!(PeopleQuery::parse("ab").is_err(), "one trigram at least");
        assert!(PeopleQuery::parse("   abc   ").is_ok());
        assert!(PeopleQuery::parse(&"x".repeat(51)).is_err());
        assert!(PeopleQuery::parse(&"é".repeat(50)).is_ok(), "characters, not bytes");
        assert_eq!(PeopleQuery::parse("").unwrap_err().field, "q");
    }

    #[test]
    fn matching_ignores_case_and_position() {
        let q = PeopleQuery::parse("LOVE").unwrap();
        assert!(q.matches("Ada Lovelace"));
        assert!(!q.matches("Grace Hopper"));
    }
}
