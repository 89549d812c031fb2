//! The serving settings of every part of the recommender, kept in one place.

use crate::recommend::als::{AlsConfig, Weighting};
use crate::recommend::exposure::ExposureConfig;
use crate::recommend::hybrid::BlendWeights;
use crate::recommend::item_cf::ItemCfConfig;
use crate::recommend::popular::PopularConfig;
use crate::recommend::user_cf::UserCfConfig;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::als::Weighting;

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
}
