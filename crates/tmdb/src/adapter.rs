//! TMDb behind the domain's ports: mapping titles to catalog fields, the remote catalog of the local-first search
//! (and the title lookup of imports), and the watch-provider availability (JustWatch data).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use marquee_domain::availability::{
    AvailabilityProvider, JUSTWATCH_ATTRIBUTION, Offer, OfferKind, ProviderError, Region, TitleRef,
};
use marquee_domain::imports::{LookupError, MatchKeys, TitleLookup, title_key};
use marquee_domain::media::{MediaFields, MediaInput, MediaKind, image_ref};
use marquee_domain::remote::{RemoteCatalog, RemoteError};
use serde_json::{Map, Value, json};
use tokio::sync::RwLock;

use crate::api::{Genre, RegionProviders, Title, TmdbKind, WatchProvider};
use crate::client::{TmdbClient, TmdbError};

/// Genre names by kind and id, for one language.
#[derive(Debug, Clone, Default)]
pub struct GenreNames(HashMap<(TmdbKind, i64), String>);

impl GenreNames {
    /// Adds a kind's genre list.
    pub fn add(&mut self, kind: TmdbKind, genres: &[Genre]) {
        for g in genres {
            self.0.insert((kind, g.id), g.name.clone());
        }
    }

    /// A genre's name.
    pub fn name(&self, kind: TmdbKind, id: i64) -> Option<&str> {
        self.0.get(&(kind, id)).map(String::as_str)
    }
}

/// The catalog kind of a TMDb kind.
pub fn media_kind(kind: TmdbKind) -> MediaKind {
    match kind {
        TmdbKind::Movie => MediaKind::Movie,
        TmdbKind::Tv => MediaKind::Show,
    }
}

/// The TMDb kind of a catalog kind (books and plays have none).
pub fn tmdb_kind(kind: MediaKind) -> Option<TmdbKind> {
    match kind {
        MediaKind::Movie => Some(TmdbKind::Movie),
        MediaKind::Show => Some(TmdbKind::Tv),
        MediaKind::Book | MediaKind::Play => None,
    }
}

fn cut(text: Option<&str>, max: usize) -> Option<String> {
    text.map(|t| t.chars().filter(|c| !c.is_control() || *c == '\n').take(max).collect())
}

/// A movie or show as catalog fields: titles, year (empty dates give none), overview, genre names (from the
/// details or from `genres`), poster, TMDb and IMDb ids; backdrop, popularity, votes, language, keywords, runtime
/// and seasons go to `attributes` under `tmdb`. A poster or backdrop the catalog refuses ([`image_ref`]) is left
/// out. People, and titles TMDb sends without a name, give `None`.
pub fn to_fields(title: &Title, listed_as: Option<TmdbKind>, genres: &GenreNames) -> Option<MediaFields> {
    let kind = title.kind(listed_as)?;
    let (name, original) = match kind {
        TmdbKind::Movie => (title.title.as_deref(), title.original_title.as_deref()),
        TmdbKind::Tv => (title.name.as_deref(), title.original_name.as_deref()),
    };
    let name = cut(name, 300)?;
    let mut genre_names: Vec<String> = title.genres.iter().map(|g| g.name.clone()).collect();
    if genre_names.is_empty() {
        genre_names = title.genre_ids.iter().filter_map(|id| genres.name(kind, *id)).map(str::to_owned).collect();
    }
    genre_names.truncate(20);
    let mut extra = Map::new();
    let mut put = |key: &str, value: Value| {
        if !value.is_null() {
            extra.insert(key.to_owned(), value);
        }
    };
    put("backdrop_path", json!(title.backdrop_path));
    put("popularity", json!(title.popularity));
    put("vote_average", json!(title.vote_average));
    put("vote_count", json!(title.vote_count));
    put("original_language", json!(title.original_language));
    put("runtime", json!(title.runtime));
    put("number_of_seasons", json!(title.number_of_seasons));
    if let Some(k) = &title.keywords {
        let names: Vec<&str> = k.keywords.iter().chain(&k.results).map(|g| g.name.as_str()).take(30).collect();
        put("keywords", json!(names));
    }
    let original = cut(original, 300).filter(|o| *o != name);
    // TMDb sends file paths (`/abc.jpg`); anything else is dropped rather than costing the title.
    let mut attributes = json!({ "tmdb": extra });
    marquee_domain::media::drop_bad_images(&mut attributes);
    let poster_path = title.poster_path.as_deref().and_then(|p| image_ref(p).ok());
    let fields = MediaFields::new(MediaInput {
        kind: media_kind(kind).as_str().to_owned(),
        title: name,
        original_title: original,
        year: title.year().map(i64::from),
        overview: cut(title.overview.as_deref(), 5_000),
        genres: genre_names,
        poster_path,
        tmdb_id: Some(title.id),
        imdb_id: title.imdb().map(str::to_owned),
        attributes: Some(attributes),
    });
    match fields {
        Ok(f) => Some(f),
        Err(errors) => {
            // An odd IMDb id should not cost us the title.
            if errors.iter().all(|e| e.field == "imdb_id") {
                let mut t = title.clone();
                t.imdb_id = None;
                t.external_ids = None;
                return to_fields(&t, listed_as, genres);
            }
            tracing::debug!(tmdb_id = title.id, ?errors, "skipping a TMDb title the catalog refuses");
            None
        }
    }
}

