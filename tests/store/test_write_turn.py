"""SQLite: a process's writers get the write lock in the order they asked for it, and never wait forever."""

from __future__ import annotations

import threading
import time
from contextlib import nullcontext
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from nook.http.errors import is_busy
from nook.store.db import read_session, transaction
from nook.store.models import Hashtag
from tests.conftest import TEST_DB

pytestmark = pytest.mark.skipif(TEST_DB.startswith("postgresql"), reason="PostgreSQL has no database write lock")


class Undo(Exception):
    """Raised to roll the holder's transaction back."""


def _holding(release: threading.Event, held: threading.Event, *, undo: bool = False) -> None:
    """Write, then keep the transaction (and the write lock) open until `release`."""
    with pytest.raises(Undo) if undo else nullcontext(), transaction() as s:
        s.add(Hashtag(name="先占"))
        s.flush()
        held.set()
        release.wait(10)
        if undo:
            raise Undo


def _write(name: str, order: list[str]) -> None:
    with transaction() as s:
        s.add(Hashtag(name=name))
        s.flush()  # the first write statement: from here this writer holds the lock
        order.append(name)


def test_waiting_writers_get_the_lock_in_arrival_order(site: Path) -> None:
    release, held, order = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_holding, args=(release, held))
    holder.start()
    assert held.wait(10)
    writers = []
    for name in ["一", "二", "三", "四"]:
        writers.append(threading.Thread(target=_write, args=(name, order)))
        writers[-1].start()
        time.sleep(0.25)  # each is waiting before the next asks
    release.set()
    for t in [holder, *writers]:
        t.join(20)
    assert order == ["一", "二", "三", "四"]


def test_a_writer_waits_no_longer_than_the_limit_and_the_turn_comes_back(site: Path, short_lock_wait: None) -> None:
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_holding, args=(release, held), kwargs={"undo": True})
    holder.start()
    assert held.wait(10)
    started = time.monotonic()
    with pytest.raises(OperationalError) as busy:
        _write("等不及", [])
    assert is_busy(busy.value)  # answered 503 + Retry-After, not 500
    assert time.monotonic() - started < 5
    release.set()
    holder.join(10)
    order: list[str] = []
    _write("之后", order)  # the rolled-back holder and the writer that gave up both gave the turn back
    assert order == ["之后"]
    with read_session() as s:
        assert s.scalar(select(func.count()).select_from(Hashtag)) == 1
