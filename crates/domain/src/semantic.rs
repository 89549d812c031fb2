//! Semantic search: sentence embeddings of catalog items, nearest neighbours, and hybrid (trigram + semantic)
//! search fused by reciprocal rank.
//!
//! Three ports: an [`Embedder`] turns texts into unit vectors (the ONNX adapter in `marquee-embeddings`), a
//! [`VectorIndex`] answers nearest-neighbour queries in process (exact today; an approximate index can implement
//! the same trait later), and an [`EmbeddingRepository`] keeps one vector per item and model. [`SemanticService`]
//! holds them together: it embeds the text recipe of [`embedding_text`], stores and indexes the vectors, and
//! answers queries. When the model or its runtime is missing, a [`MissingEmbedder`] stands in and every semantic
//! use case fails with [`SemanticError::Unavailable`], whose message says what is missing and how to install it.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::Arc;

use async_trait::async_trait;

use crate::catalog::{MediaHit, MediaRepository};
use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaItem, MediaKind, SearchQuery};
use crate::page::{Page, PageRequest};

/// The number of dimensions of every vector (all-MiniLM-L6-v2).
pub const DIMENSIONS: usize = 384;

/// The most hits one semantic query returns.
pub const MAX_LIMIT: usize = 100;

/// The constant of reciprocal rank fusion: a hit at rank `r` (from 1) scores `1 / (RRF_K + r)` per list.
pub const RRF_K: f32 = 60.0;

/// Why texts could not be embedded.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EmbedError {
    /// The model or its runtime is not installed; the message says what is missing and how to install it, in
    /// words safe to show a client (no file system paths).
    #[error("{0}")]
    Unavailable(String),
    /// Inference failed.
    #[error("embedding failed: {0}")]
    Failed(String),
}

/// Stored vectors read per query when the index is filled at start.
pub const LOAD_PAGE: u32 = 1024;

/// Turns texts into L2-normalised vectors of [`DIMENSIONS`] floats.
#[async_trait]
pub trait Embedder: Send + Sync {
    /// Names the model, e.g. `all-MiniLM-L6-v2`; vectors of different models are never compared.
    fn model_id(&self) -> &str;

    /// Why the embedder cannot work, or `None` when it can.
    fn unavailable(&self) -> Option<&str>;

    /// One unit vector per text, in order. Implementations run inference off the async workers.
    ///
    /// # Errors
    /// [`EmbedError::Unavailable`] when the model is missing; `Failed` when inference fails.
    async fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError>;
}

/// The embedder used when the model or runtime could not be loaded: every call fails with the reason.
#[derive(Debug, Clone)]
pub struct MissingEmbedder {
    model_id: String,
    reason: String,
}

impl MissingEmbedder {
    /// An embedder that explains why `model_id` is not available.
    pub fn new(model_id: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { model_id: model_id.into(), reason: reason.into() }
    }
}

#[async_trait]
impl Embedder for MissingEmbedder {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn unavailable(&self) -> Option<&str> {
        Some(&self.reason)
    }

    async fn embed(&self, _texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Err(EmbedError::Unavailable(self.reason.clone()))
    }
}

/// One nearest neighbour: an item and its cosine similarity to the query (-1 to 1, higher is closer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    /// The item.
    pub id: MediaId,
    /// Cosine similarity.
    pub score: f32,
}

/// Which items a nearest-neighbour query may return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexFilter {
    /// Only items of this kind.
    pub kind: Option<MediaKind>,
    /// Never this item (the one whose neighbours are asked for).
    pub exclude: Option<MediaId>,
}

/// Nearest neighbours among unit vectors, in process. Calls are CPU work of at most a few milliseconds.
pub trait VectorIndex: Send + Sync {
    /// Adds an item's vector, or replaces it. `vector` must have [`DIMENSIONS`] floats and unit length.
    fn upsert(&self, id: MediaId, kind: MediaKind, vector: &[f32]);

    /// Forgets an item; `false` when it was not there.
    fn remove(&self, id: MediaId) -> bool;

    /// The item's vector, if indexed.
    fn vector(&self, id: MediaId) -> Option<Vec<f32>>;

    /// The `k` items closest to `query` that pass `filter`, closest first.
    fn nearest(&self, query: &[f32], k: usize, filter: IndexFilter) -> Vec<Neighbour>;

    /// How many items are indexed.
    fn len(&self) -> usize;

    /// Whether the index is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An item's vector as stored, with its kind (for filtering).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEmbedding {
    /// The item.
    pub media: MediaId,
    /// Its kind.
    pub kind: MediaKind,
    /// The unit vector.
    pub vector: Vec<f32>,
}

