//! [`Prepared`]: hand-written SQL that PostgreSQL parses and plans once per connection, not on every call.
//!
//! diesel never caches a `sql_query` as a prepared statement (it cannot know whether the text is built from
//! data), so each call of one is parsed and planned again. For the probes and writes of a list change, each a
//! statement with half a dozen sub-queries, planning cost more than running: wrapped in [`Prepared`], the text
//! becomes the key of the connection's statement cache, as diesel's own query builder statements are. Only fixed
//! texts (`&'static str` or strings built once at start) may be wrapped: a text that varies per call would fill the
//! cache with one statement per call.

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::result::QueryResult;

/// A fixed-text statement (a `sql_query` with its binds) that the connection may prepare once and reuse.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<Q>(pub(crate) Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Prepared<Q> {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.0.walk_ast(out)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &Pg) -> QueryResult<bool> {
        Ok(true)
    }
}

impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    // No type-level identity: the statement cache keys it by its SQL text and bind types.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}
