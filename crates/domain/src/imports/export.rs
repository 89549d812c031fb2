//! The export of everything a user owns, and its re-import.
//!
//! [`ExportDocument`] is the JSON format (`"format": "marquee-export"`, `"version": 1`); its titles carry their
//! catalog ids (TMDb, IMDb) and title + year, so another Marquee instance can match them. [`parse`] reads it back
//! into import rows: each title goes to its exported tier, in its exported order.
//!
//! Sections owned by other features (a user's top four, their streaming services) are added to [`UserExport`]
//! and [`ExportDocument`] as those features land: see `ExportDocument::top_four` below.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::csv::write_record;
use crate::imports::{ComparisonEntry, ImportEntry, ImportError, MatchKeys, OrderKey, Parsed, RowError};
use crate::media::{MediaFields, MediaInput};
use crate::tier::{Stars, Tier};

/// The format name in every export.
pub const FORMAT: &str = "marquee-export";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;

/// A catalog item as an export names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedTitle {
    /// `movie`, `show`, `book` or `play`.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its original title.
    #[serde(default)]
    pub original_title: Option<String>,
    /// Its year.
    #[serde(default)]
    pub year: Option<i16>,
    /// Its genres.
    #[serde(default)]
    pub genres: Vec<String>,
    /// Its TMDb id.
    #[serde(default)]
    pub tmdb_id: Option<i64>,
    /// Its IMDb id.
    #[serde(default)]
    pub imdb_id: Option<String>,
}

/// One ranked title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedRanking {
    /// Its tier.
    pub tier: Tier,
    /// Its position in the tier, 1 = best.
    pub position: u64,
    /// Its stars, 1 to 5.
    #[serde(default)]
    pub stars: Option<u8>,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// The title.
    pub media: ExportedTitle,
}

/// One "which did you like more" answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedComparison {
    /// The title liked more (either, for a tie).
    pub winner: ExportedTitle,
    /// The other title.
    pub loser: ExportedTitle,
    /// Whether it was a tie.
    pub tie: bool,
    /// Where it came from.
    pub context: String,
    /// When it was given.
    pub created_at: DateTime<Utc>,
}

/// What a store returns for the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserExport {
    /// The list, S → D, best first inside a tier.
    pub rankings: Vec<ExportedRanking>,
    /// The comparisons, oldest first.
    pub comparisons: Vec<ExportedComparison>,
}

/// The JSON export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// When it was made.
    pub exported_at: DateTime<Utc>,
    /// The list.
    pub rankings: Vec<ExportedRanking>,
    /// The comparisons.
    #[serde(default)]
    pub comparisons: Vec<ExportedComparison>,
    // Lead: the top-four and streaming-services features add their sections here (`top_four`, `services`), each
    // `#[serde(default)]` so version-1 files without them still import.
}

impl ExportDocument {
    /// The document for a user's data.
    pub fn new(data: UserExport, exported_at: DateTime<Utc>) -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            exported_at,
            rankings: data.rankings,
            comparisons: data.comparisons,
        }
    }

    /// The list as CSV: `tier,position,stars,kind,title,original_title,year,genres,tmdb_id,imdb_id,created_at`,
    /// genres joined with `|`.
    pub fn rankings_csv(&self) -> String {
        let mut out = String::new();
        write_record(&mut out, &CSV_COLUMNS);
        for r in &self.rankings {
            let m = &r.media;
            write_record(
                &mut out,
                &[
                    r.tier.as_str().to_owned(),
                    r.position.to_string(),
                    r.stars.map(|s| s.to_string()).unwrap_or_default(),
                    m.kind.clone(),
                    m.title.clone(),
                    m.original_title.clone().unwrap_or_default(),
                    m.year.map(|y| y.to_string()).unwrap_or_default(),
                    m.genres.join("|"),
                    m.tmdb_id.map(|t| t.to_string()).unwrap_or_default(),
                    m.imdb_id.clone().unwrap_or_default(),
                    r.created_at.to_rfc3339(),
                ],
            );
        }
        out
    }
}

/// The CSV export's header.
pub const CSV_COLUMNS: [&str; 11] = [
    "tier",
    "position",
    "stars",
    "kind",
    "title",
    "original_title",
    "year",
    "genres",
    "tmdb_id",
    "imdb_id",
    "created_at",
];

/// The name rows and errors of a JSON export carry.
const FILE: &str = "export.json";

