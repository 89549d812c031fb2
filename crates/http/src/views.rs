//! The bodies and query parameters several resources share: a title as lists show it, a ranking, a catalog item
//! and its search hit, the names of tiers and kinds. Route modules import these from here, never from each other.

use chrono::{DateTime, Utc};
use marquee_domain::book::BookFacts;
use marquee_domain::catalog::MediaHit;
use marquee_domain::media::{MediaItem, MediaKind, MediaSummary};
use marquee_domain::page::Page;
use marquee_domain::ranking::{RankedTitle, RankingFilter};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::{FieldError, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

/// What kind of work a catalog item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum MediaKindName {
    /// A film.
    Movie,
    /// A TV or streaming series.
    Show,
    /// A book.
    Book,
    /// A stage play or musical.
    Play,
}

impl From<MediaKind> for MediaKindName {
    fn from(kind: MediaKind) -> Self {
        match kind {
            MediaKind::Movie => Self::Movie,
            MediaKind::Show => Self::Show,
            MediaKind::Book => Self::Book,
            MediaKind::Play => Self::Play,
        }
    }
}

/// A tier, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub enum TierName {
    /// The very best (scores 9.0 – 10.0).
    S,
    /// Great (7.5 – 8.9).
    A,
    /// Good (6.0 – 7.4).
    B,
    /// Mixed (4.0 – 5.9).
    C,
    /// Poor (0.0 – 3.9).
    D,
}

impl From<Tier> for TierName {
    fn from(tier: Tier) -> Self {
        match tier {
            Tier::S => Self::S,
            Tier::A => Self::A,
            Tier::B => Self::B,
            Tier::C => Self::C,
            Tier::D => Self::D,
        }
    }
}

/// The fields a list shows of a ranked title.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankedMediaResponse<'a> {
    /// The item's id.
    pub id: uuid::Uuid,
    /// Its kind.
    pub kind: MediaKindName,
    /// Its title.
    pub title: &'a str,
    /// Its original title.
    pub original_title: Option<&'a str>,
    /// Its year.
    pub year: Option<i16>,
    /// Its genres.
    pub genres: &'a [String],
    /// Its poster path or URL.
    pub poster_path: Option<&'a str>,
}

impl<'a> From<&'a MediaSummary> for RankedMediaResponse<'a> {
    fn from(m: &'a MediaSummary) -> Self {
        Self {
            id: m.id.0,
            kind: m.kind.into(),
            title: &m.title,
            original_title: m.original_title.as_deref(),
            year: m.year,
            genres: &m.genres,
            poster_path: m.poster_path.as_deref(),
        }
    }
}

/// A title in the caller's list, with its position and derived score.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankingResponse<'a> {
    /// The ranking's id (used as `before` / `after` by other rankings).
    pub id: uuid::Uuid,
    /// The title ranked.
    pub media: RankedMediaResponse<'a>,
    /// Its tier.
    pub tier: TierName,
    /// Its position in the tier, 1 = the tier's best.
    pub position: u64,
    /// How many titles the tier holds.
    pub tier_size: u64,
    /// The 0–10 score derived from tier and position, one decimal.
    #[schema(example = 9.5)]
    pub score: f64,
    /// The order key inside the tier (opaque; sorts like the list).
    pub rank_key: &'a str,
    /// The quick rating it was given, if it came in that way (1 to 5).
    #[schema(minimum = 1, maximum = 5)]
    pub stars: Option<u8>,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
}

impl<'a> From<&'a RankedTitle> for RankingResponse<'a> {
    fn from(r: &'a RankedTitle) -> Self {
        Self {
            id: r.id.0,
            media: (&r.media).into(),
            tier: r.tier.into(),
            position: r.position,
            tier_size: r.tier_size,
            score: r.score.value(),
            rank_key: r.rank_key.as_str(),
            stars: r.stars.map(Stars::get),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// One page of the caller's list, S → D and best first inside a tier.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankingPageResponse<'a> {
    /// The rankings of this page.
    pub items: Vec<RankingResponse<'a>>,
    /// How many rankings match the filter in all.
    pub total: u64,
    /// The page size asked for.
    pub limit: u32,
    /// How many rankings were skipped.
    pub offset: u32,
}

impl<'a> From<&'a Page<RankedTitle>> for RankingPageResponse<'a> {
    fn from(page: &'a Page<RankedTitle>) -> Self {
        Self {
            items: page.items.iter().map(RankingResponse::from).collect(),
            total: page.total,
            limit: page.request.limit(),
            offset: page.request.offset(),
        }
    }
}

