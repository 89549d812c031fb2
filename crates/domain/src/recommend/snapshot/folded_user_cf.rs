//! The user-CF part of a request: the caller's neighbours, found at request time, and what they have.

use crate::recommend::{Matrix, Reason, Recommender};

/// User-CF with the caller's neighbours found at request time; sum-style scores `Σ sim · value`.
#[derive(Debug)]
pub struct FoldedUserCf<'a> {
    pub(super) train: &'a Matrix,
    pub(super) neighbours: Vec<(u32, f32)>,
}

impl Recommender for FoldedUserCf<'_> {
    fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
        out.fill(0.0);
        for &(v, sim) in &self.neighbours {
            let v = v as usize;
            for (&item, &value) in self.train.user_items(v).iter().zip(self.train.user_values(v)) {
                out[item as usize] += sim * value;
            }
        }
        for o in out.iter_mut() {
            if *o <= 0.0 {
                *o = f32::NEG_INFINITY;
            }
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, item: u32) -> Option<Reason> {
        let count = self.neighbours.iter().filter(|(v, _)| self.train.has(*v as usize, item)).count();
        Some(Reason::SimilarUsers { count: count as u32 })
    }
}
