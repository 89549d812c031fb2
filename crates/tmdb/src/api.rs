//! The endpoints and the shapes TMDb documents for them. Every field TMDb may omit or send as `null` is an
//! `Option` (or defaults to empty), and dates may be empty strings.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::client::{TmdbClient, TmdbError};

/// TMDb's two kinds of title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TmdbKind {
    /// `movie`.
    Movie,
    /// `tv`.
    Tv,
}

impl TmdbKind {
    /// The path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            TmdbKind::Movie => "movie",
            TmdbKind::Tv => "tv",
        }
    }
}

/// What `trending` covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendingScope {
    /// Movies, shows and people.
    All,
    /// One kind.
    Kind(TmdbKind),
}

/// The trending window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Today.
    Day,
    /// This week.
    Week,
}

/// One page of results.
#[derive(Debug, Clone, Deserialize)]
pub struct Paged<T> {
    /// The page number.
    pub page: u32,
    /// The results.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// How many pages there are.
    #[serde(default)]
    pub total_pages: u32,
    /// How many results there are.
    #[serde(default)]
    pub total_results: u32,
}

/// A genre.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Genre {
    /// Its id.
    pub id: i64,
    /// Its name in the asked language.
    pub name: String,
}

/// `genre/{kind}/list`.
#[derive(Debug, Clone, Deserialize)]
pub struct GenreList {
    /// The genres.
    #[serde(default)]
    pub genres: Vec<Genre>,
}

/// `external_ids`, appended or on its own.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExternalIds {
    /// The IMDb id (`null` or empty when unknown).
    pub imdb_id: Option<String>,
}

/// `keywords`: movies list them under `keywords`, shows under `results`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Keywords {
    /// A movie's keywords.
    #[serde(default)]
    pub keywords: Vec<Genre>,
    /// A show's keywords.
    #[serde(default)]
    pub results: Vec<Genre>,
}

/// A movie, a show or a person, as search, trending, discover, lists and details return them. Movies use
/// `title`/`release_date`, shows `name`/`first_air_date`.
#[derive(Debug, Clone, Deserialize)]
pub struct Title {
    /// The TMDb id.
    pub id: i64,
    /// `movie`, `tv` or `person` in mixed lists; absent in single-kind ones.
    pub media_type: Option<String>,
    /// A movie's title.
    pub title: Option<String>,
    /// A show's (or person's) name.
    pub name: Option<String>,
    /// A movie's original title.
    pub original_title: Option<String>,
    /// A show's original name.
    pub original_name: Option<String>,
    /// `YYYY-MM-DD`, or empty when unknown.
    pub release_date: Option<String>,
    /// `YYYY-MM-DD`, or empty when unknown.
    pub first_air_date: Option<String>,
    /// The summary.
    pub overview: Option<String>,
    /// Genre ids (lists).
    #[serde(default)]
    pub genre_ids: Vec<i64>,
    /// Genres with names (details).
    #[serde(default)]
    pub genres: Vec<Genre>,
    /// The poster image path.
    pub poster_path: Option<String>,
    /// The backdrop image path.
    pub backdrop_path: Option<String>,
    /// TMDb's popularity figure.
    pub popularity: Option<f64>,
    /// Mean vote, 0 to 10.
    pub vote_average: Option<f64>,
    /// Number of votes.
    pub vote_count: Option<i64>,
    /// ISO 639-1 language.
    pub original_language: Option<String>,
    /// Adult content.
    pub adult: Option<bool>,
    /// A movie's IMDb id (details).
    pub imdb_id: Option<String>,
    /// Appended `external_ids`.
    pub external_ids: Option<ExternalIds>,
    /// Appended `keywords`.
    pub keywords: Option<Keywords>,
    /// A movie's runtime in minutes (details).
    pub runtime: Option<i64>,
    /// A show's number of seasons (details).
    pub number_of_seasons: Option<i64>,
}

impl Title {
    /// The kind, from `media_type` or from where the title came from.
    pub fn kind(&self, listed_as: Option<TmdbKind>) -> Option<TmdbKind> {
        match self.media_type.as_deref() {
            Some("movie") => Some(TmdbKind::Movie),
            Some("tv") => Some(TmdbKind::Tv),
            Some(_) => None,
            None => listed_as,
        }
    }

    /// The release or first-air year; empty and malformed dates are `None`.
    pub fn year(&self) -> Option<i16> {
        let date = self.release_date.as_deref().or(self.first_air_date.as_deref())?;
        NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok().map(|d| chrono::Datelike::year(&d) as i16)
    }

    /// The IMDb id, from the details or the appended `external_ids`, when non-empty.
    pub fn imdb(&self) -> Option<&str> {
        self.imdb_id
            .as_deref()
            .or_else(|| self.external_ids.as_ref().and_then(|e| e.imdb_id.as_deref()))
            .filter(|id| !id.is_empty())
    }
}

/// `find/{external_id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct FindResult {
    /// Movies with that id.
    #[serde(default)]
    pub movie_results: Vec<Title>,
    /// Shows with that id.
    #[serde(default)]
    pub tv_results: Vec<Title>,
}

/// One provider in a region's watch-provider list.
#[derive(Debug, Clone, Deserialize)]
pub struct WatchProvider {
    /// TMDb's provider id.
    pub provider_id: i64,
    /// Its name.
    pub provider_name: String,
    /// Its logo path.
    pub logo_path: Option<String>,
}

