//! The import contract: what every [`ImportRepository`] and [`CatalogBulkWriter`] must do, run on `MemoryStore`
//! here and on `PgStore` in `marquee-postgres`, with [`imports_contract_tests!`](crate::imports_contract_tests).

#![allow(clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use marquee_domain::availability::UserServices;
use marquee_domain::catalog::CatalogQuota;
use marquee_domain::imports::export::{ExportDocument, ExportedServices};
use marquee_domain::imports::{
    BulkRanking, ComparisonEntry, ImportEntry, ImportExtras, ImportSource, MatchKeys, MatchedBy, OrderKey, Placement,
};
use marquee_domain::matchup::Top4;
use marquee_domain::media::{MediaFields, MediaInput, MediaKind};
use marquee_domain::rank::spread;
use marquee_domain::ranking::Anchor;
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash};

use crate::contract::{Stores, assert_consistent, fields, movies, place, t, titles, user};

/// One `#[tokio::test]` per import case on fresh stores from `$make` (`async fn() -> (Stores, Guard)`).
#[macro_export]
macro_rules! imports_contract_tests {
    ($make:path) => {
        $crate::imports_contract_tests!(@cases $make;
            an_import_matches_creates_appends_and_is_idempotent,
            an_import_creates_entries_within_the_quota_only,
            an_export_lists_rankings_and_imported_comparisons,
            an_export_reimports_with_tiers_order_top4_and_services,
            a_bulk_catalog_upsert_adds_facts_and_is_idempotent,
            bulk_lists_are_written_once,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::imports_contract::$case(&stores).await;
            }
        )*
    };
}

fn none() -> ImportExtras {
    ImportExtras::default()
}

fn keys_of(f: &MediaFields) -> MatchKeys {
    MatchKeys {
        tmdb_id: f.tmdb_id,
        imdb_id: f.imdb_id.clone(),
        openlibrary: f.openlibrary_key().map(str::to_owned),
        ..MatchKeys::titled(f.kind, f.title.clone(), f.year)
    }
}

fn entry(line: usize, f: MediaFields, tier: Tier) -> ImportEntry {
    ImportEntry {
        file: "ratings.csv".into(),
        line,
        keys: keys_of(&f),
        tier,
        stars: Some(Stars::new(3).unwrap()),
        order: OrderKey::new(0, None, line),
        fields: f,
        looked_up: false,
    }
}

/// Unmatched rows become entries while the user's daily quota lasts (shared with `create_within_quota`); the rest
/// are reported in `over_quota`, left out of the list and of the catalog; looked-up rows do not count.
pub async fn an_import_creates_entries_within_the_quota_only(s: &Stores) {
    let ada = user(s, "ada").await;
    let quota = CatalogQuota::per_day(3);
    s.media.create_within_quota(fields(MediaKind::Play, "Hamlet", 1600, &[]), ada.id, quota).await.unwrap();
    let known = s.media.create(fields(MediaKind::Movie, "Heat", 1995, &[]), None).await.unwrap();
    let mut tmdb = fields(MediaKind::Movie, "Arrival", 2016, &[]);
    tmdb.tmdb_id = Some(329_865);
    let mut looked_up = entry(3, tmdb, Tier::A);
    looked_up.looked_up = true;
    let entries = vec![
        entry(2, fields(MediaKind::Movie, "Heat", 1995, &[]), Tier::S),
        looked_up,
        entry(4, fields(MediaKind::Movie, "Mine one", 2001, &[]), Tier::S),
        entry(5, fields(MediaKind::Movie, "Mine two", 2002, &[]), Tier::B),
        entry(6, fields(MediaKind::Movie, "Mine three", 2003, &[]), Tier::B),
        entry(7, fields(MediaKind::Movie, "Mine one", 2001, &[]), Tier::C),
    ];
    let out = s.imports.import_list(ada.id, ImportSource::Letterboxd, &entries, &[], &none(), quota).await.unwrap();
    assert_eq!(out.over_quota, [4], "the third manual entry is one too many");
    assert_eq!(out.entries_left, 0);
    let lines: Vec<usize> = out.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 7], "a repeated title matches the entry made, quota or not");
    assert_eq!(out.entries[0].media, known.id);
    assert_eq!(s.media.count().await.unwrap(), 2 + 1 + 2, "Hamlet and Heat, Arrival, two of ada's");
    let listed: Vec<String> = titles(s, ada.id).await.into_iter().map(|(_, title)| title).collect();
    assert!(!listed.contains(&"Mine three".to_owned()), "{listed:?}");
    let refused = s.media.create_within_quota(fields(MediaKind::Book, "Later", 2000, &[]), ada.id, quota).await;
    assert!(matches!(refused, Err(marquee_domain::catalog::MediaWriteError::QuotaExceeded(_))));
}

