//! The feed rule: which activity rows a write produces.
//!
//! One function per kind of write returns the rows (at most one) that write logs, or `None` when it logs nothing;
//! a store writes exactly those, in the writing transaction. Placed, moved (the moving ranking only: the titles a
//! rebalance re-keys are never passed here), removed, a placement answer (taken back when undone), a matchup vote,
//! a new or reordered top 4, and an accepted follow. A title merge logs nothing.

use uuid::Uuid;

use crate::feed::Verb;
use crate::matchup::{MatchupId, SetId, Top4};
use crate::media::MediaId;
use crate::placement::{CONTEXT, Comparison};
use crate::rank::RankKey;
use crate::ranking::RankingId;
use crate::tier::Tier;
use crate::user::UserId;

/// An activity row to log, before its store gives it an id and a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    /// Who did it.
    pub user: UserId,
    /// What they did.
    pub verb: Verb,
    /// The titles involved, in order (a comparison: winner then loser; a top 4: its four).
    pub media: Vec<MediaId>,
    /// The tier a placed, moved or removed title is (or was) in.
    pub tier: Option<Tier>,
    /// The user followed.
    pub target: Option<UserId>,
    /// The row that caused it (ranking, comparison, matchup, top-4 set).
    pub source: Option<Uuid>,
}

impl NewActivity {
    fn new(user: UserId, verb: Verb) -> Self {
        Self { user, verb, media: Vec::new(), tier: None, target: None, source: None }
    }
}

/// A title placed into `tier` as ranking `id`.
pub fn placed(user: UserId, id: RankingId, media: MediaId, tier: Tier) -> NewActivity {
    NewActivity { media: vec![media], tier: Some(tier), source: Some(id.0), ..NewActivity::new(user, Verb::Placed) }
}

/// Ranking `id` moved by its user from `from` to `to`; nothing when neither its tier nor its key changed.
pub fn moved(
    user: UserId,
    id: RankingId,
    media: MediaId,
    from: (Tier, &RankKey),
    to: (Tier, &RankKey),
) -> Option<NewActivity> {
    (from != to).then(|| NewActivity {
        media: vec![media],
        tier: Some(to.0),
        source: Some(id.0),
        ..NewActivity::new(user, Verb::Moved)
    })
}

/// Ranking `id` taken off its user's list (not by the deletion of the user or the title).
pub fn removed(user: UserId, id: RankingId, media: MediaId, tier: Tier) -> NewActivity {
    NewActivity { media: vec![media], tier: Some(tier), source: Some(id.0), ..NewActivity::new(user, Verb::Removed) }
}

/// A comparison stored; only a placement answer is something the user just did (others are imported or derived).
pub fn compared(user: UserId, comparison: &Comparison) -> Option<NewActivity> {
    (comparison.context == CONTEXT).then(|| NewActivity {
        media: vec![comparison.winner, comparison.loser],
        source: Some(comparison.id),
        ..NewActivity::new(user, Verb::Compared)
    })
}

/// A vote on a matchup; it names no titles, as the sets are other users' (some may be private since).
pub fn voted(voter: UserId, matchup: MatchupId) -> NewActivity {
    NewActivity { source: Some(matchup.0), ..NewActivity::new(voter, Verb::Voted) }
}

/// Set `set` now holding `titles`, which held `before` (`None`: a new set); nothing when neither the titles nor
/// their order changed.
pub fn top4_changed(user: UserId, set: SetId, before: Option<&[MediaId]>, titles: &Top4) -> Option<NewActivity> {
    (before != Some(titles.ids().as_slice())).then(|| NewActivity {
        media: titles.ids().to_vec(),
        source: Some(set.0),
        ..NewActivity::new(user, Verb::Top4Changed)
    })
}

