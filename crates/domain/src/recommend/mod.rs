//! Recommenders over a generic interaction matrix.
//!
//! Inputs are `(user, item, value, time)` triples: a derived tier score, a rating, or an implicit signal. They
//! become an [`Interactions`] matrix (dense indices, both CSR directions, items sorted by id so that "ties by id"
//! is "ties by index"). Each strategy is fitted once and then serves one user at a time through
//! [`Recommender`]; [`top_n`] never returns what the user already has and breaks score ties by item index.
//! Every recommendation carries a machine-readable [`Reason`] that an API turns into text.
//!
//! Numeric code: indices are `u32`/`usize` and values `f32`; the casts between them are bounded by the matrix
//! sizes, hence the module-wide allows below.
#![allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]

pub mod als;
pub mod content;
pub mod exposure;
pub mod hybrid;
pub mod item_cf;
pub mod linalg;
pub mod matrix;
pub mod parallel;
pub mod popular;
pub mod service;
pub mod snapshot;
pub mod user_cf;

pub use matrix::{Interaction, Interactions, Matrix};

use serde::Serialize;

/// Why an item was recommended; item references are matrix indices (map them back with
/// [`Interactions::item_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reason {
    /// Popular among everyone, recently (time-decayed).
    Trending,
    /// Similar to an item the user ranked highly.
    BecauseYouRanked {
        /// The user's item that contributed most.
        item: u32,
    },
    /// Users whose scores correlate with the user's rank it highly.
    SimilarUsers {
        /// How many of the user's neighbours have it.
        count: u32,
    },
    /// The latent-factor model predicts it fits the user's taste.
    MatchesYourTaste,
    /// Its content vector is close to the centroid of what the user liked.
    SimilarContent {
        /// The liked item whose vector is closest to it.
        item: u32,
    },
}

/// One recommended item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Recommendation {
    /// The item's matrix index.
    pub item: u32,
    /// The strategy's score (higher is better; comparable only within one strategy and user).
    pub score: f32,
    /// Why; `None` when the strategy has no reason to give (e.g. no part of a blend actually contributed).
    pub reason: Option<Reason>,
}

/// A fitted strategy that scores every item for one user.
pub trait Recommender {
    /// Writes a score for every item into `out` (length = number of items). Items the user already has may get
    /// any score: [`Recommender::recommend`] removes them.
    fn score(&self, data: &Matrix, user: usize, out: &mut [f32]);

    /// Why `item` is recommended to `user`; `None` when nothing in the model speaks for it (a reason must be true,
    /// so there is no fallback text).
    fn reason(&self, data: &Matrix, user: usize, item: u32) -> Option<Reason>;

    /// The top `n` recommendations for `user`, never an item the user already has in `data`.
    fn recommend(&self, data: &Matrix, user: usize, n: usize) -> Vec<Recommendation> {
        let mut scores = vec![0.0_f32; data.n_items()];
        self.score(data, user, &mut scores);
        top_n(&scores, data.user_items(user), n)
            .into_iter()
            .map(|(item, score)| Recommendation { item, score, reason: self.reason(data, user, item) })
            .collect()
    }
}

/// The `n` best `(item, score)` pairs, score descending, ties by item ascending, skipping `exclude` (sorted
/// ascending) and non-finite scores.
pub fn top_n(scores: &[f32], exclude: &[u32], n: usize) -> Vec<(u32, f32)> {
    let better = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let mut best: Vec<(u32, f32)> = Vec::with_capacity(n + 1);
    for (item, &score) in scores.iter().enumerate() {
        let item = item as u32;
        if !score.is_finite() || exclude.binary_search(&item).is_ok() {
            continue;
        }
        if best.len() == n {
            match best.last() {
                Some(worst) if better(&(item, score), worst).is_lt() => {}
                _ => continue,
            }
        }
        let at = best.partition_point(|probe| better(probe, &(item, score)).is_lt());
        best.insert(at, (item, score));
        best.truncate(n);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_n_orders_by_score_then_index_and_excludes() {
        let scores = [1.0, 3.0, 3.0, f32::NAN, 2.0, 5.0];
        assert_eq!(top_n(&scores, &[5], 3), vec![(1, 3.0), (2, 3.0), (4, 2.0)]);
        assert_eq!(top_n(&scores, &[], 1), vec![(5, 5.0)]);
        assert_eq!(top_n(&scores, &[0, 1, 2, 4, 5], 3), vec![]);
    }
}
