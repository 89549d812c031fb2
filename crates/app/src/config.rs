//! Configuration: one typed [`Config`], read once from the environment at start.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `DATABASE_URL` | — (required) | PostgreSQL URL; `just run` and `just test` start a local cluster and set it |
//! | `DATABASE_MAX_CONNECTIONS` | `16` | pool size (see [`DEFAULT_MAX_CONNECTIONS`](marquee_postgres::DEFAULT_MAX_CONNECTIONS)) |
//! | `DATABASE_MAX_WRITERS` | `12` | list writes run at once, at least 1; more wait their turn (see [`DEFAULT_MAX_WRITERS`](marquee_postgres::DEFAULT_MAX_WRITERS)) |
//! | `DATABASE_ACQUIRE_TIMEOUT_MS` | `2000` | how long a request waits for a pooled connection (never past its query deadline) |
//! | `DATABASE_STATEMENT_TIMEOUT_MS` | `2000` | PostgreSQL `statement_timeout` for every pooled connection |
//! | `DATABASE_QUERY_TIMEOUT_MS` | `2000` | client-side deadline of one store call (waiting for a connection, every round trip, its transaction), and of a request counted from its arrival: a store that does not answer gets a request 503 `service-unavailable` with `Retry-After` within this time of its arrival (its store calls give up a tenth earlier, at least 50 ms, to leave time for the answer) and the connection is closed. Offline commands (`sync`, `import`, `embed`, chart refits, training) use 5 minutes |
//! | `DATABASE_TCP_TIMEOUT_MS` | `5000` | `TCP_USER_TIMEOUT` and keepalive idle time of every database connection: the kernel drops a connection whose peer stopped acknowledging |
//! | `LIST_CACHE_PAGES` | `1024` | list pages cached in process, checked against PostgreSQL on every read; `0` turns the cache off |
//! | `LIST_OUTLINE_RANKINGS` | `100000` | rankings held in all by the process's copies of writers' lists (about 100 bytes each), from which a list write decides its slot without a read, checked by the list's version when it lands; `0` turns the copies off |
//! | `MARQUEE_ENV` | `development` | `development` or `production` |
//! | `MARQUEE_BIND` | `127.0.0.1:8080` | listen address |
//! | `MARQUEE_WORKERS` | number of cores | actix worker threads |
//! | `JWT_SECRET` | random per process in development | the HS256 key that signs access tokens; production refuses to start without one of at least 32 bytes (256 bits) |
//! | `JWT_KEY_ID` | `k1` | the id (`kid`) of `JWT_SECRET`, named in every token it signs |
//! | `JWT_PREVIOUS_KEYS` | — | older keys that still verify, `kid:secret` separated by commas (each secret 32 bytes or more, without commas); keep one for an access-token lifetime after a rotation (docs/auth.md) |
//! | `JWT_ISSUER` | `marquee` | the `iss` of Marquee's tokens |
//! | `JWT_AUDIENCE` | `marquee` | the `aud` of Marquee's tokens |
//! | `JWT_TTL_SECONDS` | `900` | access-token lifetime, 60 s to 1 day |
//! | `REFRESH_TOKEN_TTL_DAYS` | `30` | how long a refresh token lives unused, 1–365 (each refresh hands out a new one) |
//! | `OIDC_ISSUERS` | — | names of trusted external OpenID Connect issuers, comma-separated (`FIREBASE,KEYCLOAK`); each is set by the `OIDC_<NAME>_…` variables below (docs/auth.md) |
//! | `OIDC_<NAME>_ISSUER` | — (required per name) | the exact `iss` of its tokens |
//! | `OIDC_<NAME>_AUDIENCES` | — (required per name) | accepted `aud` values, comma-separated |
//! | `OIDC_<NAME>_JWKS_URL` | discovery | its JWKS URL; unset, found through `<issuer>/.well-known/openid-configuration` |
//! | `OIDC_<NAME>_EMAIL_CLAIM` / `_EMAIL_VERIFIED_CLAIM` / `_NAME_CLAIM` | `email` / `email_verified` / `name` | which claims carry the address, whether it is verified, and the display name (a dotted path reaches nested claims) |
//! | `OIDC_<NAME>_ADMIN_CLAIM`, `OIDC_<NAME>_ADMIN_VALUE` | — | the claim (or dotted path) granting the admin role when it equals, or is an array holding, the value |
//! | `OIDC_LEEWAY_SECONDS` | `30` | clock skew tolerated on external tokens' `exp` and `nbf`, 0–300 |
//! | `ADMIN_EMAILS` | — | e-mail addresses, comma-separated, whose accounts are admins (besides those marked by `marquee admin grant` and an issuer's admin claim); Marquee does not verify addresses at registration, so list only addresses whose accounts exist |
//! | `DISABLED_RELOAD_SECONDS` | `10` | how often `serve` reloads the disabled accounts from PostgreSQL, so an account disabled through another instance is refused here too (this instance refuses its own changes at once); `0` turns the reload off |
//! | `BCRYPT_COST` | `12` | bcrypt cost, 4–31; production refuses less than 12 (lower it for tests only) |
//! | `BCRYPT_CONCURRENCY` | cores − 1 (at least 1) | hashing threads, each running one hash at a time at a lower scheduling priority than the request workers (nice + 10 on Linux); more logins wait their turn. One core is left to the workers by default |
//! | `MARQUEE_SEED_DEMO` | `true` in development, `false` in production | load the demo catalog when the catalog is empty |
//! | `EMBEDDING_MODEL_DIR` | `.local/models/all-minilm-l6-v2-int8` | folder with `model.onnx` + `tokenizer.json` (`just models` fills the default) |
//! | `ORT_DYLIB_PATH` | `.local/models/onnxruntime/libonnxruntime.so.1.31.1` | the ONNX Runtime library, 1.31 or newer |
//! | `EMBEDDING_SESSIONS` | `2` | inference sessions run side by side (each holds the model's weights: 31 MiB for the default model) |
//! | `EMBEDDING_THREADS` | `1` | intra-op threads of each inference session |
//! | `EMBEDDING_BATCH_SIZE` | `1` | most texts per inference run (see docs/embeddings.md before raising it) |
//! | `EMBEDDING_QUERY_CACHE` | `4096` | vectors of recent search queries kept (1.5 KiB each); `0` turns the cache off |
//! | `MARQUEE_LOG_FORMAT` | `text` | `text` or `json` |
//! | `PLACEMENT_SESSION_TTL_SECONDS` | `1800` | how long an unanswered placement session lives (each answer restarts it); 10 s to 1 day |
//! | `MARQUEE_IMPORT_MAX_BYTES` | `10485760` (10 MiB) | largest import upload (Letterboxd, IMDb, Goodreads, Marquee); larger ones answer 413 |
//! | `CATALOG_DAILY_QUOTA` | `50` | catalog entries one user may create in 24 hours, by `POST /media` and imports together (0–1,000,000; `0`: none); over it `POST /media` answers 429 and imports report the rows |
//! | `RUST_LOG` | `info` | tracing filter |
//! | `MATCHUP_REPEAT_DAYS` | `7` | a voter is not shown the same pair of top-4 sets again within this many days (0–365) |
//! | `CHART_REFRESH_SECONDS` | `3600` | how often `serve` refits the consensus chart; `0` turns the task off |
//! | `REC_RELOAD_SECONDS` | `60` | how often `serve` checks PostgreSQL for a newer trained recommendation model (from `marquee train` or another instance) and loads it; `0` turns the check off |
//! | `REC_TRAIN_SECONDS` | `3600` | how often `serve` retrains the recommendation model itself, on a background thread (so a lone instance learns from its own users without `marquee train`); `0` turns it off; with no stored model it trains one at start either way |
//! | `TMDB_READ_TOKEN` | — | TMDb v4 read-access token (sent as `Authorization: Bearer`); wins over the key |
//! | `TMDB_API_KEY` | — | TMDb v3 API key (sent as `api_key`); without either, search is local only |
//! | `TMDB_BASE_URL` | `https://api.themoviedb.org/3` | TMDb API root |
//! | `TMDB_TIMEOUT_MS` | `10000` | limit for one TMDb request |
//! | `TMDB_SEARCH_WAIT_MS` | `1500` | how long a search waits for TMDb before answering the local hits |
//! | `TMDB_SEARCH_CACHE_SECONDS` | `3600` | a search text is not sent to TMDb again within this time |
//! | `TMDB_LANGUAGE` | `en-US` | language of titles, overviews and genre names fetched by search |
//! | `WATCHMODE_API_KEY` | — | Watchmode key; without it Watchmode is not asked |
//! | `WATCHMODE_BASE_URL` | `https://api.watchmode.com/v1` | Watchmode API root |
//! | `WATCHMODE_TIMEOUT_MS` | `5000` | limit for one Watchmode request |
//! | `AVAILABILITY_TTL_SECONDS` | `86400` | availability is answered from the cache while younger than this |
//! | `OPENLIBRARY_ENABLED` | `true` | ask Open Library (no key needed) when a `kind=book` search has too few local hits, and about Goodreads rows the catalog lacks; `false` keeps books local. Unreachable, it only costs the fallback |
//! | `OPENLIBRARY_BASE_URL` | `https://openlibrary.org` | Open Library API root |
//! | `OPENLIBRARY_TIMEOUT_MS` | `10000` | limit for one Open Library request |
//! | `OPENLIBRARY_SEARCH_WAIT_MS` | `1500` | how long a book search waits for Open Library before answering the local hits (an import's lookup of one row: three times this) |
//! | `OPENLIBRARY_SEARCH_CACHE_SECONDS` | `3600` | a book search text is not sent to Open Library again within this time |
//! | `OPENLIBRARY_CONTACT` | — | an e-mail address or URL added to the `User-Agent`, as Open Library asks of regular clients |
//!
//! The TMDb and Watchmode keys are secrets: kept as `SecretString`, never logged, never in an error.
//!
//! Limits and browser-facing settings (docs/security.md explains each):
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `RATE_LIMIT_LOGIN_PER_IP` | `30/min` | sign-in attempts per client address (`COUNT/UNIT`, units `s`, `min`, `h`, `day`; `off` turns it off); over it: 429 with `Retry-After` |
//! | `RATE_LIMIT_LOGIN_PER_ACCOUNT` | `10/min` | sign-in attempts per e-mail address, from any address |
//! | `RATE_LIMIT_REGISTER_PER_IP` | `10/h` | registrations per client address |
//! | `LOGIN_BACKOFF_FREE_FAILURES` | `5` | wrong passwords in a row for one e-mail address before its sign-in locks (1 s, then twice as long after each further failure) |
//! | `LOGIN_BACKOFF_MAX_SECONDS` | `900` | the longest lock; an account's failures are forgotten once it has been quiet this long after its last lock ended; `0` turns the back-off off |
//! | `MARQUEE_CLIENT_IP_HEADER` | — (the TCP peer) | `x-forwarded-for` or `forwarded`: read the client's address from this header, as set by a trusted reverse proxy; only set it behind one (clients can forge it) |
//! | `MARQUEE_PROXY_HOPS` | `1` | trusted proxies in front of the service: the client is this many entries from the right of the header |
//! | `BCRYPT_WAIT_BUDGET_MS` | `1500` | a sign-in or registration is admitted to the hashing queue only when its hash is expected to finish within this time (rounds of hashes ahead of it, by the hashing threads, × the moving average of measured hashes); others are refused at once with 429 and `Retry-After`. 1.5 s leaves room for the database within the 2 s a sign-in is promised |
//! | `BCRYPT_QUEUE` | no cap | a hard cap on the sign-ins and registrations that may wait for a hash beyond those hashing, on top of the budget |
//! | `MARQUEE_CORS_ORIGINS` | — (CORS off) | comma-separated origins (`https://app.example.com`) whose pages may call the API from a browser |
//! | `MARQUEE_HSTS_SECONDS` | `0` (off) | send `Strict-Transport-Security` with this max-age; set it only when clients reach the service over HTTPS alone |
//! | `MARQUEE_API_DOCS` | `true` | serve Swagger UI at `/docs/` and the document at `/openapi.json`; `false`: both answer 404 |
//! | `WEB_DIR` | `web/dist` when it holds `index.html` | the built web client served at `/` (read into memory at start; must hold `index.html`); `off`: the API alone |
//!
//! Every secret (`DATABASE_URL`, `JWT_SECRET`, `JWT_PREVIOUS_KEYS`, `TMDB_READ_TOKEN`, `TMDB_API_KEY`, `WATCHMODE_API_KEY`) may instead
//! be given as a file, as container platforms mount them: `JWT_SECRET_FILE=/run/secrets/jwt` reads the file once at
//! start, trailing line breaks removed. Setting both `X` and `X_FILE` is an error, and so is a file that cannot be
//! read or is empty; the error names the variable and the path, never the content.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, bail};
use marquee_domain::catalog::CatalogQuota;
use marquee_http::auth::HASH_WAIT_BUDGET;
use marquee_http::limits::{BackoffSettings, ClientIp, ForwardedHeader, LimitSettings, Rate};
use marquee_http::security::{WebSettings, valid_origin};
use secrecy::{ExposeSecret, SecretString};

