//! The endpoints and the shapes Open Library answers. Every field may be missing; text fields come as strings or
//! as `{"type": "/type/text", "value": …}` objects; a work's author role is an object or a bare string. Unknown
//! fields are ignored.

use serde::Deserialize;

use crate::client::{OpenLibraryClient, OpenLibraryError};

/// The search fields asked for: what the catalog keeps of a book, nothing more (Open Library's default set lacks
/// subjects and page counts, and its full set is large).
pub const SEARCH_FIELDS: &str =
    "key,title,subtitle,author_name,first_publish_year,subject,number_of_pages_median,cover_i,isbn,edition_count";

/// `/search.json`'s answer.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchPage {
    /// Hits in all.
    #[serde(rename = "numFound", default)]
    pub num_found: u64,
    /// The works found.
    #[serde(default)]
    pub docs: Vec<SearchDoc>,
}

/// One work in a search answer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchDoc {
    /// `/works/OL…W`.
    pub key: String,
    /// The work's title.
    pub title: Option<String>,
    /// The authors' names.
    pub author_name: Vec<String>,
    /// The year the work was first published.
    pub first_publish_year: Option<i64>,
    /// Subjects.
    pub subject: Vec<String>,
    /// The median page count of its editions.
    pub number_of_pages_median: Option<u32>,
    /// The cover id.
    pub cover_i: Option<i64>,
    /// The ISBNs of its editions.
    pub isbn: Vec<String>,
}

/// A `{"key": …}` reference.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyRef {
    /// The referenced path (`/works/OL…W`, `/authors/OL…A`).
    pub key: String,
}

/// An edition (`/books/{key}.json`, where `/isbn/{isbn}.json` redirects).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Edition {
    /// `/books/OL…M`.
    pub key: String,
    /// The edition's title.
    pub title: Option<String>,
    /// The works it is an edition of (usually one).
    pub works: Vec<KeyRef>,
    /// Its authors.
    pub authors: Vec<KeyRef>,
    /// Its page count.
    pub number_of_pages: Option<u32>,
    /// Its ISBN-10s.
    pub isbn_10: Vec<String>,
    /// Its ISBN-13s.
    pub isbn_13: Vec<String>,
    /// Cover ids.
    pub covers: Vec<i64>,
    /// Subjects (editions sometimes carry their own).
    pub subjects: Vec<String>,
    /// Its publication date, free text ("October 1, 1988", "1996").
    pub publish_date: Option<String>,
    /// A description.
    pub description: Option<Text>,
}

/// A work (`/works/{key}.json`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Work {
    /// `/works/OL…W`.
    pub key: String,
    /// The title.
    pub title: Option<String>,
    /// Subjects.
    pub subjects: Vec<String>,
    /// When it was first published, free text ("1995").
    pub first_publish_date: Option<String>,
    /// Cover ids.
    pub covers: Vec<i64>,
    /// A description.
    pub description: Option<Text>,
    /// Its authors.
    pub authors: Vec<WorkAuthor>,
}

/// An author of a work: `{"author": {"key": …}, "type": …}`.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkAuthor {
    /// The author.
    pub author: Option<KeyRef>,
}

/// An author (`/authors/{key}.json`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Author {
    /// The name.
    pub name: Option<String>,
    /// The personal name, when `name` is missing.
    pub personal_name: Option<String>,
}

/// A text field: a plain string or a `/type/text` object.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Text {
    /// A plain string.
    Plain(String),
    /// `{"type": "/type/text", "value": …}`.
    Typed {
        /// The text.
        value: String,
    },
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Plain(s) | Text::Typed { value: s } => s,
        }
    }
}

/// The first four-digit year in a free-text date ("October 1, 1988" → 1988).
pub fn year_in(text: &str) -> Option<i16> {
    let digits: Vec<char> = text.chars().collect();
    digits.windows(4).enumerate().find_map(|(i, w)| {
        let bounded =
            (i == 0 || !digits[i - 1].is_ascii_digit()) && digits.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (bounded && w.iter().all(char::is_ascii_digit)).then(|| w.iter().collect::<String>().parse().ok()).flatten()
    })
}

