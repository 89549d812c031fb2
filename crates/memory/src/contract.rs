//! The contract suite: the behaviour every implementation of the store ports must show.
//!
//! Each case is an async function over [`Stores`]. An adapter crate runs them all with
//! [`store_contract_tests!`](crate::store_contract_tests), giving a factory that makes fresh, empty stores:
//!
//! ```ignore
//! async fn make() -> (Stores, Guard) { … }
//! marquee_memory::store_contract_tests!(make);
//! ```
//!
//! Cases panic on failure, like any test.

#![allow(
    clippy::missing_panics_doc,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_cmp,
    clippy::many_single_char_names
)]

use std::collections::HashSet;
use std::sync::Arc;

use crate::MemoryStore;
use futures::future::{BoxFuture, join_all};
use marquee_domain::account::{CreateUserError, UserRepository};
use marquee_domain::availability::AvailabilityStore;
use marquee_domain::catalog::{CatalogQuota, MediaRepository, MediaWriteError};
use marquee_domain::consensus::ChartRepository;
use marquee_domain::feed::ActivityRepository;
use marquee_domain::identity::IdentityRepository;
use marquee_domain::imports::{CatalogBulkWriter, ImportRepository};
use marquee_domain::leaderboard::LeaderboardRepository;
use marquee_domain::matchup::MatchupRepository;
use marquee_domain::media::{MediaFields, MediaId, MediaInput, MediaItem, MediaKind, SearchQuery};
use marquee_domain::page::PageRequest;
use marquee_domain::placement::PlacementRepository;
use marquee_domain::rank::MAX_KEY_LEN;
use marquee_domain::ranking::{
    Anchor, MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RankingRepository,
    RateOutcome,
};
use marquee_domain::recommend::service::RecommendationRepository;
use marquee_domain::remote::CatalogUpsert;
use marquee_domain::semantic::{EmbeddingRepository, NewEmbedding};
use marquee_domain::session::SessionRepository;
use marquee_domain::social::SocialRepository;
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, User, UserId};

/// Records a comparison the way placement does (a test hook: no port writes one row alone).
pub type RecordComparison = Arc<dyn Fn(UserId, MediaId, MediaId, bool) -> BoxFuture<'static, ()> + Send + Sync>;

/// The ports every contract suite runs against, one field per port; all are usually the same store object
/// ([`Stores::of`]).
#[derive(Clone)]
pub struct Stores {
    /// Accounts.
    pub users: Arc<dyn UserRepository>,
    /// The catalog.
    pub media: Arc<dyn MediaRepository>,
    /// Tier lists.
    pub rankings: Arc<dyn RankingRepository>,
    /// Sentence embeddings.
    pub embeddings: Arc<dyn EmbeddingRepository>,
    /// Placement sessions and comparisons.
    pub placements: Arc<dyn PlacementRepository>,
    /// A user's list import and export.
    pub imports: Arc<dyn ImportRepository>,
    /// Catalog-sized imports.
    pub bulk: Arc<dyn CatalogBulkWriter>,
    /// Provider catalog upserts.
    pub upsert: Arc<dyn CatalogUpsert>,
    /// Streaming offers and a user's services.
    pub availability: Arc<dyn AvailabilityStore>,
    /// Visibility and follows.
    pub social: Arc<dyn SocialRepository>,
    /// Top-4 sets and votes.
    pub matchups: Arc<dyn MatchupRepository>,
    /// Consensus charts.
    pub charts: Arc<dyn ChartRepository>,
    /// The activity log.
    pub activities: Arc<dyn ActivityRepository>,
    /// The leaderboard's aggregates.
    pub leaderboard: Arc<dyn LeaderboardRepository>,
    /// Recommendation signals, models and snapshots.
    pub recs: Arc<dyn RecommendationRepository>,
    /// Sessions and refresh tokens.
    pub sessions: Arc<dyn SessionRepository>,
    /// External identities.
    pub identities: Arc<dyn IdentityRepository>,
    /// Writes a comparison row straight into the store; only the matchup suite needs it
    /// ([`Stores::with_record_comparison`]).
    pub record_comparison: Option<RecordComparison>,
}

impl Stores {
    /// Every port served by one store.
    pub fn of<S>(store: Arc<S>) -> Self
    where
        S: UserRepository
            + MediaRepository
            + RankingRepository
            + EmbeddingRepository
            + PlacementRepository
            + ImportRepository
            + CatalogBulkWriter
            + CatalogUpsert
            + AvailabilityStore
            + SocialRepository
            + MatchupRepository
            + ChartRepository
            + ActivityRepository
            + LeaderboardRepository
            + RecommendationRepository
            + SessionRepository
            + IdentityRepository
            + 'static,
    {
        Self {
            users: store.clone(),
            media: store.clone(),
            rankings: store.clone(),
            embeddings: store.clone(),
            placements: store.clone(),
            imports: store.clone(),
            bulk: store.clone(),
            upsert: store.clone(),
            availability: store.clone(),
            social: store.clone(),
            matchups: store.clone(),
            charts: store.clone(),
            activities: store.clone(),
            leaderboard: store.clone(),
            sessions: store.clone(),
            identities: store.clone(),
            recs: store,
            record_comparison: None,
        }
    }

    /// The same stores, recording comparisons with `record`.
    #[must_use]
    pub fn with_record_comparison(self, record: RecordComparison) -> Self {
        Self { record_comparison: Some(record), ..self }
    }

    /// Records a comparison through the hook.
    ///
    /// # Panics
    /// When the factory gave no hook: the suite that calls this needs one.
    pub async fn record_comparison(&self, user: UserId, winner: MediaId, loser: MediaId, tie: bool) {
        let record = self.record_comparison.as_ref().expect("this suite needs Stores::with_record_comparison");
        record(user, winner, loser, tie).await;
    }
}

