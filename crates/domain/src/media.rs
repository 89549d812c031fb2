//! Catalog items: movies, shows, books and plays.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use crate::error::FieldError;
use crate::page::PageRequest;
use crate::user::UserId;

/// A catalog item's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct MediaId(pub uuid::Uuid);

impl fmt::Display for MediaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What kind of work a catalog item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MediaKind {
    /// A film.
    Movie,
    /// A TV or streaming series.
    Show,
    /// A book.
    Book,
    /// A stage play or musical.
    Play,
}

impl MediaKind {
    /// Every kind.
    pub const ALL: [MediaKind; 4] = [MediaKind::Movie, MediaKind::Show, MediaKind::Book, MediaKind::Play];

    /// The stored and serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Movie => "movie",
            MediaKind::Show => "show",
            MediaKind::Book => "book",
            MediaKind::Play => "play",
        }
    }
}

impl fmt::Display for MediaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MediaKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| FieldError::new("kind", "must be one of movie, show, book, play"))
    }
}

/// A catalog item as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaItem {
    /// Its id.
    pub id: MediaId,
    /// Its kind.
    pub kind: MediaKind,
    /// The title people know it by.
    pub title: String,
    /// The title in its original language, when it differs.
    pub original_title: Option<String>,
    /// Year of first release, publication or premiere.
    pub year: Option<i16>,
    /// A short summary.
    pub overview: Option<String>,
    /// Genre names.
    pub genres: Vec<String>,
    /// A TMDb image path (`/abc.jpg`) or an absolute `https` URL.
    pub poster_path: Option<String>,
    /// The TMDb id, unique per kind.
    pub tmdb_id: Option<i64>,
    /// The IMDb id (`tt0111161`).
    pub imdb_id: Option<String>,
    /// Free-form facts (author, runtime, theatre, …) as a JSON object.
    pub attributes: serde_json::Value,
    /// Who entered it by hand, if anyone.
    pub created_by: Option<UserId>,
    /// When it entered the catalog.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The fields a list shows of a catalog item.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaSummary {
    /// Its id.
    pub id: MediaId,
    /// Its kind.
    pub kind: MediaKind,
    /// Its title.
    pub title: String,
    /// Its original title.
    pub original_title: Option<String>,
    /// Its year.
    pub year: Option<i16>,
    /// Its genres.
    pub genres: Vec<String>,
    /// Its poster.
    pub poster_path: Option<String>,
}

impl From<&MediaItem> for MediaSummary {
    fn from(m: &MediaItem) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            title: m.title.clone(),
            original_title: m.original_title.clone(),
            year: m.year,
            genres: m.genres.clone(),
            poster_path: m.poster_path.clone(),
        }
    }
}

/// The validated fields of a new or edited catalog item.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaFields {
    /// Its kind.
    pub kind: MediaKind,
    /// Its title, trimmed, 1 to 300 characters.
    pub title: String,
    /// Its original title.
    pub original_title: Option<String>,
    /// Its year, -3000 to 2200 (plays and books can be old; negative is BCE).
    pub year: Option<i16>,
    /// Its overview, at most 5,000 characters.
    pub overview: Option<String>,
    /// Up to 20 distinct genre names of 1 to 50 characters.
    pub genres: Vec<String>,
    /// Its poster path or URL.
    pub poster_path: Option<String>,
    /// Its TMDb id, positive.
    pub tmdb_id: Option<i64>,
    /// Its IMDb id, `tt` followed by digits.
    pub imdb_id: Option<String>,
    /// A JSON object of extra facts, at most 16 KiB serialised.
    pub attributes: serde_json::Value,
}

/// Unvalidated input for [`MediaFields::new`].
#[derive(Debug, Clone, Default)]
pub struct MediaInput {
    /// `movie`, `show`, `book` or `play`.
    pub kind: String,
    /// The title.
    pub title: String,
    /// The original title.
    pub original_title: Option<String>,
    /// The year.
    pub year: Option<i64>,
    /// The overview.
    pub overview: Option<String>,
    /// The genres.
    pub genres: Vec<String>,
    /// The poster path.
    pub poster_path: Option<String>,
    /// The TMDb id.
    pub tmdb_id: Option<i64>,
    /// The IMDb id.
    pub imdb_id: Option<String>,
    /// Extra facts.
    pub attributes: Option<serde_json::Value>,
}

