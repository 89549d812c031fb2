//! What the catalog knows of a book beyond the common fields, and ISBNs.
//!
//! A book from Open Library keeps its facts in the item's `attributes` under `openlibrary` ([`BookFacts`]): the
//! work key that names it there (books are deduplicated by it, as films are by TMDb id), authors, first
//! publication year, subjects, page count, the ISBNs of the editions seen (as ISBN-13), and the cover id. The key
//! is one of the catalog's provider attributes, so a user's own entry cannot carry it
//! ([`crate::media::PROVIDER_ATTRIBUTES`]). The first publication year is also the item's `year`.
//!
//! ISBNs are compared as ISBN-13 ([`isbn13`]): an ISBN-10 becomes its 978 form, and Goodreads' spreadsheet
//! wrapping (`="0618260307"`) is taken off.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The attribute object holding a book's Open Library facts.
pub const OPENLIBRARY: &str = "openlibrary";

/// Where Open Library serves cover images; the server only ever builds these URLs, it never fetches them.
pub const COVERS_BASE_URL: &str = "https://covers.openlibrary.org";

/// At most this many authors, subjects and ISBNs are kept per book (the attributes must stay under 16 KiB).
pub const MAX_AUTHORS: usize = 10;
/// See [`MAX_AUTHORS`].
pub const MAX_SUBJECTS: usize = 20;
/// See [`MAX_AUTHORS`].
pub const MAX_ISBNS: usize = 40;

/// A book's facts from Open Library, as kept in `attributes.openlibrary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookFacts {
    /// The Open Library work key (`OL15832982W`), without the `/works/` prefix.
    pub key: String,
    /// Author names, in Open Library's order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The year the work was first published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_publish_year: Option<i16>,
    /// Subjects, in Open Library's order.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// The page count (an edition's, or the median over editions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_count: Option<u32>,
    /// ISBN-13s of editions seen.
    #[serde(default)]
    pub isbns: Vec<String>,
    /// Open Library's cover id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_id: Option<i64>,
}

impl BookFacts {
    /// The facts an item's attributes hold, when they hold a work key.
    pub fn from_attributes(attributes: &Value) -> Option<Self> {
        let facts: Self = serde_json::from_value(attributes.get(OPENLIBRARY)?.clone()).ok()?;
        (!facts.key.is_empty()).then_some(facts)
    }

    /// The facts as the attribute object, cut to the limits above, empty and repeated entries dropped.
    pub fn to_attribute(&self) -> Value {
        let mut facts = self.clone();
        facts.authors = distinct(facts.authors, MAX_AUTHORS, 200);
        facts.subjects = distinct(facts.subjects, MAX_SUBJECTS, 100);
        facts.isbns = distinct(facts.isbns.iter().filter_map(|i| isbn13(i)).collect(), MAX_ISBNS, 13);
        serde_json::to_value(facts).unwrap_or(Value::Null)
    }

    /// The cover image's URL (large), when Open Library has one; `-1` is its "no cover" placeholder.
    pub fn cover_url(&self) -> Option<String> {
        self.cover_id.filter(|id| *id > 0).map(cover_url)
    }
}

/// The large cover image of a cover id.
pub fn cover_url(cover_id: i64) -> String {
    format!("{COVERS_BASE_URL}/b/id/{cover_id}-L.jpg")
}

/// The work key of an item's attributes, when it is an Open Library book.
pub fn work_key(attributes: &Value) -> Option<&str> {
    attributes.get(OPENLIBRARY)?.get("key")?.as_str().filter(|k| !k.is_empty())
}

/// Open Library's work key from a path (`/works/OL45804W`) or a bare key; `None` when it is no work key. An
/// edition-style key under `/works/` (`OL8457875M`, which Open Library's search really answers now and then) is
/// kept as it is: it still names one record there.
pub fn parse_work_key(text: &str) -> Option<String> {
    let key = text.trim().trim_start_matches("/works/");
    let digits = key.strip_prefix("OL")?.strip_suffix(['W', 'M'])?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| key.to_owned())
}

