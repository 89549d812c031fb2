//! Hybrid: a weighted blend of strategies, with a fallback blend for users the main one cannot serve.
//!
//! Each part's scores are min–max normalised over the user's candidates before weighting, so parts with
//! different scales (counts, cosines, dot products) blend meaningfully. A user with fewer than `min_positives`
//! positives (a new user) gets the fallback blend instead (e.g. popularity plus content from whatever they
//! have). The reason of each recommendation is that of the part that contributed most to it.

use super::{Matrix, Reason, Recommendation, Recommender, top_n};

/// The weights of the standard blend (each part's scores are min–max normalised first, so only ratios matter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlendWeights {
    /// Matrix factorisation.
    pub mf: f32,
    /// Item-kNN.
    pub item_cf: f32,
    /// User-CF.
    pub user_cf: f32,
    /// Popularity.
    pub popular: f32,
    /// Content.
    pub content: f32,
}

impl BlendWeights {
    /// The fallback blend for users with too few positives for the collaborative parts.
    pub const COLD_START: Self = Self { mf: 0.0, item_cf: 0.0, user_cf: 0.0, popular: 0.8, content: 0.2 };
}

impl Default for BlendWeights {
    /// The weights chosen by `marquee eval movielens --tune` on the inner split of MovieLens train
    /// (docs/recommendations.md).
    fn default() -> Self {
        Self { mf: 0.3, item_cf: 0.3, user_cf: 0.0, popular: 0.0, content: 0.2 }
    }
}

/// One weighted part of a blend.
pub type Part<'a> = (f32, &'a (dyn Recommender + Sync));

/// A blend of fitted strategies.
#[derive(Clone, Copy)]
pub struct Hybrid<'a> {
    /// The blend for users with enough history.
    pub main: &'a [Part<'a>],
    /// The blend for new users.
    pub fallback: &'a [Part<'a>],
    /// Interactions at least this value are positives.
    pub positive: f32,
    /// Users with fewer positives get the fallback.
    pub min_positives: usize,
}

impl std::fmt::Debug for Hybrid<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hybrid")
            .field("main", &self.main.len())
            .field("fallback", &self.fallback.len())
            .field("min_positives", &self.min_positives)
            .finish_non_exhaustive()
    }
}

impl Hybrid<'_> {
    fn parts(&self, data: &Matrix, user: usize) -> &[Part<'_>] {
        let positives = data.user_values(user).iter().filter(|v| **v >= self.positive).count();
        if positives >= self.min_positives { self.main } else { self.fallback }
    }

    /// Each part's weighted, normalised scores (`parts × items`), normalised over the candidates `keep` accepts,
    /// and whether any part could score each item (gave it a finite raw score).
    fn part_scores(&self, data: &Matrix, user: usize, keep: &dyn Fn(u32) -> bool) -> (Vec<Vec<f32>>, Vec<bool>) {
        let owned = data.user_items(user);
        let mut scored = vec![false; data.n_items()];
        let parts = self
            .parts(data, user)
            .iter()
            .map(|(weight, part)| {
                let mut scores = vec![0.0_f32; data.n_items()];
                part.score(data, user, &mut scores);
                for (any, s) in scored.iter_mut().zip(&scores) {
                    *any |= s.is_finite();
                }
                let candidates = scores
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| s.is_finite() && keep(*i as u32) && owned.binary_search(&(*i as u32)).is_err())
                    .map(|(_, s)| *s);
                let (low, high) =
                    candidates.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), s| (lo.min(s), hi.max(s)));
                let range = high - low;
                for s in &mut scores {
                    // A part with no spread (or no usable score) contributes nothing rather than NaN.
                    *s = if s.is_finite() && range > 0.0 { weight * (*s - low) / range } else { 0.0 };
                }
                scores
            })
            .collect();
        (parts, scored)
    }

    /// [`Recommender::recommend`] among the items `keep` accepts only (a kind, what a user can stream): the others
    /// are neither normalised over nor returned.
    pub fn recommend_among(
        &self,
        data: &Matrix,
        user: usize,
        n: usize,
        keep: &dyn Fn(u32) -> bool,
    ) -> Vec<Recommendation> {
        let parts = self.parts(data, user);
        let (scores, scored) = self.part_scores(data, user, keep);
        let mut total = vec![0.0_f32; data.n_items()];
        for part in &scores {
            for (t, s) in total.iter_mut().zip(part) {
                *t += s;
            }
        }
        // A title no part could score is no candidate.
        for (item, t) in total.iter_mut().enumerate() {
            if !keep(item as u32) || !scored[item] {
                *t = f32::NEG_INFINITY;
            }
        }
        top_n(&total, data.user_items(user), n)
            .into_iter()
            .map(|(item, score)| Recommendation {
                item,
                score,
                reason: best_part(parts, &scores, item).reason(data, user, item),
            })
            .collect()
    }
}

impl Recommender for Hybrid<'_> {
    fn score(&self, data: &Matrix, user: usize, out: &mut [f32]) {
        out.fill(0.0);
        for scores in self.part_scores(data, user, &|_| true).0 {
            for (o, s) in out.iter_mut().zip(scores) {
                *o += s;
            }
        }
    }

    fn reason(&self, data: &Matrix, user: usize, item: u32) -> Reason {
        let parts = self.parts(data, user);
        let (scores, _) = self.part_scores(data, user, &|_| true);
        best_part(parts, &scores, item).reason(data, user, item)
    }

    fn recommend(&self, data: &Matrix, user: usize, n: usize) -> Vec<Recommendation> {
        self.recommend_among(data, user, n, &|_| true)
    }
}

fn best_part<'p>(parts: &'p [Part<'p>], scores: &[Vec<f32>], item: u32) -> &'p (dyn Recommender + Sync) {
    let mut best = 0;
    for (k, part) in scores.iter().enumerate() {
        if part[item as usize] > scores[best][item as usize] {
            best = k;
        }
    }
    parts[best].1
}

#[cfg(test)]
mod tests {
    use super::super::item_cf::{ItemCf, ItemCfConfig};
    use super::super::popular::{Popular, PopularConfig};
    use super::*;

    #[test]
    fn blends_and_falls_back_for_new_users() {
        // Item 2 is the most popular; item 3 goes with item 0.
        let data = Matrix::from_triples(
            4,
            4,
            vec![
                (0, 0, 5.0, 0),
                (0, 3, 5.0, 0),
                (1, 2, 5.0, 0),
                (2, 2, 5.0, 0),
                (2, 1, 4.0, 0),
                (3, 0, 5.0, 0),
                (3, 1, 1.0, 0),
            ],
        );
        let popular = Popular::fit(&data, PopularConfig::default());
        let item_cf = ItemCf::fit(&data, ItemCfConfig { neighbours: 10, ..ItemCfConfig::default() });
        let main: [Part; 2] = [(0.9, &item_cf), (0.1, &popular)];
        let fallback: [Part; 1] = [(1.0, &popular)];
        let hybrid = Hybrid { main: &main, fallback: &fallback, positive: 4.0, min_positives: 1 };
        let recs = hybrid.recommend(&data, 3, 2);
        assert_eq!(recs[0].item, 3);
        assert_eq!(recs[0].reason, Reason::BecauseYouRanked { item: 0 });
        assert!(recs.iter().all(|r| r.item != 0 && r.item != 1));
        // A user with no positives gets popularity only.
        let cold = Matrix::from_triples(4, 4, vec![(0, 1, 1.0, 0)]);
        let recs = hybrid.recommend(&cold, 0, 1);
        assert_eq!(recs[0].reason, Reason::Trending);
    }
}
