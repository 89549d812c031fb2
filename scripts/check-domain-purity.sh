#!/usr/bin/env bash
# Fails when marquee-domain reaches an I/O, runtime, web, database or ML crate through its normal or build
# dependencies (dev-dependencies are allowed: tests and benches may use anything). Every platform and every
# feature is included, so a cfg-gated or optional dependency cannot slip through.
set -euo pipefail

readonly CRATE=marquee-domain
readonly FORBIDDEN=(tokio actix-web actix-rt actix-http diesel diesel-async reqwest hyper ort tokenizers sqlx mio)

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tree_args=(-p "$CRATE" --edges 'normal,build' --target all --all-features)

# One "name version" per line, duplicates removed. Captured first so a failing `cargo tree` fails the check
# instead of passing with an empty list.
packages="$(cargo tree "${tree_args[@]}" --prefix none --format '{p}' --no-dedupe)"
packages="$(awk '{ print $1 " " $2 }' <<<"$packages" | sort -u)"

failed=0
for name in "${FORBIDDEN[@]}"; do
    while read -r found version; do
        [[ "$found" == "$name" ]] || continue
        failed=1
        echo "error: $CRATE depends on forbidden crate '$name' ($version). Dependency path:" >&2
        # The inverted tree reads from the forbidden crate up to marquee-domain.
        cargo tree "${tree_args[@]}" --invert "$name@${version#v}" >&2
        echo >&2
    done <<<"$packages"
done

if ((failed)); then
    echo "$CRATE must stay pure: move the code that needs these crates into an adapter crate." >&2
    exit 1
fi
echo "ok: $CRATE depends on none of: ${FORBIDDEN[*]}"