/// A vector to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEmbedding {
    /// The item.
    pub media: MediaId,
    /// The unit vector.
    pub vector: Vec<f32>,
    /// [`text_hash`] of the text embedded.
    pub text_hash: String,
}

/// One vector per catalog item and model.
#[async_trait]
pub trait EmbeddingRepository: Send + Sync {
    /// Stores vectors of `model`, replacing older ones, in one transaction. Items deleted meanwhile are skipped.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure (nothing is written then).
    async fn upsert_embeddings(&self, model: &str, rows: &[NewEmbedding]) -> Result<(), StoreError>;

    /// Up to `limit` stored vectors of `model` after `after` (by item id), with their items' current kinds. Ordered by
    /// id, so callers page with `after` and never hold more than a page of rows at once.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn load_embeddings(
        &self,
        model: &str,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<StoredEmbedding>, StoreError>;

    /// Up to `limit` items after `after` (by id) that need a vector of `model`: those with none, or with one older
    /// than the item's last change; every item when `all`. Ordered by id, so callers page with `after`.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn pending_embeddings(
        &self,
        model: &str,
        all: bool,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<MediaItem>, StoreError>;

    /// How many items [`EmbeddingRepository::pending_embeddings`] would list in all.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn count_pending_embeddings(&self, model: &str, all: bool) -> Result<u64, StoreError>;

    /// The items with these ids that exist, in any order.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn media_by_ids(&self, ids: &[MediaId]) -> Result<Vec<MediaItem>, StoreError>;
}

/// The text embedded for an item: `Title (year). Genres: a, b. Overview`, leaving out what the item lacks; a book
/// adds `By author, author.` after the title and `Subjects: a, b.` after the genres (its Open Library facts, or a
/// manual entry's `author` attribute).
///
/// The title carries most of the meaning for short catalog entries; the year and genres let "a 90s comedy" land
/// near the right items; the overview, when there is one, describes the plot. The original title is left out: it
/// is often in another script and adds little for an English model. A book's authors and subjects say most of
/// what it is about, since Open Library's search answers carry no description.
pub fn embedding_text(item: &MediaItem) -> String {
    let mut text = item.title.clone();
    if let Some(year) = item.year {
        let _ = write!(text, " ({year})");
    }
    text.push('.');
    let facts =
        (item.kind == MediaKind::Book).then(|| crate::book::BookFacts::from_attributes(&item.attributes)).flatten();
    let authors = match &facts {
        Some(f) if !f.authors.is_empty() => Some(f.authors.join(", ")),
        _ if item.kind == MediaKind::Book => item.attributes.get("author").and_then(|a| a.as_str()).map(str::to_owned),
        _ => None,
    };
    if let Some(authors) = authors.filter(|a| !a.trim().is_empty()) {
        let _ = write!(text, " By {}.", authors.trim());
    }
    if !item.genres.is_empty() {
        text.push_str(" Genres: ");
        text.push_str(&item.genres.join(", "));
        text.push('.');
    }
    if let Some(subjects) = facts.map(|f| f.subjects).filter(|s| !s.is_empty()) {
        let _ = write!(text, " Subjects: {}.", subjects.join(", "));
    }
    if let Some(overview) = item.overview.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        text.push(' ');
        text.push_str(overview);
    }
    text
}

/// A stable 64-bit FNV-1a hash of a text, as 16 hex digits: tells whether an item's text changed since its vector
/// was made.
pub fn text_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Fuses ranked lists of ids: each id scores the sum over lists of `1 / (RRF_K + rank)`, rank counted from 1.
/// Best first; ties keep the order of first appearance.
pub fn reciprocal_rank_fusion(lists: &[Vec<MediaId>]) -> Vec<(MediaId, f32)> {
    let mut scores: Vec<(MediaId, f32)> = Vec::new();
    let mut at: HashMap<MediaId, usize> = HashMap::new();
    for list in lists {
        for (rank, id) in list.iter().enumerate() {
            let score = 1.0 / (RRF_K + (rank + 1) as f32);
            if let Some(&i) = at.get(id) {
                scores[i].1 += score;
            } else {
                at.insert(*id, scores.len());
                scores.push((*id, score));
            }
        }
    }
    // A stable sort keeps first-appearance order among equal scores.
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    scores
}

