//! The consensus chart: one Bradley–Terry fit over everyone's comparisons and ranked lists.
//!
//! **Inputs.** Every stored comparison (a placement answer and the like) counts with weight
//! [`ChartSettings::direct_weight`]. Every ranked list (S → D, best first inside a tier) also implies pairs, weighed
//! lower ([`ChartSettings::implied_weight`]) because nobody was asked about them. A list of `n` titles implies
//! `n(n−1)/2` pairs, far too many for long lists, so it contributes a sparse skeleton instead ([`implied_pairs`]):
//! each title over its successor (the `n − 1` adjacent pairs, which carry the whole order), plus for every power of
//! two `d ≥ 2` the pairs `L[i] > L[i + d]` for `i` a multiple of `d`, which tie distant parts of the list together
//! in few steps. That is fewer than `2n` pairs per list, so the fit costs `O(total list length)` per iteration.
//!
//! **Output.** Each title that took part gets a centred log-strength and its standard error
//! ([`crate::bradley_terry`]), stored in the chart by [`ChartService::refresh`] and read back by kind and genre.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::bradley_terry::{self, FitOptions, Pair};
use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaKind, MediaSummary};
use crate::page::{Page, PageRequest};

/// One stored comparison: `winner` preferred over `loser`, or a tie between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The title preferred (either one, for a tie).
    pub winner: MediaId,
    /// The other title.
    pub loser: MediaId,
    /// Whether the answer was "too close to call".
    pub tie: bool,
}

/// Everything the fit reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartInputs {
    /// Every user's comparisons.
    pub comparisons: Vec<Outcome>,
    /// Every user's ranked list, best first (tier order, then order inside the tier).
    pub lists: Vec<Vec<MediaId>>,
}

/// One title's place in the chart, as stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConsensusScore {
    /// The title.
    pub media: MediaId,
    /// Its centred log-strength.
    pub strength: f64,
    /// The standard error of `strength`.
    pub uncertainty: f64,
    /// How many outcomes (direct and implied) involve it.
    pub comparisons: u64,
}

/// Standard errors taken off a title's strength to place it in the chart (about a 97.7% one-sided lower bound).
pub const CHART_ERRORS: f64 = 2.0;

/// Where a title stands in the chart: its strength less [`CHART_ERRORS`] standard errors. Ranking by the strength
/// alone puts titles seen once or twice on top (a single enthusiastic list gives a high strength with a wide
/// error); the lower bound asks for evidence. Both stores order the chart by this, best first, then by id.
pub fn chart_position_score(strength: f64, uncertainty: f64) -> f64 {
    strength - CHART_ERRORS * uncertainty
}

/// A chart row as read: the score with the title's summary and the fit's time.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEntry {
    /// The title.
    pub media: MediaSummary,
    /// Its centred log-strength.
    pub strength: f64,
    /// The standard error of `strength`.
    pub uncertainty: f64,
    /// How many outcomes involve it.
    pub comparisons: u64,
    /// When the fit ran.
    pub fitted_at: DateTime<Utc>,
}

/// Which part of the chart to read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartFilter {
    /// Only this kind.
    pub kind: Option<MediaKind>,
    /// Only titles with this genre (case-insensitive).
    pub genre: Option<String>,
    /// Which page, strongest first.
    pub page: PageRequest,
}

/// The chart's storage.
#[async_trait]
pub trait ChartRepository: Send + Sync {
    /// Every comparison and every ranked list, for a fit.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn chart_inputs(&self) -> Result<ChartInputs, StoreError>;

    /// Replaces the whole chart with `scores` in one transaction; titles deleted meanwhile are skipped.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure; the previous chart then stays.
    async fn replace_chart(&self, scores: &[ConsensusScore], fitted_at: DateTime<Utc>) -> Result<(), StoreError>;

    /// One page of the chart, strongest first (ties by media id), with the total the filter matches.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn chart(&self, filter: &ChartFilter) -> Result<Page<ChartEntry>, StoreError>;

    /// The stored strength of each of `media` that the chart holds (titles outside it are left out): the
    /// consensus taste compatibility compares each user's list with.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn strengths(&self, media: &[MediaId]) -> Result<HashMap<MediaId, f64>, StoreError>;
}

