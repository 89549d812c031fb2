//! Open Library (<https://openlibrary.org>), the catalog's source of books. No key is needed.
//!
//! - [`OpenLibraryClient`] ([`client`]): a configurable base URL, a polite `User-Agent` naming Marquee (and the
//!   operator's contact, when configured), a timeout per attempt, retries with exponential backoff on 5xx, timeouts
//!   and transport failures, a client-side request pace, and typed [`OpenLibraryError`]s that never hold a URL.
//! - [`api`]: the endpoints (`/search.json`, `/works/{key}.json`, `/isbn/{isbn}.json`, `/authors/{key}.json`) and
//!   the shapes they answer, tolerant of Open Library's drift (text fields that are strings or `/type/text`
//!   objects, author roles that are objects or strings).
//! - [`adapter`]: books as catalog fields ([`search_fields`], [`edition_fields`]) and the domain ports:
//!   [`OpenLibraryCatalog`] is the local-first search's remote catalog for `kind=book` and the imports' title
//!   lookup (by ISBN, then by title and author). Cover images are URLs on `covers.openlibrary.org`, never fetched.

pub mod adapter;
pub mod api;
pub mod client;

pub use adapter::{OpenLibraryCatalog, edition_fields, search_fields};
pub use client::{DEFAULT_BASE_URL, OpenLibraryClient, OpenLibraryConfig, OpenLibraryError};
