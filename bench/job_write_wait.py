"""How long a member's write waits while a scheduled job runs, on SQLite, against a baseline tree.

    uv run python bench/job_write_wait.py --baseline-src BEFORE/src [--size 1] [--rounds 3]

A demo site of `--size` is made once (kept under bench/out/job_write_wait/size-N). For each job, each
round, and each tree (baseline, then this one, back to back), a child process with that tree's `nook`
on PYTHONPATH gets a fresh copy of the site, sets the job's cursor to 0 (its first run: the analytics
backfill of every day, the ring scan of the whole lookback) and runs it in one thread, while another
thread writes one row every 50 ms in its own short transaction, as a member's like would. The child
prints the job's seconds and each write's wait; the medians over rounds are shown side by side.
With --alone no writes run beside the job: its own time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "job_write_wait"
CLI = "from nook.cli.main import app; app()"
JOBS = ("analytics", "rings_scan", "leaderboards", "ranking_refresh")

#: Run in the child: the job in a thread, one-row writes beside it until it ends.
CHILD = """
import json, sys, threading, time
from sqlalchemy import update
from nook.jobs import schedule, table
from nook.store.db import transaction
from nook.store.models import JobRun

name, alone = sys.argv[1], sys.argv[2] == "alone"
table.install()
with transaction() as s:
    s.execute(update(JobRun).where(JobRun.name == name).values(cursor=0))
done, took = threading.Event(), []

def job():
    start = time.perf_counter()
    schedule.run_job(name)
    took.append(time.perf_counter() - start)
    done.set()

worker = threading.Thread(target=job)
worker.start()
waits, failed = [], 0
while not alone and not done.is_set():
    start = time.perf_counter()
    try:
        with transaction() as s:
            s.execute(update(JobRun).where(JobRun.name == "fandom_weeks").values(cursor=JobRun.cursor))
        waits.append(time.perf_counter() - start)
    except Exception:
        failed += 1
    time.sleep(0.05)
worker.join()
print(json.dumps({"job_s": took[0], "waits": waits, "failed": failed}))
"""


def sqlite_env(data: Path, **extra: str) -> dict[str, str]:
    """This environment with Nook pointed at the SQLite site in `data` (no PostgreSQL, no Redis)."""
    env = {**os.environ, "NOOK_DATA_DIR": str(data), "NOOK_REDIS_URL": "", **extra}
    env.pop("NOOK_DATABASE_URL", None)
    return env


def demo_site(size: float) -> Path:
    """The kept demo site of this size (made the first time, about a minute per unit of size)."""
    site = OUT / f"size-{size:g}"
    if not (site / "nook.db").exists():
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        subprocess.run([sys.executable, "-c", CLI, "demo", "--size", str(size)], env=sqlite_env(site), check=True)
    return site


def run_child(src: Path, site: Path, job: str, alone: bool) -> dict[str, float]:
    """One run of `job` on a fresh copy of the site, with nook imported from `src`."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(site / "nook.db", Path(tmp) / "nook.db")
        argv = [sys.executable, "-c", CHILD, job, "alone" if alone else "writes"]
        env = sqlite_env(Path(tmp), PYTHONPATH=str(src))
        out = subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout
    got = json.loads(out.strip().splitlines()[-1])
    waits = got["waits"] or [0.0]
    return {"job_s": got["job_s"], "max_ms": 1000 * max(waits), "writes": len(got["waits"]), "failed": got["failed"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", default=",".join(JOBS))
    ap.add_argument("--alone", action="store_true", help="run the jobs with no writes beside them (their own time)")
    ap.add_argument("--baseline-src", type=Path, help="src/ of the tree to compare with, e.g. BEFORE/src")
    args = ap.parse_args()
    site = demo_site(args.size)
    sides = ({"baseline": args.baseline_src} if args.baseline_src else {}) | {"new": ROOT / "src"}
    beside = "nothing" if args.alone else "a write every 50 ms"
    print(f"demo site size {args.size:g}, SQLite, {args.rounds} rounds; medians; {beside} beside the job")
    print(f"{'job':16s} {'tree':9s} {'job s':>7s} {'writes':>7s} {'slowest write ms':>17s} {'failed':>7s}")
    for job in args.jobs.split(","):
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, src in sides.items():
                runs[name].append(run_child(src, site, job, args.alone))
        for name, got in runs.items():
            med = {key: statistics.median(r[key] for r in got) for key in got[0]}
            print(
                f"{job:16s} {name:9s} {med['job_s']:7.2f} {med['writes']:7.0f} {med['max_ms']:17.0f} "
                f"{med['failed']:7.0f}"
            )


if __name__ == "__main__":
    main()
