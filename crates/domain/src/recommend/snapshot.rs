//! The in-memory model a serving instance answers from, and the scorers that fold one caller's *current* signals
//! into it.
//!
//! A [`Snapshot`] is built from every signal and the catalog: the interaction matrix, item-kNN neighbours,
//! time-decayed popularity, user means for user-CF, content vectors and (when a trained model is stored) the ALS
//! item factors with their Gram matrix. It is immutable; the service swaps a new one in whole.
//!
//! A request never uses the caller's row of the training matrix. It builds a one-row matrix from the caller's
//! signals as they are now and scores against the snapshot: the ALS user vector is solved exactly from the
//! caller's current positives against the item factors, item-kNN sums the neighbours of their current positives,
//! user-CF correlates their current values with everyone else's, and content takes the centroid of their current
//! likes. Someone who ranked titles a second ago gets results that reflect them.
//!
//! The hybrid's exposure re-rank ([`super::exposure`]) needs to know what every user's base list shows: the
//! snapshot counts it when it is built, by folding in each user's stored signals exactly as a request would and
//! taking the base blend's top `depth`. A request re-ranks against those counts; they follow the catalog's
//! signals as of the build, not each new ranking.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::als::{AlsConfig, Weighting, extra_confidences};
use super::content::Content;
use super::exposure::{Exposure, ExposureConfig};
use super::hybrid::{BlendWeights, Hybrid, Part};
use super::item_cf::{ItemCf, ItemCfConfig};
use super::linalg::{axpy, dot, gram};
use super::parallel::map_indices;
use super::popular::{Popular, PopularConfig};
use super::user_cf::UserCfConfig;
use super::{Interaction, Interactions, Matrix, Reason, Recommender};
use crate::media::{MediaId, MediaSummary};
use crate::semantic::VectorIndex;
use crate::user::UserId;

/// The settings of every part of serving, from one place ([`Settings::default`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Signals of at least this value (on the 0–10 score scale) are positives.
    pub positive: f32,
    /// Trending.
    pub popular: PopularConfig,
    /// User-based CF.
    pub user_cf: UserCfConfig,
    /// Item-kNN.
    pub item_cf: ItemCfConfig,
    /// Matrix factorisation.
    pub als: AlsConfig,
    /// The hybrid blend for users with positives.
    pub hybrid: BlendWeights,
    /// The blend for users without.
    pub cold_start: BlendWeights,
    /// The exposure re-rank of the hybrid blend (not of the cold-start one).
    pub exposure: ExposureConfig,
}

/// Signals of at least this value are positives: B tier and better, and every implicit signal but a plain view
/// of something ranked low (see [`crate::recommend::service::SignalSource::value`]).
pub const POSITIVE: f32 = 6.0;

impl Default for Settings {
    /// The serving settings. The one place to change them: the offline tuning of docs/recommendations.md applies
    /// here.
    fn default() -> Self {
        Self {
            positive: POSITIVE,
            popular: PopularConfig { positive: POSITIVE, half_life_days: Some(7.0) },
            // Pearson is scale-free, so the tuned user-CF settings apply as they are.
            user_cf: UserCfConfig::default(),
            item_cf: ItemCfConfig { positive: POSITIVE, ..ItemCfConfig::default() },
            als: serving_als(AlsConfig::default()),
            hybrid: BlendWeights::default(),
            cold_start: BlendWeights::COLD_START,
            exposure: ExposureConfig::default(),
        }
    }
}

/// ALS settings tuned on ratings of 0.5–5, for signals on the 0–10 score scale: a value here is twice a star
/// rating, so a positive keeps the confidence its star rating had in the tuning (linear weighting halves α, log
/// weighting doubles ε, binary weighting ignores the value).
fn serving_als(tuned: AlsConfig) -> AlsConfig {
    let (alpha, weighting) = match tuned.weighting {
        Weighting::Binary => (tuned.alpha, Weighting::Binary),
        Weighting::Linear => (tuned.alpha / 2.0, Weighting::Linear),
        Weighting::Log { epsilon } => (tuned.alpha, Weighting::Log { epsilon: epsilon * 2.0 }),
    };
    AlsConfig { positive: POSITIVE, alpha, weighting, ..tuned }
}

