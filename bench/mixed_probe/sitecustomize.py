"""Timing probe for `bench/mixed_profile.py`: loaded into each server process through `PYTHONPATH`.

Active only with NOOK_PROBE_DIR set. Records, per process, into NOOK_PROBE_DIR/<pid>.json every 2 s:
- each request's time inside the app, by kind (read, like, unlike, comment);
- a write transaction's first INSERT/UPDATE/DELETE (where SQLite waits for its one write lock), and the
  time from it to the commit (the lock held), by who holds it (a request or the outbox);
- the request's own body until commit, and what runs after commit in the request (`run_after_commit`);
- the outbox's batches (claim to commit), their events' handlers and once-per-batch recomputations
  (both under the lock), and its ahead-of-lock engine analysis.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

_DIR = os.environ.get("NOOK_PROBE_DIR", "")
_samples: dict[str, list[float]] = defaultdict(list)
_local = threading.local()


def _add(name: str, seconds: float) -> None:
    _samples[name].append(seconds * 1000)


def _dump_forever() -> None:
    path = Path(_DIR) / f"{os.getpid()}.json"
    scratch = path.with_suffix(".tmp")
    while True:
        time.sleep(2)
        scratch.write_text(json.dumps({k: list(v) for k, v in list(_samples.items())}))
        scratch.replace(path)


def _kind(method: str, path: str) -> str:
    if method == "GET":
        return "read"
    if path.endswith("/like"):
        return "like" if method == "POST" else "unlike"
    return "comment" if path.endswith("/comments") else "other write"


def _install() -> None:
    from contextlib import contextmanager

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    import nook.app
    import nook.http.unit
    import nook.jobs.outbox
    import nook.store.db
    import nook.store.once_per_batch

    def who() -> str:
        return "outbox" if threading.current_thread().name == "nook-jobs" else "request"

    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not conn.info.get("probe_dml") and statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            conn.info["probe_first"] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        first = conn.info.pop("probe_first", None)
        if first is not None:
            now = time.perf_counter()
            _add(f"first write statement (waits for the lock), {who()}", now - first)
            conn.info["probe_dml"] = now

    @event.listens_for(Engine, "commit")
    def _commit(conn: Any) -> None:
        started = conn.info.pop("probe_dml", None)
        if started is not None:
            _add(f"write lock held until commit, {who()}", time.perf_counter() - started)

    @event.listens_for(Engine, "rollback")
    def _rollback(conn: Any) -> None:
        conn.info.pop("probe_dml", None)

    original_transaction = nook.store.db.transaction
    original_after = nook.store.db.run_after_commit

    @contextmanager
    def transaction() -> Any:
        started = time.perf_counter()
        _local.after = 0.0
        with original_transaction() as session:
            yield session
            _local.body_end = time.perf_counter()
        total = time.perf_counter() - started
        _add("request write: open to commit", _local.body_end - started)
        _add("request write: after commit, in the request", _local.after)
        _add("request write: whole unit", total)

    def run_after_commit() -> None:
        started = time.perf_counter()
        original_after()
        _local.after = time.perf_counter() - started

    nook.http.unit.transaction = transaction
    nook.store.db.run_after_commit = run_after_commit

    original_batch = nook.jobs.outbox._process_batch
    original_ahead = nook.jobs.outbox._analyse_ahead

    def process_batch(size: int) -> tuple[int, int]:
        started = time.perf_counter()
        result = original_batch(size)
        if result[1]:
            _add("outbox batch (read, analyse, wait, claim, handle, commit)", time.perf_counter() - started)
            _samples["outbox events handled"].append(float(result[0]))
        return result

    def analyse_ahead(*args: Any) -> None:
        started = time.perf_counter()
        original_ahead(*args)
        _add("outbox engine analysis ahead (no lock)", time.perf_counter() - started)

    waiting = getattr(getattr(nook.store, "write_turn", None), "waiting", None)  # not in older trees
    original_handle = nook.jobs.outbox._handle
    original_recompute = nook.store.once_per_batch.run

    def handle(*args: Any) -> bool:
        started = time.perf_counter()
        result = original_handle(*args)
        _add("outbox: one event's handlers (lock held)", time.perf_counter() - started)
        if waiting is not None:  # a count, not ms: this process's writers queued behind the batch
            _samples["outbox: writers waiting after an event (count)"].append(float(waiting()))
        return result

    def recompute(*args: Any) -> None:
        started = time.perf_counter()
        original_recompute(*args)
        _add("outbox: recomputations once per batch (lock held)", time.perf_counter() - started)

    nook.jobs.outbox._process_batch = process_batch
    nook.jobs.outbox._analyse_ahead = analyse_ahead
    nook.jobs.outbox._handle = handle
    nook.store.once_per_batch.run = recompute

    original_create = nook.app.create_app

    def create_app() -> Any:
        app = original_create()

        async def timed(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            started = time.perf_counter()
            await app(scope, receive, send)
            _add(f"request: {_kind(scope['method'], scope['path'])}", time.perf_counter() - started)

        return timed

    nook.app.create_app = create_app
    threading.Thread(target=_dump_forever, name="probe-dump", daemon=True).start()


if _DIR:
    _install()
