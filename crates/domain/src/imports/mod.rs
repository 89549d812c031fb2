//! Imports and exports: MovieLens into the catalog, a user's Letterboxd or IMDb ratings (or a Marquee export) into
//! their tier list, and the export of everything a user owns.
//!
//! Parsing is pure and lives in one submodule per format; each turns a file into [`ImportEntry`] rows (or row
//! errors naming the file and line). [`ImportService`] decides what is written: nothing when any row is bad,
//! unless the caller asked for a partial import. The stores do the writing in one transaction per import, behind
//! [`ImportRepository`] (one user's list) and [`CatalogBulkWriter`] (MovieLens: the catalog, its accounts and
//! their lists, in bulk statements).
//!
//! Titles are matched locally ([`matching`]). [`TitleLookup`] is the seam for a remote lookup (TMDb): when one is
//! configured, rows that match nothing locally are asked about before the import transaction starts.

pub mod export;
pub mod imdb;
pub mod letterboxd;
pub mod matching;
pub mod movielens;

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::availability::UserServices;
use crate::catalog::CatalogQuota;
use crate::csv::{self, CsvError, Record};
use crate::error::{FieldError, StoreError};
use crate::media::{MediaFields, MediaId, MediaInput};
use crate::rank::RankKey;
use crate::tier::{Stars, Tier};
use crate::user::{NewUser, UserId};

pub use export::{ExportDocument, UserExport};
pub use matching::{Candidate, CatalogIndex, MatchKeys, MatchedBy, title_key};

/// Where a user's import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportSource {
    /// A Letterboxd export (`ratings.csv`, `watched.csv`, or the ZIP).
    Letterboxd,
    /// IMDb's ratings export.
    Imdb,
    /// A Marquee JSON export.
    Marquee,
}

impl ImportSource {
    /// The name reports and attributes use.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportSource::Letterboxd => "letterboxd",
            ImportSource::Imdb => "imdb",
            ImportSource::Marquee => "marquee",
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

/// What a Marquee export carries besides the list and its comparisons. Each part present replaces the user's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportExtras {
    /// The top 4 in order, each matched like a list row (or made a manual entry).
    pub top4: Option<Vec<(MatchKeys, MediaFields)>>,
    /// The streaming services.
    pub services: Option<UserServices>,
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

/// Reads an upload as text: UTF-8, or else Latin-1 (older IMDb exports).
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// A CSV file with a header, its columns looked up by name.
#[derive(Debug)]
pub(crate) struct Sheet {
    file: String,
    header: Vec<String>,
    rows: Vec<Record>,
}

impl Sheet {
    /// Parses `text`; the first record is the header.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, ImportError> {
        let mut records = csv::parse(text).map_err(|source| ImportError::Csv { file: file.to_owned(), source })?;
        if records.is_empty() {
            return Err(ImportError::Columns { file: file.to_owned(), missing: Vec::new(), found: Vec::new() });
        }
        let header = records.remove(0).fields.into_iter().map(|h| h.trim().to_owned()).collect();
        Ok(Self { file: file.to_owned(), header, rows: records })
    }

