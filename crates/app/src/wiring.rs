//! Wiring: builds the adapters from the configuration and hands them to the use cases and the HTTP app.

use std::sync::Arc;

use anyhow::Context;
use marquee_bcrypt::BcryptHasher;
use marquee_domain::account::AccountService;
use marquee_domain::account::PasswordHasher as _;
use marquee_domain::catalog::{CatalogQuota, CatalogService};
use marquee_domain::consensus::{ChartService, ChartSettings, RefreshProgress, RefreshReport};
use marquee_domain::recommend::service::{RecommendationService, TrainProgress};
use marquee_domain::recommend::snapshot::Settings;
use marquee_domain::semantic::{SemanticService, VectorIndex};
use marquee_embeddings::{CachedEmbedder, EmbedQueue, EmbedderConfig, FlatIndex, OrtEmbedder};
use marquee_http::{AppState, HashAdmission, Ports, SigningKey, TokenKeys, TokenSettings, WebClient};
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
        query_timeout: db.query_timeout,
        tcp_timeout: db.tcp_timeout,
    })
}

/// How long one call of an offline command (an import, a sync, an embedding run, a chart refit, training) may
/// take: they read or write in bulk, with no client waiting on a deadline.
const OFFLINE_CALL_LIMIT: std::time::Duration = std::time::Duration::from_mins(5);

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

/// The store requests use: every call bounded by `DATABASE_QUERY_TIMEOUT_MS`.
fn serving_store(config: &Config) -> anyhow::Result<PgStore> {
    let pg = pg_config(config)?;
    let pool = build_pool(&pg).context("building the database pool")?;
    let db = config.database()?;
    Ok(PgStore::with_list_cache(pool, db.list_cache_pages)
        .with_outlines(db.outline_rankings)
        .with_max_writers(db.max_writers)
        .with_query_timeout(pg.query_timeout))
}

/// The store offline commands use: the same pool settings, with calls allowed [`OFFLINE_CALL_LIMIT`].
pub(crate) fn store(config: &Config) -> anyhow::Result<PgStore> {
    let pg = pg_config(config)?.long_running(OFFLINE_CALL_LIMIT);
    let pool = build_pool(&pg).context("building the database pool")?;
    let db = config.database()?;
    Ok(PgStore::with_list_cache(pool, db.list_cache_pages)
        .with_outlines(db.outline_rankings)
        .with_max_writers(db.max_writers)
        .with_query_timeout(pg.query_timeout))
}

fn hasher(config: &Config) -> anyhow::Result<BcryptHasher> {
    // Made once at start: the decoy hash takes one bcrypt run at the configured cost, which seeds the estimate of a
    // hash's time the queue is sized from.
    let hasher = BcryptHasher::new(config.auth.bcrypt_cost).context("setting up bcrypt")?;
    match config.auth.bcrypt_concurrency {
        Some(n) => hasher.with_concurrency(n).context("starting the password hashing threads"),
        None => Ok(hasher),
    }
}

