//! `scripts/pg-local.sh` from a checkout in a private directory (mode 0700, as `/root` is): run as root, the
//! `postgres` user the server runs as cannot enter it, so the script keeps the cluster in
//! `/var/tmp/marquee-pg-<hash>`, linked from `.local/pg`. This starts such a cluster from a copy of the script in a
//! fresh private directory, checks that it answers, stops it and destroys it.
//!
//! CI runs as root. Run as another user, the fallback cannot happen (the caller owns the private directory, so the
//! server can enter it): the test then checks that the cluster stays inside the checkout instead, and says so.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use marquee_postgres::testing::scalar;
use marquee_postgres::{PgConfig, build_pool};

/// A private directory holding a copy of the script as `<dir>/checkout/scripts/pg-local.sh`; on drop, the cluster
/// is destroyed (`destroy` stops it too) and the directory removed, whether the test passed or not.
struct PrivateCheckout {
    dir: PathBuf,
}

impl PrivateCheckout {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("marquee-private-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let scripts = dir.join("checkout/scripts");
        std::fs::create_dir_all(&scripts).unwrap();
        let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/pg-local.sh");
        std::fs::copy(original, scripts.join("pg-local.sh")).unwrap();
        Self { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.join("checkout")
    }

    fn run(&self, command: &str) -> Output {
        let script = self.root().join("scripts/pg-local.sh");
        // Nothing of the caller's PostgreSQL environment may leak into the script.
        Command::new("bash")
            .arg(script)
            .arg(command)
            .env_remove("DATABASE_URL")
            .env_remove("PGHOST")
            .env_remove("PGPORT")
            .output()
            .unwrap()
    }

    fn run_ok(&self, command: &str) -> String {
        let out = self.run(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "pg-local.sh {command} failed ({}): {stderr}", out.status);
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for PrivateCheckout {
    fn drop(&mut self) {
        let destroyed = self.run("destroy");
        if !destroyed.status.success() {
            eprintln!("pg-local.sh destroy failed: {}", String::from_utf8_lossy(&destroyed.stderr));
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

#[tokio::test]
async fn a_checkout_in_a_private_directory_gets_a_working_cluster() {
    let checkout = PrivateCheckout::new();
    let url = checkout.run_ok("start").trim().to_owned();
    assert!(url.starts_with("postgres://postgres@127.0.0.1:") && url.ends_with("/marquee"), "{url:?}");

    let link = checkout.root().join(".local/pg");
    let outside = if is_root() {
        let target = std::fs::read_link(&link)
            .unwrap_or_else(|e| panic!("as root, .local/pg must link to the cluster outside the checkout: {e}"));
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        assert!(target.starts_with("/var/tmp") && name.starts_with("marquee-pg-"), "{target:?}");
        let meta = std::fs::metadata(&target).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o700, "the outside directory is private to its owner");
        assert!(target.join("data/PG_VERSION").is_file(), "the cluster lives in {target:?}");
        Some(target)
    } else {
        eprintln!(
            "pg_local: not running as root, so the fallback outside a private checkout cannot happen (the caller owns \
             it and the server runs as the caller); checking that the cluster stays inside the checkout instead"
        );
        assert!(!link.is_symlink() && link.join("data/PG_VERSION").is_file(), "{link:?}");
        None
    };

    let pool = build_pool(&PgConfig::new(url.clone())).unwrap();
    let mut conn = pool.get().await.unwrap_or_else(|e| panic!("the cluster at {url} does not answer: {e}"));
    assert_eq!(scalar(&mut conn, "SELECT (41 + 1)::bigint AS value").await, 42);
    drop(conn);
    pool.close();

    checkout.run_ok("stop");
    let status = checkout.run("status");
    assert_eq!(status.status.code(), Some(3), "stopped: {}", String::from_utf8_lossy(&status.stdout));
    // Started again from its link, the same cluster comes back on the same data.
    assert_eq!(checkout.run_ok("start").trim(), url);
    checkout.run_ok("destroy");
    assert!(!link.exists() && !link.is_symlink(), "destroy removed the link and the cluster");
    assert!(outside.is_none_or(|dir| !dir.exists()), "destroy removed the cluster outside the checkout");
}
