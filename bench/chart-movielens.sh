#!/usr/bin/env bash
# `marquee chart refresh` on real rows: MovieLens small (9,742 titles, 610 users, 100,836 ratings) loaded as tier
# lists (bench/movielens_lists.py) into a fresh database, then one timed refresh and the chart's top titles.
#
#   bench/chart-movielens.sh [../shared/data/movielens-small]
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-../shared/data/movielens-small}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cargo build --release -q -p marquee-app --bin marquee
base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
admin_url=${base_url%/*}/postgres
db=marquee_bench_chart
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
url=${base_url%/*}/$db
export DATABASE_URL=$url EMBEDDING_MODEL_DIR="$data/no-model" RUST_LOG=warn
target/release/marquee migrate
python3 bench/movielens_lists.py "$src" "$data"
psql -q "$url" \
  -c "\\copy media_items (id, kind, title, year, genres) FROM '$data/media.csv' CSV" \
  -c "\\copy users (id, email, display_name, password_hash) FROM '$data/users.csv' CSV" \
  -c "\\copy rankings (id, user_id, media_id, tier, rank_key, stars) FROM '$data/rankings.csv' CSV" \
  -c "ANALYZE"
start=$(date +%s.%N)
target/release/marquee chart refresh
end=$(date +%s.%N)
echo "refresh wall time: $(echo "$end - $start" | bc) s" >&2
psql -q "$url" -c "SELECT (SELECT count(*) FROM rankings) AS rankings, (SELECT count(*) FROM comparisons) AS comparisons,
    (SELECT count(*) FROM consensus_scores) AS scored_titles"
psql -q "$url" -c "SELECT row_number() OVER (ORDER BY s.strength - 2 * s.uncertainty DESC) AS rank, m.title, m.year,
    round(s.strength::numeric, 3) AS strength, round(s.uncertainty::numeric, 3) AS uncertainty, s.comparisons,
    (SELECT count(*) FROM rankings r WHERE r.media_id = m.id) AS ratings
  FROM consensus_scores s JOIN media_items m ON m.id = s.media_id ORDER BY s.strength - 2 * s.uncertainty DESC LIMIT 15"
psql -q "$url" -c "SELECT m.title, round(s.strength::numeric, 3) AS strength, s.comparisons
  FROM consensus_scores s JOIN media_items m ON m.id = s.media_id
  WHERE s.comparisons >= 100 ORDER BY s.strength ASC LIMIT 5"
