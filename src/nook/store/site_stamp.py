"""The site's change stamp: a random value replaced after every committed transaction that wrote, in
any process (web workers, the outbox, jobs), so what anonymous visitors see can carry an ETag that
changes whenever the data behind it may have.

Kept in Redis when the site has one (every process and host shares it), else in a small file in the
data directory (every process of one host shares it). Replaced *after* commit: a reader that saw the new
stamp reads the new data. Random, like `users.viewer_stamp`, so a restored site never repeats one.

Installed as session hooks (`install()`, beside `viewer_stamp.install()`): a flush or a non-SELECT
statement marks the session, and its next commit replaces the stamp.
"""

from __future__ import annotations

import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from nook.config import get_settings

log = logging.getLogger(__name__)
KEY = "nook:site_stamp"
FILE = "site.stamp"
_WROTE = "site_stamp_wrote"


@lru_cache(maxsize=2)
def _client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def _file() -> Path:
    return get_settings().data_dir / FILE


def current() -> str:
    """The stamp now ("" before the first write this site's store has seen)."""
    url = get_settings().redis_url
    if url:
        value = _client(url).get(KEY)
        return value.decode() if value else ""
    try:
        return _file().read_text()
    except FileNotFoundError:
        return ""


def bump() -> None:
    value = secrets.token_hex(8)
    url = get_settings().redis_url
    if url:
        _client(url).set(KEY, value)
        return
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{FILE}.{os.getpid()}.{value}")
    tmp.write_text(value)
    tmp.replace(path)  # atomic: a reader sees the old stamp or the new one, never a torn file


def _mark(session: Session, *_args: Any) -> None:
    session.info[_WROTE] = True


def _mark_statement(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info[_WROTE] = True


def _after_commit(session: Session) -> None:
    # a released savepoint (the outbox's per-event one) commits nothing yet: its writes still may vanish
    if session.in_nested_transaction():
        return
    if session.info.pop(_WROTE, False):
        try:
            bump()
        except Exception:  # the write is committed; an old stamp only delays pages by the ETag's minute
            log.exception("could not replace the site stamp")


def _forget(session: Session, previous: SessionTransaction) -> None:
    if not previous.nested:  # a savepoint rolled back: what the transaction wrote before it stays
        session.info.pop(_WROTE, None)


def install() -> None:
    """Idempotent: hook every session."""
    for name, hook in (
        ("after_flush", _mark),
        ("do_orm_execute", _mark_statement),
        ("after_commit", _after_commit),
        ("after_soft_rollback", _forget),
    ):
        if not event.contains(Session, name, hook):
            event.listen(Session, name, hook)