/// Rows match by TMDb id, IMDb id, then title + year; the rest become the user's manual entries; new titles go
/// below what the tier holds, in the order given; titles already ranked stay put; a second run changes nothing.
pub async fn an_import_matches_creates_appends_and_is_idempotent(s: &Stores) {
    let ada = user(s, "ada").await;
    let mut matrix = fields(MediaKind::Movie, "The Matrix", 1999, &[]);
    matrix.tmdb_id = Some(603);
    let matrix = s.media.create(matrix, None).await.unwrap();
    let mut heat = fields(MediaKind::Movie, "Heat", 1995, &[]);
    heat.imdb_id = Some("tt0113277".into());
    let heat = s.media.create(heat, None).await.unwrap();
    let alien = s.media.create(fields(MediaKind::Movie, "Alien", 1979, &[]), None).await.unwrap();
    let ranked = place(s, ada.id, &alien, Tier::S, Anchor::Bottom).await;

    let mut by_tmdb = fields(MediaKind::Movie, "Matrix, The", 1998, &[]);
    by_tmdb.tmdb_id = Some(603);
    let mut by_imdb = fields(MediaKind::Movie, "Heat (remaster)", 2020, &[]);
    by_imdb.imdb_id = Some("tt0113277".into());
    let by_title = fields(MediaKind::Movie, "ALIEN!", 1979, &[]);
    let new = fields(MediaKind::Movie, "Paddington 2", 2017, &[]);
    let entries = vec![
        entry(2, by_tmdb, Tier::S),
        entry(3, by_imdb, Tier::S),
        entry(4, by_title, Tier::A),
        entry(5, new.clone(), Tier::S),
        entry(6, new, Tier::B),
    ];
    let out = s
        .imports
        .import_list(ada.id, ImportSource::Letterboxd, &entries, &[], &none(), CatalogQuota::default())
        .await
        .unwrap();
    let how: Vec<(MatchedBy, Placement)> = out.entries.iter().map(|e| (e.matched_by, e.placement)).collect();
    assert_eq!(
        how,
        [
            (MatchedBy::TmdbId, Placement::Placed),
            (MatchedBy::ImdbId, Placement::Placed),
            (MatchedBy::Title, Placement::AlreadyRanked),
            (MatchedBy::Created, Placement::Placed),
            (MatchedBy::Title, Placement::Duplicate { of_line: 5 }),
        ]
    );
    assert_eq!(out.entries[0].media, matrix.id);
    assert_eq!(out.entries[1].media, heat.id);
    assert_eq!(out.entries[2].tier, Tier::S, "an already ranked title reports where it is");
    assert_eq!(out.entries[3].media, out.entries[4].media, "one manual entry per title");
    let created = s.media.get(out.entries[3].media).await.unwrap().unwrap();
    assert_eq!(created.created_by, Some(ada.id));
    let expected = vec![t(Tier::S, "Alien"), t(Tier::S, "The Matrix"), t(Tier::S, "Heat"), t(Tier::S, "Paddington 2")];
    assert_eq!(titles(s, ada.id).await, expected);
    let list = assert_consistent(s, ada.id).await;
    assert_eq!(list[0].id, ranked.id, "the ranking already there kept its id and its place");
    assert_eq!(list[1].stars, Some(Stars::new(3).unwrap()));

    let catalog = s.media.count().await.unwrap();
    let again = s
        .imports
        .import_list(ada.id, ImportSource::Letterboxd, &entries, &[], &none(), CatalogQuota::default())
        .await
        .unwrap();
    assert!(again.entries.iter().all(|e| e.placement != Placement::Placed));
    assert_eq!(again.entries[3].matched_by, MatchedBy::Title, "the manual entry matches the second time");
    assert_eq!(s.media.count().await.unwrap(), catalog);
    assert_eq!(titles(s, ada.id).await, expected);
    let missing = s
        .imports
        .unmatched(&[
            keys_of(&fields(MediaKind::Movie, "Heat", 1995, &[])),
            keys_of(&fields(MediaKind::Movie, "Ran", 1985, &[])),
        ])
        .await
        .unwrap();
    assert_eq!(missing, [1]);
}

