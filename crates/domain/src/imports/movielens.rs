//! MovieLens (`ml-latest-small` and its larger siblings): `movies.csv` + `links.csv` into the catalog, and
//! `ratings.csv` into one account and one tier list per MovieLens user.
//!
//! Titles: the trailing `(1995)` becomes the year; a trailing parenthesis before it is the original or "a.k.a."
//! title; an article MovieLens moves to the end ("American President, The") goes back to the front. Genres split on
//! `|`; `(no genres listed)` means none. `links.csv` gives the TMDb id and the IMDb id (digits, stored as `tt` +
//! at least 7 digits). Every item keeps its MovieLens id in `attributes.movielens_id`; two MovieLens ids with one
//! TMDb id (the set has one such pair) share one catalog item.
//!
//! Ratings (0.5 to 5 stars) land in tiers by [`Rating::tier`], ordered inside a tier by rating, then by time
//! (earlier first), each tier keyed evenly with [`rebalance`]. The accounts get an address under the reserved
//! `.invalid` domain and a password hash no password verifies against, so nobody can sign in as them.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use chrono::DateTime;

use crate::error::StoreError;
use crate::imports::ports::{BulkRanking, CatalogBulkWriter};
use crate::imports::sheet::{Sheet, cell};
use crate::imports::types::{ImportError, OrderKey, Rating, RowError};
use crate::media::{MediaFields, MediaId, MediaInput, MediaKind};
use crate::ranking::rebalance;
use crate::tier::Tier;
use crate::user::{DisplayName, Email, NewUser, PasswordHash, UserId};

/// The attributes key holding an item's MovieLens id.
pub const ID_KEY: &str = "movielens_id";

/// The password hash of imported accounts: not a bcrypt hash, so every password check fails.
pub const NO_PASSWORD: &str = "!movielens-import:no-login";

/// Articles MovieLens moves to the end of a title.
const ARTICLES: [&str; 30] = [
    "The", "A", "An", "Les", "La", "Le", "L'", "Il", "El", "Die", "Der", "Das", "Los", "Las", "I", "Gli", "Lo", "De",
    "Het", "Een", "Den", "Det", "Os", "As", "O", "Un", "Une", "Ein", "Eine", "Ett",
];

/// "American President, The" → "The American President"; "Jour se lève, Le" → "Le Jour se lève".
fn front_article(title: &str) -> String {
    if let Some((rest, article)) = title.rsplit_once(", ")
        && ARTICLES.contains(&article)
    {
        return if article.ends_with('\'') { format!("{article}{rest}") } else { format!("{article} {rest}") };
    }
    title.to_owned()
}

/// Splits a MovieLens title into title, original title and year.
pub fn split_title(raw: &str) -> (String, Option<String>, Option<i16>) {
    let mut rest = raw.trim();
    let mut year = None;
    if let Some(open) = rest.rfind('(')
        && rest.ends_with(')')
    {
        let inner = &rest[open + 1..rest.len() - 1];
        let digits: String = inner.chars().take(4).collect();
        if digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && inner[4..].chars().all(|c| c == '-' || c == '–' || c.is_ascii_digit())
        {
            year = digits.parse().ok();
            rest = rest[..open].trim_end();
        }
    }
    let mut original = None;
    if let Some(open) = rest.rfind(" (")
        && rest.ends_with(')')
        && open > 0
    {
        let inner = &rest[open + 2..rest.len() - 1];
        let inner = inner.strip_prefix("a.k.a. ").unwrap_or(inner).trim();
        if !inner.is_empty() && !inner.contains('(') {
            original = Some(front_article(inner));
            rest = &rest[..open];
        }
    }
    (front_article(rest.trim()), original, year)
}

/// The catalog part of a MovieLens folder.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The items to upsert, one per TMDb id (or per MovieLens id without one).
    pub items: Vec<MediaFields>,
    /// Each MovieLens id's index into `items`.
    pub index: HashMap<i64, usize>,
}

fn bad(errors: &mut Vec<RowError>, sheet: &Sheet, line: usize, message: impl Into<String>) {
    errors.push(sheet.error(line, message));
}

