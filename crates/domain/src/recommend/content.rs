//! Content-based: the centroid of the vectors of what the user liked, scored by cosine.
//!
//! Vectors come from outside (text embeddings, genre one-hots, tf-idf): any `&[f32]` of one fixed dimension per
//! item. Items without a vector are never recommended by this strategy.

use super::linalg::normalize;
use super::{Matrix, Reason, Recommender};

/// Fitted content model: unit-length item vectors, kept as 8-bit codes with one scale per item.
///
/// A serving snapshot holds one vector per catalog title (384 floats each with sentence embeddings, 15 MiB for
/// 10,000 titles); the codes take a quarter of that. Rounding moves a unit vector by at most
/// `sqrt(dim) / 254` of its largest component, which changes cosines in the third decimal: well below what
/// separates a good suggestion from a poor one.
#[derive(Debug, Clone)]
pub struct Content {
    dim: usize,
    positive: f32,
    codes: Vec<i8>,
    /// Per item: what one step of its codes is worth; 0 when the item has no vector.
    scales: Vec<f32>,
}

impl Content {
    /// Takes each item's vector from `vector(item)` (`None` when it has none); vectors of another length than
    /// `dim` are ignored. Interactions with at least `positive` are the user's likes.
    pub fn fit<V: AsRef<[f32]>>(n_items: usize, dim: usize, positive: f32, vector: impl Fn(u32) -> Option<V>) -> Self {
        let mut codes = vec![0_i8; n_items * dim];
        let mut scales = vec![0.0_f32; n_items];
        let mut unit = vec![0.0_f32; dim];
        for item in 0..n_items {
            let found = vector(item as u32);
            if let Some(v) = found.as_ref().map(AsRef::as_ref).filter(|v| v.len() == dim && v.iter().any(|x| *x != 0.0))
            {
                unit.copy_from_slice(v);
                normalize(&mut unit);
                let largest = unit.iter().fold(0.0_f32, |m, x| m.max(x.abs()));
                let scale = largest / 127.0;
                for (code, x) in codes[item * dim..(item + 1) * dim].iter_mut().zip(&unit) {
                    *code = (x / scale).round().clamp(-127.0, 127.0) as i8;
                }
                scales[item] = scale;
            }
        }
        Self { dim, positive, codes, scales }
    }

    /// The item's codes and their scale, when it has a vector.
    fn vector(&self, item: usize) -> Option<(&[i8], f32)> {
        let scale = self.scales[item];
        (scale > 0.0).then(|| (&self.codes[item * self.dim..(item + 1) * self.dim], scale))
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
            if let Some((codes, scale)) = self.vector(item as usize) {
                for (c, &code) in centroid.iter_mut().zip(codes) {
                    *c += scale * f32::from(code);
                }
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
                (Some(c), Some((codes, scale))) => {
                    scale * c.iter().zip(codes).map(|(x, &code)| x * f32::from(code)).sum::<f32>()
                }
                _ => f32::NEG_INFINITY,
            };
        }
    }

    fn reason(&self, data: &Matrix, user: usize, item: u32) -> Option<Reason> {
        let (target, target_scale) = self.vector(item as usize)?;
        let similarity = |(codes, scale): (&[i8], f32)| {
            let sum: i32 = codes.iter().zip(target).map(|(&a, &b)| i32::from(a) * i32::from(b)).sum();
            sum as f32 * scale * target_scale
        };
        self.likes(data, user)
            .into_iter()
            .filter_map(|liked| self.vector(liked as usize).map(|v| (liked, similarity(v))))
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
        // The cosine of item 2 to the centroid (item 0 itself), within the codes' rounding.
        assert!((recs[0].score - 0.9 / 0.82_f32.sqrt()).abs() < 5e-3, "{}", recs[0].score);
    }

    #[test]
    fn the_codes_keep_cosines_to_the_third_decimal() {
        let dim = 384;
        let mut seed = 0x2545_f491_u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as f32 / (1_u64 << 31) as f32 - 0.5
        };
        let vectors: Vec<Vec<f32>> = (0..50).map(|_| (0..dim).map(|_| next()).collect()).collect();
        let model = Content::fit(50, dim, 4.0, |i| Some(vectors[i as usize].as_slice()));
        let unit = |v: &[f32]| {
            let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            v.iter().map(|x| x / n).collect::<Vec<f32>>()
        };
        // The user liked item 0 only, so the centroid is its vector and each score a cosine to it.
        let data = Matrix::from_triples(1, 50, vec![(0, 0, 5.0, 0)]);
        let mut scores = vec![0.0; 50];
        model.score(&data, 0, &mut scores);
        let liked = unit(&vectors[0]);
        for (item, score) in scores.iter().enumerate() {
            let exact: f32 = liked.iter().zip(unit(&vectors[item])).map(|(a, b)| a * b).sum();
            assert!((score - exact).abs() < 2e-3, "item {item}: {score} vs {exact}");
        }
    }
}
