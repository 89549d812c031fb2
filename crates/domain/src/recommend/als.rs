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

/// ALS settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlsConfig {
    /// Interactions with at least this value are positives.
    pub positive: f32,
    /// Latent dimensions.
    pub factors: usize,
    /// Ridge `λ`.
    pub regularization: f32,
    /// Confidence of a positive is `1 + alpha`.
    pub alpha: f32,
    /// Alternating sweeps.
    pub iterations: usize,
    /// Conjugate-gradient steps per system.
    pub cg_steps: usize,
    /// Initialisation seed.
    pub seed: u64,
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
        let positives = data.positives(config.positive);
        let mut rng = SplitMix64::new(config.seed);
        let scale = 0.01;
        let mut init = |n: usize| (0..n * k).map(|_| (rng.next_f32() - 0.5) * scale).collect::<Vec<f32>>();
        let mut users = init(positives.n_users());
        let mut items = init(positives.n_items());
        for sweep in 1..=config.iterations {
            let rows = (0..positives.n_users()).map(|u| positives.user_items(u));
            solve_side(&mut users, &items, rows, config);
            let rows = (0..positives.n_items()).map(|i| positives.item_users(i));
            solve_side(&mut items, &users, rows, config);
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

/// One half-step: updates every row of `x` against the fixed `y`, row `r`'s positives being `rows[r]`.
#[allow(clippy::many_single_char_names, reason = "the names of the normal equations")]
fn solve_side<'a>(x: &mut [f32], y: &[f32], rows: impl Iterator<Item = &'a [u32]>, config: AlsConfig) {
    let k = config.factors;
    let yty = gram(y, k, config.regularization);
    let extra = config.alpha; // confidence − 1
    let (mut r, mut p, mut ap) = (vec![0.0_f32; k], vec![0.0_f32; k], vec![0.0_f32; k]);
    for (xu, positives) in x.chunks_exact_mut(k).zip(rows) {
        // r = b − A x, with b = Σ (1 + alpha) yᵢ and A x = YᵀY x + Σ alpha (yᵢ·x) yᵢ.
        mat_vec(&yty, xu, &mut r);
        for v in &mut r {
            *v = -*v;
        }
        for &i in positives {
            let yi = &y[i as usize * k..(i as usize + 1) * k];
            axpy(1.0 + extra - extra * dot(yi, xu), yi, &mut r);
        }
        p.copy_from_slice(&r);
        let mut rs_old = dot(&r, &r);
        for _ in 0..config.cg_steps {
            if rs_old < 1e-20 {
                break;
            }
            mat_vec(&yty, &p, &mut ap);
            for &i in positives {
                let yi = &y[i as usize * k..(i as usize + 1) * k];
                axpy(extra * dot(yi, &p), yi, &mut ap);
            }
            let step = rs_old / dot(&p, &ap);
            axpy(step, &p, xu);
            axpy(-step, &ap, &mut r);
            let rs_new = dot(&r, &r);
            let beta = rs_new / rs_old;
            for (pv, rv) in p.iter_mut().zip(&r) {
                *pv = rv + beta * *pv;
            }
            rs_old = rs_new;
        }
    }
}

impl Recommender for Als {
    fn score(&self, _data: &Matrix, user: usize, out: &mut [f32]) {
        let xu = self.user_factors(user);
        for (o, yi) in out.iter_mut().zip(self.items.chunks_exact(self.factors)) {
            *o = dot(xu, yi);
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Reason {
        Reason::MatchesYourTaste
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> AlsConfig {
        AlsConfig { positive: 4.0, factors: 4, regularization: 0.1, alpha: 10.0, iterations: 15, cg_steps: 4, seed: 1 }
    }

    #[test]
    fn the_cg_step_solves_the_weighted_ridge_system() {
        // With one fixed item side, a user's solution must satisfy the normal equations exactly (k = 2, 2 CG
        // steps solve a 2 × 2 system).
        let config = AlsConfig { factors: 2, cg_steps: 2, regularization: 0.5, alpha: 3.0, ..config() };
        let y = vec![1.0, 0.0, 0.5, 1.0, -1.0, 2.0];
        let mut x = vec![0.1, -0.2];
        let positives: Vec<u32> = vec![0, 2];
        solve_side(&mut x, &y, std::iter::once(positives.as_slice()), config);
        // A = YᵀY + λI + α Σ yᵢyᵢᵀ over positives; b = (1 + α) Σ yᵢ.
        let mut a = gram(&y, 2, 0.5);
        let mut b = vec![0.0; 2];
        for &i in &positives {
            let yi = &y[i as usize * 2..i as usize * 2 + 2];
            for r in 0..2 {
                for c in 0..2 {
                    a[r * 2 + c] += 3.0 * yi[r] * yi[c];
                }
                b[r] += 4.0 * yi[r];
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
    }
}
