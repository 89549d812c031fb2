//! The ALS fold-in: a caller's user vector solved exactly from their current positives against the snapshot's
//! item factors, and the recommender that scores with it.

use crate::recommend::als::AlsConfig;
use crate::recommend::linalg::{axpy, cholesky_solve, dot};
use crate::recommend::{Matrix, Reason, Recommender};

/// ALS item factors aligned with the snapshot's item indices, plus `YᵀY` for solving user vectors, and which
/// titles anyone likes (the others' factors are fitted noise around zero: ALS has nothing to say about them).
#[derive(Debug, Clone)]
pub(super) struct Factors {
    pub(super) k: usize,
    pub(super) items: Vec<f32>,
    pub(super) gram: Vec<f32>,
    pub(super) liked: Vec<bool>,
}

/// Solves `(YᵀY + λI + Σ eᵢ yᵢyᵢᵀ) x = Σ (1 + eᵢ) yᵢ` exactly (Cholesky) over the caller's positives `items`
/// with their extra confidences `eᵢ` ([`extra_confidences`], the weighting training used): the user half-step of
/// implicit ALS for one user. With no positive, `x = 0`.
#[allow(clippy::many_single_char_names, reason = "the names of the normal equations")]
pub(super) fn solve_user(f: &Factors, items: &[u32], extra: &[f32], config: AlsConfig) -> Vec<f32> {
    let k = f.k;
    let mut a = f.gram.clone();
    let mut b = vec![0.0_f32; k];
    for d in 0..k {
        a[d * k + d] += config.regularization;
    }
    for (&i, &e) in items.iter().zip(extra) {
        let y = &f.items[i as usize * k..(i as usize + 1) * k];
        for (r, &yr) in y.iter().enumerate() {
            axpy(e * yr, y, &mut a[r * k..(r + 1) * k]);
        }
        axpy(1.0 + e, y, &mut b);
    }
    cholesky_solve(&mut a, &mut b, k);
    b
}

/// ALS with a user vector solved at request time.
#[derive(Debug)]
pub struct FoldedAls<'a> {
    pub(super) k: usize,
    pub(super) items: &'a [f32],
    pub(super) liked: &'a [bool],
    pub(super) user: Vec<f32>,
}

impl Recommender for FoldedAls<'_> {
    fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
        for ((o, y), liked) in out.iter_mut().zip(self.items.chunks_exact(self.k)).zip(self.liked) {
            *o = if *liked { dot(&self.user, y) } else { f32::NEG_INFINITY };
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Option<Reason> {
        Some(Reason::MatchesYourTaste)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::als::{Weighting, extra_confidences};
    use crate::recommend::linalg::gram;

    #[test]
    fn the_request_time_als_solve_weighs_positives_as_training_does() {
        // Training weighs a positive by α · value (linear weighting) and by recency; the caller's solve must too,
        // so a title scored 10 pulls the caller's vector harder toward it than one scored 6.
        let y = vec![1.0, 0.0, 0.0, 1.0];
        let f = Factors { k: 2, gram: gram(&y, 2, 0.0), items: y.clone(), liked: vec![true, true] };
        let config = AlsConfig {
            positive: 6.0,
            regularization: 1.0,
            alpha: 0.5,
            weighting: Weighting::Linear,
            recency_half_life: None,
            ..AlsConfig::default()
        };
        let solve = |value: f32| {
            let caller = Matrix::from_triples(1, 2, vec![(0, 0, value, 0)]);
            let extra = extra_confidences(&caller, config);
            solve_user(&f, extra.user_items(0), extra.user_values(0), config)
        };
        // One positive on item 0 (y₀ = e₁) with extra confidence e = α · v: x₀ = (1 + e) / (1 + λ + e), x₁ = 0.
        for value in [6.0_f32, 10.0] {
            let e = 0.5 * value;
            let x = solve(value);
            assert!((x[0] - (1.0 + e) / (2.0 + e)).abs() < 1e-5, "{value}: {x:?}");
            assert!(x[1].abs() < 1e-6);
        }
        assert!(solve(10.0)[0] > solve(6.0)[0]);
        assert_eq!(solve(5.0), vec![0.0, 0.0], "below the positive threshold nothing pulls");
    }
}