/// An Open Library key of the given type letter (`W`, `M`, `A`) from a path or bare key; anything else is refused,
/// so user text never reaches a path.
fn key_of(text: &str, letter: char) -> Option<&str> {
    let key = text.trim().rsplit('/').next()?;
    let digits = key.strip_prefix("OL")?.strip_suffix(letter)?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(key)
}

impl OpenLibraryClient {
    /// `/search.json?q=…`: works matching free text, best first.
    ///
    /// # Errors
    /// Any [`OpenLibraryError`].
    pub async fn search(&self, text: &str, limit: u32) -> Result<SearchPage, OpenLibraryError> {
        let query = [("q", text.to_owned()), ("fields", SEARCH_FIELDS.to_owned()), ("limit", limit.to_string())];
        self.get("/search.json", &query).await
    }

    /// `/search.json?title=…&author=…`: works by title (and author, when given).
    ///
    /// # Errors
    /// Any [`OpenLibraryError`].
    pub async fn search_title(
        &self,
        title: &str,
        author: Option<&str>,
        limit: u32,
    ) -> Result<SearchPage, OpenLibraryError> {
        let mut query = vec![("title", title.to_owned())];
        if let Some(author) = author {
            query.push(("author", author.to_owned()));
        }
        query.extend([("fields", SEARCH_FIELDS.to_owned()), ("limit", limit.to_string())]);
        self.get("/search.json", &query).await
    }

    /// `/works/{key}.json`.
    ///
    /// # Errors
    /// Any [`OpenLibraryError`]; [`OpenLibraryError::NotFound`] for a key that is no work key.
    pub async fn work(&self, key: &str) -> Result<Work, OpenLibraryError> {
        let key = key_of(key, 'W').ok_or(OpenLibraryError::NotFound)?;
        self.get(&format!("/works/{key}.json"), &[]).await
    }

    /// `/isbn/{isbn}.json`: the edition with this ISBN (Open Library redirects to `/books/{key}.json`).
    ///
    /// # Errors
    /// Any [`OpenLibraryError`]; [`OpenLibraryError::NotFound`] for text that is no ISBN.
    pub async fn edition_by_isbn(&self, isbn: &str) -> Result<Edition, OpenLibraryError> {
        let valid = matches!(isbn.len(), 10 | 13)
            && isbn.char_indices().all(|(i, c)| c.is_ascii_digit() || (c == 'X' && i == isbn.len() - 1));
        if !valid {
            return Err(OpenLibraryError::NotFound);
        }
        self.get(&format!("/isbn/{isbn}.json"), &[]).await
    }

    /// `/authors/{key}.json`.
    ///
    /// # Errors
    /// Any [`OpenLibraryError`]; [`OpenLibraryError::NotFound`] for a key that is no author key.
    pub async fn author(&self, key: &str) -> Result<Author, OpenLibraryError> {
        let key = key_of(key, 'A').ok_or(OpenLibraryError::NotFound)?;
        self.get(&format!("/authors/{key}.json"), &[]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_found_in_free_text_dates() {
        assert_eq!(year_in("October 1, 1988"), Some(1988));
        assert_eq!(year_in("1996"), Some(1996));
        assert_eq!(year_in("12345"), None);
        assert_eq!(year_in("n.d."), None);
    }

    #[test]
    fn keys_must_have_their_shape() {
        assert_eq!(key_of("/works/OL45883W", 'W'), Some("OL45883W"));
        assert_eq!(key_of("/authors/OL34184A", 'A'), Some("OL34184A"));
        assert_eq!(key_of("../../admin", 'W'), None);
        assert_eq!(key_of("/works/OL45883W", 'A'), None);
    }
}