    /// The positions of `names`, or the error naming every one that is missing.
    pub(crate) fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], ImportError> {
        let mut missing = Vec::new();
        let found = names.map(|name| {
            self.header.iter().position(|h| h == name).unwrap_or_else(|| {
                missing.push(name.to_owned());
                0
            })
        });
        if missing.is_empty() {
            Ok(found)
        } else {
            Err(ImportError::Columns { file: self.file.clone(), missing, found: self.header.clone() })
        }
    }

    pub(crate) fn optional(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The rows with exactly as many fields as the header; the others become row errors.
    pub(crate) fn rows(&self, errors: &mut Vec<RowError>) -> Vec<&Record> {
        let width = self.header.len();
        let mut good = Vec::with_capacity(self.rows.len());
        for r in &self.rows {
            if r.fields.len() == width {
                good.push(r);
            } else {
                errors.push(self.error(r.line, format!("expected {width} fields, found {}", r.fields.len())));
            }
        }
        good
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    pub(crate) fn error(&self, line: usize, message: impl Into<String>) -> RowError {
        RowError { file: self.file.clone(), line, message: message.into() }
    }
}

/// A non-empty trimmed field, if there is one.
pub(crate) fn cell(record: &Record, index: usize) -> Option<&str> {
    record.fields.get(index).map(|f| f.trim()).filter(|f| !f.is_empty())
}

/// The optional year in column `c`: `Ok(None)` when empty, `Err` (with the row error recorded) when it is no year.
pub(crate) fn year_cell(sheet: &Sheet, r: &Record, c: usize, errors: &mut Vec<RowError>) -> Result<Option<i16>, ()> {
    match cell(r, c) {
        None => Ok(None),
        Some(y) => {
            year(y).map(Some).ok_or_else(|| errors.push(sheet.error(r.line, format!("Year {y:?} is not a year"))))
        }
    }
}

/// Validates a row's catalog fields, recording every problem as one row error.
pub(crate) fn fields_cell(
    sheet: &Sheet,
    line: usize,
    input: MediaInput,
    errors: &mut Vec<RowError>,
) -> Option<MediaFields> {
    MediaFields::new(input)
        .map_err(|e| {
            let message = e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            errors.push(sheet.error(line, message));
        })
        .ok()
}

/// A `YYYY-MM-DD` date as midnight UTC.
pub(crate) fn date(text: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
}

/// A year from 1800 to 2200.
pub(crate) fn year(text: &str) -> Option<i16> {
    text.trim().parse::<i16>().ok().filter(|y| (1800..=2200).contains(y))
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutcome {
    /// The row's line.
    pub line: usize,
    /// The catalog item it matched or created.
    pub media: MediaId,
    /// That item's title.
    pub title: String,
    /// How it was matched.
    pub matched_by: MatchedBy,
    /// Its tier in the list now.
    pub tier: Tier,
    /// What happened to the list.
    pub placement: Placement,
}

/// What an import did with a matched row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Added to the bottom of its tier.
    Placed,
    /// Already in the list: left where it is (so importing a file twice changes nothing).
    AlreadyRanked,
    /// An earlier row of this import placed the same title.
    Duplicate {
        /// That row's line.
        of_line: usize,
    },
}

/// New titles for one tier, in order, with their stars.
pub type TierAppend = (Tier, Vec<(MediaId, Option<Stars>)>);

/// Where an import's matched rows go: the placement of each, and the new titles of each tier in order. Both
/// stores fill one while they walk the rows.
#[derive(Debug, Default)]
pub struct ListPlan {
    first_line: std::collections::HashMap<MediaId, usize>,
    per_tier: std::collections::HashMap<Tier, Vec<(MediaId, Option<Stars>)>>,
}

impl ListPlan {
    /// Decides a matched row's fate: left where it is when `ranked_in` (its tier in the list) is known, a duplicate
    /// of an earlier row, or placed at the bottom of its tier. Returns the placement and the title's tier.
    pub fn place(&mut self, entry: &ImportEntry, media: MediaId, ranked_in: Option<Tier>) -> (Placement, Tier) {
        if let Some(tier) = ranked_in {
            (Placement::AlreadyRanked, tier)
        } else if let Some(&of_line) = self.first_line.get(&media) {
            (Placement::Duplicate { of_line }, entry.tier)
        } else {
            self.first_line.insert(media, entry.line);
            self.per_tier.entry(entry.tier).or_default().push((media, entry.stars));
            (Placement::Placed, entry.tier)
        }
    }

    /// The titles to append, per tier (S first), in row order.
    pub fn into_tiers(mut self) -> Vec<TierAppend> {
        Tier::ALL.into_iter().filter_map(|t| self.per_tier.remove(&t).map(|new| (t, new))).collect()
    }
}

/// What the store did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreOutcome {
    /// One outcome per entry, in the order given.
    pub entries: Vec<EntryOutcome>,
    /// Comparisons added (those already present are not added twice).
    pub comparisons_added: u64,
    /// Comparisons whose titles matched nothing.
    pub comparisons_skipped: u64,
    /// Whether the top 4 was set.
    pub top4_set: bool,
    /// Whether the services were set.
    pub services_set: bool,
    /// The rows (indices into the entries given) that matched nothing and were not created: the user's daily quota
    /// of new entries was used up. They have no outcome in `entries`.
    pub over_quota: Vec<usize>,
    /// Top-4 positions (1-based) left uncreated for the same reason; the top 4 is not set then.
    pub top4_over_quota: Vec<usize>,
    /// How many more entries the user may create today, after this import.
    pub entries_left: u32,
}

