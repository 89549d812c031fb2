#!/usr/bin/env bash
# The web client (web/), built with Vite over the TypeScript SDK and served by `marquee serve`. docs/web.md explains it.
#
#   scripts/web.sh build      install the pinned npm packages when web/package-lock.json changed, then build web/dist
#   scripts/web.sh ensure     build web/dist only when it is missing (what `just run` calls)
#   scripts/web.sh budget     the JavaScript a first visit loads, gzipped, against the 150 KB budget
#   scripts/web.sh test       build, start `marquee serve` (debug) on its own database with the demo catalog, run the
#                             end-to-end journeys in headless Chromium; screenshots land in web/artifacts/
#
# CHROMIUM overrides the browser (default /usr/bin/chromium, Debian's package); WEB_PORT the test server's port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
web="$root/web"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# npm ci again whenever the lock file (or the SDK it installs, a copied local package) changed.
tools() {
  local stamp="$web/node_modules/.install.sha256" want
  want=$(cat "$web/package-lock.json" sdks/typescript/package.json sdks/typescript/src/* | sha256sum | cut -d' ' -f1)
  if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
    echo "web: installing the pinned npm packages into web/node_modules…" >&2
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}

build() {
  tools
  (cd "$web" && npx --no-install tsc --noEmit -p tsconfig.json && npx --no-install vite build --logLevel warn)
  echo "web: built web/dist" >&2
}

budget() {
  [[ -f "$web/dist/index.html" ]] || build
  node "$web/scripts/budget.mjs" "$web/dist"
}

e2e() {
  build
  budget
  local port=${WEB_PORT:-18092} work="$root/.local/web"
  mkdir -p "$work"
  scripts/models.sh >&2
  cargo build -q -p marquee-app --bin marquee
  local base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
  psql -q "${base_url%/*}/postgres" -c "DROP DATABASE IF EXISTS marquee_web WITH (FORCE)" -c "CREATE DATABASE marquee_web"
  export DATABASE_URL=${base_url%/*}/marquee_web
  export EMBEDDING_MODEL_DIR="${EMBEDDING_MODEL_DIR:-$root/.local/models/all-minilm-l6-v2-int8}"
  export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$root/.local/models/onnxruntime/libonnxruntime.so.1.31.1}"
  # The journeys register a few accounts: the per-address registration limit is off; the chart refits every 2 s
  # so the consensus chart shows the placements' answers.
  # Open Library is never reachable here: the Goodreads journey matches books against the local catalog only.
  MARQUEE_SEED_DEMO=true RUST_LOG=${RUST_LOG:-warn} MARQUEE_BIND=127.0.0.1:$port BCRYPT_COST=4 WEB_DIR="$web/dist" \
    OPENLIBRARY_ENABLED=false \
    JWT_SECRET=web-journey-only-secret-of-32-bytes+ CHART_REFRESH_SECONDS=2 RATE_LIMIT_REGISTER_PER_IP=off \
    "$root/target/debug/marquee" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  export MARQUEE_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    curl -fs "$MARQUEE_URL/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "$MARQUEE_URL/health/ready" >/dev/null || { cat "$work/server.log" >&2; return 1; }
  local status=0
  (cd "$web" && rm -rf artifacts && mkdir -p artifacts && node --test e2e/journeys.test.mjs) || status=1
  if [[ $status -ne 0 ]]; then echo "web: the server's log is in .local/web/server.log" >&2; fi
  return "$status"
}

case "${1:-}" in
  build) build ;;
  ensure) [[ -f "$web/dist/index.html" ]] || build ;;
  budget) budget ;;
  test) e2e ;;
  *)
    sed -n '2,10p' "$0" >&2
    exit 2
    ;;
esac
