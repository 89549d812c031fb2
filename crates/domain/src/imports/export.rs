//! The export of everything a user owns, and its re-import.
//!
//! [`ExportDocument`] is the JSON format (`"format": "marquee-export"`, `"version": 1`); its titles carry their
//! catalog ids (TMDb, IMDb) and title + year, so another Marquee instance can match them. [`parse`] reads it back
//! into import rows: each title goes to its exported tier, in its exported order.
//!
//! Besides the list and the comparisons, an export carries the user's top 4 (matchups) and streaming services;
//! re-importing it sets both again (see [`ImportExtras`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::availability::UserServices;
use crate::csv::write_record;
use crate::imports::matching::MatchKeys;
use crate::imports::sheet::{Sheet, cell, year_cell};
use crate::imports::types::{ComparisonEntry, ImportEntry, ImportError, ImportExtras, OrderKey, Parsed, RowError};
use crate::matchup::SET_SIZE;
use crate::media::{MediaFields, MediaInput};
use crate::tier::{Stars, Tier};
use crate::{FieldError, text};

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

/// The streaming services a user subscribes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedServices {
    /// ISO 3166-1 region, e.g. `US`.
    pub region: String,
    /// Service names.
    pub services: Vec<String>,
}

/// What a store returns for the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserExport {
    /// The list, S → D, best first inside a tier.
    pub rankings: Vec<ExportedRanking>,
    /// The comparisons, oldest first.
    pub comparisons: Vec<ExportedComparison>,
    /// The top-4 set's titles in order; empty when the user has none.
    pub top4: Vec<ExportedTitle>,
    /// The streaming services, when the user set them.
    pub services: Option<ExportedServices>,
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
    /// The top 4, in order; empty when the user has none.
    #[serde(default)]
    pub top4: Vec<ExportedTitle>,
    /// The streaming services, when set.
    #[serde(default)]
    pub services: Option<ExportedServices>,
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
            top4: data.top4,
            services: data.services,
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
/// The name rows and errors of a CSV export carry.
const CSV_FILE: &str = "export.csv";

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
        isbns: Vec::new(),
        author: None,
        openlibrary: None,
    };
    Ok((keys, fields))
}

/// Reads a JSON export back into import rows. Row "lines" are 1-based positions in `rankings` (and, for
/// comparisons, in `comparisons`).
///
/// # Errors
/// [`ImportError::Unreadable`] when the text is not an export of this format and version.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let unreadable = |e: serde_json::Error| ImportError::Unreadable(format!("not a Marquee export: {e}"));
    if text::json_may_hold_refused(text.as_bytes()) {
        let value: serde_json::Value = serde_json::from_str(text).map_err(unreadable)?;
        let refused = text::refused_in_json(&value);
        if !refused.is_empty() {
            let named = |e: FieldError| FieldError::new(format!("{FILE} {}", e.field), e.message);
            return Err(ImportError::Refused(refused.into_iter().map(named).collect()));
        }
    }
    let doc: ExportDocument = serde_json::from_str(text).map_err(unreadable)?;
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
            file: FILE.to_owned(),
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
    parsed.extras = extras(&doc, &mut parsed.errors);
    Ok(parsed)
}

/// Reads the CSV export back into import rows: each title to its tier, in its position's order. The columns are
/// found by name; `tier`, `position`, `kind` and `title` are required.
///
/// # Errors
/// [`ImportError::Csv`] or [`ImportError::Columns`] when the file is malformed or lacks a column.
pub fn parse_csv(text: &str) -> Result<Parsed, ImportError> {
    let sheet = Sheet::parse(CSV_FILE, text)?;
    let [c_tier, c_position, c_kind, c_title] = sheet.columns(["tier", "position", "kind", "title"])?;
    let optional = |name| sheet.optional(name);
    let (c_stars, c_original, c_year) = (optional("stars"), optional("original_title"), optional("year"));
    let (c_genres, c_tmdb, c_imdb) = (optional("genres"), optional("tmdb_id"), optional("imdb_id"));
    let mut parsed = Parsed::default();
    for r in sheet.rows(&mut parsed.errors) {
        let text = |c: Option<usize>| c.and_then(|c| cell(r, c)).map(str::to_owned);
        let Some(tier) = cell(r, c_tier).and_then(|t| t.parse::<Tier>().ok()) else {
            parsed.errors.push(sheet.error(r.line, "tier must be S, A, B, C or D"));
            continue;
        };
        let Some(position) = cell(r, c_position).and_then(|p| p.parse::<i64>().ok()).filter(|p| *p >= 1) else {
            parsed.errors.push(sheet.error(r.line, "position must be a whole number from 1"));
            continue;
        };
        let stars =
            match text(c_stars).map(|s| s.parse::<i64>().map_err(|_| ()).and_then(|n| Stars::new(n).map_err(|_| ()))) {
                None => None,
                Some(Ok(stars)) => Some(stars),
                Some(Err(())) => {
                    parsed.errors.push(sheet.error(r.line, "stars must be a whole number from 1 to 5"));
                    continue;
                }
            };
        let Ok(year) = c_year.map_or(Ok(None), |c| year_cell(&sheet, r, c, &mut parsed.errors)) else { continue };
        let Ok(tmdb_id) = text(c_tmdb).map(|t| t.parse::<i64>()).transpose() else {
            parsed.errors.push(sheet.error(r.line, "tmdb_id must be a whole number"));
            continue;
        };
        let title = ExportedTitle {
            kind: cell(r, c_kind).unwrap_or_default().to_owned(),
            title: cell(r, c_title).unwrap_or_default().to_owned(),
            original_title: text(c_original),
            year,
            genres: text(c_genres).map_or_else(Vec::new, |g| g.split('|').map(str::to_owned).collect()),
            tmdb_id,
            imdb_id: text(c_imdb),
        };
        match keys_and_fields(&title) {
            Ok((keys, fields)) => parsed.entries.push(ImportEntry {
                file: CSV_FILE.to_owned(),
                line: r.line,
                keys,
                tier,
                stars,
                order: OrderKey::new(-position, None, r.line),
                fields,
                looked_up: false,
            }),
            Err(message) => parsed.errors.push(sheet.error(r.line, message)),
        }
    }
    Ok(parsed)
}