pub(crate) fn remote_error(err: TmdbError) -> RemoteError {
    match err {
        TmdbError::Unauthorized(_) => RemoteError::Unauthorized,
        TmdbError::NotFound => RemoteError::NotFound,
        TmdbError::RateLimited { retry_after_secs } => RemoteError::RateLimited { retry_after_secs },
        TmdbError::Timeout => RemoteError::Timeout,
        other => RemoteError::Unavailable(other.to_string()),
    }
}

/// TMDb as the local-first search's remote catalog: `search/multi`, people skipped, genre names from the genre
/// lists (fetched once per process and kept), the whole call bounded by `wait`.
#[derive(Debug, Clone)]
pub struct TmdbCatalog {
    client: TmdbClient,
    wait: Duration,
    language: Option<String>,
    genres: Arc<RwLock<Option<GenreNames>>>,
}

impl TmdbCatalog {
    /// A remote catalog over `client`, waiting at most `wait` per search, in `language` when given.
    pub fn new(client: TmdbClient, wait: Duration, language: Option<String>) -> Self {
        Self { client, wait, language, genres: Arc::default() }
    }

    async fn genre_names(&self) -> Result<GenreNames, TmdbError> {
        if let Some(g) = self.genres.read().await.as_ref() {
            return Ok(g.clone());
        }
        let lang = self.language.as_deref();
        let mut names = GenreNames::default();
        names.add(TmdbKind::Movie, &self.client.genres(TmdbKind::Movie, lang).await?);
        names.add(TmdbKind::Tv, &self.client.genres(TmdbKind::Tv, lang).await?);
        *self.genres.write().await = Some(names.clone());
        Ok(names)
    }

    async fn search_now(&self, text: &str, kind: Option<MediaKind>, limit: u32) -> Result<Vec<MediaFields>, TmdbError> {
        let page = self.client.search_multi(text, 1, self.language.as_deref()).await?;
        let genres = self.genre_names().await?;
        Ok(page
            .results
            .iter()
            .filter_map(|t| to_fields(t, None, &genres))
            .filter(|f| kind.is_none_or(|k| f.kind == k))
            .take(limit as usize)
            .collect())
    }
}

#[async_trait]
impl RemoteCatalog for TmdbCatalog {
    async fn search(&self, text: &str, kind: Option<MediaKind>, limit: u32) -> Result<Vec<MediaFields>, RemoteError> {
        if kind.is_some_and(|k| tmdb_kind(k).is_none()) {
            return Ok(Vec::new());
        }
        let Ok(result) = tokio::time::timeout(self.wait, self.search_now(text, kind, limit)).await else {
            tracing::warn!(wait_ms = self.wait.as_millis() as u64, "TMDb search timed out; answering local hits");
            return Err(RemoteError::Timeout);
        };
        result.map_err(|e| {
            tracing::warn!(error = %e, "TMDb search failed; answering local hits only");
            remote_error(e)
        })
    }
}

/// TMDb's watch providers (JustWatch's data) as an availability provider. TMDb gives no per-service link, so
/// every offer points at TMDb's watch page for the region.
#[derive(Debug, Clone)]
pub struct TmdbWatchProviders {
    client: TmdbClient,
}

