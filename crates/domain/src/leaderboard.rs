//! The leaderboard: the best-ranked titles across lists, and the most active rankers.
//!
//! A title's standing is the mean of the derived scores (see [`crate::score`]: tier and position within the
//! tier of each list, the same score the list endpoint shows) it has on the lists in scope, shrunk toward the
//! mean of every score in scope so that one enthusiastic list cannot top the board:
//!
//! ```text
//! shrunk = (n · mean + m · global_mean) / (n + m),   m = PRIOR_WEIGHT = 5
//! ```
//!
//! With m = 5 a title needs five rankings before its own mean counts as much as the prior.
//!
//! What is in scope: rankings placed or last moved within the period (`updated_at`), of titles of the kind and
//! genre asked for, on lists that count in aggregates ([`crate::privacy::counts_in_aggregates`]: all but private
//! ones). The `global` scope counts every such list (public and followers-only ones: an aggregate names no one);
//! `following` counts only the lists of users the caller follows with an accepted follow. Rankers are the users
//! in scope with the most such rankings, and only those the caller may see ([`BoardQuery::audience`]: public
//! users, the caller, and followers-only users the caller follows).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use crate::error::{FieldError, StoreError};
use crate::media::{MediaKind, MediaSummary};
use crate::page::PageRequest;
use crate::privacy::Audience;
use crate::user::UserId;

/// The prior's weight `m` in the shrinkage: how many rankings' worth of the global mean each title starts with.
pub const PRIOR_WEIGHT: f64 = 5.0;

/// The mean of `n` scores, shrunk toward `global_mean` with weight [`PRIOR_WEIGHT`].
pub fn shrunk(mean: f64, n: u64, global_mean: f64) -> f64 {
    #[allow(clippy::cast_precision_loss, reason = "counts stay far below 2^52")]
    let n = n as f64;
    (n * mean + PRIOR_WEIGHT * global_mean) / (n + PRIOR_WEIGHT)
}

/// Whose lists count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every list that is not private.
    Global,
    /// The lists of the users the caller follows (accepted follows), private ones excepted.
    Following,
}

impl FromStr for Scope {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "global" => Ok(Scope::Global),
            "following" => Ok(Scope::Following),
            _ => Err(FieldError::new("scope", "must be global or following")),
        }
    }
}

/// How far back rankings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 365 days.
    Year,
    /// Always.
    All,
}

impl Period {
    /// The earliest time that counts, seen from `now`; `None` for all time.
    pub fn since(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let days = match self {
            Period::Week => 7,
            Period::Month => 30,
            Period::Year => 365,
            Period::All => return None,
        };
        Some(now - TimeDelta::days(days))
    }
}

impl FromStr for Period {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            "all" => Ok(Period::All),
            _ => Err(FieldError::new("period", "must be one of week, month, year, all")),
        }
    }
}

/// What a store aggregates for one leaderboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardQuery {
    /// Who asks (`None`: signed out); decides which rankers may be shown and whose follows count.
    pub viewer: Option<UserId>,
    /// Whose lists count. `Following` always has a viewer.
    pub scope: Scope,
    /// Only titles of this kind.
    pub kind: Option<MediaKind>,
    /// Only titles with this genre, lower-cased (compared case-insensitively).
    pub genre: Option<String>,
    /// Only rankings placed or moved since then.
    pub since: Option<DateTime<Utc>>,
    /// How many titles and how many rankers.
    pub limit: u32,
}

impl BoardQuery {
    /// Whom the rankers may name.
    pub fn audience(&self) -> Audience {
        Audience::of(self.viewer)
    }
}

/// A title's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleStanding {
    /// The title.
    pub media: MediaSummary,
    /// The shrunk mean derived score, which orders the board.
    pub score: f64,
    /// The raw mean derived score.
    pub mean: f64,
    /// How many rankings in scope.
    pub count: u64,
}

/// A user's activity in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankerStanding {
    /// Their id.
    pub user: UserId,
    /// Their display name.
    pub display_name: String,
    /// Rankings they placed or moved in the period (in scope of the kind and genre).
    pub rankings: u64,
}

/// The best titles of a scope, with the global mean they were shrunk toward.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleBoard {
    /// The mean of every derived score in scope; `None` when nothing is.
    pub global_mean: Option<f64>,
    /// Best first: by shrunk score, then count, then media id.
    pub titles: Vec<TitleStanding>,
}

/// The whole leaderboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaderboard {
    /// The best-ranked titles.
    pub titles: TitleBoard,
    /// The most active rankers: by rankings, then user id.
    pub rankers: Vec<RankerStanding>,
}

/// The aggregates behind the leaderboard.
#[async_trait]
pub trait LeaderboardRepository: Send + Sync {
    /// The `query.limit` best titles by [`shrunk`] mean derived score (ties: more rankings first, then media id),
    /// over the rankings in scope as the module docs define it.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn best_titles(&self, query: &BoardQuery) -> Result<TitleBoard, StoreError>;

    /// The `query.limit` users in scope with the most rankings in scope (ties: user id), among the users
    /// [`BoardQuery::audience`] shows.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn top_rankers(&self, query: &BoardQuery) -> Result<Vec<RankerStanding>, StoreError>;
}