/// How the chart is built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartSettings {
    /// The weight of a stored comparison.
    pub direct_weight: f64,
    /// The weight of a pair implied by a ranked list.
    pub implied_weight: f64,
    /// The fit's prior, tolerance and iteration limit.
    pub fit: FitOptions,
}

impl Default for ChartSettings {
    fn default() -> Self {
        Self { direct_weight: 1.0, implied_weight: 0.5, fit: FitOptions::default() }
    }
}

/// The pairs a list (best first) implies, as `(better, worse)` index pairs into it: adjacent pairs plus the
/// dyadic skeleton described in the module notes. Fewer than `2 × list.len()` pairs.
pub fn implied_pairs(len: usize) -> impl Iterator<Item = (usize, usize)> {
    let strides = std::iter::successors(Some(1_usize), |d| d.checked_mul(2)).take_while(move |&d| d < len);
    strides.flat_map(move |d| {
        // Stride 1 takes every start; longer strides only multiples of themselves.
        let step = d;
        (0..len - d).step_by(step).map(move |i| (i, i + d))
    })
}

/// The fit's input: pairs over dense indices, and the title behind each index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairSet {
    /// The title of each index.
    pub titles: Vec<MediaId>,
    /// The weighted outcomes.
    pub pairs: Vec<Pair>,
    /// How many came from stored comparisons.
    pub direct: usize,
    /// How many were implied by lists.
    pub implied: usize,
}

impl PairSet {
    /// Turns comparisons and lists into weighted pairs. A list naming a title twice contributes nothing for the
    /// repeat (stores never hold such lists; the guard keeps the fit's input valid anyway).
    pub fn build(inputs: &ChartInputs, settings: &ChartSettings) -> Self {
        let mut index: HashMap<MediaId, u32> = HashMap::new();
        let mut titles = Vec::new();
        let mut id = |m: MediaId| {
            *index.entry(m).or_insert_with(|| {
                titles.push(m);
                (titles.len() - 1) as u32
            })
        };
        let mut pairs =
            Vec::with_capacity(inputs.comparisons.len() + 2 * inputs.lists.iter().map(Vec::len).sum::<usize>());
        for c in &inputs.comparisons {
            if c.winner != c.loser {
                pairs.push(Pair {
                    winner: id(c.winner),
                    loser: id(c.loser),
                    weight: settings.direct_weight,
                    tie: c.tie,
                });
            }
        }
        let direct = pairs.len();
        for list in &inputs.lists {
            let ids: Vec<u32> = list.iter().map(|&m| id(m)).collect();
            for (better, worse) in implied_pairs(ids.len()) {
                if ids[better] != ids[worse] {
                    pairs.push(Pair {
                        winner: ids[better],
                        loser: ids[worse],
                        weight: settings.implied_weight,
                        tie: false,
                    });
                }
            }
        }
        let implied = pairs.len() - direct;
        Self { titles, pairs, direct, implied }
    }
}

/// What one refresh did.
#[derive(Debug, Clone, PartialEq)]
pub struct RefreshReport {
    /// Titles in the new chart.
    pub titles: usize,
    /// Pairs from stored comparisons.
    pub direct_pairs: usize,
    /// Pairs implied by ranked lists.
    pub implied_pairs: usize,
    /// Iterations the fit ran.
    pub iterations: u32,
    /// Whether it converged.
    pub converged: bool,
    /// When it ran (the chart's `fitted_at`).
    pub fitted_at: DateTime<Utc>,
    /// Wall time of the fit itself, in milliseconds.
    pub fit_millis: u128,
}

/// What a refresh reports while it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefreshProgress {
    /// Inputs read: this many pairs over this many titles.
    Loaded {
        /// Titles.
        titles: usize,
        /// Pairs.
        pairs: usize,
    },
    /// One fit iteration done, with the largest change of a strength.
    Iteration {
        /// The iteration.
        iteration: u32,
        /// The iteration limit.
        limit: u32,
        /// The largest change.
        change: f64,
    },
    /// The fit is being stored.
    Storing,
}

