"""How fast comment analysis can get without changing the sentence encoder: its arithmetic floor.

    taskset -c 1 uv run python bench/encoder_floor.py [--comments 2000] [--rounds 3]

The records of bench/comment_analyze.py (LCCC replies, each with its own post) are analysed in analyze's
batches, as shipped and with use_encoder=False alternately, each time in a fresh process after a
one-record warm-up (no vector or token row kept from an earlier round). The texts the encoder is given
are recorded and its multiply-adds counted from the weight shapes: per token, the second convolution;
per text, the per-sentence layers; per new token id, its cached row (projection and first-convolution
slots). The floor is those multiply-adds at the core's own matrix-product rate (numpy's sgemm on the
second convolution's shape, best of several), with nothing else: no tokenizing, gathers, layernorms or
Python. CPU seconds, one thread; medians over the rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from comment_analyze import records  # beside this script: the end-to-end benchmark's records
from nook.engine import _sentences
from nook.engine._use_forward import _ORDERS, CachedEncoder
from nook.engine.analyze import BATCH_SIZE, analyze_records


def analyse(n: int, use_encoder: bool) -> float:
    """CPU seconds of analysing n records in a fresh process, after a one-record warm-up (`child`)."""
    flags = [] if use_encoder else ["--no-encoder"]
    code = [sys.executable, __file__, "--child", "--comments", str(n), *flags]
    return float(subprocess.run(code, capture_output=True, text=True, check=True).stdout)


def child(n: int, use_encoder: bool) -> None:
    recs = records(n)
    analyze_records(recs[:1], use_encoder=use_encoder)  # models loaded, as after start-up
    start = time.process_time()
    for at in range(0, len(recs), BATCH_SIZE):
        analyze_records(recs[at : at + BATCH_SIZE], use_encoder=use_encoder)
    print(time.process_time() - start)


def encoded_texts(recs: list[dict[str, object]]) -> list[str]:
    """The texts analysis hands the encoder (folded comments and their posts are not embedded)."""
    seen: list[str] = []
    real = _sentences.embed_many

    def spy(texts: Iterable[str], *, cached: bool = False) -> dict[str, np.ndarray]:
        texts = list(texts)
        seen.extend(texts)
        return real(texts, cached=cached)

    _sentences.embed_many = spy
    try:
        for at in range(0, len(recs), BATCH_SIZE):
            analyze_records(recs[at : at + BATCH_SIZE])
    finally:
        _sentences.embed_many = real
    return list(dict.fromkeys(t for t in seen if t))


def multiply_adds(enc: CachedEncoder, texts: list[str]) -> tuple[int, int, int, int]:
    """(tokens, distinct token ids, multiply-adds, of which the second convolution's)."""
    m = enc._m
    ids = [enc._tokenize(t) for t in texts]
    tokens, distinct = sum(map(len, ids)), len({i for row in ids for i in row})
    conv2 = sum(w.shape[0] * w.shape[1] for w in m.w2)  # per token: all window slots of the three branches
    head = sum(getattr(m, k).size for k in ("cnn_W", "p1", "d0", "d1", "p3", "d2", "d3"))  # per text
    row = m.proj_W.size + sum(w.shape[0] * w.shape[1] for w in m.w1)  # per new token id
    return tokens, distinct, tokens * conv2 + len(texts) * head + distinct * row, tokens * conv2


def sgemm_rate() -> float:
    """The core's float32 matrix-product rate (FLOP/s) on the second convolution's largest product."""
    n, _ = _ORDERS[-1]
    rng = np.random.default_rng(0)
    a = rng.standard_normal((384, n * 256), dtype=np.float32)
    b = rng.standard_normal((n * 256, 256), dtype=np.float32)
    best = float("inf")
    for _ in range(20):
        start = time.process_time()
        for _ in range(20):
            a @ b
        best = min(best, (time.process_time() - start) / 20)
    return float(2 * a.shape[0] * a.shape[1] * b.shape[1] / best)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--comments", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-encoder", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.comments, not args.no_encoder)
    recs = records(args.comments)
    n = len(recs)
    texts = encoded_texts(recs)
    tokens, distinct, macs, conv2 = multiply_adds(_sentences.encoder(), texts)
    rate = sgemm_rate()
    runs = [(analyse(n, True), analyse(n, False)) for _ in range(args.rounds)]  # alternating
    full, bare = statistics.median(f for f, _ in runs), statistics.median(b for _, b in runs)
    floor = 2 * macs / rate
    print(f"{n} comments: the encoder embeds {len(texts)} texts, {tokens} tokens ({distinct} distinct ids)")
    print(f"encoder multiply-adds: {macs / n / 1e6:.1f} M per comment ({conv2 / macs:.0%} second convolution)")
    print(f"core sgemm: {rate / 1e9:.0f} GFLOP/s; encoder floor {floor / n * 1e3:.3f} ms per comment")
    print(f"analysis, CPU per comment: {full / n * 1e3:.3f} ms ({n / full:.0f}/s), without the encoder ", end="")
    print(f"{bare / n * 1e3:.3f} ms ({n / bare:.0f}/s); encoder as run {(full - bare) / n * 1e3:.3f} ms")
    print(f"ceiling with the encoder at its floor and the rest as now: {n / (bare + floor):.0f} comments per CPU-s")


if __name__ == "__main__":
    main()
