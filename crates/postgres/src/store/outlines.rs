//! A per-process copy of recent writers' lists, so an optimistic list write needs no read before it writes.
//!
//! An optimistic write (see `fused`) reads the neighbourhood of its slot, then writes only if the list's version
//! is still the one it read at. When this process holds the writer's whole list (an [`Outline`]) at a known
//! version, the neighbourhood comes from it instead of a probe statement: the write is then one statement, guarded
//! by that version, and the version check is what makes the copy safe. A copy that is out of date (another
//! instance, an import, an undo or a rebalance wrote the list since) fails the guard, writes nothing, and is
//! dropped; the write takes the locked path and the next one loads the list again. A write that lands moves the
//! copy to the next version with the written ranking in it, so a user writing again finds it current.
//!
//! Lists longer than [`MAX_LIST`] are not copied (their writes probe, as before), and the copies hold at most
//! `budget` rankings in all; when full, arbitrary copies (hash order) make room. A budget of zero turns it off.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use diesel::QueryableByName;
use diesel::sql_types::{Int2, Int8, Nullable, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use marquee_domain::StoreError;
use marquee_domain::media::MediaId;
use marquee_domain::outline::{Entry, Outline};
use marquee_domain::ranking::RankingId;
use marquee_domain::tier::Stars;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::prepared::Prepared;
use super::rows::{rank_key, tier};

/// The longest list copied. A copy is reloaded whole after every write that outdates it (a collision with another
/// request, an import, an undo); on lists of about 550 titles that cost more than the probes it saved
/// (docs/benchmarks.md, 2026-12-08 "list copies": quick ratings at 0.54–0.57 ms of PostgreSQL CPU against 0.41
/// with probes), on lists of 50 far less. Longer lists probe, as before.
pub(super) const MAX_LIST: usize = 256;

/// A user's list at a version, or the mark of a list too long to copy.
#[derive(Debug, Clone)]
pub(super) enum Held {
    /// The list as it was at `version`.
    List { version: i64, outline: Arc<Outline> },
    /// Longer than [`MAX_LIST`]: its writes probe.
    TooLong,
}

impl Held {
    fn weight(&self) -> usize {
        match self {
            Held::List { outline, .. } => outline.len().max(1),
            Held::TooLong => 1,
        }
    }
}

#[derive(Debug, Default)]
struct Lists {
    held: HashMap<UserId, Held>,
    weight: usize,
}

impl Lists {
    fn remove(&mut self, user: UserId) {
        if let Some(old) = self.held.remove(&user) {
            self.weight -= old.weight();
        }
    }
}

/// The copies, bounded by the number of rankings they hold.
pub(super) struct Outlines {
    budget: usize,
    lists: Mutex<Lists>,
}

impl fmt::Debug for Outlines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lists = self.lock();
        f.debug_struct("Outlines")
            .field("budget", &self.budget)
            .field("lists", &lists.held.len())
            .field("rankings", &lists.weight)
            .finish()
    }
}

