//! Tiers (S > A > B > C > D) and the 1–5 star quick rating that maps onto them.

use std::fmt;
use std::str::FromStr;

use crate::error::FieldError;

/// A tier of a personal list, best first. The discriminant is the storage value (0 = S … 4 = D), so ordering by
/// it orders best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tier {
    /// The very best.
    S = 0,
    /// Great.
    A = 1,
    /// Good.
    B = 2,
    /// Mixed.
    C = 3,
    /// Poor.
    D = 4,
}

impl Tier {
    /// All tiers, best first.
    pub const ALL: [Tier; 5] = [Tier::S, Tier::A, Tier::B, Tier::C, Tier::D];

    /// The storage value, 0 (S) to 4 (D).
    pub fn index(self) -> i16 {
        self as i16
    }

    /// The tier stored as `index`, if it is one.
    pub fn from_index(index: i16) -> Option<Self> {
        Self::ALL.get(usize::try_from(index).ok()?).copied()
    }

    /// The one-letter name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::S => "S",
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
            Tier::D => "D",
        }
    }

    /// The tier a star rating lands in: 5 → S, 4 → A, 3 → B, 2 → C, 1 → D.
    pub fn from_stars(stars: Stars) -> Self {
        match stars.get() {
            5 => Tier::S,
            4 => Tier::A,
            3 => Tier::B,
            2 => Tier::C,
            _ => Tier::D,
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tier {
    type Err = FieldError;

    /// Parses `S`, `A`, `B`, `C` or `D` (either case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "S" | "s" => Ok(Tier::S),
            "A" | "a" => Ok(Tier::A),
            "B" | "b" => Ok(Tier::B),
            "C" | "c" => Ok(Tier::C),
            "D" | "d" => Ok(Tier::D),
            _ => Err(FieldError::new("tier", "must be one of S, A, B, C, D")),
        }
    }
}

/// A quick rating of 1 to 5 stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stars(u8);

impl Stars {
    /// One star.
    pub const ONE: Stars = Stars(1);
    /// Two stars.
    pub const TWO: Stars = Stars(2);
    /// Three stars.
    pub const THREE: Stars = Stars(3);
    /// Four stars.
    pub const FOUR: Stars = Stars(4);
    /// Five stars.
    pub const FIVE: Stars = Stars(5);

    /// Accepts 1 to 5.
    pub fn new(stars: i64) -> Result<Self, FieldError> {
        match u8::try_from(stars) {
            Ok(s @ 1..=5) => Ok(Self(s)),
            _ => Err(FieldError::new("stars", "must be a whole number from 1 to 5")),
        }
    }

    /// The number of stars, 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_map_onto_tiers() {
        let tiers: Vec<Tier> = (1..=5).map(|s| Tier::from_stars(Stars::new(s).unwrap())).collect();
        assert_eq!(tiers, vec![Tier::D, Tier::C, Tier::B, Tier::A, Tier::S]);
    }

    #[test]
    fn stars_outside_range_are_rejected() {
        for bad in [0, 6, -1, 256] {
            assert_eq!(Stars::new(bad).unwrap_err().field, "stars");
        }
    }

    #[test]
    fn tiers_round_trip_through_storage_and_text() {
        for tier in Tier::ALL {
            assert_eq!(Tier::from_index(tier.index()), Some(tier));
            assert_eq!(tier.as_str().parse::<Tier>().unwrap(), tier);
        }
        assert_eq!(Tier::from_index(5), None);
        assert_eq!(Tier::from_index(-1), None);
        assert!("E".parse::<Tier>().is_err());
        assert!(Tier::S < Tier::D, "better tiers sort first");
    }
}
