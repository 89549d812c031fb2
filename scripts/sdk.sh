#!/usr/bin/env bash
# The Python and TypeScript SDKs (sdks/), generated from docs/openapi.json. docs/sdks.md explains them.
#
#   scripts/sdk.sh tools       install the pinned generators and test tools (.local/sdk-venv, sdks/typescript/node_modules)
#   scripts/sdk.sh generate    regenerate sdks/python and sdks/typescript/src/schema.d.ts
#   scripts/sdk.sh check       fail when the committed SDKs differ from what docs/openapi.json generates, when a
#                              generator warns, or when the document fails the linter (sdks/redocly.yaml)
#   scripts/sdk.sh test        check, then both journeys against a live `marquee serve` on its own database
#
# The tools are pinned in sdks/python-dev/requirements.txt and sdks/typescript/package-lock.json, installed from
# PyPI and the npm registry on first use (and again when a pin changes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
venv="$root/.local/sdk-venv"
ts="$root/sdks/typescript"
spec="$root/docs/openapi.json"
# Scratch space for generated copies, and the server the journeys start: both gone when the script ends.
tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

tools() {
  local stamp="$venv/.requirements" want
  want=$(sha256sum sdks/python-dev/requirements.txt | cut -d' ' -f1)
  if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
    echo "sdk: installing the Python tools into .local/sdk-venv…" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r sdks/python-dev/requirements.txt
    echo "$want" >"$stamp"
  fi
  stamp="$ts/node_modules/.package-lock.sha256"
  want=$(sha256sum "$ts/package-lock.json" | cut -d' ' -f1)
  if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
    echo "sdk: installing the npm tools into sdks/typescript/node_modules…" >&2
    (cd "$ts" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}

# Runs openapi-python-client into $1 (a new directory) and fails on any line of output but its progress.
generate_python() {
  local out=$1 log
  log=$(PATH="$venv/bin:$PATH" RUFF_NO_CACHE=true "$venv/bin/openapi-python-client" generate --path "$spec" \
    --config sdks/python-dev/openapi-python-client.yaml --output-path "$out" 2>&1) || { echo "$log" >&2; return 1; }
  if grep -v -e '^Generating ' -e '^$' <<<"$log" >&2; then
    echo "sdk: openapi-python-client printed the warnings above; fix the document (its utoipa annotations)" >&2
    return 1
  fi
}

generate_typescript() {
  (cd "$ts" && node scripts/generate.mjs "$spec" "$1")
}

generate() {
  tools
  rm -rf "$tmp/python"
  generate_python "$tmp/python"
  # sdks/python is the generator's alone: nothing in it is written by hand.
  rm -rf sdks/python
  cp -a "$tmp/python" sdks/python
  generate_typescript "$ts/src/schema.d.ts"
  echo "sdk: regenerated sdks/python and sdks/typescript/src/schema.d.ts" >&2
}

check() {
  tools
  local status=0
  rm -rf "$tmp/python"
  generate_python "$tmp/python"
  if ! diff -r --exclude=__pycache__ --exclude=build --exclude='*.egg-info' "$tmp/python" sdks/python >"$tmp/python.diff"; then
    head -n 40 "$tmp/python.diff" >&2
    echo "sdk: sdks/python is out of date with docs/openapi.json: run \`just sdk\` and commit the result" >&2
    status=1
  fi
  generate_typescript "$tmp/schema.d.ts"
  if ! diff -u "$ts/src/schema.d.ts" "$tmp/schema.d.ts" >"$tmp/ts.diff"; then
    head -n 40 "$tmp/ts.diff" >&2
    echo "sdk: sdks/typescript/src/schema.d.ts is out of date with docs/openapi.json: run \`just sdk\`" >&2
    status=1
  fi
  (cd "$ts" && npx --no-install redocly lint "$spec" --config "$root/sdks/redocly.yaml" --format=stylish) || status=1
  # The hand-written Python journey is held to ruff too (sdks/python-dev/pyproject.toml).
  (cd sdks/python-dev && RUFF_NO_CACHE=true "$venv/bin/ruff" check . && RUFF_NO_CACHE=true "$venv/bin/ruff" format --check .) ||
    status=1
  return "$status"
}

# Starts `marquee serve` on the database marquee_sdk with the demo catalog, registers an admin, runs both journeys.
journeys() {
  local port=${SDK_PORT:-18091} work="$root/.local/sdk"
  mkdir -p "$work"
  scripts/models.sh >&2
  cargo build -q -p marquee-app --bin marquee
  local binary="$root/target/debug/marquee"
  local base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
  psql -q "${base_url%/*}/postgres" -c "DROP DATABASE IF EXISTS marquee_sdk WITH (FORCE)" -c "CREATE DATABASE marquee_sdk"
  export DATABASE_URL=${base_url%/*}/marquee_sdk
  export EMBEDDING_MODEL_DIR="${EMBEDDING_MODEL_DIR:-$root/.local/models/all-minilm-l6-v2-int8}"
  export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$root/.local/models/onnxruntime/libonnxruntime.so.1.31.1}"
  # The journeys register a handful of accounts each: the per-address registration limit is off here. Open
  # Library stays off: the journeys never reach the network.
  MARQUEE_SEED_DEMO=true RUST_LOG=${RUST_LOG:-warn} MARQUEE_BIND=127.0.0.1:$port BCRYPT_COST=4 \
    JWT_SECRET=sdk-journey-only-secret-of-32-bytes+ CHART_REFRESH_SECONDS=0 RATE_LIMIT_REGISTER_PER_IP=off \
    OPENLIBRARY_ENABLED=false \
    "$binary" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  export MARQUEE_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    curl -fs "$MARQUEE_URL/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "$MARQUEE_URL/health/ready" >/dev/null || { cat "$work/server.log" >&2; return 1; }

  export MARQUEE_ADMIN_EMAIL=sdk-admin@example.com MARQUEE_ADMIN_PASSWORD="sdk journey admin"
  curl -fs "$MARQUEE_URL/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$MARQUEE_ADMIN_EMAIL\",\"password\":\"$MARQUEE_ADMIN_PASSWORD\",\"display_name\":\"Admin\"}" >/dev/null
  "$binary" admin grant "$MARQUEE_ADMIN_EMAIL" >&2

  local status=0
  echo "sdk: the Python journey (pytest)" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall ./sdks/python
  "$venv/bin/python" -m pytest -q -p no:cacheprovider sdks/python-dev/tests || status=1
  echo "sdk: the TypeScript journey (tsc --strict, node --test)" >&2
  # Chained with &&: under `|| status=1`, set -e does not stop the subshell at a failing step.
  # The journey is compiled inside the package (.build, ignored by git) so that `@marquee/client` resolves to it,
  # as it does for users.
  (
    cd "$ts" &&
      npx --no-install tsc --strict --noEmit -p tsconfig.json &&
      rm -rf .build &&
      npx --no-install tsc -p tsconfig.json &&
      node --test .build/test/journey.test.js
  ) || status=1
  if [[ $status -ne 0 ]]; then
    echo "sdk: the server's log is in .local/sdk/server.log" >&2
  fi
  return "$status"
}

case "${1:-}" in
  tools) tools ;;
  generate) generate ;;
  check) check ;;
  journeys) journeys ;;
  test)
    check
    journeys
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
