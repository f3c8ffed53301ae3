"""Watch the SQL statements the app runs, without adding listeners to an engine that is in use.

SQLAlchemy keeps an engine's listeners in a deque and iterates it on every statement; a listener
added or removed while another thread executes can fail that thread with "deque mutated during
iteration". So one class-level listener is installed here, when the test session imports this module
and before any engine or server thread exists, and tests swap an immutable tuple of watchers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

Watcher = Callable[[str], None]
#: Each watcher, and whether it is told of commits too.
_watchers: tuple[tuple[Watcher, bool], ...] = ()


def _before_cursor_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    for watcher, _ in _watchers:
        watcher(statement)


def _commit(_conn: Any) -> None:
    for watcher, commits in _watchers:
        if commits:
            watcher("COMMIT")


event.listen(Engine, "before_cursor_execute", _before_cursor_execute)
event.listen(Engine, "commit", _commit)


@contextmanager
def watching_statements(watcher: Watcher, *, commits: bool = False) -> Iterator[None]:
    """Call `watcher` with every statement any engine runs, in any thread, until the block ends; with
    `commits`, also with "COMMIT" as each transaction commits."""
    global _watchers
    entry = (watcher, commits)
    _watchers = (*_watchers, entry)
    try:
        yield
    finally:
        _watchers = tuple(w for w in _watchers if w is not entry)
