//! The list-write rule: where a placed or moved title lands, or why it cannot.
//!
//! Every store decides a list write the same way: it reads the [`Neighbourhood`] of the write (whether the title
//! exists and is ranked already, where the moving ranking is, each named neighbour with the key right next to it,
//! and the target tier's ends), [`resolve`] turns that into a [`Slot`] or the domain's error, and the store writes
//! the slot's [`Slot::key`], or rebalances the tier with [`Slot::respread`] when no key fits. The stores differ only
//! in how they read and write: PostgreSQL reads the neighbourhood in one statement (see the `postgres` crate's
//! `fused` module) or from its process's copy of the list, and the in-memory store from its maps; both copies go
//! through [`Outline::neighbourhood`](crate::outline::Outline::neighbourhood).

use crate::error::StoreError;
use crate::media::MediaId;
use crate::rank::RankKey;
use crate::ranking::{Anchor, MoveCommand, PlaceCommand, RankingError, RankingId, RateOutcome, rebalance};
use crate::tier::{Stars, Tier};

/// A list write whose slot is to be decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListWrite {
    /// A new title into `tier`, where `anchor` says.
    Place {
        /// The title.
        media: MediaId,
        /// The tier; a neighbour must sit in it.
        tier: Tier,
        /// Where inside the tier.
        anchor: Anchor,
    },
    /// A ranked title to `tier` (or the neighbour's tier, or its own), where `anchor` says.
    Move {
        /// The ranking that moves.
        id: RankingId,
        /// The target tier, if the write names one.
        tier: Option<Tier>,
        /// Where inside the target tier.
        anchor: Anchor,
    },
}

impl ListWrite {
    /// The write of a place command.
    pub fn place(command: &PlaceCommand) -> Self {
        ListWrite::Place { media: command.media_id, tier: command.tier, anchor: command.anchor }
    }

    /// The write of a move command for ranking `id`.
    pub fn relocate(id: RankingId, command: &MoveCommand) -> Self {
        ListWrite::Move { id, tier: command.tier, anchor: command.anchor }
    }

    /// The tier the write names, if any.
    pub fn tier(&self) -> Option<Tier> {
        match *self {
            ListWrite::Place { tier, .. } => Some(tier),
            ListWrite::Move { tier, .. } => tier,
        }
    }

    /// Where inside the tier.
    pub fn anchor(&self) -> Anchor {
        match *self {
            ListWrite::Place { anchor, .. } | ListWrite::Move { anchor, .. } => anchor,
        }
    }

    /// The ranking that moves, for a move.
    pub fn moving(&self) -> Option<RankingId> {
        match *self {
            ListWrite::Place { .. } => None,
            ListWrite::Move { id, .. } => Some(id),
        }
    }

    /// The ranking named `after` (the new place is right below it), if any.
    pub fn after(&self) -> Option<RankingId> {
        match self.anchor() {
            Anchor::After(id) | Anchor::Between { after: id, .. } => Some(id),
            Anchor::Top | Anchor::Bottom | Anchor::Before(_) => None,
        }
    }

    /// The ranking named `before` (the new place is right above it), if any.
    pub fn before(&self) -> Option<RankingId> {
        match self.anchor() {
            Anchor::Before(id) | Anchor::Between { before: id, .. } => Some(id),
            Anchor::Top | Anchor::Bottom | Anchor::After(_) => None,
        }
    }
}

/// What a quick rating (`PUT /me/ratings/{media}`) writes, decided from the title's ranking in the rater's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// Not ranked: placed at the bottom of the stars' tier.
    Place(ListWrite),
    /// Ranked (as `id`) in another tier: moved to the bottom of the stars' tier.
    Move(RankingId, ListWrite),
    /// Already in the stars' tier: it keeps its place; only the stars change.
    Keep(RankingId),
}