/// Where the service runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine or a test: lenient defaults.
    Development,
    /// Production: every secret must be given.
    Production,
}

/// The database settings.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// The URL, secret because it may hold a password.
    pub url: SecretString,
    /// Pool size.
    pub max_connections: usize,
    /// List writes run at once.
    pub max_writers: usize,
    /// Wait for a pooled connection.
    pub acquire_timeout: Duration,
    /// Per-statement limit.
    pub statement_timeout: Duration,
    /// Client-side deadline of one store call.
    pub query_timeout: Duration,
    /// `TCP_USER_TIMEOUT` and keepalive idle time of every connection.
    pub tcp_timeout: Duration,
    /// How many list pages to cache (0: none).
    pub list_cache_pages: usize,
    /// How many rankings the copies of writers' lists hold in all (0: none).
    pub outline_rankings: usize,
}

/// The authentication settings.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// The HS256 key that signs.
    pub jwt_secret: SecretString,
    /// Its id.
    pub jwt_key_id: String,
    /// Older keys that still verify, by id.
    pub jwt_previous_keys: Vec<(String, SecretString)>,
    /// Whether the key was generated for this process (development only).
    pub jwt_secret_generated: bool,
    /// The `iss` of Marquee's tokens.
    pub jwt_issuer: String,
    /// The `aud` of Marquee's tokens.
    pub jwt_audience: String,
    /// Access-token lifetime.
    pub token_ttl: Duration,
    /// How long a refresh token lives unused.
    pub refresh_ttl: chrono::Duration,
    /// Trusted external OpenID Connect issuers.
    pub issuers: Vec<marquee_http::oidc::IssuerSettings>,
    /// Clock skew tolerated on external tokens.
    pub oidc_leeway: Duration,
    /// bcrypt cost.
    pub bcrypt_cost: u32,
    /// Most concurrent hashes, when set.
    pub bcrypt_concurrency: Option<usize>,
    /// Addresses whose accounts are admins (normalised).
    pub admin_emails: Vec<String>,
    /// How often the disabled accounts are reloaded from the store; `None`: never after start.
    pub disabled_reload: Option<Duration>,
}

/// Where the embedding model and its runtime are (see docs/embeddings.md).
#[derive(Debug, Clone)]
pub struct EmbeddingConfig {
    /// A folder with `model.onnx` and `tokenizer.json`.
    pub model_dir: std::path::PathBuf,
    /// The ONNX Runtime shared library.
    pub runtime: std::path::PathBuf,
    /// Inference sessions run side by side.
    pub sessions: usize,
    /// Intra-op threads per session.
    pub threads: usize,
    /// Most texts per batch.
    pub batch_size: usize,
    /// Query vectors kept in memory (0: none).
    pub query_cache: usize,
}