impl Outlines {
    /// Copies holding at most `budget` rankings in all; zero turns them off.
    pub fn new(budget: usize) -> Self {
        Self { budget, lists: Mutex::new(Lists::default()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Lists> {
        // Every change is applied whole under the lock, so a panic elsewhere leaves consistent data.
        self.lists.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether lists are copied at all.
    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    /// The copy of `user`'s list, if this process holds one.
    pub fn get(&self, user: UserId) -> Option<Held> {
        self.lock().held.get(&user).cloned()
    }

    /// Keeps `held` as `user`'s list, making room as needed; returns it.
    pub fn put(&self, user: UserId, held: Held) -> Held {
        if !self.enabled() || held.weight() > self.budget {
            return held;
        }
        let mut lists = self.lock();
        lists.remove(user);
        while lists.weight + held.weight() > self.budget {
            let Some(victim) = lists.held.keys().next().copied() else { break };
            lists.remove(victim);
        }
        lists.weight += held.weight();
        lists.held.insert(user, held.clone());
        held
    }

    /// After a write guarded by `seen` landed: the copy at `seen` moves to the next version with `written` in it.
    /// Returns the written ranking's position in its tier and the tier's size, or `None` when the copy is not at
    /// `seen` any more (dropped, or replaced by another request meanwhile): the caller then counts it itself.
    pub fn advance(&self, user: UserId, seen: i64, written: Entry) -> Option<(u64, u64)> {
        let mut lists = self.lock();
        let lists = &mut *lists;
        let Some(Held::List { version, outline }) = lists.held.get_mut(&user) else { return None };
        if *version != seen {
            return None;
        }
        let before = outline.len();
        let id = written.id;
        Arc::make_mut(outline).put(written);
        *version = seen + 1;
        let place = outline.position(id);
        let after = outline.len();
        if after > MAX_LIST {
            // Grown past what is worth copying: its writes probe from now on.
            lists.held.insert(user, Held::TooLong);
            lists.weight = lists.weight + 1 - before.max(1);
        } else {
            lists.weight = lists.weight + after.max(1) - before.max(1);
        }
        place
    }

    /// Drops the copy of `user`'s list: this process wrote the list another way (the locked path, a removal),
    /// which moved its version on.
    pub fn discard(&self, user: UserId) {
        self.lock().remove(user);
    }

    /// Drops the copy of `user`'s list if it is still at `seen`: a write guarded by that version found the list
    /// moved on. A copy another request has moved on since is kept (its own guard will tell).
    pub fn forget(&self, user: UserId, seen: i64) {
        let mut lists = self.lock();
        if matches!(lists.held.get(&user), Some(Held::List { version, .. }) if *version == seen) {
            lists.remove(user);
        }
    }
}

#[derive(Debug, QueryableByName)]
struct OutlineRow {
    #[diesel(sql_type = Int8)]
    version: i64,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    media_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Int2>)]
    tier: Option<i16>,
    #[diesel(sql_type = Nullable<Text>)]
    rank_key: Option<String>,
    #[diesel(sql_type = Nullable<Int2>)]
    stars: Option<i16>,
}

/// The version and the rankings in one statement, so in one snapshot; at most `MAX_LIST + 1` of them.
const LOAD: &str = "SELECT u.list_version AS version, r.id, r.media_id, r.tier, r.rank_key, r.stars \
                    FROM users u LEFT JOIN rankings r ON r.user_id = u.id WHERE u.id = $1 LIMIT $2";

/// Reads `user`'s list and the version it is at; `None` for an unknown user.
pub(super) async fn load(conn: &mut AsyncPgConnection, user: UserId) -> Result<Option<Held>, diesel::result::Error> {
    let limit = i64::try_from(MAX_LIST + 1).unwrap_or(i64::MAX);
    let rows: Vec<OutlineRow> =
        Prepared(diesel::sql_query(LOAD).bind::<SqlUuid, _>(user.0).bind::<Int8, _>(limit)).load(conn).await?;
    let Some(version) = rows.iter().map(|r| r.version).next() else { return Ok(None) };
    if rows.len() > MAX_LIST {
        return Ok(Some(Held::TooLong));
    }
    let decode = || -> Result<Outline, StoreError> {
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            // A user without rankings comes back as one row of NULLs.
            let (Some(id), Some(media), Some(t), Some(key)) = (row.id, row.media_id, row.tier, row.rank_key) else {
                continue;
            };
            let stars = row.stars.map(|s| Stars::new(i64::from(s)).map_err(StoreError::new)).transpose()?;
            entries.push(Entry {
                id: RankingId(id),
                media: MediaId(media),
                tier: tier(t)?,
                key: rank_key(&key)?,
                stars,
            });
        }
        Ok(Outline::new(entries))
    };
    let outline = decode().map_err(|e| diesel::result::Error::DeserializationError(e.into()))?;
    Ok(Some(Held::List { version, outline: Arc::new(outline) }))
}

#[cfg(test)]
mod tests {
    use marquee_domain::rank::{RankKey, spread};
    use marquee_domain::tier::Tier;

    use super::*;

    fn entry(n: u128, key: &RankKey) -> Entry {
        let id = Uuid::from_u128(n);
        Entry { id: RankingId(id), media: MediaId(id), tier: Tier::B, key: key.clone(), stars: None }
    }

    fn list(version: i64, n: u128) -> Held {
        let keys = spread(n as usize);
        Held::List { version, outline: Arc::new(Outline::new((0..n).map(|i| entry(i, &keys[i as usize])))) }
    }

    fn user(n: u128) -> UserId {
        UserId(Uuid::from_u128(n))
    }

