//! The contract of the provider-facing store ports ([`CatalogUpsert`], [`AvailabilityStore`]), run against
//! `MemoryStore` here and against `PgStore` in `marquee-postgres`, with
//! [`provider_contract_tests!`](crate::provider_contract_tests).

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use crate::contract::Stores;
use chrono::{Duration, Utc};
use marquee_domain::availability::{CachedOffers, Offer, OfferKind, Region, UserServices};
use marquee_domain::media::{MediaFields, MediaInput, MediaKind};
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, User};
use serde_json::json;

/// Expands to one `#[tokio::test]` per case, each on fresh stores from `$make`
/// (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! provider_contract_tests {
    ($make:path) => {
        $crate::provider_contract_tests!(@cases $make;
            remote_titles_are_inserted_once_and_refreshed,
            remote_titles_never_overwrite_user_entries,
            books_are_keyed_by_their_open_library_work,
            availability_is_cached_per_title_region_and_provider,
            streamable_titles_match_services_and_offer_kinds,
            user_services_are_replaced_whole,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::providers_contract::$case(&stores).await;
            }
        )*
    };
}

fn remote(kind: MediaKind, title: &str, tmdb_id: Option<i64>) -> MediaFields {
    MediaFields::new(MediaInput {
        kind: kind.as_str().into(),
        title: title.into(),
        year: Some(1999),
        genres: vec!["Drama".into()],
        tmdb_id,
        attributes: Some(json!({"tmdb": {"popularity": 1.5}})),
        ..MediaInput::default()
    })
    .unwrap()
}

async fn user(s: &Stores, name: &str) -> User {
    s.users
        .create(NewUser {
            email: Email::parse(&format!("{name}@example.com")).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            password_hash: PasswordHash(format!("hash-of-{name}")),
        })
        .await
        .unwrap()
}

fn offer(service: &str, kind: OfferKind) -> Offer {
    Offer { service: service.into(), kind, format: Some("HD".into()), price: None, web_url: None, region: "US".into() }
}

fn us() -> Region {
    Region::new("US").unwrap()
}

/// Inserted once per kind + TMDb id, deduplicated, items without a TMDb id skipped; a second identical upsert
/// changes nothing; a changed title is refreshed and a known IMDb id survives an upsert without one.
pub async fn remote_titles_are_inserted_once_and_refreshed(s: &Stores) {
    let mut with_imdb = remote(MediaKind::Movie, "Fight Club", Some(550));
    with_imdb.imdb_id = Some("tt0137523".into());
    let batch = [
        with_imdb.clone(),
        remote(MediaKind::Show, "Fight Club", Some(550)),
        remote(MediaKind::Movie, "Fight Club", Some(550)),
        remote(MediaKind::Movie, "No id", None),
    ];
    let first = s.upsert.upsert_remote(&batch).await.unwrap();
    assert_eq!(first.len(), 2, "one per kind + TMDb id: {first:?}");
    assert_eq!(s.media.count().await.unwrap(), 2);
    assert_eq!(first[0].kind, MediaKind::Movie);
    assert_eq!(first[0].imdb_id.as_deref(), Some("tt0137523"), "an upsert without an IMDb id keeps the known one");
    assert!(first.iter().all(|m| m.created_by.is_none()));

    let again = s.upsert.upsert_remote(&batch).await.unwrap();
    assert_eq!(again, first, "the same data again writes nothing (updated_at too)");

    let renamed = remote(MediaKind::Movie, "Fight Club (1999)", Some(550));
    let third = s.upsert.upsert_remote(&[renamed]).await.unwrap();
    assert_eq!(third[0].id, first[0].id);
    assert_eq!(third[0].title, "Fight Club (1999)");
    assert_eq!(third[0].imdb_id.as_deref(), Some("tt0137523"));
    assert_eq!(third[0].attributes["tmdb"]["popularity"], json!(1.5));
    assert!(s.upsert.upsert_remote(&[]).await.unwrap().is_empty());
}

/// A title a user entered by hand keeps its fields when TMDb sends the same kind + id.
pub async fn remote_titles_never_overwrite_user_entries(s: &Stores) {
    let ada = user(s, "ada").await;
    let mine = s.media.create(remote(MediaKind::Movie, "My Fight Club", Some(550)), Some(ada.id)).await.unwrap();
    let got = s.upsert.upsert_remote(&[remote(MediaKind::Movie, "Fight Club", Some(550))]).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].id, mine.id);
    assert_eq!(got[0].title, "My Fight Club");
    assert_eq!(s.media.get(mine.id).await.unwrap().unwrap(), mine);
}

fn book(title: &str, work: &str) -> MediaFields {
    MediaFields::new(MediaInput {
        kind: MediaKind::Book.as_str().into(),
        title: title.into(),
        year: Some(1995),
        attributes: Some(json!({"openlibrary": {"key": work, "authors": ["Garth Nix"], "isbns": ["9780064471831"]}})),
        ..MediaInput::default()
    })
    .unwrap()
}

