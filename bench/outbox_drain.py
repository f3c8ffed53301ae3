"""Draining the demo's outbox backlog: events/s, where the time goes per event kind, and how long each
write transaction holds the database's write lock (what members' writes wait for).

    .venv/bin/python bench/outbox_drain.py --site SITE [--baseline-src BEFORE/src] [--seconds 120]
        [--rounds 1] [--profile out.prof] [--compare]

SITE is a data folder that `nook demo` filled (its after-commit work is left pending: the demo leaves
it to the site's worker). Each run copies SITE to a scratch folder and, in a child process with `nook`
imported from this tree's src/ (or from --baseline-src), calls `nook.jobs.outbox.drain()` in a thread
for --seconds (then stops it after the batch under way) or until the backlog is gone. It reports
events handled per second (and per CPU-second of the child: steadier on a shared machine), each
kind's handler seconds per event, and the write transactions' hold times (from the first write
statement to the commit: SQLite's write lock). Baseline and this tree run
back to back in each round; the machine is shared, so compare ratios from the same run.

With --compare each side also reads, after its drain, what the handlers wrote (`STATE`: posts'
counts, scores, verdicts, notifications, profiles, prompts, analyses, clusters, cases, the events'
attempts) and the two are compared table by table: a change that makes the drain faster must leave
the same site. Only meaningful when both sides drained the whole backlog (give enough --seconds, or
a small site: `nook demo --size 0.3`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: What the handlers leave behind, compared with --compare (columns the clock writes left out).
STATE = {
    "posts": "SELECT id, like_count, comment_count, folded_count FROM posts",
    "post_scores": "SELECT post_id, rank_key, engagement, components, topics FROM post_scores",
    "comment_verdicts": "SELECT comment_id, score, components, reasons, low_value, low_value_code, offensive,"
    " offensive_score, copies, cluster_id, folded, fold_reason FROM comment_verdicts",
    "notifications": "SELECT id, user_id, actor_id, kind, post_id, comment_id, board_message_id, circle_id,"
    " created_at, read_at, group_id, CASE kind WHEN 'classmate' THEN NULL ELSE active_at END, photo_id"
    " FROM notifications",  # a classmate notice's active_at is the clock's (its column default)
    "member_profiles": "SELECT user_id, data FROM member_profiles",
    "scene_prompts": "SELECT kind, viewer_id, post_id, subject_user_id, circle_id, acted_at FROM scene_prompts",
    "post_analyses": "SELECT post_id, result FROM post_analyses",
    "copy_clusters": "SELECT id, comment_ids, author_ids FROM copy_clusters",
    "moderation_cases": "SELECT id, kind, status, reasons, evidence FROM moderation_cases",
    "events": "SELECT id, attempts, processed_at IS NOT NULL FROM events",
}

CHILD = r"""
import cProfile, json, sys, threading, time
from collections import defaultdict
from sqlalchemy import event, func, select

seconds, profile_to, state_to = float(sys.argv[1]), sys.argv[2], sys.argv[3]
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
t0, cpu0 = time.perf_counter(), time.process_time()
if prof: prof.enable()
work()
if prof:
    prof.disable(); prof.dump_stats(profile_to)
wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
holds.sort()
q = lambda p: round(holds[min(len(holds) - 1, int(len(holds) * p))] * 1000, 1) if holds else None
if state_to:
    from sqlalchemy import text
    with get_engine().connect() as conn:
        state = {name: sorted(repr(tuple(r)) for r in conn.execute(text(sql))) for name, sql in STATE.items()}
    with open(state_to, "w") as f:
        json.dump(state, f)
print(json.dumps({
    "pending_before": before, "pending_after": pending(), "handled": handled, "wall_s": round(wall, 2),
    "events_per_s": round(handled / wall, 2), "cpu_s": round(cpu, 1), "events_per_cpu_s": round(handled / cpu, 2),
    "per_kind": {k: {"events": n, "ms_per_event": round(s / n * 1000, 1), "s": round(s, 1)}
                 for k, (n, s) in sorted(per_kind.items(), key=lambda kv: -kv[1][1]) if n},
    "write_tx": {"n": len(holds), "p50_ms": q(0.5), "p99_ms": q(0.99), "max_ms": q(1.0)},
}))
"""


def run(src: Path, site: Path, seconds: float, profile: str, state: str = "") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nook-drain-") as tmp:
        data = Path(tmp) / "site"
        shutil.copytree(site, data)
        env = {k: v for k, v in os.environ.items() if not k.startswith("NOOK_")}
        env |= {"PYTHONPATH": str(src), "NOOK_DATA_DIR": str(data), "NOOK_JOBS_MODE": "queue"}
        out = subprocess.run(
            [sys.executable, "-c", f"STATE = {STATE!r}\n{CHILD}", str(seconds), profile, state],
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
    ap.add_argument("--compare", action="store_true", help="compare what both sides' drains wrote")
    args = ap.parse_args()
    if args.compare and not args.baseline_src:
        ap.error("--compare needs --baseline-src")
    sides = {"new": ROOT / "src"} | ({"baseline": args.baseline_src} if args.baseline_src else {})
    for r in range(args.rounds):
        rates, states, results = {}, {}, {}
        for name in ("baseline", "new"):
            if name in sides:
                load = os.getloadavg()
                with tempfile.NamedTemporaryFile(suffix=".json") as state:
                    res = run(
                        sides[name],
                        args.site,
                        args.seconds,
                        args.profile if name == "new" else "",
                        state.name if args.compare else "",
                    )
                    states[name] = json.loads(Path(state.name).read_text() or "{}")
                rates[name], results[name] = res["events_per_s"], res
                print(f"round {r + 1} {name}: load {load[0]:.1f} {json.dumps(res, ensure_ascii=False)}", flush=True)
        if "baseline" in rates:
            ratio = rates["new"] / rates["baseline"]
            print(
                f"round {r + 1} ratio new / baseline: {ratio:.2f}x events/s, {cpu_ratio(results):.2f}x events per CPU-s"
            )
        if args.compare:
            _compare(states["baseline"], states["new"])


def cpu_ratio(results: dict[str, dict[str, Any]]) -> float:
    return float(results["new"]["events_per_cpu_s"] / results["baseline"]["events_per_cpu_s"])


def _compare(before: dict[str, list[str]], after: dict[str, list[str]]) -> None:
    """Per table: the rows on each side, and those only one side has (the first of each shown)."""
    for table in STATE:
        only_before = Counter(before[table]) - Counter(after[table])
        only_after = Counter(after[table]) - Counter(before[table])
        rows = f"{len(before[table])} / {len(after[table])} rows"
        if not only_before and not only_after:
            print(f"  {table}: {rows}, same", flush=True)
            continue
        print(f"  {table}: {rows}, DIFFERENT: {only_before.total()} only before, {only_after.total()} only after")
        print(f"    e.g. before {next(iter(only_before), None)}\n    e.g. after  {next(iter(only_after), None)}")


if __name__ == "__main__":
    main()
