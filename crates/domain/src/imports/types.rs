//! What an import reads: its source, ratings and the order they give, the parsed rows, and why parsing fails.

use chrono::{DateTime, Utc};

use crate::availability::UserServices;
use crate::csv::CsvError;
use crate::error::{FieldError, StoreError};
use crate::imports::matching::MatchKeys;
use crate::media::MediaFields;
use crate::tier::{Stars, Tier};

/// Where a user's import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportSource {
    /// A Letterboxd export (`ratings.csv`, `watched.csv`, or the ZIP).
    Letterboxd,
    /// IMDb's ratings export.
    Imdb,
    /// A Marquee JSON export.
    Marquee,
    /// A Goodreads library export (`goodreads_library_export.csv`).
    Goodreads,
}

impl ImportSource {
    /// The name reports and attributes use.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportSource::Letterboxd => "letterboxd",
            ImportSource::Imdb => "imdb",
            ImportSource::Marquee => "marquee",
            ImportSource::Goodreads => "goodreads",
        }
    }
}

/// A rating on any source's scale, as a percentage of that scale's top (Letterboxd's ½ star is 10, IMDb's 7/10 is
/// 70).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rating(u8);

impl Rating {
    /// A percentage from 1 to 100.
    pub fn percent(percent: u8) -> Option<Self> {
        (1..=100).contains(&percent).then_some(Self(percent))
    }

    /// Parses a 0.5 to 5 star rating in half-star steps (Letterboxd, MovieLens).
    pub fn from_stars(text: &str) -> Option<Self> {
        let value: f64 = text.trim().parse().ok()?;
        let halves = value * 2.0;
        if !(1.0..=10.0).contains(&halves) || halves.fract() != 0.0 {
            return None;
        }
        Self::percent(halves as u8 * 10)
    }

    /// Parses a whole 1 to 10 rating (IMDb).
    pub fn from_tenths(text: &str) -> Option<Self> {
        let value: u8 = text.trim().parse().ok()?;
        (1..=10).contains(&value).then(|| Self(value * 10))
    }

    /// The percentage.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The tier a rating lands in: 90 % and up S (4½–5 stars, 9–10/10), 70 % A, 50 % B, 30 % C, below D.
    pub fn tier(self) -> Tier {
        match self.0 {
            90.. => Tier::S,
            70..=89 => Tier::A,
            50..=69 => Tier::B,
            30..=49 => Tier::C,
            _ => Tier::D,
        }
    }

    /// The quick rating recorded with the title: the stars of its tier (S = 5 … D = 1).
    pub fn stars(self) -> Stars {
        stars_of(self.tier())
    }
}

/// The stars that lead to `tier` through [`Tier::from_stars`].
pub fn stars_of(tier: Tier) -> Stars {
    let stars = match tier {
        Tier::S => Stars::FIVE,
        Tier::A => Stars::FOUR,
        Tier::B => Stars::THREE,
        Tier::C => Stars::TWO,
        Tier::D => Stars::ONE,
    };
    debug_assert_eq!(Tier::from_stars(stars), tier);
    stars
}

/// Where a row goes inside its tier: higher `score` first, then earlier `at`, then earlier line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OrderKey {
    /// Negated score, so that ascending order puts the best first.
    rank: i64,
    /// When it was rated; rows without a date go after dated ones of the same score.
    at: (bool, Option<DateTime<Utc>>),
    /// The row's line.
    line: usize,
}

impl OrderKey {
    /// Higher `score` first, then earlier `at` (the quick-rating path appends later ratings below earlier ones,
    /// and so does an import), then the earlier line.
    pub fn new(score: i64, at: Option<DateTime<Utc>>, line: usize) -> Self {
        Self { rank: -score, at: (at.is_none(), at), line }
    }
}

/// One row to place in a user's list.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportEntry {
    /// The file it came from.
    pub file: String,
    /// The line (CSV) or 1-based index (JSON) it came from.
    pub line: usize,
    /// What it is matched by.
    pub keys: MatchKeys,
    /// Its tier.
    pub tier: Tier,
    /// The quick rating recorded with it.
    pub stars: Option<Stars>,
    /// Its order inside the tier.
    pub order: OrderKey,
    /// The manual entry made when nothing matches.
    pub fields: MediaFields,
    /// Whether `fields` came from a remote lookup (such entries are catalog data, not the user's own).
    pub looked_up: bool,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file it came from.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Why it was left out.
    pub reason: String,
}

/// A row that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file.
    pub file: String,
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl RowError {
    fn into_field(self) -> FieldError {
        FieldError::new(format!("{}:{}", self.file, self.line), self.message)
    }
}

/// A "which did you like more" answer carried by a Marquee export.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonEntry {
    /// The title liked more (either title, for a tie).
    pub winner: MatchKeys,
    /// The other title.
    pub loser: MatchKeys,
    /// Whether it was a tie.
    pub tie: bool,
    /// Where the answer came from (`placement`, `matchup`, …).
    pub context: String,
    /// When it was given.
    pub created_at: DateTime<Utc>,
}