fn distinct(values: Vec<String>, max: usize, max_chars: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v: String = v.trim().chars().filter(|c| !c.is_control()).take(max_chars).collect();
        if !v.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&v)) {
            out.push(v);
        }
        if out.len() == max {
            break;
        }
    }
    out
}

/// An ISBN as ISBN-13 digits, from an ISBN-10 or ISBN-13 with or without hyphens and spaces, or wrapped as a
/// spreadsheet formula (`="0618260307"`, how Goodreads exports them). `None` when the check digit is wrong or it is
/// no ISBN (an empty `=""` included).
pub fn isbn13(text: &str) -> Option<String> {
    let inner = text.trim().trim_start_matches('=').trim_matches('"');
    let chars: Vec<char> = inner.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
    match chars.len() {
        10 => {
            let body: String = chars[..9].iter().collect();
            if !body.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let sum: u32 = chars
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let v = if *c == 'X' && i == 9 { Some(10) } else { c.to_digit(10) };
                    v.map(|v| v * (10 - i as u32))
                })
                .sum::<Option<u32>>()?;
            sum.is_multiple_of(11).then(|| with_check(&format!("978{body}")))
        }
        13 => {
            let text: String = chars.iter().collect();
            if !text.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (with_check(&text[..12]) == text).then_some(text)
        }
        _ => None,
    }
}

/// Twelve digits and their ISBN-13 check digit.
fn with_check(twelve: &str) -> String {
    let sum: u32 = twelve.chars().filter_map(|c| c.to_digit(10)).enumerate().map(|(i, d)| d * [1, 3][i % 2]).sum();
    format!("{twelve}{}", (10 - sum % 10) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbns_become_isbn13_and_bad_check_digits_are_refused() {
        assert_eq!(isbn13("0618260307").as_deref(), Some("9780618260300"));
        assert_eq!(isbn13("=\"0618260307\"").as_deref(), Some("9780618260300"));
        assert_eq!(isbn13("075640407X").as_deref(), Some("9780756404079"));
        assert_eq!(isbn13("163557563x").as_deref(), Some("9781635575637"));
        assert_eq!(isbn13("978-1-63557-563-7").as_deref(), Some("9781635575637"));
        assert_eq!(isbn13("=\"9780064471831\"").as_deref(), Some("9780064471831"));
        for bad in ["", "=\"\"", "0618260308", "9780618260301", "12345", "97806182603X0", "X618260307"] {
            assert_eq!(isbn13(bad), None, "{bad}");
        }
    }

    #[test]
    fn facts_round_trip_through_attributes_within_limits() {
        let facts = BookFacts {
            key: "OL15832982W".into(),
            authors: vec!["Garth Nix".into(), "garth nix".into(), " ".into()],
            first_publish_year: Some(1995),
            subjects: (0..30).map(|i| format!("s{i}")).collect(),
            page_count: Some(491),
            isbns: vec!["0064471837".into(), "nope".into()],
            cover_id: Some(-1),
        };
        let attributes = serde_json::json!({ OPENLIBRARY: facts.to_attribute() });
        let back = BookFacts::from_attributes(&attributes).unwrap();
        assert_eq!(back.authors, ["Garth Nix"]);
        assert_eq!(back.subjects.len(), MAX_SUBJECTS);
        assert_eq!(back.isbns, ["9780064471831"]);
        assert_eq!(back.cover_url(), None, "-1 is Open Library's no-cover placeholder");
        assert_eq!(work_key(&attributes), Some("OL15832982W"));
        assert!(BookFacts::from_attributes(&serde_json::json!({"openlibrary": {"key": ""}})).is_none());
        assert_eq!(cover_url(4_450_539), "https://covers.openlibrary.org/b/id/4450539-L.jpg");
    }

    #[test]
    fn work_keys_are_parsed_from_paths() {
        assert_eq!(parse_work_key("/works/OL45804W").as_deref(), Some("OL45804W"));
        assert_eq!(parse_work_key("OL45804W").as_deref(), Some("OL45804W"));
        assert_eq!(parse_work_key("/works/OL8457875M").as_deref(), Some("OL8457875M"));
        assert_eq!(parse_work_key("/authors/OL23919A"), None);
        assert_eq!(parse_work_key("/works/OLW"), None);
    }
}