fn text(field: &str, value: Option<String>, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.push(FieldError::new(field, format!("must be at most {max} characters")));
    } else if value.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(field, "must not contain control characters"));
    }
    Some(value)
}

/// File extensions an image path or URL may end with. SVG is left out on purpose: it can carry script.
const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "gif", "avif"];

/// Checks an image reference (a poster, a backdrop): a TMDb file path (`/kMe4TKMDNXTKptQPAdOF0oZHq3V.jpg`: one
/// leading slash, a file name of ASCII letters, digits, `_`, `-` and dots, an image extension) or an absolute
/// `https` URL without credentials. Clients put these values in `src` attributes and links, so `javascript:`,
/// `data:`, plain `http:` and anything with control characters or spaces are refused. Returns the value to store:
/// the path as given, or the URL as parsed and serialised again.
///
/// # Errors
/// What is wrong, in words a client can show.
pub fn image_ref(value: &str) -> Result<String, String> {
    if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("must not contain spaces or control characters".into());
    }
    if value.len() > 500 {
        return Err("must be at most 500 characters".into());
    }
    if let Some(name) = value.strip_prefix('/') {
        let ext = name.rsplit_once('.').map(|(stem, ext)| (stem, ext.to_ascii_lowercase()));
        let safe = !name.is_empty()
            && !name.starts_with('.')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        return match ext {
            Some((stem, ext)) if safe && !stem.is_empty() && IMAGE_EXTENSIONS.contains(&ext.as_str()) => {
                Ok(value.to_owned())
            }
            _ => Err("must be a TMDb image path like /abc123.jpg (letters, digits, _ - . and an image extension) \
                      or an https URL"
                .into()),
        };
    }
    // The parser forgives `https:host` and backslashes for slashes; a stored URL should read as what it is.
    let spelt_out = value.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        && !value[8..].starts_with('/')
        && !value.contains('\\');
    let url = url::Url::parse(value).map_err(|_| "must be a TMDb image path like /abc123.jpg or an https URL")?;
    if url.scheme() != "https" || !spelt_out {
        return Err("must be an https URL (or a TMDb image path like /abc123.jpg)".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry credentials".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("must name a host".into());
    }
    Ok(url.into())
}

/// Whether an attribute key names an image or a URL (`backdrop_path`, `poster`, `logo_url`, …): such values are
/// checked like the poster, wherever they sit in the attributes.
fn is_image_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["poster", "backdrop", "image"].iter().any(|k| key.contains(k))
        || ["_path", "_url"].iter().any(|k| key.ends_with(k))
        || matches!(key.as_str(), "logo" | "still" | "path" | "url")
}

/// Checks every string under an image-named key of `value`, recursively, naming it `attributes.a.b`.
fn image_attributes(path: &str, value: &serde_json::Value, errors: &mut Vec<FieldError>) {
    let serde_json::Value::Object(map) = value else { return };
    for (key, inner) in map {
        let field = format!("{path}.{key}");
        match inner {
            serde_json::Value::String(s) if is_image_key(key) => {
                if let Err(message) = image_ref(s) {
                    errors.push(FieldError::new(field, message));
                }
            }
            serde_json::Value::Object(_) => image_attributes(&field, inner, errors),
            _ => {}
        }
    }
}

/// Drops every image-named attribute that [`image_ref`] refuses (TMDb data, say), so one odd image does not cost
/// the whole title.
pub fn drop_bad_images(value: &mut serde_json::Value) {
    let serde_json::Value::Object(map) = value else { return };
    map.retain(|key, inner| !(is_image_key(key) && inner.as_str().is_some_and(|s| image_ref(s).is_err())));
    for inner in map.values_mut() {
        drop_bad_images(inner);
    }
}

