"""Speed of variants against the served model, in pairs: the served model is measured right before each variant
and the ratio is taken per pair, because other processes on the machine change the speed of both.

Each measurement: one short query (11 tokens) p50 over 300 runs after 30 warm-up runs, then the 77-token TEXT_77 of
benches/embeddings.rs in batches of 16 for --secs seconds (texts/s). Times include tokenization and pooling, as in
the Rust embedder. Session options as crates/embeddings/src/onnx.rs. Every line records how many cores other
processes used meanwhile ("other load"); only figures taken with other load near 0 are comparable.

    python bench.py --threads 2 --rounds 3 --wait-idle 0.1 bert_mha_opt_s8_pc_x3 bert_mha_opt_s8_pc ...
"""

import argparse
import json
import os
import statistics
import time

from common import encode_batch, model_path, n_tokens, run, session

QUERY = "slow-burn space thriller with a lonely astronaut"
TEXT_77 = ("Arrival (2016). Genres: Drama, Mystery, Sci-Fi. When twelve mysterious spacecraft appear around "
           "the world, linguistics professor Louise Banks is asked to lead an elite team of investigators "
           "to find out whether they come in peace, racing against time for answers as nations edge toward "
           "a global war, while she learns to read the visitors' language and then sees her own future.")


def cpu_now():
    """(CPU time used by the whole machine, CPU time used by this process), in clock ticks, and the time."""
    v = list(map(int, open("/proc/stat").readline().split()[1:]))
    busy = sum(v) - v[3] - v[4]  # everything but idle and iowait
    me = open("/proc/self/stat").read().rsplit(")", 1)[1].split()
    return busy, int(me[11]) + int(me[12]), time.perf_counter()


def foreign_load(start):
    """Cores used by other processes since start = cpu_now() (0: otherwise idle; 2: both cores busy)."""
    b0, m0, t0 = start
    b1, m1, t1 = cpu_now()
    return ((b1 - b0) - (m1 - m0)) / os.sysconf("SC_CLK_TCK") / (t1 - t0)


def query_p50(sess, n=300, warm=30):
    for _ in range(warm):
        run(sess, *encode_batch([QUERY]))
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        run(sess, *encode_batch([QUERY]))
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1e3


def batch_tps(sess, secs, bs=16):
    texts = [TEXT_77] * bs
    for _ in range(3):
        run(sess, *encode_batch(texts))
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < secs:
        run(sess, *encode_batch(texts))
        n += bs
    return n / (time.perf_counter() - t0)


def wait_for_idle(limit, timeout=600):
    """Waits (at most timeout s) until other processes use fewer than `limit` cores over 2 s."""
    t = time.perf_counter()
    while time.perf_counter() - t < timeout:
        c0 = cpu_now()
        time.sleep(2)
        if foreign_load(c0) < limit:
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2, help="intra_op_num_threads")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--secs", type=float, default=10.0, help="seconds of batches per measurement")
    ap.add_argument("--wait-idle", type=float, default=0,
                    help="before each pair, wait until other processes use fewer than this many cores (0: no wait)")
    ap.add_argument("--out", help="write every measurement to this JSON file")
    ap.add_argument("variants", nargs="+", help="built variant names, or name=path.onnx")
    a = ap.parse_args()
    assert n_tokens(QUERY) == 11 and n_tokens(TEXT_77) == 77, (n_tokens(QUERY), n_tokens(TEXT_77))
    models = [model_path(m) for m in ["served"] + a.variants]
    sessions = {k: session(p, a.threads) for k, p in models}

    def measure(k):
        c0 = cpu_now()
        q = query_p50(sessions[k])
        tps = batch_tps(sessions[k], a.secs)
        return {"query_p50_ms": q, "texts_per_s": tps, "foreign_load": foreign_load(c0)}

    res = {k: [] for k, _ in models[1:]}
    for r in range(a.rounds):
        for k, _ in models[1:]:
            if a.wait_idle:
                wait_for_idle(a.wait_idle)
            b, x = measure("served"), measure(k)
            res[k].append({"served": b, "variant": x})
            for name, m in (("served", b), (k, x)):
                print(f"t={a.threads} round {r + 1} {name:24s} query p50 {m['query_p50_ms']:6.2f} ms  77 tok b16 "
                      f"{m['texts_per_s']:7.1f} texts/s  other load {m['foreign_load']:.2f} cores", flush=True)
            print(f"    ratio {k}/served: query x{x['query_p50_ms'] / b['query_p50_ms']:.2f}  "
                  f"texts/s x{x['texts_per_s'] / b['texts_per_s']:.2f}", flush=True)
    if a.out:
        with open(a.out, "w") as f:
            json.dump({"threads": a.threads, "rounds": a.rounds, "secs": a.secs, "results": res}, f, indent=1)


if __name__ == "__main__":
    main()