/// Everything the service reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// Development or production.
    pub environment: Environment,
    /// Listen address.
    pub bind: SocketAddr,
    /// Worker threads.
    pub workers: usize,
    /// Database.
    pub database: Option<DatabaseConfig>,
    /// Authentication.
    pub auth: AuthConfig,
    /// Load the demo catalog into an empty catalog.
    pub seed_demo: bool,
    /// Log as JSON lines.
    pub json_logs: bool,
    /// The largest import upload, in bytes.
    pub import_max_bytes: usize,
    /// Catalog entries one user may create per day.
    pub catalog_daily_quota: u32,
    /// The embedding model.
    pub embedding: EmbeddingConfig,
    /// How long an idle placement session lives.
    pub placement_session_ttl: Duration,
    /// Matchmaking and the consensus chart.
    pub matchups: MatchupConfig,
    /// TMDb, Watchmode and the availability cache.
    pub providers: ProvidersConfig,
    /// Loading and retraining the recommendation model.
    pub recommendations: RecsConfig,
    /// Rate limits, the hashing queue, CORS, HSTS and the documentation pages.
    pub edge: EdgeConfig,
}

/// When `serve` reloads and retrains the recommendation model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecsConfig {
    /// How often to look for a newer stored model; `None`: never.
    pub reload: Option<Duration>,
    /// How often to retrain; `None`: never (but once at start when nothing is stored).
    pub retrain: Option<Duration>,
}

/// The matchup and chart settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchupConfig {
    /// Days before a voter may see the same pair again.
    pub repeat_days: u32,
    /// How often `serve` refits the chart; `None`: never.
    pub chart_refresh: Option<Duration>,
}

/// TMDb's settings.
#[derive(Debug, Clone)]
pub struct TmdbSettings {
    /// The read-access token, if set.
    pub read_token: Option<SecretString>,
    /// The API key, if set.
    pub api_key: Option<SecretString>,
    /// The API root.
    pub base_url: String,
    /// Limit per request.
    pub timeout: Duration,
    /// Longest wait of a search for TMDb.
    pub search_wait: Duration,
    /// A search text is not sent again within this.
    pub search_cache: Duration,
    /// Language of fetched data.
    pub language: String,
}

/// Watchmode's settings.
#[derive(Debug, Clone)]
pub struct WatchmodeSettings {
    /// The API key, if set.
    pub api_key: Option<SecretString>,
    /// The API root.
    pub base_url: String,
    /// Limit per request.
    pub timeout: Duration,
}

/// Open Library's settings (no key: it is on unless turned off).
#[derive(Debug, Clone)]
pub struct OpenLibrarySettings {
    /// Whether Open Library is asked at all.
    pub enabled: bool,
    /// The API root.
    pub base_url: String,
    /// Limit per request.
    pub timeout: Duration,
    /// Longest wait of a search for Open Library.
    pub search_wait: Duration,
    /// A search text is not sent again within this.
    pub search_cache: Duration,
    /// Added to the `User-Agent`.
    pub contact: Option<String>,
}

/// The providers' settings.
#[derive(Debug, Clone)]
pub struct ProvidersConfig {
    /// TMDb.
    pub tmdb: TmdbSettings,
    /// Open Library.
    pub openlibrary: OpenLibrarySettings,
    /// Watchmode.
    pub watchmode: WatchmodeSettings,
    /// How long cached availability is served without asking.
    pub availability_ttl: Duration,
}

impl ProvidersConfig {
    fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let ms = |name: &str, default: u64| -> anyhow::Result<Duration> {
            let v: u64 = parse(get, name, default)?;
            if v == 0 {
                bail!("{name} must be at least 1");
            }
            Ok(Duration::from_millis(v))
        };
        let secs = |name: &str, default: u64| -> anyhow::Result<Duration> {
            Ok(Duration::from_secs(parse(get, name, default)?))
        };
        Ok(Self {
            tmdb: TmdbSettings {
                read_token: get("TMDB_READ_TOKEN").map(SecretString::from),
                api_key: get("TMDB_API_KEY").map(SecretString::from),
                base_url: get("TMDB_BASE_URL").unwrap_or_else(|| "https://api.themoviedb.org/3".to_owned()),
                timeout: ms("TMDB_TIMEOUT_MS", 10_000)?,
                search_wait: ms("TMDB_SEARCH_WAIT_MS", 1_500)?,
                search_cache: secs("TMDB_SEARCH_CACHE_SECONDS", 3_600)?,
                language: get("TMDB_LANGUAGE").unwrap_or_else(|| "en-US".to_owned()),
            },
            openlibrary: OpenLibrarySettings {
                enabled: flag(get, "OPENLIBRARY_ENABLED", true)?,
                base_url: get("OPENLIBRARY_BASE_URL").unwrap_or_else(|| "https://openlibrary.org".to_owned()),
                timeout: ms("OPENLIBRARY_TIMEOUT_MS", 10_000)?,
                search_wait: ms("OPENLIBRARY_SEARCH_WAIT_MS", 1_500)?,
                search_cache: secs("OPENLIBRARY_SEARCH_CACHE_SECONDS", 3_600)?,
                contact: get("OPENLIBRARY_CONTACT").filter(|c| !c.trim().is_empty()),
            },
            watchmode: WatchmodeSettings {
                api_key: get("WATCHMODE_API_KEY").map(SecretString::from),
                base_url: get("WATCHMODE_BASE_URL").unwrap_or_else(|| "https://api.watchmode.com/v1".to_owned()),
                timeout: ms("WATCHMODE_TIMEOUT_MS", 5_000)?,
            },
            availability_ttl: secs("AVAILABILITY_TTL_SECONDS", 86_400)?,
        })
    }
}

/// A default given as a duration, in the whole milliseconds a `*_MS` setting reads.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn parse<T: std::str::FromStr>(get: &impl Fn(&str) -> Option<String>, name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match get(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e| anyhow::anyhow!("{name}={raw:?} is invalid: {e}")),
    }
}

