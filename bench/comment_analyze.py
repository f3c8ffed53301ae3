"""`nook engine analyze` of comments, end to end on one core, against a baseline tree in the same run.

    uv run python bench/comment_analyze.py --baseline-src BEFORE/src [--comments 2000] [--rounds 3]

Records are LCCC Weibo exchanges (read from ../shared/data at run time): the first turn is the post,
the reply is the comment, so every comment has a post of its own (the case where caching posts
helps least). Each run is a child `nook engine analyze` process pinned to one core, start-up
included, reading the records on stdin; baseline and new runs alternate and the medians are
compared; this tree and the baseline also run with --no-encoder. A run on the first record alone gives each
side's start-up, so the steady rate (start-up taken off, as in a long-running job) is shown too.
CPU seconds are given next to wall seconds because the machine is shared: the CPU rate is the
steadier figure. Without --baseline-src only this tree is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LCCC = ROOT / ".." / "shared" / "data" / "lccc_cdial_toy" / "toy_train.txt"
CLI = "from nook.cli.main import app; app()"


def records(n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    with LCCC.open(encoding="utf-8") as lines:
        for line in lines:
            turns = [t.replace(" ", "") for t in line.rstrip("\n").split("\t")]
            if len(turns) >= 2 and turns[0] and turns[1]:
                out.append({"id": len(out), "kind": "comment", "text": turns[1], "post": turns[0]})
            if len(out) == n:
                break
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(src: Path, data: Path, out: Path, flags: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `nook engine analyze` over data, with nook imported from src."""
    env = {**os.environ, "PYTHONPATH": str(src), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    core = sorted(os.sched_getaffinity(0))[0]
    cpu, start = _children_cpu(), time.perf_counter()
    with data.open("rb") as stdin, out.open("wb") as stdout:
        subprocess.run(
            ["taskset", "-c", str(core), sys.executable, "-c", CLI, "engine", "analyze", *flags],
            stdin=stdin,
            stdout=stdout,
            env=env,
            check=True,
        )
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--comments", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline-src", type=Path, help="src/ of the tree to compare with, e.g. BEFORE/src")
    args = ap.parse_args()
    recs = records(args.comments)
    sides = {"new": (ROOT / "src", [])} | ({"baseline": (args.baseline_src, [])} if args.baseline_src else {})
    sides["no-encoder"] = (ROOT / "src", ["--no-encoder"])
    if args.baseline_src:  # without the encoder, the rest of the analysis is what a change costs or saves
        sides["base-no-enc"] = (args.baseline_src, ["--no-encoder"])
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    startup: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory() as tmp:
        data, first = Path(tmp) / "comments.jsonl", Path(tmp) / "first.jsonl"
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in recs]
        data.write_text("".join(lines), encoding="utf-8")
        first.write_text(lines[0], encoding="utf-8")
        for _ in range(args.rounds):
            for name in ("baseline", "new", "base-no-enc", "no-encoder"):  # each baseline, then new, back to back
                if name in sides:
                    src, flags = sides[name]
                    times[name].append(run_cli(src, data, Path(tmp) / f"{name}.jsonl", flags))
                    startup[name].append(run_cli(src, first, Path(tmp) / "first-out.jsonl", flags))
        outputs = {name: (Path(tmp) / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() for name in sides}
    n = len(recs)
    print(f"comments: {n} LCCC replies, each with its own post; {args.rounds} rounds, one core, start-up included")
    rates = {}
    for name, runs in times.items():
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        start_cpu = statistics.median(c for _, c in startup[name])
        rates[name] = (n / wall, n / cpu)
        print(f"{name:10s} median {wall:6.2f} s wall ({n / wall:6.0f} comments/s), ", end="")
        print(f"{cpu:6.2f} s CPU ({n / cpu:6.0f} per CPU-s); start-up {start_cpu:.2f} s CPU, ", end="")
        print(f"steady {(n - 1) / max(cpu - start_cpu, 1e-9):6.0f} per CPU-s")
    if "baseline" in rates:
        wall_ratio = rates["new"][0] / rates["baseline"][0]
        cpu_ratio = rates["new"][1] / rates["baseline"][1]
        print(f"ratio new / baseline: {wall_ratio:.2f}x wall, {cpu_ratio:.2f}x CPU")
        fast_wall = rates["no-encoder"][0] / rates["baseline"][0]
        fast_cpu = rates["no-encoder"][1] / rates["baseline"][1]
        print(f"ratio no-encoder / baseline: {fast_wall:.2f}x wall, {fast_cpu:.2f}x CPU")
        both_wall = rates["no-encoder"][0] / rates["base-no-enc"][0]
        both_cpu = rates["no-encoder"][1] / rates["base-no-enc"][1]
        print(f"ratio no-encoder / baseline no-encoder: {both_wall:.2f}x wall, {both_cpu:.2f}x CPU")
        same = sum(a == b for a, b in zip(outputs["new"], outputs["baseline"], strict=True))
        print(f"identical output lines: {same}/{n}")


if __name__ == "__main__":
    main()
