//! `TestDb`: a fresh, migrated database for one test, dropped when the test ends (feature `testing`).
//!
//! `DATABASE_URL` names a PostgreSQL server; its database serves only as the maintenance connection. The
//! migrations are applied once, to a template database named after a hash of `migrations/`
//! (`marquee_tpl_<hash>`), and every test database is a copy of it (`CREATE DATABASE … TEMPLATE …`), which takes
//! a few tens of milliseconds. An advisory lock on the maintenance database keeps parallel test processes
//! (nextest runs each test in its own) from building the template twice. Tests that need PostgreSQL never skip:
//! without `DATABASE_URL` they panic, naming the fix.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use diesel::sql_types::{BigInt, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use crate::{PgConfig, PgPool, PgStore, build_pool, run_migrations};

/// The advisory lock guarding template creation ("marquee" in ASCII).
const TEMPLATE_LOCK: i64 = 0x006d_6172_7175_6565;

/// A database of its own for one test. Dropping it drops the database.
pub struct TestDb {
    name: String,
    url: String,
    server_url: String,
    pool: PgPool,
}

impl fmt::Debug for TestDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestDb").field("name", &self.name).finish_non_exhaustive()
    }
}

/// `DATABASE_URL`.
///
/// # Panics
/// When it is not set, with a message that says how to run the tests.
pub fn server_url() -> String {
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!("DATABASE_URL is not set: run the tests with `just test`, which starts a local PostgreSQL"),
    }
}