/// Fresh, empty in-memory stores: the factory of every suite's run on [`MemoryStore`] but the matchup suite's,
/// which also records comparisons.
#[allow(clippy::unused_async, reason = "the contract macros await their factory")]
pub async fn memory() -> (Stores, Guard) {
    (Stores::of(Arc::new(MemoryStore::new())), Box::new(()))
}

impl std::fmt::Debug for Stores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stores").finish_non_exhaustive()
    }
}

/// Whatever must live as long as the stores (a test database, say).
pub type Guard = Box<dyn std::any::Any + Send>;

/// Expands to one `#[tokio::test]` per contract case, each on fresh stores from `$make`
/// (`async fn() -> (Stores, Guard)`). The calling crate needs tokio with `macros` and `rt-multi-thread`.
#[macro_export]
macro_rules! store_contract_tests {
    ($make:path) => {
        $crate::store_contract_tests!(@cases $make;
            users_are_created_and_found,
            an_email_address_is_taken_once,
            admin_rights_are_granted_and_revoked,
            passwords_and_profiles_change,
            media_items_are_created_read_and_updated,
            a_tmdb_id_is_unique_per_kind,
            the_daily_quota_counts_only_the_users_own_recent_entries,
            concurrent_creations_never_exceed_the_quota,
            search_finds_exact_substring_and_misspelt_titles,
            search_filters_by_kind_and_pages,
            merging_moves_and_drops_rankings,
            placing_defaults_to_the_bottom_and_scores_follow_positions,
            placing_relative_to_neighbours,
            placing_refuses_bad_input_and_writes_nothing,
            moving_inside_and_across_tiers,
            moving_refuses_bad_input_and_writes_nothing,
            lists_filter_and_page_but_count_the_whole_tier,
            removing_a_ranking,
            one_users_rankings_are_invisible_to_another,
            the_quick_rating_upserts,
            inserts_at_one_spot_rebalance_and_keep_order,
            concurrent_writes_to_one_list_keep_it_consistent,
            embeddings_are_stored_loaded_and_go_stale,
        );
    };
    (@cases $make:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let (stores, _guard) = $make().await;
                $crate::contract::$case(&stores).await;
            }
        )*
    };
}

// ----- fixtures -----

pub(crate) async fn user(s: &Stores, name: &str) -> User {
    account(&*s.users, name).await
}

/// Creates the account `name@example.com`, the fixture every suite starts from.
pub(crate) async fn account(users: &dyn UserRepository, name: &str) -> User {
    users
        .create(NewUser {
            email: Email::parse(&format!("{name}@example.com")).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            password_hash: PasswordHash(format!("hash-of-{name}")),
        })
        .await
        .unwrap()
}

pub(crate) fn fields(kind: MediaKind, title: &str, year: i64, genres: &[&str]) -> MediaFields {
    MediaFields::new(MediaInput {
        kind: kind.as_str().into(),
        title: title.into(),
        year: Some(year),
        genres: genres.iter().map(|g| (*g).to_owned()).collect(),
        ..MediaInput::default()
    })
    .unwrap()
}

pub(crate) async fn movie(s: &Stores, title: &str) -> MediaItem {
    s.media.create(fields(MediaKind::Movie, title, 2000, &["Drama"]), None).await.unwrap()
}

pub(crate) async fn movies(s: &Stores, n: usize) -> Vec<MediaItem> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(movie(s, &format!("Film number {i}")).await);
    }
    out
}

pub(crate) async fn place(s: &Stores, u: UserId, m: &MediaItem, tier: Tier, anchor: Anchor) -> RankedTitle {
    s.rankings.place(u, &PlaceCommand { media_id: m.id, tier, anchor, stars: None }).await.unwrap()
}

fn everything() -> RankingFilter {
    RankingFilter { page: PageRequest::new(Some(100), None).unwrap(), ..RankingFilter::default() }
}

pub(crate) async fn titles(s: &Stores, u: UserId) -> Vec<(Tier, String)> {
    let page = s.rankings.list(u, &everything()).await.unwrap();
    page.items.into_iter().map(|t| (t.tier, t.media.title)).collect()
}

pub(crate) fn t(tier: Tier, title: &str) -> (Tier, String) {
    (tier, title.to_owned())
}

/// Checks the invariants of a whole list: order by tier then key, distinct keys, positions 1..n per tier.
pub(crate) async fn assert_consistent(s: &Stores, u: UserId) -> Vec<RankedTitle> {
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let page = s
            .rankings
            .list(u, &RankingFilter { page: PageRequest::new(Some(100), Some(offset)).unwrap(), ..Default::default() })
            .await
            .unwrap();
        let n = page.items.len();
        all.extend(page.items);
        if n < 100 {
            break;
        }
        offset += 100;
    }
    for w in all.windows(2) {
        assert!((w[0].tier, &w[0].rank_key) < (w[1].tier, &w[1].rank_key), "list out of order or keys equal");
    }
    for tier in Tier::ALL {
        let in_tier: Vec<&RankedTitle> = all.iter().filter(|r| r.tier == tier).collect();
        for (i, r) in in_tier.iter().enumerate() {
            assert_eq!(r.position, i as u64 + 1, "positions are 1..n");
            assert_eq!(r.tier_size, in_tier.len() as u64);
            assert!(r.rank_key.len() <= MAX_KEY_LEN);
        }
    }
    let media: HashSet<_> = all.iter().map(|r| r.media.id).collect();
    assert_eq!(media.len(), all.len(), "a title appears once");
    all
}

// ----- accounts -----

