//! The Bradley–Terry model fitted by minorisation–maximisation (Hunter 2004), with a weak prior.
//!
//! Each title `i` has a strength `p_i > 0`, and `i` beats `j` with probability `p_i / (p_i + p_j)`. Given weighted
//! outcomes, the maximum-likelihood strengths satisfy `W_i = p_i Σ_j n_ij / (p_i + p_j)` (wins `W_i`, games `n_ij`),
//! and the MM step `p_i ← W_i / Σ_j n_ij / (p_i + p_j)` climbs the likelihood every time.
//!
//! **The prior.** A title that won every game has no finite maximum-likelihood strength. So each title also
//! plays `prior` virtual wins and `prior` virtual losses against a fixed reference title of strength 1: a
//! Beta-like pull towards the average that a few real games outweigh. It also ties every title to one scale, so
//! the fit exists even when the comparison graph falls apart into pieces.
//!
//! **The answer.** Strengths come back as log-strengths `θ_i = ln p_i`, shifted so that their mean over the fit
//! is 0; only differences mean anything (`θ_i − θ_j = ln 2`: `i` wins two times out of three). Each carries a
//! standard error `1 / √I_ii` from the diagonal of the Fisher information in `θ`,
//! `I_ii = Σ_j n_ij p_i p_j / (p_i + p_j)² + 2·prior·p_i / (p_i + 1)²`: the uncertainty of `θ_i` with the others
//! held at their estimates. It ignores the others' own uncertainty, so it is a lower bound of the full one; in
//! exchange it costs one pass over the pairs rather than inverting a matrix as large as the catalog.
//!
//! **Cost.** One iteration is one pass over the pairs plus one over the titles; ties count half a win each way.

use crate::error::FieldError;

/// One weighted outcome between titles `winner` and `loser` (indices into the fit's titles).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// The title preferred (either, for a tie).
    pub winner: u32,
    /// The other title.
    pub loser: u32,
    /// How much the outcome counts (a direct answer 1.0, a pair implied by a ranked list less).
    pub weight: f64,
    /// A draw: half a win to each side.
    pub tie: bool,
}

/// How the fit runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// Virtual wins and losses against the reference title, per title; must be positive.
    pub prior: f64,
    /// Stop when no centred log-strength moves more than this in one iteration.
    pub tolerance: f64,
    /// Stop after this many iterations whatever the change.
    pub max_iterations: u32,
}

impl Default for FitOptions {
    fn default() -> Self {
        Self { prior: 1.0, tolerance: 1e-6, max_iterations: 2_000 }
    }
}

/// One title's fitted strength.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strength {
    /// The log-strength, centred on the fit's mean.
    pub theta: f64,
    /// Its standard error (see the module notes).
    pub std_error: f64,
    /// How many real outcomes involve the title (unweighted).
    pub comparisons: u64,
}

/// The fit's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// One strength per title, in index order.
    pub strengths: Vec<Strength>,
    /// Iterations run.
    pub iterations: u32,
    /// Whether the change fell under the tolerance before the iteration limit.
    pub converged: bool,
    /// The largest change of the last iteration.
    pub last_change: f64,
}