impl Rating {
    /// The write rating `media` with `stars` makes, given the title's ranking (`id`, tier) in the rater's list.
    pub fn decide(media: MediaId, stars: Stars, ranked: Option<(RankingId, Tier)>) -> Self {
        let tier = Tier::from_stars(stars);
        match ranked {
            None => Rating::Place(ListWrite::Place { media, tier, anchor: Anchor::Bottom }),
            Some((id, current)) if current != tier => {
                Rating::Move(id, ListWrite::Move { id, tier: Some(tier), anchor: Anchor::Bottom })
            }
            Some((id, _)) => Rating::Keep(id),
        }
    }

    /// What the rating did, as the API reports it.
    pub fn outcome(&self) -> RateOutcome {
        match self {
            Rating::Place(_) => RateOutcome::Created,
            Rating::Move(..) => RateOutcome::Moved,
            Rating::Keep(_) => RateOutcome::Unchanged,
        }
    }
}

/// A ranking a write names as its neighbour, as found in the writer's own list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    /// Its tier.
    pub tier: Tier,
    /// Its key.
    pub key: RankKey,
    /// The key right next to it in its tier on the side the new title goes (the next key down the list for an
    /// `after` neighbour, the next key up for a `before` one), leaving out the moving ranking; `None` at the end.
    pub beyond: Option<RankKey>,
}

impl Neighbour {
    /// Ranking `id` of a tier read whole (`rows` in key order, without the moving ranking) as an `after`
    /// neighbour; `None` when the tier does not hold it.
    pub fn after_in(tier: Tier, rows: &[(RankingId, RankKey)], id: RankingId) -> Option<Self> {
        let at = rows.iter().position(|(r, _)| *r == id)?;
        Some(Self { tier, key: rows[at].1.clone(), beyond: rows.get(at + 1).map(|(_, k)| k.clone()) })
    }

    /// Ranking `id` of a tier read whole as a `before` neighbour; as [`Neighbour::after_in`].
    pub fn before_in(tier: Tier, rows: &[(RankingId, RankKey)], id: RankingId) -> Option<Self> {
        let at = rows.iter().position(|(r, _)| *r == id)?;
        let beyond = at.checked_sub(1).map(|i| rows[i].1.clone());
        Some(Self { tier, key: rows[at].1.clone(), beyond })
    }
}

/// What the slot of a [`ListWrite`] depends on, read by a store from the writer's list (never another user's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood {
    /// Whether the placed title exists in the catalog (a move: true).
    pub media_exists: bool,
    /// The writer's ranking of the placed title, if it is ranked already (a move: `None`).
    pub existing: Option<RankingId>,
    /// The moving ranking's tier, when the writer's list holds it (a place: `None`).
    pub moving_tier: Option<Tier>,
    /// The ranking named `after`, when the writer's list holds it.
    pub after: Option<Neighbour>,
    /// The ranking named `before`, when the writer's list holds it.
    pub before: Option<Neighbour>,
    /// The lowest key of the tier the write names (a move naming none: the moving ranking's tier), leaving out the
    /// moving ranking; `None` when that tier holds nothing else.
    pub first: Option<RankKey>,
    /// The highest key of that tier, likewise.
    pub last: Option<RankKey>,
}

impl Neighbourhood {
    /// The neighbourhood of a place into one tier read whole (`rows` in key order): every neighbour the anchor
    /// names is looked up in that tier only, so one in another tier reads as missing.
    pub fn of_tier(tier: Tier, rows: &[(RankingId, RankKey)], anchor: Anchor) -> Self {
        let write = ListWrite::Place { media: MediaId(uuid::Uuid::nil()), tier, anchor };
        Self {
            media_exists: true,
            existing: None,
            moving_tier: None,
            after: write.after().and_then(|id| Neighbour::after_in(tier, rows, id)),
            before: write.before().and_then(|id| Neighbour::before_in(tier, rows, id)),
            first: rows.first().map(|(_, k)| k.clone()),
            last: rows.last().map(|(_, k)| k.clone()),
        }
    }
}