/// The manual entries an import may still create, counted down as the store makes them; both stores fill it from
/// [`CatalogQuota::check`] under the lock that serialises the user's creations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryBudget {
    left: u32,
}

impl EntryBudget {
    /// What `quota` leaves the user, given when they created their entries of the window.
    pub fn new(quota: CatalogQuota, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Self {
        Self { left: quota.check(recent, now).unwrap_or(0) }
    }

    /// Takes one entry from the budget; false when none is left.
    pub fn take(&mut self) -> bool {
        let ok = self.left > 0;
        self.left = self.left.saturating_sub(1);
        ok
    }

    /// Entries left.
    pub fn left(self) -> u32 {
        self.left
    }
}

/// The report of a user's import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The source.
    pub source: ImportSource,
    /// Whether bad rows were skipped rather than refused.
    pub partial: bool,
    /// Rows that matched an existing catalog item.
    pub matched: Vec<EntryOutcome>,
    /// Rows for which a manual entry was made.
    pub created: Vec<EntryOutcome>,
    /// Rows left out, with reasons.
    pub skipped: Vec<Skipped>,
    /// Titles added to the list.
    pub placed: u64,
    /// Titles that were in the list already.
    pub unchanged: u64,
    /// Comparisons added.
    pub comparisons_added: u64,
    /// Whether the top 4 was set (Marquee exports that carry one).
    pub top4_set: bool,
    /// Whether the streaming services were set (Marquee exports that carry them).
    pub services_set: bool,
    /// How many more catalog entries the user may create today (the quota shared with `POST /media`).
    pub entries_left: u32,
}

/// A user's list import and export, in the store.
#[async_trait]
pub trait ImportRepository: Send + Sync {
    /// In one transaction that first locks the user's list: matches every entry ([`CatalogIndex`] over the
    /// catalog), makes a manual entry (created by `user`, or by nobody when `looked_up`) for each that matches
    /// nothing, as long as an [`EntryBudget`] from `quota` allows (read under the same lock as
    /// `MediaRepository::create_within_quota`; looked-up entries do not count; rows beyond it are reported in
    /// `over_quota` and not placed), and appends the titles not yet in the list to the bottom of their tier in the
    /// order given, giving each touched tier evenly spread keys. Titles already in the list stay where they are.
    /// Comparisons are added when both titles match and the same answer is not stored yet. The extras, when present, replace the user's
    /// top 4 (matched or made like rows; the same four titles keep their set, rating and votes, as
    /// `MatchupRepository::put_top4` does) and services.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn import_list(
        &self,
        user: UserId,
        source: ImportSource,
        entries: &[ImportEntry],
        comparisons: &[ComparisonEntry],
        extras: &ImportExtras,
        quota: CatalogQuota,
    ) -> Result<StoreOutcome, StoreError>;

    /// Which of these rows match nothing in the catalog now (indices into `keys`); reads only.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn unmatched(&self, keys: &[MatchKeys]) -> Result<Vec<usize>, StoreError>;

    /// Everything the user owns, for the export: the list, comparisons, top 4 and services, read as one snapshot.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn export(&self, user: UserId) -> Result<UserExport, StoreError>;
}

/// Why a remote lookup failed; an import then carries on with the local result.
#[derive(Debug, thiserror::Error)]
#[error("title lookup failed: {0}")]
pub struct LookupError(pub String);

/// A remote catalog (TMDb) that can identify a title the local catalog lacks.
///
/// Optional: without one, unmatched rows become manual entries. `marquee-tmdb`'s `TmdbCatalog` implements it
/// (`find` by IMDb id, else a search by title and year), wired when TMDb is configured.
#[async_trait]
pub trait TitleLookup: Send + Sync {
    /// The catalog fields (with a TMDb id) of the title these keys name, or `None` when the remote knows none.
    ///
    /// # Errors
    /// [`LookupError`] when the remote cannot be asked (down, slow, over quota).
    async fn lookup(&self, keys: &MatchKeys) -> Result<Option<MediaFields>, LookupError>;
}

