# Marquee's developer and CI tasks. `just` lists them; docs/development.md explains them.

set shell := ["bash", "-euo", "pipefail", "-c"]
# Extra arguments reach the recipes as "$@", with their quoting intact.
set positional-arguments := true

# List the recipes
default:
    @just --list

# Run the server (release build); starts the local PostgreSQL unless DATABASE_URL is set
run *args:
    #!/usr/bin/env bash
    set -euo pipefail
    # Not `export X=$(...)`: export would swallow the script's exit status.
    if [[ -z "${DATABASE_URL:-}" ]]; then DATABASE_URL="$(scripts/pg-local.sh start)"; export DATABASE_URL; fi
    cargo run --release -p marquee-app --bin marquee -- serve "$@"

# Run every test with nextest; starts the local PostgreSQL unless DATABASE_URL is set
test *args:
    #!/usr/bin/env bash
    set -euo pipefail
    if [[ -z "${DATABASE_URL:-}" ]]; then DATABASE_URL="$(scripts/pg-local.sh start)"; export DATABASE_URL; fi
    cargo nextest run --workspace --no-fail-fast "$@"

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

# Regenerate docs/openapi.json from the code
openapi:
    UPDATE_OPENAPI=1 cargo test -p marquee-http --test openapi

# Every benchmark: the Criterion benches, then the HTTP load run (results: docs/benchmarks.md)
bench: bench-domain bench-http bench-import

# The Criterion benches of the rank math
bench-domain *args:
    cargo bench -p marquee-domain "$@"

# The HTTP load run on loopback (wrk + pgbench; needs `apt-get install wrk`); DURATION and CONNECTIONS override
bench-http:
    bench/http-load.sh

# The MovieLens import into a fresh database, timed, run twice (results: docs/benchmarks.md)
bench-import *args:
    bench/movielens-import.sh "$@"

# Everything CI checks: lint, domain purity, then the tests
ci: lint check-domain test
