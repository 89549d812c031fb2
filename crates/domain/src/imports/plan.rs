//! How a store writes an import (where each title goes, how many new entries the quota allows) and what it
//! reports.

use chrono::{DateTime, Utc};

use crate::catalog::CatalogQuota;
use crate::imports::matching::MatchedBy;
use crate::imports::types::{ImportEntry, ImportSource, Skipped};
use crate::media::MediaId;
use crate::tier::{Stars, Tier};

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutcome {
    /// The row's line.
    pub line: usize,
    /// The catalog item it matched or created.
    pub media: MediaId,
    /// That item's title.
    pub title: String,
    /// How it was matched.
    pub matched_by: MatchedBy,
    /// Its tier in the list now.
    pub tier: Tier,
    /// What happened to the list.
    pub placement: Placement,
}

/// What an import did with a matched row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Added to the bottom of its tier.
    Placed,
    /// Already in the list: left where it is (so importing a file twice changes nothing).
    AlreadyRanked,
    /// An earlier row of this import placed the same title.
    Duplicate {
        /// That row's line.
        of_line: usize,
    },
}

/// New titles for one tier, in order, with their stars.
pub type TierAppend = (Tier, Vec<(MediaId, Option<Stars>)>);

/// Where an import's matched rows go: the placement of each, and the new titles of each tier in order. Both
/// stores fill one while they walk the rows.
#[derive(Debug, Default)]
pub struct ListPlan {
    first_line: std::collections::HashMap<MediaId, usize>,
    per_tier: std::collections::HashMap<Tier, Vec<(MediaId, Option<Stars>)>>,
}

impl ListPlan {
    /// Decides a matched row's fate: left where it is when `ranked_in` (its tier in the list) is known, a duplicate
    /// of an earlier row, or placed at the bottom of its tier. Returns the placement and the title's tier.
    pub fn place(&mut self, entry: &ImportEntry, media: MediaId, ranked_in: Option<Tier>) -> (Placement, Tier) {
        if let Some(tier) = ranked_in {
            (Placement::AlreadyRanked, tier)
        } else if let Some(&of_line) = self.first_line.get(&media) {
            (Placement::Duplicate { of_line }, entry.tier)
        } else {
            self.first_line.insert(media, entry.line);
            self.per_tier.entry(entry.tier).or_default().push((media, entry.stars));
            (Placement::Placed, entry.tier)
        }
    }

    /// The titles to append, per tier (S first), in row order.
    pub fn into_tiers(mut self) -> Vec<TierAppend> {
        Tier::ALL.into_iter().filter_map(|t| self.per_tier.remove(&t).map(|new| (t, new))).collect()
    }
}

/// What became of a watchlist row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchlistOutcome {
    /// The row's line.
    pub line: usize,
    /// The catalog item it matched or created.
    pub media: MediaId,
    /// That item's title.
    pub title: String,
    /// How it was matched.
    pub matched_by: MatchedBy,
    /// Whether it was added (false: it was on the watchlist already, or an earlier row added it).
    pub added: bool,
}

/// What the store did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreOutcome {
    /// One outcome per entry, in the order given.
    pub entries: Vec<EntryOutcome>,
    /// Comparisons added (those already present are not added twice).
    pub comparisons_added: u64,
    /// Comparisons whose titles matched nothing.
    pub comparisons_skipped: u64,
    /// Whether the top 4 was set.
    pub top4_set: bool,
    /// Whether the services were set.
    pub services_set: bool,
    /// The rows (indices into the entries given) that matched nothing and were not created: the user's daily quota
    /// of new entries was used up. They have no outcome in `entries`.
    pub over_quota: Vec<usize>,
    /// Top-4 positions (1-based) left uncreated for the same reason; the top 4 is not set then.
    pub top4_over_quota: Vec<usize>,
    /// How many more entries the user may create today, after this import.
    pub entries_left: u32,
    /// One outcome per watchlist row that matched or was created, in the order given.
    pub watchlist: Vec<WatchlistOutcome>,
    /// Watchlist rows (indices into the extras' watchlist) left uncreated: the quota was used up.
    pub watchlist_over_quota: Vec<usize>,
}

/// The manual entries an import may still create, counted down as the store makes them; both stores fill it from
/// [`CatalogQuota::check`] under the lock that serialises the user's creations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryBudget {
    left: u32,
}

impl EntryBudget {
    /// What `quota` leaves the user, given when they created their entries of the window.
    pub fn new(quota: CatalogQuota, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Self {
        Self { left: quota.check(recent, now).unwrap_or(0) }
    }

    /// Takes one entry from the budget; false when none is left.
    pub fn take(&mut self) -> bool {
        let ok = self.left > 0;
        self.left = self.left.saturating_sub(1);
        ok
    }

    /// Entries left.
    pub fn left(self) -> u32 {
        self.left
    }
}

/// The report of a user's import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The source.
    pub source: ImportSource,
    /// Whether bad rows were skipped rather than refused.
    pub partial: bool,
    /// Rows that matched an existing catalog item.
    pub matched: Vec<EntryOutcome>,
    /// Rows for which a manual entry was made.
    pub created: Vec<EntryOutcome>,
    /// Rows left out, with reasons.
    pub skipped: Vec<Skipped>,
    /// Titles added to the list.
    pub placed: u64,
    /// Titles that were in the list already.
    pub unchanged: u64,
    /// Comparisons added.
    pub comparisons_added: u64,
    /// Whether the top 4 was set (Marquee exports that carry one).
    pub top4_set: bool,
    /// Whether the streaming services were set (Marquee exports that carry them).
    pub services_set: bool,
    /// How many more catalog entries the user may create today (the quota shared with `POST /media`).
    pub entries_left: u32,
    /// Rows added to the watchlist (Goodreads' `to-read` shelf), or found there already.
    pub watchlist: Vec<WatchlistOutcome>,
}