/// The same server URL with another database name (query parameters kept).
pub fn with_database(server_url: &str, database: &str) -> String {
    let (base, query) = server_url.split_once('?').map_or((server_url, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..].find('/').map_or(base.len(), |i| authority_start + i);
    let mut url = format!("{}/{database}", &base[..path_start]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// A short, stable hash of every file under `migrations/` (names and contents): templates follow the migrations.
fn migrations_hash() -> String {
    fn collect(dir: &Path, files: &mut Vec<(String, Vec<u8>)>, root: &Path) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path();
            if path.is_dir() {
                collect(&path, files, root);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
                files.push((name, bytes));
            }
        }
    }
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations"));
    let mut files = Vec::new();
    collect(root, &mut files, root);
    files.sort();
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, bytes) in &files {
        for &b in name.as_bytes().iter().chain([0u8].iter()).chain(bytes).chain([0u8].iter()) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

async fn connect(url: &str, what: &str) -> AsyncPgConnection {
    AsyncPgConnection::establish(url)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the {what} (check DATABASE_URL and that PostgreSQL runs): {e}"))
}

async fn run(conn: &mut AsyncPgConnection, sql: &str) -> Result<usize, diesel::result::Error> {
    diesel::sql_query(sql).execute(conn).await
}

#[derive(diesel::QueryableByName)]
struct Datname {
    #[diesel(sql_type = Text)]
    datname: String,
}

/// Runs `sql` (a database-level command), retrying while another session still holds the database it names.
async fn run_retrying(conn: &mut AsyncPgConnection, sql: &str) {
    let mut attempt = 0;
    loop {
        match run(conn, sql).await {
            Ok(_) => return,
            Err(e) if attempt < 50 && e.to_string().contains("being accessed by other users") => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("`{sql}` failed: {e}"),
        }
    }
}

/// Makes sure the template for the current migrations exists; returns its name. Call with the lock held.
async fn ensure_template(admin: &mut AsyncPgConnection, server_url: &str) -> String {
    let hash = migrations_hash();
    let template = format!("marquee_tpl_{hash}");
    let existing: Vec<Datname> =
        diesel::sql_query("SELECT datname::text AS datname FROM pg_database WHERE datname LIKE 'marquee\\_tpl%'")
            .load(admin)
            .await
            .unwrap_or_else(|e| panic!("cannot list databases: {e}"));
    if existing.iter().any(|d| d.datname == template) {
        return template;
    }
    // Built under another name and renamed when complete, so an interrupted build never passes for a template.
    let building = format!("marquee_tplnew_{hash}");
    run_retrying(admin, &format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).await;
    run_retrying(admin, &format!("CREATE DATABASE {building}")).await;
    run_migrations(&with_database(server_url, &building))
        .await
        .unwrap_or_else(|e| panic!("migrating the template database failed: {e}"));
    run_retrying(admin, &format!("ALTER DATABASE {building} RENAME TO {template}")).await;
    // Nobody may connect to a template: a connection would block every copy.
    run_retrying(admin, &format!("ALTER DATABASE {template} WITH ALLOW_CONNECTIONS false")).await;
    for old in existing.iter().filter(|d| d.datname.starts_with("marquee_tpl_")) {
        run_retrying(admin, &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", old.datname)).await;
    }
    template
}

impl TestDb {
    /// A new database, migrated, with a small pool (4 connections, 30 s statement timeout).
    ///
    /// # Panics
    /// When `DATABASE_URL` is unset or the server cannot be used: a test that needs PostgreSQL must not pass
    /// without it.
    pub async fn new() -> Self {
        let server_url = server_url();
        let mut admin = connect(&server_url, "maintenance database").await;
        run(&mut admin, &format!("SELECT pg_advisory_lock({TEMPLATE_LOCK})"))
            .await
            .unwrap_or_else(|e| panic!("cannot take the template lock: {e}"));
        let template = ensure_template(&mut admin, &server_url).await;
        let name = format!("marquee_test_{}", uuid::Uuid::now_v7().simple());
        // Still under the lock, so no other process drops the template while it is copied.
        run_retrying(&mut admin, &format!("CREATE DATABASE {name} TEMPLATE {template}")).await;
        run(&mut admin, &format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK})"))
            .await
            .unwrap_or_else(|e| panic!("cannot release the template lock: {e}"));
        let url = with_database(&server_url, &name);
        let config = PgConfig {
            url: url.clone(),
            max_connections: 4,
            acquire_timeout: Duration::from_secs(30),
            statement_timeout: Duration::from_secs(30),
            // Tests share a busy machine: a slow moment must not fail them. The deadline has tests of its own.
            query_timeout: Duration::from_secs(30),
            tcp_timeout: crate::pool::DEFAULT_TCP_TIMEOUT,
        };
        let pool = build_pool(&config).unwrap_or_else(|e| panic!("cannot build the test pool: {e}"));
        Self { name, url, server_url, pool }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A URL for this database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The pool on this database.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// A store on this database's pool.
    pub fn store(&self) -> PgStore {
        PgStore::new(self.pool.clone()).with_query_timeout(Duration::from_secs(30))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        self.pool.close();
        let (server_url, name) = (self.server_url.clone(), self.name.clone());
        // A Drop cannot wait inside the test's runtime, so the drop runs on a thread with a runtime of its own.
        let outcome = std::thread::spawn(move || -> Result<(), String> {
            let runtime =
                tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let mut conn = AsyncPgConnection::establish(&server_url).await.map_err(|e| e.to_string())?;
                run(&mut conn, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.map_err(|e| e.to_string())
            })?;
            Ok(())
        })
        .join();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("could not drop test database {}: {e}", self.name),
            Err(_) => eprintln!("dropping test database {} panicked", self.name),
        }
    }
}

/// Reads a single `bigint` answer, for tests that inspect the database.
///
/// # Panics
/// When the query fails.
pub async fn scalar(conn: &mut AsyncPgConnection, sql: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Value {
        #[diesel(sql_type = BigInt)]
        value: i64,
    }
    diesel::sql_query(sql).get_result::<Value>(conn).await.unwrap_or_else(|e| panic!("`{sql}` failed: {e}")).value
}

/// Creates a user named `name` (e-mail `<name>@example.com`, lower-cased, spaces as dots) with a hash nobody can log
/// in with, for store-level tests.
///
/// # Panics
/// When the user cannot be created.
pub async fn user(store: &PgStore, name: &str) -> marquee_domain::user::UserId {
    use marquee_domain::account::UserRepository;
    use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash};
    let address = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let new = NewUser {
        email: Email::parse(&address).unwrap_or_else(|e| panic!("{e}")),
        display_name: DisplayName::parse(name).unwrap_or_else(|e| panic!("{e}")),
        password_hash: PasswordHash("$2b$04$not-a-real-hash".into()),
    };
    UserRepository::create(store, new).await.unwrap_or_else(|e| panic!("{e}")).id
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_swapped_in_urls() {
        assert_eq!(with_database("postgres://u:p@h:5432/postgres", "x"), "postgres://u:p@h:5432/x");
        assert_eq!(with_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
        assert_eq!(with_database("postgres://h:1", "x"), "postgres://h:1/x");
    }
}