/// Migrates, seeds the demo catalog when asked and the catalog is empty, and serves until SIGINT or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    migrate(&config).await?;
    let store = Arc::new(serving_store(&config)?);
    let embedder = OrtEmbedder::load_or_missing(&embedder_config(&config));
    let embedder = CachedEmbedder::wrap(embedder, config.embedding.query_cache);
    let index = Arc::new(FlatIndex::new());
    let semantic = SemanticService::new(embedder, index.clone(), store.clone(), store.clone());
    let loaded = semantic.load_index().await.context("loading the vector index")?;
    tracing::info!(vectors = loaded, model = semantic.model_id(), "vector index loaded");
    // Loading read every stored vector through temporary buffers: give their pages back.
    marquee_embeddings::heap::release_free_memory();
    // New and edited items are embedded in the background; the queue first catches up with unembedded items.
    let queue = EmbedQueue::start(semantic.clone(), true);
    let quota = CatalogQuota::per_day(config.catalog_daily_quota);
    let catalog = CatalogService::new(store.clone()).with_observer(Arc::new(queue)).with_quota(quota);
    if config.seed_demo {
        let added = seed::seed_if_empty(store.as_ref(), &catalog).await?;
        if added > 0 {
            tracing::info!(added, "loaded the demo catalog");
        }
    }
    let (search, availability) = crate::providers::services(&config.providers, &store)?;
    let recommendations = start_recommender(&config, &store, availability.clone(), index).await?;
    let hasher = hasher(&config)?;
    let pace = hasher.pace().context("the bcrypt hasher measures its pace")?;
    let hash_admission = HashAdmission::new(pace, config.edge.bcrypt_wait_budget, config.edge.bcrypt_queue);
    tracing::info!(
        hash_ms = hasher.hash_time().as_millis(),
        hashing_at_once = hasher.concurrency(),
        waiting_now = hash_admission.waiting(),
        "password hashing queue"
    );
    let tokens = token_keys(&config.auth)?;
    let ports = Ports::on(&store, Arc::new(hasher));
    let accounts = AccountService::new(ports.users.clone(), ports.passwords.clone())
        .with_admin_emails(config.auth.admin_emails.iter().map(String::as_str))
        .map_err(|errors| anyhow::anyhow!("ADMIN_EMAILS holds {} invalid address(es)", errors.len()))?;
    let disabled = accounts.reload_disabled().await.context("loading the disabled accounts")?;
    tracing::info!(disabled, admins_by_address = config.auth.admin_emails.len(), "accounts");
    spawn_disabled_reloader(&accounts, config.auth.disabled_reload);
    let mut builder = AppState::builder(ports, tokens)
        .accounts(accounts)
        .refresh_ttl(config.auth.refresh_ttl)
        .external_auth(external_auth(&config.auth, &store).await?)
        .catalog(catalog)
        .search(search)
        .availability(availability)
        .imports(crate::providers::imports(&config.providers, &store)?.with_quota(quota))
        .recommendations(recommendations)
        .semantic(semantic)
        .placement_ttl(config.placement_session_ttl)
        .matchup_repeat(chrono::Duration::days(i64::from(config.matchups.repeat_days)))
        .import_max_bytes(config.import_max_bytes)
        .limits(config.edge.limits)
        .hash_admission(hash_admission)
        .web(config.edge.web.clone())
        // The store's deadline is also the promise to the client: a 503 within it of the request's arrival.
        .request_deadline(config.database()?.query_timeout);
    let web = match &config.edge.web_dir {
        Some(dir) => {
            let client = WebClient::load(dir).with_context(|| format!("WEB_DIR={}", dir.display()))?;
            let files = client.len();
            builder = builder.web_client(client);
            format!("the web client at / ({files} files from {})", dir.display())
        }
        None => "no web client (WEB_DIR unset and no web/dist)".to_owned(),
    };
    let state = builder.build();
    spawn_chart_refresher(&config)?;
    let docs = if config.edge.web.api_docs { "docs at /docs/" } else { "docs off (MARQUEE_API_DOCS=false)" };
    tracing::info!(bind = %config.bind, workers = config.workers, "serving the Marquee API; {docs}; {web}");
    actix_web::HttpServer::new(move || marquee_http::app(state.clone()))
        .workers(config.workers)
        .bind(config.bind)
        .with_context(|| format!("binding {}", config.bind))?
        .run()
        .await
        .context("running the HTTP server")
}

