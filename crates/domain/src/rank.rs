//! Fractional rank keys: the order of titles inside a tier.
//!
//! A key is a string over the 62 digits `0-9A-Za-z`, read as a base-62 fraction in (0, 1): `"V"` is 31/62.
//! ASCII orders those digits by value, so comparing keys bytewise (`COLLATE "C"` in PostgreSQL) orders them by
//! value. A key never ends in `0`, so no two spellings share a value and there is always room on both sides.
//!
//! [`RankKey::between`] makes a key strictly between two neighbours, or past either end of the tier, so placing
//! or moving one title writes one row. Between two neighbours it takes the midpoint, which halves the gap: an
//! adversary inserting at one spot over and over lengthens the key by one digit per ~5 inserts. Past the ends it
//! steps by one digit instead of halving, so a tier filled from the bottom (the common case) grows one digit per
//! ~60 inserts. When a new key would be longer than [`MAX_KEY_LEN`], the adapter rewrites the whole tier with
//! [`spread`]: evenly spaced keys of the shortest length that fits. See docs/ranking.md for the amortised cost.

use std::cmp::Ordering;
use std::fmt;

use crate::error::FieldError;

/// The longest key an adapter stores; a longer one triggers a rebalance of the tier.
pub const MAX_KEY_LEN: usize = 48;

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: u8 = 62;
const TOP: u8 = BASE - 1;

/// A validated fractional rank key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RankKey(String);

/// Why two keys cannot bound a new one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RankKeyError {
    /// The lower bound is not below the upper bound.
    #[error("lower bound {lower} is not below upper bound {upper}")]
    NotOrdered {
        /// The lower bound given.
        lower: String,
        /// The upper bound given.
        upper: String,
    },
}

fn digit_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'A'..=b'Z' => Some(byte - b'A' + 10),
        b'a'..=b'z' => Some(byte - b'a' + 36),
        _ => None,
    }
}

impl RankKey {
    /// Parses a stored key: 1 to 64 digits of `0-9A-Za-z`, not ending in `0`.
    pub fn parse(key: &str) -> Result<Self, FieldError> {
        let ok =
            !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| digit_value(b).is_some()) && !key.ends_with('0');
        if ok { Ok(Self(key.to_owned())) } else { Err(FieldError::new("rank_key", "is not a valid rank key")) }
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key's length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: keys are never empty. Present for API symmetry with [`RankKey::len`].
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this key is too long to store: the tier it belongs to must be rebalanced.
    pub fn is_oversized(&self) -> bool {
        self.0.len() > MAX_KEY_LEN
    }

    /// A key strictly between `lower` and `upper`; `None` stands for the open end of the tier.
    ///
    /// # Errors
    /// [`RankKeyError::NotOrdered`] when both bounds are given and `lower >= upper`.
    pub fn between(lower: Option<&RankKey>, upper: Option<&RankKey>) -> Result<RankKey, RankKeyError> {
        let digits = match (lower, upper) {
            (None, None) => vec![BASE / 2],
            (Some(a), None) => step_up(&a.digits()),
            (None, Some(b)) => step_down(&b.digits()),
            (Some(a), Some(b)) => {
                if a >= b {
                    return Err(RankKeyError::NotOrdered { lower: a.0.clone(), upper: b.0.clone() });
                }
                midpoint(&a.digits(), &b.digits())
            }
        };
        Ok(Self::from_digits(&digits))
    }

    fn digits(&self) -> Vec<u8> {
        // Keys are validated on construction, so every byte is a digit.
        self.0.bytes().filter_map(digit_value).collect()
    }

    fn from_digits(digits: &[u8]) -> Self {
        debug_assert!(digits.last().is_some_and(|&d| d != 0), "keys never end in the zero digit");
        Self(digits.iter().map(|&d| char::from(DIGITS[usize::from(d)])).collect())
    }
}

impl fmt::Display for RankKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The next key above `a` with nothing above it: bump the first digit that is not already the top digit.
fn step_up(a: &[u8]) -> Vec<u8> {
    let i = a.iter().position(|&d| d < TOP).unwrap_or(a.len());
    let mut out = a[..i].to_vec();
    out.push(a.get(i).copied().unwrap_or(0) + 1);
    out
}

/// The next key below `b` with nothing below it but zero.
fn step_down(b: &[u8]) -> Vec<u8> {
    // The first digit that can drop by one without reaching zero keeps the key short.
    if let Some(i) = b.iter().position(|&d| d >= 2) {
        let mut out = b[..i].to_vec();
        out.push(b[i] - 1);
        return out;
    }
    // Only 0s and 1s: lower the last digit (a 1) to 0 and append the top digit.
    let mut out = b.to_vec();
    if let Some(last) = out.last_mut() {
        *last -= 1;
    }
    out.push(TOP);
    out
}

