//! Hybrid: a weighted blend of strategies, with a fallback blend for users the main one cannot serve, and an
//! optional exposure-aware re-rank ([`super::exposure`]).
//!
//! Each part's scores are min–max normalised over the user's candidates before weighting, so parts with
//! different scales (counts, cosines, dot products) blend meaningfully. A user with fewer than `min_positives`
//! positives (a new user) gets the fallback blend instead (e.g. popularity plus content from whatever they
//! have). The reason of each recommendation is that of the part that contributed most to it among the parts
//! that scored it; when none did (no finite score, or a part with no spread at all, such as an ALS model trained
//! before anyone ranked) there is no reason, rather than the first part's by default.

use super::exposure::{Exposure, ExposureConfig};
use super::parallel::map_indices;
use super::{Matrix, Reason, Recommendation, Recommender, top_n};

/// The weights of the standard blend (each part's scores are min–max normalised first, so only ratios matter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlendWeights {
    /// Matrix factorisation.
    pub mf: f32,
    /// Item-kNN.
    pub item_cf: f32,
    /// User-CF.
    pub user_cf: f32,
    /// Popularity.
    pub popular: f32,
    /// Content.
    pub content: f32,
}

impl BlendWeights {
    /// The fallback blend for users with too few positives for the collaborative parts.
    pub const COLD_START: Self = Self { mf: 0.0, item_cf: 0.0, user_cf: 0.0, popular: 0.8, content: 0.2 };
}

impl Default for BlendWeights {
    /// The weights chosen by `marquee-eval movielens --tune` on the mean of two inner splits of MovieLens train,
    /// together with [`ExposureConfig::default`] (docs/recommendations.md).
    fn default() -> Self {
        Self { mf: 0.5, item_cf: 0.3, user_cf: 0.2, popular: 0.1, content: 0.2 }
    }
}

/// One weighted part of a blend.
pub type Part<'a> = (f32, &'a (dyn Recommender + Sync));

/// A blend of fitted strategies.
#[derive(Clone, Copy)]
pub struct Hybrid<'a> {
    /// The blend for users with enough history.
    pub main: &'a [Part<'a>],
    /// The blend for new users.
    pub fallback: &'a [Part<'a>],
    /// Interactions at least this value are positives.
    pub positive: f32,
    /// Users with fewer positives get the fallback.
    pub min_positives: usize,
    /// The exposure of this blend's base lists, to re-rank every list with ([`Hybrid::exposure`] counts it);
    /// `None`: the base ranking.
    pub exposure: Option<&'a Exposure>,
}

impl std::fmt::Debug for Hybrid<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hybrid")
            .field("main", &self.main.len())
            .field("fallback", &self.fallback.len())
            .field("min_positives", &self.min_positives)
            .field("exposure", &self.exposure.map(Exposure::config))
            .finish_non_exhaustive()
    }
}

/// One user's blend: each part's weighted, normalised scores (`parts × items`; `-∞` where the part has nothing to
/// say: no finite score, or no spread over the candidates), their sum with the titles no part could score (or `keep`
/// rejects) at `-∞`, and the sum of the weights (the largest possible total).
struct Blend {
    parts: Vec<Vec<f32>>,
    total: Vec<f32>,
    scale: f32,
}

