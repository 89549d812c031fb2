//! Goodreads library exports (`goodreads_library_export.csv`, "Export Library" on Goodreads).
//!
//! Columns are found by name (the current export has 24; older ones 31, with the same names for what is read
//! here): `Book Id`, `Title`, `Author`, `ISBN`, `ISBN13`, `My Rating` and `Exclusive Shelf` are required;
//! `Original Publication Year`, `Year Published`, `Additional Authors`, `Number of Pages` and `Date Read` are used
//! when present. Goodreads writes ISBNs as spreadsheet formulas (`="0618260307"`, empty as `=""`); they are read
//! as ISBN-13s ([`isbn13`]), the `ISBN13` column first.
//!
//! - `My Rating` 1 to 5 places the book, with the star-to-tier rule of every import ([`Rating::from_stars`]:
//!   5 → S, 4 → A, 3 → B, 2 → C, 1 → D), whatever its shelf.
//! - `My Rating` 0 means "not rated". On the `to-read` shelf the book goes to the watchlist; on any other shelf
//!   (`read`, `currently-reading`, a custom one) there is nothing to place it by, and it is reported as skipped, as
//!   Letterboxd's watched-but-unrated films are.
//! - The title loses Goodreads' series suffix (`Sabriel (Abhorsen, #1)` → `Sabriel`) and the year is the original
//!   publication year (else the edition's), so rows match books by title and year as other imports do, after the
//!   ISBN and, when a remote lookup is configured, Open Library's work key.

use crate::book::isbn13;
use crate::imports::matching::MatchKeys;
use crate::imports::sheet::{Sheet, cell, dedupe_by, fields_cell};
use crate::imports::types::{ImportEntry, ImportError, OrderKey, Parsed, Rating, Skipped, WatchlistEntry};
use crate::media::{MediaInput, MediaKind};

/// The file name reports use.
pub const FILE: &str = "goodreads_library_export.csv";

/// The columns an export must have.
pub const COLUMNS: [&str; 7] = ["Book Id", "Title", "Author", "ISBN", "ISBN13", "My Rating", "Exclusive Shelf"];

/// The shelf whose unrated books go to the watchlist.
pub const TO_READ: &str = "to-read";

/// A title without Goodreads' trailing series part: `Title (Series, #2)` → `Title`. A parenthesis without `#` (a
/// subtitle, say) stays.
pub fn strip_series(title: &str) -> &str {
    let trimmed = title.trim();
    if let Some(open) = trimmed.rfind(" (")
        && trimmed.ends_with(')')
        && trimmed[open..].contains('#')
    {
        let bare = trimmed[..open].trim_end();
        if !bare.is_empty() {
            return bare;
        }
    }
    trimmed
}

/// A year of a book: -3000 to 2200 (the catalog's range; old books are old). Goodreads writes BCE years as
/// negative numbers.
fn book_year(text: &str) -> Option<i16> {
    text.trim().parse::<i16>().ok().filter(|y| (-3000..=2200).contains(y))
}

/// A `YYYY/MM/DD` date (Goodreads' format) as midnight UTC.
fn slash_date(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y/%m/%d").ok()?.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
}

