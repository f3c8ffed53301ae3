"""Copy-paste detection benchmark: Nook's numpy MinHash LSH against datasketch and rensa, same run.

    uv run --group bench python bench/dedup_bench.py [--organic 100000] [--templates 500]
        [--baseline-src BEFORE/src --rounds 5]

Prints pair and comment precision/recall, comments/s end to end (normalisation included) and
memory, for the batch path, the incremental index, and both baselines. One process, one core.
With --baseline-src, `find_copy_clusters` of that tree and of this one are also timed in child
processes on the same core, alternating, and the medians compared (the shared machine's load
moves absolute rates by 2x; the ratio is the figure to trust).
Baselines get the same normalisation, eligibility rule and exact-Jaccard verification of their LSH
candidates, so the comparison is of the MinHash/LSH machinery. Pair precision in brackets also
counts chance near-duplicates the generator made (see _chance_pairs).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
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


CHILD = """
import json, sys, time
from nook.engine.comments.copypaste import find_copy_clusters
texts = json.load(open(sys.argv[1], encoding="utf-8"))
find_copy_clusters(texts[:2000])  # builds the normalisation regex once, outside the timing
start, cpu = time.perf_counter(), time.process_time()
clusters = find_copy_clusters(texts)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "clusters": clusters}))
"""


def side_by_side(texts: list[str], stream: Stream, baseline_src: Path, rounds: int) -> None:
    """find_copy_clusters of baseline_src and of this tree in alternating child processes, one core."""
    sides = {"baseline": baseline_src, "new": Path(__file__).resolve().parents[1] / "src"}
    core = str(sorted(os.sched_getaffinity(0))[0])
    seconds: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    clusters: dict[str, Clusters] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "texts.json"
        data.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        for _ in range(rounds):
            for name, src in sides.items():
                env = {**os.environ, "PYTHONPATH": str(src), "OPENBLAS_NUM_THREADS": "1"}
                cmd = ["taskset", "-c", core, sys.executable, "-c", CHILD, str(data)]
                result = json.loads(subprocess.run(cmd, env=env, capture_output=True, check=True).stdout)
                seconds[name].append(result["seconds"])
                cpu[name].append(result["cpu"])
                clusters[name] = result["clusters"]
    bare = strip_many(texts)
    for name in sides:
        m = score(clusters[name], stream, bare, DedupSettings().threshold)
        runs = ", ".join(f"{len(texts) / t:,.0f}" for t in seconds[name])
        print(
            f"{name:9s} find_copy_clusters median {len(texts) / statistics.median(seconds[name]):9,.0f}/s "
            f"(runs {runs}), {len(texts) / statistics.median(cpu[name]):9,.0f} per CPU-s  "
            f"pairP {m['pair_precision']:.3f} pairR {m['pair_recall']:.3f}"
        )
    ratio = statistics.median(seconds["baseline"]) / statistics.median(seconds["new"])
    cpu_ratio = statistics.median(cpu["baseline"]) / statistics.median(cpu["new"])
    same = sorted(map(sorted, clusters["new"])) == sorted(map(sorted, clusters["baseline"]))
    print(f"new / baseline: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU; same clusters: {same}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--organic", type=int, default=100_000)
    ap.add_argument("--templates", type=int, default=500)
    ap.add_argument("--skip-baselines", action="store_true")
    ap.add_argument("--baseline-src", type=Path, help="src/ of a tree to time side by side, e.g. BEFORE/src")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    stream = generate(args.organic, args.templates)
    texts, s = stream.texts, DedupSettings()
    if args.baseline_src:
        side_by_side(texts, stream, args.baseline_src, args.rounds)
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
