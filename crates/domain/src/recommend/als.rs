//! Matrix factorisation from implicit feedback: alternating least squares with the confidence weighting of Hu,
//! Koren and Volinsky ("Collaborative Filtering for Implicit Feedback Datasets", 2008).
//!
//! Each positive has preference 1 and confidence `1 + alpha`; every other cell preference 0 and confidence 1. One
//! half-step solves, for every user, `(YᵀY + Yᵤᵀ(Cᵤ − I)Yᵤ + λI) xᵤ = YᵤᵀCᵤ pᵤ`; the `YᵀY` term is shared, so a
//! user costs only their own positives. The systems are solved with a few conjugate-gradient steps started from
//! the previous factors (as in Takács et al. 2011), which is as good as an exact solve after the first sweeps and
//! much cheaper. Initialisation is seeded, so a fit is reproducible.

use super::linalg::{SplitMix64, axpy, dot, gram, mat_vec};
use super::{Matrix, Reason, Recommender};

/// How an interaction's value becomes extra confidence `alpha · w(value)` (its confidence is `1 + alpha · w`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Weighting {
    /// `w = 1`: every kept interaction counts the same (the paper's binary case).
    Binary,
    /// `w = value`: a 5-star rating counts five times a 1-star one.
    Linear,
    /// `w = ln(1 + value / epsilon)`: the paper's log scaling, which damps large values.
    Log {
        /// The scale below which values count roughly linearly.
        epsilon: f32,
    },
}

impl Weighting {
    /// `w(value)`.
    pub fn weight(self, value: f32) -> f32 {
        match self {
            Self::Binary => 1.0,
            Self::Linear => value,
            Self::Log { epsilon } => (value / epsilon).ln_1p(),
        }
    }
}

/// ALS settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlsConfig {
    /// Interactions with at least this value are positives (preference 1); the rest are treated as unobserved.
    pub positive: f32,
    /// Latent dimensions.
    pub factors: usize,
    /// Ridge `λ`.
    pub regularization: f32,
    /// Confidence of a positive is `1 + alpha · weighting.weight(value)`.
    pub alpha: f32,
    /// How a positive's value scales its confidence.
    pub weighting: Weighting,
    /// When set, a user's positive also weighs `0.5^(k / h)` in its extra confidence, `k` being its place counting
    /// back from the user's newest positive (see [`Matrix::recency_weights`]). `None`: no recency.
    pub recency_half_life: Option<f32>,
    /// Alternating sweeps.
    pub iterations: usize,
    /// Conjugate-gradient steps per system.
    pub cg_steps: usize,
    /// Initialisation seed.
    pub seed: u64,
    /// Worker threads for the solves (`0`: one per available core). The result does not depend on it.
    pub threads: usize,
}

impl Default for AlsConfig {
    /// The settings chosen by `marquee-eval movielens --tune` on the mean of two inner splits of MovieLens train
    /// (docs/recommendations.md), for ratings on a 0.5–5 scale.
    fn default() -> Self {
        Self {
            positive: 4.0,
            factors: 128,
            regularization: 10.0,
            alpha: 0.25,
            weighting: Weighting::Binary,
            recency_half_life: Some(25.0),
            iterations: 10,
            cg_steps: 3,
            seed: 42,
            threads: 0,
        }
    }
}

/// Fitted factors: row-major user and item matrices.
#[derive(Debug, Clone)]
pub struct Als {
    factors: usize,
    users: Vec<f32>,
    items: Vec<f32>,
}

impl Als {
    /// Fits the factors; `progress` is called after each sweep with its number (from 1).
    pub fn fit(data: &Matrix, config: AlsConfig, mut progress: impl FnMut(usize)) -> Self {
        let k = config.factors;
        let extra = extra_confidences(data, config);
        let threads = match config.threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            n => n,
        };
        let mut rng = SplitMix64::new(config.seed);
        let scale = 0.01;
        let mut init = |n: usize| (0..n * k).map(|_| (rng.next_f32() - 0.5) * scale).collect::<Vec<f32>>();
        let mut users = init(extra.n_users());
        let mut items = init(extra.n_items());
        let by_user = |u: usize| (extra.user_items(u), extra.user_values(u));
        let by_item = |i: usize| (extra.item_users(i), extra.item_values(i));
        for sweep in 1..=config.iterations {
            solve_side(&mut users, &items, by_user, config, threads);
            solve_side(&mut items, &users, by_item, config, threads);
            progress(sweep);
        }
        Self { factors: k, users, items }
    }

    /// The factors of a user.
    pub fn user_factors(&self, user: usize) -> &[f32] {
        &self.users[user * self.factors..(user + 1) * self.factors]
    }

    /// The factors of an item.
    pub fn item_factors(&self, item: usize) -> &[f32] {
        &self.items[item * self.factors..(item + 1) * self.factors]
    }
}

