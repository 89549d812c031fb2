#!/usr/bin/env bash
# Logins in bursts against the release binary at bcrypt cost 12 (issue 19: "a login is answered within 2 s or
# refused at once; other requests are unaffected"): ROUNDS bursts of N simultaneous logins by N distinct users,
# while two clients read GET /health/live and GET /api/v1/me/rankings without pause. Runs the server twice: with
# the bounded hashing queue (the default) and with the queue and its wait budget made large enough to hold every
# burst (the behaviour
# before the bound). Rate limits are off in both, so only the hashing queue answers. Prints one JSON line per server
# and writes them to bench/results/.
#
#   bench/login-flood.sh                  # N=64 ROUNDS=5
#   N=32 ROUNDS=3 SKIP_BUILD=1 bench/login-flood.sh
#   SKIP_BUILD=1 MARQUEE_BIN=/elsewhere/marquee bench/login-flood.sh   # another build (A/B)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${N:-64}
rounds=${ROUNDS:-5}
port=${BENCH_PORT:-18090}
out="$root/bench/results"
data=$(mktemp -d)
mkdir -p "$out"
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

[[ -n "${SKIP_BUILD:-}" ]] || cargo build --release -q -p marquee-app
base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
admin_url=${base_url%/*}/postgres
results="$out/login-flood-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

flood() { # label, then extra environment assignments for the server
  local label=$1
  shift
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS marquee_flood WITH (FORCE)" -c "CREATE DATABASE marquee_flood"
  env "$@" DATABASE_URL="${base_url%/*}/marquee_flood" MARQUEE_SEED_DEMO=false RUST_LOG=info MARQUEE_WORKERS=2 \
    EMBEDDING_MODEL_DIR="$data/no-model" CHART_REFRESH_SECONDS=0 REC_TRAIN_SECONDS=0 REC_RELOAD_SECONDS=0 \
    MARQUEE_BIND=127.0.0.1:$port JWT_SECRET=bench-only-secret-of-at-least-32-bytes BCRYPT_COST=12 \
    RATE_LIMIT_LOGIN_PER_IP=off RATE_LIMIT_LOGIN_PER_ACCOUNT=off RATE_LIMIT_REGISTER_PER_IP=off \
    "${MARQUEE_BIN:-target/release/marquee}" serve >"$data/$label.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/$label.log" >&2; exit 1; }
  # The queue as the server sized it at start (log colours stripped).
  queue=$(sed 's/\x1b\[[0-9;]*m//g' "$data/$label.log" \
    | grep -o 'hash_ms=[0-9]* hashing_at_once=[0-9]* waiting_[a-z_]*=[0-9]*' || true)
  echo "$label: $rounds bursts of $n simultaneous logins…" >&2
  python3 bench/login_flood.py "http://127.0.0.1:$port" "$n" "$rounds" \
    | sed "s/^{/{\"run\":\"$label\",\"nproc\":$(nproc),\"queue\":\"$queue\",/" | tee -a "$results"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

flood bounded
flood unbounded BCRYPT_QUEUE=$((n * 2)) BCRYPT_WAIT_BUDGET_MS=600000
