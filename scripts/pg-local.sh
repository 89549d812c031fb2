#!/usr/bin/env bash
# A project-local PostgreSQL cluster for development and tests, kept under <repo>/.local/pg/ (git-ignored).
#
#   scripts/pg-local.sh start     initialise if needed, start, create database `marquee`, print its URL
#   scripts/pg-local.sh stop      stop the cluster (no-op when it is not running)
#   scripts/pg-local.sh status    say whether it runs; exit 0 when running, 3 otherwise
#   scripts/pg-local.sh url       print the URL when the cluster runs; exit 1 otherwise
#   scripts/pg-local.sh destroy   stop and delete .local/pg/ (data, log, port)
#
# `start` prints only the URL on stdout, so `export DATABASE_URL=$(scripts/pg-local.sh start)` works; every
# other message goes to stderr. PG_BINDIR overrides where the server binaries are looked for.
#
# Run as root from a checkout the `postgres` user cannot reach (under /root, or any directory without o+x), the
# cluster lives in /var/tmp/marquee-pg-<hash of the checkout's path> instead (owned by postgres, mode 0700), and
# .local/pg is a symbolic link to it; every command follows the link.
set -euo pipefail

readonly DATABASE=marquee
readonly SUPERUSER=postgres
# Below Linux's ephemeral range (32768+), so outgoing connections never hold the port we probe.
readonly FIRST_PORT=15432
readonly LAST_PORT=15531

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# Where the cluster is found: a directory, or a link to the one outside the checkout (see above).
readonly LINK="$ROOT/.local/pg"
# Set by set_paths: the cluster's real directory and what it holds.
PG_DIR="" DATA="" PORT_FILE="" LOG_FILE=""
# Our settings live in their own file, included from postgresql.conf, so a port change rewrites one small file.
readonly CONF_NAME=marquee.conf

log() { printf 'pg-local: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

set_paths() {
    PG_DIR="$1"
    DATA="$PG_DIR/data"
    PORT_FILE="$PG_DIR/port"
    LOG_FILE="$PG_DIR/log"
}

# The cluster directory as it stands: the link's target when .local/pg is a link, else .local/pg itself.
if [[ -L "$LINK" ]]; then
    set_paths "$(readlink "$LINK")"
else
    set_paths "$LINK"
fi

# True when the postgres user can search directory $1 (and so every directory above it).
owner_can_reach() { runuser -u "$SUPERUSER" -- test -x "$1" 2>/dev/null; }

# The cluster directory of a checkout the postgres user cannot reach: stable per checkout (a hash of its path),
# outside any private home, and kept across reboots (/var/tmp, unlike /tmp, is not cleared at boot).
outside_dir() { printf '/var/tmp/marquee-pg-%s' "$(printf '%s' "$ROOT" | sha256sum | cut -c 1-16)"; }

# Creates directory $1 for the postgres user, mode 0700, or accepts it when it already is exactly that. Anything
# else at that path (a link, another owner's directory: /var/tmp is writable by all) is refused, not used.
make_owned_dir() {
    local dir="$1"
    if [[ ! -e "$dir" && ! -L "$dir" ]]; then
        mkdir -m 700 "$dir" 2>/dev/null || [[ -d "$dir" ]] || die "cannot create $dir"
        [[ -L "$dir" ]] || chown "$SUPERUSER:" "$dir"
    fi
    [[ -d "$dir" && ! -L "$dir" && "$(stat -c '%U %a' "$dir")" == "$SUPERUSER 700" ]] ||
        die "$dir exists but is not a directory owned by '$SUPERUSER' with mode 0700; remove it and start again"
    owner_can_reach "$dir" || die "user '$SUPERUSER' cannot reach $dir either; every parent directory needs o+x"
}

# As root, before the first initdb: keeps the cluster in .local/pg when the postgres user can reach it, else in
# outside_dir, linked from .local/pg.
place_cluster() {
    if [[ -L "$LINK" ]]; then
        # Linked before, but the directory is gone (removed by hand, or a tmp cleaner): make it again.
        make_owned_dir "$PG_DIR"
        return
    fi
    mkdir -p "$PG_DIR"
    chown "$SUPERUSER:" "$PG_DIR"
    owner_can_reach "$PG_DIR" && return
    # Nothing lives there yet (no data directory: this runs before initdb), so the directory can go.
    rm -rf -- "$PG_DIR"
    local outside
    outside="$(outside_dir)"
    make_owned_dir "$outside"
    ln -s "$outside" "$LINK"
    set_paths "$outside"
    log "user '$SUPERUSER' cannot reach $LINK (a parent directory lacks o+x, as /root does), so the cluster"
    log "lives in $outside (owned by $SUPERUSER, mode 0700), linked from $LINK; 'destroy' removes both"
}

# Sets BIN to the directory holding initdb, pg_ctl, pg_isready and psql.
find_binaries() {
    local initdb=""
    if [[ -n "${PG_BINDIR:-}" ]]; then
        initdb="$PG_BINDIR/initdb"
    elif command -v dpkg >/dev/null 2>&1; then
        initdb="$(dpkg -L postgresql-15 2>/dev/null | grep '/bin/initdb$' | head -n 1 || true)"
    fi
    if [[ -z "$initdb" || ! -x "$initdb" ]]; then
        # Any other packaged major version; the highest wins.
        initdb="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)"
    fi
    if [[ -z "$initdb" || ! -x "$initdb" ]]; then
        log "error: PostgreSQL server binaries not found (looked in PG_BINDIR, dpkg -L postgresql-15,"
        log "       /usr/lib/postgresql/*/bin). Install them with:"
        log "         apt-get update && apt-get install -y postgresql-15"
        exit 1
    fi
    BIN="$(dirname "$initdb")"
}

# PostgreSQL refuses to run as root, so when we are root the server-side commands run as `postgres`. The working
# directory moves to PG_DIR first: the caller's may be unreadable for that user. Descriptor 9 (our lock) is closed
# so the postmaster does not inherit it and hold the lock for as long as it runs.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        (cd "$PG_DIR" && exec 9>&- runuser -u "$SUPERUSER" -- "$@")
    else
        (cd "$PG_DIR" && exec 9>&- "$@")
    fi
}

