//! Measures how many inserts each pattern takes before a key outgrows `MAX_KEY_LEN` and forces a rebalance.
//! `cargo run -p marquee-domain --example key_growth`; the figures are quoted in docs/ranking.md.

#![allow(clippy::print_stdout, reason = "a measurement tool that reports on stdout")]

use marquee_domain::rank::{MAX_KEY_LEN, RankKey, spread};

/// Inserts with `next` until the new key is oversized; returns how many fitted.
fn until_oversized(mut next: impl FnMut() -> RankKey) -> usize {
    let mut n = 0;
    while !next().is_oversized() {
        n += 1;
    }
    n
}

fn main() {
    let mut last = RankKey::between(None, None).ok();
    let appends = until_oversized(|| {
        let k = RankKey::between(last.as_ref(), None).unwrap_or_else(|e| panic!("{e}"));
        last = Some(k.clone());
        k
    });
    let mut first = RankKey::between(None, None).ok();
    let prepends = until_oversized(|| {
        let k = RankKey::between(None, first.as_ref()).unwrap_or_else(|e| panic!("{e}"));
        first = Some(k.clone());
        k
    });
    let keys = spread(2);
    let (low, mut high) = (keys[0].clone(), keys[1].clone());
    let below_one = until_oversized(|| {
        let k = RankKey::between(Some(&low), Some(&high)).unwrap_or_else(|e| panic!("{e}"));
        high = k.clone();
        k
    });
    let keys = spread(2);
    let (mut low, high) = (keys[0].clone(), keys[1].clone());
    let above_one = until_oversized(|| {
        let k = RankKey::between(Some(&low), Some(&high)).unwrap_or_else(|e| panic!("{e}"));
        low = k.clone();
        k
    });
    // The worst case right after a rebalance of a large tier: neighbours with 3-byte keys.
    let big = spread(100_000);
    let (low, mut high) = (big[50_000].clone(), big[50_001].clone());
    let after_rebalance = until_oversized(|| {
        let k = RankKey::between(Some(&low), Some(&high)).unwrap_or_else(|e| panic!("{e}"));
        high = k.clone();
        k
    });
    println!("MAX_KEY_LEN = {MAX_KEY_LEN} bytes");
    println!("appends at the bottom before a rebalance: {appends}");
    println!("prepends at the top before a rebalance:   {prepends}");
    println!("inserts always right above one title:     {below_one}");
    println!("inserts always right below one title:     {above_one}");
    println!("same, between 3-byte keys of a rebalanced 100,000-title tier: {after_rebalance}");
    for n in [10, 100, 1_000, 10_000, 100_000] {
        let longest = spread(n).iter().map(RankKey::len).max().unwrap_or(0);
        println!("rebalanced tier of {n:>6}: keys of {longest} bytes");
    }
}
