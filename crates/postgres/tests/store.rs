//! Behaviour particular to `PgStore`: rebalances, locking, the statement timeout, SQL-side filters and errors.
//! The behaviour every store shares is in the contract suite (`contract.rs`).

use std::sync::Arc;
use std::time::Duration;

use diesel_async::RunQueryDsl;
use marquee_domain::account::{CreateUserError, UserRepository};
use marquee_domain::catalog::{MediaRepository, MediaWriteError};
use marquee_domain::health::HealthCheck;
use marquee_domain::media::{MediaFields, MediaId, MediaInput, MediaKind, SearchQuery};
use marquee_domain::page::PageRequest;
use marquee_domain::rank::MAX_KEY_LEN;
use marquee_domain::ranking::{
    Anchor, MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RankingRepository,
};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, UserId};
use marquee_postgres::testing::TestDb;
use marquee_postgres::{PgConfig, PgStore, build_pool};

async fn user(store: &PgStore, email: &str) -> UserId {
    let new = NewUser {
        email: Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        display_name: DisplayName::parse("Tester").unwrap_or_else(|e| panic!("{e}")),
        password_hash: PasswordHash("$2b$04$not-a-real-hash".into()),
    };
    UserRepository::create(store, new).await.unwrap_or_else(|e| panic!("{e}")).id
}