fn flag(get: &impl Fn(&str) -> Option<String>, name: &str, default: bool) -> anyhow::Result<bool> {
    match get(name).as_deref().map(str::trim) {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => bail!("{name}={other:?} is invalid: use true or false"),
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads configuration through `get` (the environment, or a map in tests); secrets may come from `X_FILE`.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let get = with_secret_files(get)?;
        let environment = match get("MARQUEE_ENV").as_deref().map(str::trim) {
            None | Some("development" | "dev") => Environment::Development,
            Some("production" | "prod") => Environment::Production,
            Some(other) => bail!("MARQUEE_ENV={other:?} is invalid: use development or production"),
        };
        let production = environment == Environment::Production;
        let bind = parse(&get, "MARQUEE_BIND", SocketAddr::from(([127, 0, 0, 1], 8080)))?;
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let workers = parse(&get, "MARQUEE_WORKERS", cores)?;
        if workers == 0 {
            bail!("MARQUEE_WORKERS must be at least 1");
        }

        let database = match get("DATABASE_URL") {
            None => None,
            Some(url) => Some(DatabaseConfig {
                url: SecretString::from(url),
                max_connections: parse(&get, "DATABASE_MAX_CONNECTIONS", marquee_postgres::DEFAULT_MAX_CONNECTIONS)?,
                max_writers: match parse(&get, "DATABASE_MAX_WRITERS", marquee_postgres::DEFAULT_MAX_WRITERS)? {
                    0 => bail!("DATABASE_MAX_WRITERS must be at least 1"),
                    n => n,
                },
                acquire_timeout: Duration::from_millis(parse(&get, "DATABASE_ACQUIRE_TIMEOUT_MS", 2_000)?),
                statement_timeout: Duration::from_millis(parse(&get, "DATABASE_STATEMENT_TIMEOUT_MS", 2_000)?),
                query_timeout: match parse(&get, "DATABASE_QUERY_TIMEOUT_MS", 2_000)? {
                    0 => bail!("DATABASE_QUERY_TIMEOUT_MS must be at least 1"),
                    ms => Duration::from_millis(ms),
                },
                tcp_timeout: Duration::from_millis(parse(&get, "DATABASE_TCP_TIMEOUT_MS", 5_000)?),
                list_cache_pages: parse(&get, "LIST_CACHE_PAGES", marquee_postgres::DEFAULT_LIST_CACHE_PAGES)?,
                outline_rankings: parse(&get, "LIST_OUTLINE_RANKINGS", marquee_postgres::DEFAULT_OUTLINE_RANKINGS)?,
            }),
        };

        let (jwt_secret, jwt_secret_generated) = match get("JWT_SECRET") {
            Some(secret) if secret.len() >= 32 => (SecretString::from(secret), false),
            Some(_) => bail!("JWT_SECRET must be at least 32 bytes (256 bits)"),
            None if production => bail!("JWT_SECRET is required in production (at least 32 bytes, 256 bits)"),
            None => (SecretString::from(random_secret()), true),
        };
        let bcrypt_cost: u32 = parse(&get, "BCRYPT_COST", 12)?;
        if !(4..=31).contains(&bcrypt_cost) {
            bail!("BCRYPT_COST must be between 4 and 31");
        }
        if production && bcrypt_cost < 12 {
            bail!("BCRYPT_COST below 12 is for tests only; production refuses it");
        }
        let bcrypt_concurrency = get("BCRYPT_CONCURRENCY")
            .map(|raw| match raw.trim().parse::<usize>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(anyhow::anyhow!("BCRYPT_CONCURRENCY={raw:?} is invalid: use a whole number of at least 1")),
            })
            .transpose()?;
        let ttl: u64 = parse(&get, "JWT_TTL_SECONDS", 900)?;
        if !(60..=86_400).contains(&ttl) {
            bail!("JWT_TTL_SECONDS must be between 60 and 86400");
        }
        let refresh_days: i64 = parse(&get, "REFRESH_TOKEN_TTL_DAYS", 30)?;
        if !(1..=365).contains(&refresh_days) {
            bail!("REFRESH_TOKEN_TTL_DAYS must be between 1 and 365");
        }
        let jwt_key_id = get("JWT_KEY_ID").map_or_else(|| "k1".to_owned(), |id| id.trim().to_owned());
        if jwt_key_id.is_empty() || jwt_key_id.contains([':', ',']) {
            bail!("JWT_KEY_ID must be a non-empty id without ':' or ','");
        }
        let jwt_previous_keys = previous_keys(get("JWT_PREVIOUS_KEYS").as_deref())?;
        let text = |name: &str| get(name).map_or_else(|| "marquee".to_owned(), |v| v.trim().to_owned());
        let (jwt_issuer, jwt_audience) = (text("JWT_ISSUER"), text("JWT_AUDIENCE"));
        let issuers = oidc_issuers(&get)?;
        let oidc_leeway: u64 = parse(&get, "OIDC_LEEWAY_SECONDS", 30)?;
        if oidc_leeway > 300 {
            bail!("OIDC_LEEWAY_SECONDS must be between 0 and 300");
        }
        let mut admin_emails = Vec::new();
        for raw in get("ADMIN_EMAILS").unwrap_or_default().split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let email = marquee_domain::user::Email::parse(raw)
                .map_err(|_| anyhow::anyhow!("ADMIN_EMAILS: {raw:?} is not a valid e-mail address"))?;
            admin_emails.push(email.as_str().to_owned());
        }
        let disabled_reload: u64 = parse(&get, "DISABLED_RELOAD_SECONDS", 10)?;
        let json_logs = match get("MARQUEE_LOG_FORMAT").as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => bail!("MARQUEE_LOG_FORMAT={other:?} is invalid: use text or json"),
        };
        let placement_ttl: u64 = parse(&get, "PLACEMENT_SESSION_TTL_SECONDS", 1_800)?;
        if !(10..=86_400).contains(&placement_ttl) {
            bail!("PLACEMENT_SESSION_TTL_SECONDS must be between 10 and 86400");
        }
        Ok(Self {
            environment,
            bind,
            workers,
            database,
            auth: AuthConfig {
                jwt_secret,
                jwt_key_id,
                jwt_previous_keys,
                jwt_secret_generated,
                jwt_issuer,
                jwt_audience,
                token_ttl: Duration::from_secs(ttl),
                refresh_ttl: chrono::Duration::days(refresh_days),
                issuers,
                oidc_leeway: Duration::from_secs(oidc_leeway),
                bcrypt_cost,
                bcrypt_concurrency,
                admin_emails,
                disabled_reload: (disabled_reload > 0).then(|| Duration::from_secs(disabled_reload)),
            },
            seed_demo: flag(&get, "MARQUEE_SEED_DEMO", !production)?,
            json_logs,
            embedding: EmbeddingConfig {
                model_dir: get("EMBEDDING_MODEL_DIR")
                    .unwrap_or_else(|| ".local/models/all-minilm-l6-v2-int8".into())
                    .into(),
                runtime: get("ORT_DYLIB_PATH")
                    .unwrap_or_else(|| ".local/models/onnxruntime/libonnxruntime.so.1.31.1".into())
                    .into(),
                sessions: parse(&get, "EMBEDDING_SESSIONS", 2_usize)?.clamp(1, 16),
                threads: parse(&get, "EMBEDDING_THREADS", 1_usize)?.clamp(1, 64),
                batch_size: parse(&get, "EMBEDDING_BATCH_SIZE", 1_usize)?.clamp(1, 256),
                query_cache: parse(&get, "EMBEDDING_QUERY_CACHE", 4096_usize)?.min(1 << 20),
            },
            placement_session_ttl: Duration::from_secs(placement_ttl),
            matchups: matchup_config(&get)?,
            recommendations: recs_config(&get)?,
            providers: ProvidersConfig::from_lookup(&get)?,
            import_max_bytes: match parse(&get, "MARQUEE_IMPORT_MAX_BYTES", 10 * 1024 * 1024)? {
                0 => bail!("MARQUEE_IMPORT_MAX_BYTES must be at least 1"),
                n => n,
            },
            edge: edge_config(&get)?,
            catalog_daily_quota: match parse(&get, "CATALOG_DAILY_QUOTA", CatalogQuota::DEFAULT_PER_DAY)? {
                n @ 0..=1_000_000 => n,
                n => bail!("CATALOG_DAILY_QUOTA={n} is out of range: 0 to 1000000 entries per user and day"),
            },
        })
    }

    /// The database settings, or an error saying how to provide them.
    pub fn database(&self) -> anyhow::Result<&DatabaseConfig> {
        self.database.as_ref().context("DATABASE_URL is not set (`just run` starts a local PostgreSQL and sets it)")
    }
}

fn matchup_config(get: &impl Fn(&str) -> Option<String>) -> anyhow::Result<MatchupConfig> {
    let repeat_days: u32 = parse(get, "MATCHUP_REPEAT_DAYS", 7)?;
    if repeat_days > 365 {
        bail!("MATCHUP_REPEAT_DAYS must be between 0 and 365");
    }
    let refresh: u64 = parse(get, "CHART_REFRESH_SECONDS", 3_600)?;
    Ok(MatchupConfig { repeat_days, chart_refresh: (refresh > 0).then(|| Duration::from_secs(refresh)) })
}

fn recs_config(get: &impl Fn(&str) -> Option<String>) -> anyhow::Result<RecsConfig> {
    let every = |name: &str, default: u64| -> anyhow::Result<Option<Duration>> {
        let secs: u64 = parse(get, name, default)?;
        Ok((secs > 0).then(|| Duration::from_secs(secs)))
    };
    Ok(RecsConfig { reload: every("REC_RELOAD_SECONDS", 60)?, retrain: every("REC_TRAIN_SECONDS", 3600)? })
}