/// A key strictly between `a` and `b` (`a < b`, `a` possibly empty for zero), halving the gap.
fn midpoint(a: &[u8], b: &[u8]) -> Vec<u8> {
    let digit_a = |i: usize| a.get(i).copied().unwrap_or(0);
    // Shared prefix, reading `a` as padded with zeros. It ends before `b` does because `a < b`.
    let shared = b.iter().enumerate().take_while(|&(i, &d)| digit_a(i) == d).count();
    let mut out = b[..shared].to_vec();
    let (a, b) = (a.get(shared..).unwrap_or(&[]), &b[shared..]);
    let (da, db) = (a.first().copied().unwrap_or(0), b[0]);
    if db - da > 1 {
        out.push(da + (db - da) / 2);
    } else if b.len() > 1 {
        // `b`'s first digit alone is below `b` and above `a`.
        out.push(db);
    } else {
        out.push(da);
        out.extend(midpoint_open(a.get(1..).unwrap_or(&[])));
    }
    out
}

/// A key strictly between `a` and one (the open top), halving the gap.
fn midpoint_open(a: &[u8]) -> Vec<u8> {
    let i = a.iter().position(|&d| d < TOP).unwrap_or(a.len());
    let mut out = a[..i].to_vec();
    let da = a.get(i).copied().unwrap_or(0);
    out.push(da + (BASE - da) / 2);
    out
}

/// `n` evenly spaced keys, in increasing order, of the shortest length that leaves room between neighbours.
pub fn spread(n: usize) -> Vec<RankKey> {
    if n == 0 {
        return Vec::new();
    }
    // The number of digits L such that 62^L >= 2 (n + 1): every gap is at least two units of the last digit.
    let slots = 2 * (n as u128 + 1);
    let mut width = 1u32;
    let mut scale: u128 = u128::from(BASE);
    while scale < slots {
        width += 1;
        scale *= u128::from(BASE);
    }
    (1..=n as u128)
        .map(|i| {
            let mut value = i * scale / (n as u128 + 1);
            let mut digits = vec![0u8; width as usize];
            for d in digits.iter_mut().rev() {
                *d = (value % u128::from(BASE)) as u8;
                value /= u128::from(BASE);
            }
            while digits.last() == Some(&0) {
                digits.pop();
            }
            RankKey::from_digits(&digits)
        })
        .collect()
}