/// A password hash is read and replaced; the address and the name change, one or both, and an address in use
/// elsewhere is refused without changing anything.
pub async fn passwords_and_profiles_change(s: &Stores) {
    let ada = user(s, "ada").await;
    let bob = user(s, "bob").await;
    assert_eq!(s.users.password_hash(ada.id).await.unwrap(), Some(PasswordHash("hash-of-ada".into())));
    assert!(s.users.set_password(ada.id, PasswordHash("new-hash".into())).await.unwrap());
    assert_eq!(s.users.password_hash(ada.id).await.unwrap(), Some(PasswordHash("new-hash".into())));
    let nobody = UserId(uuid::Uuid::now_v7());
    assert_eq!(s.users.password_hash(nobody).await.unwrap(), None);
    assert!(!s.users.set_password(nobody, PasswordHash("x".into())).await.unwrap());

    let name = DisplayName::parse("Ada L.").unwrap();
    let renamed = s.users.update_profile(ada.id, None, Some(&name)).await.unwrap().unwrap();
    assert_eq!((renamed.email.as_str(), renamed.display_name.as_str()), ("ada@example.com", "Ada L."));
    let email = Email::parse("ada@lovelace.example").unwrap();
    let moved = s.users.update_profile(ada.id, Some(&email), None).await.unwrap().unwrap();
    assert_eq!((moved.email.as_str(), moved.display_name.as_str()), ("ada@lovelace.example", "Ada L."));
    assert!(s.users.find_by_email(&email).await.unwrap().is_some());
    let taken = s.users.update_profile(ada.id, Some(&Email::parse(&bob.email).unwrap()), Some(&name)).await;
    assert!(matches!(taken, Err(CreateUserError::EmailTaken)));
    assert_eq!(s.users.get(ada.id).await.unwrap().unwrap().email, "ada@lovelace.example", "unchanged");
    assert!(s.users.update_profile(nobody, None, Some(&name)).await.unwrap().is_none());
}

/// An account can be found by id and by (normalised) address, with its hash.
pub async fn users_are_created_and_found(s: &Stores) {
    let ada = user(s, "ada").await;
    assert!(!ada.is_admin);
    assert_eq!(ada.email, "ada@example.com");
    let (found, hash) = s.users.find_by_email(&Email::parse("ADA@example.com").unwrap()).await.unwrap().unwrap();
    assert_eq!(found, ada);
    assert_eq!(hash, PasswordHash("hash-of-ada".into()));
    assert_eq!(s.users.get(ada.id).await.unwrap(), Some(ada));
    assert!(s.users.find_by_email(&Email::parse("nobody@example.com").unwrap()).await.unwrap().is_none());
    assert!(s.users.get(UserId(uuid::Uuid::now_v7())).await.unwrap().is_none());
}

/// A second account with the same address is refused.
pub async fn an_email_address_is_taken_once(s: &Stores) {
    user(s, "ada").await;
    let again = s
        .users
        .create(NewUser {
            email: Email::parse("ada@example.com").unwrap(),
            display_name: DisplayName::parse("Other Ada").unwrap(),
            password_hash: PasswordHash("x".into()),
        })
        .await;
    assert!(matches!(again, Err(CreateUserError::EmailTaken)));
}

/// Admin rights follow `set_admin`; an unknown address is `None`.
pub async fn admin_rights_are_granted_and_revoked(s: &Stores) {
    let ada = user(s, "ada").await;
    let email = Email::parse(&ada.email).unwrap();
    assert!(s.users.set_admin(&email, true).await.unwrap().unwrap().is_admin);
    assert!(s.users.get(ada.id).await.unwrap().unwrap().is_admin);
    assert!(!s.users.set_admin(&email, false).await.unwrap().unwrap().is_admin);
    assert!(s.users.set_admin(&Email::parse("x@example.com").unwrap(), true).await.unwrap().is_none());
}

// ----- catalog -----

/// Items round-trip every field; updates replace them; unknown ids are `NotFound`.
pub async fn media_items_are_created_read_and_updated(s: &Stores) {
    let ada = user(s, "ada").await;
    let input = MediaInput {
        kind: "play".into(),
        title: "Hamlet".into(),
        original_title: Some("The Tragedy of Hamlet, Prince of Denmark".into()),
        year: Some(1603),
        overview: Some("A prince of Denmark seeks revenge.".into()),
        genres: vec!["Tragedy".into()],
        attributes: Some(serde_json::json!({"author": "William Shakespeare"})),
        ..MediaInput::default()
    };
    let item = s.media.create(MediaFields::new(input).unwrap(), Some(ada.id)).await.unwrap();
    assert_eq!(item.created_by, Some(ada.id));
    assert_eq!(s.media.get(item.id).await.unwrap().as_ref(), Some(&item));
    assert_eq!(s.media.count().await.unwrap(), 1);

    let updated =
        s.media.update(item.id, fields(MediaKind::Play, "Hamlet", 1601, &["Tragedy", "Drama"])).await.unwrap();
    assert_eq!(updated.year, Some(1601));
    assert_eq!(updated.genres, vec!["Tragedy".to_owned(), "Drama".to_owned()]);
    assert_eq!(updated.original_title, None, "an update replaces every field");
    assert!(updated.updated_at >= item.updated_at);

    let missing = MediaId(uuid::Uuid::now_v7());
    assert!(s.media.get(missing).await.unwrap().is_none());
    assert!(matches!(
        s.media.update(missing, fields(MediaKind::Play, "X", 2000, &[])).await,
        Err(MediaWriteError::NotFound)
    ));
}