/// Why a semantic use case failed.
#[derive(Debug, thiserror::Error)]
pub enum SemanticError {
    /// The model or runtime is missing: the message says what and how to install it.
    #[error("semantic search is unavailable: {0}")]
    Unavailable(String),
    /// No such item.
    #[error("media item not found")]
    NotFound,
    /// Invalid input.
    #[error("invalid semantic search input")]
    Invalid(Vec<FieldError>),
    /// Inference failed.
    #[error("embedding failed: {0}")]
    Embed(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<EmbedError> for SemanticError {
    fn from(e: EmbedError) -> Self {
        match e {
            EmbedError::Unavailable(reason) => SemanticError::Unavailable(reason),
            EmbedError::Failed(cause) => SemanticError::Embed(cause),
        }
    }
}

/// A validated semantic query: free text (1 to 500 characters), an optional kind and a hit count (1 to 100).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SemanticQuery {
    /// The description, trimmed.
    pub text: String,
    /// Only items of this kind.
    pub kind: Option<MediaKind>,
    /// How many hits.
    pub limit: usize,
}

impl SemanticQuery {
    /// Validates the parts; reports every bad field.
    pub fn new(text: &str, kind: Option<&str>, limit: Option<i64>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = text.trim();
        if text.is_empty() {
            errors.push(FieldError::new("q", "must not be empty"));
        } else if text.chars().count() > 500 {
            errors.push(FieldError::new("q", "must be at most 500 characters"));
        }
        let kind = kind.map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
        let limit = check_limit(limit).map_err(|e| errors.push(e)).unwrap_or_default();
        if errors.is_empty() { Ok(Self { text: text.to_owned(), kind, limit }) } else { Err(errors) }
    }
}

/// A hit count of 1 to [`MAX_LIMIT`], 20 when not given.
///
/// # Errors
/// A [`FieldError`] on `limit` when out of range.
pub fn check_limit(limit: Option<i64>) -> Result<usize, FieldError> {
    match limit {
        None => Ok(20),
        Some(n) if (1..=MAX_LIMIT as i64).contains(&n) => Ok(n as usize),
        Some(_) => Err(FieldError::new("limit", format!("must be between 1 and {MAX_LIMIT}"))),
    }
}

/// The semantic use cases.
#[derive(Clone)]
pub struct SemanticService {
    embedder: Arc<dyn Embedder>,
    index: Arc<dyn VectorIndex>,
    store: Arc<dyn EmbeddingRepository>,
    media: Arc<dyn MediaRepository>,
}

impl fmt::Debug for SemanticService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SemanticService")
            .field("model", &self.embedder.model_id())
            .field("available", &self.embedder.unavailable().is_none())
            .field("indexed", &self.index.len())
            .finish_non_exhaustive()
    }
}

impl SemanticService {
    /// A service over an embedder, an index and the stores.
    pub fn new(
        embedder: Arc<dyn Embedder>,
        index: Arc<dyn VectorIndex>,
        store: Arc<dyn EmbeddingRepository>,
        media: Arc<dyn MediaRepository>,
    ) -> Self {
        Self { embedder, index, store, media }
    }

    /// The model's name.
    pub fn model_id(&self) -> &str {
        self.embedder.model_id()
    }

    /// Why semantic search cannot work, or `None` when it can.
    pub fn unavailable(&self) -> Option<&str> {
        self.embedder.unavailable()
    }

    /// How many items the index holds.
    pub fn indexed(&self) -> usize {
        self.index.len()
    }

    fn ready(&self) -> Result<(), SemanticError> {
        match self.embedder.unavailable() {
            Some(reason) => Err(SemanticError::Unavailable(reason.to_owned())),
            None => Ok(()),
        }
    }

    /// Fills the index with every stored vector of the model, a page of [`LOAD_PAGE`] rows at a time (so the
    /// process never holds the whole table twice); returns how many.
    pub async fn load_index(&self) -> Result<usize, SemanticError> {
        self.load_index_paged(LOAD_PAGE).await
    }

    /// [`Self::load_index`] with pages of `page` rows (at least one).
    pub async fn load_index_paged(&self, page: u32) -> Result<usize, SemanticError> {
        let page = page.max(1);
        let mut loaded = 0;
        let mut after = None;
        loop {
            let rows = self.store.load_embeddings(self.model_id(), after, page).await?;
            for row in &rows {
                self.index.upsert(row.media, row.kind, &row.vector);
            }
            loaded += rows.len();
            match rows.last() {
                Some(last) if rows.len() == page as usize => after = Some(last.media),
                _ => return Ok(loaded),
            }
        }
    }

