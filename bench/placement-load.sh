#!/usr/bin/env bash
# The placement answer endpoint under load (issue 3: "p99 under 5 ms at 64 concurrent sessions on loopback").
# Seeds 100 users x 50 rankings over 1,000 titles (bench/seed_load.py), then runs CONNECTIONS session loops for
# DURATION seconds (crates/app/examples/placement_load.rs): each starts a session placing its user's next
# unranked title into a random tier, answers at random until placed, and starts the next. Prints a JSON line
# (answer p50/p90/p99/max, answers/s) and appends it to bench/results/.
#
# STORAGE=durable (the default) runs on a throwaway cluster with PostgreSQL's default durability
# (bench/durable-cluster.sh); STORAGE=fast on the project-local development cluster (fsync off).
#
#   bench/placement-load.sh          # DURATION=20 CONNECTIONS=64 STORAGE=durable by default
#   SKIP_BUILD=1 MARQUEE_BIN=/elsewhere/marquee LOAD_BIN=/elsewhere/placement_load bench/placement-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${DURATION:-20}
connections=${CONNECTIONS:-64}
port=${BENCH_PORT:-18090}
out="$root/bench/results"
data=$(mktemp -d)
mkdir -p "$out"
storage=${STORAGE:-durable}
source bench/durable-cluster.sh
trap 'kill "${server_pid:-}" 2>/dev/null || true; durable_cluster_stop; rm -rf "$data"' EXIT

[[ -n "${SKIP_BUILD:-}" ]] || cargo build --release -q -p marquee-app --bin marquee --example placement_load
case "$storage" in
  durable)
    durable_cluster_start "${BENCH_PG_PORT:-15791}"
    bench_url=$DURABLE_URL
    ;;
  fast)
    base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
    admin_url=${base_url%/*}/postgres
    db=marquee_bench_placement
    psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    bench_url=${base_url%/*}/$db
    ;;
  *) echo "STORAGE is durable or fast, not '$storage'" >&2; exit 1 ;;
esac

# The ranking core alone, as bench/http-load.sh: no embedding model, no chart refits.
# bench/seed_load.py enters the 1,000-title catalog through POST /media as one user: lift the daily catalog quota.
export EMBEDDING_MODEL_DIR="$data/no-model" CHART_REFRESH_SECONDS=0 CATALOG_DAILY_QUOTA=1000000
# One loopback address seeds 100 users: no rate limits.
export RATE_LIMIT_LOGIN_PER_IP=off RATE_LIMIT_LOGIN_PER_ACCOUNT=off RATE_LIMIT_REGISTER_PER_IP=off
DATABASE_URL=$bench_url MARQUEE_SEED_DEMO=false RUST_LOG=warn MARQUEE_WORKERS=${WORKERS:-2} \
  DATABASE_MAX_CONNECTIONS=${DB_POOL:-16} MARQUEE_BIND=127.0.0.1:$port \
  JWT_SECRET=bench-only-secret-of-at-least-32-bytes BCRYPT_COST=4 \
  "${MARQUEE_BIN:-target/release/marquee}" serve >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/server.log" >&2; exit 1; }

echo "seeding 100 users, 1,000 titles, 5,000 rankings…" >&2
python3 bench/seed_load.py "http://127.0.0.1:$port" "$data"
psql -q "$bench_url" -c "ANALYZE"

echo "placing for ${duration}s with $connections concurrent sessions…" >&2
"${LOAD_BIN:-target/release/examples/placement_load}" "http://127.0.0.1:$port" "$data" "$connections" "$duration" \
  | sed "s/}\$/,\"storage\":\"$storage\"}/" | tee -a "$out/placement-load-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
psql -Atq "$bench_url" -c "SELECT 'comparisons stored: ' || count(*) FROM comparisons" >&2
[[ "$storage" != fast || -n "${KEEP_DB:-}" ]] || psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