# Client tools run as the caller over TCP; explicit flags so PGHOST/PGPORT/PGUSER in the environment don't leak in.
psql_admin() {
    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(read_port)" -U "$SUPERUSER" -d postgres "$@"
}

read_port() {
    [[ -s "$PORT_FILE" ]] || die "$PORT_FILE is missing; run '$0 destroy' and start again"
    local port
    port="$(<"$PORT_FILE")"
    [[ "$port" =~ ^[0-9]+$ ]] || die "$PORT_FILE does not hold a port number"
    printf '%s' "$port"
}

url() { printf 'postgres://%s@127.0.0.1:%s/%s\n' "$SUPERUSER" "$(read_port)" "$DATABASE"; }

# True when nothing listens on 127.0.0.1:$1. SO_REUSEADDR as the server sets it, so sockets left in TIME_WAIT by
# the previous run do not count as taken.
port_free() {
    local port="$1" rc=0
    if command -v python3 >/dev/null 2>&1; then
        # Exit 10: free, 11: taken; anything else (say, a broken interpreter shim) falls through to `ss`.
        python3 - "$port" <<'PY' 2>/dev/null || rc=$?
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(11)
sys.exit(10)
PY
        case "$rc" in
        10) return 0 ;;
        11) return 1 ;;
        esac
    fi
    if command -v ss >/dev/null 2>&1; then
        [[ -z "$(ss -Htln "sport = :$port")" ]]
    elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        # Last resort: someone accepted a connection, so the port is taken.
        return 1
    fi
}

pick_port() {
    local port
    for ((port = FIRST_PORT; port <= LAST_PORT; port++)); do
        if port_free "$port"; then
            printf '%s' "$port"
            return 0
        fi
    done
    die "no free TCP port on 127.0.0.1 between $FIRST_PORT and $LAST_PORT"
}

# Writes the cluster's settings for the given port into the data directory $1.
write_conf() {
    local data="$1" port="$2"
    # A throwaway dev/test cluster: fsync and full-page writes are off for speed, since losing it to a power cut
    # costs one `destroy` and `start`. Never copy these settings to a database whose data matters.
    as_owner tee "$data/$CONF_NAME" >/dev/null <<EOF
# Written by scripts/pg-local.sh; rewritten when the port changes.
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 200
shared_buffers = 128MB
synchronous_commit = off
fsync = off
full_page_writes = off
EOF
    printf '%s\n' "$port" >"$PORT_FILE"
}

# pg_ctl status trusts any live PID in postmaster.pid, but a postmaster killed moments ago lingers as a zombie until
# it is reaped, and a new server refuses to start while it does: wait for it (10 s at most), then report stopped.
running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1 || return 1
    local pid tries
    pid="$(as_owner head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
    [[ "$(ps -o stat= -p "$pid" 2>/dev/null || true)" == Z* ]] || return 0
    for ((tries = 0; tries < 20; tries++)); do
        [[ "$(ps -o stat= -p "$pid" 2>/dev/null || true)" == Z* ]] || return 1
        sleep 0.5
    done
    die "the old server (pid $pid) died but was never reaped; start again once it is gone"
}

