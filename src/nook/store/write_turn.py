"""One write transaction at a time per process on SQLite, first come first served.

SQLite has one write lock, and a writer that finds it taken sleeps in its busy handler, waking every
100 ms to try again. That is not a queue: a writer that arrives while the lock happens to be free takes
it ahead of those asleep, so under load a few writers wait for seconds while most wait for none (the
mixed profile in docs/benchmarks.md: the lock held 21 ms at the median, writers waiting up to 9.7 s for
it). Writers of one process therefore take turns here in arrival order, and only the one whose turn it
is polls SQLite's lock against the other processes. The turn is given back as the COMMIT starts, so the
next writer waits in SQLite's busy handler only for that commit's few milliseconds. PostgreSQL locks
rows, not the database: no turns.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

__all__ = ["install", "waiting"]


class _Turns:
    """A lock handed to its waiters in the order they came (`threading.Lock` promises no order)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Lock] = deque()
        self._taken = False

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._taken:
                self._taken = True
                return True
            baton = threading.Lock()
            baton.acquire()
            self._waiting.append(baton)
        if baton.acquire(timeout=timeout):
            return True
        with self._guard:
            if baton in self._waiting:
                self._waiting.remove(baton)
                return False
        return True  # handed over just as the wait ran out: the turn is ours

    def waiting(self) -> int:
        return len(self._waiting)

    def release(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().release()  # handed on: stays taken
            else:
                self._taken = False


_turns = _Turns()
_DML = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def waiting() -> int:
    """How many of this process's writers are waiting for their turn now."""
    return _turns.waiting()


def install(engine: Engine, timeout_s: float) -> None:
    """Take the turn before a transaction's first write statement; give it back when the transaction ends."""

    def before_execute(conn: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if "write_turn" in conn.info or not statement.lstrip()[:7].upper().startswith(_DML):
            return
        if not _turns.acquire(timeout_s):
            # Answered like SQLite's own busy error: 503 + Retry-After for a member, a retry for the outbox.
            raise OperationalError(statement, None, sqlite3.OperationalError("database is locked"))
        conn.info["write_turn"] = True

    def end(info: dict[Any, Any]) -> None:
        if info.pop("write_turn", None):
            _turns.release()

    event.listen(engine, "before_cursor_execute", before_execute)
    for name in ("commit", "rollback"):
        event.listen(engine, name, lambda conn: end(conn.info))
    # A connection given back to the pool mid-transaction is rolled back there, without the event above.
    event.listen(engine.pool, "reset", lambda _dbapi, record, _state: end(record.info))
