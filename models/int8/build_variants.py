"""Builds the study's main variants into .local/int8/models/<name>.onnx and prints, for each, its sha256, size in
bytes and a count of the node types that show what was fused or quantized. Missing sources are built first.

    python build_variants.py [name ...]   # default: the served bert_mha_opt_s8_pc_x3_emb

Sources (both carry the original fp32 weights):
  fp32        the served graph with its int8 weights replaced by the originals (build_fp32.py)
  fp32_bert   the same model written as a classic BERT graph that the optimizer can fuse (build_bert.py)

Every quantized variant uses quantize_dynamic: int8 weights stored in the file, activations quantized to uint8 at
run time (DynamicQuantizeLinear + MatMulInteger), QInt8 weights with one scale per output channel.
"""

import collections
import hashlib
import logging
import sys

import onnx
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.transformers import optimizer
from onnxruntime.transformers.fusion_options import FusionOptions

import build_bert
import build_fp32
from common import MODELS

logging.disable(logging.WARNING)

# The three MatMuls whose quantization costs the most accuracy: the feed-forward down-projections of layers 0-2.
# Found in the study by quantizing one node at a time and measuring the cosine to the fp32 model (worst first).
KEEP_FLOAT = ["encoder.layer.0.output.dense.MatMul", "encoder.layer.2.output.dense.MatMul",
              "encoder.layer.1.output.dense.MatMul"]


def quantize(src, dst, ops=("MatMul",), exclude=None):
    quantize_dynamic(str(MODELS / f"{src}.onnx"), str(MODELS / f"{dst}.onnx"), op_types_to_quantize=list(ops),
                     per_channel=True, reduce_range=False, weight_type=QuantType.QInt8, nodes_to_exclude=exclude,
                     # the com.microsoft ops (Attention, SkipLayerNormalization, ...) defeat ONNX type inference
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def optimize(src, dst, mha):
    """ORT's transformer optimizer. mha=False fuses attention into one Attention node (packed Q/K/V weights);
    mha=True into MultiHeadAttention, which leaves the Q/K/V projections as separate, quantizable MatMuls."""
    fo = FusionOptions("bert")
    fo.use_multi_head_attention = mha
    m = optimizer.optimize_model(str(MODELS / f"{src}.onnx"), model_type="bert", num_heads=12, hidden_size=384,
                                 opt_level=0, optimization_options=fo)
    m.save_model_to_file(str(MODELS / f"{dst}.onnx"))


# name -> (source it needs, or None; function that builds it)
STEPS = {
    "fp32": (None, build_fp32.main),
    "fp32_bert": (None, build_bert.main),
    # classic graph, fused, still float
    "bert_opt_fp32": ("fp32_bert", lambda: optimize("fp32_bert", "bert_opt_fp32", mha=False)),
    "bert_mha_opt_fp32": ("fp32_bert", lambda: optimize("fp32_bert", "bert_mha_opt_fp32", mha=True)),
    # served-style graph (no attention fusion possible), all MatMuls quantized
    "dyn_s8_pc": ("fp32", lambda: quantize("fp32", "dyn_s8_pc")),
    # fused Attention quantized as QAttention, plus every other MatMul
    "bert_opt_s8_pc": ("bert_opt_fp32", lambda: quantize("bert_opt_fp32", "bert_opt_s8_pc",
                                                         ops=("MatMul", "Attention"))),
    # MultiHeadAttention graph, all 36 MatMuls quantized
    "bert_mha_opt_s8_pc": ("bert_mha_opt_fp32", lambda: quantize("bert_mha_opt_fp32", "bert_mha_opt_s8_pc")),
    # the recommended one: as above, but the 3 most sensitive MatMuls stay float
    "bert_mha_opt_s8_pc_x3": ("bert_mha_opt_fp32", lambda: quantize("bert_mha_opt_fp32", "bert_mha_opt_s8_pc_x3",
                                                                    exclude=KEEP_FLOAT)),
    # the served one: as above, and the embedding tables int8 too (QEmbedLayerNormalization)
    "bert_mha_opt_s8_pc_x3_emb": ("bert_mha_opt_fp32", lambda: quantize(
        "bert_mha_opt_fp32", "bert_mha_opt_s8_pc_x3_emb", ops=("MatMul", "EmbedLayerNormalization"),
        exclude=KEEP_FLOAT)),
}

SHOWN_OPS = ("MatMul", "MatMulInteger", "DynamicQuantizeLinear", "Attention", "QAttention", "MultiHeadAttention",
             "EmbedLayerNormalization", "QEmbedLayerNormalization", "SkipLayerNormalization", "BiasGelu")


def describe(name):
    data = (MODELS / f"{name}.onnx").read_bytes()
    ops = collections.Counter(n.op_type for n in onnx.load_from_string(data).graph.node)
    shown = {k: v for k, v in sorted(ops.items()) if k in SHOWN_OPS}
    return f"{name:22s} {hashlib.sha256(data).hexdigest()} {len(data):9d} {shown}"


def build(name, built):
    src, fn = STEPS[name]
    if src and src not in built and not (MODELS / f"{src}.onnx").exists():
        build(src, built)
    MODELS.mkdir(parents=True, exist_ok=True)
    fn()
    built.add(name)
    print(describe(name), flush=True)


def main():
    names = sys.argv[1:] or ["bert_mha_opt_s8_pc_x3_emb"]
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        sys.exit(f"unknown variant(s) {unknown}; known: {', '.join(STEPS)}")
    built = set()
    for n in names:
        if n not in built:
            build(n, built)


if __name__ == "__main__":
    main()
