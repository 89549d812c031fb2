//! Taste profiles and taste compatibility, from tier lists.
//!
//! A profile weighs each title by its derived score, not its mere presence: a title at score `s` pushes each of
//! its genres (decade, kind) by `(s − 5) / 5` (from −1 to +1), and an attribute's affinity is the sum over its
//! titles divided by `count + SHRINK`, so an attribute seen once cannot dominate one seen twenty times.
//!
//! Compatibility (0–100) predicts how well two users will agree on titles neither has ranked yet (Kendall's
//! tau-b of their scores on titles both rank later). It blends three pieces of evidence:
//!
//! - each user's *leaning*: Kendall's tau-b between their scores and the consensus (the chart's strength of each
//!   title), shrunk toward 0 by `m / (m + LEANING_PRIOR)` over the `m` titles with a consensus value. Two users who
//!   both follow the consensus agree with each other, so the product of the two leanings predicts agreement;
//! - rank agreement on the `n` titles both ranked (tau-b), trusted by `SHARED_CAP · n / (n + SHARED_PRIOR)`: even
//!   many shared titles predict the next ones only partly;
//! - the cosine similarity of the two profiles, a weak prior ([`PROFILE_WEIGHT`]).
//!
//! The predicted tau-b `p = w·tau_shared + (1 − w − PROFILE_WEIGHT)·leaning_a·leaning_b + PROFILE_WEIGHT·similarity`
//! is shown as `50 + 100·p`, clamped to 0–100: 50 means "no agreement expected", each point above is 0.01 of
//! predicted tau-b. The constants were chosen on an inner split of the MovieLens training ratings
//! (docs/recommendations.md, "Compatibility").
#![allow(clippy::cast_precision_loss)]

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

use serde::Serialize;

/// Pseudo-count shrinking affinities of rare attributes toward 0.
pub const SHRINK: f64 = 2.0;
/// Shared titles at which tau-b on them gets half of [`SHARED_CAP`].
pub const SHARED_PRIOR: f64 = 40.0;
/// The most weight rank agreement on shared titles can get.
pub const SHARED_CAP: f64 = 0.5;
/// Ranked titles at which a leaning keeps half its value.
pub const LEANING_PRIOR: f64 = 10.0;
/// The weight of profile similarity, a weak prior.
pub const PROFILE_WEIGHT: f64 = 0.05;

/// One ranked title as the profile needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct TasteEntry<T> {
    /// The title.
    pub item: T,
    /// Its derived score, 0–10.
    pub score: f64,
    /// Its genres.
    pub genres: Vec<String>,
    /// Its release year.
    pub year: Option<i32>,
    /// Its kind (movie, show, book, play).
    pub kind: String,
}

/// The affinity of one attribute value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Affinity {
    /// The genre, the decade ("1990s") or the kind.
    pub key: String,
    /// How many ranked titles have it.
    pub count: usize,
    /// Their mean score.
    pub mean_score: f64,
    /// Shrunk, score-weighted lean from −1 to +1.
    pub affinity: f64,
}

/// A user's taste.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TasteProfile<T> {
    /// Ranked titles.
    pub count: usize,
    /// Mean derived score.
    pub mean_score: f64,
    /// Per genre, strongest affinity first.
    pub genres: Vec<Affinity>,
    /// Per decade.
    pub decades: Vec<Affinity>,
    /// Per kind.
    pub kinds: Vec<Affinity>,
    /// The titles that define it: the highest scored, ties by input order (at most five).
    pub defining: Vec<T>,
}

