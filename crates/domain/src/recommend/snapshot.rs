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

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::als::{AlsConfig, extra_confidences};
use super::content::Content;
use super::hybrid::BlendWeights;
use super::item_cf::{ItemCf, ItemCfConfig};
use super::linalg::{axpy, dot, gram};
use super::popular::{Popular, PopularConfig};
use super::user_cf::UserCfConfig;
use super::{Interaction, Interactions, Matrix, Reason, Recommender};
use crate::media::{MediaId, MediaSummary};
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
            // Tuned on ratings of 0.5–5; a signal here is on the 0–10 score scale, so under linear weighting the
            // tuned α is halved to give every positive the confidence its star rating had in the tuning.
            als: AlsConfig { positive: POSITIVE, alpha: AlsConfig::default().alpha / 2.0, ..AlsConfig::default() },
            hybrid: BlendWeights::default(),
            cold_start: BlendWeights::COLD_START,
        }
    }
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
        Self {
            popular: Popular::fit(matrix, settings.popular),
            item_cf: ItemCf::fit(matrix, settings.item_cf),
            means,
            content,
            factors,
            catalog,
            data,
            settings,
            built_at: Utc::now(),
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
        FoldedItemCf { model: &self.item_cf, positive: self.settings.positive }
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
        let neighbours = self.neighbours(caller, self.data.user_index(&me));
        FoldedUserCf { train: &self.data.matrix, neighbours }
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

/// Popularity without the titles nobody likes.
#[derive(Debug)]
pub struct Trending<'a>(&'a Popular);

impl Recommender for Trending<'_> {
    fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
        for (o, &s) in out.iter_mut().zip(self.0.scores()) {
            *o = if s > 0.0 { s } else { f32::NEG_INFINITY };
        }
    }

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Reason {
        Reason::Trending
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

    fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Reason {
        Reason::MatchesYourTaste
    }
}

/// Item-kNN over the caller's current positives.
#[derive(Debug)]
pub struct FoldedItemCf<'a> {
    model: &'a ItemCf,
    positive: f32,
}

impl Recommender for FoldedItemCf<'_> {
    fn score(&self, data: &Matrix, _user: usize, out: &mut [f32]) {
        out.fill(0.0);
        for i in positives(data, self.positive) {
            for &(j, sim) in self.model.neighbours(i) {
                out[j as usize] += sim;
            }
        }
        // No neighbour, no evidence: such titles are not item-kNN recommendations.
        for o in out.iter_mut() {
            if *o <= 0.0 {
                *o = f32::NEG_INFINITY;
            }
        }
    }

    fn reason(&self, data: &Matrix, _user: usize, item: u32) -> Reason {
        positives(data, self.positive)
            .filter_map(|i| self.model.neighbours(i).iter().find(|n| n.0 == item).map(|n| (i, n.1)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map_or(Reason::Trending, |(i, _)| Reason::BecauseYouRanked { item: i })
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

    fn reason(&self, _data: &Matrix, _user: usize, item: u32) -> Reason {
        let count = self.neighbours.iter().filter(|(v, _)| self.train.has(*v as usize, item)).count();
        Reason::SimilarUsers { count: count as u32 }
    }
}

/// Content vectors by title: sentence embeddings when semantic search is loaded, else genre and decade vectors.
#[derive(Debug, Clone, Default)]
pub struct ContentVectors {
    dim: usize,
    vectors: HashMap<MediaId, Vec<f32>>,
}

impl ContentVectors {
    /// Vectors given whole (e.g. the embeddings of the vector index); those of another length than `dim` are
    /// ignored by [`Snapshot::build`].
    pub fn new(dim: usize, vectors: HashMap<MediaId, Vec<f32>>) -> Self {
        Self { dim, vectors }
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
        Self { dim, vectors }
    }

    /// The vector of a title.
    pub fn get(&self, id: MediaId) -> Option<&[f32]> {
        self.vectors.get(&id).map(Vec::as_slice)
    }

    /// How many titles have a vector.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// Whether no title has one.
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
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
    fn the_request_time_als_solve_weighs_positives_as_training_does() {
        // Training weighs a positive by α · value (linear weighting) and by recency; the caller's solve must too,
        // so a title scored 10 pulls the caller's vector harder toward it than one scored 6.
        let y = vec![1.0, 0.0, 0.0, 1.0];
        let f = Factors { k: 2, gram: gram(&y, 2, 0.0), items: y.clone(), liked: vec![true, true] };
        let config = AlsConfig {
            positive: 6.0,
            regularization: 1.0,
            alpha: 0.5,
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
        // Users 0–3 like titles 0–2 together, users 4–7 titles 3–5; ALS is trained on them only.
        let mut signals = Vec::new();
        for u in 0..8_u128 {
            let block = if u < 4 { 0..3 } else { 3..6 };
            for i in block {
                signals.push(Interaction {
                    user: UserId(uuid::Uuid::from_u128(100 + u)),
                    item: id(i),
                    value: 9.0,
                    time: 0,
                });
            }
        }
        let catalog: Vec<MediaSummary> = (0..6).map(summary).collect();
        let ids: Vec<MediaId> = catalog.iter().map(|m| m.id).collect();
        let settings = Settings { als: AlsConfig { factors: 4, ..Settings::default().als }, ..Settings::default() };
        let data = Interactions::build(&signals, &ids);
        let als = super::super::als::Als::fit(&data.matrix, settings.als, |_| {});
        let factors = ItemFactors {
            factors: 4,
            items: ids.iter().enumerate().map(|(i, m)| (*m, als.item_factors(i).to_vec())).collect(),
        };
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
        assert!(item_cf.iter().all(|r| r.reason == Reason::BecauseYouRanked { item: 4 }));
        // No positive: no ALS vector to speak of, so every score is zero.
        let cold = snapshot.caller(&[(id(4), 2.0, 1)]);
        let mut scores = vec![1.0; 6];
        snapshot.mf(&cold).unwrap().score(&cold, 0, &mut scores);
        assert!(scores.iter().all(|s| *s == 0.0));
        // A title nobody likes gets no ALS score at all.
        let mut with_unliked = signals.clone();
        with_unliked.push(Interaction { user: UserId(uuid::Uuid::from_u128(100)), item: id(6), value: 1.0, time: 0 });
        let catalog: Vec<MediaSummary> = (0..7).map(summary).collect();
        let snapshot = Snapshot::build(&with_unliked, catalog, &ContentVectors::default(), Some(&factors), settings);
        let caller = snapshot.caller(&[(id(4), 9.5, 1)]);
        let mut scores = vec![0.0; 7];
        snapshot.mf(&caller).unwrap().score(&caller, 0, &mut scores);
        assert!(scores[..6].iter().all(|s| s.is_finite()) && scores[6] == f32::NEG_INFINITY, "{scores:?}");
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
}
