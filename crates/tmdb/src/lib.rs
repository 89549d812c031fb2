//! The TMDb v3 API.
//!
//! - [`TmdbClient`] ([`client`]): authentication by read-access token (`Authorization: Bearer`) or `api_key`, a
//!   configurable base URL, a timeout per attempt, retries with exponential backoff on 5xx, timeouts and transport
//!   failures, and on 429 after `Retry-After`; a client-side rate limit (40 requests/s by default); typed
//!   [`TmdbError`]s that never hold a credential or a URL.
//! - [`api`]: the endpoints (`search/multi`, `movie|tv/{id}` with `append_to_response`, `trending`, `discover`,
//!   `popular`/`top_rated`, `genre/{kind}/list`, `find`, `watch/providers`, `changes`) and their documented shapes.
//! - [`adapter`]: the mapping to catalog fields and the domain ports ([`TmdbCatalog`] for the local-first search,
//!   [`TmdbWatchProviders`] for availability, with JustWatch's attribution).
//! - [`sync`]: [`TmdbSyncSource`], TMDb's lists, change feed and details for the domain's resumable sync
//!   (`marquee sync tmdb`).

pub mod adapter;
pub mod api;
pub mod client;
pub mod sync;

pub use adapter::{GenreNames, TmdbCatalog, TmdbWatchProviders, media_kind, tmdb_kind, to_fields};
pub use api::{TmdbKind, TrendingScope, Window};
pub use client::{DEFAULT_BASE_URL, TmdbAuth, TmdbClient, TmdbConfig, TmdbError};
pub use sync::TmdbSyncSource;