/// Trained ALS item factors, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFactors {
    /// Latent dimensions.
    pub factors: usize,
    /// One vector of `factors` floats per title.
    pub items: Vec<(MediaId, Vec<f32>)>,
}

/// ALS item factors aligned with the snapshot's item indices, plus `YᵀY` for solving user vectors, and which
/// titles anyone likes (the others' factors are fitted noise around zero: ALS has nothing to say about them).
#[derive(Debug, Clone)]
struct Factors {
    k: usize,
    items: Vec<f32>,
    gram: Vec<f32>,
    liked: Vec<bool>,
}

/// Everything a request scores against; see the module docs.
#[derive(Debug)]
pub struct Snapshot {
    /// The catalog in item-index order (ascending id).
    catalog: Vec<MediaSummary>,
    data: Interactions<UserId, MediaId>,
    means: Vec<f32>,
    popular: Popular,
    item_cf: ItemCf,
    content: Content,
    factors: Option<Factors>,
    exposure: Exposure,
    settings: Settings,
    /// When this snapshot was built.
    pub built_at: DateTime<Utc>,
}

impl Snapshot {
    /// Builds from every signal (as `(user, media, value, time)` interactions, one per pair) and the catalog;
    /// `vectors` gives each title's content vector and its dimension, and `factors` the trained ALS item factors.
    /// Signals on titles outside `catalog` are ignored.
    pub fn build(
        signals: &[Interaction<UserId, MediaId>],
        catalog: Vec<MediaSummary>,
        vectors: &ContentVectors,
        factors: Option<&ItemFactors>,
        settings: Settings,
    ) -> Self {
        let mut catalog = catalog;
        catalog.sort_by_key(|m| m.id);
        let ids: Vec<MediaId> = catalog.iter().map(|m| m.id).collect();
        let known = |id: &MediaId| ids.binary_search(id).is_ok();
        let signals: Vec<Interaction<UserId, MediaId>> = signals.iter().filter(|s| known(&s.item)).copied().collect();
        let data = Interactions::build(&signals, &ids);
        let matrix = &data.matrix;
        let means = (0..matrix.n_users())
            .map(|u| {
                let values = matrix.user_values(u);
                if values.is_empty() { 0.0 } else { values.iter().sum::<f32>() / values.len() as f32 }
            })
            .collect();
        let content = Content::fit(ids.len(), vectors.dim, settings.positive, |i| vectors.get(ids[i as usize]));
        let factors = factors.map(|f| {
            let k = f.factors;
            let mut items = vec![0.0_f32; ids.len() * k];
            for (id, v) in &f.items {
                if let (Ok(i), true) = (ids.binary_search(id), v.len() == k) {
                    items[i * k..(i + 1) * k].copy_from_slice(v);
                }
            }
            let gram = gram(&items, k, 0.0);
            let liked = (0..ids.len()).map(|i| matrix.item_values(i).iter().any(|v| *v >= settings.positive)).collect();
            Factors { k, items, gram, liked }
        });
        let mut snapshot = Self {
            popular: Popular::fit(matrix, settings.popular),
            item_cf: ItemCf::fit(matrix, settings.item_cf),
            means,
            content,
            factors,
            exposure: Exposure::none(ids.len()),
            catalog,
            data,
            settings,
            built_at: Utc::now(),
        };
        if settings.exposure.is_on() {
            snapshot.exposure = snapshot.count_exposure();
        }
        snapshot
    }