/// Where a title goes: its tier and the keys it must sit between (`None`: that end of the tier is open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The tier.
    pub tier: Tier,
    /// The key right above the slot (smaller: liked more), if any.
    pub lower: Option<RankKey>,
    /// The key right below the slot, if any.
    pub upper: Option<RankKey>,
}

impl Slot {
    /// The key for the title in this slot, or `None` when every key that fits is oversized: the tier must then be
    /// rebalanced ([`Slot::respread`]).
    ///
    /// # Errors
    /// [`StoreError`] when the bounds are out of order, which means the store read an inconsistent tier.
    pub fn key(&self) -> Result<Option<RankKey>, StoreError> {
        let key = RankKey::between(self.lower.as_ref(), self.upper.as_ref()).map_err(StoreError::new)?;
        Ok((!key.is_oversized()).then_some(key))
    }

    /// The rebalance: fresh, evenly spaced keys for the slot's whole tier with `id` in the slot. `others` is the
    /// rest of the tier in key order (without `id`); the answer holds every one of them and `id`, in the new order.
    ///
    /// # Errors
    /// [`StoreError`] when `others` does not hold the key right above the slot: the tier changed since it was read.
    pub fn respread<T>(&self, others: Vec<(T, RankKey)>, id: T) -> Result<Vec<(T, RankKey)>, StoreError> {
        let at = match &self.lower {
            None => 0,
            Some(lower) => match others.iter().position(|(_, k)| k == lower) {
                Some(i) => i + 1,
                None => return Err(StoreError::new("the key above the slot is not in the tier")),
            },
        };
        let mut order: Vec<T> = others.into_iter().map(|(t, _)| t).collect();
        order.insert(at, id);
        Ok(rebalance(order))
    }
}

/// Checks a neighbour the write names: it must not be the moving ranking, must be in the writer's list, and must
/// sit in the tier chosen so far, if any. Returns it, with its tier now the target.
fn check(
    id: RankingId,
    found: Option<&Neighbour>,
    target: Option<Tier>,
    moving: Option<RankingId>,
) -> Result<&Neighbour, RankingError> {
    if moving == Some(id) {
        return Err(RankingError::SelfAnchor);
    }
    let found = found.ok_or(RankingError::UnknownNeighbour(id))?;
    match target {
        Some(expected) if expected != found.tier => {
            Err(RankingError::NeighbourInOtherTier { id, expected, actual: found.tier })
        }
        _ => Ok(found),
    }
}