/// Two items of one kind cannot share a TMDb id; items of different kinds can.
pub async fn a_tmdb_id_is_unique_per_kind(s: &Stores) {
    let with_id = |kind: MediaKind, title: &str| {
        let mut f = fields(kind, title, 1999, &[]);
        f.tmdb_id = Some(550);
        f
    };
    let first = s.media.create(with_id(MediaKind::Movie, "Fight Club"), None).await.unwrap();
    let dup = s.media.create(with_id(MediaKind::Movie, "Fight Club again"), None).await;
    assert!(matches!(dup, Err(MediaWriteError::DuplicateTmdbId { tmdb_id: 550, .. })));
    s.media.create(with_id(MediaKind::Show, "A show with the same number"), None).await.unwrap();
    let other = movie(s, "Other").await;
    assert!(matches!(
        s.media.update(other.id, with_id(MediaKind::Movie, "Other")).await,
        Err(MediaWriteError::DuplicateTmdbId { .. })
    ));
    assert!(s.media.update(first.id, with_id(MediaKind::Movie, "Fight Club (1999)")).await.is_ok());
    assert_eq!(s.media.count().await.unwrap(), 3);
}

/// A user's creations within the quota succeed; the next is refused with a wait of about a day and writes
/// nothing; other users' entries and catalog data (no creator) do not count.
pub async fn the_daily_quota_counts_only_the_users_own_recent_entries(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let quota = CatalogQuota::per_day(2);
    let play = |title: &str| fields(MediaKind::Play, title, 1600, &[]);
    s.media.create(play("Catalog data"), None).await.unwrap();
    s.media.create_within_quota(play("Bob's"), bob.id, quota).await.unwrap();
    let first = s.media.create_within_quota(play("Hamlet"), ada.id, quota).await.unwrap();
    assert_eq!(first.created_by, Some(ada.id));
    s.media.create_within_quota(play("Macbeth"), ada.id, quota).await.unwrap();
    let refused = s.media.create_within_quota(play("Othello"), ada.id, quota).await;
    let Err(MediaWriteError::QuotaExceeded(q)) = refused else { panic!("expected the quota: {refused:?}") };
    assert_eq!(q.limit, 2);
    assert!((86_000..=86_400).contains(&q.retry_after_secs), "the oldest entry leaves in a day: {q:?}");
    assert_eq!(s.media.count().await.unwrap(), 4, "nothing written");
    s.media.create_within_quota(play("Bob's second"), bob.id, quota).await.unwrap();
    let none = s.media.create_within_quota(play("Any"), bob.id, CatalogQuota::per_day(0)).await;
    assert!(matches!(none, Err(MediaWriteError::QuotaExceeded(_))));
}

/// Sixteen creations by one user at once, with room for five: exactly five are written.
pub async fn concurrent_creations_never_exceed_the_quota(s: &Stores) {
    let ada = user(s, "ada").await;
    let quota = CatalogQuota::per_day(5);
    let attempts = (0..16).map(|i| {
        let media = s.media.clone();
        async move {
            let f = fields(MediaKind::Book, &format!("Book {i}"), 2000, &[]);
            tokio::spawn(async move { media.create_within_quota(f, ada.id, quota).await }).await.unwrap()
        }
    });
    let results = join_all(attempts).await;
    let created = results.iter().filter(|r| r.is_ok()).count();
    let refused = results.iter().filter(|r| matches!(r, Err(MediaWriteError::QuotaExceeded(_)))).count();
    assert_eq!((created, refused), (5, 11), "{results:?}");
    assert_eq!(s.media.count().await.unwrap(), 5);
}

async fn search(s: &Stores, q: &str, kind: Option<&str>, limit: i64, offset: i64) -> (Vec<String>, u64) {
    let query = SearchQuery::new(q, kind, PageRequest::new(Some(limit), Some(offset)).unwrap()).unwrap();
    let page = s.media.search(&query).await.unwrap();
    (page.items.into_iter().map(|h| h.item.title).collect(), page.total)
}

/// An exact title ranks first; substrings and misspellings still match; unrelated titles do not.
pub async fn search_finds_exact_substring_and_misspelt_titles(s: &Stores) {
    for title in ["The Godfather", "The Godfather Part II", "Alien", "Aliens", "Arrival", "Spirited Away"] {
        movie(s, title).await;
    }
    let mut amelie = fields(MediaKind::Movie, "Amelie", 2001, &[]);
    amelie.original_title = Some("Le Fabuleux Destin d'Amélie Poulain".into());
    s.media.create(amelie, None).await.unwrap();

    let (hits, _) = search(s, "alien", None, 10, 0).await;
    assert_eq!(hits.first().map(String::as_str), Some("Alien"), "exact match first: {hits:?}");
    assert!(hits.contains(&"Aliens".to_owned()));
    assert!(!hits.contains(&"Arrival".to_owned()));

    let (hits, _) = search(s, "godfathr", None, 10, 0).await;
    assert!(hits.contains(&"The Godfather".to_owned()), "a typo still matches: {hits:?}");

    let (hits, _) = search(s, "spirited", None, 10, 0).await;
    assert_eq!(hits, vec!["Spirited Away".to_owned()]);

    let (hits, _) = search(s, "fabuleux destin", None, 10, 0).await;
    assert_eq!(hits, vec!["Amelie".to_owned()], "original titles are searched");

    let (hits, total) = search(s, "zzqxv", None, 10, 0).await;
    assert!(hits.is_empty());
    assert_eq!(total, 0);

    let (hits, _) = search(s, "50%_off", None, 10, 0).await;
    assert!(hits.is_empty(), "LIKE wildcards in the query are literal");
}

/// Kind filters; pages are stable and carry the total.
pub async fn search_filters_by_kind_and_pages(s: &Stores) {
    for i in 0..7 {
        movie(s, &format!("Star Voyage {i}")).await;
    }
    s.media.create(fields(MediaKind::Book, "Star Voyage: the novel", 1990, &[]), None).await.unwrap();
    let (all, total) = search(s, "star voyage", None, 100, 0).await;
    assert_eq!(total, 8);
    assert_eq!(all.len(), 8);
    let (books, total) = search(s, "star voyage", Some("book"), 10, 0).await;
    assert_eq!((books, total), (vec!["Star Voyage: the novel".to_owned()], 1));
    let (first, total) = search(s, "star voyage", Some("movie"), 3, 0).await;
    let (second, _) = search(s, "star voyage", Some("movie"), 3, 3).await;
    let (beyond, total_beyond) = search(s, "star voyage", Some("movie"), 3, 30).await;
    assert_eq!(total, 7);
    assert_eq!(first.len(), 3);
    assert_eq!(second.len(), 3);
    assert!(first.iter().all(|t| !second.contains(t)), "pages do not overlap");
    assert!(beyond.is_empty());
    assert_eq!(total_beyond, 7, "the total is known past the last page");
}