/// The export lists the rankings S → D in order with positions, and comparisons an import added (once).
pub async fn an_export_lists_rankings_and_imported_comparisons(s: &Stores) {
    let ada = user(s, "ada").await;
    let films = movies(s, 3).await;
    place(s, ada.id, &films[0], Tier::B, Anchor::Bottom).await;
    place(s, ada.id, &films[1], Tier::S, Anchor::Bottom).await;
    place(s, ada.id, &films[2], Tier::B, Anchor::Top).await;
    let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
    let comparison = ComparisonEntry {
        winner: keys_of(&fields(MediaKind::Movie, "Film number 1", 2000, &[])),
        loser: keys_of(&fields(MediaKind::Movie, "Film number 0", 2000, &[])),
        tie: false,
        context: "placement".into(),
        created_at: at,
    };
    let unknown =
        ComparisonEntry { loser: keys_of(&fields(MediaKind::Movie, "Nope", 1900, &[])), ..comparison.clone() };
    let comparisons = [comparison.clone(), comparison, unknown];
    let out = s
        .imports
        .import_list(ada.id, ImportSource::Marquee, &[], &comparisons, &none(), CatalogQuota::default())
        .await
        .unwrap();
    assert_eq!((out.comparisons_added, out.comparisons_skipped), (1, 1));
    let again = s
        .imports
        .import_list(ada.id, ImportSource::Marquee, &[], &comparisons, &none(), CatalogQuota::default())
        .await
        .unwrap();
    assert_eq!(again.comparisons_added, 0);

    let export = s.imports.export(ada.id).await.unwrap();
    let rows: Vec<(Tier, u64, &str)> =
        export.rankings.iter().map(|r| (r.tier, r.position, r.media.title.as_str())).collect();
    assert_eq!(rows, [(Tier::S, 1, "Film number 1"), (Tier::B, 1, "Film number 2"), (Tier::B, 2, "Film number 0")]);
    assert_eq!(export.comparisons.len(), 1);
    assert_eq!(export.comparisons[0].winner.title, "Film number 1");
    assert_eq!(export.comparisons[0].created_at, at);
    let bob = user(s, "bob").await;
    assert!(s.imports.export(bob.id).await.unwrap().rankings.is_empty());
}