    /// Every user's base hybrid top `depth`, from their stored signals folded in as a request folds in the
    /// caller's, counted into exposures. Users without a positive are served the cold-start blend, which is not
    /// re-ranked, so they do not count. Users are independent, so they are spread over the cores.
    fn count_exposure(&self) -> Exposure {
        let config = self.settings.exposure;
        let matrix = &self.data.matrix;
        let base = |u: usize| -> Vec<u32> {
            if !matrix.user_values(u).iter().any(|v| *v >= self.settings.positive) {
                return Vec::new();
            }
            let row = matrix.user_items(u).iter().zip(matrix.user_values(u)).zip(matrix.user_times(u));
            let caller = Matrix::from_triples(1, self.n_items(), row.map(|((&i, &v), &t)| (0, i, v, t)).collect());
            let folded = self.hybrid_parts(&caller, Some(u));
            let parts = folded.parts();
            let hybrid = Hybrid { main: &parts, fallback: &parts, positive: 0.0, min_positives: 0, exposure: None };
            hybrid.base_ranking(&caller, 0, config.depth, &|_| true).into_iter().map(|(i, _)| i).collect()
        };
        let lists = map_indices(matrix.n_users(), base);
        Exposure::count(self.n_items(), config, lists.iter().map(Vec::as_slice))
    }

    /// The exposure counts the hybrid re-ranks with (all zero when the re-rank is off).
    pub fn exposure(&self) -> &Exposure {
        &self.exposure
    }

    /// The warm hybrid's parts for a caller (their signals as [`Snapshot::caller`] gives them; `me` their row in the
    /// training data, never their own user-CF neighbour). User-CF scans every row, so it is only folded in when the
    /// blend gives it weight.
    pub fn hybrid_parts(&self, caller: &Matrix, me: Option<usize>) -> HybridParts<'_> {
        let weights = self.settings.hybrid;
        HybridParts {
            weights,
            mf: self.mf(caller),
            item_cf: self.item_cf(),
            user_cf: (weights.user_cf > 0.0).then(|| self.user_cf_at(caller, me)),
            popular: self.popular(),
            content: &self.content,
        }
    }

    /// How many titles the snapshot knows.
    pub fn n_items(&self) -> usize {
        self.catalog.len()
    }

    /// Whether ALS factors are loaded (otherwise `mf` has nothing to say).
    pub fn has_factors(&self) -> bool {
        self.factors.is_some()
    }

    /// The title at an item index.
    pub fn title(&self, item: u32) -> &MediaSummary {
        &self.catalog[item as usize]
    }

    /// The item index of a title.
    pub fn item_index(&self, id: MediaId) -> Option<u32> {
        self.data.item_index(&id)
    }

    /// A user's row in the snapshot's training data (`None`: they had no signal when it was built).
    pub fn user_index(&self, user: UserId) -> Option<usize> {
        self.data.user_index(&user)
    }

    /// The settings the snapshot was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// One caller's current signals as a one-row matrix over the snapshot's items; titles it does not know are
    /// left out.
    pub fn caller(&self, signals: &[(MediaId, f32, i64)]) -> Matrix {
        let triples =
            signals.iter().filter_map(|&(id, value, time)| Some((0, self.item_index(id)?, value, time))).collect();
        Matrix::from_triples(1, self.n_items(), triples)
    }

    /// The popularity part: titles nobody likes get no score (they are not trending).
    pub fn popular(&self) -> Trending<'_> {
        Trending(&self.popular)
    }

    /// The content part.
    pub fn content(&self) -> &(dyn Recommender + Sync) {
        &self.content
    }

    /// The item-kNN part, over the caller's current positives.
    pub fn item_cf(&self) -> FoldedItemCf<'_> {
        FoldedItemCf {
            model: &self.item_cf,
            positive: self.settings.positive,
            recency_half_life: self.settings.item_cf.recency_half_life,
        }
    }

    /// The ALS part with the caller's user vector solved from their current positives; `None` without factors.
    pub fn mf(&self, caller: &Matrix) -> Option<FoldedAls<'_>> {
        let f = self.factors.as_ref()?;
        let extra = extra_confidences(caller, self.settings.als);
        let user = solve_user(f, extra.user_items(0), extra.user_values(0), self.settings.als);
        Some(FoldedAls { k: f.k, items: &f.items, liked: &f.liked, user })
    }

    /// The user-CF part: the caller's neighbours among everyone else, from their current values. `me` (the caller's
    /// own row in the training data) is never their own neighbour.
    pub fn user_cf(&self, caller: &Matrix, me: UserId) -> FoldedUserCf<'_> {
        self.user_cf_at(caller, self.data.user_index(&me))
    }

    fn user_cf_at(&self, caller: &Matrix, me: Option<usize>) -> FoldedUserCf<'_> {
        FoldedUserCf { train: &self.data.matrix, neighbours: self.neighbours(caller, me) }
    }

    fn neighbours(&self, caller: &Matrix, me: Option<usize>) -> Vec<(u32, f32)> {
        let config = self.settings.user_cf;
        let train = &self.data.matrix;
        let values = caller.user_values(0);
        if values.is_empty() {
            return Vec::new();
        }
        let mean = values.iter().sum::<f32>() / values.len() as f32;
        let mut acc: HashMap<u32, ([f32; 3], u32)> = HashMap::new();
        for (&item, &value) in caller.user_items(0).iter().zip(values) {
            let x = value - mean;
            for (&other, &theirs) in train.item_users(item as usize).iter().zip(train.item_values(item as usize)) {
                if Some(other as usize) == me {
                    continue;
                }
                let y = theirs - self.means[other as usize];
                let (a, n) = acc.entry(other).or_insert(([0.0; 3], 0));
                a[0] += x * y;
                a[1] += x * x;
                a[2] += y * y;
                *n += 1;
            }
        }
        let mut sims: Vec<(u32, f32)> = acc
            .into_iter()
            .filter(|(_, (_, n))| *n >= config.min_overlap)
            .filter_map(|(other, ([xy, xx, yy], n))| {
                let denom = (xx * yy).sqrt();
                let sim = xy / denom * (n as f32).min(config.shrink) / config.shrink;
                (denom > 0.0 && sim > 0.0).then_some((other, sim))
            })
            .collect();
        sims.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        sims.truncate(config.neighbours);
        sims
    }
}

