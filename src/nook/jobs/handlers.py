"""Looking up what an event sets off: the table in `nook.jobs.table`, installed at start-up."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

Handler = Callable[[Session, dict[str, Any]], None]

_table: Mapping[str, Sequence[Handler]] | None = None


def install(table: Mapping[str, Sequence[Handler]]) -> None:
    global _table
    _table = table


def handlers_for(kind: str) -> Sequence[Handler]:
    if _table is None:  # an event handled with no table would be marked done with nothing run
        raise RuntimeError("no event table: call nook.jobs.table.install() at start-up")
    return _table.get(kind, ())