/// The issuers named by `OIDC_ISSUERS`, each from its `OIDC_<NAME>_…` variables.
fn oidc_issuers(get: &impl Fn(&str) -> Option<String>) -> anyhow::Result<Vec<marquee_http::oidc::IssuerSettings>> {
    use marquee_domain::identity::{AdminClaim, ClaimNames, KeySetSource};
    let Some(names) = get("OIDC_ISSUERS") else { return Ok(Vec::new()) };
    let mut issuers = Vec::new();
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            bail!("OIDC_ISSUERS: {name:?} is not a valid name (letters, digits and _ only)");
        }
        let name = name.to_ascii_uppercase();
        let var = |suffix: &str| get(&format!("OIDC_{name}_{suffix}")).map(|v| v.trim().to_owned());
        let issuer = var("ISSUER").filter(|v| !v.is_empty()).ok_or_else(|| {
            anyhow::anyhow!("OIDC_{name}_ISSUER is required (the exact `iss` of the issuer's tokens)")
        })?;
        let audiences: Vec<String> = var("AUDIENCES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        if audiences.is_empty() {
            bail!("OIDC_{name}_AUDIENCES is required (the `aud` values to accept, comma-separated)");
        }
        let keys = var("JWKS_URL").map_or_else(|| KeySetSource::Discovery(issuer.clone()), KeySetSource::Jwks);
        let defaults = ClaimNames::default();
        let admin = match (var("ADMIN_CLAIM"), var("ADMIN_VALUE")) {
            (Some(claim), Some(value)) => Some(AdminClaim { claim, value }),
            (None, None) => None,
            _ => bail!("OIDC_{name}_ADMIN_CLAIM and OIDC_{name}_ADMIN_VALUE go together"),
        };
        let claims = ClaimNames {
            email: var("EMAIL_CLAIM").unwrap_or(defaults.email),
            email_verified: var("EMAIL_VERIFIED_CLAIM").unwrap_or(defaults.email_verified),
            display_name: var("NAME_CLAIM").unwrap_or(defaults.display_name),
            admin,
        };
        issuers.push(marquee_http::oidc::IssuerSettings { issuer, audiences, keys, claims });
    }
    Ok(issuers)
}

/// `JWT_PREVIOUS_KEYS`: `kid:secret` pairs separated by commas, each secret 32 bytes or more.
fn previous_keys(raw: Option<&str>) -> anyhow::Result<Vec<(String, SecretString)>> {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else { return Ok(Vec::new()) };
    raw.split(',')
        .map(|pair| match pair.trim().split_once(':') {
            Some((id, secret)) if !id.trim().is_empty() && secret.len() >= 32 => {
                Ok((id.trim().to_owned(), SecretString::from(secret.to_owned())))
            }
            // Never echo the value: it holds secrets.
            _ => Err(anyhow::anyhow!("JWT_PREVIOUS_KEYS must be `kid:secret` pairs, each secret at least 32 bytes")),
        })
        .collect()
}

/// The settings that hold secrets; each may be given as `<NAME>_FILE` instead.
const SECRET_VARIABLES: [&str; 6] =
    ["DATABASE_URL", "JWT_SECRET", "JWT_PREVIOUS_KEYS", "TMDB_READ_TOKEN", "TMDB_API_KEY", "WATCHMODE_API_KEY"];

/// `get`, with each secret given as `<NAME>_FILE` read from its file (once, here).
fn with_secret_files(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<impl Fn(&str) -> Option<String>> {
    let mut from_files = std::collections::HashMap::new();
    for name in SECRET_VARIABLES {
        let file_variable = format!("{name}_FILE");
        let Some(path) = get(&file_variable) else { continue };
        if get(name).is_some() {
            bail!("both {name} and {file_variable} are set: set only one");
        }
        // The io error says what failed (missing, permission, not UTF-8), never what the file holds.
        let raw = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{file_variable}: cannot read the secret file {path:?}: {e}"))?;
        let value = raw.trim_end_matches(['\n', '\r']);
        if value.is_empty() {
            bail!("{file_variable}: the secret file {path:?} is empty");
        }
        from_files.insert(name, value.to_owned());
    }
    Ok(move |name: &str| from_files.get(name).cloned().or_else(|| get(name)))
}

/// Rate limits, the hashing queue and the browser-facing settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeConfig {
    /// Sign-in and registration limits, the back-off and how the client's address is found.
    pub limits: LimitSettings,
    /// A hard cap on the sign-ins that may wait for a hash beyond those hashing; `None`: only the budget bounds it.
    pub bcrypt_queue: Option<usize>,
    /// How long a sign-in may expect to wait for its hash before it is refused.
    pub bcrypt_wait_budget: Duration,
    /// CORS, HSTS and the documentation pages.
    pub web: WebSettings,
    /// The built web client served at `/` (`WEB_DIR`); `None`: the API alone.
    pub web_dir: Option<std::path::PathBuf>,
}

/// Where the repository's build of the web client lands, served when `WEB_DIR` is unset and it exists.
const DEFAULT_WEB_DIR: &str = "web/dist";

/// `WEB_DIR`: a folder (which must then hold a built app), `off`, or unset: `web/dist` below the working directory
/// when it holds a build (as under `just run`), else nothing.
fn web_dir(get: &impl Fn(&str) -> Option<String>) -> Option<std::path::PathBuf> {
    match get("WEB_DIR").as_deref().map(str::trim) {
        Some("off") => None,
        Some(dir) => Some(dir.into()),
        None => {
            let dir = std::path::Path::new(DEFAULT_WEB_DIR);
            dir.join("index.html").is_file().then(|| dir.to_path_buf())
        }
    }
}

fn edge_config(get: &impl Fn(&str) -> Option<String>) -> anyhow::Result<EdgeConfig> {
    let rate = |name: &str, default: &str| -> anyhow::Result<Option<Rate>> {
        match get(name).as_deref().unwrap_or(default).trim() {
            "off" => Ok(None),
            raw => raw.parse().map(Some).map_err(|e| anyhow::anyhow!("{name}: {e}")),
        }
    };
    let free_failures = parse(get, "LOGIN_BACKOFF_FREE_FAILURES", BackoffSettings::default().free_failures)?;
    let max_lock: u64 = parse(get, "LOGIN_BACKOFF_MAX_SECONDS", BackoffSettings::default().max_lock.as_secs())?;
    let client_ip = match get("MARQUEE_CLIENT_IP_HEADER").as_deref().map(|h| h.trim().to_ascii_lowercase()) {
        None => ClientIp::Peer,
        Some(header) => {
            let header = match header.as_str() {
                "peer" => None,
                "x-forwarded-for" => Some(ForwardedHeader::XForwardedFor),
                "forwarded" => Some(ForwardedHeader::Forwarded),
                other => bail!("MARQUEE_CLIENT_IP_HEADER={other:?} is invalid: use x-forwarded-for or forwarded"),
            };
            let hops = parse(get, "MARQUEE_PROXY_HOPS", 1_usize)?;
            let hops = std::num::NonZeroUsize::new(hops).context("MARQUEE_PROXY_HOPS must be at least 1")?;
            header.map_or(ClientIp::Peer, |header| ClientIp::Header { header, hops })
        }
    };
    let cors_origins: Vec<String> = get("MARQUEE_CORS_ORIGINS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(bad) = cors_origins.iter().find(|o| !valid_origin(o)) {
        bail!(
            "MARQUEE_CORS_ORIGINS: {bad:?} is not an origin: write scheme://host[:port], e.g. https://app.example.com"
        );
    }
    let hsts: u64 = parse(get, "MARQUEE_HSTS_SECONDS", 0)?;
    Ok(EdgeConfig {
        limits: LimitSettings {
            login_per_ip: rate("RATE_LIMIT_LOGIN_PER_IP", "30/min")?,
            login_per_account: rate("RATE_LIMIT_LOGIN_PER_ACCOUNT", "10/min")?,
            register_per_ip: rate("RATE_LIMIT_REGISTER_PER_IP", "10/h")?,
            backoff: (max_lock > 0).then(|| BackoffSettings { free_failures, max_lock: Duration::from_secs(max_lock) }),
            client_ip,
        },
        bcrypt_queue: get("BCRYPT_QUEUE").map(|_| parse(get, "BCRYPT_QUEUE", 0_usize)).transpose()?,
        bcrypt_wait_budget: match parse(get, "BCRYPT_WAIT_BUDGET_MS", millis(HASH_WAIT_BUDGET))? {
            0 => bail!("BCRYPT_WAIT_BUDGET_MS must be at least 1"),
            ms => Duration::from_millis(ms),
        },
        web: WebSettings {
            cors_origins,
            hsts: (hsts > 0).then(|| Duration::from_secs(hsts)),
            api_docs: flag(get, "MARQUEE_API_DOCS", true)?,
        },
        web_dir: web_dir(get),
    })
}

