"""Check `nook.engine.suggest` on development posts only, and time it on one core.

    taskset -c 0 uv run python bench/suggest_eval.py [--data-dir ../shared/data] [--n 600] [--seed 7]

Posts: SMP2020-EWECT `usual_train_reconstructed.json` and `virus_train.json`, and NLPCC 2013 train
(research use; read here, never shipped). The held-out splits (SMP2020 `*_eval_labeled.json`, LCCC
toy_train lines 8,000 and later) are never opened: they are the blind set another person rates.

Printed: how posts spread over situations (and how many stay `general`), crisis flags, automatic
checks on every line shown (a clash with the post's feeling by the engine's own emotion model, a
brush-off word, an unfilled slot, a 「」 quote), sources, distinct lines, and CPU time per request:
each post's first request, a reader with a 20-post history (what the web app passes), and long posts.
These checks are not the blind rating (bench/suggest_blind*): they catch regressions.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np

from nook.engine import classify_emotion, detect_crisis
from nook.engine.suggest import suggest
from nook.engine.suggest.pipeline import _read

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
_CLASH = {"sad": {"happy"}, "fear": {"happy"}, "happy": {"sad", "angry", "fear"}, "angry": {"happy"}}
_BAD = re.compile(r"多喝热水|怎么回事|评评理|\{|「|」")


def load_posts(data_dir: Path, n: int, seed: int) -> list[str]:
    """`n` development posts, 8-140 chars, shuffled with `seed` (train splits only)."""
    smp = data_dir / "smp2020_ewect"
    rows = json.loads((smp / "usual_train_reconstructed.json").read_text(encoding="utf-8"))
    rows += json.loads((smp / "virus_train.json").read_text(encoding="utf-8"))
    texts = [str(r["content"]).strip() for r in rows]
    with (data_dir / "nlpcc_weibo_emotion" / "Nlpcc2013Train.csv").open(encoding="utf-8") as f:
        texts += [r[1].strip() for r in list(csv.reader(f))[1:] if len(r) > 1]
    texts = [t for t in dict.fromkeys(texts) if 8 <= len(t) <= 140 and "//@" not in t]
    random.Random(seed).shuffle(texts)
    return texts[: n + 1200]


def cpu_ms(post: str, history: list[str]) -> float:
    c = time.process_time()
    suggest(post, history)
    return (time.process_time() - c) * 1000


def quantiles(xs: list[float]) -> str:
    return " ".join(f"p{q} {np.percentile(xs, q):.1f}" for q in (50, 90, 99)) + f" max {max(xs):.1f}"


def checks(posts: list[str]) -> None:
    situations: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    clashes = bad = crises = 0
    shown: list[str] = []
    per_post: Counter[int] = Counter()
    for post in posts:
        reading = _read(post, None)
        situations[reading.situation.name] += 1
        crises += detect_crisis(post) is not None
        label = classify_emotion(post).label
        found = suggest(post)
        per_post[len(found)] += 1
        for s in found:
            sources[s.source] += 1
            shown.append(s.text)
            clashes += classify_emotion(s.text).label in _CLASH.get(label, set()) and s.source != "scene"
            bad += bool(_BAD.search(s.text))
    n = len(posts)
    general = situations.pop("general", 0)
    print(f"posts {n}: situation read for {n - general} ({100 * (n - general) / n:.0f}%), general {general}")
    print("top situations:", ", ".join(f"{k} {v}" for k, v in situations.most_common(15)))
    counts = Counter(shown)
    top = ", ".join(f"{t} ×{c}" for t, c in counts.most_common(3))
    print(f"crisis flagged: {crises}; lines shown {len(shown)} ({len(shown) / n:.2f} per post), distinct {len(counts)}")
    print(f"lines per post: {dict(sorted(per_post.items()))}; most repeated: {top}")
    print(f"emotion clashes (non-situation lines): {clashes}; brush-off/slot/quote lines: {bad}")
    print("sources:", dict(sources))


def timing(posts: list[str], pool: list[str], seed: int) -> None:
    suggest("热身一下", ["热身"])  # load models once; not timed
    first = [cpu_ms(p, []) for p in posts]
    print(f"CPU ms, first request per post ({len(first)}): {quantiles(first)}")
    rng = random.Random(seed + 1)
    readers = [rng.sample(pool[:600], 20) for _ in range(40)]
    fresh = pool[600:1000]
    hist = [cpu_ms(post, readers[i % 40]) for i, post in enumerate(fresh)]
    print(f"CPU ms, new post + 20-post reader history ({len(hist)}, 40 readers): {quantiles(hist)}")
    again = [cpu_ms(post, readers[(i + 7) % 40]) for i, post in enumerate(fresh[:200])]
    print(f"CPU ms, post already read, another reader (200): {quantiles(again)}")
    long = ["。".join(pool[1000 + i * 25 : 1000 + (i + 1) * 25])[:2000] for i in range(8)]
    print(f"CPU ms, 2,000-char posts (8): {quantiles([cpu_ms(p, []) for p in long])}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    texts = load_posts(args.data_dir, args.n, args.seed)
    posts, pool = texts[: args.n], texts[args.n :]
    timing(posts, pool, args.seed)
    checks(posts)


if __name__ == "__main__":
    main()
