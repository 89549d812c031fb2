//! The item-kNN part of a request: the neighbours of the caller's current positives.

use crate::recommend::item_cf::ItemCf;
use crate::recommend::{Matrix, Reason, Recommender};

/// Item-kNN over the caller's current positives.
#[derive(Debug)]
pub struct FoldedItemCf<'a> {
    pub(super) model: &'a ItemCf,
    pub(super) positive: f32,
    pub(super) recency_half_life: Option<f32>,
}

impl Recommender for FoldedItemCf<'_> {
    fn score(&self, data: &Matrix, _user: usize, out: &mut [f32]) {
        out.fill(0.0);
        // Weighted by recency as training weighs every user's history ([`ItemCf::history_weights`]).
        let mine = data.positives(self.positive);
        let weights = match self.recency_half_life {
            Some(half_life) => mine.recency_weights(0, half_life),
            None => vec![1.0; mine.user_items(0).len()],
        };
        for (&i, weight) in mine.user_items(0).iter().zip(weights) {
            for &(j, sim) in self.model.neighbours(i) {
                out[j as usize] += weight * sim;
            }
        }
        // No neighbour, no evidence: such titles are not item-kNN recommendations.
        for o in out.iter_mut() {
            if *o <= 0.0 {
                *o = f32::NEG_INFINITY;
            }
        }
    }

    fn reason(&self, data: &Matrix, _user: usize, item: u32) -> Option<Reason> {
        positives(data, self.positive)
            .filter_map(|i| self.model.neighbours(i).iter().find(|n| n.0 == item).map(|n| (i, n.1)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| Reason::BecauseYouRanked { item: i })
    }
}

fn positives(data: &Matrix, threshold: f32) -> impl Iterator<Item = u32> + '_ {
    data.user_items(0).iter().zip(data.user_values(0)).filter(move |(_, v)| **v >= threshold).map(|(i, _)| *i)
}