fn positives(data: &Matrix, threshold: f32) -> impl Iterator<Item = u32> + '_ {
    data.user_items(0).iter().zip(data.user_values(0)).filter(move |(_, v)| **v >= threshold).map(|(i, _)| *i)
}

/// Solves `(YᵀY + λI + Σ eᵢ yᵢyᵢᵀ) x = Σ (1 + eᵢ) yᵢ` exactly (Cholesky) over the caller's positives `items`
/// with their extra confidences `eᵢ` ([`extra_confidences`], the weighting training used): the user half-step of
/// implicit ALS for one user. With no positive, `x = 0`.
#[allow(clippy::many_single_char_names, reason = "the names of the normal equations")]
fn solve_user(f: &Factors, items: &[u32], extra: &[f32], config: AlsConfig) -> Vec<f32> {
    let k = f.k;
    let mut a = f.gram.clone();
    let mut b = vec![0.0_f32; k];
    for d in 0..k {
        a[d * k + d] += config.regularization;
    }
    for (&i, &e) in items.iter().zip(extra) {
        let y = &f.items[i as usize * k..(i as usize + 1) * k];
        for (r, &yr) in y.iter().enumerate() {
            axpy(e * yr, y, &mut a[r * k..(r + 1) * k]);
        }
        axpy(1.0 + e, y, &mut b);
    }
    cholesky_solve(&mut a, &mut b, k);
    b
}

