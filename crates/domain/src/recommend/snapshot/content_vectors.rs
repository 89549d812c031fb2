//! The content vectors a snapshot is built with: sentence embeddings, or genre and decade vectors.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::media::{MediaId, MediaSummary};
use crate::semantic::VectorIndex;

/// Content vectors by title: sentence embeddings when semantic search is loaded, else genre and decade vectors.
#[derive(Debug, Clone, Default)]
pub struct ContentVectors {
    pub(super) dim: usize,
    source: Source,
}

/// Where the vectors are: held here, or read one at a time from the vector index.
#[derive(Clone)]
enum Source {
    Held(HashMap<MediaId, Vec<f32>>),
    /// The index's own copy: [`Snapshot::build`](crate::recommend::snapshot::Snapshot::build) codes each vector as it reads it, so the catalog's vectors are never
    /// all decoded at once (for 10,000 titles that would be 15 MiB more at the process's peak).
    Index(Arc<dyn VectorIndex>),
}

impl Default for Source {
    fn default() -> Self {
        Source::Held(HashMap::new())
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Held(vectors) => f.debug_struct("Held").field("titles", &vectors.len()).finish(),
            Source::Index(index) => f.debug_struct("Index").field("vectors", &index.len()).finish(),
        }
    }
}

impl ContentVectors {
    /// Vectors given whole; those of another length than `dim` are ignored by [`Snapshot::build`](crate::recommend::snapshot::Snapshot::build).
    pub fn new(dim: usize, vectors: HashMap<MediaId, Vec<f32>>) -> Self {
        Self { dim, source: Source::Held(vectors) }
    }

    /// The vector index's embeddings, read from it title by title when a snapshot is built. The dimension is that
    /// of the first catalog title the index holds (none: no vectors).
    pub fn from_index(index: Arc<dyn VectorIndex>, catalog: &[MediaSummary]) -> Self {
        let dim = catalog.iter().find_map(|m| index.vector(m.id)).map_or(0, |v| v.len());
        Self { dim, source: Source::Index(index) }
    }

    /// One slot per genre weighted by its inverse document frequency (rare genres say more), plus a decade
    /// one-hot at half weight, so that "a 1970s crime drama" is near other 1970s crime dramas.
    pub fn from_genres(catalog: &[MediaSummary]) -> Self {
        let mut genres: Vec<String> = catalog.iter().flat_map(|m| m.genres.iter().map(|g| g.to_lowercase())).collect();
        genres.sort_unstable();
        genres.dedup();
        let mut frequency = vec![0_u32; genres.len()];
        for m in catalog {
            for g in &m.genres {
                if let Ok(k) = genres.binary_search(&g.to_lowercase()) {
                    frequency[k] += 1;
                }
            }
        }
        // Decades 1880s–2030s.
        let (first_decade, decades) = (188_i32, 16_usize);
        let dim = genres.len() + decades;
        let n = catalog.len().max(1) as f32;
        let vectors = catalog
            .iter()
            .map(|m| {
                let mut v = vec![0.0_f32; dim];
                for g in &m.genres {
                    if let Ok(k) = genres.binary_search(&g.to_lowercase()) {
                        v[k] = (n / frequency[k] as f32).ln() + 1.0;
                    }
                }
                if let Some(d) = m.year.map(|y| i32::from(y) / 10 - first_decade)
                    && let Ok(d) = usize::try_from(d)
                    && d < decades
                {
                    v[genres.len() + d] = 0.5;
                }
                (m.id, v)
            })
            .collect();
        Self::new(dim, vectors)
    }

    /// The vector of a title: borrowed when held here, a copy when read from the index.
    pub fn get(&self, id: MediaId) -> Option<Cow<'_, [f32]>> {
        match &self.source {
            Source::Held(vectors) => vectors.get(&id).map(|v| Cow::Borrowed(v.as_slice())),
            Source::Index(index) => index.vector(id).map(Cow::Owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::MediaKind;
    use crate::recommend::content::Content;
    use crate::recommend::snapshot::tests::{id, summary};

    #[test]
    fn genre_vectors_weigh_rare_genres_and_decades() {
        let item = |n: u128, genres: &[&str], year| MediaSummary {
            id: MediaId(uuid::Uuid::from_u128(n)),
            kind: MediaKind::Movie,
            title: format!("t{n}"),
            original_title: None,
            year: Some(year),
            genres: genres.iter().map(|g| (*g).to_owned()).collect(),
            poster_path: None,
        };
        let catalog = [item(1, &["Drama", "Crime"], 1974), item(2, &["drama"], 1999), item(3, &[], 2500)];
        let v = ContentVectors::from_genres(&catalog);
        let (a, b, c) = (v.get(catalog[0].id).unwrap(), v.get(catalog[1].id).unwrap(), v.get(catalog[2].id).unwrap());
        // Genres [crime, drama]: crime is rarer.
        assert!(a[0] > a[1] && a[1] > 0.0 && (a[1] - b[1]).abs() < 1e-6);
        assert_eq!(a[2 + 9], 0.5, "the 1970s");
        assert!(c.iter().all(|x| *x == 0.0), "no genre, a year out of range");
    }

    /// A vector index holding a few vectors, read through the port only.
    struct Index(std::sync::Mutex<HashMap<MediaId, Vec<f32>>>);

    impl VectorIndex for Index {
        fn upsert(&self, id: MediaId, _kind: MediaKind, vector: &[f32]) {
            self.0.lock().unwrap().insert(id, vector.to_vec());
        }
        fn remove(&self, id: MediaId) -> bool {
            self.0.lock().unwrap().remove(&id).is_some()
        }
        fn vector(&self, id: MediaId) -> Option<Vec<f32>> {
            self.0.lock().unwrap().get(&id).cloned()
        }
        fn nearest(
            &self,
            _query: &[f32],
            _k: usize,
            _filter: crate::semantic::IndexFilter,
        ) -> Vec<crate::semantic::Neighbour> {
            Vec::new()
        }
        fn len(&self) -> usize {
            self.0.lock().unwrap().len()
        }
    }

    #[test]
    fn content_vectors_read_from_the_index_are_the_index_vectors() {
        // The first catalog title has no vector: the dimension comes from the first one that has.
        let catalog = [summary(1), summary(2), summary(3)];
        let index = Index(std::sync::Mutex::new(HashMap::new()));
        index.upsert(id(2), MediaKind::Movie, &[0.6, 0.8, 0.0]);
        index.upsert(id(3), MediaKind::Movie, &[0.0, 0.0, 1.0]);
        let held: HashMap<MediaId, Vec<f32>> = [(id(2), vec![0.6, 0.8, 0.0]), (id(3), vec![0.0, 0.0, 1.0])].into();
        let (from_index, from_map) =
            (ContentVectors::from_index(Arc::new(index), &catalog), ContentVectors::new(3, held));
        assert_eq!(from_index.dim, 3);
        for m in &catalog {
            assert_eq!(from_index.get(m.id).as_deref(), from_map.get(m.id).as_deref(), "{}", m.title);
        }
        assert!(from_index.get(id(1)).is_none());
        // Both code the same content part.
        let fit = |v: &ContentVectors| Content::fit(3, v.dim, 1.0, |i| v.get(catalog[i as usize].id));
        assert_eq!(format!("{:?}", fit(&from_index)), format!("{:?}", fit(&from_map)));
        let empty = Index(std::sync::Mutex::new(HashMap::new()));
        assert_eq!(ContentVectors::from_index(Arc::new(empty), &catalog).dim, 0, "no vectors, no dimension");
    }
}
