//! Exposure-aware re-ranking: fewer of the titles that every list already shows.
//!
//! A blend tuned for accuracy puts the same few popular titles in most users' lists, so the catalog it covers is
//! small. Each title's *exposure* `eᵢ` is how many users have it in their base top `depth` (the blend's own
//! lists, before any re-rank). A user's list of `n` is then re-ranked from their best `widen · n` base candidates
//! by `score − β · ln(1 + eᵢ) / ln(1 + e_max)`, where `score` is the blend's score divided by the sum of its weights
//! (so on `[0, 1]`, whatever the weights). The logarithm makes the first users who see a title cost the most, and
//! dividing by `ln(1 + e_max)` keeps the penalty on `[0, β]`, comparable across catalogs and user counts. Only
//! titles already in a user's base window can move up, so a re-ranked list stays among the blend's good answers.

/// The re-rank's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExposureConfig {
    /// Weight `β` of the exposure penalty against the normalised score; `0` keeps the base ranking.
    pub beta: f32,
    /// Exposure counts each user's base top `depth`.
    pub depth: usize,
    /// A list of `n` is re-ranked from the best `widen · n` base candidates (`1`: reordered only).
    pub widen: usize,
}

impl ExposureConfig {
    /// No re-rank.
    pub const OFF: Self = Self { beta: 0.0, depth: 10, widen: 1 };

    /// Whether the re-rank changes anything.
    pub fn is_on(&self) -> bool {
        self.beta > 0.0 && self.depth > 0
    }

    /// How many base candidates a list of `n` is re-ranked from.
    pub fn window(&self, n: usize) -> usize {
        if self.is_on() { n.saturating_mul(self.widen.max(1)) } else { n }
    }
}

impl Default for ExposureConfig {
    /// The settings chosen by `marquee-eval movielens --tune` on the mean of two inner splits of MovieLens train,
    /// together with [`super::hybrid::BlendWeights::default`] (docs/recommendations.md): β 0.1 over a window of
    /// twice the list, exposure counted in every base top 10.
    fn default() -> Self {
        Self { beta: 0.1, depth: 10, widen: 2 }
    }
}

/// Exposure counts per item and the settings to re-rank with.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposure {
    counts: Vec<u32>,
    max: u32,
    config: ExposureConfig,
}

impl Exposure {
    /// Counts, for each of `n_items`, how many of `lists` (each a user's base ranking, best first) hold it among
    /// their first `config.depth`. Items outside `0..n_items` are ignored.
    pub fn count<'l>(n_items: usize, config: ExposureConfig, lists: impl IntoIterator<Item = &'l [u32]>) -> Self {
        let mut counts = vec![0_u32; n_items];
        for list in lists {
            for &item in list.iter().take(config.depth) {
                if let Some(c) = counts.get_mut(item as usize) {
                    *c += 1;
                }
            }
        }
        let max = counts.iter().copied().max().unwrap_or(0);
        Self { counts, max, config }
    }

    /// No exposure anywhere: the re-rank keeps every base ranking.
    pub fn none(n_items: usize) -> Self {
        Self { counts: vec![0; n_items], max: 0, config: ExposureConfig::OFF }
    }

    /// The settings.
    pub fn config(&self) -> ExposureConfig {
        self.config
    }

    /// How many base lists hold `item` in their top `depth`.
    pub fn of(&self, item: u32) -> u32 {
        self.counts.get(item as usize).copied().unwrap_or(0)
    }

    /// `ln(1 + eᵢ) / ln(1 + e_max)`, on `[0, 1]`; 0 when no list holds anything.
    pub fn penalty(&self, item: u32) -> f32 {
        if self.max == 0 {
            return 0.0;
        }
        (self.of(item) as f32).ln_1p() / (self.max as f32).ln_1p()
    }

    /// The best `n` of `base` (a best-first `(item, score)` ranking whose scores lie on `[0, scale]`) by
    /// `score / scale − β · penalty`, that value as their score; ties keep the base order. Only the first
    /// [`ExposureConfig::window`]`(n)` of `base` are considered.
    pub fn rerank(&self, base: &[(u32, f32)], scale: f32, n: usize) -> Vec<(u32, f32)> {
        let window = &base[..self.config.window(n).min(base.len())];
        if !self.config.is_on() || scale <= 0.0 {
            return window.iter().take(n).copied().collect();
        }
        let mut out: Vec<(u32, f32)> =
            window.iter().map(|&(item, score)| (item, score / scale - self.config.beta * self.penalty(item))).collect();
        // A stable sort: equal adjusted scores keep the base order (score, then item index).
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out.truncate(n);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(beta: f32) -> ExposureConfig {
        ExposureConfig { beta, depth: 2, widen: 2 }
    }

    #[test]
    fn counts_each_lists_first_depth_items() {
        let lists: [&[u32]; 3] = [&[0, 1, 2], &[0, 2], &[3, 0, 1, 9]];
        let exposure = Exposure::count(4, config(0.1), lists);
        // depth 2: [0, 1], [0, 2], [3, 0]; item 9 is outside the catalog and ignored.
        assert_eq!((0..4).map(|i| exposure.of(i)).collect::<Vec<_>>(), [3, 1, 1, 1]);
        assert!((exposure.penalty(0) - 1.0).abs() < 1e-6);
        // ln 2 / ln 4 = 0.5.
        assert!((exposure.penalty(1) - 0.5).abs() < 1e-6);
        assert_eq!(Exposure::none(4).penalty(0), 0.0);
        assert_eq!(Exposure::count(2, config(0.1), []).penalty(1), 0.0, "nothing exposed, no penalty");
    }

    #[test]
    fn reranks_the_window_by_normalised_score_minus_the_penalty() {
        // Exposures 3, 1, 0, 0 with e_max 3: penalties 1, ln 2 / ln 4 = 0.5, 0, 0.
        let lists: [&[u32]; 3] = [&[0, 1], &[0], &[0]];
        // Scale 2: normalised 0.8, 0.75, 0.6, 0.5; the window of n = 2 is the first 4, so item 4 cannot enter.
        let base = [(0, 1.6), (1, 1.5), (2, 1.2), (3, 1.0), (4, 0.9)];
        // β 0.4: 0.8 − 0.4, 0.75 − 0.2, 0.6, 0.5 → items 2 (0.6), 1 (0.55).
        let got = Exposure::count(5, config(0.4), lists).rerank(&base, 2.0, 2);
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 1]);
        assert!((got[0].1 - 0.6).abs() < 1e-6 && (got[1].1 - 0.55).abs() < 1e-6, "{got:?}");
        // β 0.05: 0.75, 0.725, 0.6, 0.5 → the base order survives.
        let got = Exposure::count(5, config(0.05), lists).rerank(&base, 2.0, 2);
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), [0, 1]);
        // β 1: everything unexposed first; items 4 and 5 tie at 0.5 and keep their base order.
        let base = [(0, 1.6), (4, 1.0), (5, 1.0), (6, 0.2)];
        let got = Exposure::count(7, config(1.0), lists).rerank(&base, 2.0, 2);
        assert_eq!(got, [(4, 0.5), (5, 0.5)]);
        // Off: the base ranking as it is.
        let got = Exposure::count(5, config(0.0), lists).rerank(&base, 2.0, 2);
        assert_eq!(got, [(0, 1.6), (4, 1.0)]);
        // A base shorter than the window is fine.
        assert_eq!(Exposure::count(5, config(0.4), lists).rerank(&base[..1], 2.0, 2).len(), 1);
    }
}
