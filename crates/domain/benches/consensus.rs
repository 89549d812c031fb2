//! Criterion benches for the consensus chart: the Bradley–Terry fit at catalog scale (10,000 titles, 200,000
//! pairs drawn from known strengths) and the implied-pair build from ranked lists. Run with
//! `just bench-domain --bench consensus` (results in docs/benchmarks.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marquee_domain::bradley_terry::{FitOptions, Pair, fit};
use marquee_domain::consensus::{ChartInputs, ChartSettings, PairSet};
use marquee_domain::media::MediaId;

/// A small deterministic generator (xorshift64*), so every run fits the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `pairs` outcomes among `titles` titles whose true log-strengths spread evenly over [-3, 3]; three in four are
/// direct answers (weight 1), the rest implied (weight 0.5).
fn synthetic(titles: usize, pairs: usize) -> (Vec<f64>, Vec<Pair>) {
    let mut rng = Lcg(0x9e37_79b9_7f4a_7c15);
    let truth: Vec<f64> = (0..titles).map(|i| -3.0 + 6.0 * i as f64 / (titles - 1) as f64).collect();
    let mut out = Vec::with_capacity(pairs);
    while out.len() < pairs {
        let (i, j) = (rng.below(titles), rng.below(titles));
        if i == j {
            continue;
        }
        let p_i = 1.0 / (1.0 + (truth[j] - truth[i]).exp());
        let (winner, loser) = if rng.unit() < p_i { (i, j) } else { (j, i) };
        let weight = if out.len() % 4 == 3 { 0.5 } else { 1.0 };
        out.push(Pair { winner: winner as u32, loser: loser as u32, weight, tie: false });
    }
    (truth, out)
}

/// Spearman's rank correlation between the truth and the fit.
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let ranks = |v: &[f64]| {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&x, &y| v[x].total_cmp(&v[y]));
        let mut r = vec![0.0; v.len()];
        for (rank, &i) in idx.iter().enumerate() {
            r[i] = rank as f64;
        }
        r
    };
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let d2: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - y) * (x - y)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

fn bradley_terry(c: &mut Criterion) {
    let (truth, pairs) = synthetic(10_000, 200_000);
    let options = FitOptions::default();
    let once = fit(truth.len(), &pairs, &options, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let fitted: Vec<f64> = once.strengths.iter().map(|s| s.theta).collect();
    eprintln!(
        "10k titles, 200k pairs: {} iterations, converged {}, last change {:.2e}, Spearman vs truth {:.4}",
        once.iterations,
        once.converged,
        once.last_change,
        spearman(&truth, &fitted)
    );
    let mut group = c.benchmark_group("bradley_terry");
    group.sample_size(10);
    group.bench_function("fit_10k_titles_200k_pairs", |b| {
        b.iter(|| fit(truth.len(), black_box(&pairs), &options, &mut |_, _| {}));
    });
    group.finish();
}

fn implied(c: &mut Criterion) {
    // 1,000 lists of 200 titles out of a 10,000-title catalog.
    let mut rng = Lcg(42);
    let catalog: Vec<MediaId> = (0..10_000u128).map(|n| MediaId(uuid::Uuid::from_u128(n + 1))).collect();
    let lists: Vec<Vec<MediaId>> = (0..1_000)
        .map(|_| {
            let start = rng.below(catalog.len() - 200);
            catalog[start..start + 200].to_vec()
        })
        .collect();
    let inputs = ChartInputs { comparisons: Vec::new(), lists };
    let settings = ChartSettings::default();
    let built = PairSet::build(&inputs, &settings);
    eprintln!("1,000 lists of 200: {} implied pairs over {} titles", built.implied, built.titles.len());
    c.bench_function("implied_pairs_1000_lists_of_200", |b| b.iter(|| PairSet::build(black_box(&inputs), &settings)));
}

criterion_group!(benches, bradley_terry, implied);
criterion_main!(benches);