init_cluster() {
    # The server writes its socket and log into PG_DIR, so it must own it; 0700 keeps other users out of the
    # socket directory.
    if [[ "$(id -u)" -eq 0 ]]; then
        place_cluster
    else
        mkdir -p "$PG_DIR"
    fi
    chmod 700 "$PG_DIR"

    # The Unix socket path (<dir>/.s.PGSQL.<port>) must fit in sockaddr_un (107 bytes).
    ((${#PG_DIR} + 15 <= 107)) || die "$PG_DIR is too long for a Unix socket path; clone the repo somewhere shorter"

    # Initialise into a scratch directory and rename at the end, so an interrupted initdb never leaves a
    # half-built data directory behind.
    local staging="$PG_DIR/data.init"
    rm -rf "$staging"
    log "initialising a new cluster in $DATA"
    # --auth=trust: the server only listens on 127.0.0.1 and on a socket inside PG_DIR (mode 0700), and holds
    # only development and test data.
    if ! as_owner "$BIN/initdb" -D "$staging" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        --no-sync --no-instructions >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        die "initdb failed (output above, also in $PG_DIR/initdb.log)"
    fi
    printf "\ninclude = '%s'\n" "$CONF_NAME" | as_owner tee -a "$staging/postgresql.conf" >/dev/null
    write_conf "$staging" "$(pick_port)"
    mv "$staging" "$DATA"
}

wait_ready() {
    local port tries
    port="$(read_port)"
    for ((tries = 0; tries < 60; tries++)); do
        if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres; then
            return 0
        fi
        sleep 0.5
    done
    die "the server did not accept connections on port $port within 30 s; see $LOG_FILE"
}

cmd_start() {
    find_binaries
    [[ -f "$DATA/PG_VERSION" ]] || init_cluster
    [[ "$PG_DIR" == "$LINK" ]] || log "data in $PG_DIR (linked from $LINK)"
    if running; then
        log "already running on port $(read_port)"
    else
        local port
        port="$(read_port)"
        if ! port_free "$port"; then
            # Another process took our port while we were stopped (e.g. after a crash or reboot).
            local fresh
            fresh="$(pick_port)"
            log "port $port is taken; moving to $fresh"
            write_conf "$DATA" "$fresh"
        fi
        log "starting on port $(read_port), log in $LOG_FILE"
        # pg_ctl copes with a stale postmaster.pid left by a crash.
        as_owner "$BIN/pg_ctl" start -D "$DATA" -l "$LOG_FILE" -w -t 60 >&2 ||
            die "pg_ctl start failed; see $LOG_FILE"
    fi
    wait_ready
    if [[ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]]; then
        log "creating database $DATABASE"
        psql_admin -c "CREATE DATABASE $DATABASE"
    fi
    url
}

cmd_stop() {
    find_binaries
    if running; then
        log "stopping"
        as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w >&2
    else
        log "not running"
    fi
}

cmd_status() {
    find_binaries
    if running; then
        echo "running: $(url)"
    elif [[ -f "$DATA/PG_VERSION" ]]; then
        echo "stopped (data in $DATA)"
        return 3
    else
        echo "not initialised (run: $0 start)"
        return 3
    fi
}

cmd_url() {
    find_binaries
    running || die "the cluster is not running (run: $0 start)"
    url
}

cmd_destroy() {
    if [[ -d "$PG_DIR" ]]; then
        if [[ -f "$DATA/PG_VERSION" ]]; then
            cmd_stop
        fi
        log "removing $PG_DIR"
        rm -rf -- "$PG_DIR"
    elif [[ ! -L "$LINK" ]]; then
        log "nothing to destroy"
    fi
    if [[ -L "$LINK" ]]; then
        log "removing the link $LINK"
        rm -f -- "$LINK"
    fi
}

main() {
    local cmd="${1:-}"
    case "$cmd" in
    start | stop | status | url | destroy) ;;
    *)
        log "usage: $0 {start|stop|status|url|destroy}"
        exit 2
        ;;
    esac
    # Serialise concurrent invocations (two terminals running `just test`); the lock sits outside PG_DIR so
    # `destroy` can delete the directory while holding it.
    mkdir -p "$ROOT/.local"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$ROOT/.local/pg.lock"
        flock 9
    fi
    "cmd_$cmd"
}

main "$@"