/// Reads `movies.csv` and `links.csv`.
///
/// # Errors
/// [`ImportError`] naming the file and line of the first problems: MovieLens files are machine-made, so any bad
/// row refuses the whole import.
pub fn parse_catalog(movies: &str, links: &str) -> Result<Catalog, ImportError> {
    let mut errors = Vec::new();
    let link_sheet = Sheet::parse("links.csv", links)?;
    let [l_movie, l_imdb, l_tmdb] = link_sheet.columns(["movieId", "imdbId", "tmdbId"])?;
    let mut ids: HashMap<i64, (Option<String>, Option<i64>)> = HashMap::new();
    for r in link_sheet.rows(&mut errors) {
        let Some(movie) = cell(r, l_movie).and_then(|m| m.parse::<i64>().ok()) else {
            bad(&mut errors, &link_sheet, r.line, "movieId must be a number");
            continue;
        };
        let imdb = match cell(r, l_imdb) {
            None => None,
            Some(d) if d.bytes().all(|b| b.is_ascii_digit()) && d.len() <= 10 => Some(format!("tt{d:0>7}")),
            Some(_) => {
                bad(&mut errors, &link_sheet, r.line, "imdbId must be digits");
                continue;
            }
        };
        let tmdb = match cell(r, l_tmdb).map(str::parse::<i64>) {
            None => None,
            Some(Ok(t)) if t > 0 => Some(t),
            Some(_) => {
                bad(&mut errors, &link_sheet, r.line, "tmdbId must be a positive number");
                continue;
            }
        };
        ids.insert(movie, (imdb, tmdb));
    }
    let movie_sheet = Sheet::parse("movies.csv", movies)?;
    let [m_id, m_title, m_genres] = movie_sheet.columns(["movieId", "title", "genres"])?;
    let mut catalog = Catalog::default();
    let mut by_tmdb: HashMap<i64, usize> = HashMap::new();
    for r in movie_sheet.rows(&mut errors) {
        let Some(movie) = cell(r, m_id).and_then(|m| m.parse::<i64>().ok()) else {
            bad(&mut errors, &movie_sheet, r.line, "movieId must be a number");
            continue;
        };
        let (imdb, tmdb) = ids.get(&movie).cloned().unwrap_or_default();
        if let Some(&existing) = tmdb.as_ref().and_then(|t| by_tmdb.get(t)) {
            catalog.index.insert(movie, existing);
            continue;
        }
        let (title, original_title, year) = split_title(cell(r, m_title).unwrap_or_default());
        let genres = match cell(r, m_genres) {
            None | Some("(no genres listed)") => Vec::new(),
            Some(g) => g.split('|').map(str::to_owned).collect(),
        };
        let fields = MediaFields::new(MediaInput {
            kind: MediaKind::Movie.as_str().into(),
            title,
            original_title,
            year: year.map(i64::from),
            genres,
            tmdb_id: tmdb,
            imdb_id: imdb,
            attributes: Some(serde_json::json!({ ID_KEY: movie })),
            ..MediaInput::default()
        });
        match fields {
            Ok(fields) => {
                if let Some(t) = tmdb {
                    by_tmdb.insert(t, catalog.items.len());
                }
                catalog.index.insert(movie, catalog.items.len());
                catalog.items.push(fields);
            }
            Err(e) => {
                let message = e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                bad(&mut errors, &movie_sheet, r.line, message);
            }
        }
    }
    if errors.is_empty() { Ok(catalog) } else { Err(ImportError::Rows(errors)) }
}

/// One MovieLens rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovieLensRating {
    /// The MovieLens user.
    pub user: i64,
    /// The MovieLens movie.
    pub movie: i64,
    /// The rating.
    pub rating: Rating,
    /// When, in seconds since the epoch.
    pub timestamp: i64,
}