/// Solves `a x = b` in place for a symmetric positive definite `a` (row-major `k × k`); `b` becomes `x`.
#[allow(clippy::many_single_char_names, reason = "the textbook names of the factorisation")]
fn cholesky_solve(a: &mut [f32], b: &mut [f32], k: usize) {
    // Lower factor L in a's lower triangle.
    for j in 0..k {
        let mut d = a[j * k + j] - dot(&a[j * k..j * k + j], &a[j * k..j * k + j]);
        // λ > 0 keeps the matrix positive definite; the floor only guards against rounding.
        d = d.max(1e-12).sqrt();
        a[j * k + j] = d;
        for i in j + 1..k {
            let s = a[i * k + j] - dot(&a[i * k..i * k + j], &a[j * k..j * k + j]);
            a[i * k + j] = s / d;
        }
    }
    for i in 0..k {
        let s = b[i] - dot(&a[i * k..i * k + i], &b[..i]);
        b[i] = s / a[i * k + i];
    }
    for i in (0..k).rev() {
        let mut s = b[i];
        for r in i + 1..k {
            s -= a[r * k + i] * b[r];
        }
        b[i] = s / a[i * k + i];
    }
}

/// The parts of the warm hybrid for one caller, folded in from their current signals.
#[derive(Debug)]
pub struct HybridParts<'a> {
    weights: BlendWeights,
    mf: Option<FoldedAls<'a>>,
    item_cf: FoldedItemCf<'a>,
    user_cf: Option<FoldedUserCf<'a>>,
    popular: Trending<'a>,
    content: &'a Content,
}

impl HybridParts<'_> {
    /// The weighted parts; those weighted 0 (or absent, as `mf` without factors) are left out, since they would add
    /// nothing but the work of scoring them.
    pub fn parts(&self) -> Vec<Part<'_>> {
        let w = self.weights;
        let mut parts: Vec<Part<'_>> = Vec::with_capacity(5);
        if let Some(mf) = &self.mf {
            parts.push((w.mf, mf));
        }
        parts.extend([(w.item_cf, &self.item_cf as &(dyn Recommender + Sync)), (w.popular, &self.popular)]);
        parts.push((w.content, self.content));
        if let Some(user_cf) = &self.user_cf {
            parts.push((w.user_cf, user_cf));
        }
        parts.retain(|(weight, _)| *weight > 0.0);
        parts
    }
}

/// Popularity without the titles nobody likes.
#[derive(Debug)]
pub struct Trending<'a>(&'a Popular);

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

/// ALS with a user vector solved at request time.
#[derive(Debug)]
pub struct FoldedAls<'a> {
    k: usize,
    items: &'a [f32],
    liked: &'a [bool],
    user: Vec<f32>,
}

impl Recommender for FoldedAls<'_> {
    fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
        for ((o, y), liked) in out.iter_mut().zip(self.items.chunks_exact(self.k)).zip(self.liked) {
            *o = if *liked { dot(&self.user, y) } else { f32::NEG_INFINITY };
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Option<Reason> {
        Some(Reason::MatchesYourTaste)
    }
}

/// Item-kNN over the caller's current positives.
#[derive(Debug)]
pub struct FoldedItemCf<'a> {
    model: &'a ItemCf,
    positive: f32,
    recency_half_life: Option<f32>,
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

/// User-CF with the caller's neighbours found at request time; sum-style scores `Σ sim · value`.
#[derive(Debug)]
pub struct FoldedUserCf<'a> {
    train: &'a Matrix,
    neighbours: Vec<(u32, f32)>,
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

/// Content vectors by title: sentence embeddings when semantic search is loaded, else genre and decade vectors.
#[derive(Debug, Clone, Default)]
pub struct ContentVectors {
    dim: usize,
    source: Source,
}

/// Where the vectors are: held here, or read one at a time from the vector index.
#[derive(Clone)]
enum Source {
    Held(HashMap<MediaId, Vec<f32>>),
    /// The index's own copy: [`Snapshot::build`] codes each vector as it reads it, so the catalog's vectors are never
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
    /// Vectors given whole; those of another length than `dim` are ignored by [`Snapshot::build`].
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

    #[test]
    fn the_cholesky_solve_solves() {
        // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0].
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        let mut b = vec![2.0, 1.0];
        cholesky_solve(&mut a, &mut b, 2);
        assert!((b[0] - 0.5).abs() < 1e-6 && b[1].abs() < 1e-6, "{b:?}");
    }

    fn id(n: u128) -> MediaId {
        MediaId(uuid::Uuid::from_u128(n))
    }

