#!/usr/bin/env bash
# GET /api/v1/recommendations latency (issue 6: "p99 <= 20 ms for a user with 200 rankings on a 10,000-title
# catalog"). MovieLens small becomes 610 tier lists over 9,742 titles (bench/movielens_lists.py), padded to 10,000
# titles; `marquee train` stores the model; `marquee serve` loads it; a new user ranks the 200 most-ranked titles
# through the API (after training, so every request folds them in afresh); then wrk asks for 20 recommendations
# per request with each strategy, CONNECTIONS at a time for DURATION seconds. Prints one JSON line per strategy
# and appends them to bench/results/.
#
#   bench/recs-load.sh [../shared/data/movielens-small]     # DURATION=15 CONNECTIONS=1 by default
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
src=${1:-../shared/data/movielens-small}
duration=${DURATION:-15}
connections=${CONNECTIONS:-1}
port=${BENCH_PORT:-18091}
out="$root/bench/results"
data=$(mktemp -d)
mkdir -p "$out"
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release -q -p marquee-app --bin marquee
# A copy: another build into a shared target directory cannot swap the binary under the run.
cp "${CARGO_TARGET_DIR:-target}/release/marquee" "$data/marquee"
marquee="$data/marquee"
base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
admin_url=${base_url%/*}/postgres
db=marquee_bench_recs
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
url=${base_url%/*}/$db
export DATABASE_URL=$url EMBEDDING_MODEL_DIR="$data/no-model" CHART_REFRESH_SECONDS=0 MARQUEE_SEED_DEMO=false
"$marquee" migrate 2>/dev/null
python3 bench/movielens_lists.py "$src" "$data"
psql -q "$url" \
  -c "\\copy media_items (id, kind, title, year, genres) FROM '$data/media.csv' CSV" \
  -c "\\copy users (id, email, display_name, password_hash) FROM '$data/users.csv' CSV" \
  -c "\\copy rankings (id, user_id, media_id, tier, rank_key, stars) FROM '$data/rankings.csv' CSV" \
  -c "INSERT INTO media_items (id, kind, title, year, genres)
        SELECT gen_random_uuid(), 'book', 'Bench book ' || g, 1950 + g % 70, ARRAY['Fiction']
        FROM generate_series(1, 10000 - (SELECT count(*) FROM media_items)) AS g" \
  -c "ANALYZE"

start=$(date +%s.%N)
RUST_LOG=warn "$marquee" train
echo "train wall time: $(echo "$(date +%s.%N) - $start" | bc) s" >&2

RUST_LOG=info MARQUEE_WORKERS=${WORKERS:-2} MARQUEE_BIND=127.0.0.1:$port REC_RELOAD_SECONDS=0 \
  JWT_SECRET=bench-only-secret-of-at-least-32-bytes BCRYPT_COST=4 \
  "$marquee" serve >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/server.log" >&2; exit 1; }
grep -m1 "recommendations ready" "$data/server.log" >&2 || true

api=http://127.0.0.1:$port/api/v1
token=$(curl -fs "$api/auth/register" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"correct horse","display_name":"bench"}' | jq -r .access_token)
# The 200 most-ranked titles, spread over the five tiers.
psql -Atq "$url" -c "SELECT media_id FROM rankings GROUP BY media_id ORDER BY count(*) DESC, media_id LIMIT 200" \
  >"$data/titles.txt"
tiers=(S A B C D)
n=0
while read -r media; do
  curl -fs -o /dev/null "$api/me/rankings" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"media_id\":\"$media\",\"tier\":\"${tiers[$((n % 5))]}\"}"
  n=$((n + 1))
done <"$data/titles.txt"
echo "bench user ranked $(curl -fs "$api/me/rankings?limit=1" -H "authorization: Bearer $token" | jq .total) titles" >&2
psql -Atq "$url" -c "SELECT 'catalog: ' || count(*) || ' titles' FROM media_items" >&2

stamp=$(date -u +%Y%m%dT%H%M%SZ)
for strategy in hybrid popular item_cf user_cf content mf; do
  # A short warm-up, then the measured run.
  BENCH_DIR="$root/bench" TOKEN=$token STRATEGY=$strategy \
    wrk -t1 -c1 -d2s -s bench/recommendations.lua "http://127.0.0.1:$port" >/dev/null
  BENCH_DIR="$root/bench" TOKEN=$token STRATEGY=$strategy \
    wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/recommendations.lua "http://127.0.0.1:$port" \
    | grep '^{' | tee -a "$out/recs-load-$stamp.jsonl"
done
curl -fs "$api/recommendations?limit=3" -H "authorization: Bearer $token" \
  | jq -c '{served_by, model, items: [.items[] | {title: .media.title, reasons: [.reasons[].text]}]}' >&2
# KEEP=1 leaves the database for profiling.
[ "${KEEP:-0}" = 1 ] || psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
