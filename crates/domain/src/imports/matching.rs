//! Local title matching: TMDb id, then IMDb id, then (books) Open Library work key and ISBN, then normalised
//! title + year.
//!
//! Both stores load the candidate items an import could match and hand them to [`CatalogIndex`], so the rules live
//! in one place. The normalised title ([`title_key`]) is what PostgreSQL stores in the generated column
//! `media_items.title_key`: lower case, then every character outside `a-z0-9` dropped.

use std::collections::HashMap;

use crate::book::BookFacts;
use crate::media::{MediaId, MediaKind};

/// A title reduced for matching: lower-cased, only `a-z` and `0-9` kept ("The Matrix!" → "thematrix").
///
/// The same expression as the `media_items.title_key` generated column. A title with no ASCII letter or digit
/// (one written in another script, say) has an empty key and never matches by title.
pub fn title_key(title: &str) -> String {
    title.to_lowercase().chars().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit()).collect()
}

/// How an import row found its catalog item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Same kind and TMDb id.
    TmdbId,
    /// Same IMDb id.
    ImdbId,
    /// A book with the same Open Library work key.
    OpenLibrary,
    /// A book with the same ISBN (compared as ISBN-13).
    Isbn,
    /// Same kind, normalised title and year.
    Title,
    /// Nothing matched: a manual entry was made (a later row of the same import then matches it by title).
    Created,
}

impl MatchedBy {
    /// The name reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::TmdbId => "tmdb_id",
            MatchedBy::ImdbId => "imdb_id",
            MatchedBy::OpenLibrary => "openlibrary_key",
            MatchedBy::Isbn => "isbn",
            MatchedBy::Title => "title_year",
            MatchedBy::Created => "created",
        }
    }
}

/// What an adapter knows of a catalog item an import may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The item.
    pub id: MediaId,
    /// Its kind.
    pub kind: MediaKind,
    /// Its TMDb id.
    pub tmdb_id: Option<i64>,
    /// Its IMDb id.
    pub imdb_id: Option<String>,
    /// Its [`title_key`].
    pub title_key: String,
    /// Its year.
    pub year: Option<i16>,
    /// Its Open Library work key (books).
    pub openlibrary: Option<String>,
    /// Its ISBN-13s (books).
    pub isbns: Vec<String>,
}

impl Candidate {
    /// A candidate from an item's matching facts; the book keys come from its attributes ([`BookFacts`]).
    pub fn of(
        id: MediaId,
        kind: MediaKind,
        tmdb_id: Option<i64>,
        imdb_id: Option<String>,
        title: &str,
        year: Option<i16>,
        attributes: &serde_json::Value,
    ) -> Self {
        let facts = BookFacts::from_attributes(attributes);
        Self {
            id,
            kind,
            tmdb_id,
            imdb_id,
            title_key: title_key(title),
            year,
            openlibrary: facts.as_ref().map(|f| f.key.clone()),
            isbns: facts.map(|f| f.isbns).unwrap_or_default(),
        }
    }
}

/// What an import row is looked up by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchKeys {
    /// The kind the row must have.
    pub kind: MediaKind,
    /// Its TMDb id, if the source has one.
    pub tmdb_id: Option<i64>,
    /// Its IMDb id, if the source has one.
    pub imdb_id: Option<String>,
    /// Its title.
    pub title: String,
    /// Its year.
    pub year: Option<i16>,
    /// Its ISBN-13s, best first (books).
    pub isbns: Vec<String>,
    /// Its author, when the source names one (books; remote lookups use it).
    pub author: Option<String>,
    /// Its Open Library work key, once a lookup found one (books).
    pub openlibrary: Option<String>,
}

impl MatchKeys {
    /// Keys by title and year only (sources without ids).
    pub fn titled(kind: MediaKind, title: impl Into<String>, year: Option<i16>) -> Self {
        Self {
            kind,
            tmdb_id: None,
            imdb_id: None,
            title: title.into(),
            year,
            isbns: Vec::new(),
            author: None,
            openlibrary: None,
        }
    }
}

/// Candidates indexed for the three matching rules. Candidates added first win ties, so adapters add them oldest
/// first.
#[derive(Debug, Default)]
#[allow(clippy::struct_field_names, reason = "one map per matching rule, named after the rule")]
pub struct CatalogIndex {
    by_tmdb: HashMap<(MediaKind, i64), MediaId>,
    by_imdb: HashMap<String, MediaId>,
    by_openlibrary: HashMap<(MediaKind, String), MediaId>,
    by_isbn: HashMap<(MediaKind, String), MediaId>,
    by_title: HashMap<(MediaKind, String, Option<i16>), MediaId>,
}

impl CatalogIndex {
    /// An index over `candidates`, oldest first.
    pub fn new(candidates: impl IntoIterator<Item = Candidate>) -> Self {
        let mut index = Self::default();
        for c in candidates {
            index.add(c);
        }
        index
    }