/// The top 4 and the services of a document; their problems become row errors.
fn extras(doc: &ExportDocument, errors: &mut Vec<RowError>) -> ImportExtras {
    let mut extras = ImportExtras::default();
    let error = |section: &str, message: String| RowError { file: format!("{FILE} {section}"), line: 1, message };
    if !doc.top4.is_empty() {
        let titles: Result<Vec<(MatchKeys, MediaFields)>, String> = doc.top4.iter().map(keys_and_fields).collect();
        match titles {
            Ok(titles) if titles.len() == SET_SIZE => extras.top4 = Some(titles),
            Ok(titles) => errors.push(error("top4", format!("must name {SET_SIZE} titles, not {}", titles.len()))),
            Err(message) => errors.push(error("top4", message)),
        }
    }
    if let Some(s) = &doc.services {
        match UserServices::new(&s.region, s.services.clone()) {
            Ok(services) => extras.services = Some(services),
            Err(problems) => errors.extend(problems.into_iter().map(|p| error("services", p.to_string()))),
        }
    }
    extras
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
                top4: ["A", "B", "C", "D"].map(title).to_vec(),
                services: Some(ExportedServices { region: "US".into(), services: vec!["Netflix".into()] }),
            },
            at,
        );
        let parsed = parse(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert!(parsed.errors.is_empty());
        assert!(parsed.entries[0].order < parsed.entries[1].order);
        assert_eq!(parsed.entries[0].stars, Some(Stars::FIVE));
        assert_eq!(parsed.entries[1].stars, None);
        assert_eq!(parsed.comparisons.len(), 1);
        let top4: Vec<&str> = parsed.extras.top4.as_ref().unwrap().iter().map(|(k, _)| k.title.as_str()).collect();
        assert_eq!(top4, ["A", "B", "C", "D"]);
        assert_eq!(parsed.extras.services.as_ref().unwrap().services, ["Netflix"]);
        let mut short = doc.clone();
        short.top4.pop();
        short.services = Some(ExportedServices { region: "usa".into(), services: Vec::new() });
        let errors = parse(&serde_json::to_string(&short).unwrap()).unwrap().errors;
        let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["export.json top4", "export.json services"], "{errors:?}");
        let csv = doc.rankings_csv();
        let rows = crate::csv::parse(&csv).unwrap();
        assert_eq!(rows[2].fields[4], "B, \"the\"");
        let back = parse_csv(&csv).unwrap();
        assert!(back.errors.is_empty(), "{:?}", back.errors);
        let read: Vec<(Tier, &str, Option<Stars>)> =
            back.entries.iter().map(|e| (e.tier, e.keys.title.as_str(), e.stars)).collect();
        assert_eq!(read, [(Tier::S, "A", Some(Stars::FIVE)), (Tier::S, "B, \"the\"", None)]);
        assert!(back.entries[0].order < back.entries[1].order);
        let bad = parse_csv("tier,position,kind,title\nQ,1,movie,A\nS,0,movie,B\nS,1,opera,C\n").unwrap();
        let lines: Vec<usize> = bad.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(matches!(parse("{\"format\":\"other\"}"), Err(ImportError::Unreadable(_))));

        let mut nul = doc.clone();
        nul.rankings[1].media.title = "B\u{0}".into();
        nul.services = Some(ExportedServices { region: "US".into(), services: vec!["a\u{1}b".into()] });
        let Err(ImportError::Refused(fields)) = parse(&serde_json::to_string(&nul).unwrap()) else {
            panic!("a control character must refuse the export");
        };
        let mut names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["export.json rankings[1].media.title", "export.json services.services[0]"]);
        let mut csv = doc.rankings_csv();
        csv.push_str("S,3,,movie,\u{0},,,,,,\n");
        assert!(matches!(parse_csv(&csv), Err(ImportError::Csv { source, .. }) if source.line == 4));
    }
}
