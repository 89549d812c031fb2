#!/usr/bin/env bash
# The HTTP load benchmark on loopback: 100 users x 50 rankings over a 1,000-title catalog.
# Runs list, move, place, rate and login for DURATION seconds each at 64 connections (wrk + Lua, spreading requests
# over the 100 users' tokens), list from a second instance with its page cache off, then list again while logins
# run, records the server's peak RSS and the CPU the server and PostgreSQL spent per request of each run, and runs
# pgbench with the list endpoint's own SQL (and with the cached read's version check) at the same concurrency.
# Prints JSON lines and writes them to bench/results/.
#
# STORAGE picks the database: `durable` (the default) makes a throwaway cluster with PostgreSQL's default durability
# (bench/durable-cluster.sh), as production runs; `fast` uses the project-local development cluster, which turns
# fsync, full_page_writes and synchronous_commit off (figures labelled "storage":"fast": not for write claims).
#
#   bench/http-load.sh                     # DURATION=20 CONNECTIONS=64 STORAGE=durable by default
#   RUNS="move place rate" bench/http-load.sh   # only some runs (of list list_uncached pgbench list_during_logins
#                                               # move place rate login pgbench_writes)
#   SKIP_BUILD=1 MARQUEE_BIN=/elsewhere/marquee bench/http-load.sh   # another build (A/B against a baseline)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${DURATION:-20}
connections=${CONNECTIONS:-64}
threads=2
port=${BENCH_PORT:-18080}
out="$root/bench/results"
data=$(mktemp -d)
mkdir -p "$out"
storage=${STORAGE:-durable}
bin=${MARQUEE_BIN:-target/release/marquee}
source bench/durable-cluster.sh
trap 'kill "${server_pid:-}" "${uncached_pid:-}" "${login_pid:-}" 2>/dev/null || true; durable_cluster_stop; rm -rf "$data"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -n "${SKIP_BUILD:-}" ]] || cargo build --release -q -p marquee-app
case "$storage" in
  durable)
    durable_cluster_start "${BENCH_PG_PORT:-15790}"
    bench_url=$DURABLE_URL
    pg_data=$DURABLE_DIR/data
    ;;
  fast)
    base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
    admin_url=${base_url%/*}/postgres
    psql -q "$admin_url" -c "DROP DATABASE IF EXISTS marquee_bench WITH (FORCE)" -c "CREATE DATABASE marquee_bench"
    bench_url=${base_url%/*}/marquee_bench
    pg_data=$(psql -tAq "$admin_url" -c "SHOW data_directory")
    ;;
  *) echo "STORAGE is durable or fast, not '$storage'" >&2; exit 1 ;;
esac

# The ranking core alone: no embedding model (semantic search answers 503; its own bench is bench/embed.sh) and no
# chart refits, so no background work shares the two cores with the runs.
# bench/seed_load.py enters the 1,000-title catalog through POST /media as one user: lift the daily catalog quota.
export EMBEDDING_MODEL_DIR="$data/no-model" CHART_REFRESH_SECONDS=0 CATALOG_DAILY_QUOTA=1000000
# One loopback address seeds 100 users and logs them in non-stop: the rate limits would answer most of it 429, and
# the login runs measure bcrypt's throughput with every login waiting its turn (bench/login-flood.sh measures the
# bounded queue that refuses the excess instead).
# Every login waits its turn for seconds, so a sign-in's session write comes long after its arrival: the request
# deadline (DATABASE_QUERY_TIMEOUT_MS, 2 s by default, counted from arrival) is raised with the queue's budget, or
# the login runs would measure 503s. No write run comes near either limit.
export RATE_LIMIT_LOGIN_PER_IP=off RATE_LIMIT_LOGIN_PER_ACCOUNT=off RATE_LIMIT_REGISTER_PER_IP=off BCRYPT_QUEUE=1000 BCRYPT_WAIT_BUDGET_MS=600000
export DATABASE_QUERY_TIMEOUT_MS=${BENCH_QUERY_TIMEOUT_MS:-60000}
DATABASE_URL=$bench_url MARQUEE_SEED_DEMO=false RUST_LOG=warn MARQUEE_WORKERS=$threads \
  DATABASE_MAX_CONNECTIONS=${DB_POOL:-16} DATABASE_MAX_WRITERS=${DB_WRITERS:-12} MARQUEE_BIND=127.0.0.1:$port \
  JWT_SECRET=bench-only-secret-of-at-least-32-bytes BCRYPT_COST=12 \
  "$bin" serve >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/server.log" >&2; exit 1; }

echo "seeding 100 users, 1,000 titles, 5,000 rankings…" >&2
python3 bench/seed_load.py "http://127.0.0.1:$port" "$data"
# Statistics as autovacuum would have them in steady state (it may not have run yet on fresh data).
psql -q "$bench_url" -c "ANALYZE"
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")

export BENCH_DIR="$root/bench" BENCH_DATA="$data" BENCH_THREADS=$threads
results="$out/http-load-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
runs=" ${RUNS:-list list_uncached pgbench list_during_logins move place rate login pgbench_writes} "
wanted() { [[ "$runs" == *" $1 "* ]]; }
# Appends to wrk's JSON line the storage, the CPU milliseconds the server and PostgreSQL spent per request, the
# transactions PostgreSQL committed per request (each statement outside a transaction counts as one) and the
# database sessions opened during the run (a pool that keeps its connections opens none).
label() { # server_cpu_seconds pg_cpu_seconds commits sessions
  python3 -c 'import json, sys
server, pg, commits, sessions = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[4]), int(sys.argv[5])
for line in sys.stdin:
    r = json.loads(line)
    n = max(r.get("requests", 0), 1)
    r.update(storage=sys.argv[3], server_cpu_ms_per_req=round(server * 1000 / n, 3), pg_cpu_ms_per_req=round(pg * 1000 / n, 3),
             pg_commits_per_req=round(commits / n, 2), pg_sessions_opened=sessions)
    print(json.dumps(r, separators=(",", ":")))' "$1" "$2" "$storage" "$3" "$4"
}
# Transactions committed and sessions opened so far in the bench database.
db_counters() {
  psql -tAq "$bench_url" -c "SELECT xact_commit || ' ' || sessions FROM pg_stat_database WHERE datname = current_database()"
}
run() { # name script [connections]
  wanted "$1" || return 0
  echo "wrk: $1 for ${duration}s at ${3:-$connections} connections…" >&2
  local server0 pg0 line counters0 counters1
  server0=$(process_cpu "$server_pid") pg0=$(cluster_cpu "$pg_data") counters0=($(db_counters))
  line=$(wrk -t"$threads" -c"${3:-$connections}" -d"${duration}s" --timeout 10s --latency -s "bench/$2" \
    "http://127.0.0.1:$port" | grep '^{"run"' | sed "s/\"run\":\"[a-z_]*\"/\"run\":\"$1\"/")
  counters1=($(db_counters))
  echo "$line" | label "$(awk -v a="$server0" -v b="$(process_cpu "$server_pid")" 'BEGIN {print b - a}')" \
    "$(awk -v a="$pg0" -v b="$(cluster_cpu "$pg_data")" 'BEGIN {print b - a}')" \
    "$((counters1[0] - counters0[0] - 1))" "$((counters1[1] - counters0[1] - 1))" | tee -a "$results"
}
# Reads first, while every user has exactly 50 rankings; writes change the lists, so they come after.
run list list.lua

# The same list from a second instance on the same database with its page cache off: every read runs the list
# statement.
if wanted list_uncached; then
DATABASE_URL=$bench_url MARQUEE_SEED_DEMO=false RUST_LOG=warn MARQUEE_WORKERS=$threads LIST_CACHE_PAGES=0 \
  DATABASE_MAX_CONNECTIONS=${DB_POOL:-16} DATABASE_MAX_WRITERS=${DB_WRITERS:-12} MARQUEE_BIND=127.0.0.1:$((port + 1)) \
  JWT_SECRET=bench-only-secret-of-at-least-32-bytes BCRYPT_COST=12 \
  "$bin" serve >"$data/uncached.log" 2>&1 &
uncached_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$((port + 1))/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "wrk: list_uncached for ${duration}s at $connections connections…" >&2
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/list.lua \
  "http://127.0.0.1:$((port + 1))" | grep '^{"run"' | sed 's/"run":"list"/"run":"list_uncached"/' | tee -a "$results"
kill "$uncached_pid"
wait "$uncached_pid" 2>/dev/null || true
uncached_pid=
fi

# The database's own ceiling for the list statement on the same data, same concurrency, prepared statements.
if wanted pgbench; then
psql -q "$bench_url" -c "CREATE TABLE bench_users AS
  SELECT row_number() OVER (ORDER BY email)::int AS n, id FROM users WHERE email LIKE 'load%@bench.example'"
echo "pgbench: list SQL for ${duration}s at $connections connections…" >&2
pgbench -n -M prepared -c "$connections" -j "$threads" -T "$duration" -f bench/list.sql "$bench_url" 2>/dev/null \
  | awk '/^tps/ {tps=$3} /latency average/ {lat=$4} END {printf "{\"run\":\"pgbench_list\",\"tps\":%.0f,\"latency_avg_ms\":%s}\n", tps, lat}' \
  | tee -a "$results"
# What a cached read asks the database: the version check alone.
echo "pgbench: the cached list's version check for ${duration}s at $connections connections…" >&2
pgbench -n -M prepared -c "$connections" -j "$threads" -T "$duration" -f bench/list_hit.sql "$bench_url" 2>/dev/null \
  | awk '/^tps/ {tps=$3} /latency average/ {lat=$4} END {printf "{\"run\":\"pgbench_list_hit\",\"tps\":%.0f,\"latency_avg_ms\":%s}\n", tps, lat}' \
  | tee -a "$results"
fi

# The list endpoint while 8 clients log in without pause (bcrypt cost 12 on the blocking pool).
if wanted list_during_logins; then
wrk -t1 -c8 -d"${duration}s" --timeout 30s -s bench/login.lua "http://127.0.0.1:$port" >"$data/login-bg.txt" &
login_pid=$!
run list_during_logins list.lua
wait "$login_pid" || true
login_pid=
grep '^{"run"' "$data/login-bg.txt" | sed 's/"run":"login"/"run":"login_beside_list"/' | tee -a "$results"
fi

run move move.lua
run place place.lua
run rate rate.lua
run login login.lua 8

# The database's own ceiling for the writes: pgbench running each write's own statement on its common path (the
# version-guarded write with its feed row, decided from the service's copy of the list: no read before it) on the
# same cluster and data, at the same concurrency, with the CPU PostgreSQL spent per transaction (the bench's own
# lookup of a ranking and its version included). It runs last: its random keys and placed pairs would disturb the HTTP runs.
if wanted pgbench_writes; then
psql -q "$bench_url" -c "DROP TABLE IF EXISTS bench_users, bench_rankings, bench_place" \
  -c "CREATE TABLE bench_users AS
    SELECT row_number() OVER (ORDER BY email)::int AS n, id FROM users WHERE email LIKE 'load%@bench.example'" \
  -c "CREATE TABLE bench_rankings AS SELECT b.n, row_number() OVER (PARTITION BY b.n ORDER BY r.id)::int AS k,
      r.user_id, r.id, r.media_id FROM bench_users b JOIN rankings r ON r.user_id = b.id" \
  -c "DELETE FROM bench_rankings WHERE k > 50" -c "CREATE UNIQUE INDEX ON bench_rankings (n, k)" \
  -c "CREATE TABLE bench_place AS SELECT row_number() OVER (ORDER BY random())::int AS n, b.id AS user_id,
      m.id AS media_id FROM bench_users b CROSS JOIN media_items m
      WHERE NOT EXISTS (SELECT 1 FROM rankings r WHERE r.user_id = b.id AND r.media_id = m.id)" \
  -c "CREATE UNIQUE INDEX ON bench_place (n)" -c "CREATE SEQUENCE bench_place_seq" -c "ANALYZE"
pgbench_write() { # name script [transactions per client]
  local pg0 out
  pg0=$(cluster_cpu "$pg_data")
  echo "pgbench: $1 SQL at $connections connections…" >&2
  if [[ -n "${3:-}" ]]; then
    out=$(pgbench -n -M prepared -c "$connections" -j "$threads" -t "$3" -f "bench/$2" "$bench_url" 2>&1)
  else
    out=$(pgbench -n -M prepared -c "$connections" -j "$threads" -T "$duration" -f "bench/$2" "$bench_url" 2>&1)
  fi
  echo "$out" | awk -v name="$1" -v pg="$(awk -v a="$pg0" -v b="$(cluster_cpu "$pg_data")" 'BEGIN {print b - a}')" \
    '/^tps/ {tps=$3} /latency average/ {lat=$4} /number of transactions actually processed/ {split($NF, a, "/"); n=a[1]}
     /number of failed transactions/ {failed=$5}
     END {printf "{\"run\":\"pgbench_%s\",\"tps\":%.0f,\"latency_avg_ms\":%s,\"transactions\":%d,\"failed\":%d,\"pg_cpu_ms_per_xact\":%.3f,\"storage\":\"%s\"}\n",
       name, tps, lat, n, failed, (n > 0 ? pg * 1000 / n : 0), "'"$storage"'"}' | tee -a "$results"
}
pgbench_write move write_move.sql
# Each (user, title) pair can be placed once: as many transactions as there are pairs, at most 1,000 per client.
pairs=$(psql -tAq "$bench_url" -c "SELECT count(*) FROM bench_place")
pgbench_write place write_place.sql "$(( pairs / connections < 1000 ? pairs / connections : 1000 ))"
fi
if [[ -n "${DURABLE_STATEMENTS:-}" && "$storage" == durable ]]; then
  # What each statement cost PostgreSQL over the whole run (seeding included), heaviest first.
  psql -q "$bench_url" -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms,
      round((total_exec_time / greatest(calls, 1))::numeric, 4) AS mean_ms, round((plans::numeric / greatest(calls, 1)), 2) AS plans_per_call,
      round((total_plan_time / greatest(plans, 1))::numeric, 4) AS mean_plan_ms, round(wal_bytes / greatest(calls, 1)) AS wal_bytes_per_call,
      left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" | tee "${results%.jsonl}-statements.txt" >&2
fi
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
printf '{"run":"server_rss","idle_kib":%s,"peak_kib":%s}\n' "$rss_idle" "$rss_peak" | tee -a "$results"
echo "results: $results" >&2
