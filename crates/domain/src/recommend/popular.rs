//! Popularity with exponential time decay ("trending").

use super::{Matrix, Reason, Recommender};

/// How popularity counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PopularConfig {
    /// Interactions with at least this value count (a "positive").
    pub positive: f32,
    /// A positive this many days older than the newest interaction counts half; `None`: no decay.
    pub half_life_days: Option<f32>,
}

impl Default for PopularConfig {
    /// The settings chosen by `marquee-eval movielens --tune` on the inner split of MovieLens train
    /// (docs/recommendations.md), for ratings on a 0.5–5 scale.
    fn default() -> Self {
        Self { positive: 4.0, half_life_days: None }
    }
}

/// Fitted popularity: one score per item.
#[derive(Debug, Clone)]
pub struct Popular {
    scores: Vec<f32>,
}

impl Popular {
    /// Sums each item's positives, each weighted by `0.5^(age / half_life)`.
    pub fn fit(data: &Matrix, config: PopularConfig) -> Self {
        let now = data.max_time();
        let mut scores = vec![0.0_f32; data.n_items()];
        for user in 0..data.n_users() {
            let rows = data.user_items(user).iter().zip(data.user_values(user)).zip(data.user_times(user));
            for ((&item, &value), &time) in rows {
                if value < config.positive {
                    continue;
                }
                let weight = config.half_life_days.map_or(1.0, |half_life| {
                    let age_days = (now - time) as f32 / 86_400.0;
                    (-std::f32::consts::LN_2 * age_days / half_life).exp()
                });
                scores[item as usize] += weight;
            }
        }
        Self { scores }
    }

    /// The fitted score of every item.
    pub fn scores(&self) -> &[f32] {
        &self.scores
    }
}

impl Recommender for Popular {
    fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
        out.copy_from_slice(&self.scores);
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Option<Reason> {
        Some(Reason::Trending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_positives_and_decays_old_ones() {
        let day = 86_400;
        let data = Matrix::from_triples(
            3,
            2,
            vec![(0, 0, 5.0, 0), (1, 0, 4.0, 0), (2, 0, 1.0, 10 * day), (2, 1, 5.0, 10 * day)],
        );
        let plain = Popular::fit(&data, PopularConfig { positive: 4.0, half_life_days: None });
        assert_eq!(plain.scores(), &[2.0, 1.0]);
        let decayed = Popular::fit(&data, PopularConfig { positive: 4.0, half_life_days: Some(10.0) });
        assert!((decayed.scores()[0] - 1.0).abs() < 1e-6, "two positives ten days old count half each");
        assert_eq!(decayed.recommend(&data, 2, 5).len(), 0);
        assert_eq!(decayed.recommend(&data, 0, 5)[0].item, 1);
    }
}
