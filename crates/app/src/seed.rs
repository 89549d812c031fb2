//! The demo catalog: 40 well-known films, shows, books and plays (facts only: titles, years, genres, a one-line
//! summary written for Marquee), loaded into an empty catalog so `just run` has something to search and rank.

use anyhow::Context;
use marquee_domain::catalog::{CatalogError, CatalogService, MediaRepository};
use marquee_domain::media::{MediaFields, MediaInput};
use serde::Deserialize;

const DEMO_CATALOG: &str = include_str!("../data/demo_catalog.json");

#[derive(Debug, Deserialize)]
struct DemoItem {
    kind: String,
    title: String,
    original_title: Option<String>,
    year: Option<i64>,
    overview: Option<String>,
    #[serde(default)]
    genres: Vec<String>,
    tmdb_id: Option<i64>,
    imdb_id: Option<String>,
    attributes: Option<serde_json::Value>,
}

/// The demo catalog's entries, validated.
pub fn demo_items() -> anyhow::Result<Vec<MediaFields>> {
    let raw: Vec<DemoItem> =
        serde_json::from_str(DEMO_CATALOG).context("the bundled demo catalog is not valid JSON")?;
    raw.into_iter()
        .map(|d| {
            let title = d.title.clone();
            MediaFields::new(MediaInput {
                kind: d.kind,
                title: d.title,
                original_title: d.original_title,
                year: d.year,
                overview: d.overview,
                genres: d.genres,
                poster_path: None,
                tmdb_id: d.tmdb_id,
                imdb_id: d.imdb_id,
                attributes: d.attributes,
            })
            .map_err(|errors| anyhow::anyhow!("demo item {title:?} is invalid: {errors:?}"))
        })
        .collect()
}

/// Loads the demo catalog when the catalog is empty; returns how many items were added.
pub async fn seed_if_empty(media: &dyn MediaRepository, catalog: &CatalogService) -> anyhow::Result<usize> {
    if catalog.count().await.map_err(|e| anyhow::anyhow!("counting the catalog: {e}"))? > 0 {
        return Ok(0);
    }
    let mut added = 0;
    for fields in demo_items()? {
        let title = fields.title.clone();
        match media.create(fields, None).await.map_err(CatalogError::from) {
            Ok(_) => added += 1,
            // A concurrent start seeded it already.
            Err(CatalogError::DuplicateTmdbId { .. }) => {}
            Err(e) => return Err(anyhow::anyhow!("adding demo item {title:?}: {e}")),
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use marquee_memory::MemoryStore;

    use super::*;

    #[test]
    fn the_demo_catalog_is_valid_and_covers_every_kind() {
        let items = demo_items().unwrap();
        assert_eq!(items.len(), 40);
        for kind in marquee_domain::media::MediaKind::ALL {
            assert!(items.iter().filter(|i| i.kind == kind).count() >= 6, "{kind}");
        }
    }

    #[tokio::test]
    async fn seeding_fills_an_empty_catalog_once() {
        let store = Arc::new(MemoryStore::new());
        let catalog = CatalogService::new(store.clone());
        assert_eq!(seed_if_empty(store.as_ref(), &catalog).await.unwrap(), 40);
        assert_eq!(seed_if_empty(store.as_ref(), &catalog).await.unwrap(), 0);
        assert_eq!(catalog.count().await.unwrap(), 40);
    }
}
