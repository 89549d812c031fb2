//! User-based collaborative filtering: Pearson correlation with significance weighting, sum-style scoring.
//!
//! Neighbours are found at serving time from the item columns (cost: the sum of the user's items' popularity), so
//! nothing quadratic in the number of users is kept. Scores are sums of `similarity · value` over the neighbours
//! that have the item: unlike a normalised weighted average, a sum does not push titles that a single neighbour
//! happened to love.

use super::{Matrix, Reason, Recommender};

/// User-CF settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UserCfConfig {
    /// How many most-similar users vote.
    pub neighbours: usize,
    /// Significance weighting: a correlation over `n` shared items is scaled by `min(n, shrink) / shrink`.
    pub shrink: f32,
    /// Pairs sharing fewer items are ignored.
    pub min_overlap: u32,
}

impl Default for UserCfConfig {
    /// The settings chosen by `marquee-eval movielens --tune` on the mean of two inner splits of MovieLens train
    /// (docs/recommendations.md).
    fn default() -> Self {
        Self { neighbours: 25, shrink: 50.0, min_overlap: 2 }
    }
}

/// Fitted user-CF: the users' mean values.
#[derive(Debug, Clone)]
pub struct UserCf {
    config: UserCfConfig,
    means: Vec<f32>,
}

impl UserCf {
    /// Computes each user's mean.
    pub fn fit(data: &Matrix, config: UserCfConfig) -> Self {
        let means = (0..data.n_users())
            .map(|u| {
                let values = data.user_values(u);
                if values.is_empty() { 0.0 } else { values.iter().sum::<f32>() / values.len() as f32 }
            })
            .collect();
        Self { config, means }
    }

    /// The `neighbours` users most similar to `user`, as `(user, shrunk Pearson correlation)`, best first;
    /// only positive correlations.
    pub fn neighbours(&self, data: &Matrix, user: usize) -> Vec<(u32, f32)> {
        let n_users = data.n_users();
        // Per other user: sum xy, sum x², sum y², count, over co-rated items, values centred on each user's mean.
        let mut acc = vec![[0.0_f32; 3]; n_users];
        let mut count = vec![0_u32; n_users];
        let mean_u = self.means[user];
        for (&item, &value) in data.user_items(user).iter().zip(data.user_values(user)) {
            let x = value - mean_u;
            for (&other, &other_value) in data.item_users(item as usize).iter().zip(data.item_values(item as usize)) {
                let y = other_value - self.means[other as usize];
                let a = &mut acc[other as usize];
                a[0] += x * y;
                a[1] += x * x;
                a[2] += y * y;
                count[other as usize] += 1;
            }
        }
        let mut sims: Vec<(u32, f32)> = (0..n_users)
            .filter(|&v| v != user && count[v] >= self.config.min_overlap)
            .filter_map(|v| {
                let [xy, xx, yy] = acc[v];
                let denom = (xx * yy).sqrt();
                if denom <= 0.0 {
                    return None;
                }
                let significance = (count[v] as f32).min(self.config.shrink) / self.config.shrink;
                let sim = xy / denom * significance;
                (sim > 0.0).then_some((v as u32, sim))
            })
            .collect();
        sims.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        sims.truncate(self.config.neighbours);
        sims
    }
}

impl Recommender for UserCf {
    fn score(&self, data: &Matrix, user: usize, out: &mut [f32]) {
        out.fill(0.0);
        for (v, sim) in self.neighbours(data, user) {
            for (&item, &value) in data.user_items(v as usize).iter().zip(data.user_values(v as usize)) {
                out[item as usize] += sim * value;
            }
        }
    }

    fn reason(&self, data: &Matrix, user: usize, item: u32) -> Option<Reason> {
        let count = self.neighbours(data, user).iter().filter(|(v, _)| data.has(*v as usize, item)).count();
        Some(Reason::SimilarUsers { count: count as u32 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Matrix {
        // user 0 and 1 agree (same order on items 0..3), user 2 is reversed; 1 and 2 have item 4 and 5.
        Matrix::from_triples(
            3,
            6,
            vec![
                (0, 0, 5.0, 0),
                (0, 1, 3.0, 0),
                (0, 2, 1.0, 0),
                (1, 0, 4.0, 0),
                (1, 1, 3.0, 0),
                (1, 2, 2.0, 0),
                (1, 4, 5.0, 0),
                (2, 0, 1.0, 0),
                (2, 1, 3.0, 0),
                (2, 2, 5.0, 0),
                (2, 5, 5.0, 0),
            ],
        )
    }

    #[test]
    fn pearson_with_significance_weighting() {
        let data = data();
        let model = UserCf::fit(&data, UserCfConfig { neighbours: 10, shrink: 6.0, min_overlap: 2 });
        let neighbours = model.neighbours(&data, 0);
        // User 0 centred: 2, 0, -2. User 1 (mean 3.5) centred on the shared items: 0.5, -0.5, -1.5. xy = 1 + 0 + 3 = 4, xx = 8, yy = 2.75.
        let expected = 4.0 / (8.0_f32 * 2.75).sqrt() * 3.0 / 6.0;
        assert_eq!(neighbours.len(), 1, "the reversed user correlates negatively and is dropped");
        assert_eq!(neighbours[0].0, 1);
        assert!((neighbours[0].1 - expected).abs() < 1e-6);
        let recs = model.recommend(&data, 0, 10);
        assert_eq!(recs[0].item, 4);
        assert_eq!(recs[0].reason, Some(Reason::SimilarUsers { count: 1 }));
        assert!(recs.iter().all(|r| r.item > 2), "never what the user has");
    }
}
