"""Viewer stamps: changes to the same members from many requests at once never deadlock each other.

A block or an unfriending stamps both members in one transaction. PostgreSQL locks the rows of one
UPDATE in the order it scans them, which changes as rows get new versions: two such updates of the
same pair could each hold one row and wait for the other (a deadlock, answered 503 to one member).
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import select

from nook.social.people import accounts
from nook.store import viewer_stamp
from nook.store.db import read_session, transaction
from nook.store.models import User

THREADS, TURNS = 8, 25


def _member(name: str) -> int:
    with transaction() as s:
        return accounts.register(s, username=name, password="correct horse battery").id


def _stamps(ids: list[int]) -> dict[int, int]:
    with read_session() as s:
        rows = s.execute(select(User.id, User.viewer_stamp).where(User.id.in_(ids)))
        return {uid: stamp for uid, stamp in rows}


def test_members_stamped_at_once_from_many_transactions_never_deadlock(site: Path) -> None:
    ids = [_member(f"stamped{i}") for i in range(3)]
    before = _stamps(ids)
    barrier, failures = threading.Barrier(THREADS), []

    def stamp(offset: int) -> None:
        barrier.wait(10)
        for turn in range(TURNS):
            pair = [ids[(offset + turn) % 3], ids[(offset + turn + 1) % 3]]
            try:
                with transaction() as s:
                    viewer_stamp.bump(s, reversed(pair))
                    viewer_stamp.bump(s, pair)  # the same pair again, as a block does when it unfriends
            except Exception as exc:  # any failure is the finding
                failures.append(exc)

    threads = [threading.Thread(target=stamp, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    after = _stamps(ids)
    assert all(after[i] != before[i] for i in ids)
