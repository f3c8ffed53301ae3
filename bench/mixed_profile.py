"""Where the mixed 90/10 profile's time goes: per-kind request latency, the write lock, after-commit work.

    .venv/bin/python bench/mixed_profile.py [--workers 2] [--duration 15] [--baseline-src /tmp/before/src]

Serves a fresh copy of the demo site `bench/http_load.py` prepared (run that first) with the timing probe
`bench/mixed_probe/sitecustomize.py` on `PYTHONPATH`, drives the mixed profile with `wrk -t2 -c64` (the
same Lua script), and prints, per kind of sample, count, mean, p50, p99 and max in ms. With
`--baseline-src` the same is measured for that tree's code first, against the same data.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import http_load as hl  # beside this script

PROBE = hl.ROOT / "bench" / "mixed_probe"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--data", type=Path, default=hl.OUT / "site", help="the site http_load.py prepared")
    parser.add_argument("--baseline-src", default="", help="a tree's src/ to measure first, as 'before'")
    args = parser.parse_args()
    if not (args.data / "loaded.json").exists():
        sys.exit(f"no prepared site at {args.data}; run bench/http_load.py first")
    args.database_url = args.redis_url = ""
    results = {}
    sides = [("before", args.baseline_src)] if args.baseline_src else []
    for label, src in [*sides, ("after", str(hl.ROOT / "src"))]:
        results[label] = _profile(args, label, src)
        _print(label, results[label])
    (hl.OUT / "mixed_profile.json").write_text(json.dumps(results, indent=1))


def _profile(args: argparse.Namespace, label: str, src: str) -> dict[str, Any]:
    data = hl._fresh_copy(args, args.data, f"mixed-profile-{args.workers}")
    probe_dir = hl.OUT / f"probe-{label}"
    shutil.rmtree(probe_dir, ignore_errors=True)
    probe_dir.mkdir(parents=True)
    env = hl._site_env(args, data) | {"PYTHONPATH": f"{PROBE}:{src}", "NOOK_PROBE_DIR": str(probe_dir)}
    log = hl.OUT / f"mixed-profile-{label}.log"
    with hl._serving(hl._nook_cmd("uvicorn", args.workers), env, "/api/v1/explore?limit=1", log) as base:
        who = hl._who(base)
        os.environ["BENCH_POSTS"] = ",".join(str(p) for p in who["posts"])
        reads = [t.format(post=who["post"], name=who["name"]) for _, t, _ in hl.ENDPOINTS if t.startswith("/api/")]
        for path in probe_dir.iterdir():  # what sign-in and start-up did is not the profile
            path.unlink()
        time.sleep(2.5)
        for path in probe_dir.iterdir():
            path.unlink()
        wrk = hl._wrk(args, base, reads, who["tokens"], writes=True)
        time.sleep(2.5)  # one more dump from every process
    samples: dict[str, list[float]] = {}
    for path in probe_dir.glob("*.json"):
        for name, values in json.loads(path.read_text()).items():
            samples.setdefault(name, []).extend(values)
    return {"wrk": wrk, "samples": {name: _summary(v, name) for name, v in sorted(samples.items())}}


def _summary(values: list[float], name: str) -> dict[str, float]:
    values = sorted(values)
    if name == "outbox events handled":
        return {"n": len(values), "sum": sum(values)}
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return {"n": len(values), "mean": sum(values) / len(values), "p50": pick(0.5), "p99": pick(0.99), "max": values[-1]}


def _print(label: str, result: dict[str, Any]) -> None:
    w = result["wrk"]
    print(f"\n{label}: {w['rps']:.0f} req/s, p50 {w['p50_ms']:.0f} ms, p99 {w['p99_ms']:.0f} ms, 5xx {w['status5xx']}")
    print("| sample | n | mean ms | p50 | p99 | max |\n|---|---|---|---|---|---|")
    for name, s in result["samples"].items():
        if "mean" in s:
            print(f"| {name} | {s['n']} | {s['mean']:.1f} | {s['p50']:.1f} | {s['p99']:.1f} | {s['max']:.1f} |")
        else:
            print(f"| {name} | {s['n']} batches | {s['sum']:.0f} events | | | |")


if __name__ == "__main__":
    main()