fn affinities<'a>(entries: impl Iterator<Item = (String, f64)> + 'a) -> Vec<Affinity> {
    let mut acc: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for (key, score) in entries {
        let slot = acc.entry(key).or_default();
        slot.0 += 1;
        slot.1 += score;
    }
    let mut out: Vec<Affinity> = acc
        .into_iter()
        .map(|(key, (count, sum))| {
            let n = count as f64;
            Affinity { key, count, mean_score: sum / n, affinity: (sum - 5.0 * n) / 5.0 / (n + SHRINK) }
        })
        .collect();
    out.sort_by(|a, b| b.affinity.total_cmp(&a.affinity).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Builds a profile from a tier list.
pub fn profile<T: Clone>(entries: &[TasteEntry<T>]) -> TasteProfile<T> {
    let count = entries.len();
    let mean_score = if count == 0 { 0.0 } else { entries.iter().map(|e| e.score).sum::<f64>() / count as f64 };
    let genres = affinities(entries.iter().flat_map(|e| e.genres.iter().map(|g| (g.clone(), e.score))));
    let decades =
        affinities(entries.iter().filter_map(|e| e.year.map(|y| (format!("{}s", y.div_euclid(10) * 10), e.score))));
    let kinds = affinities(entries.iter().map(|e| (e.kind.clone(), e.score)));
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| entries[b].score.total_cmp(&entries[a].score).then(a.cmp(&b)));
    let defining = order.into_iter().take(5).map(|k| entries[k].item.clone()).collect();
    TasteProfile { count, mean_score, genres, decades, kinds, defining }
}

/// Kendall's tau-b of paired observations; `None` when fewer than two pairs or either side is constant.
///
/// `O(n log n)`: sorted by x, each x-group counts the earlier (strictly smaller x) pairs above and below its y in
/// a Fenwick tree over y ranks; ties come from group sizes.
pub fn kendall_tau_b(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len();
    let mut ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    let rank = |y: f64| ys.partition_point(|v| v.total_cmp(&y).is_lt());
    let mut sorted = pairs.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let pairs_of = |g: usize| (g * g.saturating_sub(1) / 2) as f64;
    let mut tree = vec![0_usize; ys.len() + 1];
    let below = |tree: &[usize], mut i: usize| {
        // How many inserted ranks are < i.
        let mut sum = 0;
        while i > 0 {
            sum += tree[i];
            i &= i - 1;
        }
        sum
    };
    let (mut s, mut ties_x, mut inserted) = (0_f64, 0_f64, 0_usize);
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end < n && sorted[end].0.total_cmp(&sorted[start].0).is_eq() {
            end += 1;
        }
        ties_x += pairs_of(end - start);
        let mut k = start;
        while k < end {
            let mut same = k;
            while same < end && sorted[same].1.total_cmp(&sorted[k].1).is_eq() {
                same += 1;
            }
            let r = rank(sorted[k].1);
            let lower = below(&tree, r);
            let higher = inserted - below(&tree, r + 1);
            s += (same - k) as f64 * (lower as f64 - higher as f64);
            k = same;
        }
        for p in &sorted[start..end] {
            let mut i = rank(p.1) + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
        inserted += end - start;
        start = end;
    }
    let mut ties_y = 0.0;
    let mut all_y: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    all_y.sort_by(f64::total_cmp);
    for group in all_y.chunk_by(|a, b| a.total_cmp(b).is_eq()) {
        ties_y += pairs_of(group.len());
    }
    let total = pairs_of(n);
    let denom = ((total - ties_x) * (total - ties_y)).sqrt();
    (denom > 0.0).then(|| s / denom)
}

/// A title both users ranked, with both scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedTitle<T> {
    /// The title.
    pub item: T,
    /// The first user's score.
    pub mine: f64,
    /// The second user's score.
    pub theirs: f64,
}

/// A genre on which two profiles differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenreGap {
    /// The genre.
    pub genre: String,
    /// The first user's affinity.
    pub mine: f64,
    /// The second user's affinity.
    pub theirs: f64,
}

/// Compatibility of two users, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compatibility<T> {
    /// 0–100.
    pub score: u8,
    /// Titles both ranked.
    pub shared: usize,
    /// Kendall's tau-b on them (`None` below two or when one side is constant).
    pub tau_b: Option<f64>,
    /// Cosine similarity of the profiles (genre, decade and kind affinities), −1 to 1.
    pub profile_similarity: f64,
    /// How closely the first user follows the consensus (see [`leaning`]), −1 to 1.
    pub leaning_mine: f64,
    /// How closely the second user follows the consensus, −1 to 1.
    pub leaning_theirs: f64,
    /// The Kendall tau-b predicted on titles both will rank; `score` is `50 + 100 ×` this, clamped.
    pub predicted_agreement: f64,
    /// Shared titles with the closest scores, highest first (at most three).
    pub agree_most: Vec<SharedTitle<T>>,
    /// Shared titles with the furthest scores (at most three).
    pub disagree_most: Vec<SharedTitle<T>>,
    /// Genres with the largest affinity gap (at most three).
    pub genres_apart: Vec<GenreGap>,
}

/// The tau-b two users are predicted to reach on titles both rank later, from their tau-b on the `n` titles
/// already shared, their two leanings and their profile similarity (the module's formula).
pub fn predicted_agreement(shared_tau: f64, n: f64, leanings: (f64, f64), similarity: f64) -> f64 {
    let w = SHARED_CAP * n / (n + SHARED_PRIOR);
    w * shared_tau + (1.0 - w - PROFILE_WEIGHT) * leanings.0 * leanings.1 + PROFILE_WEIGHT * similarity
}

