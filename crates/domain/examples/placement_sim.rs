//! The placement simulation over MovieLens (docs/ranking.md, "Measured on MovieLens").
//!
//! For every user with at least 20 ratings, inserts their titles one by one (in the order they rated them) with
//! [`SearchState`], an oracle answering by the user's true rating (equal ratings: `too_close`), and reports the
//! questions per insertion against log₂(n + 1) and ⌈log₂(n + 1)⌉, and the final list's Kendall tau against the
//! oracle over strictly ordered pairs. Each setting runs with the plain binary search and with priors.
//!
//! `cargo run --release -p marquee-domain --example placement_sim -- ../shared/data/movielens-small [spread floor]`

#![allow(clippy::print_stdout, reason = "a measurement tool that reports on stdout")]

use std::collections::HashMap;
use std::time::Instant;

use marquee_domain::media::MediaId;
use marquee_domain::placement::{Guide, Next, Preference, SearchState, TierEntry, question_bound};
use marquee_domain::ranking::{Anchor, RankingId};

/// One rating: user, movie, rating (0.5 … 5.0, in halves), timestamp.
#[derive(Clone, Copy)]
struct Rating {
    user: u32,
    movie: u32,
    value: f64,
    at: u64,
}

fn load(dir: &str) -> Result<Vec<Rating>, String> {
    let path = format!("{dir}/ratings.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let mut f = line.split(',');
        let mut next = || f.next().ok_or_else(|| format!("{path}:{}: short line", n + 1));
        let bad = |e: &dyn std::fmt::Display| format!("{path}:{}: {e}", n + 1);
        out.push(Rating {
            user: next()?.parse().map_err(|e| bad(&e))?,
            movie: next()?.parse().map_err(|e| bad(&e))?,
            value: next()?.parse().map_err(|e| bad(&e))?,
            at: next()?.parse().map_err(|e| bad(&e))?,
        });
    }
    Ok(out)
}

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// Everything in one tier; equal ratings are `too_close`.
    OneTier,
    /// Stars (rating rounded up) pick the tier, as `Tier::from_stars` does; equal ratings are `too_close`.
    StarTiers,
    /// One tier, a strict order: rating, then the lower movie id first. No `too_close`.
    Strict,
}

#[derive(Clone, Copy, PartialEq)]
enum Prior {
    /// Plain binary search.
    None,
    /// The movie's mean rating by all other users (leave-one-out), shrunk towards the global mean with weight 5.
    Global,
    /// The user's own rating rounded up to whole stars (the quick rating).
    Stars,
}

#[derive(Default)]
struct Tally {
    insertions: u64,
    questions: u64,
    log_sum: f64,
    bound_sum: u64,
    worst_excess: i64,
    worst_questions: u32,
    over_bound: u64,
    min_tau: f64,
    users: u64,
}

fn stars(rating: f64) -> u8 {
    rating.ceil().clamp(1.0, 5.0) as u8
}

/// The oracle: how the user compares `a` (new) with `b` (existing).
fn prefer(layout: Layout, new: &Rating, existing: &Rating) -> Preference {
    if new.value > existing.value {
        Preference::New
    } else if new.value < existing.value {
        Preference::Existing
    } else if layout == Layout::Strict {
        if new.movie < existing.movie { Preference::New } else { Preference::Existing }
    } else {
        Preference::TooClose
    }
}

fn kendall_tau(layout: Layout, list: &[Rating]) -> f64 {
    let (mut concordant, mut discordant) = (0_u64, 0_u64);
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            match prefer(layout, a, b) {
                Preference::New => concordant += 1,
                Preference::Existing => discordant += 1,
                Preference::TooClose => {}
            }
        }
    }
    if concordant + discordant == 0 {
        1.0
    } else {
        (concordant as f64 - discordant as f64) / (concordant + discordant) as f64
    }
}