/// A title the user wants to read or watch (Goodreads' `to-read` shelf): matched like a list row (or made a manual
/// entry, or looked up), then added to the watchlist instead of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchlistEntry {
    /// The file it came from.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// What it is matched by.
    pub keys: MatchKeys,
    /// The manual entry made when nothing matches.
    pub fields: MediaFields,
    /// Whether `fields` came from a remote lookup.
    pub looked_up: bool,
}

/// What an import carries besides the list and its comparisons. The top 4 and services (Marquee exports) replace
/// the user's; watchlist titles (Goodreads) are added to theirs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportExtras {
    /// The top 4 in order, each matched like a list row (or made a manual entry).
    pub top4: Option<Vec<(MatchKeys, MediaFields)>>,
    /// The streaming services.
    pub services: Option<UserServices>,
    /// Titles for the watchlist, in file order.
    pub watchlist: Vec<WatchlistEntry>,
}

/// A parsed file: the rows to place, the rows left out on purpose, and the rows that could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Rows to place.
    pub entries: Vec<ImportEntry>,
    /// Rows left out with a reason (unrated, an unsupported kind).
    pub skipped: Vec<Skipped>,
    /// Rows that could not be read.
    pub errors: Vec<RowError>,
    /// Comparisons (Marquee exports only).
    pub comparisons: Vec<ComparisonEntry>,
    /// The top 4 and the services (Marquee exports only).
    pub extras: ImportExtras,
}

/// Why an import was refused. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not valid CSV.
    #[error("{file}: {source}")]
    Csv {
        /// The file.
        file: String,
        /// Where and what.
        source: CsvError,
    },
    /// The header lacks columns the format needs.
    #[error("{file} lacks the columns {missing:?} (found {found:?})")]
    Columns {
        /// The file.
        file: String,
        /// The columns missing.
        missing: Vec<String>,
        /// The columns the header has.
        found: Vec<String>,
    },
    /// Some rows cannot be read (and no partial import was asked for).
    #[error("{} rows cannot be read", .0.len())]
    Rows(Vec<RowError>),
    /// The upload is not a readable archive or document.
    #[error("{0}")]
    Unreadable(String),
    /// A JSON upload holds control characters the API refuses ([`crate::text`]); names each place.
    #[error("{} fields hold control characters", .0.len())]
    Refused(Vec<FieldError>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// The fields a problem document lists: `file:line` and what is wrong there.
    pub fn fields(&self) -> Vec<FieldError> {
        match self {
            ImportError::Csv { file, source } => {
                vec![FieldError::new(format!("{file}:{}", source.line), source.message.clone())]
            }
            ImportError::Columns { file, missing, found } => vec![FieldError::new(
                format!("{file}:1"),
                format!("missing column(s) {}; the header has {}", missing.join(", "), found.join(", ")),
            )],
            ImportError::Rows(rows) => rows.iter().cloned().map(RowError::into_field).collect(),
            ImportError::Refused(fields) => fields.clone(),
            ImportError::Unreadable(_) | ImportError::Store(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imports::sheet::date;

    #[test]
    fn ratings_land_in_tiers() {
        let tiers: Vec<Tier> = ["0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"]
            .iter()
            .map(|s| Rating::from_stars(s).unwrap().tier())
            .collect();
        assert_eq!(tiers, [Tier::D, Tier::D, Tier::C, Tier::C, Tier::B, Tier::B, Tier::A, Tier::A, Tier::S, Tier::S]);
        let imdb: Vec<Tier> = (1..=10).map(|n| Rating::from_tenths(&n.to_string()).unwrap().tier()).collect();
        assert_eq!(imdb, [Tier::D, Tier::D, Tier::C, Tier::C, Tier::B, Tier::B, Tier::A, Tier::A, Tier::S, Tier::S]);
        for bad in ["0", "5.5", "3.25", "x", ""] {
            assert!(Rating::from_stars(bad).is_none(), "{bad}");
        }
        for bad in ["0", "11", "7.5"] {
            assert!(Rating::from_tenths(bad).is_none(), "{bad}");
        }
        for tier in Tier::ALL {
            assert_eq!(Tier::from_stars(stars_of(tier)), tier);
        }
    }

    #[test]
    fn order_is_score_then_date_then_line() {
        let day = |d: u32| date(&format!("2024-01-{d:02}"));
        let mut keys = [
            OrderKey::new(80, day(5), 4),
            OrderKey::new(90, None, 3),
            OrderKey::new(80, day(2), 9),
            OrderKey::new(80, None, 1),
        ];
        keys.sort();
        let lines: Vec<usize> = keys.iter().map(|k| k.line).collect();
        assert_eq!(lines, [3, 9, 4, 1]);
    }
}