impl MediaFields {
    /// Validates every field and reports all the problems at once.
    pub fn new(input: MediaInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = input.kind.parse::<MediaKind>().map_err(|e| errors.push(e)).ok();
        let title = text("title", Some(input.title), 300, &mut errors);
        if title.is_none() {
            errors.push(FieldError::new("title", "must not be empty"));
        }
        let original_title = text("original_title", input.original_title, 300, &mut errors);
        let year = match input.year {
            None => None,
            Some(y @ -3000..=2200) => Some(y as i16),
            Some(_) => {
                errors.push(FieldError::new("year", "must be between -3000 and 2200"));
                None
            }
        };
        let overview = text("overview", input.overview, 5_000, &mut errors);
        let mut genres: Vec<String> = Vec::new();
        for (i, g) in input.genres.into_iter().enumerate() {
            let field = format!("genres[{i}]");
            match text(&field, Some(g), 50, &mut errors) {
                Some(g) if !genres.iter().any(|x| x.eq_ignore_ascii_case(&g)) => genres.push(g),
                Some(_) => {}
                None => errors.push(FieldError::new(field, "must not be empty")),
            }
        }
        if genres.len() > 20 {
            errors.push(FieldError::new("genres", "must list at most 20 genres"));
        }
        let reported = errors.len();
        let poster_path = text("poster_path", input.poster_path, 500, &mut errors).and_then(|p| {
            let checked = if errors.len() == reported { image_ref(&p) } else { Ok(p) };
            checked.map_err(|m| errors.push(FieldError::new("poster_path", m))).ok()
        });
        let tmdb_id = match input.tmdb_id {
            Some(id) if id <= 0 => {
                errors.push(FieldError::new("tmdb_id", "must be a positive number"));
                None
            }
            other => other,
        };
        let imdb_id = text("imdb_id", input.imdb_id, 20, &mut errors);
        if let Some(id) = &imdb_id {
            let digits = id.strip_prefix("tt").unwrap_or("");
            if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                errors.push(FieldError::new("imdb_id", "must look like tt0111161"));
            }
        }
        let attributes = input.attributes.unwrap_or_else(|| serde_json::Value::Object(serde_json::Map::new()));
        if !attributes.is_object() {
            errors.push(FieldError::new("attributes", "must be a JSON object"));
        } else if attributes.to_string().len() > 16 * 1024 {
            errors.push(FieldError::new("attributes", "must be at most 16 KiB"));
        } else {
            image_attributes("attributes", &attributes, &mut errors);
        }
        match (kind, title) {
            (Some(kind), Some(title)) if errors.is_empty() => Ok(Self {
                kind,
                title,
                original_title,
                year,
                overview,
                genres,
                poster_path,
                tmdb_id,
                imdb_id,
                attributes,
            }),
            _ => Err(errors),
        }
    }
}

/// Attribute keys that hold a provider's data or id: written by TMDb (`tmdb`: its backdrop, votes, keywords) and the
/// MovieLens import (`movielens_id`, which later imports match on) and Open Library (`openlibrary`: a book's work
/// key, which books are deduplicated by, and its facts; see [`crate::book`]). Users may not set them.
pub const PROVIDER_ATTRIBUTES: [&str; 3] = ["tmdb", "movielens_id", crate::book::OPENLIBRARY];

impl MediaFields {
    /// The fields that name an item at a provider (TMDb id, IMDb id, [`PROVIDER_ATTRIBUTES`]), as the API spells
    /// them. An entry carrying one claims to be that provider's title: imports and TMDb data match on them.
    pub fn provider_fields(&self) -> Vec<String> {
        let ids = [("tmdb_id", self.tmdb_id.is_some()), ("imdb_id", self.imdb_id.is_some())];
        let ids = ids.into_iter().filter(|(_, set)| *set).map(|(name, _)| name.to_owned());
        let keys = PROVIDER_ATTRIBUTES.into_iter().filter(|k| self.attributes.get(k).is_some());
        ids.chain(keys.map(|k| format!("attributes.{k}"))).collect()
    }

    /// The Open Library work key these fields carry (a book from Open Library).
    pub fn openlibrary_key(&self) -> Option<&str> {
        crate::book::work_key(&self.attributes)
    }

    /// Drops every provider id: what is left is what a user's own entry may keep.
    pub fn strip_provider_ids(&mut self) {
        self.tmdb_id = None;
        self.imdb_id = None;
        if let Some(map) = self.attributes.as_object_mut() {
            for key in PROVIDER_ATTRIBUTES {
                map.remove(key);
            }
        }
    }
}

/// A validated catalog search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// The text searched for, trimmed, 1 to 200 characters.
    pub text: String,
    /// Only items of this kind.
    pub kind: Option<MediaKind>,
    /// Which page.
    pub page: PageRequest,
}

