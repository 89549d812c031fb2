//! The activity log and the feed: what the people one follows did, newest first, grouped.
//!
//! Stores log one [`Activity`] per thing a user did (placed, moved or removed a title, answered a placement
//! comparison, voted on a matchup, followed someone, changed their top 4) in the writing transaction. The feed
//! reads the rows of the users the reader follows (accepted follows) whom the reader may see
//! ([`crate::privacy`]: not private ones), never a `followed` row whose target the reader may not see (a private
//! user, or a followers-only one the reader does not follow), and folds them with [`group`]: consecutive rows (in the feed's
//! newest-first order) of one user and one verb, each at most [`GROUP_WINDOW`] older than the group's newest row,
//! are one [`FeedEntry`] with a count and the first few titles.
//!
//! Pagination is by an opaque [`Cursor`]: the oldest row id of the last entry returned. A page ends only after a
//! group known to be complete (the next, older row starts another group), so a group never straddles two pages.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use crate::error::{FieldError, StoreError};
use crate::media::MediaSummary;
use crate::page::PageRequest;
use crate::privacy::Audience;
use crate::tier::Tier;
use crate::user::UserId;

/// How far apart in time rows of one group may be: at most this much older than the group's newest row.
pub const GROUP_WINDOW: TimeDelta = TimeDelta::seconds(60);

/// How many distinct titles (or followed users) an entry lists; `count` says how many rows it folds.
pub const SHOWN: usize = 3;

/// How many rows one store read asks for while filling a page.
pub const BATCH: u32 = 1_000;

/// How many rows one page may read before it stops looking for the end of its last group.
pub const MAX_SCAN: usize = 5_000;

/// An activity's position in the log: ids grow with time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActivityId(pub i64);

/// What a user did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    /// Put a title on their list.
    Placed,
    /// Moved a title within or across tiers.
    Moved,
    /// Took a title off their list.
    Removed,
    /// Answered a placement comparison.
    Compared,
    /// Voted on a top-4 matchup.
    Voted,
    /// Started following someone (or had a request accepted).
    Followed,
    /// Set or changed their top 4.
    Top4Changed,
}

impl Verb {
    /// Every verb.
    pub const ALL: [Verb; 7] =
        [Verb::Placed, Verb::Moved, Verb::Removed, Verb::Compared, Verb::Voted, Verb::Followed, Verb::Top4Changed];

    /// The stored and API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Placed => "placed",
            Verb::Moved => "moved",
            Verb::Removed => "removed",
            Verb::Compared => "compared",
            Verb::Voted => "voted",
            Verb::Followed => "followed",
            Verb::Top4Changed => "top4_changed",
        }
    }
}

impl FromStr for Verb {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Verb::ALL.into_iter().find(|v| v.as_str() == s).ok_or_else(|| FieldError::new("verb", "unknown verb"))
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user as the feed names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRef {
    /// Their id.
    pub id: UserId,
    /// Their display name.
    pub display_name: String,
}

/// A title an activity involved, with the tier it was placed, moved or removed in.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityTitle {
    /// The title.
    pub media: MediaSummary,
    /// The tier, for placed, moved and removed titles.
    pub tier: Option<Tier>,
}

/// One logged row, as the feed reads it (titles whose media has gone are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Its id.
    pub id: ActivityId,
    /// Who did it.
    pub actor: UserRef,
    /// What they did.
    pub verb: Verb,
    /// The titles involved, in order.
    pub titles: Vec<ActivityTitle>,
    /// The followed user, for `followed`.
    pub target: Option<UserRef>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// One entry of the feed: one row, or several of one user and verb folded together.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The newest row's id.
    pub id: ActivityId,
    /// Where the next page starts when this is a page's last entry.
    pub cursor: Cursor,
    /// Who.
    pub actor: UserRef,
    /// What.
    pub verb: Verb,
    /// How many rows it folds.
    pub count: u32,
    /// The first [`SHOWN`] distinct titles involved, newest first.
    pub titles: Vec<ActivityTitle>,
    /// The first [`SHOWN`] distinct followed users, newest first.
    pub targets: Vec<UserRef>,
    /// The newest row's time.
    pub created_at: DateTime<Utc>,
    /// The oldest row's time.
    pub first_at: DateTime<Utc>,
}

/// An opaque position in the feed: the next page holds rows older than it. Clients pass it back as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cursor(ActivityId);

impl Cursor {
    /// The cursor before `id`: the next page starts with the row just older than it.
    pub fn before(id: ActivityId) -> Self {
        Self(id)
    }

    /// The id the next page's rows are older than.
    pub fn id(self) -> ActivityId {
        self.0
    }
}