/// Merging repoints rankings to the kept item, drops the duplicate's where a user ranked both, and deletes it.
pub async fn merging_moves_and_drops_rankings(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let keep = movie(s, "Dune").await;
    let dup = movie(s, "Dune (duplicate)").await;
    place(s, ada.id, &keep, Tier::A, Anchor::Bottom).await;
    place(s, ada.id, &dup, Tier::B, Anchor::Bottom).await;
    place(s, bob.id, &dup, Tier::S, Anchor::Bottom).await;
    let report = s.media.merge(keep.id, dup.id).await.unwrap();
    assert_eq!((report.rankings_moved, report.rankings_dropped), (1, 1));
    assert!(s.media.get(dup.id).await.unwrap().is_none());
    assert_eq!(titles(s, ada.id).await, vec![t(Tier::A, "Dune")]);
    assert_eq!(titles(s, bob.id).await, vec![t(Tier::S, "Dune")]);
    assert!(matches!(s.media.merge(keep.id, dup.id).await, Err(MediaWriteError::NotFound)));
}

// ----- rankings -----

/// Without a neighbour a title goes to the bottom of its tier; scores derive from tier and position.
pub async fn placing_defaults_to_the_bottom_and_scores_follow_positions(s: &Stores) {
    let ada = user(s, "ada").await;
    let m = movies(s, 4).await;
    let first = place(s, ada.id, &m[0], Tier::S, Anchor::Bottom).await;
    assert_eq!((first.position, first.tier_size, first.score.value()), (1, 1, 10.0));
    place(s, ada.id, &m[1], Tier::S, Anchor::Bottom).await;
    place(s, ada.id, &m[2], Tier::S, Anchor::Bottom).await;
    let d = place(s, ada.id, &m[3], Tier::D, Anchor::Bottom).await;
    assert_eq!(d.score.value(), 3.9);
    let list = assert_consistent(s, ada.id).await;
    let got: Vec<(String, u64, f64)> =
        list.iter().map(|r| (r.media.title.clone(), r.position, r.score.value())).collect();
    assert_eq!(
        got,
        vec![
            ("Film number 0".to_owned(), 1, 10.0),
            ("Film number 1".to_owned(), 2, 9.5),
            ("Film number 2".to_owned(), 3, 9.0),
            ("Film number 3".to_owned(), 1, 3.9),
        ]
    );
    assert_eq!(s.rankings.get(ada.id, first.id).await.unwrap().unwrap().position, 1);
}

/// `Top`, `Before`, `After` and `Between` put the title exactly there.
pub async fn placing_relative_to_neighbours(s: &Stores) {
    let ada = user(s, "ada").await;
    let m = movies(s, 6).await;
    let a = place(s, ada.id, &m[0], Tier::A, Anchor::Bottom).await;
    let b = place(s, ada.id, &m[1], Tier::A, Anchor::Bottom).await;
    place(s, ada.id, &m[2], Tier::A, Anchor::Top).await;
    place(s, ada.id, &m[3], Tier::A, Anchor::Before(b.id)).await;
    place(s, ada.id, &m[4], Tier::A, Anchor::After(b.id)).await;
    let between =
        place(s, ada.id, &m[5], Tier::A, Anchor::Between { after: a.id, before: m_id(s, ada.id, 3).await }).await;
    assert_eq!(between.position, 3);
    let names: Vec<String> = titles(s, ada.id).await.into_iter().map(|(_, n)| n).collect();
    let expected: Vec<String> = [2, 0, 5, 3, 1, 4].iter().map(|i| format!("Film number {i}")).collect();
    assert_eq!(names, expected);
    assert_consistent(s, ada.id).await;
}

async fn m_id(s: &Stores, u: UserId, film: usize) -> RankingId {
    let list = s.rankings.list(u, &everything()).await.unwrap();
    list.items.iter().find(|r| r.media.title == format!("Film number {film}")).unwrap().id
}

/// Unknown media, a second placement, and bad neighbours are refused, and the list is unchanged after each.
pub async fn placing_refuses_bad_input_and_writes_nothing(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let m = movies(s, 5).await;
    let a = place(s, ada.id, &m[0], Tier::A, Anchor::Bottom).await;
    let b = place(s, ada.id, &m[1], Tier::A, Anchor::Bottom).await;
    let c = place(s, ada.id, &m[2], Tier::A, Anchor::Bottom).await;
    let bobs = place(s, bob.id, &m[0], Tier::A, Anchor::Bottom).await;
    let before = titles(s, ada.id).await;

    let try_place = |media: MediaId, tier, anchor| {
        let rankings = s.rankings.clone();
        async move { rankings.place(ada.id, &PlaceCommand { media_id: media, tier, anchor, stars: None }).await }
    };
    let unknown = MediaId(uuid::Uuid::now_v7());
    assert!(
        matches!(try_place(unknown, Tier::A, Anchor::Bottom).await, Err(RankingError::UnknownMedia(id)) if id == unknown)
    );
    assert!(
        matches!(try_place(m[0].id, Tier::B, Anchor::Bottom).await, Err(RankingError::AlreadyRanked(id)) if id == a.id)
    );
    assert!(matches!(
        try_place(m[3].id, Tier::A, Anchor::Before(bobs.id)).await,
        Err(RankingError::UnknownNeighbour(id)) if id == bobs.id
    ));
    assert!(matches!(
        try_place(m[3].id, Tier::B, Anchor::After(a.id)).await,
        Err(RankingError::NeighbourInOtherTier { expected: Tier::B, actual: Tier::A, .. })
    ));
    assert!(matches!(
        try_place(m[3].id, Tier::A, Anchor::Between { after: a.id, before: c.id }).await,
        Err(RankingError::NotAdjacent)
    ));
    assert!(matches!(
        try_place(m[3].id, Tier::A, Anchor::Between { after: b.id, before: a.id }).await,
        Err(RankingError::NotAdjacent)
    ));
    assert_eq!(titles(s, ada.id).await, before, "nothing was written");
}