/// The positives of `data` only, each valued by its extra confidence `c − 1 = α · w(value) · recency`, as
/// [`Als::fit`] weighs them. Serving calls it on a caller's one-row matrix, so a user vector solved at request
/// time sees the same confidences as training gave every other user.
#[must_use]
pub fn extra_confidences(data: &Matrix, config: AlsConfig) -> Matrix {
    let extra = data.filter_map(|_, _, v| (v >= config.positive).then(|| config.alpha * config.weighting.weight(v)));
    match config.recency_half_life {
        Some(half_life) => {
            let recency: Vec<Vec<f32>> = (0..extra.n_users()).map(|u| extra.recency_weights(u, half_life)).collect();
            extra.filter_map(|u, k, v| Some(v * recency[u][k]))
        }
        None => extra,
    }
}

/// One half-step: updates every row of `x` against the fixed `y`; `row(r)` gives row `r`'s positives and their
/// extra confidences. Rows are independent, so they are cut into `threads` contiguous runs of similar cost.
#[allow(clippy::many_single_char_names, reason = "the names of the normal equations")]
fn solve_side<'a>(
    x: &mut [f32],
    y: &[f32],
    row: impl Fn(usize) -> (&'a [u32], &'a [f32]) + Sync,
    config: AlsConfig,
    threads: usize,
) {
    let k = config.factors;
    let yty = gram(y, k, config.regularization);
    let rows = x.len() / k;
    // A row's CG costs about `k²` per step for the shared Gram matrix plus `k` per positive.
    let cost = |r: usize| k + row(r).0.len();
    let total: usize = (0..rows).map(cost).sum();
    let per_thread = total.div_ceil(threads.max(1)).max(1);
    let mut runs: Vec<(usize, &mut [f32])> = Vec::with_capacity(threads);
    let (mut rest, mut first, mut acc) = (x, 0, 0);
    for r in 0..rows {
        acc += cost(r);
        if acc >= per_thread || r + 1 == rows {
            let (run, tail) = rest.split_at_mut((r + 1 - first) * k);
            runs.push((first, run));
            (rest, first, acc) = (tail, r + 1, 0);
        }
    }
    let solve_run = |(first, run): (usize, &mut [f32])| {
        let (mut r, mut p, mut ap) = (vec![0.0_f32; k], vec![0.0_f32; k], vec![0.0_f32; k]);
        for (offset, xu) in run.chunks_exact_mut(k).enumerate() {
            let (positives, extra) = row(first + offset);
            solve_row(xu, y, &yty, positives, extra, config.cg_steps, [&mut r, &mut p, &mut ap]);
        }
    };
    if runs.len() <= 1 {
        runs.into_iter().for_each(solve_run);
    } else {
        std::thread::scope(|scope| {
            for run in runs {
                scope.spawn(|| solve_run(run));
            }
        });
    }
}

/// A few CG steps on `(YᵀY + λI + Σ cᵢ' yᵢyᵢᵀ) xᵤ = Σ (1 + cᵢ') yᵢ` from the current `xᵤ`, with `cᵢ'` the extra
/// confidence of positive `i`; `yty` already holds `YᵀY + λI`.
#[allow(clippy::many_single_char_names, reason = "the names of the normal equations")]
fn solve_row(
    xu: &mut [f32],
    y: &[f32],
    yty: &[f32],
    positives: &[u32],
    extra: &[f32],
    cg_steps: usize,
    [r, p, ap]: [&mut Vec<f32>; 3],
) {
    let k = xu.len();
    let factors = |i: u32| &y[i as usize * k..(i as usize + 1) * k];
    // r = b − A x.
    mat_vec(yty, xu, r);
    for v in r.iter_mut() {
        *v = -*v;
    }
    for (&i, &c) in positives.iter().zip(extra) {
        let yi = factors(i);
        axpy(1.0 + c - c * dot(yi, xu), yi, r);
    }
    p.copy_from_slice(r);
    let mut rs_old = dot(r, r);
    for _ in 0..cg_steps {
        if rs_old < 1e-20 {
            break;
        }
        mat_vec(yty, p, ap);
        for (&i, &c) in positives.iter().zip(extra) {
            let yi = factors(i);
            axpy(c * dot(yi, p), yi, ap);
        }
        let step = rs_old / dot(p, ap);
        axpy(step, p, xu);
        axpy(-step, ap, r);
        let rs_new = dot(r, r);
        let beta = rs_new / rs_old;
        for (pv, rv) in p.iter_mut().zip(r.iter()) {
            *pv = rv + beta * *pv;
        }
        rs_old = rs_new;
    }
}

