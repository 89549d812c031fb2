//! Row types and their conversion into domain values.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use marquee_domain::StoreError;
use marquee_domain::media::{MediaFields, MediaId, MediaItem, MediaKind, MediaSummary};
use marquee_domain::rank::RankKey;
use marquee_domain::ranking::{RankingId, RankingRecord};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::{User, UserId};
use uuid::Uuid;

use super::corrupt;
use crate::schema::{media_items, rankings, users};

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub(super) struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            id: UserId(row.id),
            email: row.email,
            display_name: row.display_name,
            is_admin: row.is_admin,
            disabled: row.disabled_at.is_some(),
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub(super) struct NewUserRow<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

#[derive(Debug, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = media_items, check_for_backend(diesel::pg::Pg))]
pub(super) struct MediaRow {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub original_title: Option<String>,
    pub year: Option<i16>,
    pub overview: Option<String>,
    pub genres: Vec<String>,
    pub poster_path: Option<String>,
    pub tmdb_id: Option<i64>,
    pub imdb_id: Option<String>,
    pub attributes: serde_json::Value,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn kind(stored: &str) -> Result<MediaKind, StoreError> {
    stored.parse().map_err(|_| corrupt(format!("unknown media kind {stored:?}")))
}

impl TryFrom<MediaRow> for MediaItem {
    type Error = StoreError;

    fn try_from(row: MediaRow) -> Result<Self, StoreError> {
        Ok(MediaItem {
            id: MediaId(row.id),
            kind: kind(&row.kind)?,
            title: row.title,
            original_title: row.original_title,
            year: row.year,
            overview: row.overview,
            genres: row.genres,
            poster_path: row.poster_path,
            tmdb_id: row.tmdb_id,
            imdb_id: row.imdb_id,
            attributes: row.attributes,
            created_by: row.created_by.map(UserId),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// The writable columns of a catalog item; `None` writes NULL (an edit can clear a field).
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = media_items, treat_none_as_null = true)]
pub(super) struct MediaChanges {
    pub kind: &'static str,
    pub title: String,
    pub original_title: Option<String>,
    pub year: Option<i16>,
    pub overview: Option<String>,
    pub genres: Vec<String>,
    pub poster_path: Option<String>,
    pub tmdb_id: Option<i64>,
    pub imdb_id: Option<String>,
    pub attributes: serde_json::Value,
}

impl From<MediaFields> for MediaChanges {
    fn from(f: MediaFields) -> Self {
        Self {
            kind: f.kind.as_str(),
            title: f.title,
            original_title: f.original_title,
            year: f.year,
            overview: f.overview,
            genres: f.genres,
            poster_path: f.poster_path,
            tmdb_id: f.tmdb_id,
            imdb_id: f.imdb_id,
            attributes: f.attributes,
        }
    }
}

/// The catalog columns a list shows.
#[derive(Debug, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = media_items, check_for_backend(diesel::pg::Pg))]
pub(super) struct SummaryRow {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub original_title: Option<String>,
    pub year: Option<i16>,
    pub genres: Vec<String>,
    pub poster_path: Option<String>,
}

impl TryFrom<SummaryRow> for MediaSummary {
    type Error = StoreError;

    fn try_from(row: SummaryRow) -> Result<Self, StoreError> {
        Ok(MediaSummary {
            id: MediaId(row.id),
            kind: kind(&row.kind)?,
            title: row.title,
            original_title: row.original_title,
            year: row.year,
            genres: row.genres,
            poster_path: row.poster_path,
        })
    }
}

/// The ranking columns of a list entry.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = rankings, check_for_backend(diesel::pg::Pg))]
pub(super) struct RankingRow {
    pub id: Uuid,
    pub tier: i16,
    pub rank_key: String,
    pub stars: Option<i16>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(super) fn tier(stored: i16) -> Result<Tier, StoreError> {
    Tier::from_index(stored).ok_or_else(|| corrupt(format!("unknown tier {stored}")))
}

pub(super) fn rank_key(stored: &str) -> Result<RankKey, StoreError> {
    RankKey::parse(stored).map_err(|_| corrupt(format!("malformed rank key {stored:?}")))
}

/// A stored star rating, if any.
pub(super) fn stars(stored: Option<i16>) -> Result<Option<Stars>, StoreError> {
    stored.map(|s| Stars::new(i64::from(s)).map_err(|_| corrupt(format!("stars out of range: {s}")))).transpose()
}

/// A ranking with the title it ranks, before position and score are added.
pub(super) fn record(ranking: &RankingRow, media: SummaryRow) -> Result<RankingRecord, StoreError> {
    let stars = stars(ranking.stars)?;
    Ok(RankingRecord {
        id: RankingId(ranking.id),
        media: media.try_into()?,
        tier: tier(ranking.tier)?,
        rank_key: rank_key(&ranking.rank_key)?,
        stars,
        created_at: ranking.created_at,
        updated_at: ranking.updated_at,
    })
}
