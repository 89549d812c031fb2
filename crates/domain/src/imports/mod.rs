//! Imports and exports: MovieLens into the catalog, a user's Letterboxd, IMDb or Goodreads ratings (or a Marquee
//! export) into their tier list (Goodreads' `to-read` shelf into their watchlist), and the export of everything a
//! user owns.
//!
//! Parsing is pure and lives in one submodule per format; each turns a file into [`ImportEntry`] rows (or row
//! errors naming the file and line). [`ImportService`] decides what is written: nothing when any row is bad,
//! unless the caller asked for a partial import. The stores do the writing in one transaction per import, behind
//! [`ImportRepository`] (one user's list) and [`CatalogBulkWriter`] (MovieLens: the catalog, its accounts and
//! their lists, in bulk statements).
//!
//! Titles are matched locally ([`matching`]). [`TitleLookup`] is the seam for a remote lookup (TMDb for films and
//! shows, Open Library for books): when any is configured, rows that match nothing locally are asked about before
//! the import transaction starts.
//!
//! The rows and their errors are in `types`, the CSV helpers the parsers share in `sheet`, the ports in `ports`,
//! how a store writes an import and what it reports in `plan`, and the use cases in `service`; the public items
//! are re-exported here.

pub mod export;
pub mod goodreads;
pub mod imdb;
pub mod letterboxd;
pub mod matching;
pub mod movielens;
mod plan;
mod ports;
mod service;
mod sheet;
mod types;

pub use export::{ExportDocument, UserExport};
pub use matching::{Candidate, CatalogIndex, MatchKeys, MatchedBy, title_key};
pub use plan::{
    EntryBudget, EntryOutcome, ImportReport, ListPlan, Placement, StoreOutcome, TierAppend, WatchlistOutcome,
};
pub use ports::{BulkRanking, CatalogBulkWriter, CatalogUpsert, ImportRepository, LookupError, TitleLookup};
pub use service::{ImportService, MAX_LOOKUPS};
pub use sheet::decode;
pub use types::{
    ComparisonEntry, ImportEntry, ImportError, ImportExtras, ImportSource, OrderKey, Parsed, Rating, RowError, Skipped,
    WatchlistEntry, stars_of,
};
