# Sourced by the write benchmarks: a throwaway PostgreSQL cluster with the server's default durability (fsync on,
# synchronous_commit on, full_page_writes on: `initdb` defaults), unlike the project-local development cluster of
# scripts/pg-local.sh, which turns all three off. Only the listening address, the socket directory and
# max_connections (200, as a production cluster is sized) are set.
#
#   source bench/durable-cluster.sh
#   durable_cluster_start 15790        # sets DURABLE_URL (database `marquee_bench`), DURABLE_DIR; stops at exit via
#   ...                                # durable_cluster_stop, which the caller's EXIT trap must call
#   DURABLE_STATEMENTS=1               # also preload pg_stat_statements (per-statement CPU and WAL figures)

DURABLE_DIR="" DURABLE_URL="" DURABLE_BIN="" DURABLE_OWNER=()

durable_pg() { (cd "$DURABLE_DIR" && "${DURABLE_OWNER[@]}" "$@"); }

durable_cluster_start() { # port
  local port="$1" initdb
  initdb=$(dpkg -L postgresql-15 2>/dev/null | grep '/bin/initdb$' | head -n 1 || true)
  [[ -x "$initdb" ]] || initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)
  [[ -x "$initdb" ]] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql-15)" >&2; return 1; }
  DURABLE_BIN=$(dirname "$initdb")
  DURABLE_DIR=$(mktemp -d /var/tmp/marquee-bench-pg.XXXXXX)
  chmod 755 "$DURABLE_DIR"
  # PostgreSQL refuses to run as root.
  if [[ "$(id -u)" -eq 0 ]]; then
    DURABLE_OWNER=(runuser -u postgres --)
    chown postgres: "$DURABLE_DIR"
  fi
  echo "initialising a throwaway cluster in $DURABLE_DIR (initdb defaults: fsync, synchronous_commit, full_page_writes on)…" >&2
  durable_pg "$DURABLE_BIN/initdb" -D "$DURABLE_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >"$DURABLE_DIR/initdb.log" 2>&1 || { cat "$DURABLE_DIR/initdb.log" >&2; return 1; }
  {
    printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nmax_connections = 200\n" \
      "$port" "$DURABLE_DIR"
    [[ -z "${DURABLE_STATEMENTS:-}" ]] || printf "shared_preload_libraries = 'pg_stat_statements'\ntrack_io_timing = on\npg_stat_statements.track_planning = on\n"
    [[ -z "${DURABLE_SETTINGS:-}" ]] || printf '%s\n' "$DURABLE_SETTINGS"
  } | durable_pg tee -a "$DURABLE_DIR/data/postgresql.conf" >/dev/null
  durable_pg "$DURABLE_BIN/pg_ctl" start -D "$DURABLE_DIR/data" -l "$DURABLE_DIR/pg.log" -w -t 60 >/dev/null
  durable_pg "$DURABLE_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE marquee_bench"
  DURABLE_URL="postgres://postgres@127.0.0.1:$port/marquee_bench"
  if [[ -n "${DURABLE_STATEMENTS:-}" ]]; then
    durable_pg "$DURABLE_BIN/psql" -X -q "$DURABLE_URL" -c "CREATE EXTENSION pg_stat_statements"
  fi
  durable_pg "$DURABLE_BIN/psql" -X -tAq "$DURABLE_URL" -c "SELECT 'fsync=' || current_setting('fsync') ||
    ' synchronous_commit=' || current_setting('synchronous_commit') || ' full_page_writes=' ||
    current_setting('full_page_writes') || ' max_connections=' || current_setting('max_connections')" >&2
}

durable_cluster_stop() {
  [[ -n "$DURABLE_DIR" && -d "$DURABLE_DIR" ]] || return 0
  durable_pg "$DURABLE_BIN/pg_ctl" stop -D "$DURABLE_DIR/data" -m fast >/dev/null 2>&1 || true
  rm -rf "$DURABLE_DIR"
  DURABLE_DIR=""
}

# CPU seconds (user + system) spent so far by a cluster (its data directory; the one started here by default): the
# postmaster, every process it forked that is still alive (the pool's backends, the WAL writer, the
# checkpointer…), and those that have exited (pgbench's backends, autovacuum workers: the postmaster's reaped
# children, fields 16 and 17 of its stat).
cluster_cpu() { # [data directory]
  local pm ticks
  pm=$(head -n 1 "${1:-$DURABLE_DIR/data}/postmaster.pid")
  ticks=$( { awk '{print $16 + $17}' "/proc/$pm/stat"
      for p in "$pm" $(ps -o pid= --ppid "$pm"); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done; } |
    awk '{s += $1} END {print s + 0}')
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", t / hz}'
}

# CPU seconds (user + system) spent so far by process $1.
process_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"
}