/// Reads `ratings.csv` (`userId,movieId,rating,timestamp`).
///
/// # Errors
/// [`ImportError`] naming the lines that cannot be read.
pub fn parse_ratings(text: &str) -> Result<Vec<MovieLensRating>, ImportError> {
    let sheet = Sheet::parse("ratings.csv", text)?;
    let [c_user, c_movie, c_rating, c_time] = sheet.columns(["userId", "movieId", "rating", "timestamp"])?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for r in sheet.rows(&mut errors) {
        let number = |c| cell(r, c).and_then(|v| v.parse::<i64>().ok());
        match (number(c_user), number(c_movie), cell(r, c_rating).and_then(Rating::from_stars), number(c_time)) {
            (Some(user), Some(movie), Some(rating), Some(timestamp)) => {
                out.push(MovieLensRating { user, movie, rating, timestamp });
            }
            _ => errors.push(sheet.error(r.line, "expected userId, movieId, a 0.5–5 rating and a timestamp")),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(ImportError::Rows(errors)) }
}

/// The account of a MovieLens user.
///
/// # Errors
/// Never for a real id; the [`crate::FieldError`] of the address or name otherwise.
pub fn account(user: i64) -> Result<NewUser, crate::FieldError> {
    Ok(NewUser {
        email: Email::parse(&format!("movielens-{user}@import.invalid"))?,
        display_name: DisplayName::parse(&format!("MovieLens user {user}"))?,
        password_hash: PasswordHash(NO_PASSWORD.into()),
    })
}

/// Each user's list: their ratings of known movies, each title once (the latest rating wins), in tiers by
/// rating, ordered by rating then time, with evenly spread keys. Users in ascending id order.
pub fn lists<S: std::hash::BuildHasher>(
    ratings: &[MovieLensRating],
    media: &HashMap<i64, MediaId, S>,
) -> Vec<(i64, Vec<BulkRanking>)> {
    let mut by_user: HashMap<i64, HashMap<MediaId, MovieLensRating>> = HashMap::new();
    for r in ratings {
        let Some(&id) = media.get(&r.movie) else { continue };
        let slot = by_user.entry(r.user).or_default().entry(id).or_insert(*r);
        if (r.timestamp, r.movie) > (slot.timestamp, slot.movie) {
            *slot = *r;
        }
    }
    let mut users: Vec<i64> = by_user.keys().copied().collect();
    users.sort_unstable();
    users
        .into_iter()
        .map(|user| {
            let mut rows: Vec<(MediaId, MovieLensRating)> =
                by_user.remove(&user).unwrap_or_default().into_iter().collect();
            rows.sort_by_key(|(_, r)| {
                (
                    r.rating.tier(),
                    OrderKey::new(i64::from(r.rating.get()), DateTime::from_timestamp(r.timestamp, 0), 0),
                    r.movie,
                )
            });
            let mut list = Vec::with_capacity(rows.len());
            for tier in Tier::ALL {
                let in_tier: Vec<&(MediaId, MovieLensRating)> =
                    rows.iter().filter(|(_, r)| r.rating.tier() == tier).collect();
                for ((id, r), key) in rebalance(in_tier) {
                    list.push(BulkRanking { media: *id, tier, key, stars: Some(r.rating.stars()) });
                }
            }
            (user, list)
        })
        .collect()
}

/// Progress of a long import, for a progress bar.
pub trait Progress: Send + Sync {
    /// A stage starts with `total` units of work.
    fn stage(&self, name: &str, total: u64);
    /// `done` more units are finished.
    fn advance(&self, done: u64);
}

/// What a MovieLens import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MovieLensReport {
    /// Catalog items inserted.
    pub inserted: u64,
    /// Existing items that gained facts.
    pub updated: u64,
    /// Items the files name (after merging MovieLens ids that share a TMDb id).
    pub items: u64,
    /// Accounts the ratings belong to.
    pub accounts: u64,
    /// Rankings written.
    pub rankings: u64,
    /// Ratings read.
    pub ratings: u64,
}

/// Why a MovieLens import failed.
#[derive(Debug, thiserror::Error)]
pub enum MovieLensError {
    /// A file is malformed.
    #[error(transparent)]
    Input(#[from] ImportError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Catalog items per upsert transaction.
pub const CATALOG_CHUNK: usize = 2_500;
/// Users per list-writing transaction.
pub const USERS_CHUNK: usize = 64;

/// The MovieLens import use case.
#[derive(Clone)]
pub struct MovieLensImport {
    writer: Arc<dyn CatalogBulkWriter>,
}

impl fmt::Debug for MovieLensImport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MovieLensImport").finish_non_exhaustive()
    }
}

impl MovieLensImport {
    /// A use case over a bulk writer.
    pub fn new(writer: Arc<dyn CatalogBulkWriter>) -> Self {
        Self { writer }
    }

