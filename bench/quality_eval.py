"""Comment quality on the labelled set bench/data/quality_eval.jsonl: low-value precision/recall,
warm > normal > low-value ordering, and throughput/memory of the full comment analysis.

    uv run python bench/quality_eval.py

The set (see bench/data/README.md) holds 120 real Weibo post→reply pairs from LCCC and 108 comments
written for twelve posts. Nothing in the scorer was fitted on it; its rules were written before
the LCCC labels were made, and the written comments were written before the scorer was run on them.
"""

from __future__ import annotations

import json
import os
import resource
import time
import tracemalloc
from itertools import product
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nook.engine.comments import assess_comment, assess_comments

DATA = Path(__file__).parent / "data" / "quality_eval.jsonl"
RANK = {"low_value": 0, "normal": 1, "warm": 2}


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def low_value_pr(rows: list[dict[str, Any]]) -> str:
    tp = sum(r["flag"] and r["label"] == "low_value" for r in rows)
    flagged = sum(r["flag"] for r in rows)
    gold = sum(r["label"] == "low_value" for r in rows)
    return f"precision {tp}/{flagged} = {tp / max(flagged, 1):.3f}, recall {tp}/{gold} = {tp / max(gold, 1):.3f}"


def ordering(rows: list[dict[str, Any]], within_post: bool) -> str:
    """Share of (higher label, lower label) pairs whose scores are in that order; ties count half."""
    out = []
    for hi, lo in (("warm", "normal"), ("normal", "low_value"), ("warm", "low_value")):
        pairs = [
            (a, b)
            for a, b in product([r for r in rows if r["label"] == hi], [r for r in rows if r["label"] == lo])
            if not within_post or a["post"] == b["post"]
        ]
        if not pairs:
            continue
        good = sum(1.0 if a["score"] > b["score"] else 0.5 if a["score"] == b["score"] else 0.0 for a, b in pairs)
        out.append(f"{hi}>{lo} {good / len(pairs):.3f} (n={len(pairs)})")
    return ", ".join(out)


def score_all(rows: list[dict[str, Any]], use_encoder: bool) -> tuple[list[dict[str, Any]], float]:
    """Scores from the batch path `nook engine analyze` takes, and comments/s (one batch of all rows)."""
    t0 = time.perf_counter()
    verdicts = assess_comments([(r["comment"], r["post"]) for r in rows], use_encoder=use_encoder)
    out = [
        {**r, "score": a.quality.score, "flag": a.low_value.flag, "code": a.low_value.code}
        for r, a in zip(rows, verdicts, strict=True)
    ]
    return out, len(rows) / (time.perf_counter() - t0)


def main() -> None:
    rows = load()
    assess_comment("热身", "加载模型", use_encoder=True)  # load models once, outside the timing
    tracemalloc.start()
    scored, rate = score_all(rows, use_encoder=True)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    _, rate_fast = score_all(rows, use_encoder=False)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"comments: {len(rows)}")
    for name, subset in (
        ("all", scored),
        ("LCCC", [r for r in scored if r["source"].startswith("lccc")]),
        ("written", [r for r in scored if r["source"] == "written"]),
    ):
        print(f"[{name}] low-value {low_value_pr(subset)}")
        print(f"[{name}] ordering, any two comments: {ordering(subset, within_post=False)}")
    print(f"[written] ordering, same post: {ordering([r for r in scored if r['source'] == 'written'], True)}")
    for label in RANK:
        s = sorted(r["score"] for r in scored if r["label"] == label)
        print(f"score of {label}: median {s[len(s) // 2]}, min {s[0]}, max {s[-1]}")
    print(f"throughput, one core: {rate:.0f} comments/s with the sentence encoder, {rate_fast:.0f}/s without")
    print(f"memory: peak traced during scoring {peak:.0f} MiB; process max RSS {rss:.0f} MiB (models loaded)")
    missed = [r for r in scored if r["label"] == "low_value" and not r["flag"]]
    wrong = [r for r in scored if r["label"] != "low_value" and r["flag"]]
    print("missed low-value:", [r["comment"][:20] for r in missed])
    print("flagged but not low-value:", [(r["comment"][:20], r["code"]) for r in wrong])


if __name__ == "__main__":
    main()
