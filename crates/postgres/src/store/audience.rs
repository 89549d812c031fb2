//! The privacy rule of [`marquee_domain::privacy`] as a SQL condition, for reads that filter many users at once.
//!
//! The statement never spells a visibility out: it binds the viewer and, for each relation (the user themselves,
//! an accepted follower, anyone else), the visibilities the domain opens to it ([`Audience::open_to`]). The
//! condition ORs the three, which is exact because openness only grows with closeness (the domain's tests check
//! that every list holds the next one: anyone's ⊆ a follower's ⊆ one's own).

use marquee_domain::privacy::{Audience, Relation, Visibility};
use uuid::Uuid;

/// The bound values of an [`Audience`]: the viewer (NULL when signed out) and the three visibility lists.
#[derive(Debug)]
pub(super) struct AudienceParams {
    pub(super) viewer: Option<Uuid>,
    pub(super) themselves: Vec<&'static str>,
    pub(super) follower: Vec<&'static str>,
    pub(super) stranger: Vec<&'static str>,
}

impl AudienceParams {
    pub(super) fn new(audience: &Audience) -> Self {
        let open = |relation| Audience::open_to(relation).into_iter().map(Visibility::as_str).collect();
        Self {
            viewer: audience.viewer().map(|v| v.0),
            themselves: open(Relation::Themselves),
            follower: open(Relation::Follower),
            stranger: open(Relation::Stranger),
        }
    }
}

/// Whether the audience may see the user row `u` (an alias of `users`), its four parameters numbered from
/// `first`: the viewer, then the lists open to themselves, to followers and to anyone, bound by [`bind_audience!`]
/// in that order.
pub(super) fn shows(u: &str, first: usize) -> String {
    let (viewer, me, follower, anyone) = (first, first + 1, first + 2, first + 3);
    format!(
        "(({u}.id = ${viewer} AND {u}.visibility = ANY(${me})) \
          OR {u}.visibility = ANY(${anyone}) \
          OR ({u}.visibility = ANY(${follower}) AND EXISTS (SELECT 1 FROM follows af \
              WHERE af.follower_id = ${viewer} AND af.followee_id = {u}.id AND af.accepted)))"
    )
}

/// Binds an [`AudienceParams`] to a `sql_query` in the order [`shows`] numbers them.
macro_rules! bind_audience {
    ($query:expr, $params:expr) => {
        $query
            .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>($params.viewer)
            .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&$params.themselves)
            .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&$params.follower)
            .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&$params.stranger)
    };
}
pub(super) use bind_audience;
