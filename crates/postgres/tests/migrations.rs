//! Every migration goes up and comes back down cleanly.

use diesel_async::{AsyncConnection, AsyncPgConnection};
use marquee_postgres::testing::{TestDb, scalar};
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
