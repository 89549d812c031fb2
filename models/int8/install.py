"""Installs a built variant as a model folder the service loads: <dest>/model.onnx with the model id stamped into the
ONNX metadata (key `marquee.model_id`, read by crates/embeddings/src/onnx.rs), and <dest>/tokenizer.json.

    python install.py <variant.onnx> <tokenizer.json> <dest folder> <model id>

Vectors are stored per model id, so a service that switches to this model re-embeds the catalog in the background
instead of comparing its queries with another model's vectors. The write is atomic per file; the output is the same
bytes for the same input.
"""

import os
import pathlib
import shutil
import sys

import onnx

KEY = "marquee.model_id"


def main():
    src, tokenizer, dest, model_id = sys.argv[1:5]
    dest = pathlib.Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    model = onnx.load(src)
    props = [p for p in model.metadata_props if p.key != KEY]
    del model.metadata_props[:]
    model.metadata_props.extend(props)
    model.metadata_props.add(key=KEY, value=model_id)
    tmp = dest / "model.onnx.part"
    onnx.save(model, str(tmp))
    os.replace(tmp, dest / "model.onnx")
    shutil.copyfile(tokenizer, dest / "tokenizer.json.part")
    os.replace(dest / "tokenizer.json.part", dest / "tokenizer.json")


if __name__ == "__main__":
    main()
