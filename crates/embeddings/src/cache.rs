//! [`CachedEmbedder`]: remembers the vectors of recent single texts (search queries), so a query people repeat is
//! embedded once rather than on every request.
//!
//! One short query costs about 4 ms of both cores on this model (docs/benchmarks.md); a hit costs a hash lookup.
//! The cache is bounded: two generations of at most `capacity / 2` entries each. A lookup that hits the old
//! generation moves the entry to the new one; when the new one is full, the old one is dropped whole. That keeps
//! every operation O(1) and evicts roughly least-recently-used entries. Batches (backfills) pass straight through:
//! their texts are seldom seen twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use marquee_domain::semantic::{EmbedError, Embedder};

/// An [`Embedder`] that caches the vectors of single-text calls.
pub struct CachedEmbedder {
    inner: Arc<dyn Embedder>,
    half: usize,
    generations: Mutex<Generations>,
}

#[derive(Debug, Default)]
struct Generations {
    new: HashMap<String, Arc<[f32]>>,
    old: HashMap<String, Arc<[f32]>>,
}

impl std::fmt::Debug for CachedEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedEmbedder")
            .field("model", &self.inner.model_id())
            .field("capacity", &(self.half * 2))
            .field("cached", &self.len())
            .finish_non_exhaustive()
    }
}

impl CachedEmbedder {
    /// Wraps `inner`, keeping up to `capacity` vectors (384 floats, 1.5 KiB each). A capacity of 0 or 1 caches
    /// nothing.
    pub fn new(inner: Arc<dyn Embedder>, capacity: usize) -> Self {
        Self { inner, half: capacity / 2, generations: Mutex::new(Generations::default()) }
    }

    /// Wraps `inner` when `capacity` allows a cache, else returns it unchanged.
    pub fn wrap(inner: Arc<dyn Embedder>, capacity: usize) -> Arc<dyn Embedder> {
        if capacity / 2 == 0 || inner.unavailable().is_some() { inner } else { Arc::new(Self::new(inner, capacity)) }
    }

    /// The key of a text: the tokenizer lower-cases and splits on white space, so so does the key.
    fn key(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
    }

    fn get(&self, key: &str) -> Option<Arc<[f32]>> {
        let mut g = self.generations.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(v) = g.new.get(key) {
            return Some(v.clone());
        }
        let v = g.old.remove(key)?;
        self.insert_locked(&mut g, key.to_owned(), v.clone());
        Some(v)
    }

    fn insert_locked(&self, g: &mut Generations, key: String, vector: Arc<[f32]>) {
        if g.new.len() >= self.half {
            g.old = std::mem::take(&mut g.new);
        }
        g.new.insert(key, vector);
    }

    /// How many vectors are held (both generations).
    pub fn len(&self) -> usize {
        let g = self.generations.lock().unwrap_or_else(PoisonError::into_inner);
        g.new.len() + g.old.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[async_trait]
impl Embedder for CachedEmbedder {
    fn model_id(&self) -> &str {
        self.inner.model_id()
    }

    fn unavailable(&self) -> Option<&str> {
        self.inner.unavailable()
    }

    async fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let [text] = texts else { return self.inner.embed(texts).await };
        let key = Self::key(text);
        if let Some(v) = self.get(&key) {
            return Ok(vec![v.to_vec()]);
        }
        let vectors = self.inner.embed(texts).await?;
        if let [v] = vectors.as_slice() {
            let mut g = self.generations.lock().unwrap_or_else(PoisonError::into_inner);
            self.insert_locked(&mut g, key, Arc::from(v.as_slice()));
        }
        Ok(vectors)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Counts the texts it embeds; a text's vector is its length on axis 0.
    #[derive(Debug, Default)]
    struct Counting(AtomicUsize);

    #[async_trait]
    impl Embedder for Counting {
        fn model_id(&self) -> &'static str {
            "counting"
        }
        fn unavailable(&self) -> Option<&str> {
            None
        }
        async fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
            self.0.fetch_add(texts.len(), Ordering::SeqCst);
            Ok(texts.iter().map(|t| vec![t.len() as f32]).collect())
        }
    }

    fn one(text: &str) -> Vec<String> {
        vec![text.to_owned()]
    }

    #[tokio::test]
    async fn a_repeated_query_is_embedded_once_and_batches_pass_through() {
        let inner = Arc::new(Counting::default());
        let cache = CachedEmbedder::new(inner.clone(), 8);
        let first = cache.embed(&one("Space  thriller")).await.unwrap();
        let again = cache.embed(&one("space thriller ")).await.unwrap();
        assert_eq!(first, again, "same words, same vector");
        assert_eq!(inner.0.load(Ordering::SeqCst), 1);
        let batch = vec!["a".to_owned(), "bb".to_owned()];
        assert_eq!(cache.embed(&batch).await.unwrap(), vec![vec![1.0], vec![2.0]]);
        cache.embed(&batch).await.unwrap();
        assert_eq!(inner.0.load(Ordering::SeqCst), 5, "batches are never cached");
        assert_eq!(cache.len(), 1);
    }

    #[tokio::test]
    async fn the_cache_stays_bounded_and_keeps_what_is_used() {
        let inner = Arc::new(Counting::default());
        let cache = CachedEmbedder::new(inner.clone(), 4);
        for q in ["a", "b", "c", "d", "e", "f"] {
            cache.embed(&one(q)).await.unwrap();
            cache.embed(&one("kept")).await.unwrap(); // used after every other query
            assert!(cache.len() <= 4, "{}", cache.len());
        }
        let before = inner.0.load(Ordering::SeqCst);
        cache.embed(&one("kept")).await.unwrap();
        assert_eq!(inner.0.load(Ordering::SeqCst), before, "a hot entry survives eviction");
        cache.embed(&one("a")).await.unwrap();
        assert_eq!(inner.0.load(Ordering::SeqCst), before + 1, "a cold one was evicted");
    }

    #[test]
    fn no_capacity_means_no_wrapper() {
        let inner: Arc<dyn Embedder> = Arc::new(Counting::default());
        let wrapped = CachedEmbedder::wrap(inner.clone(), 1);
        assert!(Arc::ptr_eq(&inner, &wrapped));
    }
}
