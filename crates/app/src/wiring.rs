//! Wiring: builds the adapters from the configuration and hands them to the use cases and the HTTP app.

use std::sync::Arc;

use anyhow::Context;
use marquee_domain::account::AccountService;
use marquee_domain::catalog::CatalogService;
use marquee_domain::imports::ImportService;
use marquee_domain::ranking::RankingService;
use marquee_http::{AppState, BcryptHasher, TokenKeys};
use marquee_postgres::{PgConfig, PgStore, build_pool, run_migrations};
use secrecy::ExposeSecret;

use crate::config::Config;
use crate::seed;

/// The OpenAPI document as pretty JSON with a trailing newline (what `docs/openapi.json` holds).
pub fn openapi_json() -> anyhow::Result<String> {
    let mut json = marquee_http::openapi().to_pretty_json().context("serialising the OpenAPI document")?;
    json.push('\n');
    Ok(json)
}

fn pg_config(config: &Config) -> anyhow::Result<PgConfig> {
    let db = config.database()?;
    Ok(PgConfig {
        url: db.url.expose_secret().to_owned(),
        max_connections: db.max_connections,
        acquire_timeout: db.acquire_timeout,
        statement_timeout: db.statement_timeout,
    })
}

/// Applies pending migrations; returns the versions applied.
pub async fn migrate(config: &Config) -> anyhow::Result<Vec<String>> {
    let pg = pg_config(config)?;
    let applied = run_migrations(&pg.url).await.context("migrating the database")?;
    if applied.is_empty() {
        tracing::info!("database schema is up to date");
    } else {
        tracing::info!(count = applied.len(), versions = ?applied, "applied migrations");
    }
    Ok(applied)
}

fn store(config: &Config) -> anyhow::Result<PgStore> {
    let pool = build_pool(&pg_config(config)?).context("building the database pool")?;
    Ok(PgStore::new(pool))
}

fn accounts(config: &Config, store: &Arc<PgStore>) -> anyhow::Result<AccountService> {
    // Made once at start: the decoy hash takes one bcrypt run at the configured cost.
    let mut hasher = BcryptHasher::new(config.auth.bcrypt_cost).context("setting up bcrypt")?;
    if let Some(n) = config.auth.bcrypt_concurrency {
        hasher = hasher.with_concurrency(n);
    }
    Ok(AccountService::new(store.clone(), Arc::new(hasher)))
}

/// Migrates, seeds the demo catalog when asked and the catalog is empty, and serves until SIGINT or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    migrate(&config).await?;
    let store = Arc::new(store(&config)?);
    let catalog = CatalogService::new(store.clone());
    if config.seed_demo {
        let added = seed::seed_if_empty(store.as_ref(), &catalog).await?;
        if added > 0 {
            tracing::info!(added, "loaded the demo catalog");
        }
    }
    let state = AppState::new(
        accounts(&config, &store)?,
        catalog,
        RankingService::new(store.clone()),
        store.clone(),
        TokenKeys::new(&config.auth.jwt_secret, config.auth.token_ttl),
        ImportService::new(store.clone()),
    )
    .with_import_max_bytes(config.import_max_bytes);
    tracing::info!(bind = %config.bind, workers = config.workers, "serving the Marquee API; docs at /docs/");
    actix_web::HttpServer::new(move || marquee_http::app(state.clone()))
        .workers(config.workers)
        .bind(config.bind)
        .with_context(|| format!("binding {}", config.bind))?
        .run()
        .await
        .context("running the HTTP server")
}

/// Migrates and loads the demo catalog into an empty catalog.
pub async fn seed_demo(config: &Config) -> anyhow::Result<()> {
    migrate(config).await?;
    let store = store(config)?;
    let added = seed::seed_if_empty(&store, &CatalogService::new(Arc::new(store.clone()))).await?;
    tracing::info!(added, "demo catalog");
    Ok(())
}

/// Grants or revokes admin rights.
pub async fn set_admin(config: &Config, email: &str, grant: bool) -> anyhow::Result<()> {
    let store = Arc::new(store(config)?);
    let user = accounts(config, &store)?.set_admin(email, grant).await.with_context(|| format!("updating {email}"))?;
    tracing::info!(user = %user.id, is_admin = user.is_admin, "admin rights updated");
    Ok(())
}

/// `marquee import movielens DIR [--ratings]`: migrates, then loads the folder with progress bars.
pub async fn import_movielens(config: &Config, dir: &std::path::Path, ratings: bool) -> anyhow::Result<()> {
    migrate(config).await?;
    let store = Arc::new(store(config)?);
    crate::movielens::run(store, dir, ratings).await
}