fn keys_and_fields(title: &ExportedTitle) -> Result<(MatchKeys, MediaFields), String> {
    let fields = MediaFields::new(MediaInput {
        kind: title.kind.clone(),
        title: title.title.clone(),
        original_title: title.original_title.clone(),
        year: title.year.map(i64::from),
        genres: title.genres.clone(),
        tmdb_id: title.tmdb_id,
        imdb_id: title.imdb_id.clone(),
        ..MediaInput::default()
    })
    .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))?;
    let keys = MatchKeys {
        kind: fields.kind,
        tmdb_id: fields.tmdb_id,
        imdb_id: fields.imdb_id.clone(),
        title: fields.title.clone(),
        year: fields.year,
    };
    Ok((keys, fields))
}

/// Reads a JSON export back into import rows. Row "lines" are 1-based positions in `rankings` (and, for
/// comparisons, in `comparisons`).
///
/// # Errors
/// [`ImportError::Unreadable`] when the text is not an export of this format and version.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let doc: ExportDocument =
        serde_json::from_str(text).map_err(|e| ImportError::Unreadable(format!("not a Marquee export: {e}")))?;
    if doc.format != FORMAT || doc.version != VERSION {
        return Err(ImportError::Unreadable(format!(
            "expected format {FORMAT:?} version {VERSION}, found {:?} version {}",
            doc.format, doc.version
        )));
    }
    let mut parsed = Parsed::default();
    for (i, r) in doc.rankings.iter().enumerate() {
        let line = i + 1;
        let error = |message: String| RowError { file: format!("{FILE} rankings[{i}]"), line, message };
        let (keys, fields) = match keys_and_fields(&r.media) {
            Ok(found) => found,
            Err(message) => {
                parsed.errors.push(error(message));
                continue;
            }
        };
        let stars = match r.stars.map(|s| Stars::new(i64::from(s))).transpose() {
            Ok(s) => s,
            Err(e) => {
                parsed.errors.push(error(e.to_string()));
                continue;
            }
        };
        let position = i64::try_from(r.position).unwrap_or(i64::MAX);
        parsed.entries.push(ImportEntry {
            line,
            keys,
            tier: r.tier,
            stars,
            order: OrderKey::new(-position, None, line),
            fields,
            looked_up: false,
        });
    }
    for (i, c) in doc.comparisons.iter().enumerate() {
        match (keys_and_fields(&c.winner), keys_and_fields(&c.loser)) {
            (Ok((winner, _)), Ok((loser, _))) if !c.context.trim().is_empty() => {
                parsed.comparisons.push(ComparisonEntry {
                    winner,
                    loser,
                    tie: c.tie,
                    context: c.context.clone(),
                    created_at: c.created_at,
                });
            }
            _ => parsed.errors.push(RowError {
                file: format!("{FILE} comparisons[{i}]"),
                line: i + 1,
                message: "a comparison needs two valid titles and a context".into(),
            }),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(name: &str) -> ExportedTitle {
        ExportedTitle {
            kind: "movie".into(),
            title: name.into(),
            original_title: None,
            year: Some(1999),
            genres: vec!["Drama".into()],
            tmdb_id: None,
            imdb_id: None,
        }
    }

    #[test]
    fn a_document_reads_back_in_its_order() {
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
        let doc = ExportDocument::new(
            UserExport {
                rankings: vec![
                    ExportedRanking { tier: Tier::S, position: 1, stars: Some(5), created_at: at, media: title("A") },
                    ExportedRanking {
                        tier: Tier::S,
                        position: 2,
                        stars: None,
                        created_at: at,
                        media: title("B, \"the\""),
                    },
                ],
                comparisons: vec![ExportedComparison {
                    winner: title("A"),
                    loser: title("B"),
                    tie: false,
                    context: "placement".into(),
                    created_at: at,
                }],
            },
            at,
        );
        let parsed = parse(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert!(parsed.errors.is_empty());
        assert!(parsed.entries[0].order < parsed.entries[1].order);
        assert_eq!(parsed.entries[0].stars, Some(Stars::FIVE));
        assert_eq!(parsed.entries[1].stars, None);
        assert_eq!(parsed.comparisons.len(), 1);
        let csv = doc.rankings_csv();
        let rows = crate::csv::parse(&csv).unwrap();
        assert_eq!(rows[2].fields[4], "B, \"the\"");
        assert!(matches!(parse("{\"format\":\"other\"}"), Err(ImportError::Unreadable(_))));
    }
}