fn fields(kind: &str, title: &str, genres: &[&str]) -> MediaFields {
    MediaFields::new(MediaInput {
        kind: kind.into(),
        title: title.into(),
        genres: genres.iter().map(|g| (*g).to_owned()).collect(),
        ..MediaInput::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn media(store: &PgStore, title: &str) -> MediaId {
    MediaRepository::create(store, fields("movie", title, &["Drama"]), None).await.unwrap_or_else(|e| panic!("{e}")).id
}

async fn place(store: &PgStore, user: UserId, media: MediaId, tier: Tier, anchor: Anchor) -> RankedTitle {
    store
        .place(user, &PlaceCommand { media_id: media, tier, anchor, stars: None })
        .await
        .unwrap_or_else(|e| panic!("placing failed: {e}"))
}

async fn tier_list(store: &PgStore, user: UserId, tier: Tier) -> Vec<RankedTitle> {
    let filter = RankingFilter {
        tier: Some(tier),
        page: PageRequest::new(Some(100), Some(0)).unwrap_or_default(),
        ..Default::default()
    };
    let mut all = Vec::new();
    loop {
        let page_filter = RankingFilter {
            page: PageRequest::new(Some(100), Some(all.len() as i64)).unwrap_or_else(|e| panic!("{e:?}")),
            ..filter.clone()
        };
        let page = store.list(user, &page_filter).await.unwrap_or_else(|e| panic!("{e}"));
        let done = page.items.len() < 100;
        all.extend(page.items);
        if done {
            return all;
        }
    }
}

/// Keys strictly increase down the list, none is oversized, and positions count 1, 2, 3, ….
fn assert_consistent(list: &[RankedTitle]) {
    for (i, t) in list.iter().enumerate() {
        assert_eq!(t.position, i as u64 + 1);
        assert_eq!(t.tier_size, list.len() as u64);
        assert!(t.rank_key.len() <= MAX_KEY_LEN, "{}-byte key {}", t.rank_key.len(), t.rank_key);
    }
    assert!(list.windows(2).all(|w| w[0].rank_key < w[1].rank_key), "keys increase down the list");
}

#[tokio::test]
async fn inserting_below_one_title_300_times_rebalances_and_keeps_the_order() {
    let db = TestDb::new().await;
    let store = db.store();
    let ada = user(&store, "ada@example.com").await;
    let top = place(&store, ada, media(&store, "Anchor").await, Tier::S, Anchor::Bottom).await;
    let original_key = top.rank_key.clone();
    let tail = place(&store, ada, media(&store, "Tail").await, Tier::S, Anchor::Bottom).await;
    // Each new title goes directly below `top`: the newest sits right under it, the oldest right above `tail`.
    let mut expected = vec![tail.id];
    for i in 0..300 {
        let t = place(&store, ada, media(&store, &format!("Title {i}")).await, Tier::S, Anchor::After(top.id)).await;
        assert_eq!(t.position, 2, "title {i} lands right below the anchor");
        expected.insert(0, t.id);
    }
    expected.insert(0, top.id);
    let list = tier_list(&store, ada, Tier::S).await;
    assert_consistent(&list);
    assert_eq!(list.iter().map(|t| t.id).collect::<Vec<_>>(), expected);
    assert_ne!(list[0].rank_key, original_key, "the anchor's key changed, so the tier was rebalanced");

    // The same from below: always directly above `tail`.
    for i in 0..300 {
        let t = place(&store, ada, media(&store, &format!("Upper {i}")).await, Tier::S, Anchor::Before(tail.id)).await;
        assert_eq!(t.position, t.tier_size - 1, "upper {i} lands right above the tail");
    }
    assert_consistent(&tier_list(&store, ada, Tier::S).await);
}

#[tokio::test]
async fn moving_titles_into_one_gap_over_and_over_rebalances_the_target_tier() {
    let db = TestDb::new().await;
    let store = db.store();
    let ada = user(&store, "ada@example.com").await;
    let mut b_tier = Vec::new();
    for i in 0..320 {
        b_tier.push(place(&store, ada, media(&store, &format!("B {i}")).await, Tier::B, Anchor::Bottom).await.id);
    }
    let first = place(&store, ada, media(&store, "A first").await, Tier::A, Anchor::Bottom).await;
    let (first, first_key) = (first.id, first.rank_key);
    let last = place(&store, ada, media(&store, "A last").await, Tier::A, Anchor::Bottom).await.id;
    // Every B title moves between the two A titles, each time right above `last`: the gap halves every move.
    for (i, id) in b_tier.iter().enumerate() {
        let moved = store
            .relocate(ada, *id, &MoveCommand::new(None, Anchor::Before(last)).unwrap_or_else(|e| panic!("{e}")))
            .await
            .unwrap_or_else(|e| panic!("move {i}: {e}"));
        assert_eq!(moved.tier, Tier::A);
        assert_eq!(moved.position, i as u64 + 2);
    }
    let list = tier_list(&store, ada, Tier::A).await;
    assert_consistent(&list);
    let mut expected = vec![first];
    expected.extend(&b_tier);
    expected.push(last);
    assert_eq!(list.iter().map(|t| t.id).collect::<Vec<_>>(), expected);
    assert_ne!(list[0].rank_key, first_key, "the tier was rebalanced");
    assert!(tier_list(&store, ada, Tier::B).await.is_empty());
}

#[tokio::test]
async fn moving_titles_inside_their_own_tier_into_one_gap_rebalances_around_them() {
    let db = TestDb::new().await;
    let store = db.store();
    let ada = user(&store, "ada@example.com").await;
    let first = place(&store, ada, media(&store, "First").await, Tier::C, Anchor::Bottom).await;
    let last = place(&store, ada, media(&store, "Last").await, Tier::C, Anchor::Bottom).await;
    let mut below = Vec::new();
    for i in 0..320 {
        below.push(place(&store, ada, media(&store, &format!("C {i}")).await, Tier::C, Anchor::Bottom).await.id);
    }
    // Each title climbs from below `last` to directly above it, so the moving row's own key is in the tier.
    for (i, id) in below.iter().enumerate() {
        let moved = store
            .relocate(
                ada,
                *id,
                &MoveCommand::new(Some(Tier::C), Anchor::Before(last.id)).unwrap_or_else(|e| panic!("{e}")),
            )
            .await
            .unwrap_or_else(|e| panic!("move {i}: {e}"));
        assert_eq!(moved.position, i as u64 + 2);
    }
    let list = tier_list(&store, ada, Tier::C).await;
    assert_consistent(&list);
    let mut expected = vec![first.id];
    expected.extend(&below);
    expected.push(last.id);
    assert_eq!(list.iter().map(|t| t.id).collect::<Vec<_>>(), expected);
    assert_ne!(list[0].rank_key, first.rank_key, "the tier was rebalanced");
}

#[tokio::test]
async fn concurrent_writes_to_one_list_serialise() {
    let db = TestDb::new().await;
    let store = db.store();
    let ada = user(&store, "ada@example.com").await;
    let mut titles = Vec::new();
    for i in 0..24 {
        titles.push(media(&store, &format!("Title {i}")).await);
    }
    let first = place(&store, ada, titles[0], Tier::A, Anchor::Bottom).await.id;
    let store = Arc::new(store);
    let tasks: Vec<_> = titles[1..]
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let store = Arc::clone(&store);
            // Half of them race for the same spot, the others for the bottom.
            let anchor = if i % 2 == 0 { Anchor::After(first) } else { Anchor::Bottom };
            tokio::spawn(async move {
                store.place(ada, &PlaceCommand { media_id: m, tier: Tier::A, anchor, stars: None }).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|e| panic!("a concurrent place failed: {e}"));
    }
    let list = tier_list(&store, ada, Tier::A).await;
    assert_eq!(list.len(), 24);
    assert_consistent(&list);
}

#[derive(diesel::QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    statement_timeout: String,
}

#[tokio::test]
async fn the_statement_timeout_is_set_on_every_connection() {
    let db = TestDb::new().await;
    let config =
        PgConfig { max_connections: 2, statement_timeout: Duration::from_millis(250), ..PgConfig::new(db.url()) };
    let pool = build_pool(&config).unwrap_or_else(|e| panic!("{e}"));
    let mut conn = pool.get().await.unwrap_or_else(|e| panic!("{e}"));
    let setting: Setting =
        diesel::sql_query("SHOW statement_timeout").get_result(&mut conn).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(setting.statement_timeout, "250ms");
    let err = diesel::sql_query("SELECT pg_sleep(2)").execute(&mut conn).await.unwrap_err();
    assert!(err.to_string().contains("statement timeout"), "{err}");
    assert!(!format!("{config:?}").contains(db.url()), "the URL is a secret");
}

#[tokio::test]
async fn store_errors_never_show_the_url_and_health_fails_without_a_server() {
    let config = PgConfig {
        max_connections: 1,
        acquire_timeout: Duration::from_secs(2),
        ..PgConfig::new("postgres://marquee:s3cret-pw@127.0.0.1:1/marquee")
    };
    let store = PgStore::new(build_pool(&config).unwrap_or_else(|e| panic!("{e}")));
    let err = store.ready().await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("s3cret-pw") && !text.contains("127.0.0.1:1"), "{text}");

    let db = TestDb::new().await;
    db.store().ready().await.unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn conflicts_become_the_domain_errors() {
    let db = TestDb::new().await;
    let store = db.store();
    let ada = user(&store, "ada@example.com").await;
    let again = NewUser {
        email: Email::parse("ADA@example.com").unwrap_or_else(|e| panic!("{e}")),
        display_name: DisplayName::parse("Ada").unwrap_or_else(|e| panic!("{e}")),
        password_hash: PasswordHash("x".into()),
    };
    assert!(matches!(UserRepository::create(&store, again).await, Err(CreateUserError::EmailTaken)));

    let mut dune = fields("movie", "Dune", &[]);
    dune.tmdb_id = Some(438_631);
    MediaRepository::create(&store, dune.clone(), Some(ada)).await.unwrap_or_else(|e| panic!("{e}"));
    let err = MediaRepository::create(&store, dune.clone(), None).await.unwrap_err();
    assert!(matches!(err, MediaWriteError::DuplicateTmdbId { ref kind, tmdb_id: 438_631 } if kind == "movie"), "{err}");
    dune.kind = MediaKind::Show;
    let show = MediaRepository::create(&store, dune, None).await.unwrap_or_else(|e| panic!("same id, other kind: {e}"));
    let mut edit = fields("show", "Dune: Prophecy", &[]);
    edit.tmdb_id = Some(438_631);
    edit.original_title = None;
    assert_eq!(
        MediaRepository::update(&store, show.id, edit).await.unwrap_or_else(|e| panic!("{e}")).title,
        "Dune: Prophecy"
    );

    let m = media(&store, "Arrival").await;
    let placed = place(&store, ada, m, Tier::B, Anchor::Bottom).await;
    let err = store.place(ada, &PlaceCommand { media_id: m, tier: Tier::A, anchor: Anchor::Top, stars: None }).await;
    assert!(matches!(err, Err(RankingError::AlreadyRanked(id)) if id == placed.id));
    let ghost = MediaId(uuid::Uuid::now_v7());
    let err = store.rate(ada, ghost, Stars::new(4).unwrap_or_else(|e| panic!("{e}"))).await;
    assert!(matches!(err, Err(RankingError::UnknownMedia(id)) if id == ghost));
    let err = store
        .relocate(
            ada,
            RankingId(uuid::Uuid::now_v7()),
            &MoveCommand::new(Some(Tier::S), Anchor::Top).unwrap_or_else(|e| panic!("{e}")),
        )
        .await;
    assert!(matches!(err, Err(RankingError::NotFound)));
}

#[tokio::test]
async fn kind_and_genre_filters_keep_positions_over_the_whole_tier() {
    let db = TestDb::new().await;
    let store = db.store();
    let ada = user(&store, "ada@example.com").await;
    let items =
        [("movie", "One", "Drama"), ("book", "Two", "Sci-Fi"), ("movie", "Three", "sci-fi"), ("play", "Four", "Drama")];
    for (kind, title, genre) in items {
        let m = MediaRepository::create(&store, fields(kind, title, &[genre]), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        place(&store, ada, m.id, Tier::A, Anchor::Bottom).await;
    }
    let page = |offset| PageRequest::new(Some(1), Some(offset)).unwrap_or_else(|e| panic!("{e:?}"));
    let movies = store
        .list(ada, &RankingFilter { kind: Some(MediaKind::Movie), page: page(1), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(movies.total, 2);
    assert_eq!(movies.items.len(), 1);
    assert_eq!(
        (movies.items[0].media.title.as_str(), movies.items[0].position, movies.items[0].tier_size),
        ("Three", 3, 4)
    );
    let scifi = store
        .list(ada, &RankingFilter { genre: Some("SCI-FI".into()), page: page(0), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scifi.total, 2);
    assert_eq!(scifi.items[0].position, 2);

    // Past the end, the total still counts the list.
    let beyond = store
        .list(ada, &RankingFilter { tier: Some(Tier::A), page: page(10), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 4);
}

#[tokio::test]
async fn search_uses_trigrams_substrings_and_literal_wildcards() {
    let db = TestDb::new().await;
    let store = db.store();
    for (kind, title) in
        [("movie", "The Godfather"), ("movie", "Godfather Part II"), ("book", "100% Pure"), ("movie", "Alien")]
    {
        MediaRepository::create(&store, fields(kind, title, &[]), None).await.unwrap_or_else(|e| panic!("{e}"));
    }
    let search = |text: &str, kind: Option<&str>, offset: i64| {
        SearchQuery::new(text, kind, PageRequest::new(Some(10), Some(offset)).unwrap_or_else(|e| panic!("{e:?}")))
            .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let hits = store.search(&search("godfathr", None, 0)).await.unwrap_or_else(|e| panic!("{e}"));
    let titles: Vec<&str> = hits.items.iter().map(|h| h.item.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"The Godfather"));

    let exact = store.search(&search("the godfather", None, 0)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(exact.items[0].item.title, "The Godfather", "an exact title wins");

    let percent = store.search(&search("0%", None, 0)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(percent.items.iter().map(|h| h.item.title.as_str()).collect::<Vec<_>>(), ["100% Pure"]);
    let underscore = store.search(&search("_", None, 0)).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(underscore.items.is_empty(), "`_` is no wildcard");

    let books = store.search(&search("godfather", Some("book"), 0)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(books.total, 0);
    let beyond = store.search(&search("godfather", None, 5)).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 2);
}

#[tokio::test]
async fn merging_moves_rankings_and_drops_the_doubles() {
    let db = TestDb::new().await;
    let store = db.store();
    let (ada, bob) = (user(&store, "ada@example.com").await, user(&store, "bob@example.com").await);
    let keep = media(&store, "Solaris").await;
    let dup = media(&store, "Solaris (1972)").await;
    place(&store, ada, keep, Tier::S, Anchor::Bottom).await;
    place(&store, ada, dup, Tier::A, Anchor::Bottom).await;
    let bobs = place(&store, bob, dup, Tier::B, Anchor::Bottom).await;
    let report = store.merge(keep, dup).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.rankings_moved, report.rankings_dropped), (1, 1));
    assert!(MediaRepository::get(&store, dup).await.unwrap_or_else(|e| panic!("{e}")).is_none());
    let moved = RankingRepository::get(&store, bob, bobs.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(moved.map(|t| t.media.id), Some(keep));
    assert!(matches!(store.merge(keep, dup).await, Err(MediaWriteError::NotFound)));
}

async fn whole_list(store: &PgStore, user: UserId) -> Vec<(String, Tier, u64)> {
    let page = store.list(user, &RankingFilter::default()).await.unwrap_or_else(|e| panic!("{e}"));
    page.items.into_iter().map(|t| (t.media.title, t.tier, t.position)).collect()
}

#[tokio::test]
async fn cached_list_pages_see_every_write_made_through_any_instance() {
    let db = TestDb::new().await;
    // Two stores over one database stand for two instances of the service, each with its own page cache.
    let (one, two) = (db.store(), db.store());
    let ada = user(&one, "ada@example.com").await;
    let (x, y) = (media(&one, "X").await, media(&one, "Y").await);
    let x_id = place(&one, ada, x, Tier::A, Anchor::Bottom).await.id;
    let expected = vec![("X".to_owned(), Tier::A, 1)];
    assert_eq!(whole_list(&one, ada).await, expected);
    assert_eq!(whole_list(&one, ada).await, expected, "served from the cache");

    let y_id = place(&two, ada, y, Tier::A, Anchor::Bottom).await.id;
    assert_eq!(whole_list(&one, ada).await, [("X".into(), Tier::A, 1), ("Y".into(), Tier::A, 2)], "a place elsewhere");

    two.relocate(ada, y_id, &MoveCommand { tier: None, anchor: Anchor::Before(x_id) })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(whole_list(&one, ada).await, [("Y".into(), Tier::A, 1), ("X".into(), Tier::A, 2)], "a move elsewhere");

    MediaRepository::update(&two, x, fields("movie", "X, renamed", &["Drama"])).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        whole_list(&one, ada).await,
        [("Y".into(), Tier::A, 1), ("X, renamed".into(), Tier::A, 2)],
        "a catalog edit elsewhere"
    );

    assert!(two.remove(ada, y_id).await.unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(whole_list(&one, ada).await, [("X, renamed".into(), Tier::A, 1)], "a removal elsewhere");

    let bob = user(&one, "bob@example.com").await;
    assert!(whole_list(&one, bob).await.is_empty(), "lists are cached per user");
}

async fn list_version(db: &TestDb, user: UserId) -> i64 {
    let mut conn = db.pool().get().await.unwrap_or_else(|e| panic!("{e}"));
    marquee_postgres::testing::scalar(
        &mut conn,
        &format!("SELECT list_version AS value FROM users WHERE id = '{}'", user.0),
    )
    .await
}

/// Answers that only ask again take the fast path: they leave the list's version (and so every cached page) alone.
/// Sessions placing into one tier while other writes change it, all at once, still leave one consistent list with
/// every title once and one comparison per answer.
#[tokio::test]
async fn placement_answers_race_list_writes_and_keep_the_list_consistent() {
    use marquee_domain::placement::{Action, PlacementRepository, PlacementStep, Preference, StartPlacement};
    let db = TestDb::new().await;
    let store = Arc::new(db.store());
    let ada = user(&store, "ada@example.com").await;
    for i in 0..15 {
        let title = media(&store, &format!("Ranked {i}")).await;
        place(&store, ada, title, Tier::B, Anchor::Bottom).await;
    }
    let now = chrono::Utc::now;
    let ttl = marquee_domain::placement::DEFAULT_TTL;
    let first = media(&store, "First").await;
    let start = StartPlacement { media_id: first, tier: Tier::B, stars: None };
    let step = store.start(ada, &start, now(), ttl).await.unwrap_or_else(|e| panic!("{e}"));
    let PlacementStep::Comparing { session, .. } = step else { panic!("expected a question") };
    let before = list_version(&db, ada).await;
    let step = store.act(ada, session, Action::Answer(Preference::New), now(), ttl).await;
    assert!(matches!(step, Ok(PlacementStep::Comparing { answered: 1, .. })), "{step:?}");
    assert_eq!(list_version(&db, ada).await, before, "an answer that asks again does not lock the list");

    let mut tasks = Vec::new();
    for i in 0..8 {
        let (sessions, title) = (Arc::clone(&store), media(&store, &format!("New {i}")).await);
        tasks.push(tokio::spawn(async move {
            let start = StartPlacement { media_id: title, tier: Tier::B, stars: None };
            let mut step = sessions.start(ada, &start, now(), ttl).await?;
            let mut answers = 0_u64;
            while let PlacementStep::Comparing { session, .. } = step {
                let prefer = if (i + answers).is_multiple_of(2) { Preference::New } else { Preference::Existing };
                step = sessions.act(ada, session, Action::Answer(prefer), now(), ttl).await?;
                answers += 1;
            }
            Ok::<_, marquee_domain::placement::PlacementError>(answers)
        }));
        let (lists, title) = (Arc::clone(&store), media(&store, &format!("Direct {i}")).await);
        tasks.push(tokio::spawn(async move {
            let command = PlaceCommand { media_id: title, tier: Tier::B, anchor: Anchor::Top, stars: None };
            lists.place(ada, &command).await.map_err(marquee_domain::placement::PlacementError::Ranking)?;
            Ok(0)
        }));
    }
    let mut answers = 1;
    for task in tasks {
        answers += task.await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|e| panic!("a write failed: {e}"));
    }
    let list = tier_list(&store, ada, Tier::B).await;
    assert_eq!(list.len(), 15 + 16, "every title placed once");
    assert_consistent(&list);
    let history = store.comparisons(ada, PageRequest::new(Some(100), None).unwrap_or_default()).await;
    assert_eq!(history.unwrap_or_else(|e| panic!("{e}")).total, answers, "one comparison per answer");
}

/// Each store keeps the sessions it answered (so their next answer skips the probe); a copy made stale by an answer
/// through another instance, an undo, or a list write must never be written over. A session answered through two
/// instances in turn, undone through one and raced by a removal, still ends where an oracle puts the title, with
/// one comparison per answer that stands.
#[tokio::test]
async fn placement_sessions_answered_through_two_instances_never_act_on_a_stale_copy() {
    use marquee_domain::placement::{Action, PlacementRepository, PlacementStep, Preference, StartPlacement};
    let db = TestDb::new().await;
    let (one, two) = (db.store(), db.store());
    let ada = user(&one, "ada@example.com").await;
    let mut ranked = Vec::new();
    for i in 0..31 {
        let title = media(&one, &format!("Ranked {i:02}")).await;
        ranked.push(place(&one, ada, title, Tier::B, Anchor::Bottom).await.id);
    }
    // The oracle: the new title is worse than "Ranked 00" to "Ranked 20", better than the rest.
    let oracle = |title: &str| {
        let i: usize = title.trim_start_matches("Ranked ").parse().unwrap_or_else(|e| panic!("{title}: {e}"));
        if i <= 20 { Preference::Existing } else { Preference::New }
    };
    let (now, ttl) = (chrono::Utc::now, marquee_domain::placement::DEFAULT_TTL);
    let new = media(&one, "New").await;
    let start = StartPlacement { media_id: new, tier: Tier::B, stars: None };
    let mut step = one.start(ada, &start, now(), ttl).await.unwrap_or_else(|e| panic!("{e}"));
    let known = |store: &PgStore| format!("{store:?}").contains("SessionCache { capacity: 4096, cached: 1,");
    assert!(known(&one), "a start that asks keeps the session, so its first answer skips the probe too");
    let (mut answers, mut turn, mut by_two) = (0_u64, 0, false);
    let mut session_id = None;
    while let PlacementStep::Comparing { session, against, .. } = step {
        turn += 1;
        session_id = Some(session);
        by_two = turn % 3 == 2;
        let store = if by_two { &two } else { &one };
        step =
            store.act(ada, session, Action::Answer(oracle(&against.1.title)), now(), ttl).await.unwrap_or_else(|e| {
                panic!("answer {answers}: {e}");
            });
        answers += 1;
        if matches!(step, PlacementStep::Comparing { .. }) {
            assert!(known(store), "an answer that asks again keeps the session: {store:?}");
        }
        match turn {
            // Taken back through the other instance: `one` still holds the state before the undo.
            2 => {
                step = two.act(ada, session, Action::Undo, now(), ttl).await.unwrap_or_else(|e| panic!("undo: {e}"));
                answers -= 1;
                assert!(!known(&two), "an undo forgets the session");
            }
            // A title removed through the other instance: `one`'s copy of the tier is stale.
            3 => assert!(two.remove(ada, ranked[30]).await.unwrap_or_else(|e| panic!("{e}"))),
            _ => {}
        }
    }
    let PlacementStep::Placed { ranking, .. } = step else { panic!("expected a placement, got {step:?}") };
    let list = tier_list(&one, ada, Tier::B).await;
    assert_consistent(&list);
    let titles: Vec<&str> = list.iter().map(|t| t.media.title.as_str()).collect();
    assert_eq!(titles.len(), 31, "30 left and the new one, once");
    assert_eq!((titles[20], titles[21], titles[22]), ("Ranked 20", "New", "Ranked 21"), "{titles:?}");
    assert_eq!(ranking.position, 22);
    assert!(answers <= 5, "{answers} answers for a tier of 30 (at most ceil(log2 31) = 5)");
    let history = one.comparisons(ada, PageRequest::new(Some(100), None).unwrap_or_default()).await;
    assert_eq!(history.unwrap_or_else(|e| panic!("{e}")).total, answers, "one comparison per standing answer");
    let (last, other) = if by_two { (&two, &one) } else { (&one, &two) };
    assert!(!known(last), "the instance that placed the title keeps the session no more");
    // The other instance may still hold a copy from an earlier answer: answering on it finds the session finished.
    let session = session_id.unwrap_or_else(|| panic!("no question was asked"));
    let again = other.act(ada, session, Action::Answer(Preference::New), now(), ttl).await;
    assert!(matches!(again, Err(marquee_domain::placement::PlacementError::Finished)), "{again:?}");
    assert!(!known(other), "{other:?}");
    assert_eq!(tier_list(&one, ada, Tier::B).await.len(), 31, "and places nothing");
}
