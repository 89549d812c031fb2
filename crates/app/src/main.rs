//! The `marquee` binary: `serve`, `migrate`, `openapi`, `seed-demo`, `embed`, `admin`, `chart`, `train`, `import` and
//! `sync`.

mod config;
mod movielens;
mod providers;
mod seed;
mod sync;
mod wiring;

use std::io::Write as _;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::Config;

/// Marquee: rank and discover movies, shows, books and plays.
#[derive(Debug, Parser)]
#[command(name = "marquee", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database, load the demo catalog into an empty catalog (development), and serve the API.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (JSON) to stdout or a file.
    Openapi {
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
    /// Load the demo catalog if the catalog is empty.
    SeedDemo,
    /// Embed catalog items for semantic search: those without a current vector, or every item with --all.
    Embed {
        /// Re-embed every item.
        #[arg(long)]
        all: bool,
    },
    /// Grant or revoke admin rights (edit and merge catalog items).
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// The consensus chart.
    Chart {
        #[command(subcommand)]
        action: ChartAction,
    },
    /// Train the recommendation model (ALS) on every signal and store it; serving instances load it.
    Train,
    /// Import a data set into the catalog (idempotent: a re-run changes nothing).
    Import {
        #[command(subcommand)]
        source: ImportCommand,
    },
    /// Pull titles from a provider into the catalog (resumable; docs/providers.md).
    Sync {
        #[command(subcommand)]
        provider: SyncProvider,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// A MovieLens folder (movies.csv, links.csv, and with --ratings ratings.csv), e.g. ml-latest-small.
    Movielens {
        /// The folder.
        dir: std::path::PathBuf,
        /// Also create one account per MovieLens user (they cannot sign in) and turn their ratings into lists.
        #[arg(long)]
        ratings: bool,
    },
}

#[derive(Debug, Subcommand)]
enum SyncProvider {
    /// Trending, popular and top-rated titles plus genre lists from TMDb, or with --changes what changed.
    Tmdb(sync::TmdbSyncArgs),
}

#[derive(Debug, Subcommand)]
enum ChartAction {
    /// Refit the chart over every comparison and ranked list now, with progress.
    Refresh,
}

#[derive(Debug, Subcommand)]
enum AdminAction {
    /// Make the account with this e-mail address an admin.
    Grant {
        /// The account's e-mail address.
        email: String,
    },
    /// Take admin rights away.
    Revoke {
        /// The account's e-mail address.
        email: String,
    },
}

fn init_tracing(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi { output } = &cli.command {
        let json = wiring::openapi_json()?;
        return match output {
            Some(path) => std::fs::write(path, json).with_context(|| format!("writing {}", path.display())),
            None => std::io::stdout().write_all(json.as_bytes()).context("writing to stdout"),
        };
    }
    let config = Config::from_env()?;
    init_tracing(config.json_logs);
    tracing::info!(config = %config::describe(&config), "starting");
    actix_web::rt::System::new().block_on(async move {
        match cli.command {
            Command::Serve => wiring::serve(config).await,
            Command::Migrate => wiring::migrate(&config).await.map(|_| ()),
            Command::SeedDemo => wiring::seed_demo(&config).await,
            Command::Embed { all } => wiring::embed(&config, all).await,
            Command::Admin { action } => {
                let (email, grant) = match action {
                    AdminAction::Grant { email } => (email, true),
                    AdminAction::Revoke { email } => (email, false),
                };
                wiring::set_admin(&config, &email, grant).await
            }
            Command::Chart { action: ChartAction::Refresh } => wiring::refresh_chart(&config).await,
            Command::Train => wiring::train(&config).await,
            Command::Import { source: ImportCommand::Movielens { dir, ratings } } => {
                wiring::import_movielens(&config, &dir, ratings).await
            }
            Command::Sync { provider: SyncProvider::Tmdb(args) } => sync::tmdb(&config, &args).await,
            Command::Openapi { .. } => Ok(()),
        }
    })
}