/// Books from Open Library are inserted once per work key and refreshed like films; the same work key on a film
/// is another title; an admin-curated book with the key keeps its fields.
pub async fn books_are_keyed_by_their_open_library_work(s: &Stores) {
    let first =
        s.upsert.upsert_remote(&[book("Sabriel", "OL15832982W"), book("Sabriel", "OL15832982W")]).await.unwrap();
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].attributes["openlibrary"]["key"], "OL15832982W");
    assert_eq!(s.upsert.upsert_remote(&[book("Sabriel", "OL15832982W")]).await.unwrap(), first, "unchanged: no write");
    let renamed = s.upsert.upsert_remote(&[book("Sabriel (Old Kingdom)", "OL15832982W")]).await.unwrap();
    assert_eq!((renamed[0].id, renamed[0].title.as_str()), (first[0].id, "Sabriel (Old Kingdom)"));
    let other = s.upsert.upsert_remote(&[book("Lirael", "OL15832983W")]).await.unwrap();
    assert_ne!(other[0].id, first[0].id);
    assert_eq!(s.media.count().await.unwrap(), 2);
    let ada = user(s, "ada").await;
    let curated = s.media.create(book("Goldenhand", "OL1W"), Some(ada.id)).await.unwrap();
    let got = s.upsert.upsert_remote(&[book("Goldenhand (remote)", "OL1W")]).await.unwrap();
    assert_eq!(got, vec![curated], "an entry made by hand is never overwritten");
}

/// Entries are kept per title, region and provider; storing again replaces the provider's entry.
pub async fn availability_is_cached_per_title_region_and_provider(s: &Stores) {
    let item = s.upsert.upsert_remote(&[remote(MediaKind::Movie, "Alien", Some(348))]).await.unwrap().remove(0);
    assert!(s.availability.cached(item.id, &us()).await.unwrap().is_empty());
    let old = Utc::now() - Duration::hours(30);
    let at = |t: chrono::DateTime<Utc>| t.timestamp_micros();
    let entry =
        |provider: &str, offers: Vec<Offer>, fetched_at| CachedOffers { provider: provider.into(), offers, fetched_at };
    s.availability
        .store(item.id, &us(), &entry("watchmode", vec![offer("Netflix", OfferKind::Subscription)], old))
        .await
        .unwrap();
    s.availability.store(item.id, &us(), &entry("tmdb", vec![], old)).await.unwrap();
    s.availability.store(item.id, &Region::new("FR").unwrap(), &entry("tmdb", vec![], old)).await.unwrap();
    let now = Utc::now();
    let replaced = entry("watchmode", vec![offer("Hulu", OfferKind::Rent), offer("Max", OfferKind::Free)], now);
    s.availability.store(item.id, &us(), &replaced).await.unwrap();

    let cached = s.availability.cached(item.id, &us()).await.unwrap();
    let providers: Vec<&str> = cached.iter().map(|c| c.provider.as_str()).collect();
    assert_eq!(providers, ["tmdb", "watchmode"], "ordered by provider, one entry each");
    assert_eq!(cached[1].offers, replaced.offers);
    assert_eq!(at(cached[1].fetched_at), at(now));
    assert_eq!(at(cached[0].fetched_at), at(old));
}

/// Streamable: a subscription, free or ads offer on one of the services (compared case- and space-insensitively),
/// in the region; rent, buy and uncached titles are not.
pub async fn streamable_titles_match_services_and_offer_kinds(s: &Stores) {
    let items = s
        .upsert
        .upsert_remote(&[
            remote(MediaKind::Movie, "On Netflix", Some(1)),
            remote(MediaKind::Movie, "Rent only", Some(2)),
            remote(MediaKind::Movie, "Free with ads", Some(3)),
            remote(MediaKind::Movie, "Nothing cached", Some(4)),
            remote(MediaKind::Movie, "Netflix in France", Some(5)),
        ])
        .await
        .unwrap();
    let put = |i: usize, region: &str, offers: Vec<Offer>| {
        let (s, id) = (s.clone(), items[i].id);
        let region = Region::new(region).unwrap();
        async move {
            let entry = CachedOffers { provider: "watchmode".into(), offers, fetched_at: Utc::now() };
            s.availability.store(id, &region, &entry).await.unwrap();
        }
    };
    put(0, "US", vec![offer("Netflix", OfferKind::Subscription), offer("Apple TV", OfferKind::Buy)]).await;
    put(1, "US", vec![offer("Netflix", OfferKind::Rent)]).await;
    put(2, "US", vec![offer("Pluto  TV", OfferKind::Ads)]).await;
    put(4, "FR", vec![offer("Netflix", OfferKind::Subscription)]).await;
    let ids: Vec<_> = items.iter().map(|m| m.id).collect();
    let services = vec!["netflix".to_owned(), "PLUTO TV".to_owned()];
    let got = s.availability.streamable(&ids, &us(), &services).await.unwrap();
    assert_eq!(got, HashSet::from([items[0].id, items[2].id]));
    assert!(s.availability.streamable(&ids, &us(), &[]).await.unwrap().is_empty());
    assert!(s.availability.streamable(&[], &us(), &services).await.unwrap().is_empty());
}

/// Services are per user and replaced whole.
pub async fn user_services_are_replaced_whole(s: &Stores) {
    let ada = user(s, "ada").await;
    let bob = user(s, "bob").await;
    assert_eq!(s.availability.services(ada.id).await.unwrap(), None);
    let first = UserServices::new("us", vec!["Netflix".into(), "Hulu".into()]).unwrap();
    s.availability.set_services(ada.id, &first).await.unwrap();
    let second = UserServices::new("FR", vec!["Canal+".into()]).unwrap();
    s.availability.set_services(ada.id, &second).await.unwrap();
    assert_eq!(s.availability.services(ada.id).await.unwrap(), Some(second));
    assert_eq!(s.availability.services(bob.id).await.unwrap(), None);
}