impl Hybrid<'_> {
    fn parts(&self, data: &Matrix, user: usize) -> &[Part<'_>] {
        let positives = data.user_values(user).iter().filter(|v| **v >= self.positive).count();
        if positives >= self.min_positives { self.main } else { self.fallback }
    }

    /// The blend for `user`, each part normalised over the candidates `keep` accepts.
    fn blend(&self, data: &Matrix, user: usize, keep: &dyn Fn(u32) -> bool) -> Blend {
        let owned = data.user_items(user);
        let weighted = self.parts(data, user);
        let mut scored = vec![false; data.n_items()];
        let parts: Vec<Vec<f32>> = weighted
            .iter()
            .map(|(weight, part)| {
                let mut scores = vec![0.0_f32; data.n_items()];
                part.score(data, user, &mut scores);
                for (any, s) in scored.iter_mut().zip(&scores) {
                    *any |= s.is_finite();
                }
                let candidates = scores
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| s.is_finite() && keep(*i as u32) && owned.binary_search(&(*i as u32)).is_err())
                    .map(|(_, s)| *s);
                let (low, high) =
                    candidates.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), s| (lo.min(s), hi.max(s)));
                let range = high - low;
                for s in &mut scores {
                    // A part with no spread (or no usable score) says nothing rather than NaN.
                    *s = if s.is_finite() && range > 0.0 { weight * (*s - low) / range } else { f32::NEG_INFINITY };
                }
                scores
            })
            .collect();
        let mut total = vec![0.0_f32; data.n_items()];
        for part in &parts {
            for (t, s) in total.iter_mut().zip(part) {
                if s.is_finite() {
                    *t += s;
                }
            }
        }
        // A title no part could score is no candidate.
        for (item, t) in total.iter_mut().enumerate() {
            if !keep(item as u32) || !scored[item] {
                *t = f32::NEG_INFINITY;
            }
        }
        Blend { parts, total, scale: weighted.iter().map(|(w, _)| w.max(0.0)).sum() }
    }

    /// The blend's own best `n` `(item, score)` for `user` among the items `keep` accepts, before any re-rank:
    /// what [`Hybrid::exposure`] counts and [`Hybrid::rerank`] starts from.
    pub fn base_ranking(&self, data: &Matrix, user: usize, n: usize, keep: &dyn Fn(u32) -> bool) -> Vec<(u32, f32)> {
        top_n(&self.blend(data, user, keep).total, data.user_items(user), n)
    }

    /// Counts the exposure of this blend: every user's base top `config.depth` over all items (see
    /// [`super::exposure`]). Costs one scoring of the blend per user of `data`, spread over the cores.
    pub fn exposure(&self, data: &Matrix, config: ExposureConfig) -> Exposure {
        let lists: Vec<Vec<u32>> = map_indices(data.n_users(), |u| {
            self.base_ranking(data, u, config.depth, &|_| true).into_iter().map(|(i, _)| i).collect()
        });
        Exposure::count(data.n_items(), config, lists.iter().map(Vec::as_slice))
    }

    /// The best `n` of `base` (this blend's [`Hybrid::base_ranking`] for `user`, at least the re-rank's window
    /// long) after the exposure re-rank, or its first `n` without one. Lets an evaluation try several re-rank
    /// settings on one scoring of the blend.
    pub fn rerank(&self, data: &Matrix, user: usize, base: &[(u32, f32)], n: usize) -> Vec<(u32, f32)> {
        match self.exposure {
            Some(exposure) => {
                let scale = self.parts(data, user).iter().map(|(w, _)| w.max(0.0)).sum();
                exposure.rerank(base, scale, n)
            }
            None => base.iter().take(n).copied().collect(),
        }
    }

    /// [`Recommender::recommend`] among the items `keep` accepts only (a kind, what a user can stream): the others
    /// are neither normalised over nor returned.
    pub fn recommend_among(
        &self,
        data: &Matrix,
        user: usize,
        n: usize,
        keep: &dyn Fn(u32) -> bool,
    ) -> Vec<Recommendation> {
        let weighted = self.parts(data, user);
        let blend = self.blend(data, user, keep);
        let window = self.exposure.map_or(n, |e| e.config().window(n));
        let base = top_n(&blend.total, data.user_items(user), window);
        let ranked = match self.exposure {
            Some(exposure) => exposure.rerank(&base, blend.scale, n),
            None => base,
        };
        ranked
            .into_iter()
            .map(|(item, score)| Recommendation {
                item,
                score,
                reason: best_part(&blend.parts, item).and_then(|k| weighted[k].1.reason(data, user, item)),
            })
            .collect()
    }
}

impl Recommender for Hybrid<'_> {
    /// The base blend (the exposure re-rank orders lists, it does not score single items).
    fn score(&self, data: &Matrix, user: usize, out: &mut [f32]) {
        out.copy_from_slice(&self.blend(data, user, &|_| true).total);
    }

    fn reason(&self, data: &Matrix, user: usize, item: u32) -> Option<Reason> {
        let blend = self.blend(data, user, &|_| true);
        best_part(&blend.parts, item).and_then(|k| self.parts(data, user)[k].1.reason(data, user, item))
    }

    fn recommend(&self, data: &Matrix, user: usize, n: usize) -> Vec<Recommendation> {
        self.recommend_among(data, user, n, &|_| true)
    }
}

