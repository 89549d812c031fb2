#!/usr/bin/env bash
# The MovieLens import benchmark: the whole ml-latest-small set (9,742 titles, 100,836 ratings, 610 users) into a
# fresh database with `marquee import movielens DIR --ratings`, timed, then the same command again (it must change
# nothing), then the row counts.
#
#   bench/movielens-import.sh [DIR]      # DIR defaults to ../shared/data/movielens-small
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/data/movielens-small}
cargo build --release -q -p marquee-app
base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
admin_url=${base_url%/*}/postgres
db=marquee_import_bench
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
url=${base_url%/*}/$db
DATABASE_URL=$url RUST_LOG=warn target/release/marquee migrate

run() {
  local start end
  start=$(date +%s.%N)
  DATABASE_URL=$url RUST_LOG=info MARQUEE_LOG_FORMAT=json target/release/marquee import movielens "$dir" --ratings \
    2>&1 | grep '"MovieLens import done"' || true
  end=$(date +%s.%N)
  echo "wall: $(echo "$end - $start" | bc) s"
}
echo "== first run (empty database)"
run
echo "== second run (must change nothing)"
psql -qAt "$url" -c "SELECT 'max(updated_at) before: ' || max(updated_at) FROM media_items"
run
psql -qAt "$url" -c "SELECT 'max(updated_at) after:  ' || max(updated_at) FROM media_items"
psql -qAt "$url" \
  -c "SELECT 'media_items: ' || count(*) FROM media_items" \
  -c "SELECT 'users: ' || count(*) FROM users" \
  -c "SELECT 'rankings: ' || count(*) FROM rankings"