fn affinity_map(p: &[Affinity], prefix: &str) -> impl Iterator<Item = (String, f64)> {
    p.iter().map(move |a| (format!("{prefix}{}", a.key), a.affinity)).collect::<Vec<_>>().into_iter()
}

/// Cosine similarity of two profiles' affinities (0 when either is empty).
pub fn profile_similarity<T>(a: &TasteProfile<T>, b: &TasteProfile<T>) -> f64 {
    let vector = |p: &TasteProfile<T>| -> HashMap<String, f64> {
        affinity_map(&p.genres, "g:")
            .chain(affinity_map(&p.decades, "d:"))
            .chain(affinity_map(&p.kinds, "k:"))
            .collect()
    };
    let (va, vb) = (vector(a), vector(b));
    let dot: f64 = va.iter().filter_map(|(k, x)| vb.get(k).map(|y| x * y)).sum();
    let norm = |v: &HashMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let denom = norm(&va) * norm(&vb);
    if denom > 0.0 { dot / denom } else { 0.0 }
}

/// How closely a user's scores follow the consensus: Kendall's tau-b between their scores and `consensus` (any
/// monotone measure of how liked a title is overall, e.g. the chart's strength) over the titles that have one,
/// shrunk toward 0 by `m / (m + LEANING_PRIOR)`. 0 without at least two such titles or when either side is constant.
pub fn leaning<T: Eq + Hash, S: BuildHasher>(entries: &[TasteEntry<T>], consensus: &HashMap<T, f64, S>) -> f64 {
    let pairs: Vec<(f64, f64)> = entries.iter().filter_map(|e| consensus.get(&e.item).map(|&c| (e.score, c))).collect();
    let m = pairs.len() as f64;
    kendall_tau_b(&pairs).map_or(0.0, |tau| tau * m / (m + LEANING_PRIOR))
}

/// Compatibility of the owners of two tier lists, given each title's consensus value (see [`leaning`]).
pub fn compatibility<T: Clone + Eq + Hash, S: BuildHasher>(
    mine: &[TasteEntry<T>],
    theirs: &[TasteEntry<T>],
    consensus: &HashMap<T, f64, S>,
) -> Compatibility<T> {
    let leanings = (leaning(mine, consensus), leaning(theirs, consensus));
    compatibility_with_profiles(mine, theirs, &profile(mine), &profile(theirs), leanings)
}