/// Why the chart could not be refreshed or read.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// Bad filter or settings.
    #[error("invalid chart request")]
    Invalid(Vec<FieldError>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The chart's use cases.
#[derive(Clone)]
pub struct ChartService {
    repo: Arc<dyn ChartRepository>,
    settings: ChartSettings,
}

impl fmt::Debug for ChartService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChartService").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl ChartService {
    /// A service over a chart store.
    pub fn new(repo: Arc<dyn ChartRepository>, settings: ChartSettings) -> Self {
        Self { repo, settings }
    }

    /// Reads every input, fits the model and replaces the stored chart.
    pub async fn refresh(
        &self,
        progress: &mut (dyn FnMut(RefreshProgress) + Send),
    ) -> Result<RefreshReport, ChartError> {
        let inputs = self.repo.chart_inputs().await?;
        let set = PairSet::build(&inputs, &self.settings);
        drop(inputs);
        progress(RefreshProgress::Loaded { titles: set.titles.len(), pairs: set.pairs.len() });
        let limit = self.settings.fit.max_iterations;
        let started = Instant::now();
        let fit = bradley_terry::fit(set.titles.len(), &set.pairs, &self.settings.fit, &mut |iteration, change| {
            progress(RefreshProgress::Iteration { iteration, limit, change });
        })
        .map_err(|e| ChartError::Invalid(vec![e]))?;
        let fit_millis = started.elapsed().as_millis();
        let scores: Vec<ConsensusScore> = set
            .titles
            .iter()
            .zip(&fit.strengths)
            .map(|(&media, s)| ConsensusScore {
                media,
                strength: s.theta,
                uncertainty: s.std_error,
                comparisons: s.comparisons,
            })
            .collect();
        progress(RefreshProgress::Storing);
        let fitted_at = Utc::now();
        self.repo.replace_chart(&scores, fitted_at).await?;
        Ok(RefreshReport {
            titles: scores.len(),
            direct_pairs: set.direct,
            implied_pairs: set.implied,
            iterations: fit.iterations,
            converged: fit.converged,
            fitted_at,
            fit_millis,
        })
    }

    /// One page of the chart.
    pub async fn chart(&self, filter: &ChartFilter) -> Result<Page<ChartEntry>, ChartError> {
        Ok(self.repo.chart(filter).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(n: u128) -> MediaId {
        MediaId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn short_lists_imply_their_adjacent_pairs() {
        assert_eq!(implied_pairs(0).count(), 0);
        assert_eq!(implied_pairs(1).count(), 0);
        assert_eq!(implied_pairs(2).collect::<Vec<_>>(), vec![(0, 1)]);
        assert_eq!(implied_pairs(3).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (0, 2)]);
    }

    #[test]
    fn the_skeleton_of_nine() {
        let pairs: Vec<_> = implied_pairs(9).collect();
        // 8 adjacent; stride 2 from 0, 2, 4, 6; stride 4 from 0, 4; stride 8 from 0.
        let expected = vec![
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 4),
            (4, 5),
            (5, 6),
            (6, 7),
            (7, 8),
            (0, 2),
            (2, 4),
            (4, 6),
            (6, 8),
            (0, 4),
            (4, 8),
            (0, 8),
        ];
        assert_eq!(pairs, expected);
    }

    #[test]
    fn the_skeleton_stays_under_two_pairs_per_title_and_always_points_down() {
        for len in [10, 100, 1_000, 4_097] {
            let pairs: Vec<_> = implied_pairs(len).collect();
            assert!(pairs.len() < 2 * len, "{len}: {}", pairs.len());
            assert!(pairs.iter().all(|&(a, b)| a < b && b < len));
        }
    }

    #[test]
    fn pairs_weigh_direct_answers_above_implied_ones() {
        let inputs = ChartInputs {
            comparisons: vec![Outcome { winner: m(2), loser: m(1), tie: false }],
            lists: vec![vec![m(1), m(2), m(3)]],
        };
        let set = PairSet::build(&inputs, &ChartSettings::default());
        assert_eq!(set.titles, vec![m(2), m(1), m(3)]);
        assert_eq!((set.direct, set.implied), (1, 3));
        assert_eq!(set.pairs[0], Pair { winner: 0, loser: 1, weight: 1.0, tie: false });
        assert_eq!(set.pairs[1], Pair { winner: 1, loser: 0, weight: 0.5, tie: false });
        assert!(set.pairs[1..].iter().all(|p| p.weight == 0.5));
    }
}