    #[test]
    fn a_write_landing_on_the_version_it_read_moves_the_copy_on() {
        let outlines = Outlines::new(100);
        outlines.put(user(1), list(7, 2));
        let keys = spread(2);
        let last = RankKey::between(Some(&keys[1]), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outlines.advance(user(1), 7, entry(9, &last)), Some((3, 3)));
        match outlines.get(user(1)) {
            Some(Held::List { version, outline }) => assert_eq!((version, outline.len()), (8, 3)),
            other => panic!("{other:?}"),
        }
        // A list grown past the longest worth copying is marked so: its writes probe.
        let long = Outlines::new(1_000);
        long.put(user(2), list(1, MAX_LIST as u128));
        let past = RankKey::between(Some(&spread(MAX_LIST)[MAX_LIST - 1]), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(long.advance(user(2), 1, entry(9_999, &past)), Some((MAX_LIST as u64 + 1, MAX_LIST as u64 + 1)));
        assert!(matches!(long.get(user(2)), Some(Held::TooLong)));
        assert_eq!(long.lock().weight, 1);
        // A write guarded by an older version is not applied to the copy.
        assert_eq!(outlines.advance(user(1), 7, entry(10, &keys[0])), None);
        outlines.forget(user(1), 7);
        assert!(outlines.get(user(1)).is_some(), "a copy moved on since is kept");
        outlines.forget(user(1), 8);
        assert!(outlines.get(user(1)).is_none());
    }

    #[test]
    fn copies_stay_within_the_budget() {
        let outlines = Outlines::new(10);
        outlines.put(user(1), list(1, 6));
        outlines.put(user(2), list(1, 6));
        assert!(outlines.get(user(2)).is_some(), "the newest copy is kept");
        assert!(outlines.get(user(1)).is_none(), "the older made room");
        assert_eq!(outlines.lock().weight, 6);
        // A list longer than the whole budget is not kept at all.
        outlines.put(user(3), list(1, 11));
        assert!(outlines.get(user(3)).is_none());
        // Off: nothing is kept.
        let off = Outlines::new(0);
        off.put(user(1), list(1, 1));
        assert!(off.get(user(1)).is_none());
    }

    /// Two instances on one database: one writes from its copy, the other changes the list behind it, and the
    /// first never writes or refuses from the stale copy.
    #[tokio::test]
    async fn a_stale_copy_never_decides_a_write() {
        use marquee_domain::catalog::MediaRepository;
        use marquee_domain::media::{MediaFields, MediaInput};
        use marquee_domain::ranking::{Anchor, MoveCommand, PlaceCommand, RankingFilter, RankingRepository};

        let db = crate::testing::TestDb::new().await;
        let (one, two) = (db.store(), db.store());
        let user = crate::testing::user(&one, "Copier").await;
        let mut titles = Vec::new();
        for name in ["First", "Second", "Third"] {
            let fields =
                MediaFields::new(MediaInput { kind: "movie".into(), title: name.into(), ..Default::default() })
                    .unwrap_or_else(|e| panic!("{e:?}"));
            titles.push(MediaRepository::create(&one, fields, None).await.unwrap_or_else(|e| panic!("{e}")).id);
        }
        let place = |media, anchor| PlaceCommand { media_id: media, tier: Tier::B, anchor, stars: None };
        let a = one.place(user, &place(titles[0], Anchor::Bottom)).await.unwrap_or_else(|e| panic!("{e}"));
        let b = one.place(user, &place(titles[1], Anchor::Bottom)).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((b.position, b.tier_size), (2, 2), "counted from the copy");
        assert!(matches!(one.outlines.get(user), Some(Held::List { .. })), "the first instance holds the list");

        // The second instance moves b to the top and removes a: the first's copy still has a above b.
        let top = MoveCommand { tier: None, anchor: Anchor::Top };
        two.relocate(user, b.id, &top).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(two.remove(user, a.id).await.unwrap_or_else(|e| panic!("{e}")));

        // Placing a again: the stale copy says it is ranked already; that is not trusted, and it is placed.
        let again = one.place(user, &place(titles[0], Anchor::Bottom)).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((again.position, again.tier_size), (2, 2));
        // After b, which the table has at the top now: the answer and the list agree with the table.
        let c = one.place(user, &place(titles[2], Anchor::After(b.id))).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((c.position, c.tier_size), (2, 3));
        let list = one.list(user, &RankingFilter::default()).await.unwrap_or_else(|e| panic!("{e}"));
        let order: Vec<_> = list.items.iter().map(|r| (r.media.id, r.position)).collect();
        assert_eq!(order, vec![(titles[1], 1), (titles[2], 2), (titles[0], 3)]);
        // The first instance's copy is current again, and a move from it lands where the table says.
        let bottom = MoveCommand { tier: None, anchor: Anchor::Bottom };
        let moved = one.relocate(user, b.id, &bottom).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((moved.position, moved.tier_size), (3, 3));
        let list = two.list(user, &RankingFilter::default()).await.unwrap_or_else(|e| panic!("{e}"));
        let order: Vec<_> = list.items.iter().map(|r| r.media.id).collect();
        assert_eq!(order, vec![titles[2], titles[0], titles[1]]);
    }
}
