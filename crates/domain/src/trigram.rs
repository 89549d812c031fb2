//! Trigram similarity in the manner of PostgreSQL's `pg_trgm`, for adapters that have no `pg_trgm` (the in-memory
//! store). Words are lower-cased runs of alphanumerics, padded with two spaces in front and one behind, and cut
//! into three-character pieces.

use std::collections::BTreeSet;

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn word_trigrams(word: &str, into: &mut BTreeSet<[char; 3]>) {
    let padded: Vec<char> = "  ".chars().chain(word.chars()).chain(" ".chars()).collect();
    for w in padded.windows(3) {
        into.insert([w[0], w[1], w[2]]);
    }
}

/// The set of trigrams of a text.
pub fn trigrams(text: &str) -> BTreeSet<[char; 3]> {
    let mut set = BTreeSet::new();
    for w in words(text) {
        word_trigrams(&w, &mut set);
    }
    set
}

fn jaccard(a: &BTreeSet<[char; 3]>, b: &BTreeSet<[char; 3]>) -> f32 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 { 0.0 } else { shared as f32 / union as f32 }
}

/// Similarity of two whole texts, 0 to 1 (`similarity()` in `pg_trgm`).
pub fn similarity(a: &str, b: &str) -> f32 {
    jaccard(&trigrams(a), &trigrams(b))
}

/// The best similarity between `query` and any run of consecutive trigrams of `text`: `pg_trgm`'s
/// `word_similarity()`, so a query matches a word inside a longer title.
pub fn word_similarity(query: &str, text: &str) -> f32 {
    let q = trigrams(query);
    let mut sequence = Vec::new();
    for w in words(text) {
        let padded: Vec<char> = "  ".chars().chain(w.chars()).chain(" ".chars()).collect();
        sequence.extend(padded.windows(3).map(|t| [t[0], t[1], t[2]]));
    }
    let mut best = 0.0f32;
    for start in 0..sequence.len() {
        let mut extent = BTreeSet::new();
        for t in &sequence[start..] {
            extent.insert(*t);
            best = best.max(jaccard(&q, &extent));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_pg_trgm_on_its_documented_example() {
        // pg_trgm's documentation: similarity('word', 'two words') = 0.363636, word_similarity = 0.8.
        assert!((similarity("word", "two words") - 0.363_636).abs() < 1e-4);
        assert!((word_similarity("word", "two words") - 0.8).abs() < 1e-4);
    }

    #[test]
    fn a_typo_still_finds_the_title() {
        assert!(word_similarity("godfathr", "The Godfather") > 0.6);
        assert!(word_similarity("alien", "The Godfather") < 0.2);
        assert_eq!(similarity("", "x"), 0.0);
    }
}