    /// Embeds, stores and indexes these items; returns how many were written.
    pub async fn index_items(&self, items: &[MediaItem]) -> Result<usize, SemanticError> {
        if items.is_empty() {
            return Ok(0);
        }
        let texts: Vec<String> = items.iter().map(embedding_text).collect();
        let vectors = self.embedder.embed(&texts).await?;
        let rows: Vec<NewEmbedding> = items
            .iter()
            .zip(&texts)
            .zip(vectors)
            .map(|((item, text), vector)| NewEmbedding { media: item.id, vector, text_hash: text_hash(text) })
            .collect();
        self.store.upsert_embeddings(self.model_id(), &rows).await?;
        for (item, row) in items.iter().zip(&rows) {
            self.index.upsert(item.id, item.kind, &row.vector);
        }
        Ok(rows.len())
    }

    /// The next page of items needing a vector (see [`EmbeddingRepository::pending_embeddings`]).
    pub async fn pending(
        &self,
        all: bool,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<MediaItem>, SemanticError> {
        Ok(self.store.pending_embeddings(self.model_id(), all, after, limit).await?)
    }

    /// How many items need a vector.
    pub async fn count_pending(&self, all: bool) -> Result<u64, SemanticError> {
        Ok(self.store.count_pending_embeddings(self.model_id(), all).await?)
    }

    /// Items closest in meaning to a free-text description, closest first.
    pub async fn search(&self, query: &SemanticQuery) -> Result<Vec<MediaHit>, SemanticError> {
        self.ready()?;
        let vector = self.embed_one(query.text.clone()).await?;
        let filter = IndexFilter { kind: query.kind, exclude: None };
        self.hydrate(self.index.nearest(&vector, query.limit, filter)).await
    }

    /// The items nearest to one item, closest first (of its kind unless `kind` says otherwise). An item not yet
    /// indexed is embedded on the spot.
    pub async fn similar(
        &self,
        id: MediaId,
        kind: Option<MediaKind>,
        limit: usize,
    ) -> Result<Vec<MediaHit>, SemanticError> {
        self.ready()?;
        let item = self.media.get(id).await?.ok_or(SemanticError::NotFound)?;
        let vector = match self.index.vector(id) {
            Some(v) => v,
            None => self.embed_one(embedding_text(&item)).await?,
        };
        let filter = IndexFilter { kind: Some(kind.unwrap_or(item.kind)), exclude: Some(id) };
        self.hydrate(self.index.nearest(&vector, limit, filter)).await
    }

    /// Trigram and semantic hits fused by reciprocal rank: the best 100 of each, fused, then paged.
    pub async fn hybrid(&self, query: &SearchQuery) -> Result<Page<MediaHit>, SemanticError> {
        self.ready()?;
        let wide = PageRequest::new(Some(MAX_LIMIT as i64), Some(0)).map_err(SemanticError::Invalid)?;
        let trigram_query = SearchQuery { page: wide, ..query.clone() };
        let semantic_query = SemanticQuery { text: query.text.clone(), kind: query.kind, limit: MAX_LIMIT };
        let (trigram, semantic) = (self.media.search(&trigram_query).await?, self.search(&semantic_query).await?);
        let lists = [
            trigram.items.iter().map(|h| h.item.id).collect::<Vec<_>>(),
            semantic.iter().map(|h| h.item.id).collect::<Vec<_>>(),
        ];
        let mut items: HashMap<MediaId, MediaItem> =
            trigram.items.into_iter().chain(semantic).map(|h| (h.item.id, h.item)).collect();
        let fused = reciprocal_rank_fusion(&lists)
            .into_iter()
            .filter_map(|(id, relevance)| items.remove(&id).map(|item| MediaHit { item, relevance }))
            .collect();
        Ok(Page::slice(fused, query.page))
    }

    async fn embed_one(&self, text: String) -> Result<Vec<f32>, SemanticError> {
        let mut vectors = self.embedder.embed(&[text]).await?;
        vectors.pop().ok_or_else(|| SemanticError::Embed("the embedder returned no vector".to_owned()))
    }

    /// The items of these neighbours, in order; items deleted since they were indexed are dropped (and forgotten).
    async fn hydrate(&self, neighbours: Vec<Neighbour>) -> Result<Vec<MediaHit>, SemanticError> {
        let ids: Vec<MediaId> = neighbours.iter().map(|n| n.id).collect();
        let mut items: HashMap<MediaId, MediaItem> =
            self.store.media_by_ids(&ids).await?.into_iter().map(|m| (m.id, m)).collect();
        let mut hits = Vec::with_capacity(neighbours.len());
        for n in neighbours {
            match items.remove(&n.id) {
                Some(item) => hits.push(MediaHit { item, relevance: n.score }),
                None => {
                    self.index.remove(n.id);
                }
            }
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> MediaId {
        MediaId(uuid::Uuid::from_u128(n))
    }

    fn item(title: &str) -> MediaItem {
        let now = chrono::Utc::now();
        MediaItem {
            id: id(1),
            kind: MediaKind::Movie,
            title: title.to_owned(),
            original_title: Some("Ignored".to_owned()),
            year: None,
            overview: None,
            genres: vec![],
            poster_path: None,
            tmdb_id: None,
            imdb_id: None,
            attributes: serde_json::json!({}),
            created_by: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn the_text_recipe_joins_title_year_genres_and_overview() {
        let mut m = item("Alien");
        assert_eq!(embedding_text(&m), "Alien.");
        m.year = Some(1979);
        m.genres = vec!["Horror".into(), "Sci-Fi".into()];
        m.overview = Some("  A crew meets a deadly creature. ".into());
        assert_eq!(embedding_text(&m), "Alien (1979). Genres: Horror, Sci-Fi. A crew meets a deadly creature.");
        let book = MediaItem {
            kind: MediaKind::Book,
            title: "Sabriel".into(),
            year: Some(1995),
            genres: vec![],
            overview: None,
            attributes: serde_json::json!({"openlibrary": {"key": "OL15832982W", "authors": ["Garth Nix"], "subjects": ["Fantasy", "Magic"]}}),
            ..m.clone()
        };
        assert_eq!(embedding_text(&book), "Sabriel (1995). By Garth Nix. Subjects: Fantasy, Magic.");
        let manual = MediaItem {
            attributes: serde_json::json!({"author": "Tamsyn Muir"}),
            title: "Gideon the Ninth".into(),
            year: None,
            ..book
        };
        assert_eq!(embedding_text(&manual), "Gideon the Ninth. By Tamsyn Muir.");
        let film = MediaItem { attributes: serde_json::json!({"author": "ignored for films"}), ..m };
        assert!(!embedding_text(&film).contains("By"));
    }

    #[test]
    fn text_hash_is_stable_and_tells_texts_apart() {
        assert_eq!(text_hash(""), "cbf29ce484222325");
        assert_eq!(text_hash("a"), "af63dc4c8601ec8c");
        assert_ne!(text_hash("Alien."), text_hash("Aliens."));
    }

    #[test]
    fn rrf_rewards_items_both_lists_agree_on() {
        let (a, b, c, d) = (id(1), id(2), id(3), id(4));
        let fused = reciprocal_rank_fusion(&[vec![a, b, c], vec![c, d, b]]);
        let order: Vec<MediaId> = fused.iter().map(|f| f.0).collect();
        // b: 1/62 + 1/63, c: 1/63 + 1/61 beat a (1/61 alone) and d (1/62 alone).
        assert_eq!(order, vec![c, b, a, d]);
        assert!((fused[0].1 - (1.0 / 63.0 + 1.0 / 61.0)).abs() < 1e-6);
        assert!(reciprocal_rank_fusion(&[vec![], vec![]]).is_empty());
    }

    #[test]
    fn rrf_ties_keep_first_appearance() {
        let (a, b) = (id(1), id(2));
        let order: Vec<MediaId> = reciprocal_rank_fusion(&[vec![a], vec![b]]).into_iter().map(|f| f.0).collect();
        assert_eq!(order, vec![a, b]);
    }

    #[test]
    fn queries_are_validated_field_by_field() {
        let q = SemanticQuery::new("  lonely astronaut ", Some("movie"), None).unwrap();
        assert_eq!((q.text.as_str(), q.kind, q.limit), ("lonely astronaut", Some(MediaKind::Movie), 20));
        let errors = SemanticQuery::new(" ", Some("song"), Some(0)).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["q", "kind", "limit"]);
        assert!(SemanticQuery::new(&"x".repeat(501), None, Some(100)).is_err());
        assert!(SemanticQuery::new("x", None, Some(101)).is_err());
    }

    #[test]
    fn a_missing_embedder_says_why() {
        let e = MissingEmbedder::new("m", "no model");
        assert_eq!(e.unavailable(), Some("no model"));
        let err = futures::executor::block_on(e.embed(&["x".to_owned()])).unwrap_err();
        assert!(matches!(err, EmbedError::Unavailable(r) if r == "no model"));
    }
}