/// A follow of `followee` written as `accepted`, which was `was_accepted` before (`false` for a new follow);
/// only the follow becoming accepted logs.
pub fn followed(follower: UserId, followee: UserId, was_accepted: bool, accepted: bool) -> Option<NewActivity> {
    (accepted && !was_accepted)
        .then(|| NewActivity { target: Some(followee), ..NewActivity::new(follower, Verb::Followed) })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::rank::spread;

    fn uuid(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    const ME: UserId = UserId(Uuid::from_u128(1));
    const YOU: UserId = UserId(Uuid::from_u128(2));

    #[test]
    fn list_writes_log_the_title_its_tier_and_its_ranking() {
        let (id, media) = (RankingId(uuid(10)), MediaId(uuid(20)));
        let row = placed(ME, id, media, Tier::A);
        assert_eq!((row.verb, row.media, row.tier, row.source), (Verb::Placed, vec![media], Some(Tier::A), Some(id.0)));
        let row = removed(ME, id, media, Tier::C);
        assert_eq!(
            (row.verb, row.media, row.tier, row.source),
            (Verb::Removed, vec![media], Some(Tier::C), Some(id.0))
        );
        assert_eq!((row.user, row.target), (ME, None));
    }

    #[test]
    fn a_move_logs_only_when_its_tier_or_key_changed() {
        let keys = spread(2);
        let (id, media) = (RankingId(uuid(10)), MediaId(uuid(20)));
        assert_eq!(moved(ME, id, media, (Tier::B, &keys[0]), (Tier::B, &keys[0])), None);
        let row = moved(ME, id, media, (Tier::B, &keys[0]), (Tier::B, &keys[1]));
        assert_eq!(row.map(|r| (r.verb, r.tier, r.source)), Some((Verb::Moved, Some(Tier::B), Some(id.0))));
        let row = moved(ME, id, media, (Tier::B, &keys[0]), (Tier::S, &keys[0]));
        assert_eq!(row.map(|r| r.tier), Some(Some(Tier::S)), "the tier it moved into");
    }

    #[test]
    fn only_placement_answers_log_a_comparison() {
        let mut comparison = Comparison {
            id: uuid(5),
            winner: MediaId(uuid(6)),
            loser: MediaId(uuid(7)),
            tie: false,
            context: CONTEXT.into(),
            source: None,
            created_at: Utc::now(),
        };
        let row = compared(ME, &comparison).unwrap_or_else(|| panic!("a placement answer logs"));
        assert_eq!(
            (row.verb, row.media, row.source),
            (Verb::Compared, vec![MediaId(uuid(6)), MediaId(uuid(7))], Some(uuid(5)))
        );
        comparison.context = "import".into();
        assert_eq!(compared(ME, &comparison), None);
    }

    #[test]
    fn a_vote_names_its_matchup_and_no_titles() {
        let row = voted(ME, MatchupId(uuid(8)));
        assert_eq!((row.verb, row.media.len(), row.source), (Verb::Voted, 0, Some(uuid(8))));
    }

    #[test]
    fn a_top4_logs_when_new_or_reordered_not_when_unchanged() {
        let ids = [uuid(1), uuid(2), uuid(3), uuid(4)];
        let titles = Top4::new(&ids).unwrap_or_else(|e| panic!("{e:?}"));
        let set = SetId(uuid(9));
        let new = top4_changed(ME, set, None, &titles).unwrap_or_else(|| panic!("a new set logs"));
        assert_eq!(
            (new.verb, new.media.as_slice(), new.source),
            (Verb::Top4Changed, titles.ids().as_slice(), Some(set.0))
        );
        assert_eq!(top4_changed(ME, set, Some(titles.ids()), &titles), None);
        let reordered = Top4::new(&[uuid(2), uuid(1), uuid(3), uuid(4)]).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(top4_changed(ME, set, Some(titles.ids()), &reordered).is_some());
    }

    #[test]
    fn a_follow_logs_once_when_it_becomes_accepted() {
        let row = followed(ME, YOU, false, true).unwrap_or_else(|| panic!("an accepted follow logs"));
        assert_eq!((row.user, row.verb, row.target), (ME, Verb::Followed, Some(YOU)));
        assert_eq!(followed(ME, YOU, false, false), None, "a request");
        assert_eq!(followed(ME, YOU, true, true), None, "already accepted");
    }
}