/// Moves inside a tier and across tiers, by neighbour or by tier alone.
pub async fn moving_inside_and_across_tiers(s: &Stores) {
    let ada = user(s, "ada").await;
    let m = movies(s, 4).await;
    let r0 = place(s, ada.id, &m[0], Tier::B, Anchor::Bottom).await;
    let r1 = place(s, ada.id, &m[1], Tier::B, Anchor::Bottom).await;
    let r2 = place(s, ada.id, &m[2], Tier::B, Anchor::Bottom).await;
    let r3 = place(s, ada.id, &m[3], Tier::S, Anchor::Bottom).await;

    let moved = s.rankings.relocate(ada.id, r2.id, &MoveCommand::new(None, Anchor::Top).unwrap()).await.unwrap();
    assert_eq!((moved.tier, moved.position, moved.score.value()), (Tier::B, 1, 7.4));
    assert!(moved.updated_at >= r2.updated_at);
    let moved =
        s.rankings.relocate(ada.id, r0.id, &MoveCommand::new(None, Anchor::After(r3.id)).unwrap()).await.unwrap();
    assert_eq!((moved.tier, moved.position), (Tier::S, 2), "the neighbour's tier is the target");
    let moved =
        s.rankings.relocate(ada.id, r3.id, &MoveCommand::new(Some(Tier::D), Anchor::Bottom).unwrap()).await.unwrap();
    assert_eq!((moved.tier, moved.position, moved.tier_size), (Tier::D, 1, 1));
    s.rankings.relocate(ada.id, r1.id, &MoveCommand::new(Some(Tier::B), Anchor::Before(r2.id)).unwrap()).await.unwrap();
    assert_eq!(
        titles(s, ada.id).await,
        vec![
            t(Tier::S, "Film number 0"),
            t(Tier::B, "Film number 1"),
            t(Tier::B, "Film number 2"),
            t(Tier::D, "Film number 3")
        ]
    );
    // Moving to where it already is is allowed and keeps the order.
    s.rankings.relocate(ada.id, r1.id, &MoveCommand::new(Some(Tier::B), Anchor::Top).unwrap()).await.unwrap();
    assert_eq!(titles(s, ada.id).await[1], t(Tier::B, "Film number 1"));
    assert_consistent(s, ada.id).await;
}

/// Unknown or foreign rankings are `NotFound`; bad neighbours are refused; nothing changes.
pub async fn moving_refuses_bad_input_and_writes_nothing(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let m = movies(s, 3).await;
    let a = place(s, ada.id, &m[0], Tier::A, Anchor::Bottom).await;
    let b = place(s, ada.id, &m[1], Tier::C, Anchor::Bottom).await;
    let bobs = place(s, bob.id, &m[2], Tier::A, Anchor::Bottom).await;
    let before = titles(s, ada.id).await;
    let mv = |id: RankingId, tier: Option<Tier>, anchor: Anchor| {
        let rankings = s.rankings.clone();
        async move { rankings.relocate(ada.id, id, &MoveCommand::new(tier, anchor).unwrap()).await }
    };
    assert!(matches!(mv(bobs.id, Some(Tier::S), Anchor::Bottom).await, Err(RankingError::NotFound)));
    assert!(matches!(
        mv(RankingId(uuid::Uuid::now_v7()), Some(Tier::S), Anchor::Bottom).await,
        Err(RankingError::NotFound)
    ));
    assert!(matches!(mv(a.id, None, Anchor::Before(bobs.id)).await, Err(RankingError::UnknownNeighbour(_))));
    assert!(matches!(
        mv(a.id, Some(Tier::A), Anchor::Before(b.id)).await,
        Err(RankingError::NeighbourInOtherTier { .. })
    ));
    assert!(matches!(mv(a.id, None, Anchor::After(a.id)).await, Err(RankingError::SelfAnchor)));
    assert_eq!(titles(s, ada.id).await, before);
    assert_eq!(titles(s, bob.id).await, vec![t(Tier::A, "Film number 2")]);
}

