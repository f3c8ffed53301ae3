"""Evaluate `nook.engine.suggest` on 200 real Weibo posts held out from everything used to build it.

    taskset -c 0 uv run python bench/suggest_eval.py [--data-dir ../shared/data] [--n 200] [--seed 7]

Posts: SMP2020-EWECT usual_eval_labeled (research use; read here, never shipped). The template bank
was written without reading this split, and the retrieval index comes from LCCC, a different corpus.
Readers with connected history: each post is paired with another usual_eval post (outside the 200)
that shares one of its keywords; unconnected readers get a post that shares none.
Timing: the first pass asks once about each post (nothing about it cached yet); the history passes ask
about the same posts again, as other readers would, and so reuse the engine's per-post reading. CPU
time is printed for the first pass alone and for all timed requests, then for two shapes the 200
lack: 20-post reader histories (what the web app passes) and 500/2,000-char posts made of held-out posts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from nook.engine import classify_emotion, extract_keywords
from nook.engine.comments import assess_comment
from nook.engine.suggest import suggest
from nook.engine.suggest._encode import embed

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
STOCK = ("好看", "赞", "加油")
_CLASH = {"sad": {"happy", "angry", "surprise"}, "fear": {"happy", "angry", "surprise"},
          "happy": {"sad", "angry", "fear"}, "angry": {"happy"}}  # fmt: skip


def load_posts(data_dir: Path, n: int, seed: int) -> tuple[list[str], list[str]]:
    rows = json.loads((data_dir / "smp2020_ewect" / "usual_eval_labeled.json").read_text(encoding="utf-8"))
    texts = [r["content"].strip() for r in rows if 8 <= len(r["content"].strip()) <= 140]
    random.Random(seed).shuffle(texts)
    return texts[:n], texts[n:]


def distinct2(texts: list[str]) -> float:
    grams = [t[i : i + 2] for t in texts for i in range(len(t) - 1)]
    return len(set(grams)) / max(1, len(grams))


def fits(post_label: str, text: str) -> bool:
    return classify_emotion(text).label not in _CLASH.get(post_label, set())


def pick_histories(posts: list[str], pool: list[str], rng: random.Random) -> tuple[list[str | None], list[str]]:
    connected: list[str | None] = []
    unconnected = []
    for post in posts:
        words = [w for w in extract_keywords(post, 5) if len(w) >= 2]
        match = [p for p in pool if any(w in p for w in words)]
        connected.append(rng.choice(match) if match else None)
        unconnected.append(rng.choice([p for p in pool[:400] if not any(w in p for w in words)]))
    return connected, unconnected


CPU_MS: list[float] = []  # CPU time of each timed request: wall time on a shared machine includes waiting


def timed(post: str, history: list[str]) -> tuple[list, float]:  # type: ignore[type-arg]
    t, c = time.perf_counter(), time.process_time()
    found = suggest(post, history)
    CPU_MS.append((time.process_time() - c) * 1000)
    return found, (time.perf_counter() - t) * 1000


def pct(xs: list[bool]) -> str:
    return f"{100 * sum(xs) / max(1, len(xs)):.1f}%"


def quantiles(xs: list[float], *qs: int) -> str:
    return " ".join(f"p{q} {np.percentile(xs, q):.1f}" for q in qs)


def joined(texts: Iterator[str], size: int, count: int) -> list[str]:
    """`count` long posts of `size` chars, each made of consecutive held-out posts taken from `texts`."""
    out, cur = [], ""
    for text in texts:
        cur += text if text.endswith(("。", "！", "？", "!", "?")) else text + "。"
        if len(cur) >= size:
            out.append(cur[:size])
            cur = ""
        if len(out) == count:
            break
    return out


def cpu_ms(post: str, history: list[str]) -> float:
    c = time.process_time()
    suggest(post, history)
    return (time.process_time() - c) * 1000


def shapes(pool: list[str], seed: int) -> list[str]:
    """CPU time beyond the 200: readers with 20 recent posts (what nook.social.suggestions passes, the
    same 40 readers coming back) and long posts (Nook allows 2,000 chars); posts unseen before."""
    rng = random.Random(seed + 1)  # its own generator: the examples printed later stay the same
    readers = [rng.sample(pool[600:1000], 20) for _ in range(40)]
    hist = [cpu_ms(post, readers[i % 40]) for i, post in enumerate(pool[400:600])]
    out = [f"CPU ms, 20-post reader history ({len(hist)} posts, 40 readers): {quantiles(hist, 50, 99)}"]
    rest = iter(pool[1000:])  # shared, so the two sizes use different posts
    for size, count in ((500, 20), (2000, 8)):
        ms = [cpu_ms(post, []) for post in joined(rest, size, count)]
        out.append(f"CPU ms, {size}-char posts ({len(ms)}): {quantiles(ms, 50, 99)}")
    return out


def cosine(a: str, b: str) -> float:
    va, vb = embed([a, b])
    return float(np.dot(va, vb))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    posts, pool = load_posts(args.data_dir, args.n, args.seed)
    rng = random.Random(args.seed)
    suggest("热身一下", ["热身"])  # load models once; not timed
    runs = [timed(p, []) for p in posts]  # each post's first request: nothing about it is cached yet
    cold_cpu = list(CPU_MS)
    latencies = [ms for _, ms in runs]
    connected, unconnected = pick_histories(posts, pool, rng)
    conn_runs = [(timed(p, [h])[0], h) for p, h in zip(posts, connected, strict=True) if h]
    conn_lat = [timed(p, [h, u])[1] for p, h, u in zip(posts, connected, unconnected, strict=True) if h]
    unconn = [suggest(p, [u]) for p, u in zip(posts, unconnected, strict=True)]
    extra = shapes(pool, args.seed)
    report(posts, [f for f, _ in runs], latencies, conn_runs, conn_lat, unconn, rng, cold_cpu, extra)


def report(posts, shown, latencies, conn_runs, conn_lat, unconn, rng, cold_cpu, extra) -> None:  # type: ignore[no-untyped-def]
    rel, stock_rel, fit, stock_fit, d2, low, stock_low, spec, spec_post, q = [], [], [], [], [], [], [], [], [], []
    sources: dict[str, int] = {}
    for post, found in zip(posts, shown, strict=True):
        label = classify_emotion(post).label
        words = [w for w in extract_keywords(post, 5) if len(w) >= 2]
        texts = [s.text for s in found]
        vecs = embed([post, *texts, *STOCK])
        rel += [float(vecs[0] @ v) for v in vecs[1:4]]
        stock_rel += [float(vecs[0] @ v) for v in vecs[4:]]
        fit += [fits(label, t) for t in texts]
        stock_fit += [fits(label, t) for t in STOCK]
        d2.append(distinct2(texts))
        verdicts = [assess_comment(t, post) for t in texts]
        low += [v.low_value.flag for v in verdicts]
        q += [v.quality.score for v in verdicts]
        stock_low += [assess_comment(t, post, use_encoder=False).low_value.flag for t in STOCK]
        hits = [any(w in t for w in words) for t in texts]
        spec += hits
        spec_post.append(any(hits))
        for s in found:
            sources[s.source] = sources.get(s.source, 0) + 1
    used = [any(s.source == "personal" for s in found) for found, _ in conn_runs]
    false_personal = [any(s.source == "personal" for s in found) for found in unconn]
    print(f"posts: {len(posts)}; suggestions: {3 * len(posts)}; sources: {sources}")
    print(f"relevance (USE cosine to post): ours mean {statistics.mean(rel):.3f} median {statistics.median(rel):.3f}"
          f" | stock {STOCK} mean {statistics.mean(stock_rel):.3f}")  # fmt: skip
    print(f"emotional fit (engine label compatible): ours {pct(fit)} | stock {pct(stock_fit)}")
    print(f"distinct-2 among the three: mean {statistics.mean(d2):.3f}")
    print(f"low-value flagged: ours {pct(low)} | stock {pct(stock_low)}")
    high = pct([x >= 60 for x in q])
    print(f"quality score (encoder on): mean {statistics.mean(q):.1f}, min {min(q)}, share >= 60 {high}")
    print(f"names a post keyword: {pct(spec)} of suggestions; posts with >= 1 such suggestion {pct(spec_post)}")
    print(f"connected history: {len(conn_runs)} readers; uses it in >= 1 suggestion: {pct(used)}")
    print(f"unconnected history: {len(unconn)} readers; personal line anyway: {pct(false_personal)}")
    print(f"latency ms, no history: {quantiles(latencies, 50, 90, 99)} max {max(latencies):.1f}")
    print(f"latency ms, 2-post history: {quantiles(conn_lat, 50, 99)}")
    print(f"CPU ms per request (all timed runs): {quantiles(CPU_MS, 50, 99)}")
    print(f"CPU ms, first request on each post (post not cached): {quantiles(cold_cpu, 50, 99)}")
    print("\n".join(extra))
    print("\n20 random examples (unedited):\n")
    for i in sorted(rng.sample(range(len(posts)), 20)):
        print(f"- **{posts[i]}**")
        for s in shown[i]:
            print(f"  - [{s.intent}] {s.text}")


if __name__ == "__main__":
    main()
