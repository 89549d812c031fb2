//! `marquee-eval`: the offline evaluation of the recommenders and of taste compatibility on the fixed MovieLens
//! split (docs/recommendations.md). It needs no database and no configuration; progress goes to stderr, results to
//! stdout.

use clap::{Parser, Subcommand};

/// Offline evaluation on the fixed MovieLens split.
#[derive(Debug, Parser)]
#[command(name = "marquee-eval", version, about)]
struct Cli {
    #[command(subcommand)]
    target: EvalTarget,
}

#[derive(Debug, Subcommand)]
enum EvalTarget {
    /// Train each recommender on split/train.csv and score its top-10 lists against split/test.csv.
    Movielens {
        /// The MovieLens folder (with movies.csv and split/).
        dir: std::path::PathBuf,
        /// `all`, `popular`, `user_cf`, `item_cf`, `mf`, `content` or `hybrid`.
        #[arg(long, default_value = "all")]
        strategy: String,
        /// Write each strategy's top-10 lists to DIR/<strategy>.csv.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Choose hyper-parameters on the inner split of train first (slow).
        #[arg(long)]
        tune: bool,
    },
    /// Validate taste compatibility: do users compatible on train agree more on their held-out ratings?
    Compatibility {
        /// The MovieLens folder (with movies.csv and split/).
        dir: std::path::PathBuf,
        /// Measure on the inner split of train (a fifth held out) instead of the test file.
        #[arg(long)]
        inner: bool,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().target {
        EvalTarget::Movielens { dir, strategy, out, tune } => {
            marquee_eval::movielens(&dir, &strategy, out.as_ref(), tune)
        }
        EvalTarget::Compatibility { dir, inner } => marquee_eval::compatibility(&dir, inner),
    }
}
