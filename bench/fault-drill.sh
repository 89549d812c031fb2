#!/usr/bin/env bash
# The fault drill of issue 19, on loopback: a release `marquee serve` in production mode on a PostgreSQL cluster of
# its own, with PostgreSQL's default durability (fsync on, synchronous commit), under a light write load (a few
# clients placing and moving titles, each recording every write it got a 2xx for). PostgreSQL is killed
# (`pg_ctl stop -m immediate`: every backend gone at once, crash recovery at the next start) for 10 s and started
# again, then frozen (SIGSTOP to the postmaster and every backend) for 12 s and resumed (SIGCONT). The drill reports
# how requests were answered in each phase, the longest answer, the time to the first acknowledged write after each
# fault, readiness answers, and the acknowledged writes missing from the database at the end (must be 0). Prints
# one JSON document and writes it to bench/results/.
#
#   bench/fault-drill.sh                   # builds the release binary first
#   SKIP_BUILD=1 bench/fault-drill.sh      # uses target/release/marquee as it is
#   SKIP_BUILD=1 MARQUEE_BIN=target/debug/marquee bench/fault-drill.sh   # another binary (checking the script)
#   CLIENTS=4 DOWN_SECONDS=10 FROZEN_SECONDS=12 DATABASE_QUERY_TIMEOUT_MS=2000 bench/fault-drill.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${DRILL_PORT:-18190}
pg_port=${DRILL_PG_PORT:-15690}
out="$root/bench/results"
mkdir -p "$out"
work=$(mktemp -d /tmp/marquee-drill.XXXXXX)
chmod 755 "$work"

initdb=$(dpkg -L postgresql-15 2>/dev/null | grep '/bin/initdb$' | head -n 1 || true)
[[ -x "$initdb" ]] || initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)
[[ -x "$initdb" ]] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql-15)" >&2; exit 1; }
bin=$(dirname "$initdb")
# PostgreSQL refuses to run as root.
owner=()
if [[ "$(id -u)" -eq 0 ]]; then
  owner=(runuser -u postgres --)
  chown postgres: "$work"
fi
data="$work/data"
pg() { (cd "$work" && "${owner[@]}" "$@"); }

cleanup() {
  # Never leave a frozen server behind.
  if [[ -s "$data/postmaster.pid" ]]; then
    local pm
    pm=$(head -n 1 "$data/postmaster.pid")
    kill -CONT "$pm" $(ps -o pid= --ppid "$pm" 2>/dev/null) 2>/dev/null || true
  fi
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  pg "$bin/pg_ctl" stop -D "$data" -m immediate >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[[ -n "${SKIP_BUILD:-}" ]] || cargo build --release -q -p marquee-app

echo "initialising a cluster in $data (fsync on, the defaults)…" >&2
pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-instructions \
  >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
cat <<EOF | pg tee -a "$data/postgresql.conf" >/dev/null
port = $pg_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
max_connections = 100
EOF
pg "$bin/pg_ctl" start -D "$data" -l "$work/pg.log" -w -t 60 >/dev/null
pg "$bin/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE marquee_drill"
db_url="postgres://postgres@127.0.0.1:$pg_port/marquee_drill"
pg "$bin/psql" -X -tAq -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
  -c "SELECT 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit')" >&2

query_timeout=${DATABASE_QUERY_TIMEOUT_MS:-2000}
# The drill's setup enters 1,600 titles through POST /media as one user: lift the daily catalog quota.
CATALOG_DAILY_QUOTA=1000000 DATABASE_URL=$db_url MARQUEE_ENV=production RUST_LOG=warn MARQUEE_WORKERS=2 MARQUEE_BIND=127.0.0.1:$port \
  JWT_SECRET=drill-only-secret-of-at-least-32-bytes BCRYPT_COST=12 CHART_REFRESH_SECONDS=0 \
  EMBEDDING_MODEL_DIR="$work/no-model" DATABASE_QUERY_TIMEOUT_MS=$query_timeout \
  "${MARQUEE_BIN:-target/release/marquee}" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

result="$out/fault-drill-$(date -u +%Y%m%dT%H%M%SZ).json"
DRILL_BASE="http://127.0.0.1:$port" DRILL_PG_BIN="$bin" DRILL_PG_DATA="$data" DRILL_PG_LOG="$work/pg.log" \
  DRILL_PG_URL="$db_url" DRILL_OWNER="${owner[*]}" DRILL_WORK="$work" DRILL_DEADLINE_MS=$query_timeout \
  python3 bench/fault_drill.py | tee "$result"
echo "server log: $(grep -c 'ERROR' "$work/server.log" || true) ERROR lines, $(grep -c 'panick' "$work/server.log" || true) panics; results: $result" >&2