/// Reloads the disabled accounts every `every`, so that accounts disabled or enabled through another instance are
/// refused or let back here too (this instance applies its own changes at once).
fn spawn_disabled_reloader(accounts: &AccountService, every: Option<std::time::Duration>) {
    let Some(every) = every else { return };
    let accounts = accounts.clone();
    actix_web::rt::spawn(async move {
        loop {
            actix_web::rt::time::sleep(every).await;
            if let Err(e) = accounts.reload_disabled().await {
                tracing::warn!(error = %e, "could not reload the disabled accounts");
            }
        }
    });
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
    let accounts = AccountService::new(store.clone(), Arc::new(hasher(config)?));
    let user = accounts.set_admin(email, grant).await.with_context(|| format!("updating {email}"))?;
    tracing::info!(user = %user.id, is_admin = user.is_admin, "admin rights updated");
    Ok(())
}

fn embedder_config(config: &Config) -> EmbedderConfig {
    let e = &config.embedding;
    EmbedderConfig {
        sessions: e.sessions,
        threads: e.threads,
        batch_size: e.batch_size,
        ..EmbedderConfig::new(&e.model_dir, &e.runtime)
    }
}

/// Embeds the catalog items lacking a current vector (every item with `all`), with a progress bar.
pub async fn embed(config: &Config, all: bool) -> anyhow::Result<()> {
    migrate(config).await?;
    let store = Arc::new(store(config)?);
    let embedder = OrtEmbedder::load(&embedder_config(config))
        .map_err(|e| anyhow::anyhow!("{}", e.public))
        .with_context(|| "loading the embedding model")?;
    let semantic = SemanticService::new(Arc::new(embedder), Arc::new(FlatIndex::new()), store.clone(), store);
    let total = semantic.count_pending(all).await?;
    let bar = indicatif::ProgressBar::new(total).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} items, {per_sec}, {eta} left")
            .context("progress bar template")?,
    );
    let started = std::time::Instant::now();
    let (mut done, mut after) = (0_usize, None);
    loop {
        let items = semantic.pending(all, after, 256).await?;
        let Some(last) = items.last() else { break };
        after = Some(last.id);
        // Sub-batches keep the bar moving.
        for chunk in items.chunks(64) {
            done += semantic.index_items(chunk).await?;
            bar.inc(chunk.len() as u64);
        }
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    tracing::info!(
        embedded = done,
        seconds = format!("{secs:.1}"),
        per_second = format!("{:.0}", done as f64 / secs.max(1e-9)),
        "embedding done"
    );
    Ok(())
}

/// A store for the chart refit: its own two connections and a long statement timeout, since it reads every list.
fn chart_store(config: &Config) -> anyhow::Result<PgStore> {
    let pg = PgConfig { max_connections: 2, ..pg_config(config)?.long_running(OFFLINE_CALL_LIMIT) };
    Ok(PgStore::new(build_pool(&pg).context("building the chart pool")?).with_query_timeout(pg.query_timeout))
}

/// Refits the consensus chart now and then every `CHART_REFRESH_SECONDS`, on a thread of its own so the fit's CPU
/// work never stalls the HTTP workers.
fn spawn_chart_refresher(config: &Config) -> anyhow::Result<()> {
    let Some(every) = config.matchups.chart_refresh else {
        tracing::info!("consensus chart refresh task is off (CHART_REFRESH_SECONDS=0)");
        return Ok(());
    };
    let charts = ChartService::new(Arc::new(chart_store(config)?), ChartSettings::default());
    std::thread::Builder::new()
        .name("chart-refresh".into())
        .spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                loop {
                    match charts.refresh(&mut |_| {}).await {
                        Ok(report) => log_refresh(&report),
                        Err(e) => {
                            tracing::warn!(error = %e, "consensus chart refresh failed; the previous chart stays");
                        }
                    }
                    actix_web::rt::time::sleep(every).await;
                }
            });
        })
        .context("starting the chart refresh thread")?;
    Ok(())
}

fn log_refresh(report: &RefreshReport) {
    tracing::info!(
        titles = report.titles,
        direct_pairs = report.direct_pairs,
        implied_pairs = report.implied_pairs,
        iterations = report.iterations,
        converged = report.converged,
        fit_ms = report.fit_millis,
        "consensus chart refreshed"
    );
}