    /// Adds an item (a manual entry the import just made, say); earlier items keep their keys.
    pub fn add(&mut self, c: Candidate) {
        if let Some(tmdb) = c.tmdb_id {
            self.by_tmdb.entry((c.kind, tmdb)).or_insert(c.id);
        }
        if let Some(imdb) = c.imdb_id {
            self.by_imdb.entry(imdb).or_insert(c.id);
        }
        if let Some(key) = c.openlibrary {
            self.by_openlibrary.entry((c.kind, key)).or_insert(c.id);
        }
        for isbn in c.isbns {
            self.by_isbn.entry((c.kind, isbn)).or_insert(c.id);
        }
        if !c.title_key.is_empty() {
            self.by_title.entry((c.kind, c.title_key, c.year)).or_insert(c.id);
        }
    }

    /// The item a row matches: by TMDb id, else by IMDb id, else by Open Library work key, else by ISBN (in the
    /// row's order), else by normalised title and year (a row without a year matches an item without one).
    pub fn find(&self, keys: &MatchKeys) -> Option<(MediaId, MatchedBy)> {
        if let Some(id) = keys.tmdb_id.and_then(|t| self.by_tmdb.get(&(keys.kind, t))) {
            return Some((*id, MatchedBy::TmdbId));
        }
        if let Some(id) = keys.imdb_id.as_ref().and_then(|i| self.by_imdb.get(i)) {
            return Some((*id, MatchedBy::ImdbId));
        }
        if let Some(id) = keys.openlibrary.as_ref().and_then(|k| self.by_openlibrary.get(&(keys.kind, k.clone()))) {
            return Some((*id, MatchedBy::OpenLibrary));
        }
        if let Some(id) = keys.isbns.iter().find_map(|i| self.by_isbn.get(&(keys.kind, i.clone()))) {
            return Some((*id, MatchedBy::Isbn));
        }
        let key = title_key(&keys.title);
        if key.is_empty() {
            return None;
        }
        self.by_title.get(&(keys.kind, key, keys.year)).map(|id| (*id, MatchedBy::Title))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(n: u128, title: &str, year: Option<i16>) -> Candidate {
        Candidate {
            id: MediaId(uuid::Uuid::from_u128(n)),
            kind: MediaKind::Movie,
            tmdb_id: None,
            imdb_id: None,
            title_key: title_key(title),
            year,
            openlibrary: None,
            isbns: Vec::new(),
        }
    }

    fn keys(title: &str, year: Option<i16>) -> MatchKeys {
        MatchKeys::titled(MediaKind::Movie, title, year)
    }

    #[test]
    fn keys_ignore_case_spaces_and_punctuation() {
        assert_eq!(title_key("The Matrix!"), "thematrix");
        assert_eq!(title_key("Se7en"), "se7en");
        assert_eq!(title_key("WALL·E"), "walle");
        assert_eq!(title_key("東京物語"), "");
    }

    #[test]
    fn ids_win_over_titles_and_the_oldest_item_wins_a_tie() {
        let mut a = candidate(1, "Heat", Some(1995));
        a.tmdb_id = Some(949);
        let mut b = candidate(2, "Heat", Some(1995));
        b.imdb_id = Some("tt0113277".into());
        let index = CatalogIndex::new([a, b]);
        let by_title = index.find(&keys("heat", Some(1995))).unwrap();
        assert_eq!(by_title, (MediaId(uuid::Uuid::from_u128(1)), MatchedBy::Title));
        let by_imdb = index.find(&MatchKeys { imdb_id: Some("tt0113277".into()), ..keys("x", None) }).unwrap();
        assert_eq!(by_imdb.1, MatchedBy::ImdbId);
        let by_tmdb = index.find(&MatchKeys { tmdb_id: Some(949), ..keys("x", None) }).unwrap();
        assert_eq!(by_tmdb, (MediaId(uuid::Uuid::from_u128(1)), MatchedBy::TmdbId));
        assert!(index.find(&keys("Heat", Some(1986))).is_none(), "the year must agree");
        assert!(index.find(&MatchKeys { kind: MediaKind::Show, ..keys("Heat", Some(1995)) }).is_none());
    }

    #[test]
    fn books_match_by_work_key_then_isbn_then_title() {
        let attributes = serde_json::json!({"openlibrary": {"key": "OL15832982W", "isbns": ["9780064471831"]}});
        let sabriel = Candidate::of(
            MediaId(uuid::Uuid::from_u128(7)),
            MediaKind::Book,
            None,
            None,
            "Sabriel",
            Some(1995),
            &attributes,
        );
        let index = CatalogIndex::new([sabriel]);
        let book = |title: &str| MatchKeys { kind: MediaKind::Book, ..keys(title, None) };
        let by_isbn = MatchKeys { isbns: vec!["9780000000002".into(), "9780064471831".into()], ..book("Other") };
        assert_eq!(index.find(&by_isbn).unwrap().1, MatchedBy::Isbn);
        let by_key = MatchKeys { openlibrary: Some("OL15832982W".into()), ..by_isbn.clone() };
        assert_eq!(index.find(&by_key).unwrap().1, MatchedBy::OpenLibrary);
        assert_eq!(index.find(&MatchKeys { year: Some(1995), ..book("Sabriel") }).unwrap().1, MatchedBy::Title);
        let film = MatchKeys { kind: MediaKind::Movie, ..by_key };
        assert!(index.find(&film).is_none(), "a film never matches a book's keys");
    }
}