impl SearchQuery {
    /// Validates the search text and filters.
    pub fn new(text: &str, kind: Option<&str>, page: PageRequest) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = text.trim();
        if text.is_empty() {
            errors.push(FieldError::new("q", "must not be empty"));
        } else if text.chars().count() > 200 {
            errors.push(FieldError::new("q", "must be at most 200 characters"));
        }
        let kind = kind.map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
        if errors.is_empty() { Ok(Self { text: text.to_owned(), kind, page }) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MediaInput {
        MediaInput { kind: "play".into(), title: "  Hamlet ".into(), year: Some(1603), ..MediaInput::default() }
    }

    #[test]
    fn valid_input_is_trimmed_and_kept() {
        let f = MediaFields::new(MediaInput { genres: vec!["Tragedy".into(), "tragedy".into()], ..input() }).unwrap();
        assert_eq!(f.title, "Hamlet");
        assert_eq!(f.kind, MediaKind::Play);
        assert_eq!(f.genres, vec!["Tragedy".to_owned()], "genres are deduplicated case-insensitively");
        assert!(f.attributes.is_object());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let errors = MediaFields::new(MediaInput {
            kind: "opera".into(),
            title: " ".into(),
            year: Some(20_000),
            imdb_id: Some("nm123".into()),
            tmdb_id: Some(-3),
            attributes: Some(serde_json::json!([1, 2])),
            ..MediaInput::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["kind", "title", "year", "tmdb_id", "imdb_id", "attributes"]);
    }

    #[test]
    fn images_are_tmdb_paths_or_https_urls() {
        for good in ["/kqjL17yufvn9OVLyXYpvtyrFfak.jpg", "/a-b_c.d.PNG", "https://img.example.org/p/x.webp?w=3#f"] {
            assert_eq!(image_ref(good).as_deref(), Ok(good), "{good}");
        }
        assert_eq!(image_ref("HTTPS://Img.Example.org/x.jpg").as_deref(), Ok("https://img.example.org/x.jpg"));
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "http://img.example.org/x.jpg",
            "https://u:p@img.example.org/x.jpg",
            "https://u@img.example.org/x.jpg",
            "https://img.example.org/a\tb.jpg",
            "https://img.example.org/a b.jpg",
            "//img.example.org/x.jpg",
            "/../x.jpg",
            "/x.svg",
            "/x",
            "/.jpg",
            "/",
            "x.jpg",
            "https:img.example.org/x.jpg",
            "https:///x.jpg",
            "https:\\\\img.example.org\\x.jpg",
            "file:///etc/passwd",
        ] {
            assert!(image_ref(bad).is_err(), "{bad:?}");
        }
        assert!(image_ref(&format!("https://img.example.org/{}", "x".repeat(500))).is_err());
    }

    #[test]
    fn image_attributes_are_checked_and_dropped_at_any_depth() {
        let input = |attributes| MediaInput { attributes: Some(attributes), ..input() };
        let bad = serde_json::json!({"tmdb": {"backdrop_path": "javascript:x"}, "logo_url": "data:x", "note": "javascript:ok"});
        let errors = MediaFields::new(input(bad.clone())).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["attributes.logo_url", "attributes.tmdb.backdrop_path"]);
        let mut cleaned = bad;
        drop_bad_images(&mut cleaned);
        assert_eq!(cleaned, serde_json::json!({"tmdb": {}, "note": "javascript:ok"}));
    }

    #[test]
    fn provider_ids_are_named_and_stripped() {
        let mut f = MediaFields::new(MediaInput {
            tmdb_id: Some(1),
            imdb_id: Some("tt0000001".into()),
            attributes: Some(serde_json::json!({"tmdb": {}, "movielens_id": 3, "author": "x"})),
            ..input()
        })
        .unwrap();
        assert_eq!(f.provider_fields(), ["tmdb_id", "imdb_id", "attributes.tmdb", "attributes.movielens_id"]);
        f.strip_provider_ids();
        assert!(f.provider_fields().is_empty());
        assert_eq!(f.attributes, serde_json::json!({"author": "x"}));
    }

    #[test]
    fn search_text_must_be_present_and_short() {
        assert!(SearchQuery::new("  ", None, PageRequest::default()).is_err());
        assert!(SearchQuery::new(&"x".repeat(201), None, PageRequest::default()).is_err());
        let errors = SearchQuery::new("dune", Some("vhs"), PageRequest::default()).unwrap_err();
        assert_eq!(errors[0].field, "kind");
        assert_eq!(SearchQuery::new(" dune ", Some("movie"), PageRequest::default()).unwrap().text, "dune");
    }
}