/// The raw query parameters of a leaderboard request.
#[derive(Debug, Clone, Default)]
pub struct BoardParams {
    /// `global` (default) or `following`.
    pub scope: Option<String>,
    /// A media kind.
    pub kind: Option<String>,
    /// A genre.
    pub genre: Option<String>,
    /// `week`, `month`, `year` or `all` (default).
    pub period: Option<String>,
    /// 1 to 100, default 20.
    pub limit: Option<i64>,
}

/// Why a leaderboard request failed.
#[derive(Debug, thiserror::Error)]
pub enum LeaderboardError {
    /// Bad parameters.
    #[error("validation failed")]
    Invalid(Vec<FieldError>),
    /// The `following` scope needs a signed-in caller.
    #[error("the following scope needs a signed-in caller")]
    SignInRequired,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parses one optional parameter, collecting its error.
fn parsed<T: FromStr<Err = FieldError>>(raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<T> {
    match raw.map(str::parse).transpose() {
        Ok(value) => value,
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The leaderboard use case.
#[derive(Clone)]
pub struct LeaderboardService {
    store: Arc<dyn LeaderboardRepository>,
}

impl fmt::Debug for LeaderboardService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LeaderboardService").finish_non_exhaustive()
    }
}

impl LeaderboardService {
    /// A service over the aggregates.
    pub fn new(store: Arc<dyn LeaderboardRepository>) -> Self {
        Self { store }
    }

    /// Validates the parameters into a query as of `now`.
    ///
    /// # Errors
    /// `Invalid` naming every bad field, or `SignInRequired` for `following` without a viewer.
    pub fn query(
        viewer: Option<UserId>,
        params: &BoardParams,
        now: DateTime<Utc>,
    ) -> Result<BoardQuery, LeaderboardError> {
        let mut errors = Vec::new();
        let scope = parsed::<Scope>(params.scope.as_deref(), &mut errors).unwrap_or(Scope::Global);
        let kind = parsed::<MediaKind>(params.kind.as_deref(), &mut errors);
        let period = parsed::<Period>(params.period.as_deref(), &mut errors).unwrap_or(Period::All);
        let genre = params.genre.as_deref().map(str::trim).filter(|g| !g.is_empty()).map(str::to_lowercase);
        let limit = match PageRequest::new(params.limit, None) {
            Ok(page) => page.limit(),
            Err(e) => {
                errors.extend(e);
                0
            }
        };
        if !errors.is_empty() {
            return Err(LeaderboardError::Invalid(errors));
        }
        if scope == Scope::Following && viewer.is_none() {
            return Err(LeaderboardError::SignInRequired);
        }
        Ok(BoardQuery { viewer, scope, kind, genre, since: period.since(now), limit })
    }

    /// The leaderboard for `viewer` (`None`: signed out).
    ///
    /// # Errors
    /// The errors of [`LeaderboardService::query`], or `Store`.
    pub async fn board(&self, viewer: Option<UserId>, params: &BoardParams) -> Result<Leaderboard, LeaderboardError> {
        let query = Self::query(viewer, params, Utc::now())?;
        let titles = self.store.best_titles(&query).await?;
        let rankers = self.store.top_rankers(&query).await?;
        Ok(Leaderboard { titles, rankers })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinkage_pulls_few_rankings_toward_the_global_mean() {
        // One 10.0 against a global mean of 6.0: (1·10 + 5·6) / 6 = 6.67; five 8.0s: (40 + 30) / 10 = 7.0.
        assert!((shrunk(10.0, 1, 6.0) - 40.0 / 6.0).abs() < 1e-12);
        assert!((shrunk(8.0, 5, 6.0) - 7.0).abs() < 1e-12);
        assert!(shrunk(8.0, 5, 6.0) > shrunk(10.0, 1, 6.0), "many good rankings beat one perfect one");
        assert!((shrunk(9.0, 1_000_000, 1.0) - 9.0).abs() < 1e-4, "many rankings keep their own mean");
    }

    #[test]
    fn parameters_are_checked_together() {
        let now = Utc::now();
        let bad = BoardParams {
            scope: Some("world".into()),
            kind: Some("song".into()),
            period: Some("decade".into()),
            limit: Some(0),
            genre: None,
        };
        let Err(LeaderboardError::Invalid(errors)) = LeaderboardService::query(None, &bad, now) else {
            panic!("bad parameters must be refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["scope", "kind", "period", "limit"]);
        let following = BoardParams { scope: Some("following".into()), ..BoardParams::default() };
        assert!(matches!(LeaderboardService::query(None, &following, now), Err(LeaderboardError::SignInRequired)));
        let viewer = Some(UserId(uuid::Uuid::now_v7()));
        let q = LeaderboardService::query(viewer, &following, now).unwrap();
        assert_eq!((q.scope, q.since, q.limit), (Scope::Following, None, 20));
        let week = BoardParams { period: Some("week".into()), genre: Some(" Drama ".into()), ..BoardParams::default() };
        let q = LeaderboardService::query(None, &week, now).unwrap();
        assert_eq!(q.since, Some(now - TimeDelta::days(7)));
        assert_eq!((q.scope, q.genre.as_deref()), (Scope::Global, Some("drama")));
    }
}
