//! Rebuilds the crate when a migration is added or edited, so `embed_migrations!` never embeds a stale set.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
