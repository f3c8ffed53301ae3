"""Issue 16, item 7(b): the outbox works in short write transactions, so members' writes get through
while slow handlers (the engine scoring comments) run; it used to hold SQLite's lock for a whole batch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.conftest import Member

SLOW_S = 0.3


def _slow(session: Session, payload: dict[str, Any]) -> None:
    time.sleep(SLOW_S)  # an engine call, for the time it takes


Handler = Callable[[Session, dict[str, Any]], None]


def _events(monkeypatch: pytest.MonkeyPatch, handler: Handler) -> Callable[[int], None]:
    from nook.jobs import handlers

    table = dict(handlers._table or {})
    table["test_event"] = (handler,)
    monkeypatch.setattr(handlers, "_table", table)

    def emit(count: int) -> None:
        from nook.store.db import session_factory
        from nook.store.models import Event

        with session_factory()() as session:  # no after-commit dispatch: the test drains them itself
            session.add_all(Event(kind="test_event", payload={}) for _ in range(count))
            session.commit()

    return emit


@pytest.fixture
def slow_events(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    return _events(monkeypatch, _slow)


@pytest.fixture
def quick_events(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    return _events(monkeypatch, lambda _session, _payload: None)


@pytest.mark.usefixtures("short_lock_wait")
def test_members_write_while_the_outbox_handles_slow_events(
    member: Callable[..., Member], slow_events: Callable[[int], None]
) -> None:
    from nook.jobs.outbox import drain

    alice = member("alice")
    slow_events(20)  # 6 s of handling: far past the 1 s a write waits for the lock
    worker = threading.Thread(target=drain)
    worker.start()
    statuses: list[int] = []
    waits: list[float] = []
    while worker.is_alive():
        started = time.perf_counter()
        statuses.append(alice.http.patch("/me", json={"bio": f"第{len(statuses)}次"}).status_code)
        waits.append(time.perf_counter() - started)
    worker.join()
    assert statuses and set(statuses) == {200}, statuses
    # A write waits for one short batch (budget + one handler), never for the whole backlog (6 s). The
    # request also runs an inline batch after its commit (tests use inline jobs), and on PostgreSQL that
    # batch's claim may first wait for the rows the drain's batch holds: two short batches at most.
    assert max(waits) < 2.0, waits


def test_a_cut_batch_releases_the_rest_for_later(slow_events: Callable[[int], None]) -> None:
    from sqlalchemy import select

    from nook.jobs.outbox import _process_batch, process_pending
    from nook.store.db import read_session
    from nook.store.models import Event

    slow_events(3)
    assert _process_batch(3) == (1, 1)  # three claimed, the budget cut the batch after one slow event
    with read_session() as session:
        rows = session.execute(select(Event.processed_at, Event.attempts).order_by(Event.id)).all()
    assert [r.processed_at is not None for r in rows] == [True, False, False]
    assert [r.attempts for r in rows] == [1, 0, 0]
    assert process_pending() == 2


def test_a_batch_yields_to_writers_waiting_for_their_turn(
    quick_events: Callable[[int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nook.jobs.outbox import _process_batch
    from nook.store import write_turn

    quick_events(6)
    assert _process_batch(3) == (3, 3)  # nobody waits: the whole batch, well within its budget
    monkeypatch.setattr(write_turn, "waiting", lambda: 1)  # a member's write queued behind the batch
    assert _process_batch(3) == (1, 1)


def test_workers_draining_at_once_handle_each_event_once_and_never_deadlock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several workers (or requests' inline batches) claim from one backlog at the same moment."""
    from sqlalchemy import func, select

    from nook.jobs.outbox import drain
    from nook.store.db import read_session
    from nook.store.models import Event

    handled: list[int] = []
    guard = threading.Lock()

    def count(_session: Session, _payload: dict[str, Any]) -> None:
        time.sleep(0.03)  # batches are cut by their time budget and give the rest back
        with guard:
            handled.append(1)

    _events(monkeypatch, count)(240)
    barrier, failures = threading.Barrier(6), []

    def work() -> None:
        barrier.wait(10)
        try:
            drain()
        except Exception as exc:  # a deadlock or a lock wait past its limit is the finding
            failures.append(exc)

    workers = [threading.Thread(target=work) for _ in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert failures == []
    assert len(handled) == 240
    with read_session() as session:
        assert session.scalar(select(func.count()).select_from(Event).where(Event.processed_at.is_(None))) == 0
