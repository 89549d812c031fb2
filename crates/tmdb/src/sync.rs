//! TMDb as the source of `marquee sync tmdb`: the domain's [`SyncService`](marquee_domain::sync::SyncService) runs
//! the sync; this adapter reads TMDb's lists, changes and details for it and turns titles into catalog fields,
//! their genres named in the language asked for (each language's genre list is fetched once per kind).

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use marquee_domain::media::{MediaFields, MediaKind};
use marquee_domain::remote::RemoteError;
use marquee_domain::sync::{MAX_PAGES, ProviderList, SyncSource};
use tokio::sync::Mutex;

use crate::adapter::{GenreNames, remote_error, tmdb_kind, to_fields};
use crate::api::{TmdbKind, TrendingScope, Window};
use crate::client::{TmdbClient, TmdbError};

/// TMDb's lists, changes and details for the sync.
#[derive(Debug)]
pub struct TmdbSyncSource {
    client: TmdbClient,
    /// Genre names by language, with the kinds already fetched.
    genres: Mutex<HashMap<String, (GenreNames, Vec<TmdbKind>)>>,
}

impl TmdbSyncSource {
    /// A source reading through `client`.
    pub fn new(client: TmdbClient) -> Self {
        Self { client, genres: Mutex::new(HashMap::new()) }
    }

    /// The genre names of `language`, fetching those of `kind` the first time.
    async fn genres(&self, kind: TmdbKind, language: &str) -> Result<GenreNames, TmdbError> {
        let mut cache = self.genres.lock().await;
        let (names, kinds) = cache.entry(language.to_owned()).or_default();
        if !kinds.contains(&kind) {
            names.add(kind, &self.client.genres(kind, Some(language)).await?);
            kinds.push(kind);
        }
        Ok(names.clone())
    }
}

fn kind_of(kind: MediaKind) -> Result<TmdbKind, RemoteError> {
    tmdb_kind(kind).ok_or_else(|| RemoteError::Unavailable(format!("TMDb has no {} titles", kind.as_str())))
}

#[async_trait]
impl SyncSource for TmdbSyncSource {
    fn name(&self) -> &'static str {
        "tmdb"
    }

    async fn list_page(
        &self,
        kind: MediaKind,
        list: ProviderList,
        page: u32,
        language: &str,
    ) -> Result<Vec<MediaFields>, RemoteError> {
        let kind = kind_of(kind)?;
        let names = self.genres(kind, language).await.map_err(remote_error)?;
        let lang = Some(language);
        let paged = match list {
            ProviderList::Trending => self.client.trending(TrendingScope::Kind(kind), Window::Week, page, lang).await,
            ProviderList::Popular => self.client.list(kind, "popular", page, lang).await,
            ProviderList::TopRated => self.client.list(kind, "top_rated", page, lang).await,
        }
        .map_err(remote_error)?;
        Ok(paged.results.iter().filter_map(|title| to_fields(title, Some(kind), &names)).collect())
    }

    async fn changed(&self, kind: MediaKind, since: NaiveDate, until: NaiveDate) -> Result<Vec<i64>, RemoteError> {
        let kind = kind_of(kind)?;
        let mut ids = Vec::new();
        let mut page = 1;
        loop {
            let changed = self.client.changes(kind, since, until, page).await.map_err(remote_error)?;
            ids.extend(changed.results.iter().filter(|c| c.adult != Some(true)).map(|c| c.id));
            if page >= changed.total_pages.min(MAX_PAGES) {
                return Ok(ids);
            }
            page += 1;
        }
    }

    async fn details(&self, kind: MediaKind, id: i64, language: &str) -> Result<Option<MediaFields>, RemoteError> {
        let kind = kind_of(kind)?;
        match self.client.details(kind, id, &["external_ids", "keywords"], Some(language)).await {
            Ok(title) => Ok(to_fields(&title, Some(kind), &GenreNames::default())),
            Err(TmdbError::NotFound) => Ok(None),
            Err(e) => Err(remote_error(e)),
        }
    }
}