impl Recommender for Als {
    fn score(&self, _data: &Matrix, user: usize, out: &mut [f32]) {
        let xu = self.user_factors(user);
        for (o, yi) in out.iter_mut().zip(self.items.chunks_exact(self.factors)) {
            *o = dot(xu, yi);
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Option<Reason> {
        Some(Reason::MatchesYourTaste)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> AlsConfig {
        AlsConfig {
            positive: 4.0,
            factors: 4,
            regularization: 0.1,
            alpha: 10.0,
            weighting: Weighting::Binary,
            recency_half_life: None,
            iterations: 15,
            cg_steps: 4,
            seed: 1,
            threads: 1,
        }
    }

    #[test]
    fn weightings() {
        assert_eq!(Weighting::Binary.weight(4.5), 1.0);
        assert_eq!(Weighting::Linear.weight(4.5), 4.5);
        // ln(1 + 3 / 1) = ln 4.
        assert!((Weighting::Log { epsilon: 1.0 }.weight(3.0) - 4.0_f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn the_cg_step_solves_the_weighted_ridge_system() {
        // With one fixed item side, a user's solution must satisfy the normal equations exactly (k = 2, 2 CG
        // steps solve a 2 × 2 system).
        let config = AlsConfig { factors: 2, cg_steps: 2, regularization: 0.5, alpha: 3.0, ..config() };
        let y = vec![1.0, 0.0, 0.5, 1.0, -1.0, 2.0];
        let mut x = vec![0.1, -0.2];
        let positives: Vec<u32> = vec![0, 2];
        let extra = vec![3.0, 1.5];
        solve_side(&mut x, &y, |_| (positives.as_slice(), extra.as_slice()), config, 1);
        // A = YᵀY + λI + Σ cᵢ' yᵢyᵢᵀ over positives; b = Σ (1 + cᵢ') yᵢ.
        let mut a = gram(&y, 2, 0.5);
        let mut b = vec![0.0; 2];
        for (&i, &c) in positives.iter().zip(&extra) {
            let yi = &y[i as usize * 2..i as usize * 2 + 2];
            for r in 0..2 {
                for col in 0..2 {
                    a[r * 2 + col] += c * yi[r] * yi[col];
                }
                b[r] += (1.0 + c) * yi[r];
            }
        }
        let mut ax = vec![0.0; 2];
        mat_vec(&a, &x, &mut ax);
        assert!((ax[0] - b[0]).abs() < 1e-4 && (ax[1] - b[1]).abs() < 1e-4, "{ax:?} vs {b:?}");
    }

    #[test]
    fn learns_block_structure_and_is_reproducible() {
        // Users 0–2 like items 0–2, users 3–5 items 3–5; user 0 lacks item 2, user 3 lacks item 5.
        let mut triples = Vec::new();
        for u in 0..6_u32 {
            let block = if u < 3 { 0..3 } else { 3..6 };
            for i in block {
                if (u, i) != (0, 2) && (u, i) != (3, 5) {
                    triples.push((u, i, 5.0, 0));
                }
            }
        }
        let data = Matrix::from_triples(6, 6, triples);
        let mut sweeps = 0;
        let model = Als::fit(&data, config(), |_| sweeps += 1);
        assert_eq!(sweeps, 15);
        assert_eq!(model.recommend(&data, 0, 1)[0].item, 2);
        assert_eq!(model.recommend(&data, 3, 1)[0].item, 5);
        let again = Als::fit(&data, config(), |_| {});
        assert_eq!(model.user_factors(4), again.user_factors(4));
        // Rows are independent, so cutting them over threads changes nothing, bit for bit.
        let threaded = Als::fit(&data, AlsConfig { threads: 3, ..config() }, |_| {});
        assert_eq!(model.user_factors(4), threaded.user_factors(4));
        assert_eq!(model.item_factors(5), threaded.item_factors(5));
    }

    #[test]
    fn a_higher_rating_pulls_harder() {
        // User 0 rated item 0 with 5 and item 1 with 1, both kept as positives; with linear weighting the model
        // must fit item 0 closer to preference 1 than item 1.
        let data = Matrix::from_triples(2, 3, vec![(0, 0, 5.0, 0), (0, 1, 1.0, 0), (1, 2, 5.0, 0)]);
        let model = Als::fit(&data, AlsConfig { positive: 0.5, weighting: Weighting::Linear, ..config() }, |_| {});
        let score = |i: usize| dot(model.user_factors(0), model.item_factors(i));
        assert!(score(0) > score(1), "{} vs {}", score(0), score(1));
    }
}
