//! A user's whole list held in hand, and the [`Neighbourhood`] of a write read from it.
//!
//! A store that has the writer's list at hand (the in-memory store always; PostgreSQL when its process keeps a
//! copy checked by the list's version) decides a write from an [`Outline`] instead of reading the neighbourhood
//! from storage. The outline answers exactly what the PostgreSQL probe statement answers, so the slot rule sees
//! the same input whichever way it was read.

use crate::media::MediaId;
use crate::rank::RankKey;
use crate::ranking::RankingId;
use crate::slot::{ListWrite, Neighbour, Neighbourhood};
use crate::tier::{Stars, Tier};

/// One ranking of a list, as far as list writes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The ranking's id.
    pub id: RankingId,
    /// The title ranked.
    pub media: MediaId,
    /// Its tier.
    pub tier: Tier,
    /// Its key inside the tier.
    pub key: RankKey,
    /// Its quick rating, if it has one.
    pub stars: Option<Stars>,
}

/// A user's list: every ranking, each tier in key order (best first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    tiers: [Vec<Entry>; 5],
}

fn slot_of(tier: Tier) -> usize {
    // `Tier::index` is 0 (S) to 4 (D).
    usize::try_from(tier.index()).unwrap_or(0).min(4)
}

impl Outline {
    /// The outline of these rankings, in any order.
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut outline = Self::default();
        for entry in entries {
            outline.tiers[slot_of(entry.tier)].push(entry);
        }
        for tier in &mut outline.tiers {
            tier.sort_by(|a, b| a.key.cmp(&b.key));
        }
        outline
    }

    /// How many rankings the list holds.
    pub fn len(&self) -> usize {
        self.tiers.iter().map(Vec::len).sum()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.tiers.iter().all(Vec::is_empty)
    }

    /// Ranking `id`, if the list holds it.
    pub fn get(&self, id: RankingId) -> Option<&Entry> {
        self.tiers.iter().flatten().find(|e| e.id == id)
    }

    /// The ranking of title `media`, if the list holds one.
    pub fn of_media(&self, media: MediaId) -> Option<&Entry> {
        self.tiers.iter().flatten().find(|e| e.media == media)
    }

    /// Tier `tier` in key order, leaving out `exclude`.
    fn tier_without(&self, tier: Tier, exclude: Option<RankingId>) -> Vec<(RankingId, RankKey)> {
        self.tiers[slot_of(tier)].iter().filter(|e| Some(e.id) != exclude).map(|e| (e.id, e.key.clone())).collect()
    }

    /// What the slot of `write` depends on, read from this list; `media_exists` is whether a placed title is in
    /// the catalog (the list cannot know).
    pub fn neighbourhood(&self, write: &ListWrite, media_exists: bool) -> Neighbourhood {
        let moving = write.moving();
        // A named neighbour is looked up in the list without the moving ranking, in its own tier.
        let named = |id: RankingId| self.get(id).filter(|_| Some(id) != moving).map(|e| e.tier);
        let (media_exists, existing) = match *write {
            ListWrite::Place { media, .. } => (media_exists, self.of_media(media).map(|e| e.id)),
            ListWrite::Move { .. } => (true, None),
        };
        let moving_tier = moving.and_then(|id| self.get(id)).map(|e| e.tier);
        let ends = write.tier().or(moving_tier).map(|t| self.tier_without(t, moving)).unwrap_or_default();
        Neighbourhood {
            media_exists,
            existing,
            moving_tier,
            after: write
                .after()
                .and_then(|id| named(id).and_then(|t| Neighbour::after_in(t, &self.tier_without(t, moving), id))),
            before: write
                .before()
                .and_then(|id| named(id).and_then(|t| Neighbour::before_in(t, &self.tier_without(t, moving), id))),
            first: ends.first().map(|(_, k)| k.clone()),
            last: ends.last().map(|(_, k)| k.clone()),
        }
    }

    /// Puts `entry` in the list: a new ranking, or ranking `entry.id` at its new tier, key and stars.
    pub fn put(&mut self, entry: Entry) {
        for tier in &mut self.tiers {
            tier.retain(|e| e.id != entry.id);
        }
        let tier = &mut self.tiers[slot_of(entry.tier)];
        let at = tier.partition_point(|e| e.key < entry.key);
        tier.insert(at, entry);
    }

    /// Ranking `id`'s position in its tier (1 = the tier's best) and the tier's size, if the list holds it.
    pub fn position(&self, id: RankingId) -> Option<(u64, u64)> {
        self.tiers.iter().find_map(|tier| {
            let at = tier.iter().position(|e| e.id == id)?;
            Some((at as u64 + 1, tier.len() as u64))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank::spread;
    use crate::ranking::Anchor;

    fn id(n: u128) -> RankingId {
        RankingId(uuid::Uuid::from_u128(n))
    }

    fn media(n: u128) -> MediaId {
        MediaId(uuid::Uuid::from_u128(1000 + n))
    }

    /// Rankings 1–3 in B and 4–5 in A, each tier evenly spaced, given shuffled.
    fn list() -> (Outline, Vec<RankKey>) {
        let keys = spread(3);
        let entry = |n: u128, tier: Tier, key: &RankKey| Entry {
            id: id(n),
            media: media(n),
            tier,
            key: key.clone(),
            stars: None,
        };
        let outline = Outline::new([
            entry(3, Tier::B, &keys[2]),
            entry(5, Tier::A, &keys[1]),
            entry(1, Tier::B, &keys[0]),
            entry(4, Tier::A, &keys[0]),
            entry(2, Tier::B, &keys[1]),
        ]);
        (outline, keys)
    }

    #[test]
    fn reads_the_neighbourhood_a_probe_would() {
        let (outline, keys) = list();
        let write = ListWrite::Move { id: id(1), tier: None, anchor: Anchor::Before(id(3)) };
        let hood = outline.neighbourhood(&write, true);
        assert_eq!(hood.moving_tier, Some(Tier::B));
        // The moving ranking is left out: the key above 3 is 2's.
        let before = hood.before.expect("3 is in the list");
        assert_eq!((before.tier, &before.key, before.beyond.as_ref()), (Tier::B, &keys[2], Some(&keys[1])));
        assert_eq!((hood.first.as_ref(), hood.last.as_ref()), (Some(&keys[1]), Some(&keys[2])));

        let place = ListWrite::Place { media: media(4), tier: Tier::A, anchor: Anchor::After(id(4)) };
        let hood = outline.neighbourhood(&place, true);
        assert_eq!(hood.existing, Some(id(4)), "the title is ranked already");
        let after = hood.after.expect("4 is in the list");
        assert_eq!((after.tier, after.beyond.as_ref()), (Tier::A, Some(&keys[1])));

        let unknown = ListWrite::Place { media: media(9), tier: Tier::S, anchor: Anchor::Before(id(9)) };
        let hood = outline.neighbourhood(&unknown, false);
        assert!(!hood.media_exists && hood.existing.is_none() && hood.before.is_none());
        assert_eq!((hood.first, hood.last), (None, None), "S is empty");
    }

    #[test]
    fn a_neighbour_that_is_the_moving_ranking_reads_as_missing() {
        let (outline, _) = list();
        let write = ListWrite::Move { id: id(2), tier: None, anchor: Anchor::After(id(2)) };
        assert_eq!(outline.neighbourhood(&write, true).after, None);
    }

    #[test]
    fn put_moves_or_adds_and_positions_follow() {
        let (mut outline, keys) = list();
        assert_eq!(outline.position(id(2)), Some((2, 3)));
        let mut moved = outline.get(id(1)).cloned().expect("1 is in the list");
        moved.tier = Tier::A;
        moved.key = keys[2].clone();
        outline.put(moved);
        assert_eq!(outline.position(id(1)), Some((3, 3)));
        assert_eq!(outline.position(id(2)), Some((1, 2)));
        outline.put(Entry {
            id: id(6),
            media: media(6),
            tier: Tier::S,
            key: keys[0].clone(),
            stars: Some(Stars::FIVE),
        });
        assert_eq!((outline.position(id(6)), outline.len()), (Some((1, 1)), 6));
        assert_eq!(outline.of_media(media(6)).map(|e| e.id), Some(id(6)));
    }
}