/// Fits `titles` strengths to `pairs`. `progress` hears `(iteration, largest change)` after every iteration.
///
/// # Errors
/// A [`FieldError`] when the options are out of range, a pair names an index `>= titles` or a title against
/// itself, or a weight is not a finite positive number.
pub fn fit(
    titles: usize,
    pairs: &[Pair],
    options: &FitOptions,
    progress: &mut dyn FnMut(u32, f64),
) -> Result<Fit, FieldError> {
    if !(options.prior.is_finite() && options.prior > 0.0) {
        return Err(FieldError::new("prior", "must be a positive number"));
    }
    if !(options.tolerance.is_finite() && options.tolerance > 0.0) {
        return Err(FieldError::new("tolerance", "must be a positive number"));
    }
    let mut wins = vec![options.prior; titles];
    let mut counts = vec![0_u64; titles];
    for (i, pair) in pairs.iter().enumerate() {
        let (w, l) = (pair.winner as usize, pair.loser as usize);
        if w >= titles || l >= titles || w == l {
            return Err(FieldError::new(format!("pairs[{i}]"), "must name two different titles of the fit"));
        }
        if !(pair.weight.is_finite() && pair.weight > 0.0) {
            return Err(FieldError::new(format!("pairs[{i}].weight"), "must be a positive number"));
        }
        if pair.tie {
            wins[w] += pair.weight / 2.0;
            wins[l] += pair.weight / 2.0;
        } else {
            wins[w] += pair.weight;
        }
        counts[w] += 1;
        counts[l] += 1;
    }

    let games_with_reference = 2.0 * options.prior;
    let mut p = vec![1.0_f64; titles];
    let mut theta = vec![0.0_f64; titles];
    let mut denominator = vec![0.0_f64; titles];
    let (mut iterations, mut converged, mut last_change) = (0, false, f64::INFINITY);
    while iterations < options.max_iterations {
        for (d, &pi) in denominator.iter_mut().zip(&p) {
            *d = games_with_reference / (pi + 1.0);
        }
        for pair in pairs {
            let (w, l) = (pair.winner as usize, pair.loser as usize);
            let share = pair.weight / (p[w] + p[l]);
            denominator[w] += share;
            denominator[l] += share;
        }
        for (pi, (&wi, &di)) in p.iter_mut().zip(wins.iter().zip(&denominator)) {
            *pi = wi / di;
        }
        iterations += 1;
        // Convergence is judged on centred values: a common drift of every strength changes no prediction.
        let change = recentre(&p, &mut theta);
        last_change = change;
        progress(iterations, change);
        if change < options.tolerance {
            converged = true;
            break;
        }
    }

    let mut information = vec![0.0_f64; titles];
    for (info, &pi) in information.iter_mut().zip(&p) {
        *info = games_with_reference * pi / ((pi + 1.0) * (pi + 1.0));
    }
    for pair in pairs {
        let (w, l) = (pair.winner as usize, pair.loser as usize);
        let sum = p[w] + p[l];
        let term = pair.weight * p[w] * p[l] / (sum * sum);
        information[w] += term;
        information[l] += term;
    }
    let strengths = theta
        .iter()
        .zip(information.iter().zip(&counts))
        .map(|(&theta, (&info, &comparisons))| Strength { theta, std_error: 1.0 / info.sqrt(), comparisons })
        .collect();
    Ok(Fit { strengths, iterations, converged, last_change })
}

