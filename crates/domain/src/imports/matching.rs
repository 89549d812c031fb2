//! Local title matching: TMDb id, then IMDb id, then normalised title + year.
//!
//! Both stores load the candidate items an import could match and hand them to [`CatalogIndex`], so the rules live
//! in one place. The normalised title ([`title_key`]) is what PostgreSQL stores in the generated column
//! `media_items.title_key`: lower case, then every character outside `a-z0-9` dropped.

use std::collections::HashMap;

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
}

/// Candidates indexed for the three matching rules. Candidates added first win ties, so adapters add them oldest
/// first.
#[derive(Debug, Default)]
#[allow(clippy::struct_field_names, reason = "one map per matching rule, named after the rule")]
pub struct CatalogIndex {
    by_tmdb: HashMap<(MediaKind, i64), MediaId>,
    by_imdb: HashMap<String, MediaId>,
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
        if !c.title_key.is_empty() {
            self.by_title.entry((c.kind, c.title_key, c.year)).or_insert(c.id);
        }
    }

    /// The item a row matches: by TMDb id, else by IMDb id, else by normalised title and year (a row without a
    /// year matches an item without one).
    pub fn find(&self, keys: &MatchKeys) -> Option<(MediaId, MatchedBy)> {
        if let Some(id) = keys.tmdb_id.and_then(|t| self.by_tmdb.get(&(keys.kind, t))) {
            return Some((*id, MatchedBy::TmdbId));
        }
        if let Some(id) = keys.imdb_id.as_ref().and_then(|i| self.by_imdb.get(i)) {
            return Some((*id, MatchedBy::ImdbId));
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
        }
    }

    fn keys(title: &str, year: Option<i16>) -> MatchKeys {
        MatchKeys { kind: MediaKind::Movie, tmdb_id: None, imdb_id: None, title: title.into(), year }
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
}