/// The export carries the top 4 and the services; importing it into another account restores the list (tiers,
/// order, stars), the comparisons, the top 4 in order and the services, and importing it again changes nothing.
pub async fn an_export_reimports_with_tiers_order_top4_and_services(s: &Stores) {
    let ada = user(s, "ada").await;
    let films = movies(s, 6).await;
    for (film, tier) in films.iter().zip([Tier::S, Tier::S, Tier::A, Tier::D, Tier::S]) {
        place(s, ada.id, film, tier, Anchor::Bottom).await;
    }
    place(s, ada.id, &films[5], Tier::D, Anchor::Top).await;
    let four: Vec<uuid::Uuid> = [3, 0, 5, 1].iter().map(|&i| films[i].id.0).collect();
    s.matchups.put_top4(ada.id, &Top4::new(&four).unwrap()).await.unwrap();
    let services = UserServices::new("GB", vec!["Netflix".into(), "BBC iPlayer".into()]).unwrap();
    s.availability.set_services(ada.id, &services).await.unwrap();
    let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
    let answer = ComparisonEntry {
        winner: keys_of(&fields(MediaKind::Movie, "Film number 4", 2000, &[])),
        loser: keys_of(&fields(MediaKind::Movie, "Film number 0", 2000, &[])),
        tie: false,
        context: "placement".into(),
        created_at: at,
    };
    s.imports
        .import_list(ada.id, ImportSource::Marquee, &[], &[answer], &none(), CatalogQuota::default())
        .await
        .unwrap();

    let export = s.imports.export(ada.id).await.unwrap();
    let top4: Vec<&str> = export.top4.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(top4, ["Film number 3", "Film number 0", "Film number 5", "Film number 1"]);
    let exported = export.services.clone().unwrap();
    assert_eq!(exported, ExportedServices { region: "GB".into(), services: services.services.clone() });

    // Through the JSON document and back, as the HTTP routes do.
    let doc = ExportDocument::new(export.clone(), at);
    let parsed = marquee_domain::imports::export::parse(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let bob = user(s, "bob").await;
    let import = || {
        let (entries, comparisons, extras) = (&parsed.entries, &parsed.comparisons, &parsed.extras);
        s.imports.import_list(bob.id, ImportSource::Marquee, entries, comparisons, extras, CatalogQuota::default())
    };
    let out = import().await.unwrap();
    assert!((out.top4_set, out.services_set) == (true, true), "{out:?}");
    assert_eq!(out.comparisons_added, 1);
    assert_eq!(titles(s, bob.id).await, titles(s, ada.id).await, "same tiers, same order");
    assert_consistent(s, bob.id).await;
    let bobs = s.imports.export(bob.id).await.unwrap();
    assert_eq!(
        bobs.rankings.iter().map(|r| (r.tier, r.position, r.stars)).collect::<Vec<_>>(),
        export.rankings.iter().map(|r| (r.tier, r.position, r.stars)).collect::<Vec<_>>()
    );
    assert_eq!(bobs.top4, export.top4);
    assert_eq!(bobs.services, export.services);
    assert_eq!(bobs.comparisons.len(), 1);
    let set = s.matchups.top4(bob.id).await.unwrap().unwrap();

    let again = import().await.unwrap();
    assert!(again.entries.iter().all(|e| e.placement == Placement::AlreadyRanked));
    assert_eq!(again.comparisons_added, 0);
    assert_eq!(s.imports.export(bob.id).await.unwrap().rankings, bobs.rankings, "a second import changes nothing");
    assert_eq!(s.matchups.top4(bob.id).await.unwrap().unwrap().id, set.id, "the same four titles keep their set");
}

fn movielens_item(id: i64, title: &str, tmdb: Option<i64>, imdb: Option<&str>) -> MediaFields {
    MediaFields::new(MediaInput {
        kind: "movie".into(),
        title: title.into(),
        year: Some(1995),
        genres: vec!["Comedy".into()],
        tmdb_id: tmdb,
        imdb_id: imdb.map(str::to_owned),
        attributes: Some(serde_json::json!({ "movielens_id": id })),
        ..MediaInput::default()
    })
    .unwrap()
}

/// Upserts insert new items, add facts to existing ones without touching their titles, find items without a
/// TMDb id by their source id, and change nothing when run again.
pub async fn a_bulk_catalog_upsert_adds_facts_and_is_idempotent(s: &Stores) {
    let mut mine = fields(MediaKind::Movie, "Toy Story (my title)", 1995, &["Animation"]);
    mine.tmdb_id = Some(862);
    let mine = s.media.create(mine, None).await.unwrap();
    let items = vec![
        movielens_item(1, "Toy Story", Some(862), Some("tt0114709")),
        movielens_item(2, "Jumanji", Some(8844), None),
        movielens_item(9, "Hyena Road", None, None),
    ];
    let first = s.bulk.upsert_catalog(&items, "movielens_id").await.unwrap();
    assert_eq!((first.inserted, first.updated), (2, 1));
    assert_eq!(first.ids[0], mine.id);
    let toy = s.media.get(mine.id).await.unwrap().unwrap();
    assert_eq!(toy.title, "Toy Story (my title)", "an existing title is kept");
    assert_eq!(toy.imdb_id.as_deref(), Some("tt0114709"), "a missing IMDb id is added");
    assert_eq!(toy.attributes["movielens_id"], 1);
    let again = s.bulk.upsert_catalog(&items, "movielens_id").await.unwrap();
    assert_eq!((again.inserted, again.updated), (0, 0));
    assert_eq!(again.ids, first.ids);
    assert_eq!(
        s.media.get(mine.id).await.unwrap().unwrap().updated_at,
        toy.updated_at,
        "an unchanged item is not written"
    );
    assert_eq!(s.media.count().await.unwrap(), 3);
}

/// Accounts are created once; lists are written whole, in key order, and a list that exists is left alone.
pub async fn bulk_lists_are_written_once(s: &Stores) {
    let accounts: Vec<NewUser> = (1..=2)
        .map(|n| NewUser {
            email: Email::parse(&format!("movielens-{n}@import.invalid")).unwrap(),
            display_name: DisplayName::parse(&format!("MovieLens user {n}")).unwrap(),
            password_hash: PasswordHash("!no-login".into()),
        })
        .collect();
    let ids = s.bulk.ensure_accounts(&accounts).await.unwrap();
    assert_eq!(s.bulk.ensure_accounts(&accounts).await.unwrap(), ids);
    let films = movies(s, 3).await;
    let keys = spread(2);
    let list = vec![
        BulkRanking { media: films[2].id, tier: Tier::A, key: keys[0].clone(), stars: Some(Stars::new(4).unwrap()) },
        BulkRanking { media: films[0].id, tier: Tier::A, key: keys[1].clone(), stars: None },
        BulkRanking { media: films[1].id, tier: Tier::D, key: spread(1)[0].clone(), stars: None },
    ];
    let lists = vec![(ids[0], list.clone()), (ids[1], list[..1].to_vec())];
    assert_eq!(s.bulk.write_lists(&lists).await.unwrap(), 4);
    assert_eq!(s.bulk.write_lists(&lists).await.unwrap(), 0, "a re-run changes nothing");
    assert_eq!(
        titles(s, ids[0]).await,
        [t(Tier::A, "Film number 2"), t(Tier::A, "Film number 0"), t(Tier::D, "Film number 1")]
    );
    assert_consistent(s, ids[0]).await;
    assert_eq!(titles(s, ids[1]).await, [t(Tier::A, "Film number 2")]);
}