/// Writes the centred logs of `p` into `theta`; returns the largest change.
fn recentre(p: &[f64], theta: &mut [f64]) -> f64 {
    if p.is_empty() {
        return 0.0;
    }
    let mean = p.iter().map(|x| x.ln()).sum::<f64>() / p.len() as f64;
    let mut change = 0.0_f64;
    for (t, &pi) in theta.iter_mut().zip(p) {
        let next = pi.ln() - mean;
        change = change.max((next - *t).abs());
        *t = next;
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(winner: u32, loser: u32, weight: f64) -> Pair {
        Pair { winner, loser, weight, tie: false }
    }

    fn run(titles: usize, pairs: &[Pair], options: FitOptions) -> Fit {
        fit(titles, pairs, &options, &mut |_, _| {}).unwrap()
    }

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() < tolerance
    }

    #[test]
    fn one_win_with_the_prior_at_three_fifths_is_two_to_one() {
        // A beat B once. By symmetry p_B = 1 / p_A = 1 / x, and A's likelihood equation reads
        // 1 + a = x² / (x² + 1) + 2a·x / (x + 1). At x = 2: 4/5 + 4a/3 = 1 + a, so a = 3/5.
        let options = FitOptions { prior: 0.6, tolerance: 1e-12, ..FitOptions::default() };
        let fit = run(2, &[pair(0, 1, 1.0)], options);
        assert!(fit.converged);
        let [a, b] = [fit.strengths[0], fit.strengths[1]];
        assert!(close(a.theta, 2f64.ln(), 1e-9), "{a:?}");
        assert!(close(b.theta, -(2f64.ln()), 1e-9), "{b:?}");
        // I_AA = 1·(2·½)/(2.5²) + 1.2·2/3² = 0.16 + 0.2666… = 0.42666…, so the error is 1/√0.42666… = 1.530931…
        assert!(close(a.std_error, 1.0 / (0.16_f64 + 2.4 / 9.0).sqrt(), 1e-9), "{a:?}");
        assert!(close(a.std_error, 1.530_931, 1e-6));
        assert!(close(a.std_error, b.std_error, 1e-9), "the information is symmetric too");
        assert_eq!((a.comparisons, b.comparisons), (1, 1));
    }

    #[test]
    fn the_first_mm_step_by_hand() {
        // From p = (1, 1) with prior 0.6: W = (1.6, 0.6); both denominators are 1/2 + 1.2/2 = 1.1, so
        // p = (16/11, 6/11) and θ_A − θ_B = ln(16/6).
        let options = FitOptions { prior: 0.6, max_iterations: 1, ..FitOptions::default() };
        let fit = run(2, &[pair(0, 1, 1.0)], options);
        assert_eq!(fit.iterations, 1);
        assert!(!fit.converged);
        assert!(close(fit.strengths[0].theta - fit.strengths[1].theta, (16.0_f64 / 6.0).ln(), 1e-12));
        assert!(close(fit.strengths[0].theta + fit.strengths[1].theta, 0.0, 1e-12), "centred");
    }

    #[test]
    fn consistent_win_rates_give_their_ratios_back() {
        // p = (4, 2, 1) predicts A>B 2/3, B>C 2/3, A>C 4/5: with exactly those records it is the MLE, so a
        // vanishing prior must find ratios 4 : 2 : 1.
        let pairs =
            [pair(0, 1, 2.0), pair(1, 0, 1.0), pair(1, 2, 2.0), pair(2, 1, 1.0), pair(0, 2, 4.0), pair(2, 0, 1.0)];
        let options = FitOptions { prior: 1e-9, tolerance: 1e-12, max_iterations: 100_000 };
        let fit = run(3, &pairs, options);
        assert!(fit.converged, "{fit:?}");
        let t: Vec<f64> = fit.strengths.iter().map(|s| s.theta).collect();
        assert!(close(t[0] - t[1], 2f64.ln(), 1e-6), "{t:?}");
        assert!(close(t[1] - t[2], 2f64.ln(), 1e-6), "{t:?}");
        assert!(close(t.iter().sum::<f64>(), 0.0, 1e-9));
    }

    #[test]
    fn a_title_with_only_wins_stays_finite() {
        let pairs: Vec<Pair> = (1..5).flat_map(|l| [pair(0, l, 1.0), pair(0, l, 1.0)]).collect();
        let fit = run(5, &pairs, FitOptions::default());
        assert!(fit.converged);
        let top = fit.strengths[0];
        assert!(top.theta.is_finite() && top.std_error.is_finite(), "{top:?}");
        assert!(fit.strengths[1..].iter().all(|s| s.theta < top.theta));
    }

    #[test]
    fn a_balanced_cycle_and_ties_leave_everyone_equal() {
        let cycle = [pair(0, 1, 1.0), pair(1, 2, 1.0), pair(2, 0, 1.0)];
        let fit = run(3, &cycle, FitOptions::default());
        assert!(fit.strengths.iter().all(|s| close(s.theta, 0.0, 1e-9)), "{fit:?}");
        let tie = [Pair { winner: 0, loser: 1, weight: 3.0, tie: true }];
        let fit = run(2, &tie, FitOptions::default());
        assert!(close(fit.strengths[0].theta, fit.strengths[1].theta, 1e-12));
    }

    #[test]
    fn more_evidence_means_less_uncertainty_and_unplayed_titles_are_average() {
        let few = run(3, &[pair(0, 1, 1.0)], FitOptions::default());
        let many = run(3, &[pair(0, 1, 1.0); 20], FitOptions::default());
        assert!(many.strengths[0].std_error < few.strengths[0].std_error);
        assert!(many.strengths[0].theta > few.strengths[0].theta);
        // Title 2 never played: its only evidence is the prior, i.e. an average title, with the prior's error
        // 1/√(2·1·1/4) = √2 at p = 1.
        let lone = few.strengths[2];
        assert_eq!(lone.comparisons, 0);
        assert!(close(lone.std_error, 2f64.sqrt(), 1e-6), "{lone:?}");
    }

    #[test]
    fn direct_answers_outweigh_implied_ones() {
        // A beat B once directly (weight 1); B beat A once by implication (weight 0.5): A ends up ahead.
        let fit = run(2, &[pair(0, 1, 1.0), pair(1, 0, 0.5)], FitOptions::default());
        assert!(fit.strengths[0].theta > fit.strengths[1].theta);
    }

    #[test]
    fn bad_input_is_refused() {
        let bad = |titles, pairs: &[Pair], options| fit(titles, pairs, &options, &mut |_, _| {}).unwrap_err().field;
        assert_eq!(bad(2, &[pair(0, 2, 1.0)], FitOptions::default()), "pairs[0]");
        assert_eq!(bad(2, &[pair(1, 1, 1.0)], FitOptions::default()), "pairs[0]");
        assert_eq!(bad(2, &[pair(0, 1, f64::NAN)], FitOptions::default()), "pairs[0].weight");
        assert_eq!(bad(2, &[], FitOptions { prior: 0.0, ..FitOptions::default() }), "prior");
        assert_eq!(bad(2, &[], FitOptions { tolerance: -1.0, ..FitOptions::default() }), "tolerance");
    }

    #[test]
    fn progress_hears_every_iteration() {
        let mut seen = Vec::new();
        let fit = fit(2, &[pair(0, 1, 1.0)], &FitOptions::default(), &mut |i, change| seen.push((i, change))).unwrap();
        assert_eq!(seen.len() as u32, fit.iterations);
        assert_eq!(seen.last().map(|s| s.0), Some(fit.iterations));
    }
}
