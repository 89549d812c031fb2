//! Content-based: the centroid of the vectors of what the user liked, scored by cosine.
//!
//! Vectors come from outside (text embeddings, genre one-hots, tf-idf): any `&[f32]` of one fixed dimension per
//! item. Items without a vector are never recommended by this strategy.

use super::linalg::{axpy, dot, normalize};
use super::{Matrix, Reason, Recommender};

/// Fitted content model: unit-length item vectors.
#[derive(Debug, Clone)]
pub struct Content {
    dim: usize,
    positive: f32,
    vectors: Vec<f32>,
    present: Vec<bool>,
}

impl Content {
    /// Takes each item's vector from `vector(item)` (`None` when it has none); vectors of another length than
    /// `dim` are ignored. Interactions with at least `positive` are the user's likes.
    pub fn fit<'a>(n_items: usize, dim: usize, positive: f32, vector: impl Fn(u32) -> Option<&'a [f32]>) -> Self {
        let mut vectors = vec![0.0_f32; n_items * dim];
        let mut present = vec![false; n_items];
        for item in 0..n_items {
            if let Some(v) = vector(item as u32).filter(|v| v.len() == dim && v.iter().any(|x| *x != 0.0)) {
                let row = &mut vectors[item * dim..(item + 1) * dim];
                row.copy_from_slice(v);
                normalize(row);
                present[item] = true;
            }
        }
        Self { dim, positive, vectors, present }
    }

    fn vector(&self, item: usize) -> Option<&[f32]> {
        self.present[item].then(|| &self.vectors[item * self.dim..(item + 1) * self.dim])
    }

    /// The liked items of `user`: their positives, or everything they have when none is positive.
    fn likes(&self, data: &Matrix, user: usize) -> Vec<u32> {
        let items = data.user_items(user);
        let liked: Vec<u32> =
            items.iter().zip(data.user_values(user)).filter(|(_, v)| **v >= self.positive).map(|(i, _)| *i).collect();
        if liked.is_empty() { items.to_vec() } else { liked }
    }

    /// The unit centroid of the user's liked vectors (`None` when none has a vector).
    pub fn centroid(&self, data: &Matrix, user: usize) -> Option<Vec<f32>> {
        let mut centroid = vec![0.0_f32; self.dim];
        let mut any = false;
        for item in self.likes(data, user) {
            if let Some(v) = self.vector(item as usize) {
                axpy(1.0, v, &mut centroid);
                any = true;
            }
        }
        normalize(&mut centroid);
        any.then_some(centroid)
    }
}

impl Recommender for Content {
    fn score(&self, data: &Matrix, user: usize, out: &mut [f32]) {
        let centroid = self.centroid(data, user);
        for (item, o) in out.iter_mut().enumerate() {
            *o = match (&centroid, self.vector(item)) {
                (Some(c), Some(v)) => dot(c, v),
                _ => f32::NEG_INFINITY,
            };
        }
    }

    fn reason(&self, data: &Matrix, user: usize, item: u32) -> Option<Reason> {
        let target = self.vector(item as usize)?;
        self.likes(data, user)
            .into_iter()
            .filter_map(|liked| self.vector(liked as usize).map(|v| (liked, dot(v, target))))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(liked, _)| Reason::SimilarContent { item: liked })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_cosine_to_the_liked_centroid() {
        let vectors = [vec![1.0, 0.0], vec![0.0, 1.0], vec![0.9, 0.1], vec![0.1, 0.9], vec![]];
        let model = Content::fit(5, 2, 4.0, |i| Some(vectors[i as usize].as_slice()));
        // The user liked item 0 and disliked item 1.
        let data = Matrix::from_triples(1, 5, vec![(0, 0, 5.0, 0), (0, 1, 1.0, 0)]);
        let recs = model.recommend(&data, 0, 5);
        let items: Vec<u32> = recs.iter().map(|r| r.item).collect();
        assert_eq!(items, vec![2, 3], "no vector, no recommendation; never an item the user has");
        assert_eq!(recs[0].reason, Some(Reason::SimilarContent { item: 0 }));
        assert!((recs[0].score - 0.9 / 0.82_f32.sqrt()).abs() < 1e-6);
    }
}
