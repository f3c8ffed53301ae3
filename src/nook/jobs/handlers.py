"""Looking up what an event sets off: the table in `nook.jobs.table`, installed at start-up."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from nook.social.assist.engine_memo import Work

Handler = Callable[[Session, dict[str, Any]], None]
#: Reads, for a batch of one kind's payloads, what its handlers will ask the engine.
WorkReader = Callable[[Session, list[dict[str, Any]]], Work]

_table: Mapping[str, Sequence[Handler]] | None = None
_work: Mapping[str, Sequence[WorkReader]] = {}


def install(table: Mapping[str, Sequence[Handler]], work: Mapping[str, Sequence[WorkReader]] | None = None) -> None:
    global _table, _work
    _table, _work = table, work or {}


def handlers_for(kind: str) -> Sequence[Handler]:
    if _table is None:  # an event handled with no table would be marked done with nothing run
        raise RuntimeError("no event table: call nook.jobs.table.install() at start-up")
    return _table.get(kind, ())


def work_for(kind: str) -> Sequence[WorkReader]:
    return _work.get(kind, ())
