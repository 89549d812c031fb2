//! Every migration goes up and comes back down cleanly.

use diesel_async::{AsyncConnection, AsyncPgConnection};
use marquee_postgres::testing::{TestDb, scalar, user};
use marquee_postgres::{revert_all_migrations, run_migrations};

const TABLES: &str = "SELECT count(*) AS value FROM information_schema.tables \
     WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_diesel%'";
const TRGM: &str = "SELECT count(*) AS value FROM pg_extension WHERE extname = 'pg_trgm'";
const RELATIONS: &str = "SELECT count(*) AS value FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = 'public' AND c.relname NOT LIKE '\\_\\_diesel%'";

/// How many migrations the root `migrations/` folder holds.
fn migration_count() -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    entries.filter_map(Result::ok).filter(|e| e.path().join("up.sql").is_file()).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_revert_completely_and_reapply() {
    let db = TestDb::new().await;
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    assert!(run_migrations(db.url()).await.unwrap().is_empty(), "a test database starts fully migrated");
    let tables = scalar(&mut conn, TABLES).await;
    assert!(tables >= 3, "users, media_items, rankings and more: {tables}");
    assert_eq!(scalar(&mut conn, TRGM).await, 1);

    let reverted = revert_all_migrations(db.url()).await.unwrap();
    assert_eq!(reverted.len(), migration_count(), "{reverted:?}");
    assert_eq!(scalar(&mut conn, TABLES).await, 0);
    assert_eq!(scalar(&mut conn, TRGM).await, 0, "pg_trgm is dropped too");
    assert_eq!(scalar(&mut conn, RELATIONS).await, 0, "no index, sequence or view is left behind");

    let applied = run_migrations(db.url()).await.unwrap();
    assert_eq!(applied.len(), migration_count(), "{applied:?}");
    assert!(applied.windows(2).all(|w| w[0] < w[1]), "applied oldest first: {applied:?}");
    assert_eq!(scalar(&mut conn, TABLES).await, tables);
    assert_eq!(scalar(&mut conn, TRGM).await, 1);
}

/// `2026-12-07-000001_catalog_rules` on data made before it: a user's squatted entry loses its provider ids and its
/// `javascript:` poster; an admin's curated entry, TMDb's entries and valid posters are kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalog_rules_migration_clears_squatted_ids_and_bad_posters() {
    use diesel_async::SimpleAsyncConnection as _;
    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations/2026-12-07-000001_catalog_rules");
    let db = TestDb::new().await;
    let store = db.store();
    let (ada, boss) = (user(&store, "ada").await, user(&store, "boss").await);
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    conn.batch_execute(&std::fs::read_to_string(format!("{DIR}/down.sql")).unwrap()).await.unwrap();
    conn.batch_execute(&format!(
        "UPDATE users SET is_admin = true WHERE id = '{boss}';
         INSERT INTO media_items (id, kind, title, tmdb_id, imdb_id, poster_path, attributes, created_by) VALUES
           (gen_random_uuid(), 'show', 'squat', 1399, 'tt0944947', 'javascript:alert(1)',
            '{{\"tmdb\": {{}}, \"movielens_id\": 1, \"author\": \"x\"}}', '{ada}'),
           (gen_random_uuid(), 'movie', 'curated', 550, 'tt0137523', '/fight.jpg', '{{}}', '{boss}'),
           (gen_random_uuid(), 'movie', 'tmdb', 603, 'tt0133093', 'data:image/png;base64,AA', '{{\"tmdb\": {{}}}}', NULL),
           (gen_random_uuid(), 'play', 'mine', NULL, NULL, 'https://img.example.org/hamlet.jpg', '{{}}', '{ada}'),
           (gen_random_uuid(), 'play', 'http', NULL, NULL, 'http://img.example.org/x.jpg', '{{}}', '{ada}'),
           (gen_random_uuid(), 'play', 'creds', NULL, NULL, 'https://u:p@img.example.org/x.jpg', '{{}}', '{ada}');"
    ))
    .await
    .unwrap();
    conn.batch_execute(&std::fs::read_to_string(format!("{DIR}/up.sql")).unwrap()).await.unwrap();
    let count = |condition: &str| format!("SELECT count(*) AS value FROM media_items WHERE {condition}");
    let squat = "title = 'squat' AND tmdb_id IS NULL AND imdb_id IS NULL AND poster_path IS NULL \
                 AND attributes = '{\"author\": \"x\"}'";
    assert_eq!(scalar(&mut conn, &count(squat)).await, 1, "the squatted entry is cleared");
    let curated = "title = 'curated' AND tmdb_id = 550 AND imdb_id = 'tt0137523' AND poster_path = '/fight.jpg'";
    assert_eq!(scalar(&mut conn, &count(curated)).await, 1, "an admin's entry keeps its ids");
    let tmdb = "title = 'tmdb' AND tmdb_id = 603 AND poster_path IS NULL AND attributes ? 'tmdb'";
    assert_eq!(scalar(&mut conn, &count(tmdb)).await, 1, "TMDb's entry keeps its ids, not a data: poster");
    let mine = "title = 'mine' AND poster_path = 'https://img.example.org/hamlet.jpg'";
    assert_eq!(scalar(&mut conn, &count(mine)).await, 1, "an https poster stays");
    assert_eq!(scalar(&mut conn, &count("title IN ('http', 'creds') AND poster_path IS NULL")).await, 2);
}