    fn summary(n: u128) -> MediaSummary {
        MediaSummary {
            id: id(n),
            kind: MediaKind::Movie,
            title: format!("t{n}"),
            original_title: None,
            year: None,
            genres: Vec::new(),
            poster_path: None,
        }
    }

    #[test]
    fn serving_keeps_a_positives_tuned_confidence_on_the_score_scale() {
        // A 4.5-star rating is a 9 here: α · w(value) must come out the same.
        let tuned = |weighting| AlsConfig { alpha: 0.5, weighting, ..AlsConfig::default() };
        for weighting in [Weighting::Binary, Weighting::Linear, Weighting::Log { epsilon: 1.0 }] {
            let serving = serving_als(tuned(weighting));
            let (stars, score) = (tuned(weighting), serving);
            let (a, b) = (stars.alpha * stars.weighting.weight(4.5), score.alpha * score.weighting.weight(9.0));
            assert!((a - b).abs() < 1e-6, "{weighting:?}: {a} vs {b}");
            assert_eq!(serving.positive, POSITIVE);
        }
    }

    fn user(n: u128) -> UserId {
        UserId(uuid::Uuid::from_u128(100 + n))
    }

    /// Users 0–3 like titles 0–2 together (at 9), users 4–7 titles 3–5.
    fn two_blocks() -> Vec<Interaction<UserId, MediaId>> {
        (0..8_u128)
            .flat_map(|u| {
                let block = if u < 4 { 0..3 } else { 3..6 };
                block.map(move |i| Interaction { user: user(u), item: id(i), value: 9.0, time: 0 })
            })
            .collect()
    }

    /// The serving settings with a 4-factor ALS, for tiny catalogs.
    fn small_settings() -> Settings {
        Settings { als: AlsConfig { factors: 4, ..Settings::default().als }, ..Settings::default() }
    }

    /// ALS item factors trained on `signals` over `catalog`, as training stores them.
    fn trained(signals: &[Interaction<UserId, MediaId>], catalog: &[MediaSummary], settings: Settings) -> ItemFactors {
        let ids: Vec<MediaId> = catalog.iter().map(|m| m.id).collect();
        let data = Interactions::build(signals, &ids);
        let als = super::super::als::Als::fit(&data.matrix, settings.als, |_| {});
        ItemFactors {
            factors: settings.als.factors,
            items: ids.iter().enumerate().map(|(i, m)| (*m, als.item_factors(i).to_vec())).collect(),
        }
    }

    #[test]
    fn the_request_time_als_solve_weighs_positives_as_training_does() {
        // Training weighs a positive by α · value (linear weighting) and by recency; the caller's solve must too,
        // so a title scored 10 pulls the caller's vector harder toward it than one scored 6.
        let y = vec![1.0, 0.0, 0.0, 1.0];
        let f = Factors { k: 2, gram: gram(&y, 2, 0.0), items: y.clone(), liked: vec![true, true] };
        let config = AlsConfig {
            positive: 6.0,
            regularization: 1.0,
            alpha: 0.5,
            weighting: Weighting::Linear,
            recency_half_life: None,
            ..AlsConfig::default()
        };
        let solve = |value: f32| {
            let caller = Matrix::from_triples(1, 2, vec![(0, 0, value, 0)]);
            let extra = extra_confidences(&caller, config);
            solve_user(&f, extra.user_items(0), extra.user_values(0), config)
        };
        // One positive on item 0 (y₀ = e₁) with extra confidence e = α · v: x₀ = (1 + e) / (1 + λ + e), x₁ = 0.
        for value in [6.0_f32, 10.0] {
            let e = 0.5 * value;
            let x = solve(value);
            assert!((x[0] - (1.0 + e) / (2.0 + e)).abs() < 1e-5, "{value}: {x:?}");
            assert!(x[1].abs() < 1e-6);
        }
        assert!(solve(10.0)[0] > solve(6.0)[0]);
        assert_eq!(solve(5.0), vec![0.0, 0.0], "below the positive threshold nothing pulls");
    }