/// Marks our cursors, so that a stray number is refused rather than read as a position.
const CURSOR_PREFIX: &str = "a";

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{CURSOR_PREFIX}{:x}", self.0.0)
    }
}

impl FromStr for Cursor {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || FieldError::new("cursor", "is not a cursor this feed gave out");
        let digits = s.strip_prefix(CURSOR_PREFIX).ok_or_else(bad)?;
        if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(bad());
        }
        match i64::from_str_radix(digits, 16) {
            Ok(id) if id > 0 => Ok(Self(ActivityId(id))),
            _ => Err(bad()),
        }
    }
}

/// Whether `row` joins the group whose newest row is `head`: same actor and verb, and close enough in time.
fn joins(head: &Activity, row: &Activity) -> bool {
    head.actor.id == row.actor.id
        && head.verb == row.verb
        && head.created_at.signed_duration_since(row.created_at).abs() <= GROUP_WINDOW
}

/// Folds rows (newest first, as the feed reads them) into entries; see the module docs for the rule.
pub fn group(rows: &[Activity]) -> Vec<FeedEntry> {
    let mut entries: Vec<FeedEntry> = Vec::new();
    let mut head: Option<&Activity> = None;
    for row in rows {
        let folding = head.is_some_and(|h| joins(h, row));
        if folding && let Some(entry) = entries.last_mut() {
            entry.count += 1;
            entry.cursor = Cursor::before(row.id);
            entry.first_at = row.created_at;
            add_distinct(entry, row);
            continue;
        }
        head = Some(row);
        let mut entry = FeedEntry {
            id: row.id,
            cursor: Cursor::before(row.id),
            actor: row.actor.clone(),
            verb: row.verb,
            count: 1,
            titles: Vec::new(),
            targets: Vec::new(),
            created_at: row.created_at,
            first_at: row.created_at,
        };
        add_distinct(&mut entry, row);
        entries.push(entry);
    }
    entries
}

/// Adds a row's titles and target to an entry's lists, up to [`SHOWN`] each, skipping ones already listed.
fn add_distinct(entry: &mut FeedEntry, row: &Activity) {
    for title in &row.titles {
        if entry.titles.len() < SHOWN && !entry.titles.iter().any(|t| t.media.id == title.media.id) {
            entry.titles.push(title.clone());
        }
    }
    if let Some(target) = &row.target
        && entry.targets.len() < SHOWN
        && !entry.targets.iter().any(|t| t.id == target.id)
    {
        entry.targets.push(target.clone());
    }
}

/// One page of the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedPage {
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
    /// Where the next page starts; `None` at the end of the feed.
    pub next: Option<Cursor>,
}

/// Cuts grouped rows into a page of at most `limit` entries.
///
/// `rows` are the rows read so far, newest first; `exhausted` says the store has no older ones. An entry is
/// only complete once an older row has started another group (or there are no older rows), so the last group
/// is held back for the next page unless it is known to be complete. When even one group did not fit the scan
/// (more than [`MAX_SCAN`] rows of one user and verb within a minute), it is shown as read and the next page
/// goes on from its oldest row: never a row twice, never a row lost.
pub fn paginate(rows: &[Activity], limit: u32, exhausted: bool) -> FeedPage {
    let limit = usize::try_from(limit.max(1)).unwrap_or(usize::MAX);
    let mut entries = group(rows);
    if entries.len() > limit {
        entries.truncate(limit);
    } else if exhausted {
        return FeedPage { entries, next: None };
    } else if entries.len() > 1 {
        // The last group may go on in rows not read yet.
        entries.pop();
    }
    let next = entries.last().map(|e| e.cursor);
    FeedPage { entries, next }
}

/// Reads of the activity log.
#[async_trait]
pub trait ActivityRepository: Send + Sync {
    /// Up to `limit` rows older than `before` (all rows when `None`), newest first, of the users `reader` follows
    /// with an accepted follow whom `audience` shows; no `followed` row whose target `audience` does not show.
    /// Titles whose media item has gone are left out of each row.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn feed(
        &self,
        reader: UserId,
        audience: &Audience,
        before: Option<ActivityId>,
        limit: u32,
    ) -> Result<Vec<Activity>, StoreError>;
}

/// Why a feed request failed.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// A bad cursor or limit.
    #[error("validation failed")]
    Invalid(Vec<FieldError>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The feed use case.
#[derive(Clone)]
pub struct FeedService {
    activities: Arc<dyn ActivityRepository>,
}

impl fmt::Debug for FeedService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeedService").finish_non_exhaustive()
    }
}