/// The part that contributed most to `item` among those that scored it (the first on ties), or `None` when none
/// did: the blend then has no reason to give, and must not borrow the first part's.
fn best_part(parts: &[Vec<f32>], item: u32) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (k, part) in parts.iter().enumerate() {
        let contribution = part[item as usize];
        if contribution.is_finite() && best.is_none_or(|(_, c)| contribution > c) {
            best = Some((k, contribution));
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::super::item_cf::{ItemCf, ItemCfConfig};
    use super::super::popular::{Popular, PopularConfig};
    use super::*;

    #[test]
    fn blends_and_falls_back_for_new_users() {
        // Item 2 is the most popular; item 3 goes with item 0.
        let data = Matrix::from_triples(
            4,
            4,
            vec![
                (0, 0, 5.0, 0),
                (0, 3, 5.0, 0),
                (1, 2, 5.0, 0),
                (2, 2, 5.0, 0),
                (2, 1, 4.0, 0),
                (3, 0, 5.0, 0),
                (3, 1, 1.0, 0),
            ],
        );
        let popular = Popular::fit(&data, PopularConfig::default());
        let item_cf = ItemCf::fit(&data, ItemCfConfig { neighbours: 10, ..ItemCfConfig::default() });
        let main: [Part; 2] = [(0.9, &item_cf), (0.1, &popular)];
        let fallback: [Part; 1] = [(1.0, &popular)];
        let hybrid = Hybrid { main: &main, fallback: &fallback, positive: 4.0, min_positives: 1, exposure: None };
        let recs = hybrid.recommend(&data, 3, 2);
        assert_eq!(recs[0].item, 3);
        assert_eq!(recs[0].reason, Some(Reason::BecauseYouRanked { item: 0 }));
        assert!(recs.iter().all(|r| r.item != 0 && r.item != 1));
        // A user with no positives gets popularity only.
        let cold = Matrix::from_triples(4, 4, vec![(0, 1, 1.0, 0)]);
        let recs = hybrid.recommend(&cold, 0, 1);
        assert_eq!(recs[0].reason, Some(Reason::Trending));
    }

    /// Fixed scores for every user, one reason.
    struct Fixed(Vec<f32>, Reason);

    impl Recommender for Fixed {
        fn score(&self, _data: &Matrix, _user: usize, out: &mut [f32]) {
            out.copy_from_slice(&self.0);
        }

        fn reason(&self, _data: &Matrix, _user: usize, _item: u32) -> Option<Reason> {
            Some(self.1)
        }
    }

    #[test]
    fn a_title_no_part_contributed_to_gets_no_reason() {
        // The first part has no spread (an ALS model with nothing to say): it speaks for nothing, and must not lend
        // its reason to titles the second part did not score either.
        let flat = Fixed(vec![1.0; 4], Reason::MatchesYourTaste);
        let item_cf = Fixed(vec![f32::NEG_INFINITY, 0.2, 1.0, f32::NEG_INFINITY], Reason::BecauseYouRanked { item: 0 });
        let parts: [Part; 2] = [(0.5, &flat), (0.5, &item_cf)];
        let hybrid = Hybrid { main: &parts, fallback: &parts, positive: 4.0, min_positives: 0, exposure: None };
        let data = Matrix::from_triples(1, 4, vec![(0, 0, 5.0, 0)]);
        let recs = hybrid.recommend(&data, 0, 3);
        // Item 2 is item-kNN's best (0.5), item 1 its least (0, but item-kNN scored it); item 3 is a candidate
        // (the flat part gave it a score) that no part speaks for.
        assert_eq!(recs.iter().map(|r| (r.item, r.score)).collect::<Vec<_>>(), [(2, 0.5), (1, 0.0), (3, 0.0)]);
        assert_eq!(recs[0].reason, Some(Reason::BecauseYouRanked { item: 0 }));
        assert_eq!(recs[1].reason, Some(Reason::BecauseYouRanked { item: 0 }));
        assert_eq!(recs[2].reason, None);
        assert_eq!(hybrid.reason(&data, 0, 3), None);
        // Equal contributions: the first part's reason.
        let both = Fixed(vec![0.0, 0.2, 1.0, 0.0], Reason::MatchesYourTaste);
        let parts: [Part; 2] = [(0.5, &both), (0.5, &item_cf)];
        let hybrid = Hybrid { main: &parts, ..hybrid };
        assert_eq!(hybrid.reason(&data, 0, 2), Some(Reason::MatchesYourTaste));
    }

    #[test]
    fn the_exposure_rerank_counts_base_lists_and_demotes_what_everyone_sees() {
        // One part ranks items 0 > 1 > 2 > 3 > 4 for everyone; user 2 already has item 4.
        let part = Fixed(vec![4.0, 3.0, 2.0, 1.0, 0.0], Reason::Trending);
        let parts: [Part; 1] = [(2.0, &part)];
        let data = Matrix::from_triples(3, 5, vec![(2, 4, 5.0, 0)]);
        let base = Hybrid { main: &parts, fallback: &parts, positive: 4.0, min_positives: 0, exposure: None };
        // Depth 1: item 0 tops all three base lists (e_max 3, penalty 1); nothing else is exposed.
        let exposure = base.exposure(&data, ExposureConfig { beta: 0.5, depth: 1, widen: 2 });
        assert_eq!((0..5).map(|i| exposure.of(i)).collect::<Vec<_>>(), [3, 0, 0, 0, 0]);
        let hybrid = Hybrid { exposure: Some(&exposure), ..base };
        // User 0: normalised (÷ weight 2) item 0 1, item 1 0.75; re-ranked 1 − 0.5 = 0.5 against 0.75.
        let recs = hybrid.recommend(&data, 0, 1);
        assert_eq!((recs[0].item, recs[0].score), (1, 0.75));
        // The same from a base ranking computed once (how the tuner tries several β).
        let ranking = base.base_ranking(&data, 0, 2, &|_| true);
        assert_eq!(ranking, [(0, 2.0), (1, 1.5)]);
        assert_eq!(hybrid.rerank(&data, 0, &ranking, 1), [(1, 0.75)]);
        assert_eq!(base.rerank(&data, 0, &ranking, 1), [(0, 2.0)], "no exposure, no re-rank");
        // widen 1 only reorders the first n: item 0 stays, at its adjusted score.
        let narrow = base.exposure(&data, ExposureConfig { beta: 0.5, depth: 1, widen: 1 });
        let recs = Hybrid { exposure: Some(&narrow), ..base }.recommend(&data, 0, 1);
        assert_eq!((recs[0].item, recs[0].score), (0, 0.5));
    }
}
