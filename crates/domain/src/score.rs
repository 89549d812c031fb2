//! The 0–10 score, derived from a title's tier and its position inside the tier.
//!
//! Each tier owns a band of scores; the top of a tier gets the band's top, the bottom its bottom, and the titles
//! in between are spaced evenly (linear interpolation on the position), rounded to one decimal. Scores are never
//! stored: a move changes only the moved row, and every other title's score follows from its new position.
//!
//! | tier | band       |
//! |------|------------|
//! | S    | 9.0 – 10.0 |
//! | A    | 7.5 – 8.9  |
//! | B    | 6.0 – 7.4  |
//! | C    | 4.0 – 5.9  |
//! | D    | 0.0 – 3.9  |

use crate::tier::Tier;

/// A derived score from 0.0 to 10.0 with one decimal, kept as tenths so it compares and serialises exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    /// The score in tenths (0 to 100).
    pub fn tenths(self) -> u8 {
        self.0
    }

    /// The score as a number with one decimal.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    /// The score of the title at `position` (1 = top) in a tier of `tier_size` titles.
    ///
    /// A position outside `1..=tier_size` is clamped into it, so a racing reader never gets a score outside the
    /// tier's band.
    pub fn derive(tier: Tier, position: u64, tier_size: u64) -> Self {
        let (low, high) = band(tier);
        if tier_size <= 1 {
            return Self(high);
        }
        let position = position.clamp(1, tier_size);
        let span = u64::from(high - low);
        // Rounded integer interpolation in tenths: top = high, bottom = low.
        let down = (span * (position - 1) * 2 + (tier_size - 1)) / ((tier_size - 1) * 2);
        Self(high - down as u8)
    }
}

/// A tier's score band in tenths, `(lowest, highest)`.
pub fn band(tier: Tier) -> (u8, u8) {
    match tier {
        Tier::S => (90, 100),
        Tier::A => (75, 89),
        Tier::B => (60, 74),
        Tier::C => (40, 59),
        Tier::D => (0, 39),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_lone_title_gets_its_bands_top() {
        assert_eq!(Score::derive(Tier::S, 1, 1).value(), 10.0);
        assert_eq!(Score::derive(Tier::A, 1, 1).value(), 8.9);
        assert_eq!(Score::derive(Tier::D, 1, 1).value(), 3.9);
    }

    #[test]
    fn top_and_bottom_of_a_tier_take_the_band_ends() {
        assert_eq!(Score::derive(Tier::B, 1, 10).value(), 7.4);
        assert_eq!(Score::derive(Tier::B, 10, 10).value(), 6.0);
        assert_eq!(Score::derive(Tier::D, 7, 7).value(), 0.0);
    }

    #[test]
    fn interpolation_is_linear_and_rounded() {
        // S with 3 titles: 10.0, 9.5, 9.0.
        let s: Vec<f64> = (1..=3).map(|p| Score::derive(Tier::S, p, 3).value()).collect();
        assert_eq!(s, vec![10.0, 9.5, 9.0]);
        // C with 4 titles spans 5.9 .. 4.0 in thirds: 5.9, 5.27 -> 5.3, 4.63 -> 4.6, 4.0.
        let c: Vec<f64> = (1..=4).map(|p| Score::derive(Tier::C, p, 4).value()).collect();
        assert_eq!(c, vec![5.9, 5.3, 4.6, 4.0]);
    }

    proptest! {
        #[test]
        fn scores_stay_in_band_and_never_rise_down_the_tier(tier_idx in 0i16..5, size in 1u64..5_000) {
            let tier = Tier::from_index(tier_idx).unwrap();
            let (low, high) = band(tier);
            let mut positions = vec![1, 2, size / 3, size / 2, size.saturating_sub(1), size];
            for p in &mut positions {
                *p = (*p).clamp(1, size);
            }
            positions.sort_unstable();
            let mut previous = u8::MAX;
            for position in positions {
                let score = Score::derive(tier, position, size).tenths();
                prop_assert!((low..=high).contains(&score));
                prop_assert!(score <= previous);
                previous = score;
            }
        }

        #[test]
        fn any_title_in_a_better_tier_outscores_any_in_a_worse_one(size_a in 1u64..500, size_b in 1u64..500) {
            for pair in Tier::ALL.windows(2) {
                let worst_of_better = Score::derive(pair[0], size_a, size_a);
                let best_of_worse = Score::derive(pair[1], 1, size_b);
                prop_assert!(worst_of_better > best_of_worse);
            }
        }
    }
}