/// Filters by tier, kind and genre; positions and tier sizes still count the whole tier; pages carry totals.
pub async fn lists_filter_and_page_but_count_the_whole_tier(s: &Stores) {
    let ada = user(s, "ada").await;
    let horror =
        s.media.create(fields(MediaKind::Movie, "Alien", 1979, &["Horror", "Science Fiction"]), None).await.unwrap();
    let drama = movie(s, "Tokyo Story").await;
    let book = s.media.create(fields(MediaKind::Book, "Dune", 1965, &["Science Fiction"]), None).await.unwrap();
    let show = s.media.create(fields(MediaKind::Show, "The Wire", 2002, &["Crime", "Drama"]), None).await.unwrap();
    place(s, ada.id, &drama, Tier::A, Anchor::Bottom).await;
    place(s, ada.id, &horror, Tier::A, Anchor::Bottom).await;
    place(s, ada.id, &book, Tier::A, Anchor::Bottom).await;
    place(s, ada.id, &show, Tier::C, Anchor::Bottom).await;

    let filter = |tier, kind, genre: Option<&str>, limit, offset| RankingFilter {
        tier,
        kind,
        genre: genre.map(str::to_owned),
        page: PageRequest::new(Some(limit), Some(offset)).unwrap(),
    };
    let page = s.rankings.list(ada.id, &filter(None, None, Some("science fiction"), 10, 0)).await.unwrap();
    let got: Vec<(String, u64, u64)> =
        page.items.iter().map(|r| (r.media.title.clone(), r.position, r.tier_size)).collect();
    assert_eq!(got, vec![("Alien".to_owned(), 2, 3), ("Dune".to_owned(), 3, 3)]);
    assert_eq!(page.total, 2);

    let page = s.rankings.list(ada.id, &filter(None, Some(MediaKind::Show), None, 10, 0)).await.unwrap();
    assert_eq!((page.items[0].media.title.as_str(), page.items[0].position, page.total), ("The Wire", 1, 1));

    let page = s.rankings.list(ada.id, &filter(Some(Tier::A), None, None, 2, 1)).await.unwrap();
    let got: Vec<(String, u64)> = page.items.iter().map(|r| (r.media.title.clone(), r.position)).collect();
    assert_eq!(got, vec![("Alien".to_owned(), 2), ("Dune".to_owned(), 3)]);
    assert_eq!(page.total, 3);

    let page = s.rankings.list(ada.id, &filter(None, None, None, 10, 50)).await.unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.total, 4, "the total is known past the last page");

    let page = s.rankings.list(ada.id, &filter(Some(Tier::S), None, None, 10, 0)).await.unwrap();
    assert_eq!((page.items.len(), page.total), (0, 0));
}

/// Removing a ranking deletes that row only; a second removal, or another user's, is `false`.
pub async fn removing_a_ranking(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let m = movies(s, 2).await;
    let a = place(s, ada.id, &m[0], Tier::A, Anchor::Bottom).await;
    place(s, ada.id, &m[1], Tier::A, Anchor::Bottom).await;
    assert!(!s.rankings.remove(bob.id, a.id).await.unwrap());
    assert!(s.rankings.remove(ada.id, a.id).await.unwrap());
    assert!(!s.rankings.remove(ada.id, a.id).await.unwrap());
    let rest = assert_consistent(s, ada.id).await;
    assert_eq!((rest.len(), rest[0].position, rest[0].score.value()), (1, 1, 8.9));
    // The title can be placed again after removal.
    place(s, ada.id, &m[0], Tier::S, Anchor::Bottom).await;
}

/// `get` never returns another user's ranking; lists are per user.
pub async fn one_users_rankings_are_invisible_to_another(s: &Stores) {
    let (ada, bob) = (user(s, "ada").await, user(s, "bob").await);
    let m = movies(s, 1).await;
    let a = place(s, ada.id, &m[0], Tier::A, Anchor::Bottom).await;
    assert!(s.rankings.get(bob.id, a.id).await.unwrap().is_none());
    assert!(s.rankings.list(bob.id, &everything()).await.unwrap().items.is_empty());
    let b = place(s, bob.id, &m[0], Tier::D, Anchor::Bottom).await;
    assert_eq!((b.position, b.tier_size), (1, 1), "another user's list does not count");
}

/// Stars create at the tier's bottom, move across tiers to the bottom, and keep the place within the same tier.
pub async fn the_quick_rating_upserts(s: &Stores) {
    let ada = user(s, "ada").await;
    let m = movies(s, 3).await;
    let stars = |n| Stars::new(n).unwrap();
    let (r, outcome) = s.rankings.rate(ada.id, m[0].id, stars(4)).await.unwrap();
    assert_eq!((r.tier, outcome, r.stars), (Tier::A, RateOutcome::Created, Some(stars(4))));
    s.rankings.rate(ada.id, m[1].id, stars(4)).await.unwrap();
    s.rankings.relocate(ada.id, r.id, &MoveCommand::new(None, Anchor::Top).unwrap()).await.unwrap();
    // Same tier: keeps its place (now the top), records the stars.
    let (same, outcome) = s.rankings.rate(ada.id, m[0].id, stars(4)).await.unwrap();
    assert_eq!((same.position, outcome), (1, RateOutcome::Unchanged));
    let (moved, outcome) = s.rankings.rate(ada.id, m[1].id, stars(5)).await.unwrap();
    assert_eq!((moved.tier, moved.position, outcome, moved.stars), (Tier::S, 1, RateOutcome::Moved, Some(stars(5))));
    s.rankings.rate(ada.id, m[2].id, stars(5)).await.unwrap();
    let (again, _) = s.rankings.rate(ada.id, m[0].id, stars(5)).await.unwrap();
    assert_eq!((again.tier, again.position, again.tier_size), (Tier::S, 3, 3), "a move goes to the bottom");
    let unknown = MediaId(uuid::Uuid::now_v7());
    assert!(matches!(s.rankings.rate(ada.id, unknown, stars(3)).await, Err(RankingError::UnknownMedia(_))));
    assert_consistent(s, ada.id).await;
}

/// 300 inserts always directly below the same title force rebalances; order and key bounds hold throughout.
pub async fn inserts_at_one_spot_rebalance_and_keep_order(s: &Stores) {
    let ada = user(s, "ada").await;
    let m = movies(s, 302).await;
    let top = place(s, ada.id, &m[0], Tier::S, Anchor::Bottom).await;
    place(s, ada.id, &m[1], Tier::S, Anchor::Bottom).await;
    for item in &m[2..] {
        let r = place(s, ada.id, item, Tier::S, Anchor::After(top.id)).await;
        assert_eq!(r.position, 2);
        assert!(r.rank_key.len() <= MAX_KEY_LEN);
    }
    let list = assert_consistent(s, ada.id).await;
    let names: Vec<&str> = list.iter().map(|r| r.media.title.as_str()).collect();
    assert_eq!(names[0], "Film number 0");
    assert_eq!(names[1], "Film number 301", "the last insert is right below the top");
    assert_eq!(names[300], "Film number 2");
    assert_eq!(names[301], "Film number 1");
}