impl FeedService {
    /// A service over the activity log.
    pub fn new(activities: Arc<dyn ActivityRepository>) -> Self {
        Self { activities }
    }

    /// One page of `reader`'s feed after `cursor` (from the newest when `None`), of at most `limit` entries
    /// (1 to 100, default 20).
    ///
    /// # Errors
    /// `Invalid` naming `cursor` or `limit`, or `Store`.
    pub async fn page(&self, reader: UserId, cursor: Option<&str>, limit: Option<i64>) -> Result<FeedPage, FeedError> {
        let mut errors = Vec::new();
        let cursor = match cursor.map(str::parse::<Cursor>).transpose() {
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let limit = match PageRequest::new(limit, None) {
            Ok(page) => page.limit(),
            Err(e) => {
                errors.extend(e);
                0
            }
        };
        if !errors.is_empty() {
            return Err(FeedError::Invalid(errors));
        }
        let audience = Audience::of(Some(reader));
        let mut rows: Vec<Activity> = Vec::new();
        let mut before = cursor.map(Cursor::id);
        loop {
            let batch = self.activities.feed(reader, &audience, before, BATCH).await?;
            let exhausted = batch.len() < BATCH as usize;
            before = batch.last().map(|r| r.id).or(before);
            rows.extend(batch);
            // One group more than asked for proves the page's last group complete.
            if exhausted || rows.len() >= MAX_SCAN || group(&rows).len() > limit as usize {
                return Ok(paginate(&rows, limit, exhausted));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::{MediaId, MediaKind};

    fn user(n: u128) -> UserRef {
        UserRef { id: UserId(uuid::Uuid::from_u128(n)), display_name: format!("user{n}") }
    }

    fn title(n: u128) -> ActivityTitle {
        ActivityTitle {
            media: MediaSummary {
                id: MediaId(uuid::Uuid::from_u128(1000 + n)),
                kind: MediaKind::Movie,
                title: format!("Film {n}"),
                original_title: None,
                year: None,
                genres: Vec::new(),
                poster_path: None,
            },
            tier: Some(Tier::A),
        }
    }

    /// A row `id` of `actor` doing `verb` to title `id`, `secs` seconds after a fixed instant.
    fn row(id: i64, actor: u128, verb: Verb, secs: i64) -> Activity {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        Activity {
            id: ActivityId(id),
            actor: user(actor),
            verb,
            titles: vec![title(u128::try_from(id).unwrap())],
            target: None,
            created_at: start + TimeDelta::seconds(secs),
        }
    }

    /// Newest first, as the store returns them.
    fn newest_first(mut rows: Vec<Activity>) -> Vec<Activity> {
        rows.sort_by_key(|r| std::cmp::Reverse(r.id));
        rows
    }

    fn counts(entries: &[FeedEntry]) -> Vec<(i64, u32)> {
        entries.iter().map(|e| (e.id.0, e.count)).collect()
    }

    #[test]
    fn ten_moves_in_a_minute_are_one_entry() {
        let rows = newest_first((1..=10).map(|i| row(i, 1, Verb::Moved, i * 5)).collect());
        let entries = group(&rows);
        assert_eq!(counts(&entries), vec![(10, 10)]);
        let entry = &entries[0];
        assert_eq!(entry.cursor, Cursor::before(ActivityId(1)), "the cursor is the oldest row");
        assert_eq!(entry.titles.len(), SHOWN);
        assert_eq!(entry.titles[0].media.title, "Film 10", "newest title first");
        assert_eq!((entry.created_at - entry.first_at).num_seconds(), 45);
    }

    #[test]
    fn groups_break_on_actor_verb_and_time() {
        let rows = newest_first(vec![
            row(1, 1, Verb::Placed, 0),
            row(2, 1, Verb::Placed, 60),  // exactly the window: joins 3's group
            row(3, 1, Verb::Placed, 120), // the newest of its group
            row(4, 1, Verb::Placed, 181), // over a minute after 3: its own group
            row(5, 2, Verb::Placed, 182), // another user
            row(6, 2, Verb::Moved, 183),  // another verb
            row(7, 2, Verb::Moved, 184),
        ]);
        assert_eq!(counts(&group(&rows)), vec![(7, 2), (5, 1), (4, 1), (3, 2), (1, 1)]);
    }

    #[test]
    fn the_window_counts_from_the_groups_newest_row() {
        // Rows 20 s apart chain for ever under a "previous row" rule; from the newest row, three fit in 60 s.
        let rows = newest_first((1..=6).map(|i| row(i, 1, Verb::Moved, i * 20)).collect());
        assert_eq!(counts(&group(&rows)), vec![(6, 4), (2, 2)]);
    }

    #[test]
    fn repeated_titles_and_targets_are_listed_once() {
        let mut rows = newest_first((1..=4).map(|i| row(i, 1, Verb::Moved, i)).collect());
        for r in &mut rows {
            r.titles = vec![title(7)];
        }
        let entry = &group(&rows)[0];
        assert_eq!((entry.count, entry.titles.len()), (4, 1));
        let mut follows = newest_first((1..=5).map(|i| row(i, 1, Verb::Followed, i)).collect());
        for (i, r) in follows.iter_mut().enumerate() {
            r.titles.clear();
            r.target = Some(user(10 + (i as u128 % 2)));
        }
        let entry = &group(&follows)[0];
        assert_eq!(entry.targets.iter().map(|t| t.display_name.as_str()).collect::<Vec<_>>(), ["user10", "user11"]);
    }

    #[test]
    fn a_page_holds_back_a_group_that_may_go_on() {
        // Three groups: (9..=7) by 1, (6..=4) by 2, (3..=1) by 1 again.
        let all =
            newest_first((1..=9).map(|i| row(i, if (4..=6).contains(&i) { 2 } else { 1 }, Verb::Placed, i)).collect());
        // The first six rows read: groups 9..=7 and 6..=4, the second possibly incomplete.
        let page = paginate(&all[..6], 5, false);
        assert_eq!(counts(&page.entries), vec![(9, 3)]);
        assert_eq!(page.next, Some(Cursor::before(ActivityId(7))));
        // With the seventh row, the second group is known complete.
        let page = paginate(&all[..7], 2, false);
        assert_eq!(counts(&page.entries), vec![(9, 3), (6, 3)]);
        assert_eq!(page.next, Some(Cursor::before(ActivityId(4))));
        // At the end of the log the last group is complete.
        let page = paginate(&all[6..], 5, true);
        assert_eq!((counts(&page.entries), page.next), (vec![(3, 3)], None));
    }

    #[test]
    fn paging_the_whole_log_shows_every_row_once() {
        // Pages of one entry over groups of mixed sizes, read in batches of two rows at a time.
        let all = newest_first((1..=13).map(|i| row(i, u128::try_from(i / 4).unwrap(), Verb::Placed, i)).collect());
        let mut seen = Vec::new();
        let mut before: Option<ActivityId> = None;
        for _ in 0..20 {
            let mut rows: Vec<Activity> = Vec::new();
            let page = loop {
                let older: Vec<Activity> = all
                    .iter()
                    .filter(|r| before.is_none_or(|b| r.id < b) && rows.last().is_none_or(|l| r.id < l.id))
                    .take(2)
                    .cloned()
                    .collect();
                let exhausted = older.len() < 2;
                rows.extend(older);
                if exhausted || group(&rows).len() > 1 {
                    break paginate(&rows, 1, exhausted);
                }
            };
            for entry in &page.entries {
                seen.push((entry.id.0, entry.count));
            }
            match page.next {
                Some(next) => before = Some(next.id()),
                None => break,
            }
        }
        // Users 0 to 3 own rows 1–3, 4–7, 8–11 and 12–13.
        assert_eq!(seen, vec![(13, 2), (11, 4), (7, 4), (3, 3)]);
    }

    #[test]
    fn an_oversized_group_is_continued_not_repeated() {
        let rows = newest_first((1..=6).map(|i| row(i, 1, Verb::Placed, i)).collect());
        // Only the first four rows fit the scan: the one group is shown, the rest follows on the next page.
        let page = paginate(&rows[..4], 20, false);
        assert_eq!(counts(&page.entries), vec![(6, 4)]);
        assert_eq!(page.next, Some(Cursor::before(ActivityId(3))));
        assert!(paginate(&[], 20, true).entries.is_empty());
    }

    #[test]
    fn cursors_round_trip_and_strangers_are_refused() {
        for id in [1, 255, i64::MAX] {
            let cursor = Cursor::before(ActivityId(id));
            assert_eq!(cursor.to_string().parse::<Cursor>().unwrap(), cursor);
        }
        for bad in ["", "a", "12", "a0", "azz", "a-1", "A1", "a8000000000000000", "a00000000000000001"] {
            assert_eq!(bad.parse::<Cursor>().unwrap_err().field, "cursor", "{bad:?}");
        }
    }

    #[test]
    fn verbs_round_trip() {
        for verb in Verb::ALL {
            assert_eq!(verb.as_str().parse::<Verb>().unwrap(), verb);
        }
        assert!("liked".parse::<Verb>().is_err());
    }
}
