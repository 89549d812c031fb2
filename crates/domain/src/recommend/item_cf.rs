//! Item-based kNN: cosine similarity between the items' positive-interaction columns, top-k per item.

use super::{Matrix, Reason, Recommender};

/// Item-kNN settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemCfConfig {
    /// Interactions with at least this value are positives.
    pub positive: f32,
    /// Neighbours kept per item.
    pub neighbours: usize,
    /// When set, a user's positives weigh `0.5^(k / h)` in scoring, `k` being the positive's place counting back
    /// from the user's newest (0 for the newest): recent taste says more about what comes next. `None`: all 1.
    pub recency_half_life: Option<f32>,
}

impl Default for ItemCfConfig {
    /// The settings chosen by `marquee-eval movielens --tune` on the mean of two inner splits of MovieLens train
    /// (docs/recommendations.md), for ratings on a 0.5–5 scale.
    fn default() -> Self {
        Self { positive: 4.0, neighbours: 400, recency_half_life: Some(10.0) }
    }
}

/// Fitted item-kNN: each item's nearest neighbours.
#[derive(Debug, Clone)]
pub struct ItemCf {
    positives: Matrix,
    recency_half_life: Option<f32>,
    neighbours: Vec<Vec<(u32, f32)>>,
}

impl ItemCf {
    /// Computes every item's `neighbours` most cosine-similar items over binary positives.
    pub fn fit(data: &Matrix, config: ItemCfConfig) -> Self {
        let positives = data.positives(config.positive);
        let n_items = positives.n_items();
        let norms: Vec<f32> = (0..n_items).map(|i| (positives.item_users(i).len() as f32).sqrt()).collect();
        let mut co = vec![0.0_f32; n_items];
        let mut touched = Vec::new();
        let mut neighbours = Vec::with_capacity(n_items);
        for i in 0..n_items {
            for &u in positives.item_users(i) {
                for &j in positives.user_items(u as usize) {
                    if co[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    co[j as usize] += 1.0;
                }
            }
            let mut row: Vec<(u32, f32)> = touched
                .iter()
                .filter(|&&j| j as usize != i)
                .map(|&j| (j, co[j as usize] / (norms[i] * norms[j as usize])))
                .collect();
            for &j in &touched {
                co[j as usize] = 0.0;
            }
            touched.clear();
            row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            row.truncate(config.neighbours);
            neighbours.push(row);
        }
        Self { positives, recency_half_life: config.recency_half_life, neighbours }
    }

    /// The stored neighbours of `item`, most similar first.
    pub fn neighbours(&self, item: u32) -> &[(u32, f32)] {
        &self.neighbours[item as usize]
    }

    /// The weight of each of `user`'s positives in scoring, aligned with their items (see
    /// [`ItemCfConfig::recency_half_life`]).
    pub fn history_weights(&self, user: usize) -> Vec<f32> {
        match self.recency_half_life {
            Some(half_life) => self.positives.recency_weights(user, half_life),
            None => vec![1.0; self.positives.user_items(user).len()],
        }
    }
}

impl Recommender for ItemCf {
    fn score(&self, _data: &Matrix, user: usize, out: &mut [f32]) {
        out.fill(0.0);
        for (&i, weight) in self.positives.user_items(user).iter().zip(self.history_weights(user)) {
            for &(j, sim) in self.neighbours(i) {
                out[j as usize] += weight * sim;
            }
        }
    }

    fn reason(&self, _data: &Matrix, user: usize, item: u32) -> Option<Reason> {
        let best = self
            .positives
            .user_items(user)
            .iter()
            .filter_map(|&i| self.neighbours(i).iter().find(|n| n.0 == item).map(|n| (i, n.1)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        best.map(|(i, _)| Reason::BecauseYouRanked { item: i })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_over_positives_and_the_reason_names_the_source() {
        // Items 0 and 1 always go together; item 2 once with 0; user 2's low value on 1 is not a positive.
        let data = Matrix::from_triples(
            3,
            3,
            vec![
                (0, 0, 5.0, 0),
                (0, 1, 5.0, 0),
                (1, 0, 4.0, 0),
                (1, 1, 4.0, 0),
                (1, 2, 4.0, 0),
                (2, 0, 5.0, 0),
                (2, 1, 1.0, 0),
            ],
        );
        let model = ItemCf::fit(&data, ItemCfConfig { positive: 4.0, neighbours: 5, recency_half_life: None });
        // Item 0 has 3 positive users, item 1 two, both shared: 2 / sqrt(3 · 2).
        let sim01 = 2.0 / 6.0_f32.sqrt();
        assert_eq!(model.neighbours(0)[0].0, 1);
        assert!((model.neighbours(0)[0].1 - sim01).abs() < 1e-6);
        let recs = model.recommend(&data, 0, 5);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].item, 2);
        // Item 2 is closer to item 1 (1 / sqrt(2)) than to item 0 (1 / sqrt(3)).
        assert_eq!(recs[0].reason, Some(Reason::BecauseYouRanked { item: 1 }));
    }

    #[test]
    fn recency_halves_the_weight_every_half_life_places_back() {
        // One user, positives at times 30, 10, 20 (item order): places back from the newest 0, 2, 1.
        let data = Matrix::from_triples(1, 3, vec![(0, 0, 5.0, 30), (0, 1, 5.0, 10), (0, 2, 5.0, 20)]);
        let model = ItemCf::fit(&data, ItemCfConfig { recency_half_life: Some(1.0), ..ItemCfConfig::default() });
        assert_eq!(model.history_weights(0), vec![1.0, 0.25, 0.5]);
        let flat = ItemCfConfig { recency_half_life: None, ..ItemCfConfig::default() };
        assert_eq!(ItemCf::fit(&data, flat).history_weights(0), vec![1.0; 3]);
    }
}