/// `marquee chart refresh`: one refit with a progress bar.
pub async fn refresh_chart(config: &Config) -> anyhow::Result<()> {
    let charts = ChartService::new(Arc::new(chart_store(config)?), ChartSettings::default());
    let bar = indicatif::ProgressBar::new(u64::from(ChartSettings::default().fit.max_iterations));
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} iterations ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("reading comparisons and lists");
    let report = charts
        .refresh(&mut |progress| match progress {
            RefreshProgress::Loaded { titles, pairs } => {
                bar.set_message(format!("fitting {titles} titles, {pairs} pairs"));
            }
            RefreshProgress::Iteration { iteration, change, .. } => {
                bar.set_position(u64::from(iteration));
                if iteration % 10 == 0 {
                    bar.set_message(format!("largest change {change:.2e}"));
                }
            }
            RefreshProgress::Storing => bar.set_message("storing the chart"),
        })
        .await
        .context("refreshing the consensus chart")?;
    bar.finish_with_message(format!(
        "{} titles from {} direct and {} implied pairs, {} iterations{}",
        report.titles,
        report.direct_pairs,
        report.implied_pairs,
        report.iterations,
        if report.converged { "" } else { " (iteration limit reached)" }
    ));
    log_refresh(&report);
    Ok(())
}

/// A store for training and reloading the recommender off the request path: its own two connections and a long
/// statement timeout, since it reads every signal.
fn recs_store(config: &Config) -> anyhow::Result<Arc<PgStore>> {
    let pg = PgConfig { max_connections: 2, ..pg_config(config)?.long_running(OFFLINE_CALL_LIMIT) };
    Ok(Arc::new(
        PgStore::new(build_pool(&pg).context("building the recommender pool")?).with_query_timeout(pg.query_timeout),
    ))
}

/// Builds the first snapshot (from the newest stored model, or none yet) before serving, then starts the thread
/// that trains when nothing is stored, reloads newer models every `REC_RELOAD_SECONDS` and retrains every
/// `REC_TRAIN_SECONDS`. Its CPU work runs on that thread, never on an HTTP worker.
async fn start_recommender(
    config: &Config,
    store: &Arc<PgStore>,
    availability: marquee_domain::availability::AvailabilityService,
    index: Arc<FlatIndex>,
) -> anyhow::Result<RecommendationService> {
    let index: Arc<dyn VectorIndex> = index;
    let service = RecommendationService::new(store.clone(), availability, Some(index), Settings::default());
    let info = service.reload().await.context("loading the recommendation model")?;
    tracing::info!(model = ?info.model.map(|m| m.version), titles = info.titles, "recommendations ready");
    // Building a snapshot frees as much as it keeps (the inputs, the content vectors as read): give it back.
    marquee_embeddings::heap::release_free_memory();
    let background = service.with_repository(recs_store(config)?);
    let settings = config.recommendations;
    std::thread::Builder::new()
        .name("recommender".into())
        .spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let mut last_train = std::time::Instant::now();
                if info.model.is_none() {
                    train_logged(&background).await;
                }
                let tick = [settings.reload, settings.retrain].into_iter().flatten().min();
                let Some(tick) = tick else { return };
                loop {
                    actix_web::rt::time::sleep(tick).await;
                    if settings.retrain.is_some_and(|every| last_train.elapsed() >= every) {
                        last_train = std::time::Instant::now();
                        train_logged(&background).await;
                    } else if settings.reload.is_some() {
                        match background.reload_if_newer().await {
                            Ok(true) => {
                                tracing::info!(model = ?background.snapshot_info().model, "loaded a newer model");
                                marquee_embeddings::heap::release_free_memory();
                            }
                            Ok(false) => {}
                            Err(e) => tracing::warn!(error = %e, "checking for a newer model failed"),
                        }
                    }
                }
            });
        })
        .context("starting the recommender thread")?;
    Ok(service)
}

