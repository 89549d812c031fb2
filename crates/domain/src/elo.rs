//! Elo ratings for top-4 sets: the expected score and the update after one head-to-head vote.
//!
//! A set's rating `r` predicts its chance of beating a set rated `s` as `1 / (1 + 10^((s - r) / 400))`: 200
//! points apart is a 76 % favourite, 400 points a 91 % one. After a vote each side moves by `K × (actual −
//! expected)`, so the two changes always cancel out and an upset moves the ratings more than an expected win.

/// Where every new set starts.
pub const INITIAL_RATING: f64 = 1500.0;

/// How far one vote can move a rating: at most `K` points, half of it between equal sets.
pub const K_FACTOR: f64 = 32.0;

/// The probability that a side rated `rating` beats one rated `opponent`.
pub fn expected_score(rating: f64, opponent: f64) -> f64 {
    1.0 / (1.0 + 10f64.powf((opponent - rating) / 400.0))
}

/// Both ratings after a vote `winner` won: `(winner's new rating, loser's new rating)`.
pub fn update(winner: f64, loser: f64, k: f64) -> (f64, f64) {
    let delta = k * (1.0 - expected_score(winner, loser));
    (winner + delta, loser - delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn equal_ratings_are_a_coin_toss_and_move_half_k() {
        assert!(close(expected_score(1500.0, 1500.0), 0.5));
        let (w, l) = update(1500.0, 1500.0, K_FACTOR);
        assert!(close(w, 1516.0) && close(l, 1484.0), "{w} {l}");
    }

    #[test]
    fn four_hundred_points_is_ten_to_one() {
        // 10^(400/400) = 10, so the favourite's chance is 10/11 and the underdog's 1/11.
        assert!(close(expected_score(1900.0, 1500.0), 10.0 / 11.0));
        assert!(close(expected_score(1500.0, 1900.0), 1.0 / 11.0));
        // The favourite winning gains 32 × 1/11 = 2.909…; the underdog winning gains 32 × 10/11 = 29.09….
        let (w, l) = update(1900.0, 1500.0, K_FACTOR);
        assert!(close(w, 1900.0 + 32.0 / 11.0) && close(l, 1500.0 - 32.0 / 11.0));
        let (w, l) = update(1500.0, 1900.0, K_FACTOR);
        assert!(close(w, 1500.0 + 320.0 / 11.0) && close(l, 1900.0 - 320.0 / 11.0));
    }

    #[test]
    fn two_hundred_points_apart() {
        // 10^(-0.5) = 0.316227766…, so the expected score is 1 / 1.316227766… = 0.759746926…
        assert!((expected_score(1700.0, 1500.0) - 0.759_746_926).abs() < 1e-9);
    }

    #[test]
    fn a_vote_conserves_the_rating_total() {
        for (a, b) in [(1500.0, 1500.0), (1234.5, 1987.25), (2400.0, 800.0)] {
            let (w, l) = update(a, b, 24.0);
            assert!(close(w + l, a + b));
            assert!(w > a && l < b);
        }
    }
}