/// 32 random bytes, hex-encoded: a development-only signing key.
fn random_secret() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes: [u8; 32] = rand::random();
    bytes.iter().flat_map(|b| [char::from(HEX[usize::from(b >> 4)]), char::from(HEX[usize::from(b & 15)])]).collect()
}

/// Only for `Debug`-free logging of what was configured.
pub fn describe(config: &Config) -> String {
    let limits = &config.edge.limits;
    let rate = |r: Option<Rate>| r.map_or_else(|| "off".to_owned(), |r| r.to_string());
    format!(
        "env={:?} bind={} workers={} database={} bcrypt_cost={} token_ttl={}s seed_demo={} jwt_secret={} tmdb={} \
         openlibrary={} watchmode={} availability_ttl={}s login_per_ip={} login_per_account={} register_per_ip={} backoff={} \
         client_ip={:?} cors_origins={} hsts={} api_docs={}",
        config.environment,
        config.bind,
        config.workers,
        if config.database.is_some() { "configured" } else { "missing" },
        config.auth.bcrypt_cost,
        config.auth.token_ttl.as_secs(),
        config.seed_demo,
        if config.auth.jwt_secret_generated {
            "generated (development only: tokens die with the process)"
        } else if config.auth.jwt_secret.expose_secret().is_empty() {
            "missing"
        } else {
            "configured"
        },
        match (&config.providers.tmdb.read_token, &config.providers.tmdb.api_key) {
            (Some(_), _) => "read token",
            (None, Some(_)) => "api key",
            (None, None) => "not configured",
        },
        if config.providers.openlibrary.enabled { "enabled" } else { "disabled" },
        if config.providers.watchmode.api_key.is_some() { "configured" } else { "not configured" },
        config.providers.availability_ttl.as_secs(),
        rate(limits.login_per_ip),
        rate(limits.login_per_account),
        rate(limits.register_per_ip),
        limits.backoff.map_or_else(
            || "off".to_owned(),
            |b| format!("after {} failures, up to {}s", b.free_failures, b.max_lock.as_secs())
        ),
        limits.client_ip,
        config.edge.web.cors_origins.len(),
        config.edge.web.hsts.map_or_else(|| "off".to_owned(), |h| format!("{}s", h.as_secs())),
        config.edge.web.api_docs,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Config::from_lookup(move |name| map.get(name).cloned())
    }

    #[test]
    fn admin_addresses_are_normalised_and_checked() {
        let c = config(&[("ADMIN_EMAILS", " Ada@Example.com, ,grace@example.com")]).unwrap();
        assert_eq!(c.auth.admin_emails, ["ada@example.com", "grace@example.com"]);
        assert!(config(&[]).unwrap().auth.admin_emails.is_empty());
        let err = config(&[("ADMIN_EMAILS", "ada@example.com,nobody")]).unwrap_err().to_string();
        assert!(err.contains("ADMIN_EMAILS") && err.contains("nobody"), "{err}");
        assert_eq!(config(&[]).unwrap().auth.disabled_reload, Some(Duration::from_secs(10)));
        assert_eq!(config(&[("DISABLED_RELOAD_SECONDS", "0")]).unwrap().auth.disabled_reload, None);
    }

    #[test]
    fn development_has_working_defaults() {
        let c = config(&[]).unwrap();
        assert_eq!(c.environment, Environment::Development);
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert!(c.auth.jwt_secret_generated);
        assert_eq!(c.auth.jwt_secret.expose_secret().len(), 64);
        assert_eq!(c.auth.bcrypt_cost, 12);
        assert!(c.seed_demo);
        assert!(c.database().is_err());
    }

    #[test]
    fn token_keys_rotate_and_sessions_default_to_15_minutes_and_30_days() {
        let c = config(&[]).unwrap();
        assert_eq!(c.auth.token_ttl, Duration::from_mins(15));
        assert_eq!(c.auth.refresh_ttl, chrono::Duration::days(30));
        assert_eq!((c.auth.jwt_key_id.as_str(), c.auth.jwt_previous_keys.len()), ("k1", 0));
        assert_eq!((c.auth.jwt_issuer.as_str(), c.auth.jwt_audience.as_str()), ("marquee", "marquee"));
        let old = "o".repeat(32);
        let older = format!(":{}", "q".repeat(40));
        let c = config(&[
            ("JWT_KEY_ID", "k3"),
            ("JWT_PREVIOUS_KEYS", &format!("k2:{old}, k1:{}", "r".repeat(32))),
            ("JWT_ISSUER", "https://api.example.com"),
            ("JWT_AUDIENCE", "example-app"),
            ("REFRESH_TOKEN_TTL_DAYS", "7"),
        ])
        .unwrap();
        let ids: Vec<&str> = c.auth.jwt_previous_keys.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["k2", "k1"]);
        assert_eq!(c.auth.jwt_previous_keys[0].1.expose_secret(), old);
        assert_eq!(c.auth.refresh_ttl, chrono::Duration::days(7));
        assert_eq!(c.auth.jwt_issuer, "https://api.example.com");
        for (name, value) in [
            ("JWT_PREVIOUS_KEYS", "k1:short"),
            ("JWT_PREVIOUS_KEYS", older.as_str()),
            ("JWT_KEY_ID", "a:b"),
            ("REFRESH_TOKEN_TTL_DAYS", "0"),
            ("JWT_TTL_SECONDS", "86401"),
        ] {
            let err = config(&[(name, value)]).unwrap_err().to_string();
            assert!(err.contains(name), "{name}={value}: {err}");
            assert!(!err.contains(&"q".repeat(40)), "a secret never reaches an error: {err}");
        }
    }

    #[test]
    fn external_issuers_are_configured_by_name() {
        use marquee_domain::identity::{AdminClaim, KeySetSource};
        assert!(config(&[]).unwrap().auth.issuers.is_empty(), "none unless named");
        let c = config(&[
            ("OIDC_ISSUERS", "firebase, keycloak"),
            ("OIDC_FIREBASE_ISSUER", "https://securetoken.google.com/marquee-demo"),
            ("OIDC_FIREBASE_AUDIENCES", "marquee-demo"),
            (
                "OIDC_FIREBASE_JWKS_URL",
                "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
            ),
            ("OIDC_KEYCLOAK_ISSUER", "https://sso.example.com/realms/marquee"),
            ("OIDC_KEYCLOAK_AUDIENCES", "marquee-api, account"),
            ("OIDC_KEYCLOAK_NAME_CLAIM", "preferred_username"),
            ("OIDC_KEYCLOAK_ADMIN_CLAIM", "realm_access.roles"),
            ("OIDC_KEYCLOAK_ADMIN_VALUE", "marquee-admin"),
            ("OIDC_LEEWAY_SECONDS", "10"),
        ])
        .unwrap();
        let [firebase, keycloak] = c.auth.issuers.as_slice() else { panic!("two issuers") };
        assert!(matches!(&firebase.keys, KeySetSource::Jwks(url) if url.starts_with("https://www.googleapis.com")));
        assert_eq!(firebase.claims.display_name, "name");
        assert_eq!(keycloak.keys, KeySetSource::Discovery("https://sso.example.com/realms/marquee".into()));
        assert_eq!(keycloak.audiences, ["marquee-api", "account"]);
        assert_eq!(keycloak.claims.display_name, "preferred_username");
        assert_eq!(
            keycloak.claims.admin,
            Some(AdminClaim { claim: "realm_access.roles".into(), value: "marquee-admin".into() })
        );
        assert_eq!(c.auth.oidc_leeway, Duration::from_secs(10));
        for (vars, named) in [
            (vec![("OIDC_ISSUERS", "a")], "OIDC_A_ISSUER"),
            (vec![("OIDC_ISSUERS", "a"), ("OIDC_A_ISSUER", "https://a.example")], "OIDC_A_AUDIENCES"),
            (vec![("OIDC_ISSUERS", "a-b")], "OIDC_ISSUERS"),
            (vec![("OIDC_LEEWAY_SECONDS", "301")], "OIDC_LEEWAY_SECONDS"),
        ] {
            let err = config(&vars).unwrap_err().to_string();
            assert!(err.contains(named), "{err}");
        }
    }

    #[test]
    fn production_refuses_to_start_without_a_256_bit_secret() {
        let err = config(&[("MARQUEE_ENV", "production")]).unwrap_err();
        assert!(err.to_string().contains("JWT_SECRET is required"), "{err}");
        let err = config(&[("MARQUEE_ENV", "production"), ("JWT_SECRET", "too-short")]).unwrap_err();
        assert!(err.to_string().contains("at least 32 bytes"), "{err}");
        let ok = config(&[("MARQUEE_ENV", "production"), ("JWT_SECRET", &"k".repeat(32))]).unwrap();
        assert!(!ok.seed_demo, "production does not seed demo data by default");
    }

    #[test]
    fn production_refuses_a_test_bcrypt_cost() {
        let secret = "k".repeat(32);
        let err = config(&[("MARQUEE_ENV", "production"), ("JWT_SECRET", &secret), ("BCRYPT_COST", "4")]);
        assert!(err.is_err());
        assert_eq!(config(&[("BCRYPT_COST", "4")]).unwrap().auth.bcrypt_cost, 4);
        assert!(config(&[("BCRYPT_COST", "3")]).is_err());
    }

    #[test]
    fn the_web_client_folder_is_named_off_or_found() {
        let named = config(&[("WEB_DIR", "/srv/marquee-web")]).unwrap();
        assert_eq!(named.edge.web_dir, Some(std::path::PathBuf::from("/srv/marquee-web")));
        assert_eq!(config(&[("WEB_DIR", "off")]).unwrap().edge.web_dir, None);
        // Unset, web/dist is served only when it holds a build; tests run in the crate's folder, which has none.
        assert_eq!(config(&[]).unwrap().edge.web_dir, None);
    }

    #[test]
    fn matchup_settings_have_defaults_and_bounds() {
        let c = config(&[]).unwrap();
        assert_eq!(c.matchups, MatchupConfig { repeat_days: 7, chart_refresh: Some(Duration::from_hours(1)) });
        let c = config(&[("MATCHUP_REPEAT_DAYS", "0"), ("CHART_REFRESH_SECONDS", "0")]).unwrap();
        assert_eq!(c.matchups, MatchupConfig { repeat_days: 0, chart_refresh: None });
        assert!(config(&[("MATCHUP_REPEAT_DAYS", "400")]).is_err());
        assert!(config(&[("CHART_REFRESH_SECONDS", "-1")]).unwrap_err().to_string().contains("CHART_REFRESH_SECONDS"));
    }

    #[test]
    fn recommendation_intervals_default_and_turn_off() {
        let c = config(&[]).unwrap();
        assert_eq!(
            c.recommendations,
            RecsConfig { reload: Some(Duration::from_mins(1)), retrain: Some(Duration::from_hours(1)) }
        );
        let c = config(&[("REC_RELOAD_SECONDS", "0"), ("REC_TRAIN_SECONDS", "0")]).unwrap();
        assert_eq!(c.recommendations, RecsConfig { reload: None, retrain: None });
        assert!(config(&[("REC_TRAIN_SECONDS", "soon")]).unwrap_err().to_string().contains("REC_TRAIN_SECONDS"));
    }

    #[test]
    fn bad_values_name_the_variable_and_never_echo_secrets() {
        let err = config(&[("MARQUEE_BIND", "nowhere")]).unwrap_err().to_string();
        assert!(err.contains("MARQUEE_BIND"), "{err}");
        let err = config(&[("DATABASE_URL", "postgres://u:hunter2@h/db"), ("DATABASE_MAX_CONNECTIONS", "many")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("DATABASE_MAX_CONNECTIONS") && !err.contains("hunter2"), "{err}");
        let err =
            config(&[("DATABASE_URL", "postgres://h/db"), ("DATABASE_MAX_WRITERS", "0")]).unwrap_err().to_string();
        assert!(err.contains("DATABASE_MAX_WRITERS"), "{err}");
        let c = config(&[("DATABASE_URL", "postgres://h/db"), ("DATABASE_MAX_WRITERS", "2")]).unwrap();
        assert_eq!(c.database().unwrap().max_writers, 2);
        let c = config(&[("DATABASE_URL", "postgres://u:hunter2@h/db")]).unwrap();
        assert_eq!(c.database().unwrap().max_writers, marquee_postgres::DEFAULT_MAX_WRITERS);
        assert_eq!(c.database().unwrap().query_timeout, Duration::from_secs(2));
        let err =
            config(&[("DATABASE_URL", "postgres://h/db"), ("DATABASE_QUERY_TIMEOUT_MS", "0")]).unwrap_err().to_string();
        assert!(err.contains("DATABASE_QUERY_TIMEOUT_MS"), "{err}");
        assert!(!format!("{c:?}").contains("hunter2"), "Debug redacts the URL");
        assert!(!describe(&c).contains("hunter2"));
    }

    #[test]
    fn provider_keys_are_never_shown() {
        let c = config(&[
            ("TMDB_READ_TOKEN", "tmdb-token-s3cret"),
            ("TMDB_API_KEY", "tmdb-key-s3cret"),
            ("WATCHMODE_API_KEY", "wm-key-s3cret"),
            ("AVAILABILITY_TTL_SECONDS", "60"),
        ])
        .unwrap();
        let shown = format!("{c:?} {}", describe(&c));
        for secret in ["tmdb-token-s3cret", "tmdb-key-s3cret", "wm-key-s3cret"] {
            assert!(!shown.contains(secret), "{secret} leaked: {shown}");
        }
        assert!(shown.contains("tmdb=read token") && shown.contains("watchmode=configured"), "{shown}");
        assert_eq!(c.providers.availability_ttl, Duration::from_mins(1));
        let err = config(&[("TMDB_API_KEY", "tmdb-key-s3cret"), ("TMDB_TIMEOUT_MS", "soon")]).unwrap_err();
        assert!(err.to_string().contains("TMDB_TIMEOUT_MS") && !err.to_string().contains("s3cret"), "{err}");
        let none = config(&[]).unwrap();
        assert!(none.providers.tmdb.api_key.is_none() && none.providers.watchmode.api_key.is_none());
        assert!(none.providers.openlibrary.enabled, "Open Library needs no key: on by default");
        let off = config(&[("OPENLIBRARY_ENABLED", "false"), ("OPENLIBRARY_SEARCH_WAIT_MS", "700")]).unwrap();
        assert!(!off.providers.openlibrary.enabled);
        assert_eq!(off.providers.openlibrary.search_wait, Duration::from_millis(700));
        assert!(describe(&off).contains("openlibrary=disabled"));
        assert!(config(&[("OPENLIBRARY_ENABLED", "maybe")]).is_err());
        assert_eq!(none.providers.availability_ttl, Duration::from_hours(24));
    }

    /// A file in a fresh temporary directory holding `content`; the directory goes when the guard drops.
    struct SecretFile {
        dir: std::path::PathBuf,
        path: String,
    }

    impl SecretFile {
        fn new(name: &str, content: &[u8]) -> Self {
            let dir = std::env::temp_dir().join(format!("marquee-config-{}-{name}", uuid::Uuid::now_v7()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(name);
            std::fs::write(&path, content).unwrap();
            Self { path: path.to_str().unwrap().to_owned(), dir }
        }
    }

    impl Drop for SecretFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    #[test]
    fn secrets_can_come_from_files() {
        let jwt = SecretFile::new("jwt", format!("{}\n", "s".repeat(40)).as_bytes());
        let db = SecretFile::new("db", b"postgres://u:hunter2@h/db\r\n");
        let tmdb = SecretFile::new("tmdb", b"tmdb-token-s3cret");
        let key = SecretFile::new("tmdb-key", b"tmdb-key-s3cret\n");
        let watchmode = SecretFile::new("wm", b"wm-key-s3cret\n\n");
        let c = config(&[
            ("MARQUEE_ENV", "production"),
            ("JWT_SECRET_FILE", &jwt.path),
            ("DATABASE_URL_FILE", &db.path),
            ("TMDB_READ_TOKEN_FILE", &tmdb.path),
            ("TMDB_API_KEY_FILE", &key.path),
            ("WATCHMODE_API_KEY_FILE", &watchmode.path),
        ])
        .unwrap();
        assert_eq!(c.auth.jwt_secret.expose_secret(), "s".repeat(40), "the trailing newline is trimmed");
        assert!(!c.auth.jwt_secret_generated);
        assert_eq!(c.database().unwrap().url.expose_secret(), "postgres://u:hunter2@h/db");
        assert_eq!(c.providers.tmdb.read_token.as_ref().unwrap().expose_secret(), "tmdb-token-s3cret");
        assert_eq!(c.providers.tmdb.api_key.as_ref().unwrap().expose_secret(), "tmdb-key-s3cret");
        assert_eq!(c.providers.watchmode.api_key.as_ref().unwrap().expose_secret(), "wm-key-s3cret");
        let shown = format!("{c:?} {}", describe(&c));
        assert!(!shown.contains("hunter2") && !shown.contains("s3cret"), "{shown}");
        // The file's value is checked like the variable's.
        let short = SecretFile::new("short", b"too-short\n");
        let err = config(&[("JWT_SECRET_FILE", &short.path)]).unwrap_err().to_string();
        assert!(err.contains("JWT_SECRET") && !err.contains("too-short"), "{err}");
    }

    #[test]
    fn a_secret_given_twice_or_unreadable_is_refused_by_name() {
        let jwt = SecretFile::new("jwt", "k".repeat(32).as_bytes());
        let err = config(&[("JWT_SECRET", &"k".repeat(32)), ("JWT_SECRET_FILE", &jwt.path)]).unwrap_err().to_string();
        assert!(err.contains("JWT_SECRET") && err.contains("JWT_SECRET_FILE"), "{err}");
        assert!(!err.contains(&"k".repeat(32)), "{err}");

        let err = config(&[("TMDB_READ_TOKEN_FILE", "/no/such/secret")]).unwrap_err().to_string();
        assert!(err.contains("TMDB_READ_TOKEN_FILE") && err.contains("/no/such/secret"), "{err}");
        let empty = SecretFile::new("empty", b"\n");
        let err = config(&[("WATCHMODE_API_KEY_FILE", &empty.path)]).unwrap_err().to_string();
        assert!(err.contains("WATCHMODE_API_KEY_FILE") && err.contains("empty"), "{err}");
        let binary = SecretFile::new("binary", &[0xff, 0xfe, b's', b'3', b'c']);
        let err = config(&[("DATABASE_URL_FILE", &binary.path)]).unwrap_err().to_string();
        assert!(err.contains("DATABASE_URL_FILE") && !err.contains("s3c"), "{err}");
    }

    #[test]
    fn limits_default_to_production_values_and_turn_off() {
        let c = config(&[]).unwrap();
        assert_eq!(c.edge.limits, LimitSettings::default());
        assert_eq!(c.edge.web, WebSettings::default());
        assert_eq!(c.edge.bcrypt_queue, None);
        assert_eq!(c.edge.bcrypt_wait_budget, Duration::from_millis(1_500));
        let c = config(&[
            ("RATE_LIMIT_LOGIN_PER_IP", "off"),
            ("RATE_LIMIT_LOGIN_PER_ACCOUNT", "3/h"),
            ("RATE_LIMIT_REGISTER_PER_IP", "100/day"),
            ("LOGIN_BACKOFF_MAX_SECONDS", "0"),
            ("BCRYPT_QUEUE", "0"),
            ("BCRYPT_WAIT_BUDGET_MS", "60000"),
        ])
        .unwrap();
        assert_eq!(c.edge.limits.login_per_ip, None);
        assert_eq!(c.edge.limits.login_per_account, Rate::new(3, Duration::from_hours(1)));
        assert_eq!(c.edge.limits.register_per_ip, Rate::new(100, Duration::from_hours(24)));
        assert_eq!(c.edge.limits.backoff, None);
        assert_eq!(c.edge.bcrypt_queue, Some(0));
        assert_eq!(c.edge.bcrypt_wait_budget, Duration::from_mins(1));
        let c = config(&[("LOGIN_BACKOFF_FREE_FAILURES", "3"), ("LOGIN_BACKOFF_MAX_SECONDS", "60")]).unwrap();
        assert_eq!(c.edge.limits.backoff, Some(BackoffSettings { free_failures: 3, max_lock: Duration::from_mins(1) }));
        for (name, bad) in [
            ("RATE_LIMIT_LOGIN_PER_IP", "lots"),
            ("RATE_LIMIT_REGISTER_PER_IP", "0/h"),
            ("LOGIN_BACKOFF_MAX_SECONDS", "-1"),
            ("BCRYPT_QUEUE", "many"),
            ("BCRYPT_WAIT_BUDGET_MS", "0"),
            ("MARQUEE_CLIENT_IP_HEADER", "x-real-ip"),
            ("MARQUEE_HSTS_SECONDS", "forever"),
            ("MARQUEE_API_DOCS", "maybe"),
        ] {
            let err = config(&[(name, bad)]).unwrap_err().to_string();
            assert!(err.contains(name), "{name}={bad}: {err}");
        }
    }

    #[test]
    fn the_client_address_comes_from_a_proxy_header_only_when_asked() {
        assert_eq!(config(&[]).unwrap().edge.limits.client_ip, ClientIp::Peer);
        let one = std::num::NonZeroUsize::new(1).unwrap();
        let c = config(&[("MARQUEE_CLIENT_IP_HEADER", "X-Forwarded-For")]).unwrap();
        assert_eq!(c.edge.limits.client_ip, ClientIp::Header { header: ForwardedHeader::XForwardedFor, hops: one });
        let c = config(&[("MARQUEE_CLIENT_IP_HEADER", "forwarded"), ("MARQUEE_PROXY_HOPS", "2")]).unwrap();
        let two = std::num::NonZeroUsize::new(2).unwrap();
        assert_eq!(c.edge.limits.client_ip, ClientIp::Header { header: ForwardedHeader::Forwarded, hops: two });
        let err = config(&[("MARQUEE_CLIENT_IP_HEADER", "forwarded"), ("MARQUEE_PROXY_HOPS", "0")]).unwrap_err();
        assert!(err.to_string().contains("MARQUEE_PROXY_HOPS"), "{err}");
    }

    #[test]
    fn browser_settings_are_read_and_checked() {
        let c = config(&[
            ("MARQUEE_CORS_ORIGINS", "https://app.example.com, http://localhost:3000"),
            ("MARQUEE_HSTS_SECONDS", "31536000"),
            ("MARQUEE_API_DOCS", "false"),
        ])
        .unwrap();
        assert_eq!(c.edge.web.cors_origins, ["https://app.example.com", "http://localhost:3000"]);
        assert_eq!(c.edge.web.hsts, Some(Duration::from_hours(24 * 365)));
        assert!(!c.edge.web.api_docs);
        let err = config(&[("MARQUEE_CORS_ORIGINS", "https://app.example.com/")]).unwrap_err().to_string();
        assert!(err.contains("MARQUEE_CORS_ORIGINS") && err.contains("https://app.example.com/"), "{err}");
    }
}
