"""Draining the demo's outbox backlog: events/s, where the time goes per event kind, and how long each
write transaction holds the database's write lock (what members' writes wait for).

    .venv/bin/python bench/outbox_drain.py --site SITE [--baseline-src BEFORE/src] [--seconds 120]
        [--rounds 1] [--profile out.prof]

SITE is a data folder that `nook demo` filled (its after-commit work is left pending: the demo leaves
it to the site's worker). Each run copies SITE to a scratch folder and, in a child process with `nook`
imported from this tree's src/ (or from --baseline-src), calls `nook.jobs.outbox.drain()` in a thread
for --seconds (then stops it after the batch under way) or until the backlog is gone. It reports
events handled per second, each kind's handler seconds per event, and the write transactions' hold
times (from the first write statement to the commit: SQLite's write lock). Baseline and this tree run
back to back in each round; the machine is shared, so compare ratios from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import cProfile, json, sys, threading, time
from collections import defaultdict
from sqlalchemy import event, func, select

seconds, profile_to = float(sys.argv[1]), sys.argv[2]
from nook.jobs.table import install
install()
from nook.jobs import handlers, outbox
from nook.store.db import get_engine, read_session
from nook.store.models import Event

per_kind = defaultdict(lambda: [0, 0.0])  # kind -> [events, handler seconds]
wrapped = {}
for kind, hs in handlers._table.items():
    def timed(session, payload, _hs=hs, _kind=kind):
        t0 = time.perf_counter()
        try:
            for h in _hs:
                h(session, payload)
        finally:
            per_kind[_kind][0] += 1
            per_kind[_kind][1] += time.perf_counter() - t0
    wrapped[kind] = (timed,)
handlers._table = wrapped  # the table only: the engine-work readers stay

holds = []
engine = get_engine()

@event.listens_for(engine, "before_cursor_execute")
def _write_starts(conn, cursor, statement, params, context, executemany):
    verb = statement.lstrip().split(None, 1)[0].upper()
    if verb not in ("SELECT", "PRAGMA", "SAVEPOINT", "RELEASE", "BEGIN") and "w" not in conn.info:
        conn.info["w"] = time.perf_counter()

def _ends(conn):
    started = conn.info.pop("w", None)
    if started is not None:
        holds.append(time.perf_counter() - started)

event.listen(engine, "commit", _ends)
event.listen(engine, "rollback", _ends)

def pending():
    with read_session() as s:
        return s.scalar(select(func.count(Event.id)).where(Event.processed_at.is_(None)))

before = pending()
stop = time.monotonic() + seconds
handled = 0
def work():
    global handled
    while time.monotonic() < stop:
        n = outbox.process_pending(limit=outbox.BATCH)
        handled += n
        if n == 0 and pending() == 0:
            return

prof = cProfile.Profile() if profile_to else None
t0 = time.perf_counter()
if prof: prof.enable()
work()
if prof:
    prof.disable(); prof.dump_stats(profile_to)
wall = time.perf_counter() - t0
holds.sort()
q = lambda p: round(holds[min(len(holds) - 1, int(len(holds) * p))] * 1000, 1) if holds else None
print(json.dumps({
    "pending_before": before, "pending_after": pending(), "handled": handled, "wall_s": round(wall, 2),
    "events_per_s": round(handled / wall, 2),
    "per_kind": {k: {"events": n, "ms_per_event": round(s / n * 1000, 1), "s": round(s, 1)}
                 for k, (n, s) in sorted(per_kind.items(), key=lambda kv: -kv[1][1]) if n},
    "write_tx": {"n": len(holds), "p50_ms": q(0.5), "p99_ms": q(0.99), "max_ms": q(1.0)},
}))
"""


def run(src: Path, site: Path, seconds: float, profile: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nook-drain-") as tmp:
        data = Path(tmp) / "site"
        shutil.copytree(site, data)
        env = {k: v for k, v in os.environ.items() if not k.startswith("NOOK_")}
        env |= {"PYTHONPATH": str(src), "NOOK_DATA_DIR": str(data), "NOOK_JOBS_MODE": "queue"}
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(seconds), profile],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, required=True, help="a data folder `nook demo` filled")
    ap.add_argument("--baseline-src", type=Path, help="src/ of the tree to compare with")
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--profile", default="", help="write this tree's cProfile stats here")
    args = ap.parse_args()
    sides = {"new": ROOT / "src"} | ({"baseline": args.baseline_src} if args.baseline_src else {})
    for r in range(args.rounds):
        rates = {}
        for name in ("baseline", "new"):
            if name in sides:
                load = os.getloadavg()
                res = run(sides[name], args.site, args.seconds, args.profile if name == "new" else "")
                rates[name] = res["events_per_s"]
                print(f"round {r + 1} {name}: load {load[0]:.1f} {json.dumps(res, ensure_ascii=False)}", flush=True)
        if "baseline" in rates:
            print(f"round {r + 1} ratio new / baseline: {rates['new'] / rates['baseline']:.1f}x events/s")


if __name__ == "__main__":
    main()
