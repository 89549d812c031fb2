//! IMDb's ratings export (`ratings.csv`): `Const,Your Rating,Date Rated,Title,[Original Title,]URL,Title Type,
//! IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors`.
//!
//! Exports since 2024 add `Original Title` and spell title types as words (`Movie`, `TV Series`); older ones use
//! `movie`, `tvSeries`. Columns are found by name, so both layouts read. Ratings are whole numbers from 1 to 10.
//! Films (feature, short, TV film, video) become movies, series become shows; episodes, games and podcasts are
//! skipped with a reason.

use crate::imports::matching::MatchKeys;
use crate::imports::sheet::{Sheet, cell, date, dedupe_by, fields_cell, year_cell};
use crate::imports::types::{ImportEntry, ImportError, OrderKey, Parsed, Rating, Skipped};
use crate::media::{MediaInput, MediaKind};

/// The columns a ratings export must have.
pub const REQUIRED_COLUMNS: [&str; 6] = ["Const", "Your Rating", "Date Rated", "Title", "Title Type", "Year"];

/// The kind an IMDb title type maps to, or `None` for types Marquee does not rank (episodes, games, podcasts).
pub fn kind_of(title_type: &str) -> Option<MediaKind> {
    let normalised: String = title_type.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    match normalised.as_str() {
        "movie" | "feature" | "short" | "tvmovie" | "video" | "tvspecial" | "tvshort" => Some(MediaKind::Movie),
        "tvseries" | "tvminiseries" => Some(MediaKind::Show),
        _ => None,
    }
}

/// Whether `id` looks like an IMDb title id (`tt` and at least five digits).
pub fn is_title_id(id: &str) -> bool {
    id.strip_prefix("tt").is_some_and(|d| d.len() >= 5 && d.len() <= 12 && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses a ratings export.
///
/// # Errors
/// [`ImportError::Csv`] or [`ImportError::Columns`] when the file is malformed or lacks a column.
pub fn parse(file: &str, text: &str) -> Result<Parsed, ImportError> {
    let sheet = Sheet::parse(file, text)?;
    let [c_const, c_rating, c_date, c_title, c_type, c_year] = sheet.columns(REQUIRED_COLUMNS)?;
    let c_original = sheet.optional("Original Title");
    let c_genres = sheet.optional("Genres");
    let mut parsed = Parsed::default();
    let mut entries = Vec::new();
    for r in sheet.rows(&mut parsed.errors) {
        let title = cell(r, c_title);
        let Some(id) = cell(r, c_const).filter(|id| is_title_id(id)) else {
            parsed.errors.push(sheet.error(r.line, "Const must be an IMDb title id like tt0111161"));
            continue;
        };
        let Some(title) = title else {
            parsed.errors.push(sheet.error(r.line, "Title is empty"));
            continue;
        };
        let Some(rating) = cell(r, c_rating).and_then(Rating::from_tenths) else {
            parsed.errors.push(sheet.error(r.line, "Your Rating must be a whole number from 1 to 10"));
            continue;
        };
        let title_type = cell(r, c_type).unwrap_or_default();
        let Some(kind) = kind_of(title_type) else {
            parsed.skipped.push(Skipped {
                file: sheet.file().to_owned(),
                line: r.line,
                title: Some(title.to_owned()),
                reason: format!("title type {title_type:?} is not a movie or a show"),
            });
            continue;
        };
        let Ok(title_year) = year_cell(&sheet, r, c_year, &mut parsed.errors) else { continue };
        let original = c_original.and_then(|c| cell(r, c)).filter(|o| *o != title);
        let genres = c_genres.and_then(|c| cell(r, c)).map_or_else(Vec::new, |g| {
            g.split(',').map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned).collect()
        });
        let input = MediaInput {
            kind: kind.as_str().into(),
            title: title.to_owned(),
            original_title: original.map(str::to_owned),
            year: title_year.map(i64::from),
            genres,
            imdb_id: Some(id.to_owned()),
            ..MediaInput::default()
        };
        let Some(fields) = fields_cell(&sheet, r.line, input, &mut parsed.errors) else { continue };
        entries.push(ImportEntry {
            file: sheet.file().to_owned(),
            line: r.line,
            keys: MatchKeys {
                kind,
                tmdb_id: None,
                imdb_id: Some(id.to_owned()),
                title: fields.title.clone(),
                year: title_year,
                isbns: Vec::new(),
                author: None,
                openlibrary: None,
            },
            tier: rating.tier(),
            stars: Some(rating.stars()),
            order: OrderKey::new(i64::from(rating.get()), cell(r, c_date).and_then(date), r.line),
            fields,
            looked_up: false,
        });
    }
    parsed.entries = dedupe_by(entries, sheet.file(), |e| e.keys.imdb_id.clone(), &mut parsed.skipped);
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tier::Tier;

    const OLD: &str = "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n\
        tt0111161,10,2023-05-01,The Shawshank Redemption,https://www.imdb.com/title/tt0111161/,movie,9.3,142,1994,\"Drama\",2900000,1994-09-23,Frank Darabont\n\
        tt0903747,7,2023-05-02,Breaking Bad,https://www.imdb.com/title/tt0903747/,tvSeries,9.5,49,2008,\"Crime, Drama, Thriller\",2100000,2008-01-20,\n\
        tt0959621,9,2023-05-03,Pilot,https://www.imdb.com/title/tt0959621/,tvEpisode,9.0,58,2008,Drama,40000,2008-01-20,Vince Gilligan\n\
        tt123,9,2023-05-03,Broken,https://www.imdb.com/title/tt123/,movie,9.0,58,2008,Drama,40000,2008-01-20,\n";

    #[test]
    fn both_layouts_read_and_types_map_to_kinds() {
        let parsed = parse("ratings.csv", OLD).unwrap();
        let got: Vec<(&str, MediaKind, Tier)> =
            parsed.entries.iter().map(|e| (e.keys.title.as_str(), e.keys.kind, e.tier)).collect();
        assert_eq!(
            got,
            [("The Shawshank Redemption", MediaKind::Movie, Tier::S), ("Breaking Bad", MediaKind::Show, Tier::A)]
        );
        assert_eq!(parsed.entries[1].fields.genres, ["Crime", "Drama", "Thriller"]);
        assert_eq!(parsed.skipped.len(), 1, "the episode is skipped");
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].line, 5);

        let new = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n\
            tt0245429,9,2024-02-01,Spirited Away,Sen to Chihiro no kamikakushi,https://www.imdb.com/title/tt0245429/,Movie,8.6,125,2001,\"Animation, Family\",900000,2001-07-20,Hayao Miyazaki\n";
        let parsed = parse("ratings.csv", new).unwrap();
        assert_eq!(parsed.entries[0].fields.original_title.as_deref(), Some("Sen to Chihiro no kamikakushi"));
        assert_eq!(kind_of("TV Mini Series"), Some(MediaKind::Show));
        assert_eq!(kind_of("Video Game"), None);
    }

    #[test]
    fn a_letterboxd_file_is_the_wrong_column_set() {
        let err = parse("ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n").unwrap_err();
        assert!(matches!(err, ImportError::Columns { .. }), "{err:?}");
    }
}
