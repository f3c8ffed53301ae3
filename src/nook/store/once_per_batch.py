"""Recomputations an outbox batch runs once, after all its events, instead of once per event.

A handler that recomputes something from rows (a post's score, its counts) asks for it with `defer`.
Inside an outbox batch (`collecting`) the ids are gathered, and `run` calls each recomputation once
with every id the batch's handled events named, in the batch's transaction before its commit: the
same final state as recomputing after each event, because a recomputation reads only rows, and a
batch of 30 comments on one post recomputes its score once instead of 30 times. Outside a batch (a
request, the demo loader) `defer` recomputes at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

Recompute = Callable[[Session, list[int]], None]

_KEY = "once_per_batch"


def defer(session: Session, recompute: Recompute, ids: Iterable[int]) -> None:
    """Have `recompute(session, ids)` run at the end of the batch (now, outside one)."""
    pending: dict[Recompute, set[int]] | None = session.info.get(_KEY)
    if pending is None:
        recompute(session, sorted(set(ids)))
        return
    pending.setdefault(recompute, set()).update(ids)


@contextmanager
def collecting(session: Session) -> Iterator[None]:
    """Gather what one event's handlers defer; kept for the batch only when the event's handlers succeed
    (a failed event's writes are rolled back, so the batch owes it nothing). Outside a batch, nothing."""
    batch: dict[Recompute, set[int]] | None = session.info.get(_KEY)
    if batch is None:
        yield
        return
    mine: dict[Recompute, set[int]] = {}
    session.info[_KEY] = mine
    try:
        yield
    finally:
        session.info[_KEY] = batch
    for recompute, ids in mine.items():
        batch.setdefault(recompute, set()).update(ids)


def start(session: Session) -> None:
    """Begin gathering for a batch in this session."""
    session.info[_KEY] = {}


def run(session: Session) -> None:
    """Run every recomputation the batch deferred, each once (in the order first asked); stop gathering."""
    pending: dict[Recompute, set[int]] = session.info.pop(_KEY, {})
    for recompute, ids in pending.items():
        recompute(session, sorted(ids))
