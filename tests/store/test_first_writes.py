"""Savepoints stay inside their transaction on both backends: rolling it back undoes what they wrote.

On SQLite a SAVEPOINT sent before any other write would be the outermost transaction, and its release
would commit on its own; store/first_writes opens the request's transaction first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from nook.store.db import read_session, transaction
from nook.store.first_writes import insert_or_existing, savepoint
from nook.store.models import Hashtag


class Undo(Exception):
    """Raised to roll back the test's transaction."""


def _tags() -> int:
    with read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Hashtag)) or 0)


def test_rolling_back_undoes_what_a_savepoint_wrote(site: Path) -> None:
    with pytest.raises(Undo), transaction() as s:
        with savepoint(s):
            s.add(Hashtag(name="撤回"))
        raise Undo
    assert _tags() == 0


def test_rolling_back_undoes_a_first_write(site: Path) -> None:
    with pytest.raises(Undo), transaction() as s:
        find = select(Hashtag).where(Hashtag.name == "撤回")
        _, created = insert_or_existing(s, Hashtag(name="撤回"), lambda: s.scalar(find))
        assert created
        raise Undo
    assert _tags() == 0


def test_a_first_write_that_lost_returns_the_winner(site: Path) -> None:
    with transaction() as s:
        s.add(Hashtag(name="先到"))
    with transaction() as s:
        find = select(Hashtag).where(Hashtag.name == "先到")
        row, created = insert_or_existing(s, Hashtag(name="先到"), lambda: s.scalar(find))
        assert not created and row.id is not None
        s.add(Hashtag(name="后到"))  # the transaction goes on after the lost insert
    assert _tags() == 2
