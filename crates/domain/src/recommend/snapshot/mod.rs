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
//! The hybrid's exposure re-rank ([`crate::recommend::exposure`]) needs to know what every user's base list shows: the
//! snapshot counts it when it is built, by folding in each user's stored signals exactly as a request would and
//! taking the base blend's top `depth`. A request re-ranks against those counts; they follow the catalog's
//! signals as of the build, not each new ranking.
//!
//! The settings are in `settings`, the ALS fold-in in `fold_in`, the other parts a request scores with in
//! `trending`, `folded_item_cf` and `folded_user_cf`, and where content vectors come from in `content_vectors`.

mod content_vectors;
mod fold_in;
mod folded_item_cf;
mod folded_user_cf;
mod settings;
mod trending;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use self::fold_in::{Factors, solve_user};
use crate::media::{MediaId, MediaSummary};
use crate::recommend::als::extra_confidences;
use crate::recommend::content::Content;
use crate::recommend::exposure::Exposure;
use crate::recommend::hybrid::{BlendWeights, Hybrid, Part};
use crate::recommend::item_cf::ItemCf;
use crate::recommend::linalg::gram;
use crate::recommend::parallel::map_indices;
use crate::recommend::popular::Popular;
use crate::recommend::{Interaction, Interactions, Matrix, Recommender};
use crate::user::UserId;

pub use content_vectors::ContentVectors;
pub use fold_in::FoldedAls;
pub use folded_item_cf::FoldedItemCf;
pub use folded_user_cf::FoldedUserCf;
pub use settings::{POSITIVE, Settings};
pub use trending::Trending;

/// Trained ALS item factors, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFactors {
    /// Latent dimensions.
    pub factors: usize,
    /// One vector of `factors` floats per title.
    pub items: Vec<(MediaId, Vec<f32>)>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::MediaKind;
    use crate::recommend::Reason;
    use crate::recommend::als::{Als, AlsConfig};
    use crate::recommend::exposure::ExposureConfig;

    pub(super) fn id(n: u128) -> MediaId {
        MediaId(uuid::Uuid::from_u128(n))
    }

    pub(super) fn summary(n: u128) -> MediaSummary {
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
        let als = Als::fit(&data.matrix, settings.als, |_| {});
        ItemFactors {
            factors: settings.als.factors,
            items: ids.iter().enumerate().map(|(i, m)| (*m, als.item_factors(i).to_vec())).collect(),
        }
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
}
