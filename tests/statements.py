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
_watchers: tuple[Watcher, ...] = ()


def _before_cursor_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    for watcher in _watchers:
        watcher(statement)


event.listen(Engine, "before_cursor_execute", _before_cursor_execute)


@contextmanager
def watching_statements(watcher: Watcher) -> Iterator[None]:
    """Call `watcher` with every statement any engine runs, in any thread, until the block ends."""
    global _watchers
    _watchers = (*_watchers, watcher)
    try:
        yield
    finally:
        _watchers = tuple(w for w in _watchers if w is not watcher)