/// Compares two keys as the database does (`COLLATE "C"`): bytewise.
pub fn compare(a: &RankKey, b: &RankKey) -> Ordering {
    a.0.as_bytes().cmp(b.0.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(s: &str) -> RankKey {
        RankKey::parse(s).unwrap()
    }

    #[test]
    fn parse_rejects_malformed_keys() {
        for bad in ["", "V0", "a-b", "é", &"V".repeat(65)] {
            assert!(RankKey::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(key("V1").as_str(), "V1");
    }

    #[test]
    fn the_first_key_is_the_middle() {
        assert_eq!(RankKey::between(None, None).unwrap().as_str(), "V");
    }

    #[test]
    fn between_two_keys_lies_strictly_between() {
        let cases = [("V", "W"), ("V", "V1"), ("1", "2"), ("0z", "1"), ("zz", "zzV"), ("V", "k"), ("Vzzz", "W")];
        for (a, b) in cases {
            let (a, b) = (key(a), key(b));
            let m = RankKey::between(Some(&a), Some(&b)).unwrap();
            assert!(a < m && m < b, "{a} < {m} < {b}");
        }
    }

    #[test]
    fn bounds_in_the_wrong_order_are_refused() {
        let (a, b) = (key("W"), key("V"));
        assert!(RankKey::between(Some(&a), Some(&b)).is_err());
        assert!(RankKey::between(Some(&a), Some(&a)).is_err());
    }

    #[test]
    fn the_ends_step_by_one_digit() {
        assert_eq!(RankKey::between(Some(&key("V")), None).unwrap().as_str(), "W");
        assert_eq!(RankKey::between(Some(&key("z")), None).unwrap().as_str(), "z1");
        assert_eq!(RankKey::between(None, Some(&key("V"))).unwrap().as_str(), "U");
        assert_eq!(RankKey::between(None, Some(&key("1"))).unwrap().as_str(), "0z");
        assert_eq!(RankKey::between(None, Some(&key("01"))).unwrap().as_str(), "00z");
    }

    /// Appends and prepends, the common way a tier fills, grow a key by one digit per ~60 inserts.
    #[test]
    fn filling_a_tier_from_either_end_keeps_keys_short() {
        let mut last = RankKey::between(None, None).unwrap();
        for _ in 0..2_000 {
            let next = RankKey::between(Some(&last), None).unwrap();
            assert!(next > last);
            last = next;
        }
        assert!(last.len() <= 34, "2,000 appends gave a {}-byte key", last.len());
        let mut first = RankKey::between(None, None).unwrap();
        for _ in 0..2_000 {
            let next = RankKey::between(None, Some(&first)).unwrap();
            assert!(next < first);
            first = next;
        }
        assert!(first.len() <= 34, "2,000 prepends gave a {}-byte key", first.len());
    }

    /// The adversary: always insert next to the same key, from above or from below. Each digit buys about
    /// five halvings, so the bound of 48 bytes holds for more than 200 such inserts before a rebalance.
    #[test]
    fn adversarial_inserts_at_one_spot_take_over_200_to_reach_the_bound() {
        for from_below in [false, true] {
            let (mut low, mut high) = (key("V"), key("W"));
            let mut inserts = 0;
            loop {
                let m = RankKey::between(Some(&low), Some(&high)).unwrap();
                assert!(low < m && m < high);
                if m.is_oversized() {
                    break;
                }
                if from_below {
                    low = m;
                } else {
                    high = m;
                }
                inserts += 1;
            }
            assert!(inserts >= 200, "only {inserts} inserts before the bound (from below: {from_below})");
        }
    }

    #[test]
    fn spread_is_ordered_short_and_leaves_room() {
        for n in [1, 2, 30, 61, 62, 1_000, 3_843, 100_000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "n = {n}");
            let longest = keys.iter().map(RankKey::len).max().unwrap();
            let expected = if n < 31 {
                1
            } else if n < 1_922 {
                2
            } else {
                3
            };
            assert!(longest <= expected, "n = {n}: {longest} digits");
            for w in keys.windows(2) {
                assert!(RankKey::between(Some(&w[0]), Some(&w[1])).is_ok());
            }
        }
        assert!(spread(0).is_empty());
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(usize),
        Move(usize, usize),
        Delete(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => any::<usize>().prop_map(Op::Insert),
            2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Move(a, b)),
            1 => any::<usize>().prop_map(Op::Delete),
        ]
    }

    /// Places `id` at `index` of `list` the way an adapter does: one new key from the neighbours, or a rebalance.
    fn place(list: &mut Vec<(u32, RankKey)>, index: usize, id: u32) -> usize {
        let lower = index.checked_sub(1).map(|i| &list[i].1);
        let upper = list.get(index).map(|e| &e.1);
        let key = RankKey::between(lower, upper).unwrap();
        if key.is_oversized() {
            list.insert(index, (id, key));
            let fresh_keys = spread(list.len());
            for (entry, fresh) in list.iter_mut().zip(fresh_keys) {
                entry.1 = fresh;
            }
            list.len()
        } else {
            list.insert(index, (id, key));
            1
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_sequence_of_edits_keeps_order_and_bounds(ops in proptest::collection::vec(op(), 1..400)) {
            let mut list: Vec<(u32, RankKey)> = Vec::new();
            let mut model: Vec<u32> = Vec::new();
            let mut next_id = 0;
            for op in ops {
                match op {
                    Op::Insert(at) => {
                        let at = at % (list.len() + 1);
                        place(&mut list, at, next_id);
                        model.insert(at, next_id);
                        next_id += 1;
                    }
                    Op::Move(from, to) if !list.is_empty() => {
                        let from = from % list.len();
                        let (id, _) = list.remove(from);
                        let to = to % (list.len() + 1);
                        place(&mut list, to, id);
                        let moved = model.remove(from);
                        model.insert(to, moved);
                    }
                    Op::Delete(at) if !list.is_empty() => {
                        let at = at % list.len();
                        list.remove(at);
                        model.remove(at);
                    }
                    Op::Move(..) | Op::Delete(_) => {}
                }
                // Sorting by key gives back the intended order, and every key is valid and bounded.
                let mut by_key = list.clone();
                by_key.sort_by(|a, b| compare(&a.1, &b.1));
                prop_assert_eq!(by_key.iter().map(|e| e.0).collect::<Vec<_>>(), model.clone());
                prop_assert!(list.windows(2).all(|w| w[0].1 < w[1].1), "keys are distinct and ordered");
                for (_, k) in &list {
                    prop_assert!(!k.is_oversized());
                    prop_assert!(RankKey::parse(k.as_str()).is_ok());
                }
            }
        }

        #[test]
        fn between_any_two_valid_keys_is_strict(a in "[0-9A-Za-z]{0,12}[1-9A-Za-z]", b in "[0-9A-Za-z]{0,12}[1-9A-Za-z]") {
            let (a, b) = (key(&a), key(&b));
            if a != b {
                let (lo, hi) = if a < b { (a.clone(), b) } else { (b, a.clone()) };
                let m = RankKey::between(Some(&lo), Some(&hi)).unwrap();
                prop_assert!(lo < m && m < hi);
                prop_assert!(RankKey::parse(m.as_str()).is_ok());
                prop_assert!(m.len() <= hi.len().max(lo.len()) + 1);
            }
            let up = RankKey::between(Some(&a), None).unwrap();
            prop_assert!(up > a);
            let down = RankKey::between(None, Some(&a)).unwrap();
            prop_assert!(down < a);
        }
    }
}