/// Concurrent places and moves on one list never lose a title or produce equal keys.
pub async fn concurrent_writes_to_one_list_keep_it_consistent(s: &Stores) {
    let ada = user(s, "ada").await;
    let m = movies(s, 40).await;
    let seed: Vec<RankedTitle> =
        join_all(m[..4].iter().map(|item| place(s, ada.id, item, Tier::A, Anchor::Bottom))).await;
    let anchors = [Anchor::Top, Anchor::Bottom, Anchor::After(seed[0].id), Anchor::Before(seed[1].id)];
    let places = m[4..].iter().enumerate().map(|(i, item)| {
        let rankings = s.rankings.clone();
        let anchor = anchors[i % anchors.len()];
        let media_id = item.id;
        async move { rankings.place(ada.id, &PlaceCommand { media_id, tier: Tier::A, anchor, stars: None }).await }
    });
    let moves = (0..24).map(|i| {
        let rankings = s.rankings.clone();
        let (id, target) = (seed[i % 4].id, seed[(i + 1) % 4].id);
        let anchor = if i % 2 == 0 { Anchor::Before(target) } else { Anchor::After(target) };
        async move { rankings.relocate(ada.id, id, &MoveCommand::new(None, anchor).unwrap()).await }
    });
    let (placed, moved) = futures::join!(join_all(places), join_all(moves));
    for r in &placed {
        assert!(r.is_ok(), "{r:?}");
    }
    for r in &moved {
        assert!(matches!(r, Ok(_) | Err(RankingError::SelfAnchor)), "{r:?}");
    }
    let list = assert_consistent(s, ada.id).await;
    assert_eq!(list.len(), 40, "no title lost or duplicated");
}

// ----- embeddings -----

pub async fn embeddings_are_stored_loaded_and_go_stale(s: &Stores) {
    const MODEL: &str = "test-model";
    let films = movies(s, 3).await;
    let book = s.media.create(fields(MediaKind::Book, "A book", 1990, &[]), None).await.unwrap();
    let mut ids: Vec<_> = films.iter().map(|m| m.id).chain([book.id]).collect();
    ids.sort_unstable();
    assert_eq!(s.embeddings.count_pending_embeddings(MODEL, false).await.unwrap(), 4);
    let first_two = s.embeddings.pending_embeddings(MODEL, false, None, 2).await.unwrap();
    assert_eq!(first_two.iter().map(|m| m.id).collect::<Vec<_>>(), ids[..2], "ordered by id, limited");
    let rest = s.embeddings.pending_embeddings(MODEL, false, Some(ids[1]), 10).await.unwrap();
    assert_eq!(rest.iter().map(|m| m.id).collect::<Vec<_>>(), ids[2..], "pages after an id");

    let row = |id, x: f32| NewEmbedding { media: id, vector: vec![x, 0.5, -0.25], text_hash: format!("h{x}") };
    s.embeddings.upsert_embeddings(MODEL, &[row(films[0].id, 1.0), row(book.id, 2.0)]).await.unwrap();
    s.embeddings.upsert_embeddings(MODEL, &[row(films[0].id, 3.0)]).await.unwrap();
    let loaded = s.embeddings.load_embeddings(MODEL, None, 10).await.unwrap();
    let mut expected = vec![(films[0].id, MediaKind::Movie, 3.0), (book.id, MediaKind::Book, 2.0)];
    expected.sort_by_key(|e| e.0);
    let got: Vec<_> = loaded.iter().map(|e| (e.media, e.kind, e.vector[0])).collect();
    assert_eq!(got, expected, "one vector per item, the latest, with the item's kind, ordered by id");
    assert_eq!(loaded[0].vector[1..], [0.5, -0.25]);
    let first = s.embeddings.load_embeddings(MODEL, None, 1).await.unwrap();
    let second = s.embeddings.load_embeddings(MODEL, Some(first[0].media), 1).await.unwrap();
    let past = s.embeddings.load_embeddings(MODEL, Some(second[0].media), 1).await.unwrap();
    assert_eq!((first[0].media, second[0].media), (expected[0].0, expected[1].0), "pages after an id");
    assert!(past.is_empty(), "nothing after the last");
    assert!(s.embeddings.load_embeddings("other-model", None, 10).await.unwrap().is_empty(), "models are kept apart");

    assert_eq!(s.embeddings.count_pending_embeddings(MODEL, false).await.unwrap(), 2);
    assert_eq!(s.embeddings.count_pending_embeddings(MODEL, true).await.unwrap(), 4);
    assert_eq!(s.embeddings.count_pending_embeddings("other-model", false).await.unwrap(), 4);
    // An edit makes the item's vector stale.
    s.media.update(book.id, fields(MediaKind::Book, "A better book", 1990, &[])).await.unwrap();
    let pending = s.embeddings.pending_embeddings(MODEL, false, None, 10).await.unwrap();
    assert!(pending.iter().any(|m| m.id == book.id) && pending.len() == 3, "stale after an edit");

    let found = s.embeddings.media_by_ids(&[book.id, films[2].id]).await.unwrap();
    assert_eq!(found.len(), 2);
    assert!(s.embeddings.media_by_ids(&[]).await.unwrap().is_empty());
    // A merged-away item loses its vector; writing one for a deleted item is skipped, not an error.
    s.media.merge(films[1].id, films[0].id).await.unwrap();
    assert!(s.embeddings.load_embeddings(MODEL, None, 10).await.unwrap().iter().all(|e| e.media != films[0].id));
    s.embeddings.upsert_embeddings(MODEL, &[row(films[0].id, 4.0)]).await.unwrap();
    assert_eq!(s.embeddings.load_embeddings(MODEL, None, 10).await.unwrap().len(), 1);
}