/// Parses an export (`text` is the whole file).
///
/// # Errors
/// [`ImportError::Csv`] or [`ImportError::Columns`] when the file is malformed or lacks a column; bad rows (a
/// rating that is not 0 to 5, a year that is no year, an empty title) are row errors in the result.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let sheet = Sheet::parse(FILE, text)?;
    let [c_id, c_title, c_author, c_isbn, c_isbn13, c_rating, c_shelf] = sheet.columns(COLUMNS)?;
    let c_original_year = sheet.optional("Original Publication Year");
    let c_year = sheet.optional("Year Published");
    let c_more_authors = sheet.optional("Additional Authors");
    let c_pages = sheet.optional("Number of Pages");
    let c_read = sheet.optional("Date Read");
    let mut parsed = Parsed::default();
    let mut entries = Vec::new();
    let mut watchlist = Vec::new();
    for r in sheet.rows(&mut parsed.errors) {
        let Some(title) = cell(r, c_title).map(strip_series) else {
            parsed.errors.push(sheet.error(r.line, "Title is empty"));
            continue;
        };
        let stars = cell(r, c_rating).unwrap_or("0");
        let rating = if stars == "0" {
            None
        } else if let Some(s) = stars.parse::<u8>().ok().filter(|s| (1..=5).contains(s)) {
            Rating::from_stars(&s.to_string())
        } else {
            parsed.errors.push(sheet.error(r.line, format!("My Rating {stars:?} is not 0 to 5")));
            continue;
        };
        let mut year = None;
        let mut bad_year = false;
        for y in [c_original_year, c_year].into_iter().flatten().filter_map(|c| cell(r, c)) {
            if year.is_some() {
                break;
            }
            year = book_year(y);
            if year.is_none() {
                parsed.errors.push(sheet.error(r.line, format!("{y:?} is not a year")));
                bad_year = true;
                break;
            }
        }
        if bad_year {
            continue;
        }
        let mut isbns: Vec<String> = Vec::new();
        for c in [c_isbn13, c_isbn] {
            if let Some(isbn) = cell(r, c).and_then(isbn13)
                && !isbns.contains(&isbn)
            {
                isbns.push(isbn);
            }
        }
        let author = cell(r, c_author).map(str::to_owned);
        let mut attributes = serde_json::Map::new();
        if let Some(id) = cell(r, c_id) {
            attributes.insert("goodreads_book_id".into(), id.into());
        }
        let authors: Vec<&str> = author
            .as_deref()
            .into_iter()
            .chain(c_more_authors.and_then(|c| cell(r, c)).into_iter().flat_map(|a| a.split(',')).map(str::trim))
            .filter(|a| !a.is_empty())
            .collect();
        if !authors.is_empty() {
            attributes.insert("author".into(), authors.join(", ").into());
        }
        if let Some(pages) = c_pages.and_then(|c| cell(r, c)).and_then(|p| p.parse::<u32>().ok()) {
            attributes.insert("page_count".into(), pages.into());
        }
        let input = MediaInput {
            kind: MediaKind::Book.as_str().into(),
            title: title.to_owned(),
            year: year.map(i64::from),
            attributes: Some(attributes.into()),
            ..MediaInput::default()
        };
        let Some(fields) = fields_cell(&sheet, r.line, input, &mut parsed.errors) else { continue };
        let keys = MatchKeys { isbns, author, ..MatchKeys::titled(MediaKind::Book, fields.title.clone(), year) };
        let shelf = cell(r, c_shelf).unwrap_or_default();
        match rating {
            Some(rating) => entries.push(ImportEntry {
                file: FILE.to_owned(),
                line: r.line,
                keys,
                tier: rating.tier(),
                stars: Some(rating.stars()),
                order: OrderKey::new(
                    i64::from(rating.get()),
                    c_read.and_then(|c| cell(r, c)).and_then(slash_date),
                    r.line,
                ),
                fields,
                looked_up: false,
            }),
            None if shelf == TO_READ => {
                watchlist.push(WatchlistEntry { file: FILE.to_owned(), line: r.line, keys, fields, looked_up: false });
            }
            None => parsed.skipped.push(Skipped {
                file: FILE.to_owned(),
                line: r.line,
                title: Some(fields.title),
                reason: format!("on the {shelf:?} shelf but not rated: no rating to place it by"),
            }),
        }
    }
    parsed.entries = dedupe_by(entries, FILE, |e| Some((e.keys.title.clone(), e.keys.year)), &mut parsed.skipped);
    parsed.extras.watchlist = watchlist;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tier::Tier;

    const HEADER: &str = "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Publisher,Binding,Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,Read Count,Owned Copies\n";

    fn row(id: &str, title: &str, isbn: &str, isbn13: &str, rating: &str, year: &str, shelf: &str) -> String {
        format!(
            "{id},\"{title}\",Some Author,\"Author, Some\",,\"=\"\"{isbn}\"\"\",\"=\"\"{isbn13}\"\"\",{rating},4.00,Pub,Paperback,100,2001,{year},2024/01/02,2024/01/01,,,{shelf},,,,1,0\n"
        )
    }

    #[test]
    fn rated_rows_are_placed_to_read_rows_watchlisted_and_unrated_reads_skipped() {
        let text = format!(
            "{HEADER}{}{}{}{}",
            row("1", "Sabriel (Abhorsen, #1)", "0064471837", "9780064471831", "4", "1995", "read"),
            row("2", "Piranesi", "163557563X", "", "0", "2020", "to-read"),
            row("3", "The Wise Man's Fear", "0756404738", "9780756404734", "0", "2011", "read"),
            row("4", "Hamlet", "", "", "5", "-1600", "read"),
        );
        let parsed = parse(&text).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let placed: Vec<(&str, Tier, usize)> =
            parsed.entries.iter().map(|e| (e.keys.title.as_str(), e.tier, e.line)).collect();
        assert_eq!(placed, [("Sabriel", Tier::A, 2), ("Hamlet", Tier::S, 5)]);
        assert_eq!(parsed.entries[0].keys.isbns, ["9780064471831"]);
        assert_eq!(parsed.entries[0].keys.year, Some(1995));
        assert_eq!(parsed.entries[0].keys.author.as_deref(), Some("Some Author"));
        assert_eq!(parsed.entries[0].fields.attributes["goodreads_book_id"], "1");
        assert_eq!(parsed.entries[1].keys.year, Some(-1600));
        assert_eq!(parsed.extras.watchlist.len(), 1);
        assert_eq!(parsed.extras.watchlist[0].keys.isbns, ["9781635575637"], "ISBN-10 read as ISBN-13");
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].line, 4);
    }

    #[test]
    fn bad_ratings_years_and_titles_name_their_lines() {
        let text = format!(
            "{HEADER}{}{}{}",
            row("1", "A", "", "", "6", "1990", "read"),
            row("2", "B", "", "", "3", "19x0", "read"),
            row("3", "", "", "", "3", "1990", "read"),
        );
        let parsed = parse(&text).unwrap();
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(parsed.errors[0].message.contains("My Rating"));
    }

    #[test]
    fn a_file_without_the_columns_is_refused_and_series_are_stripped() {
        match parse("Title,Author\nx,y\n").unwrap_err() {
            ImportError::Columns { missing, .. } => {
                assert_eq!(missing, ["Book Id", "ISBN", "ISBN13", "My Rating", "Exclusive Shelf"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(strip_series("The Name of the Wind (The Kingkiller Chronicle, #1)"), "The Name of the Wind");
        assert_eq!(strip_series("Dune (Part One)"), "Dune (Part One)");
        assert_eq!(strip_series("(#1)"), "(#1)");
    }
}
