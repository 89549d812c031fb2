//! Who may see a user and their data: the one rule every read that names a user or shows what they did applies.
//!
//! The rule depends on two things only: the subject's [`Visibility`] and how the viewer stands to them
//! ([`Relation`]: the subject themselves, an accepted follower, or anyone else, signed in or not; a pending follow
//! request counts as nothing). [`access`] decides it:
//!
//! | visibility  | themselves | accepted follower | anyone else       |
//! |-------------|------------|-------------------|-------------------|
//! | `public`    | open       | open              | open              |
//! | `followers` | open       | open              | followers only    |
//! | `private`   | open       | hidden            | hidden            |
//!
//! *Followers only* answers 403 where a profile is asked for by id (its existence is no secret: one may ask to
//! follow it); *hidden* answers exactly what an unknown id answers. In a listing (a set on the matchup board, a
//! follower in someone's list, a ranker, an actor or target in the feed) a user is shown only when the access is
//! open: anything else leaves them out, so a listing never tells a hidden user from one who does not exist.
//!
//! Reads that filter many users in SQL apply the same table through an [`Audience`]: the viewer plus, for each
//! relation, the visibilities open to it ([`Audience::open_to`]), which the store binds as parameters. The table
//! itself is written once, here.
//!
//! Aggregates that name no one (the title leaderboard) are a separate, coarser question: [`counts_in_aggregates`].

use std::fmt;
use std::str::FromStr;

use crate::error::FieldError;
use crate::user::UserId;

/// Who may read a user's list, taste, follows and activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    /// Everyone.
    #[default]
    Public,
    /// The owner's accepted followers.
    Followers,
    /// The owner alone.
    Private,
}

impl Visibility {
    /// The stored and API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Followers => "followers",
            Visibility::Private => "private",
        }
    }
}

impl FromStr for Visibility {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(Visibility::Public),
            "followers" => Ok(Visibility::Followers),
            "private" => Ok(Visibility::Private),
            _ => Err(FieldError::new("visibility", "must be one of public, followers, private")),
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a follow stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FollowState {
    /// Accepted: the follower sees a followers-only profile and its activity.
    Following,
    /// Waiting for the owner of a followers-only profile to approve it.
    Requested,
}

impl FollowState {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowState::Following => "following",
            FollowState::Requested => "requested",
        }
    }
}

/// Every visibility, for the audiences' lists.
const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Followers, Visibility::Private];

/// How a viewer stands to the user they look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The viewer is the subject.
    Themselves,
    /// The viewer follows the subject with an accepted follow.
    Follower,
    /// Anyone else: a stranger, a pending requester, or a signed-out reader.
    Stranger,
}

impl Relation {
    /// Every relation.
    pub const ALL: [Relation; 3] = [Relation::Themselves, Relation::Follower, Relation::Stranger];

    /// How `viewer` (`None`: signed out) stands to `subject`, given where the viewer's follow of them stands.
    pub fn of(viewer: Option<UserId>, subject: UserId, follow: Option<FollowState>) -> Self {
        match viewer {
            Some(v) if v == subject => Relation::Themselves,
            Some(_) if follow == Some(FollowState::Following) => Relation::Follower,
            _ => Relation::Stranger,
        }
    }
}

/// What a viewer may see of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Everything: the user, their list, their follows, their activity, their top 4.
    Open,
    /// Nothing, but the profile may be asked about and followed (403 where asked for by id).
    FollowersOnly,
    /// Nothing, and not even that they exist (404, as an unknown id).
    Hidden,
}

/// The rule: what a viewer in `relation` may see of a user whose profile is `visibility`.
pub fn access(visibility: Visibility, relation: Relation) -> Access {
    match (visibility, relation) {
        (_, Relation::Themselves) | (Visibility::Public, _) | (Visibility::Followers, Relation::Follower) => {
            Access::Open
        }
        (Visibility::Followers, Relation::Stranger) => Access::FollowersOnly,
        (Visibility::Private, _) => Access::Hidden,
    }
}

/// Whether people search may return a user of this visibility to a viewer in `relation`: whenever the rule does not
/// hide them. A followers-only profile is found (its existence is no secret: finding it is how one asks to follow
/// it); a private one is found by nobody but its owner, not even by accepted followers.
pub fn findable(visibility: Visibility, relation: Relation) -> bool {
    access(visibility, relation) != Access::Hidden
}

/// The visibilities people search returns to anyone but the owner, for stores that filter in SQL. Followers and
/// strangers find the same profiles (checked by a test), so the store needs no follow to decide.
pub fn findable_by_others() -> Vec<Visibility> {
    ALL.into_iter().filter(|v| findable(*v, Relation::Stranger)).collect()
}

/// Whether a list of this visibility counts in aggregates that name no one (the title leaderboard's means): every
/// list but a private one, which counts nowhere, not even for its owner.
pub fn counts_in_aggregates(visibility: Visibility) -> bool {
    visibility != Visibility::Private
}

/// The visibilities whose lists count in aggregates, for stores that filter in SQL.
pub fn aggregated() -> Vec<Visibility> {
    ALL.into_iter().filter(|v| counts_in_aggregates(*v)).collect()
}