/// A region's watch providers, by how they offer the title.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegionProviders {
    /// TMDb's watch page for the title in this region.
    pub link: Option<String>,
    /// Included in a subscription.
    #[serde(default)]
    pub flatrate: Vec<WatchProvider>,
    /// For rent.
    #[serde(default)]
    pub rent: Vec<WatchProvider>,
    /// For sale.
    #[serde(default)]
    pub buy: Vec<WatchProvider>,
    /// Free.
    #[serde(default)]
    pub free: Vec<WatchProvider>,
    /// Free with ads.
    #[serde(default)]
    pub ads: Vec<WatchProvider>,
}

/// `{kind}/{id}/watch/providers`: JustWatch's data, by region code.
#[derive(Debug, Clone, Deserialize)]
pub struct WatchProviders {
    /// Regions.
    #[serde(default)]
    pub results: HashMap<String, RegionProviders>,
}

/// One entry of a `changes` list.
#[derive(Debug, Clone, Deserialize)]
pub struct Changed {
    /// The title's id.
    pub id: i64,
    /// Adult content.
    pub adult: Option<bool>,
}

fn lang(language: Option<&str>) -> Vec<(&'static str, String)> {
    language.map(|l| vec![("language", l.to_owned())]).unwrap_or_default()
}

impl TmdbClient {
    /// `search/multi`: movies, shows and people matching `query`.
    pub async fn search_multi(
        &self,
        query: &str,
        page: u32,
        language: Option<&str>,
    ) -> Result<Paged<Title>, TmdbError> {
        let mut q = lang(language);
        q.extend([("query", query.to_owned()), ("page", page.to_string()), ("include_adult", "false".to_owned())]);
        self.get("/search/multi", &q).await
    }

    /// `movie/{id}` or `tv/{id}`, with `append_to_response` (e.g. `external_ids`, `keywords`, `credits`).
    pub async fn details(
        &self,
        kind: TmdbKind,
        id: i64,
        append: &[&str],
        language: Option<&str>,
    ) -> Result<Title, TmdbError> {
        let mut q = lang(language);
        if !append.is_empty() {
            q.push(("append_to_response", append.join(",")));
        }
        self.get(&format!("/{}/{id}", kind.as_str()), &q).await
    }

    /// `trending/{all|movie|tv}/{day|week}`.
    pub async fn trending(
        &self,
        scope: TrendingScope,
        window: Window,
        page: u32,
        language: Option<&str>,
    ) -> Result<Paged<Title>, TmdbError> {
        let scope = match scope {
            TrendingScope::All => "all",
            TrendingScope::Kind(k) => k.as_str(),
        };
        let window = match window {
            Window::Day => "day",
            Window::Week => "week",
        };
        let mut q = lang(language);
        q.push(("page", page.to_string()));
        self.get(&format!("/trending/{scope}/{window}"), &q).await
    }

    /// `{kind}/popular` or `{kind}/top_rated` (`list` is `popular` or `top_rated`).
    pub async fn list(
        &self,
        kind: TmdbKind,
        list: &str,
        page: u32,
        language: Option<&str>,
    ) -> Result<Paged<Title>, TmdbError> {
        let mut q = lang(language);
        q.push(("page", page.to_string()));
        self.get(&format!("/{}/{list}", kind.as_str()), &q).await
    }

    /// `discover/{kind}` with TMDb's filters as given (`sort_by`, `with_genres`, …).
    pub async fn discover(
        &self,
        kind: TmdbKind,
        page: u32,
        language: Option<&str>,
        filters: &[(&str, &str)],
    ) -> Result<Paged<Title>, TmdbError> {
        let mut q: Vec<(&str, String)> = lang(language);
        q.push(("page", page.to_string()));
        q.extend(filters.iter().map(|(k, v)| (*k, (*v).to_owned())));
        self.get(&format!("/discover/{}", kind.as_str()), &q).await
    }

    /// `genre/{kind}/list`.
    pub async fn genres(&self, kind: TmdbKind, language: Option<&str>) -> Result<Vec<Genre>, TmdbError> {
        let list: GenreList = self.get(&format!("/genre/{}/list", kind.as_str()), &lang(language)).await?;
        Ok(list.genres)
    }

    /// `find/{external_id}` with `external_source` (`imdb_id`, `tvdb_id`, …).
    pub async fn find(&self, external_id: &str, source: &str) -> Result<FindResult, TmdbError> {
        self.get(&format!("/find/{external_id}"), &[("external_source", source.to_owned())]).await
    }

    /// `{kind}/{id}/watch/providers`.
    pub async fn watch_providers(&self, kind: TmdbKind, id: i64) -> Result<WatchProviders, TmdbError> {
        self.get(&format!("/{}/{id}/watch/providers", kind.as_str()), &[]).await
    }

    /// `{kind}/changes`: ids changed between two dates (TMDb allows at most 14 days).
    pub async fn changes(
        &self,
        kind: TmdbKind,
        start: NaiveDate,
        end: NaiveDate,
        page: u32,
    ) -> Result<Paged<Changed>, TmdbError> {
        let q = [
            ("start_date", start.format("%Y-%m-%d").to_string()),
            ("end_date", end.format("%Y-%m-%d").to_string()),
            ("page", page.to_string()),
        ];
        self.get(&format!("/{}/changes", kind.as_str()), &q).await
    }
}
