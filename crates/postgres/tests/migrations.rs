//! Every migration goes up and comes back down cleanly.

use diesel_async::{AsyncConnection, AsyncPgConnection};
use marquee_postgres::testing::{TestDb, scalar};
use marquee_postgres::{revert_all_migrations, run_migrations};

const TABLES: &str = "SELECT count(*) AS value FROM information_schema.tables \
     WHERE table_schema = 'public' AND table_name IN ('users', 'media_items', 'rankings')";
const TRGM: &str = "SELECT count(*) AS value FROM pg_extension WHERE extname = 'pg_trgm'";
const RELATIONS: &str = "SELECT count(*) AS value FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = 'public' AND c.relname NOT LIKE '\\_\\_diesel%'";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_revert_completely_and_reapply() {
    let db = TestDb::new().await;
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    assert!(run_migrations(db.url()).await.unwrap().is_empty(), "a test database starts fully migrated");
    assert_eq!(scalar(&mut conn, TABLES).await, 3);
    assert_eq!(scalar(&mut conn, TRGM).await, 1);

    let reverted = revert_all_migrations(db.url()).await.unwrap();
    assert_eq!(reverted.len(), 4, "{reverted:?}");
    assert_eq!(scalar(&mut conn, TABLES).await, 0);
    assert_eq!(scalar(&mut conn, TRGM).await, 0, "pg_trgm is dropped too");
    assert_eq!(scalar(&mut conn, RELATIONS).await, 0, "no index, sequence or view is left behind");

    let applied = run_migrations(db.url()).await.unwrap();
    assert_eq!(applied.len(), 4, "{applied:?}");
    assert!(applied.windows(2).all(|w| w[0] < w[1]), "applied oldest first: {applied:?}");
    assert_eq!(scalar(&mut conn, TABLES).await, 3);
    assert_eq!(scalar(&mut conn, TRGM).await, 1);
}
