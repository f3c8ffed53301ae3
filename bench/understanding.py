"""Understanding bench: `analyze` throughput and peak memory on one core, next to SnowNLP sentiment
on the same texts, plus the emotion model's figures on the SMP2020-EWECT dev splits.

    uv run --group bench python bench/understanding.py [--data-dir ../shared/data] [--posts 20000]

Each side runs in its own child process pinned to one CPU (peak RSS is per process). Texts are the
usual_eval + virus_eval posts, repeated to --posts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core means no BLAS threads either

SPLITS = ("usual_eval_labeled", "virus_eval_labeled")


def _texts(data_dir: Path, n: int) -> list[str]:
    # Read the JSON directly: importing nook.engine here would hide its import time from cold start.
    rows = [r for s in SPLITS for r in json.loads((data_dir / "smp2020_ewect" / f"{s}.json").read_text("utf-8"))]
    base = [r["content"] for r in rows if isinstance(r["content"], str) and r["content"].strip()]
    return [base[i % len(base)] for i in range(n)]


def _pin_one_core() -> None:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rates(n: int, start: float, cpu: float, cold: float) -> dict[str, float]:
    """Posts per wall second and per CPU second (the latter is steady on a busy shared machine)."""
    wall, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    return {
        "posts": n,
        "posts_per_s": n / wall,
        "posts_per_cpu_s": n / cpu_s,
        "cold_start_s": cold,
        "peak_rss_mb": _peak_mb(),
    }


def worker_analyze(texts: list[str]) -> dict[str, float]:
    """Full `analyze_stream` over JSON lines, including JSON parsing and serialisation."""
    start = time.perf_counter()
    from nook.engine.analyze import analyze_stream

    list(analyze_stream([json.dumps({"id": 0, "text": "预热一下模型"})]))  # lazy model + dictionaries
    cold = time.perf_counter() - start
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    start, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for result in analyze_stream(lines) if json.dumps(result, ensure_ascii=False))
    return _rates(n, start, cpu, cold)


def worker_snownlp(texts: list[str]) -> dict[str, float]:
    """SnowNLP sentiment (one positive-probability per text) on the same texts."""
    start = time.perf_counter()
    from snownlp import SnowNLP

    _ = SnowNLP("预热一下模型").sentiments
    cold = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        _ = SnowNLP(text).sentiments
    return _rates(len(texts), start, cpu, cold)


def _polarity(data_dir: Path, limit: int) -> dict[str, float]:
    """Positive-vs-negative accuracy of both systems on dev posts labelled happy vs angry/sad/fear."""
    from snownlp import SnowNLP

    from nook.engine.emotion import classify_emotions
    from nook.engine.emotion_training import smp_rows

    polar = {"happy": 1, "angry": 0, "sad": 0, "fear": 0}
    rows = [(t, polar[lab]) for s in SPLITS for t, lab in smp_rows(data_dir, s) if lab in polar][:limit]
    ours = classify_emotions([t for t, _ in rows])
    ours_ok = sum(int(r.scores["happy"] > 1 - r.scores["happy"] - r.scores["neutral"] - r.scores["surprise"]) == y
                  for r, (_, y) in zip(ours, rows, strict=True))  # fmt: skip
    snow_ok = sum(int(SnowNLP(t).sentiments > 0.5) == y for t, y in rows)
    return {"n": len(rows), "nook_accuracy": ours_ok / len(rows), "snownlp_accuracy": snow_ok / len(rows)}


def _child(kind: str, args: argparse.Namespace) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--worker", kind, "--data-dir", str(args.data_dir), "--posts", str(args.posts)]
    cmd += ["--snownlp-posts", str(args.snownlp_posts)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--snownlp-posts", type=int, default=2000, help="SnowNLP is slow: time it on fewer")
    parser.add_argument("--worker", choices=["analyze", "snownlp"])
    args = parser.parse_args()
    if args.worker:
        _pin_one_core()
        run = worker_analyze if args.worker == "analyze" else worker_snownlp
        n = args.posts if args.worker == "analyze" else args.snownlp_posts
        print(json.dumps(run(_texts(args.data_dir, n))))
        return

    from nook.engine.emotion import load_model
    from nook.engine.emotion_training import dev_halves, evaluate, smp_rows

    nook, snow = _child("analyze", args), _child("snownlp", args)
    report = {
        "analyze": nook,
        "snownlp_sentiment": snow,
        "speed_ratio_nook_over_snownlp": nook["posts_per_cpu_s"] / snow["posts_per_cpu_s"],
        "polarity": _polarity(args.data_dir, 2000),
        "emotion_dev_held": {s: evaluate(load_model(), dev_halves(args.data_dir, s)[1]) for s in SPLITS},
        "emotion_all": {s: evaluate(load_model(), smp_rows(args.data_dir, s)) for s in SPLITS},
        "model": {"version": load_model().version, "features": len(load_model().hashes)},
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
