//! Criterion benches for the rank math: `RankKey::between` in its three cases and the tier rebalance.
//! Run with `just bench` (results in docs/benchmarks.md).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use marquee_domain::rank::{RankKey, spread};
use marquee_domain::ranking::rebalance;
use marquee_domain::score::Score;
use marquee_domain::tier::Tier;

fn key(s: &str) -> RankKey {
    RankKey::parse(s).unwrap_or_else(|e| panic!("bad bench key {s:?}: {e}"))
}

fn between(c: &mut Criterion) {
    let mut group = c.benchmark_group("between");
    let (low, high) = (key("V"), key("W"));
    group.bench_function("midpoint_short", |b| {
        b.iter(|| RankKey::between(Some(black_box(&low)), Some(black_box(&high))));
    });
    // Keys near the 48-byte bound: the worst case the service ever computes.
    let long_low = key(&"V".repeat(47));
    let long_high = key(&format!("{}W", "V".repeat(46)));
    group.bench_function("midpoint_47_bytes", |b| {
        b.iter(|| RankKey::between(Some(black_box(&long_low)), Some(black_box(&long_high))));
    });
    group.bench_function("append", |b| b.iter(|| RankKey::between(Some(black_box(&high)), None)));
    group.bench_function("prepend", |b| b.iter(|| RankKey::between(None, Some(black_box(&low)))));
    group.finish();
}

fn rebalancing(c: &mut Criterion) {
    let mut group = c.benchmark_group("rebalance");
    for n in [100usize, 1_000, 10_000] {
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| rebalance(black_box((0..n).collect::<Vec<usize>>())));
        });
    }
    group.bench_function("spread_1000", |b| b.iter(|| spread(black_box(1_000))));
    group.finish();
}

fn scoring(c: &mut Criterion) {
    c.bench_function("score_derive", |b| b.iter(|| Score::derive(black_box(Tier::B), black_box(37), black_box(120))));
}

criterion_group!(benches, between, rebalancing, scoring);
criterion_main!(benches);
