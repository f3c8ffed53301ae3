"""Copy-paste detection benchmark: Nook's numpy MinHash LSH against datasketch and rensa, same run.

    uv run --group bench python bench/dedup_bench.py [--organic 100000] [--templates 500]

Prints pair and comment precision/recall, comments/s end to end (normalisation included) and
memory, for the batch path, the incremental index, and both baselines. One process, one core.
Baselines get the same normalisation, eligibility rule and exact-Jaccard verification of their LSH
candidates, so the comparison is of the MinHash/LSH machinery. Pair precision in brackets also
counts chance near-duplicates the generator made (see _chance_pairs).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from dedup_generate import Stream, generate
from nook.engine.comments._bare import strip_many
from nook.engine.comments._minhash import jaccard
from nook.engine.comments.copypaste import CopyPasteIndex, DedupSettings, eligible, find_copy_clusters

Clusters = list[list[int]]


def _c2(n: int) -> int:
    return n * (n - 1) // 2


def _chance_pairs(clusters: Clusters, stream: Stream, bare: list[str], threshold: float) -> int:
    """Pairs in a cluster that the generator did not copy but whose bigram Jaccard reaches the threshold.

    The Markov chain sometimes reproduces a phrase of its training text twice; such pairs are real
    near-duplicates, so the second precision figure counts them as correct.
    """
    fam = stream.family
    return sum(
        1
        for c in clusters
        for k, i in enumerate(c)
        for j in c[k + 1 :]
        if (fam[i] < 0 or fam[i] != fam[j]) and jaccard(bare[i], bare[j]) >= threshold
    )


def score(clusters: Clusters, stream: Stream, bare: list[str], threshold: float) -> dict[str, float]:
    fam = stream.family
    true_pairs = sum(_c2(c) for f, c in Counter(f for f in fam if f >= 0).items())
    pred_pairs = sum(_c2(len(c)) for c in clusters)
    tp = sum(_c2(n) for c in clusters for f, n in Counter(fam[i] for i in c).items() if f >= 0)
    flagged = {i for c in clusters for i in c}
    copies = {i for i, f in enumerate(fam) if f >= 0}
    hit = len(flagged & copies)
    chance = _chance_pairs(clusters, stream, bare, threshold)
    return {
        "pair_precision": tp / pred_pairs if pred_pairs else 1.0,
        "pair_precision_oracle": (tp + chance) / pred_pairs if pred_pairs else 1.0,
        "pair_recall": tp / true_pairs,
        "comment_precision": hit / len(flagged) if flagged else 1.0,
        "comment_recall": hit / len(copies),
        "clusters": len(clusters),
    }


def timed(fn: Callable[[], Clusters]) -> tuple[Clusters, float, float]:
    """Result, seconds, and peak traced memory in MiB."""
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, dt, peak


def _pairs_to_clusters(pairs: list[tuple[int, int]], n: int) -> Clusters:
    if not pairs:
        return []
    a = np.array(pairs, dtype=np.int64).T
    graph = coo_matrix((np.ones(a.shape[1]), (a[0], a[1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(label.tolist()):
        groups.setdefault(lab, []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _shingles(bare: list[str], min_bigrams: int) -> list[list[str] | None]:
    """Bigram lists for the baselines, with the same eligibility rule as Nook's detector."""
    return [[t[i : i + 2] for i in range(len(t) - 1)] if eligible(t, min_bigrams) else None for t in bare]


def run_datasketch(texts: list[str], s: DedupSettings) -> Clusters:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=s.threshold, num_perm=128)
    pairs = []
    bare = strip_many(texts)
    for i, sh in enumerate(_shingles(bare, s.min_bigrams)):
        if sh is None:
            continue
        m = MinHash(num_perm=128)
        m.update_batch([x.encode() for x in sh])
        pairs += [(i, j) for j in lsh.query(m) if jaccard(bare[i], bare[j]) >= s.threshold]
        lsh.insert(i, m)
    return _pairs_to_clusters(pairs, len(texts))


def run_rensa(texts: list[str], s: DedupSettings) -> Clusters:
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=s.threshold, num_perm=128, num_bands=32)
    pairs = []
    bare = strip_many(texts)
    for i, sh in enumerate(_shingles(bare, s.min_bigrams)):
        if sh is None:
            continue
        m = RMinHash(num_perm=128, seed=42)
        m.update(sh)
        pairs += [(i, j) for j in lsh.query(m) if jaccard(bare[i], bare[j]) >= s.threshold]
        lsh.insert(i, m)
    return _pairs_to_clusters(pairs, len(texts))


def run_incremental(texts: list[str], s: DedupSettings) -> Clusters:
    index = CopyPasteIndex(settings=s)
    pairs = []
    for i, text in enumerate(texts):
        pairs += [(i, int(m.comment_id)) for m in index.add(str(i), text)]
    return _pairs_to_clusters(pairs, len(texts))


def exact_stage(texts: list[str]) -> tuple[float, float]:
    """comments/s of normalisation, and of the exact-hash lookup on normalised text."""
    t0 = time.perf_counter()
    bare = strip_many(texts)
    t1 = time.perf_counter()
    seen: dict[str, int] = {}
    for i, b in enumerate(bare):
        seen.setdefault(b, i)
    t2 = time.perf_counter()
    return len(texts) / (t1 - t0), len(texts) / (t2 - t1)


def index_memory(texts: list[str], s: DedupSettings) -> float:
    """MiB held by an index of these comments (built with add_many)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = CopyPasteIndex(settings=s)
    index.add_many((str(i), t, None) for i, t in enumerate(texts))
    held = (tracemalloc.get_traced_memory()[0] - before) / 2**20
    tracemalloc.stop()
    del index
    return held


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--organic", type=int, default=100_000)
    ap.add_argument("--templates", type=int, default=500)
    ap.add_argument("--skip-baselines", action="store_true")
    args = ap.parse_args()
    stream = generate(args.organic, args.templates)
    texts, s = stream.texts, DedupSettings()
    bare = strip_many(texts)
    n = len(texts)
    print(f"comments: {n} ({sum(f >= 0 for f in stream.family)} copies of {args.templates} templates)")
    norm_rate, exact_rate = exact_stage(texts)
    print(f"exact stage: normalise {norm_rate:,.0f}/s, hash lookup {exact_rate:,.0f}/s")
    print(f"index memory (add_many): {index_memory(texts, s):.0f} MiB for {n} comments")
    runs: list[tuple[str, Callable[[], Clusters]]] = [
        ("nook batch", lambda: find_copy_clusters(texts, s)),
        ("nook incremental", lambda: run_incremental(texts, s)),
    ]
    if not args.skip_baselines:
        runs += [("rensa 0.5", lambda: run_rensa(texts, s)), ("datasketch 2.0", lambda: run_datasketch(texts, s))]
    base_rate = None
    for name, fn in runs:
        clusters, dt, peak = timed(fn)
        m = score(clusters, stream, bare, s.threshold)
        rate = n / dt
        base_rate = base_rate or rate
        print(
            f"{name:18s} {rate:9,.0f}/s  pairP {m['pair_precision']:.3f} "
            f"({m['pair_precision_oracle']:.3f}) pairR {m['pair_recall']:.3f}  "
            f"commentP {m['comment_precision']:.3f} commentR {m['comment_recall']:.3f}  "
            f"clusters {m['clusters']:5.0f}  peak {peak:6.0f} MiB  "
            f"(nook batch / this = {base_rate / rate:.1f}x)"
        )


if __name__ == "__main__":
    main()
