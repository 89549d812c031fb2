"""Accuracy of variants against the served model and against the fp32 original.

Measures, for each variant:
  ref       cosine on the 10 sentences of reference.json, one text per run (as make_reference.py does)
  ml500     cosine on 500 MovieLens texts (a fixed random sample, seed 0); mlall is all of them
  ov@10     the 40 queries of common.py, top 10 by cosine over every MovieLens text: the mean share of the
            baseline's top 10 that the variant also returns
  rec10@20  the mean share of the baseline's top 10 found in the variant's top 20

    python eval_accuracy.py bert_mha_opt_s8_pc_x3 [more variants, or name=path.onnx ...]
    python eval_accuracy.py --movies 2000 bert_mha_opt_s8_pc_x3    # first 2,000 titles only (quicker, rougher)
    python eval_accuracy.py --one-by-one bert_mha_opt_s8_pc_x3_emb # every text in its own run, as the service does

The served model and fp32 (build_variants.py fp32) are always the two baselines. Vectors are cached in
.local/int8/models/vecs/, keyed by the model file's sha256; results go to .local/int8/accuracy.json.
"""

import argparse
import hashlib
import json

import numpy as np

from common import QUERIES, MODELS, WORK, embed, model_path, movielens_texts, reference_sentences, session

VECS = MODELS / "vecs"


def vectors(name, path, movies, one_by_one=False):
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cache = VECS / f"{name}-{digest}-{len(movies)}{'-single' if one_by_one else ''}.npz"
    if cache.exists():
        d = np.load(cache)
        return d["ref"], d["ml"], d["q"]
    s = session(path, threads=2)
    ref = embed(s, reference_sentences(), one_by_one=True)
    ml = embed(s, movies, batch=64, one_by_one=one_by_one)
    q = embed(s, QUERIES, one_by_one=True)
    VECS.mkdir(parents=True, exist_ok=True)
    np.savez(cache, ref=ref, ml=ml, q=q)
    return ref, ml, q


def topk(q, ml, k):
    return np.argsort(-(q @ ml.T), axis=1, kind="stable")[:, :k]


def compare(base, other):
    (rb, mb, qb), (ro, mo, qo) = base, other
    sample = np.random.default_rng(0).choice(len(mb), min(500, len(mb)), replace=False)
    cr, cm = (rb * ro).sum(1), (mb * mo).sum(1)
    b10, o10, o20 = topk(qb, mb, 10), topk(qo, mo, 10), topk(qo, mo, 20)
    return {"ref_mean": float(cr.mean()), "ref_min": float(cr.min()),
            "ml500_mean": float(cm[sample].mean()), "ml500_min": float(cm[sample].min()),
            "mlall_mean": float(cm.mean()), "mlall_min": float(cm.min()),
            "overlap10": float(np.mean([len(set(x) & set(y)) / 10 for x, y in zip(b10, o10)])),
            "recall10_in20": float(np.mean([len(set(x) & set(y)) / 10 for x, y in zip(b10, o20)]))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--movies", type=int, default=0, help="use only the first N MovieLens titles (0 = all 9,742)")
    ap.add_argument("--one-by-one", action="store_true",
                    help="embed the MovieLens texts one per run (as the service does) instead of in batches of 64")
    ap.add_argument("variants", nargs="+")
    a = ap.parse_args()
    movies = movielens_texts()
    if a.movies:
        movies = movies[: a.movies]
    items = [model_path(x) for x in ["served", "fp32"] + [v for v in a.variants if v not in ("served", "fp32")]]
    # The two baselines compute in float, where batching changes nothing but rounding.
    vs = {n: vectors(n, p, movies, a.one_by_one and n not in ("served", "fp32")) for n, p in items}
    out = {}
    print(f"{len(movies)} MovieLens texts")
    print(f"{'variant':22s} | vs served: ref mean/min   ml500 mean/min   mlall min  ov@10  rec10@20 | "
          f"vs fp32: ml500 mean/min  ov@10")
    for n, _ in items:
        s, f = compare(vs["served"], vs[n]), compare(vs["fp32"], vs[n])
        out[n] = {"vs_served": s, "vs_fp32": f}
        print(f"{n:22s} | {s['ref_mean']:.4f}/{s['ref_min']:.4f}  {s['ml500_mean']:.4f}/{s['ml500_min']:.4f}  "
              f"{s['mlall_min']:.4f}  {s['overlap10']:.3f}  {s['recall10_in20']:.3f} | "
              f"{f['ml500_mean']:.4f}/{f['ml500_min']:.4f}  {f['overlap10']:.3f}", flush=True)
    (WORK / "accuracy.json").write_text(json.dumps({"movies": len(movies), "results": out}, indent=1))


if __name__ == "__main__":
    main()
