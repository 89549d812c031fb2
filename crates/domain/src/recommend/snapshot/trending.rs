//! The popularity part of a request: trending titles, leaving out those nobody likes.

use crate::recommend::popular::Popular;
use crate::recommend::{Matrix, Reason, Recommender};

/// Popularity without the titles nobody likes.
#[derive(Debug)]
pub struct Trending<'a>(pub(super) &'a Popular);

impl Recommender for Trending<'_> {
    fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
        for (o, &s) in out.iter_mut().zip(self.0.scores()) {
            *o = if s > 0.0 { s } else { f32::NEG_INFINITY };
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Option<Reason> {
        Some(Reason::Trending)
    }
}