/// Decides where `write` lands given what its store read.
///
/// A place needs an existing, unranked title; a move needs a ranking in the writer's list. The target tier is the
/// one the write names, else the neighbour's, else the moving ranking's own. Each neighbour must exist in the
/// writer's list, not be the moving ranking, and sit in the target tier; `Between` needs `after` right above
/// `before` with nothing between them.
///
/// # Errors
/// `UnknownMedia`, `AlreadyRanked`, `NotFound`, `SelfAnchor`, `UnknownNeighbour`, `NeighbourInOtherTier` or
/// `NotAdjacent`.
pub fn resolve(write: &ListWrite, hood: &Neighbourhood) -> Result<Slot, RankingError> {
    let fallback = match *write {
        ListWrite::Place { media, tier, .. } => {
            if !hood.media_exists {
                return Err(RankingError::UnknownMedia(media));
            }
            if let Some(existing) = hood.existing {
                return Err(RankingError::AlreadyRanked(existing));
            }
            tier
        }
        ListWrite::Move { .. } => hood.moving_tier.ok_or(RankingError::NotFound)?,
    };
    let (target, moving) = (write.tier(), write.moving());
    Ok(match write.anchor() {
        Anchor::Bottom => Slot { tier: target.unwrap_or(fallback), lower: hood.last.clone(), upper: None },
        Anchor::Top => Slot { tier: target.unwrap_or(fallback), lower: None, upper: hood.first.clone() },
        Anchor::Before(id) => {
            let before = check(id, hood.before.as_ref(), target, moving)?;
            Slot { tier: before.tier, lower: before.beyond.clone(), upper: Some(before.key.clone()) }
        }
        Anchor::After(id) => {
            let after = check(id, hood.after.as_ref(), target, moving)?;
            Slot { tier: after.tier, lower: Some(after.key.clone()), upper: after.beyond.clone() }
        }
        Anchor::Between { after, before } => {
            let above = check(after, hood.after.as_ref(), target, moving)?;
            let below = check(before, hood.before.as_ref(), Some(above.tier), moving)?;
            if above.key >= below.key || above.beyond.as_ref() != Some(&below.key) {
                return Err(RankingError::NotAdjacent);
            }
            Slot { tier: above.tier, lower: Some(above.key.clone()), upper: Some(below.key.clone()) }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank::spread;

    fn id(n: u128) -> RankingId {
        RankingId(uuid::Uuid::from_u128(n))
    }

    const MEDIA: MediaId = MediaId(uuid::Uuid::from_u128(99));

    /// Rankings 1..=n in key order, evenly spaced.
    fn tier_of(n: u128) -> Vec<(RankingId, RankKey)> {
        (1..=n).map(id).zip(spread(n as usize)).collect()
    }

    fn place(tier: Tier, anchor: Anchor) -> ListWrite {
        ListWrite::Place { media: MEDIA, tier, anchor }
    }

    fn slot(tier: Tier, lower: Option<&RankKey>, upper: Option<&RankKey>) -> Slot {
        Slot { tier, lower: lower.cloned(), upper: upper.cloned() }
    }

    /// Every anchor kind at every edge of a tier of one and of three, placed and moved.
    #[test]
    fn every_anchor_lands_between_the_keys_it_names() {
        let rows = tier_of(3);
        let k = |i: usize| Some(&rows[i].1);
        let cases = [
            (Anchor::Top, slot(Tier::B, None, k(0))),
            (Anchor::Bottom, slot(Tier::B, k(2), None)),
            (Anchor::Before(id(1)), slot(Tier::B, None, k(0))),
            (Anchor::Before(id(2)), slot(Tier::B, k(0), k(1))),
            (Anchor::Before(id(3)), slot(Tier::B, k(1), k(2))),
            (Anchor::After(id(1)), slot(Tier::B, k(0), k(1))),
            (Anchor::After(id(3)), slot(Tier::B, k(2), None)),
            (Anchor::Between { after: id(1), before: id(2) }, slot(Tier::B, k(0), k(1))),
            (Anchor::Between { after: id(2), before: id(3) }, slot(Tier::B, k(1), k(2))),
        ];
        for (anchor, expected) in cases {
            let hood = Neighbourhood::of_tier(Tier::B, &rows, anchor);
            let found = resolve(&place(Tier::B, anchor), &hood).unwrap_or_else(|e| panic!("{anchor:?}: {e}"));
            assert_eq!(found, expected, "{anchor:?}");
            let key = found.key().unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("room"));
            assert!(found.lower.as_ref().is_none_or(|l| *l < key) && found.upper.as_ref().is_none_or(|u| key < *u));
        }
        let one = tier_of(1);
        for (anchor, expected) in [
            (Anchor::Top, slot(Tier::B, None, Some(&one[0].1))),
            (Anchor::Bottom, slot(Tier::B, Some(&one[0].1), None)),
            (Anchor::Before(id(1)), slot(Tier::B, None, Some(&one[0].1))),
            (Anchor::After(id(1)), slot(Tier::B, Some(&one[0].1), None)),
        ] {
            let hood = Neighbourhood::of_tier(Tier::B, &one, anchor);
            assert_eq!(resolve(&place(Tier::B, anchor), &hood).unwrap_or_else(|e| panic!("{e}")), expected);
        }
    }

    #[test]
    fn an_empty_tier_takes_the_middle_key_from_either_end() {
        for anchor in [Anchor::Top, Anchor::Bottom] {
            let hood = Neighbourhood::of_tier(Tier::D, &[], anchor);
            let found = resolve(&place(Tier::D, anchor), &hood).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(found, slot(Tier::D, None, None));
            assert_eq!(found.key().unwrap_or_else(|e| panic!("{e}")).map(|k| k.to_string()), Some("V".into()));
        }
    }

    #[test]
    fn a_missing_anchor_or_another_users_is_unknown() {
        // A store reads the writer's list only, so another user's ranking reads exactly as a missing one.
        let rows = tier_of(2);
        for (anchor, missing) in [
            (Anchor::Before(id(7)), id(7)),
            (Anchor::After(id(7)), id(7)),
            (Anchor::Between { after: id(7), before: id(1) }, id(7)),
            (Anchor::Between { after: id(1), before: id(7) }, id(7)),
        ] {
            let hood = Neighbourhood::of_tier(Tier::B, &rows, anchor);
            let err = resolve(&place(Tier::B, anchor), &hood).err();
            assert!(matches!(err, Some(RankingError::UnknownNeighbour(n)) if n == missing), "{anchor:?}: {err:?}");
            let moved = ListWrite::Move { id: id(2), tier: None, anchor };
            let hood = Neighbourhood { moving_tier: Some(Tier::B), ..hood };
            let err = resolve(&moved, &hood).err();
            assert!(matches!(err, Some(RankingError::UnknownNeighbour(n)) if n == missing), "{anchor:?}: {err:?}");
        }
    }

    #[test]
    fn between_needs_two_rankings_next_to_each_other_in_order() {
        let rows = tier_of(3);
        for anchor in [
            Anchor::Between { after: id(1), before: id(3) },
            Anchor::Between { after: id(2), before: id(1) },
            Anchor::Between { after: id(2), before: id(2) },
            Anchor::Between { after: id(3), before: id(1) },
        ] {
            let hood = Neighbourhood::of_tier(Tier::B, &rows, anchor);
            let err = resolve(&place(Tier::B, anchor), &hood).err();
            assert!(matches!(err, Some(RankingError::NotAdjacent)), "{anchor:?}: {err:?}");
        }
    }

    fn neighbour(tier: Tier, key: &RankKey, beyond: Option<&RankKey>) -> Neighbour {
        Neighbour { tier, key: key.clone(), beyond: beyond.cloned() }
    }

    #[test]
    fn a_neighbour_must_sit_in_the_target_tier() {
        let keys = spread(3);
        let in_a = Some(neighbour(Tier::A, &keys[1], Some(&keys[2])));
        let in_b = Some(neighbour(Tier::B, &keys[1], Some(&keys[2])));
        let nobody = Neighbourhood {
            media_exists: true,
            existing: None,
            moving_tier: None,
            after: None,
            before: None,
            first: None,
            last: None,
        };
        // A place into B next to a ranking of A.
        let hood = Neighbourhood { after: in_a.clone(), ..nobody.clone() };
        let err = resolve(&place(Tier::B, Anchor::After(id(1))), &hood).err();
        assert!(matches!(
            err,
            Some(RankingError::NeighbourInOtherTier { expected: Tier::B, actual: Tier::A, id: n }) if n == id(1)
        ));
        // A move naming no tier takes the neighbour's, whatever its own.
        let moved = ListWrite::Move { id: id(9), tier: None, anchor: Anchor::After(id(1)) };
        let hood = Neighbourhood { moving_tier: Some(Tier::C), ..hood };
        assert_eq!(resolve(&moved, &hood).ok(), Some(slot(Tier::A, Some(&keys[1]), Some(&keys[2]))));
        // A move naming a tier must find the neighbour there.
        let moved = ListWrite::Move { id: id(9), tier: Some(Tier::B), anchor: Anchor::Before(id(1)) };
        let hood = Neighbourhood { moving_tier: Some(Tier::C), before: in_a.clone(), ..nobody.clone() };
        assert!(matches!(resolve(&moved, &hood), Err(RankingError::NeighbourInOtherTier { .. })));
        // `Between` with its two rankings in different tiers.
        let between = Anchor::Between { after: id(1), before: id(2) };
        let hood = Neighbourhood { moving_tier: Some(Tier::C), after: in_b, before: in_a, ..nobody };
        let err = resolve(&ListWrite::Move { id: id(9), tier: None, anchor: between }, &hood).err();
        assert!(matches!(err, Some(RankingError::NeighbourInOtherTier { expected: Tier::B, actual: Tier::A, .. })));
    }

    #[test]
    fn a_move_cannot_name_itself_and_needs_its_ranking() {
        let rows = tier_of(3);
        for anchor in [Anchor::Before(id(2)), Anchor::After(id(2)), Anchor::Between { after: id(1), before: id(2) }] {
            let hood = Neighbourhood { moving_tier: Some(Tier::B), ..Neighbourhood::of_tier(Tier::B, &rows, anchor) };
            let err = resolve(&ListWrite::Move { id: id(2), tier: None, anchor }, &hood).err();
            assert!(matches!(err, Some(RankingError::SelfAnchor)), "{anchor:?}: {err:?}");
        }
        let hood = Neighbourhood::of_tier(Tier::B, &rows, Anchor::Bottom);
        let err = resolve(&ListWrite::Move { id: id(2), tier: Some(Tier::B), anchor: Anchor::Bottom }, &hood).err();
        assert!(matches!(err, Some(RankingError::NotFound)));
    }

    #[test]
    fn a_move_naming_no_tier_stays_in_its_own() {
        let others: Vec<_> = tier_of(3).into_iter().filter(|(r, _)| *r != id(2)).collect();
        for (anchor, expected) in [
            (Anchor::Top, slot(Tier::C, None, Some(&others[0].1))),
            (Anchor::Bottom, slot(Tier::C, Some(&others[1].1), None)),
            (Anchor::After(id(1)), slot(Tier::C, Some(&others[0].1), Some(&others[1].1))),
        ] {
            let hood = Neighbourhood { moving_tier: Some(Tier::C), ..Neighbourhood::of_tier(Tier::C, &others, anchor) };
            let moved = ListWrite::Move { id: id(2), tier: None, anchor };
            assert_eq!(resolve(&moved, &hood).unwrap_or_else(|e| panic!("{e}")), expected, "{anchor:?}");
        }
    }

    #[test]
    fn a_place_needs_a_title_not_ranked_yet() {
        let hood = Neighbourhood::of_tier(Tier::B, &[], Anchor::Bottom);
        let gone = Neighbourhood { media_exists: false, ..hood.clone() };
        assert!(
            matches!(resolve(&place(Tier::B, Anchor::Bottom), &gone), Err(RankingError::UnknownMedia(m)) if m == MEDIA)
        );
        let ranked = Neighbourhood { existing: Some(id(5)), ..hood };
        assert!(
            matches!(resolve(&place(Tier::B, Anchor::Bottom), &ranked), Err(RankingError::AlreadyRanked(r)) if r == id(5))
        );
    }

    #[test]
    fn commands_become_writes() {
        let command = PlaceCommand { media_id: MEDIA, tier: Tier::S, anchor: Anchor::Top, stars: None };
        assert_eq!(ListWrite::place(&command), place(Tier::S, Anchor::Top));
        let command =
            MoveCommand::new(None, Anchor::Between { after: id(1), before: id(2) }).unwrap_or_else(|e| panic!("{e:?}"));
        let write = ListWrite::relocate(id(3), &command);
        assert_eq!(
            (write.tier(), write.moving(), write.after(), write.before()),
            (None, Some(id(3)), Some(id(1)), Some(id(2)))
        );
    }

    /// Inserting at one spot over and over exhausts the gap: the slot then asks for a rebalance, which puts the title
    /// where the slot is, with every key short again and in the same order.
    #[test]
    fn exhausted_gaps_ask_for_a_rebalance_that_keeps_the_order() {
        let mut rows = tier_of(2);
        let mut next = 10;
        let (slot, new) = loop {
            let anchor = Anchor::After(id(1));
            let found = resolve(&place(Tier::A, anchor), &Neighbourhood::of_tier(Tier::A, &rows, anchor))
                .unwrap_or_else(|e| panic!("{e}"));
            match found.key().unwrap_or_else(|e| panic!("{e}")) {
                // Right below ranking 1 each time: the gap under it halves.
                Some(key) => rows.insert(1, (id(next), key)),
                None => break (found, id(next)),
            }
            next += 1;
            assert!(next < 1_000, "the gap never ran out");
        };
        let respread = slot.respread(rows.clone(), new).unwrap_or_else(|e| panic!("{e}"));
        let order: Vec<RankingId> = respread.iter().map(|(r, _)| *r).collect();
        let mut expected: Vec<RankingId> = rows.iter().map(|(r, _)| *r).collect();
        expected.insert(1, new);
        assert_eq!(order, expected);
        assert!(respread.windows(2).all(|w| w[0].1 < w[1].1));
        assert!(respread.iter().all(|(_, k)| !k.is_oversized() && k.len() <= 2));
        // Into the top of a tier, and from a tier read before the row above the slot left it.
        let top = Slot { tier: Tier::A, lower: None, upper: Some(rows[0].1.clone()) };
        assert_eq!(top.respread(rows.clone(), new).map(|r| r[0].0).ok(), Some(new));
        let stale = Slot {
            tier: Tier::A,
            lower: Some(RankKey::between(None, None).unwrap_or_else(|e| panic!("{e}"))),
            upper: None,
        };
        assert!(stale.respread(tier_of(0), new).is_err());
    }

    #[test]
    fn bounds_out_of_order_are_a_store_fault() {
        let keys = spread(2);
        let backwards = Slot { tier: Tier::B, lower: Some(keys[1].clone()), upper: Some(keys[0].clone()) };
        assert!(backwards.key().is_err());
        let low = RankKey::parse(&"V".repeat(48)).unwrap_or_else(|e| panic!("{e:?}"));
        let high = RankKey::parse(&format!("{}W", "V".repeat(47))).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(Slot { tier: Tier::B, lower: Some(low), upper: Some(high) }.key().ok(), Some(None));
    }

    #[test]
    fn a_rating_places_moves_or_keeps_by_the_stars_tier() {
        let (media, id) = (MediaId(uuid::Uuid::from_u128(7)), RankingId(uuid::Uuid::from_u128(8)));
        let stars = |n| Stars::new(n).unwrap_or_else(|e| panic!("{e:?}"));
        let tier = Tier::from_stars(stars(4));
        assert_eq!(
            Rating::decide(media, stars(4), None),
            Rating::Place(ListWrite::Place { media, tier, anchor: Anchor::Bottom })
        );
        let other = if tier == Tier::D { Tier::S } else { Tier::D };
        let moved = Rating::decide(media, stars(4), Some((id, other)));
        assert_eq!(moved, Rating::Move(id, ListWrite::Move { id, tier: Some(tier), anchor: Anchor::Bottom }));
        assert_eq!(Rating::decide(media, stars(4), Some((id, tier))), Rating::Keep(id));
        assert_eq!(
            [moved.outcome(), Rating::Keep(id).outcome(), Rating::decide(media, stars(4), None).outcome()],
            [RateOutcome::Moved, RateOutcome::Unchanged, RateOutcome::Created]
        );
    }
}