async fn train_logged(service: &RecommendationService) {
    let started = std::time::Instant::now();
    match service.train(&mut |_| {}).await {
        Ok(info) => tracing::info!(
            version = info.version,
            factors = info.factors,
            seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
            "recommendation model trained"
        ),
        Err(e) => tracing::warn!(error = %e, "training the recommendation model failed; the previous one stays"),
    }
    // Training frees its matrices and the snapshot it replaced on this thread's heap: give the pages back now
    // rather than at the next query's trim.
    marquee_embeddings::heap::release_free_memory();
}

/// `marquee train`: trains the recommendation model on every signal and stores it, with a progress bar. Serving
/// instances load it within `REC_RELOAD_SECONDS`.
pub async fn train(config: &Config) -> anyhow::Result<()> {
    migrate(config).await?;
    let store = recs_store(config)?;
    let (_, availability) = crate::providers::services(&config.providers, &store)?;
    let service = RecommendationService::new(store, availability, None, Settings::default());
    let iterations = Settings::default().als.iterations as u64;
    let bar = indicatif::ProgressBar::new(iterations).with_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ALS sweeps ({elapsed})")
            .context("progress bar template")?,
    );
    bar.set_message("reading signals");
    let started = std::time::Instant::now();
    let info = service
        .train(&mut |progress| match progress {
            TrainProgress::Loaded { users, titles, signals } => {
                bar.set_message(format!("{users} users, {titles} titles, {signals} signals"));
            }
            TrainProgress::Sweep(sweep) => bar.set_position(sweep as u64),
            TrainProgress::Storing => bar.set_message("storing the factors"),
        })
        .await
        .context("training the recommendation model")?;
    bar.finish_with_message(format!("model {} stored ({} factors)", info.version, info.factors));
    tracing::info!(
        version = info.version,
        seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
        "recommendation model trained"
    );
    Ok(())
}

/// `marquee import movielens DIR [--ratings]`: migrates, then loads the folder with progress bars.
pub async fn import_movielens(config: &Config, dir: &std::path::Path, ratings: bool) -> anyhow::Result<()> {
    migrate(config).await?;
    let store = Arc::new(store(config)?);
    crate::movielens::run(store, dir, ratings).await
}

/// Marquee's token keys: `JWT_SECRET` signs under `JWT_KEY_ID`, the previous keys only verify.
fn token_keys(auth: &crate::config::AuthConfig) -> anyhow::Result<TokenKeys> {
    let current = SigningKey { id: auth.jwt_key_id.clone(), secret: auth.jwt_secret.clone() };
    let previous: Vec<SigningKey> = auth
        .jwt_previous_keys
        .iter()
        .map(|(id, secret)| SigningKey { id: id.clone(), secret: secret.clone() })
        .collect();
    let settings =
        TokenSettings { issuer: auth.jwt_issuer.clone(), audience: auth.jwt_audience.clone(), ttl: auth.token_ttl };
    Ok(TokenKeys::with_keys(&current, &previous, settings)?)
}

/// The trusted external issuers, their keys loaded once now (an unreachable provider is retried on first use).
async fn external_auth(
    auth: &crate::config::AuthConfig,
    store: &Arc<PgStore>,
) -> anyhow::Result<Arc<marquee_http::oidc::ExternalAuth>> {
    use marquee_http::oidc::ExternalAuth;
    if auth.issuers.is_empty() {
        return Ok(Arc::new(ExternalAuth::none()));
    }
    let fetcher = Arc::new(marquee_oidc::HttpKeySets::new()?);
    let identities = marquee_domain::identity::IdentityService::new(store.clone(), store.clone());
    let external = Arc::new(ExternalAuth::new(auth.issuers.clone(), fetcher, identities, auth.oidc_leeway));
    external.load().await;
    Ok(external)
}