    #[test]
    fn a_caller_unknown_to_training_gets_a_solved_als_vector_and_item_neighbours() {
        // ALS is trained on the two blocks only.
        let signals = two_blocks();
        let catalog: Vec<MediaSummary> = (0..6).map(summary).collect();
        let settings = small_settings();
        let factors = trained(&signals, &catalog, settings);
        let snapshot = Snapshot::build(&signals, catalog, &ContentVectors::default(), Some(&factors), settings);
        // A new caller who has just put title 4 high: the second block wins, by both parts.
        let caller = snapshot.caller(&[(id(4), 9.5, 1)]);
        let mf = snapshot.mf(&caller).unwrap();
        let recs = mf.recommend(&caller, 0, 2);
        let mut top: Vec<u32> = recs.iter().map(|r| r.item).collect();
        top.sort_unstable();
        assert_eq!(top, [3, 5], "{recs:?}");
        let item_cf = snapshot.item_cf().recommend(&caller, 0, 6);
        assert_eq!(item_cf.iter().map(|r| r.item).collect::<Vec<_>>().len(), 2, "only titles with evidence");
        assert!(item_cf.iter().all(|r| r.reason == Some(Reason::BecauseYouRanked { item: 4 })));
        // No positive: no ALS vector to speak of, so every score is zero.
        let cold = snapshot.caller(&[(id(4), 2.0, 1)]);
        let mut scores = vec![1.0; 6];
        snapshot.mf(&cold).unwrap().score(&cold, 0, &mut scores);
        assert!(scores.iter().all(|s| *s == 0.0));
        // A title nobody likes gets no ALS score at all.
        let mut with_unliked = signals.clone();
        with_unliked.push(Interaction { user: user(0), item: id(6), value: 1.0, time: 0 });
        let catalog: Vec<MediaSummary> = (0..7).map(summary).collect();
        let snapshot = Snapshot::build(&with_unliked, catalog, &ContentVectors::default(), Some(&factors), settings);
        let caller = snapshot.caller(&[(id(4), 9.5, 1)]);
        let mut scores = vec![0.0; 7];
        snapshot.mf(&caller).unwrap().score(&caller, 0, &mut scores);
        assert!(scores[..6].iter().all(|s| s.is_finite()) && scores[6] == f32::NEG_INFINITY, "{scores:?}");
    }

    #[test]
    fn the_snapshot_counts_every_warm_users_base_hybrid_list() {
        // The two blocks, plus user 8 who likes title 0 only and user 9 who has only a dislike.
        let mut signals = two_blocks();
        signals.push(Interaction { user: user(8), item: id(0), value: 9.0, time: 0 });
        signals.push(Interaction { user: user(9), item: id(1), value: 2.0, time: 0 });
        let catalog: Vec<MediaSummary> = (0..6).map(summary).collect();
        let settings = small_settings();
        let factors = trained(&signals, &catalog, settings);
        let build =
            |settings| Snapshot::build(&signals, catalog.clone(), &ContentVectors::default(), Some(&factors), settings);
        // Depth 10 holds every candidate: everything a warm user does not have (mf scores every liked title).
        // Title 0: users 4–7; titles 1, 2: users 4–8; titles 3–5: users 0–3 and 8. User 9 is cold and not counted.
        let snapshot = build(settings);
        assert_eq!((0..6).map(|i| snapshot.exposure().of(i)).collect::<Vec<_>>(), [4, 5, 5, 5, 5, 5]);
        // Depth 1: only each warm user's best title counts, so the counts sum to the 9 warm users.
        let top1 = build(Settings { exposure: ExposureConfig { depth: 1, ..settings.exposure }, ..settings });
        assert_eq!((0..6).map(|i| top1.exposure().of(i)).sum::<u32>(), 9);
        let off = build(Settings { exposure: ExposureConfig::OFF, ..settings });
        assert!((0..6).all(|i| off.exposure().of(i) == 0), "no re-rank, nothing counted");
    }

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