    /// Upserts the catalog (in transactions of [`CATALOG_CHUNK`] items), then, given ratings, the accounts and
    /// their lists (in transactions of [`USERS_CHUNK`] users).
    pub async fn run(
        &self,
        catalog: &Catalog,
        ratings: Option<&[MovieLensRating]>,
        progress: &dyn Progress,
    ) -> Result<MovieLensReport, MovieLensError> {
        let mut report = MovieLensReport { items: catalog.items.len() as u64, ..MovieLensReport::default() };
        progress.stage("catalog", catalog.items.len() as u64);
        let mut ids = Vec::with_capacity(catalog.items.len());
        for chunk in catalog.items.chunks(CATALOG_CHUNK) {
            let done = self.writer.upsert_catalog(chunk, ID_KEY).await?;
            report.inserted += done.inserted;
            report.updated += done.updated;
            ids.extend(done.ids);
            progress.advance(chunk.len() as u64);
        }
        let Some(ratings) = ratings else { return Ok(report) };
        report.ratings = ratings.len() as u64;
        let media: HashMap<i64, MediaId> =
            catalog.index.iter().filter_map(|(movie, &i)| ids.get(i).map(|id| (*movie, *id))).collect();
        let lists = lists(ratings, &media);
        let accounts =
            lists.iter().map(|(user, _)| account(*user)).collect::<Result<Vec<_>, _>>().map_err(StoreError::new)?;
        progress.stage("accounts", accounts.len() as u64);
        let users = self.writer.ensure_accounts(&accounts).await?;
        progress.advance(users.len() as u64);
        report.accounts = users.len() as u64;
        progress.stage("ratings", report.ratings);
        let mut lists: Vec<(UserId, Vec<BulkRanking>)> =
            users.into_iter().zip(lists).map(|(id, (_, list))| (id, list)).collect();
        while !lists.is_empty() {
            let chunk: Vec<_> = lists.drain(..lists.len().min(USERS_CHUNK)).collect();
            report.rankings += self.writer.write_lists(&chunk).await?;
            progress.advance(chunk.iter().map(|(_, l)| l.len() as u64).sum());
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_up_year_original_title_and_article() {
        assert_eq!(split_title("Toy Story (1995)"), ("Toy Story".into(), None, Some(1995)));
        assert_eq!(split_title("American President, The (1995)"), ("The American President".into(), None, Some(1995)));
        assert_eq!(
            split_title("City of Lost Children, The (Cité des enfants perdus, La) (1995)"),
            ("The City of Lost Children".into(), Some("La Cité des enfants perdus".into()), Some(1995))
        );
        assert_eq!(split_title("Seven (a.k.a. Se7en) (1995)"), ("Seven".into(), Some("Se7en".into()), Some(1995)));
        assert_eq!(split_title("Babylon 5"), ("Babylon 5".into(), None, None));
        assert_eq!(split_title("Justice League: Doom (2012) "), ("Justice League: Doom".into(), None, Some(2012)));
        assert_eq!(split_title("Fawlty Towers (1975-1979)"), ("Fawlty Towers".into(), None, Some(1975)));
        assert_eq!(split_title("Jour se lève, Le (1939)").0, "Le Jour se lève");
    }

    #[test]
    fn catalog_rows_merge_shared_tmdb_ids_and_pad_imdb_ids() {
        let movies = "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n838,Emma (1996),Comedy\n26958,Emma (1996),Romance\n9,Hyena Road,(no genres listed)\n";
        let links = "movieId,imdbId,tmdbId\n1,0114709,862\n838,0116191,3573\n26958,0118308,3573\n9,4382872,\n";
        let catalog = parse_catalog(movies, links).unwrap();
        assert_eq!(catalog.items.len(), 3);
        assert_eq!(catalog.index[&838], catalog.index[&26958]);
        assert_eq!(catalog.items[0].imdb_id.as_deref(), Some("tt0114709"));
        assert_eq!(catalog.items[2].genres, Vec::<String>::new());
        assert_eq!(catalog.items[2].tmdb_id, None);
        assert_eq!(catalog.items[0].attributes[ID_KEY], 1);
        let err = parse_catalog(movies, "movieId,imdbId,tmdbId\nx,1,2\n").unwrap_err();
        assert!(matches!(&err, ImportError::Rows(rows) if rows[0].line == 2), "{err:?}");
    }

    #[test]
    fn lists_order_by_tier_rating_and_time() {
        let id = |n: u128| MediaId(uuid::Uuid::from_u128(n));
        let media: HashMap<i64, MediaId> = (1..=4).map(|n| (n, id(n as u128))).collect();
        let r = |movie, rating: &str, timestamp| MovieLensRating {
            user: 7,
            movie,
            rating: Rating::from_stars(rating).unwrap(),
            timestamp,
        };
        let ratings = [r(1, "4.0", 50), r(2, "4.5", 10), r(3, "5.0", 20), r(4, "4.0", 40), r(99, "5.0", 1)];
        let lists = lists(&ratings, &media);
        assert_eq!(lists.len(), 1);
        let order: Vec<(MediaId, Tier)> = lists[0].1.iter().map(|b| (b.media, b.tier)).collect();
        assert_eq!(order, [(id(3), Tier::S), (id(2), Tier::S), (id(4), Tier::A), (id(1), Tier::A)]);
        assert!(lists[0].1[0].key < lists[0].1[1].key);
        assert!(account(7).is_ok());
    }
}
