#!/usr/bin/env bash
# Fuzzes every operation of the OpenAPI document with schemathesis against a running `marquee serve` on its own
# database, signed in as a seeded admin (so signed-in and admin operations run their handlers, not just the 401).
# Checks: no server error, response schema, status code and content type conformance. Prints the summary and a
# JSON line of figures, and writes both to bench/results/.
#
#   bench/fuzz.sh                        # debug build, 150 examples per operation, all phases
#   FUZZ_EXAMPLES=300 bench/fuzz.sh      # more cases per operation
#   FUZZ_PROFILE=release bench/fuzz.sh   # against a release build
#   FUZZ_SEED=42 bench/fuzz.sh           # a reproducible run
#
# schemathesis is pinned below and installed with pip into .local/fuzz-venv on first run (PyPI), so a fresh
# machine needs only python3 with venv. The server runs with bcrypt cost 4: the run checks answers, not speed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

readonly SCHEMATHESIS_VERSION=4.32.5
venv="$root/.local/fuzz-venv"
port=${FUZZ_PORT:-18090}
examples=${FUZZ_EXAMPLES:-150}
profile=${FUZZ_PROFILE:-debug}
workers=${FUZZ_WORKERS:-2}
out="$root/bench/results"
work="$root/.local/fuzz"
mkdir -p "$out" "$work"
trap 'kill "${server_pid:-}" 2>/dev/null || true' EXIT

if [[ "$("$venv/bin/schemathesis" --version 2>/dev/null || true)" != *"$SCHEMATHESIS_VERSION"* ]]; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $venv…" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

scripts/models.sh >&2
if [[ "$profile" == release ]]; then
  cargo build --release -q -p marquee-app --bin marquee
else
  cargo build -q -p marquee-app --bin marquee
fi
binary="$root/target/$profile/marquee"

base_url=${DATABASE_URL:-$(scripts/pg-local.sh start)}
admin_url=${base_url%/*}/postgres
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS marquee_fuzz WITH (FORCE)" -c "CREATE DATABASE marquee_fuzz"
export DATABASE_URL=${base_url%/*}/marquee_fuzz
export EMBEDDING_MODEL_DIR="${EMBEDDING_MODEL_DIR:-$root/.local/models/all-minilm-l6-v2-int8}"
export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$root/.local/models/onnxruntime/libonnxruntime.so.1.31.1}"

# The demo catalog gives searches, charts and ids something to find.
MARQUEE_SEED_DEMO=true RUST_LOG=${RUST_LOG:-warn} MARQUEE_BIND=127.0.0.1:$port BCRYPT_COST=4 \
  JWT_SECRET=fuzz-only-secret-of-at-least-32-bytes CHART_REFRESH_SECONDS=0 \
  "$binary" serve >"$work/server.log" 2>&1 &
server_pid=$!
api="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -fs "$api/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$api/health/ready" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

echo "seeding an admin account…" >&2
token=$(curl -fs "$api/api/v1/auth/register" -H 'content-type: application/json' \
  -d '{"email":"fuzz@example.com","password":"correct horse","display_name":"Fuzz"}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
"$binary" admin grant fuzz@example.com >&2

started=$(date +%s)
report="$work/report"
rm -rf "$report"
set +e
(
  cd "$work" &&
    "$venv/bin/schemathesis" run "$api/openapi.json" \
      --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
      --header "Authorization: Bearer $token" \
      --max-examples "$examples" --workers "$workers" ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
      --report ndjson --report-dir "$report" --no-color
) | tee "$work/summary.txt"
status=${PIPESTATUS[0]}
set -e
elapsed=$(($(date +%s) - started))

stamp=$(date -u +%Y%m%dT%H%M%SZ)
cp "$work/summary.txt" "$out/fuzz-$stamp.txt"
python3 - "$report" "$elapsed" "$SCHEMATHESIS_VERSION" "$examples" "$profile" "$status" <<'EOF' | tee "$out/fuzz-$stamp.json"
import collections, glob, json, re, sys
report, elapsed, version, examples, profile, status = sys.argv[1:]
requests, operations, failures, statuses = 0, set(), set(), collections.Counter()
for path in glob.glob(f"{report}/*.ndjson"):
    for line in open(path):
        recorder = (json.loads(line).get("ScenarioFinished") or {}).get("recorder") or {}
        label = recorder.get("label", "")
        if re.match(r"(GET|PUT|POST|PATCH|DELETE) /", label):
            operations.add(label)
        for interaction in (recorder.get("interactions") or {}).values():
            requests += 1
            statuses[str((interaction.get("response") or {}).get("status_code", "none"))] += 1
        for checks in (recorder.get("checks") or {}).values():
            failures.update((label, c.get("name")) for c in checks if c.get("status") == "FAILURE")
print(json.dumps({"run": "fuzz", "schemathesis": version, "profile": profile, "max_examples": int(examples),
                  "operations": len(operations), "requests": requests, "failures": len(failures),
                  "statuses": dict(sorted(statuses.items())), "seconds": int(elapsed), "exit": int(status)}))
EOF
exit "$status"