fn simulate(
    users: &[Vec<Rating>],
    global: &HashMap<u32, (f64, u32)>,
    mean: f64,
    layout: Layout,
    prior: Prior,
    guide: &Guide,
) -> Tally {
    let mut t = Tally { min_tau: 1.0, ..Tally::default() };
    for ratings in users {
        // Five tiers (only one used unless StarTiers): the entries the search sees and the ratings behind them.
        let mut tiers: Vec<(Vec<TierEntry>, Vec<Rating>)> = vec![(Vec::new(), Vec::new()); 5];
        for (i, r) in ratings.iter().enumerate() {
            let tier = if layout == Layout::StarTiers { 5 - usize::from(stars(r.value)) } else { 0 };
            let value = |x: &Rating| match prior {
                Prior::None => None,
                Prior::Stars => Some(f64::from(stars(x.value))),
                Prior::Global => global.get(&x.movie).map(|&(sum, count)| {
                    // Leave this user's own rating out.
                    (sum - x.value + 5.0 * mean) / (f64::from(count) - 1.0 + 5.0)
                }),
            };
            let (entries, list) = &mut tiers[tier];
            let n = entries.len();
            let (mut state, mut next) = SearchState::start_guided(entries, value(r), guide);
            let mut asked = 0_u32;
            let slot = loop {
                match next {
                    Next::Place(anchor) => {
                        break match anchor {
                            Anchor::Bottom | Anchor::Top => 0,
                            Anchor::After(id) => entries.iter().position(|e| e.id == id).map_or(0, |p| p + 1),
                            Anchor::Before(id) => entries.iter().position(|e| e.id == id).unwrap_or(0),
                            Anchor::Between { before, .. } => entries.iter().position(|e| e.id == before).unwrap_or(0),
                        };
                    }
                    Next::Ask { pivot, .. } => {
                        asked += 1;
                        let index = entries.iter().position(|e| e.id == pivot.id).unwrap_or(0);
                        let answer = prefer(layout, r, &list[index]);
                        next = match state.answer_guided(answer, uuid::Uuid::nil(), entries, guide) {
                            Ok((_, next)) => next,
                            Err(e) => panic!("the search refused an answer: {e}"),
                        };
                    }
                }
            };
            let entry = TierEntry {
                id: RankingId(uuid::Uuid::from_u128(i as u128 + 1)),
                media: MediaId(uuid::Uuid::from_u128(u128::from(r.movie))),
                prior: value(r),
            };
            entries.insert(slot, entry);
            list.insert(slot, *r);
            let bound = question_bound(n);
            t.insertions += 1;
            t.questions += u64::from(asked);
            t.log_sum += (n as f64 + 1.0).log2();
            t.bound_sum += u64::from(bound);
            t.worst_excess = t.worst_excess.max(i64::from(asked) - i64::from(bound));
            t.worst_questions = t.worst_questions.max(asked);
            t.over_bound += u64::from(asked > bound);
        }
        for (_, list) in &tiers {
            t.min_tau = t.min_tau.min(kendall_tau(layout, list));
        }
        t.users += 1;
    }
    t
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/data/movielens-small".to_owned());
    let mut guide = Guide::default();
    if let Some(spread) = args.next() {
        guide.spread = spread.parse().map_err(|e| format!("spread: {e}"))?;
    }
    if let Some(floor) = args.next() {
        guide.floor = floor.parse().map_err(|e| format!("floor: {e}"))?;
    }
    let started = Instant::now();
    let ratings = load(&dir)?;
    let mut global: HashMap<u32, (f64, u32)> = HashMap::new();
    for r in &ratings {
        let e = global.entry(r.movie).or_default();
        e.0 += r.value;
        e.1 += 1;
    }
    let mean = ratings.iter().map(|r| r.value).sum::<f64>() / ratings.len() as f64;
    let mut by_user: HashMap<u32, Vec<Rating>> = HashMap::new();
    for r in ratings {
        by_user.entry(r.user).or_default().push(r);
    }
    let mut users: Vec<Vec<Rating>> = by_user.into_values().filter(|v| v.len() >= 20).collect();
    users.sort_by_key(|v| v[0].user);
    for v in &mut users {
        v.sort_by_key(|r| (r.at, r.movie));
    }
    println!("{} users with at least 20 ratings, guide spread {} floor {}\n", users.len(), guide.spread, guide.floor);
    println!(
        "| layout | prior | insertions | mean questions | mean log2(n+1) | ratio | mean ceil(log2(n+1)) | worst questions | over the bound | min Kendall tau |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (layout, lname) in [
        (Layout::OneTier, "one tier, ties too_close"),
        (Layout::StarTiers, "star tiers, ties too_close"),
        (Layout::Strict, "one tier, strict"),
    ] {
        for (prior, pname) in [
            (Prior::None, "none (plain binary)"),
            (Prior::Global, "global mean (leave-one-out)"),
            (Prior::Stars, "own stars (rounded up)"),
        ] {
            if layout == Layout::StarTiers && prior == Prior::Stars {
                continue; // Inside a star tier the stars are all equal: the same as no prior.
            }
            let t = simulate(&users, &global, mean, layout, prior, &guide);
            let n = t.insertions as f64;
            println!(
                "| {lname} | {pname} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {} | {:.6} |",
                t.insertions,
                t.questions as f64 / n,
                t.log_sum / n,
                t.questions as f64 / t.log_sum,
                t.bound_sum as f64 / n,
                t.worst_questions,
                t.over_bound,
                t.min_tau,
            );
            assert!(t.worst_excess <= 0, "the bound was exceeded");
            let _ = t.users;
        }
    }
    println!("\n{:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
