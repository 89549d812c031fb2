//! Builds the provider adapters from the configuration: TMDb (search and watch providers) and Watchmode, each
//! only when its credentials are set, and Open Library (books: search and import lookups) unless turned off. The
//! app runs fully without any of them: a provider that cannot be reached only costs the remote fallback.

use std::sync::Arc;

use anyhow::Context;
use marquee_domain::availability::{AvailabilityProvider, AvailabilityService, AvailabilityStore};
use marquee_domain::catalog::MediaRepository;
use marquee_domain::imports::{ImportRepository, ImportService};
use marquee_domain::remote::{CatalogUpsert, LocalFirstSearch};
use marquee_openlibrary::{OpenLibraryCatalog, OpenLibraryClient, OpenLibraryConfig};
use marquee_tmdb::{TmdbAuth, TmdbCatalog, TmdbClient, TmdbConfig, TmdbWatchProviders};
use marquee_watchmode::{Watchmode, WatchmodeConfig};

use crate::config::ProvidersConfig;

/// The TMDb client, when a read token or an API key is configured (the token wins).
pub fn tmdb_client(config: &ProvidersConfig) -> anyhow::Result<Option<TmdbClient>> {
    let t = &config.tmdb;
    let auth = match (&t.read_token, &t.api_key) {
        (Some(token), _) => TmdbAuth::ReadToken(token.clone()),
        (None, Some(key)) => TmdbAuth::ApiKey(key.clone()),
        (None, None) => return Ok(None),
    };
    let client =
        TmdbClient::new(TmdbConfig { base_url: t.base_url.clone(), timeout: t.timeout, ..TmdbConfig::new(auth) })
            .context("building the TMDb client")?;
    Ok(Some(client))
}

/// Open Library's catalog of books, unless `OPENLIBRARY_ENABLED=false`.
pub fn openlibrary(config: &ProvidersConfig) -> anyhow::Result<Option<OpenLibraryCatalog>> {
    let o = &config.openlibrary;
    if !o.enabled {
        return Ok(None);
    }
    let client = OpenLibraryClient::new(OpenLibraryConfig {
        base_url: o.base_url.clone(),
        contact: o.contact.clone(),
        timeout: o.timeout,
        ..OpenLibraryConfig::default()
    })
    .context("building the Open Library client")?;
    Ok(Some(OpenLibraryCatalog::new(client, o.search_wait)))
}

/// The search and availability services over `store`, with whichever providers are configured.
pub fn services<S>(config: &ProvidersConfig, store: &Arc<S>) -> anyhow::Result<(LocalFirstSearch, AvailabilityService)>
where
    S: MediaRepository + CatalogUpsert + AvailabilityStore + 'static,
{
    let ttl = |d: std::time::Duration| chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
    let mut providers: Vec<Arc<dyn AvailabilityProvider>> = Vec::new();
    let search = match tmdb_client(config)? {
        Some(client) => {
            providers.push(Arc::new(TmdbWatchProviders::new(client.clone())));
            let remote = TmdbCatalog::new(client, config.tmdb.search_wait, Some(config.tmdb.language.clone()));
            LocalFirstSearch::new(store.clone(), Arc::new(remote), store.clone(), ttl(config.tmdb.search_cache))
        }
        None => LocalFirstSearch::local(store.clone()),
    };
    let search = match openlibrary(config)? {
        Some(books) => search.with_books(Arc::new(books), store.clone(), ttl(config.openlibrary.search_cache)),
        None => search,
    };
    if let Some(key) = &config.watchmode.api_key {
        let watchmode = Watchmode::new(WatchmodeConfig {
            base_url: config.watchmode.base_url.clone(),
            api_key: key.clone(),
            timeout: config.watchmode.timeout,
        })
        .context("building the Watchmode client")?;
        // Watchmode first: its offers carry service links and prices, which win when merged.
        providers.insert(0, Arc::new(watchmode));
    }
    let availability = AvailabilityService::new(store.clone(), store.clone(), providers, ttl(config.availability_ttl));
    Ok((search, availability))
}

/// The import service over `store`; rows the catalog lacks are looked up first at TMDb (films and shows, when
/// configured) and Open Library (books, unless turned off).
pub fn imports<S: ImportRepository + 'static>(
    config: &ProvidersConfig,
    store: &Arc<S>,
) -> anyhow::Result<ImportService> {
    let mut service = ImportService::new(store.clone());
    if let Some(client) = tmdb_client(config)? {
        let tmdb = TmdbCatalog::new(client, config.tmdb.search_wait, Some(config.tmdb.language.clone()));
        service = service.with_lookup(Arc::new(tmdb));
    }
    if let Some(books) = openlibrary(config)? {
        service = service.with_lookup(Arc::new(books));
    }
    Ok(service)
}