/// One MovieLens list row: a title, its tier and key, and the stars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkRanking {
    /// The title.
    pub media: MediaId,
    /// Its tier.
    pub tier: Tier,
    /// Its key (fresh keys from [`crate::rank::spread`]).
    pub key: RankKey,
    /// The stars recorded.
    pub stars: Option<Stars>,
}

/// What a bulk catalog upsert did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogUpsert {
    /// The item of each input, in order.
    pub ids: Vec<MediaId>,
    /// Items inserted.
    pub inserted: u64,
    /// Existing items that gained facts (an IMDb id, the source's id in `attributes`).
    pub updated: u64,
}

/// Bulk writes for catalog-sized imports (MovieLens). Each call is one transaction of multi-row statements.
#[async_trait]
pub trait CatalogBulkWriter: Send + Sync {
    /// Upserts catalog items: by kind + TMDb id, or, without one, by `attributes[id_key]`. An existing item keeps
    /// its title, overview and poster; it gains a missing IMDb id, year or genres and the new attributes. An item
    /// that would gain nothing is not written at all.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn upsert_catalog(&self, items: &[MediaFields], id_key: &str) -> Result<CatalogUpsert, StoreError>;

    /// Creates the accounts whose address is not taken yet; returns every account's id, in order.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn ensure_accounts(&self, accounts: &[NewUser]) -> Result<Vec<UserId>, StoreError>;

    /// Writes whole lists in one transaction that locks each user first. A user whose list is not empty is left
    /// alone (so a re-run changes nothing). Returns the rankings written.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; nothing is written then.
    async fn write_lists(&self, lists: &[(UserId, Vec<BulkRanking>)]) -> Result<u64, StoreError>;
}

/// The import and export use cases of a signed-in user.
#[derive(Clone)]
pub struct ImportService {
    store: Arc<dyn ImportRepository>,
    lookup: Option<Arc<dyn TitleLookup>>,
    quota: CatalogQuota,
}

impl fmt::Debug for ImportService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportService").field("lookup", &self.lookup.is_some()).finish_non_exhaustive()
    }
}

/// The most rows one import asks the remote lookup about; the rest become manual entries.
pub const MAX_LOOKUPS: usize = 200;

impl ImportService {
    /// A service over a store, matching locally only.
    pub fn new(store: Arc<dyn ImportRepository>) -> Self {
        Self { store, lookup: None, quota: CatalogQuota::default() }
    }

    /// Limits the manual entries imports create per user and day (the quota `POST /media` shares).
    #[must_use]
    pub fn with_quota(mut self, quota: CatalogQuota) -> Self {
        self.quota = quota;
        self
    }

    /// Also asks `lookup` about rows the local catalog lacks (the TMDb seam).
    #[must_use]
    pub fn with_lookup(mut self, lookup: Arc<dyn TitleLookup>) -> Self {
        self.lookup = Some(lookup);
        self
    }

