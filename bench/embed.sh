#!/usr/bin/env bash
# Semantic search end to end (issue 5): loads the MovieLens catalog (9,742 films) into a fresh database, times the
# backfill (`marquee embed`), serves it with the model loaded, runs wrk on /api/v1/search/semantic at 16
# connections (40 repeating queries, then queries that never repeat; each as fast as the server answers, then paced:
# every connection waits PACE_MS after each answer), and records the server's RSS. Then the Criterion benches of the
# embedder and the exact index. Prints JSON lines and writes them to bench/results/.
#
#   bench/embed.sh            # DURATION=20 CONNECTIONS=16 PACE_MS=50 by default; SKIP_CRITERION=1: HTTP part only
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${DURATION:-20}
connections=${CONNECTIONS:-16}
pace_ms=${PACE_MS:-50}
port=${BENCH_PORT:-18081}
out="$root/bench/results"
data=$(mktemp -d)
mkdir -p "$out"
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
scripts/models.sh
export EMBEDDING_MODEL_DIR="${EMBEDDING_MODEL_DIR:-$root/.local/models/all-minilm-l6-v2-int8}"
export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$root/.local/models/onnxruntime/libonnxruntime.so.1.31.1}"
cargo build --release -q -p marquee-app
base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
admin_url=${base_url%/*}/postgres
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS marquee_bench_embed WITH (FORCE)" -c "CREATE DATABASE marquee_bench_embed"
export DATABASE_URL=${base_url%/*}/marquee_bench_embed
export MARQUEE_SEED_DEMO=false RUST_LOG=warn JWT_SECRET=bench-only-secret-of-at-least-32-bytes
results="$out/embed-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

target/release/marquee migrate
python3 bench/load_movielens.py ../shared/data/movielens-small/movies.csv \
  | psql -q "$DATABASE_URL" -c "\copy media_items (id, kind, title, year, genres) FROM STDIN CSV"
items=$(psql -tA "$DATABASE_URL" -c "SELECT count(*) FROM media_items")
echo "backfill: embedding $items items…" >&2
start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$data/embed.rss" target/release/marquee embed
end=$(date +%s.%N)
python3 -c "import sys; n,s,e,r=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); \
print('{\"run\":\"backfill\",\"items\":%d,\"seconds\":%.1f,\"items_per_s\":%.0f,\"peak_rss_mb\":%.0f}' % (n,e-s,n/(e-s),r/1024))" \
  "$items" "$start" "$end" "$(cat "$data/embed.rss")" | tee -a "$results"

MARQUEE_WORKERS=2 MARQUEE_BIND=127.0.0.1:$port target/release/marquee serve >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/api/v1/search/semantic?q=warm%20up" >/dev/null || { cat "$data/server.log" >&2; exit 1; }
rss_loaded=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
export BENCH_DIR="$root/bench"
# As fast as the server answers, then paced (each connection waits PACE_MS after each answer).
for pace in "" "$pace_ms"; do
  for unique in 0 1; do
    echo "wrk: semantic search for ${duration}s at $connections connections (unique queries: $unique, pace: ${pace:-none})…" >&2
    SEMANTIC_UNIQUE=$unique SEMANTIC_PACE_MS=$pace wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency \
      -s bench/semantic.lua "http://127.0.0.1:$port" | grep '^{"run"' | tee -a "$results"
  done
done
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
printf '{"run":"server_rss","vectors":%s,"rss_loaded_mb":%.0f,"rss_after_load_mb":%.0f,"peak_rss_mb":%.0f}\n' \
  "$items" "$((rss_loaded / 1024))" "$((rss_after / 1024))" "$((rss_peak / 1024))" | tee -a "$results"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS marquee_bench_embed WITH (FORCE)"

if [[ -z "${SKIP_CRITERION:-}" ]]; then
  cargo bench -p marquee-embeddings --bench embeddings
fi