impl TmdbWatchProviders {
    /// Over `client`.
    pub fn new(client: TmdbClient) -> Self {
        Self { client }
    }
}

/// The offers of one region's watch providers.
pub fn region_offers(region: &str, providers: &RegionProviders) -> Vec<Offer> {
    let groups: [(&[WatchProvider], OfferKind); 5] = [
        (&providers.flatrate, OfferKind::Subscription),
        (&providers.free, OfferKind::Free),
        (&providers.ads, OfferKind::Ads),
        (&providers.rent, OfferKind::Rent),
        (&providers.buy, OfferKind::Buy),
    ];
    groups
        .into_iter()
        .flat_map(|(list, kind)| {
            list.iter().map(move |p| Offer {
                service: p.provider_name.clone(),
                kind,
                format: None,
                price: None,
                web_url: providers.link.clone(),
                region: region.to_owned(),
            })
        })
        .collect()
}

#[async_trait]
impl AvailabilityProvider for TmdbWatchProviders {
    fn name(&self) -> &'static str {
        "tmdb"
    }

    fn attribution(&self) -> Option<&'static str> {
        Some(JUSTWATCH_ATTRIBUTION)
    }

    async fn offers(&self, title: &TitleRef, region: &Region) -> Result<Vec<Offer>, ProviderError> {
        let (Some(kind), Some(id)) = (tmdb_kind(title.kind), title.tmdb_id) else {
            return Ok(Vec::new());
        };
        match self.client.watch_providers(kind, id).await {
            Ok(all) => {
                Ok(all.results.get(region.as_str()).map(|p| region_offers(region.as_str(), p)).unwrap_or_default())
            }
            Err(TmdbError::NotFound) => Ok(Vec::new()),
            Err(err) => {
                tracing::warn!(error = %err, tmdb_id = id, "TMDb watch providers failed");
                Err(match err {
                    TmdbError::Unauthorized(_) => ProviderError::Unauthorized,
                    TmdbError::RateLimited { retry_after_secs } => ProviderError::RateLimited { retry_after_secs },
                    TmdbError::Timeout => ProviderError::Timeout,
                    other => ProviderError::Unavailable(other.to_string()),
                })
            }
        }
    }
}

/// The TMDb result for an import row: by IMDb id through `find` when the row has one, else by a search on the
/// title whose hit has the same normalised title (or original title), kind and year.
impl TmdbCatalog {
    async fn look_up_now(&self, keys: &MatchKeys, kind: TmdbKind) -> Result<Option<MediaFields>, TmdbError> {
        let genres = self.genre_names().await?;
        if let Some(imdb) = &keys.imdb_id {
            let found = self.client.find(imdb, "imdb_id").await?;
            let hits = match kind {
                TmdbKind::Movie => &found.movie_results,
                TmdbKind::Tv => &found.tv_results,
            };
            if let Some(mut fields) = hits.iter().find_map(|t| to_fields(t, Some(kind), &genres)) {
                // `find` lists titles without their IMDb id: the row's is the one that found it.
                fields.imdb_id.get_or_insert_with(|| imdb.clone());
                return Ok(Some(fields));
            }
        }
        let wanted = title_key(&keys.title);
        let page = self.client.search_multi(&keys.title, 1, self.language.as_deref()).await?;
        Ok(page.results.iter().filter_map(|t| to_fields(t, None, &genres)).find(|f| {
            let same_title =
                title_key(&f.title) == wanted || f.original_title.as_deref().is_some_and(|o| title_key(o) == wanted);
            f.kind == keys.kind && same_title && (keys.year.is_none() || f.year == keys.year)
        }))
    }
}

#[async_trait]
impl TitleLookup for TmdbCatalog {
    async fn lookup(&self, keys: &MatchKeys) -> Result<Option<MediaFields>, LookupError> {
        let Some(kind) = tmdb_kind(keys.kind) else { return Ok(None) };
        let Ok(result) = tokio::time::timeout(self.wait, self.look_up_now(keys, kind)).await else {
            tracing::warn!(wait_ms = self.wait.as_millis() as u64, "TMDb lookup timed out; the row stays manual");
            return Err(LookupError("TMDb did not answer in time".into()));
        };
        result.map_err(|e| {
            tracing::warn!(error = %e, "TMDb lookup failed; the row stays manual");
            LookupError(e.to_string())
        })
    }
}