    /// Imports parsed rows into the user's list. Bad rows refuse the whole import unless `partial`, in which case
    /// they are reported as skipped. A row that matches nothing becomes the user's manual entry without the
    /// provider ids the file gives (they still serve to match), within the daily quota; rows past it are reported
    /// as skipped.
    pub async fn import(
        &self,
        user: UserId,
        source: ImportSource,
        parsed: Parsed,
        partial: bool,
    ) -> Result<ImportReport, ImportError> {
        let Parsed { mut entries, mut skipped, errors, comparisons, mut extras } = parsed;
        if !errors.is_empty() {
            if !partial {
                return Err(ImportError::Rows(errors));
            }
            skipped.extend(errors.into_iter().map(|e| Skipped {
                file: e.file,
                line: e.line,
                title: None,
                reason: e.message,
            }));
        }
        entries.sort_by(|a, b| a.tier.cmp(&b.tier).then_with(|| a.order.cmp(&b.order)));
        if let Some(lookup) = &self.lookup {
            self.look_up(lookup.as_ref(), &mut entries).await?;
        }
        // A file's ids are the user's claim, not the provider's: they match existing titles but never label a new one.
        for e in entries.iter_mut().filter(|e| !e.looked_up) {
            e.fields.strip_provider_ids();
        }
        for (_, fields) in extras.top4.iter_mut().flatten() {
            fields.strip_provider_ids();
        }
        let outcome = self.store.import_list(user, source, &entries, &comparisons, &extras, self.quota).await?;
        let over_quota = |file: &str, line: usize, title: Option<String>| Skipped {
            file: file.to_owned(),
            line,
            title,
            reason: format!(
                "matches no catalog title, and the quota of {} new catalog entries per day is used up: not created",
                self.quota.limit()
            ),
        };
        for e in outcome.over_quota.iter().filter_map(|&i| entries.get(i)) {
            skipped.push(over_quota(&e.file, e.line, Some(e.fields.title.clone())));
        }
        for position in &outcome.top4_over_quota {
            let title = extras.top4.as_ref().and_then(|t| t.get(position - 1)).map(|(_, f)| f.title.clone());
            skipped.push(over_quota("top4", *position, title));
        }
        let mut report = ImportReport {
            source,
            partial,
            matched: Vec::new(),
            created: Vec::new(),
            skipped,
            placed: 0,
            unchanged: 0,
            comparisons_added: outcome.comparisons_added,
            top4_set: outcome.top4_set,
            services_set: outcome.services_set,
            entries_left: outcome.entries_left,
        };
        for e in outcome.entries {
            match e.placement {
                Placement::Placed => report.placed += 1,
                Placement::AlreadyRanked | Placement::Duplicate { .. } => report.unchanged += 1,
            }
            if e.matched_by == MatchedBy::Created { report.created.push(e) } else { report.matched.push(e) }
        }
        report.matched.sort_by_key(|e| e.line);
        report.created.sort_by_key(|e| e.line);
        report.skipped.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Ok(report)
    }

    /// Asks the remote about rows the catalog lacks; a failed lookup leaves the row to become a manual entry.
    async fn look_up(&self, lookup: &dyn TitleLookup, entries: &mut [ImportEntry]) -> Result<(), StoreError> {
        let keys: Vec<MatchKeys> = entries.iter().map(|e| e.keys.clone()).collect();
        let missing = self.store.unmatched(&keys).await?;
        for index in missing.into_iter().take(MAX_LOOKUPS) {
            let Some(entry) = entries.get_mut(index) else { continue };
            match lookup.lookup(&entry.keys).await {
                Ok(Some(fields)) if fields.kind == entry.keys.kind && fields.tmdb_id.is_some() => {
                    entry.keys.tmdb_id = fields.tmdb_id;
                    entry.keys.imdb_id = fields.imdb_id.clone().or(entry.keys.imdb_id.take());
                    entry.fields = fields;
                    entry.looked_up = true;
                }
                // Nothing found, or the remote failed (its adapter logs why): the row becomes a manual entry.
                Ok(_) | Err(_) => {}
            }
        }
        Ok(())
    }

    /// Everything the user owns.
    pub async fn export(&self, user: UserId) -> Result<UserExport, ImportError> {
        Ok(self.store.export(user).await?)
    }
}

/// Rows whose keys repeat an earlier row's (same source id), reported as skipped; returns the survivors.
pub(crate) fn dedupe_by<K: std::hash::Hash + Eq>(
    entries: Vec<ImportEntry>,
    file: &str,
    key: impl Fn(&ImportEntry) -> Option<K>,
    skipped: &mut Vec<Skipped>,
) -> Vec<ImportEntry> {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(entries.len());
    for e in entries {
        if key(&e).is_some_and(|k| !seen.insert(k)) {
            skipped.push(Skipped {
                file: file.to_owned(),
                line: e.line,
                title: Some(e.keys.title.clone()),
                reason: "the same title appears on an earlier line".into(),
            });
        } else {
            kept.push(e);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn latin1_uploads_are_read() {
        assert_eq!(decode(b"Am\xe9lie"), "Amélie");
        assert_eq!(decode("Amélie".as_bytes()), "Amélie");
    }
}