/// [`compatibility`] with the two profiles and the two leanings (mine, theirs) already computed (for many
/// comparisons).
pub fn compatibility_with_profiles<T: Clone + Eq + Hash>(
    mine: &[TasteEntry<T>],
    theirs: &[TasteEntry<T>],
    pa: &TasteProfile<T>,
    pb: &TasteProfile<T>,
    leanings: (f64, f64),
) -> Compatibility<T> {
    let their_scores: HashMap<&T, f64> = theirs.iter().map(|e| (&e.item, e.score)).collect();
    let shared: Vec<SharedTitle<T>> = mine
        .iter()
        .filter_map(|e| {
            their_scores.get(&e.item).map(|&t| SharedTitle { item: e.item.clone(), mine: e.score, theirs: t })
        })
        .collect();
    let pairs: Vec<(f64, f64)> = shared.iter().map(|s| (s.mine, s.theirs)).collect();
    let tau_b = kendall_tau_b(&pairs);
    let n = shared.len() as f64;
    let similarity = profile_similarity(pa, pb);
    let predicted = predicted_agreement(tau_b.unwrap_or(0.0), n, leanings, similarity);
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to 0..=100")]
    let score = (50.0 + 100.0 * predicted).round().clamp(0.0, 100.0) as u8;
    let gap = |s: &SharedTitle<T>| (s.mine - s.theirs).abs();
    let mut agree = shared.clone();
    agree.sort_by(|a, b| gap(a).total_cmp(&gap(b)).then((b.mine + b.theirs).total_cmp(&(a.mine + a.theirs))));
    agree.truncate(3);
    let mut disagree = shared.clone();
    disagree.sort_by(|a, b| gap(b).total_cmp(&gap(a)));
    disagree.retain(|s| gap(s) > 0.0);
    disagree.truncate(3);
    let theirs_genres: HashMap<&str, f64> = pb.genres.iter().map(|a| (a.key.as_str(), a.affinity)).collect();
    let mut genres_apart: Vec<GenreGap> = pa
        .genres
        .iter()
        .map(|a| GenreGap {
            genre: a.key.clone(),
            mine: a.affinity,
            theirs: theirs_genres.get(a.key.as_str()).copied().unwrap_or(0.0),
        })
        .chain(pb.genres.iter().filter(|b| !pa.genres.iter().any(|a| a.key == b.key)).map(|b| GenreGap {
            genre: b.key.clone(),
            mine: 0.0,
            theirs: b.affinity,
        }))
        .collect();
    genres_apart
        .sort_by(|a, b| (b.mine - b.theirs).abs().total_cmp(&(a.mine - a.theirs).abs()).then(a.genre.cmp(&b.genre)));
    genres_apart.truncate(3);
    Compatibility {
        score,
        shared: shared.len(),
        tau_b,
        profile_similarity: similarity,
        leaning_mine: leanings.0,
        leaning_theirs: leanings.1,
        predicted_agreement: predicted,
        agree_most: agree,
        disagree_most: disagree,
        genres_apart,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(item: u32, score: f64, genres: &[&str], year: i32) -> TasteEntry<u32> {
        TasteEntry {
            item,
            score,
            genres: genres.iter().map(|g| (*g).to_owned()).collect(),
            year: Some(year),
            kind: "movie".into(),
        }
    }

    #[test]
    fn tau_b_without_ties_is_tau_a() {
        assert_eq!(kendall_tau_b(&[(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)]), Some(1.0));
        assert_eq!(kendall_tau_b(&[(1.0, 3.0), (2.0, 2.0), (3.0, 1.0)]), Some(-1.0));
        // 4 items, y swaps the middle two: 5 concordant, 1 discordant → 4/6.
        let tau = kendall_tau_b(&[(1.0, 1.0), (2.0, 3.0), (3.0, 2.0), (4.0, 4.0)]).unwrap_or_default();
        assert!((tau - 4.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn tau_b_with_ties_by_hand() {
        // x = 1 1 2 3, y = 1 2 2 3. Pairs: (0,1) tie x; (0,2) C; (0,3) C; (1,2) tie y; (1,3) C; (2,3) C.
        // C = 4, D = 0, n0 = 6, ties in x: 1 pair, ties in y: 1 pair → 4 / sqrt(5 · 5) = 0.8.
        let tau = kendall_tau_b(&[(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (3.0, 3.0)]).unwrap_or_default();
        assert!((tau - 0.8).abs() < 1e-12);
        assert_eq!(kendall_tau_b(&[(1.0, 1.0), (1.0, 2.0)]), None, "constant side");
        assert_eq!(kendall_tau_b(&[(1.0, 1.0)]), None);
    }

    #[test]
    fn tau_b_matches_the_pairwise_definition() {
        // A brute-force count over every pair, on a sample with many ties.
        let pairs: Vec<(f64, f64)> = (0..40_u32).map(|k| (f64::from(k * 7 % 5), f64::from(k * 3 % 4))).collect();
        let (mut c, mut d, mut tx, mut ty) = (0.0, 0.0, 0.0, 0.0);
        for (k, a) in pairs.iter().enumerate() {
            for b in &pairs[k + 1..] {
                let (dx, dy) = (a.0 - b.0, a.1 - b.1);
                if dx == 0.0 && dy != 0.0 {
                    tx += 1.0;
                } else if dy == 0.0 && dx != 0.0 {
                    ty += 1.0;
                } else if dx * dy > 0.0 {
                    c += 1.0;
                } else if dx * dy < 0.0 {
                    d += 1.0;
                }
            }
        }
        let expected = (c - d) / (f64::sqrt((c + d + ty) * (c + d + tx)));
        let tau = kendall_tau_b(&pairs).unwrap_or_default();
        assert!((tau - expected).abs() < 1e-12, "{tau} vs {expected}");
    }

    #[test]
    fn profile_weighs_scores_and_shrinks_small_counts() {
        let entries = [
            entry(1, 10.0, &["Drama"], 1994),
            entry(2, 9.0, &["Drama", "Crime"], 1999),
            entry(3, 2.0, &["Horror"], 2005),
            entry(4, 5.0, &["Comedy"], 2001),
        ];
        let p = profile(&entries);
        // Drama: ((10 − 5) + (9 − 5)) / 5 / (2 + 2) = 0.45; Crime: 0.8 / 3; Comedy: 0; Horror: −0.6 / 3.
        assert_eq!(p.genres[0].key, "Drama");
        assert!((p.genres[0].affinity - 0.45).abs() < 1e-12);
        assert!((p.genres[1].affinity - 0.8 / 3.0).abs() < 1e-12);
        assert_eq!(p.genres[3].key, "Horror");
        assert!((p.genres[3].affinity + 0.2).abs() < 1e-12);
        assert_eq!(p.decades[0].key, "1990s");
        assert_eq!(p.decades[0].count, 2);
        assert_eq!(p.defining, vec![1, 2, 4, 3]);
        assert!((p.mean_score - 6.5).abs() < 1e-12);
    }

    #[test]
    fn compatibility_rewards_agreement_and_explains() {
        let a = [
            entry(1, 10.0, &["Drama"], 1994),
            entry(2, 8.0, &["Drama"], 1995),
            entry(3, 3.0, &["Horror"], 1996),
            entry(4, 6.0, &["Comedy"], 1997),
        ];
        let same = a.clone();
        let mut reversed = a.clone();
        for (e, s) in reversed.iter_mut().zip([3.0, 6.0, 10.0, 8.0]) {
            e.score = s;
        }
        let none = HashMap::new();
        let twin = compatibility(&a, &same, &none);
        let opposite = compatibility(&a, &reversed, &none);
        assert_eq!(twin.tau_b, Some(1.0));
        assert!(twin.score > opposite.score, "{} vs {}", twin.score, opposite.score);
        assert_eq!(opposite.disagree_most[0].item, 1, "gap 7, tied with title 3: input order");
        assert_eq!(opposite.disagree_most[1].item, 3);
        assert_eq!(opposite.genres_apart[0].genre, "Horror");
        // Four shared titles, no consensus: w = 0.5 · 4 / 44; identical profiles have similarity 1.
        let w: f64 = 0.5 * 4.0 / 44.0;
        let expected = 50.0 + 100.0 * (w + PROFILE_WEIGHT);
        assert_eq!(twin.score, expected.round() as u8);
        let book = TasteEntry { kind: "book".into(), ..entry(9, 7.0, &["Western"], 1960) };
        let strangers = compatibility(&a, &[book], &none);
        assert_eq!(strangers.shared, 0);
        assert_eq!(strangers.score, 50, "orthogonal profiles, nothing shared, no consensus: no agreement expected");
    }

    #[test]
    fn leaning_is_shrunk_tau_against_the_consensus() {
        let consensus: HashMap<u32, f64> = (1..=10).map(|k| (k, f64::from(k))).collect();
        let follower: Vec<_> = (1..=10).map(|k| entry(k, f64::from(k), &["Drama"], 2000)).collect();
        let contrarian: Vec<_> = (1..=10).map(|k| entry(k, f64::from(11 - k), &["Drama"], 2000)).collect();
        assert!((leaning(&follower, &consensus) - 0.5).abs() < 1e-12, "tau 1 over 10 titles: 10 / 20");
        assert!((leaning(&contrarian, &consensus) + 0.5).abs() < 1e-12);
        assert_eq!(leaning(&follower, &HashMap::new()), 0.0, "no consensus values: no leaning");
    }

    #[test]
    fn two_followers_of_the_consensus_are_compatible_without_shared_titles() {
        // Disjoint lists: only the leanings can speak.
        let consensus: HashMap<u32, f64> = (1..=40).map(|k| (k, f64::from(k))).collect();
        let a: Vec<_> = (1..=20).map(|k| entry(k, f64::from(k) / 2.0, &["Drama"], 2000)).collect();
        let b: Vec<_> = (21..=40).map(|k| entry(k, f64::from(k - 20) / 2.0, &["Drama"], 2000)).collect();
        let c: Vec<_> = (21..=40).map(|k| entry(k, f64::from(41 - k) / 2.0, &["Drama"], 2000)).collect();
        let followers = compatibility(&a, &b, &consensus);
        let apart = compatibility(&a, &c, &consensus);
        assert_eq!(followers.shared, 0);
        let l = 20.0 / 30.0;
        assert!((followers.leaning_mine - l).abs() < 1e-12);
        assert!(
            (followers.predicted_agreement
                - ((1.0 - PROFILE_WEIGHT) * l * l + PROFILE_WEIGHT * followers.profile_similarity))
                .abs()
                < 1e-12
        );
        assert!(followers.score >= 90, "{}", followers.score);
        assert!(apart.score < 50, "a follower and a contrarian: {}", apart.score);
    }
}