/// One viewer's view of many users: what a listing filters by. Stores that filter in memory call
/// [`Audience::shows`] per user; stores that filter in SQL bind [`Audience::viewer`] and the three
/// [`Audience::open_to`] lists and keep a user when their visibility is in the list of the viewer's relation to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    viewer: Option<UserId>,
}

impl Audience {
    /// What `viewer` (`None`: signed out) may see.
    pub fn of(viewer: Option<UserId>) -> Self {
        Self { viewer }
    }

    /// Who is looking.
    pub fn viewer(&self) -> Option<UserId> {
        self.viewer
    }

    /// Whether a listing may show `subject`, whose profile is `visibility`, given whether the viewer follows them
    /// with an accepted follow.
    pub fn shows(&self, subject: UserId, visibility: Visibility, followed: bool) -> bool {
        let follow = followed.then_some(FollowState::Following);
        access(visibility, Relation::of(self.viewer, subject, follow)) == Access::Open
    }

    /// The visibilities a viewer in `relation` sees openly: the rule's column, for a query's parameters.
    pub fn open_to(relation: Relation) -> Vec<Visibility> {
        ALL.into_iter().filter(|v| access(*v, relation) == Access::Open).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(n: u128) -> UserId {
        UserId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn visibility_spellings_round_trip() {
        for v in [Visibility::Public, Visibility::Followers, Visibility::Private] {
            assert_eq!(v.as_str().parse::<Visibility>().unwrap(), v);
        }
        let err = "friends".parse::<Visibility>().unwrap_err();
        assert_eq!(err.field, "visibility");
        assert_eq!(Visibility::default(), Visibility::Public);
    }

    #[test]
    fn the_table_of_the_module_docs() {
        use Access::{FollowersOnly, Hidden, Open};
        let rows = [
            (Visibility::Public, [Open, Open, Open]),
            (Visibility::Followers, [Open, Open, FollowersOnly]),
            (Visibility::Private, [Open, Hidden, Hidden]),
        ];
        for (visibility, expected) in rows {
            for (relation, want) in Relation::ALL.into_iter().zip(expected) {
                assert_eq!(access(visibility, relation), want, "{visibility} to {relation:?}");
            }
        }
    }

    #[test]
    fn relations_need_an_accepted_follow_and_a_signed_in_viewer() {
        let (me, them) = (user(1), user(2));
        assert_eq!(Relation::of(Some(me), me, None), Relation::Themselves);
        assert_eq!(Relation::of(Some(me), them, Some(FollowState::Following)), Relation::Follower);
        assert_eq!(Relation::of(Some(me), them, Some(FollowState::Requested)), Relation::Stranger);
        assert_eq!(Relation::of(Some(me), them, None), Relation::Stranger);
        assert_eq!(Relation::of(None, them, Some(FollowState::Following)), Relation::Stranger);
    }

    #[test]
    fn an_audience_shows_only_open_profiles() {
        let (me, them) = (user(1), user(2));
        let mine = Audience::of(Some(me));
        assert!(mine.shows(me, Visibility::Private, false), "a user always sees themselves");
        assert!(mine.shows(them, Visibility::Public, false));
        assert!(mine.shows(them, Visibility::Followers, true));
        assert!(!mine.shows(them, Visibility::Followers, false), "followers-only is not open to strangers");
        assert!(!mine.shows(them, Visibility::Private, true), "private hides from followers too");
        let anonymous = Audience::of(None);
        assert!(anonymous.shows(them, Visibility::Public, false));
        assert!(!anonymous.shows(them, Visibility::Followers, true));
        assert!(!anonymous.shows(them, Visibility::Private, false));
    }

    #[test]
    fn openness_only_grows_with_closeness() {
        // Stores OR the three lists together in SQL: exact only while each holds the next.
        let [me, follower, stranger] = Relation::ALL.map(Audience::open_to);
        assert!(stranger.iter().all(|v| follower.contains(v)), "{stranger:?} ⊆ {follower:?}");
        assert!(follower.iter().all(|v| me.contains(v)), "{follower:?} ⊆ {me:?}");
    }

    #[test]
    fn people_search_finds_what_the_rule_does_not_hide() {
        use Visibility::{Followers, Private, Public};
        assert_eq!(findable_by_others(), [Public, Followers]);
        for v in ALL {
            assert_eq!(findable(v, Relation::Follower), findable(v, Relation::Stranger), "{v}");
            assert!(findable(v, Relation::Themselves), "{v}: the owner finds themselves");
        }
        assert!(!findable(Private, Relation::Follower), "a private user is hidden from followers too");
    }

    #[test]
    fn the_sql_lists_are_the_tables_columns() {
        use Visibility::{Followers, Private, Public};
        assert_eq!(Audience::open_to(Relation::Themselves), [Public, Followers, Private]);
        assert_eq!(Audience::open_to(Relation::Follower), [Public, Followers]);
        assert_eq!(Audience::open_to(Relation::Stranger), [Public]);
        assert_eq!(aggregated(), [Public, Followers]);
    }
}