/// Filters and page of the list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingListParams {
    /// Only this tier.
    #[param(value_type = Option<TierName>)]
    pub tier: Option<String>,
    /// Only titles of this kind.
    #[param(value_type = Option<MediaKindName>)]
    pub kind: Option<String>,
    /// Only titles with this genre (case-insensitive).
    pub genre: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Rankings to skip, 0 to 100,000 (default 0).
    #[param(minimum = 0, maximum = 100_000)]
    pub offset: Option<i64>,
    /// Keep only titles the caller can stream on their services (`PUT /me/services`), by the availability cache;
    /// titles with nothing cached are left out.
    pub on_my_services: Option<bool>,
}

impl RankingListParams {
    pub(crate) fn into_filter(self) -> Result<RankingFilter, ApiError> {
        let mut errors = Vec::new();
        let tier = parse_tier(self.tier.as_deref(), &mut errors);
        let kind =
            self.kind.as_deref().map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
        let page = PageRequest::new(self.limit, self.offset).map_err(|e| errors.extend(e)).unwrap_or_default();
        let genre = self.genre.map(|g| g.trim().to_owned()).filter(|g| !g.is_empty());
        if errors.is_empty() { Ok(RankingFilter { tier, kind, genre, page }) } else { Err(errors.into()) }
    }
}

/// A tier given as a letter, its error added to `errors`.
fn parse_tier(tier: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Tier> {
    tier.map(str::parse::<Tier>).transpose().map_err(|e| errors.push(e)).ok().flatten()
}

/// A catalog item.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediaResponse {
    /// Its id.
    pub id: uuid::Uuid,
    /// Its kind.
    pub kind: MediaKindName,
    /// The title people know it by.
    pub title: String,
    /// The title in its original language, when it differs.
    pub original_title: Option<String>,
    /// Year of first release, publication or premiere (negative is BCE).
    pub year: Option<i16>,
    /// A short summary.
    pub overview: Option<String>,
    /// Genre names.
    pub genres: Vec<String>,
    /// A TMDb image path (`/abc.jpg`) or an absolute `https` URL.
    pub poster_path: Option<String>,
    /// The TMDb id, unique per kind.
    pub tmdb_id: Option<i64>,
    /// The IMDb id (`tt0111161`).
    pub imdb_id: Option<String>,
    /// Free-form facts (author, runtime, theatre, …).
    #[schema(value_type = std::collections::BTreeMap<String, serde_json::Value>)]
    pub attributes: serde_json::Value,
    /// A book's facts from Open Library (absent for other titles and for books entered by hand).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub book: Option<BookResponse>,
    /// When it entered the catalog.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// What Open Library says of a book.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookResponse {
    /// The Open Library work key (`OL15832982W`): `https://openlibrary.org/works/{key}`.
    pub openlibrary_key: String,
    /// Author names.
    pub authors: Vec<String>,
    /// The year the work was first published.
    pub first_publish_year: Option<i16>,
    /// Subjects.
    pub subjects: Vec<String>,
    /// The page count (an edition's, or the median over its editions).
    pub page_count: Option<u32>,
    /// ISBN-13s of the editions seen.
    pub isbns: Vec<String>,
    /// The cover image on `covers.openlibrary.org` (never fetched by the server).
    pub cover_url: Option<String>,
}

impl From<BookFacts> for BookResponse {
    fn from(f: BookFacts) -> Self {
        let cover_url = f.cover_url();
        Self {
            openlibrary_key: f.key,
            authors: f.authors,
            first_publish_year: f.first_publish_year,
            subjects: f.subjects,
            page_count: f.page_count,
            isbns: f.isbns,
            cover_url,
        }
    }
}

impl From<MediaItem> for MediaResponse {
    fn from(m: MediaItem) -> Self {
        let book = (m.kind == MediaKind::Book).then(|| BookFacts::from_attributes(&m.attributes)).flatten();
        Self {
            book: book.map(Into::into),
            id: m.id.0,
            kind: m.kind.into(),
            title: m.title,
            original_title: m.original_title,
            year: m.year,
            overview: m.overview,
            genres: m.genres,
            poster_path: m.poster_path,
            tmdb_id: m.tmdb_id,
            imdb_id: m.imdb_id,
            attributes: m.attributes,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// A search hit: the item and how well it matches.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitResponse {
    /// The item.
    #[serde(flatten)]
    pub media: MediaResponse,
    /// How well it matches (higher is better; only the order is meaningful).
    pub relevance: f32,
}

impl From<MediaHit> for SearchHitResponse {
    fn from(hit: MediaHit) -> Self {
        Self { media: hit.item.into(), relevance: hit.relevance }
    }
}

/// A page's items with their 1-based rank in the whole list.
pub(crate) fn numbered<'a, T, R>(page: &'a Page<T>, f: impl Fn(u64, &'a T) -> R) -> Vec<R> {
    let first = u64::from(page.request.offset()) + 1;
    page.items.iter().enumerate().map(|(i, item)| f(first + i as u64, item)).collect()
}
