//! Letterboxd exports: `ratings.csv` (`Date,Name,Year,Letterboxd URI,Rating`) and `watched.csv`
//! (`Date,Name,Year,Letterboxd URI`), alone or together (the export's ZIP holds both).
//!
//! Ratings are 0.5 to 5 stars in half steps. Letterboxd's files carry no TMDb or IMDb id, so rows match by title
//! and year. A watched film that was never rated has nothing to place it by: it is reported as skipped.

use std::collections::HashSet;

use crate::imports::matching::MatchKeys;
use crate::imports::sheet::{Sheet, cell, date, dedupe_by, fields_cell, year_cell};
use crate::imports::types::{ImportEntry, ImportError, OrderKey, Parsed, Rating, Skipped};
use crate::media::{MediaInput, MediaKind};

/// The columns of `ratings.csv`.
pub const RATINGS_COLUMNS: [&str; 5] = ["Date", "Name", "Year", "Letterboxd URI", "Rating"];
/// The columns of `watched.csv`.
pub const WATCHED_COLUMNS: [&str; 4] = ["Date", "Name", "Year", "Letterboxd URI"];

/// Whether a CSV file's header looks like a Letterboxd ratings file (it has a `Rating` column).
pub fn is_ratings(text: &str) -> bool {
    text.lines().next().is_some_and(|header| header.split(',').any(|h| h.trim().trim_matches('"') == "Rating"))
}

/// Parses the files of an export: `ratings` (`ratings.csv`) and/or `watched` (`watched.csv`), each as
/// `(file name, text)`.
///
/// # Errors
/// [`ImportError::Csv`] or [`ImportError::Columns`] when a file is malformed or lacks a column.
pub fn parse(ratings: Option<(&str, &str)>, watched: Option<(&str, &str)>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::default();
    let mut rated = HashSet::new();
    if let Some((file, text)) = ratings {
        let sheet = Sheet::parse(file, text)?;
        let [c_date, c_name, c_year, c_uri, c_rating] = sheet.columns(RATINGS_COLUMNS)?;
        let mut entries = Vec::new();
        for r in sheet.rows(&mut parsed.errors) {
            let Some(name) = cell(r, c_name) else {
                parsed.errors.push(sheet.error(r.line, "Name is empty"));
                continue;
            };
            let uri = cell(r, c_uri).map(str::to_owned);
            let Ok(film_year) = year_cell(&sheet, r, c_year, &mut parsed.errors) else { continue };
            let Some(rating) = cell(r, c_rating) else {
                parsed.skipped.push(Skipped {
                    file: sheet.file().to_owned(),
                    line: r.line,
                    title: Some(name.to_owned()),
                    reason: "no rating to place it by".into(),
                });
                continue;
            };
            let Some(rating) = Rating::from_stars(rating) else {
                parsed.errors.push(sheet.error(r.line, format!("Rating {rating:?} is not 0.5 to 5 in half stars")));
                continue;
            };
            let at = cell(r, c_date).and_then(date);
            let mut attributes = serde_json::Map::new();
            if let Some(uri) = &uri {
                attributes.insert("letterboxd_uri".into(), uri.clone().into());
            }
            let input = MediaInput {
                kind: MediaKind::Movie.as_str().into(),
                title: name.to_owned(),
                year: film_year.map(i64::from),
                attributes: Some(attributes.into()),
                ..MediaInput::default()
            };
            let Some(fields) = fields_cell(&sheet, r.line, input, &mut parsed.errors) else { continue };
            if let Some(uri) = uri {
                rated.insert(uri);
            }
            entries.push(ImportEntry {
                file: sheet.file().to_owned(),
                line: r.line,
                keys: MatchKeys::titled(MediaKind::Movie, fields.title.clone(), film_year),
                tier: rating.tier(),
                stars: Some(rating.stars()),
                order: OrderKey::new(i64::from(rating.get()), at, r.line),
                fields,
                looked_up: false,
            });
        }
        parsed.entries =
            dedupe_by(entries, sheet.file(), |e| Some((e.keys.title.clone(), e.keys.year)), &mut parsed.skipped);
    }
    if let Some((file, text)) = watched {
        let sheet = Sheet::parse(file, text)?;
        let [_, c_name, _, c_uri] = sheet.columns(WATCHED_COLUMNS)?;
        for r in sheet.rows(&mut parsed.errors) {
            let uri = cell(r, c_uri);
            if uri.is_some_and(|u| rated.contains(u)) {
                continue;
            }
            parsed.skipped.push(Skipped {
                file: sheet.file().to_owned(),
                line: r.line,
                title: cell(r, c_name).map(str::to_owned),
                reason: "watched but not rated: no rating to place it by".into(),
            });
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tier::Tier;

    const RATINGS: &str = "Date,Name,Year,Letterboxd URI,Rating\n\
        2024-01-02,Heat,1995,https://boxd.it/2b0k,4.5\n\
        2024-01-01,\"Crouching Tiger, Hidden Dragon\",2000,https://boxd.it/1XBs,4\n\
        2024-01-03,Cats,2019,https://boxd.it/kCcy,\n\
        2024-01-04,Bad,20x9,https://boxd.it/x,3\n\
        2024-01-05,Worse,2001,https://boxd.it/y,7\n";

    #[test]
    fn ratings_become_entries_and_bad_rows_errors() {
        let parsed = parse(Some(("ratings.csv", RATINGS)), None).unwrap();
        let got: Vec<(&str, Tier, usize)> =
            parsed.entries.iter().map(|e| (e.keys.title.as_str(), e.tier, e.line)).collect();
        assert_eq!(got, [("Heat", Tier::S, 2), ("Crouching Tiger, Hidden Dragon", Tier::A, 3)]);
        assert_eq!(parsed.skipped.len(), 1, "the unrated row is skipped");
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 6]);
        assert_eq!(parsed.entries[0].fields.attributes["letterboxd_uri"], "https://boxd.it/2b0k");
    }

    #[test]
    fn watched_but_unrated_films_are_skipped() {
        let watched = "Date,Name,Year,Letterboxd URI\n2024-01-02,Heat,1995,https://boxd.it/2b0k\n2024-02-01,Alien,1979,https://boxd.it/2a\n";
        let parsed = parse(Some(("ratings.csv", RATINGS)), Some(("watched.csv", watched))).unwrap();
        let skipped: Vec<_> = parsed.skipped.iter().filter(|s| s.file == "watched.csv").collect();
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].title.as_deref(), Some("Alien"));
    }

    #[test]
    fn a_wrong_header_names_the_missing_columns() {
        let err = parse(Some(("ratings.csv", "Date,Title,Stars\n")), None).unwrap_err();
        match err {
            ImportError::Columns { missing, .. } => assert_eq!(missing, ["Name", "Year", "Letterboxd URI", "Rating"]),
            other => panic!("{other:?}"),
        }
        assert!(is_ratings("Date,Name,Year,Letterboxd URI,Rating\n"));
        assert!(!is_ratings("Date,Name,Year,Letterboxd URI\n"));
    }
}
