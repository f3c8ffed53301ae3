"""Idempotency-Key: a write sent twice (a retry, a double click, two requests at the same moment) is made
once, and the second request gets the first one's answer.

The key row is inserted before the write's first statement, in the request's own transaction, so a second
request with the same key waits on the unique key until the first commits and then replays its stored
answer (or, if the first failed and rolled back, makes the write itself). A write may look the key up
first (`replayed`), do its reads, and claim it just before writing: a repeat is still answered before
any of the write's own checks, and the claim does not hold SQLite's write lock through them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Invalid
from nook.phrases import N_
from nook.store.first_writes import insert_or_existing
from nook.store.models import IdempotencyKey, User

KEY_MAX = 128
_KEY = re.compile(rf"^[\x21-\x7e]{{1,{KEY_MAX}}}$")  # visible ASCII, as in the IETF draft's examples


@dataclass(frozen=True)
class Replay:
    """The stored answer to the first request sent with this key."""

    status: int
    body: dict[str, Any]


def begin(session: Session, user: User, key: str | None, request: str, payload: Any) -> IdempotencyKey | Replay | None:
    """Claim `key` for this request: None without a key, the claimed row for a first request (pass it to
    `finish`), or the first request's answer for a repeat. The same key with another request is refused."""
    if key is None:
        return None
    fingerprint = _fingerprint(key, request, payload)
    row, first = insert_or_existing(
        session, IdempotencyKey(user_id=user.id, key=key, request=fingerprint), lambda: _stored(session, user, key)
    )
    return row if first else _answer(row, fingerprint)


def replayed(session: Session, user: User, key: str | None, request: str, payload: Any) -> Replay | None:
    """The first request's answer when `key` was used already, read without claiming it: a write asks
    this before its own reads, and claims with `begin` just before its first write."""
    if key is None:
        return None
    row = _stored(session, user, key)
    return None if row is None else _answer(row, _fingerprint(key, request, payload))


def _fingerprint(key: str, request: str, payload: Any) -> str:
    if not _KEY.match(key):
        raise Invalid(N_("Idempotency-Key 需为 1–%(max)s 个可见 ASCII 字符"), max=KEY_MAX)
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f"{request[:95]} {digest}"


def _stored(session: Session, user: User, key: str) -> IdempotencyKey | None:
    return session.scalar(select(IdempotencyKey).where(IdempotencyKey.user_id == user.id, IdempotencyKey.key == key))


def _answer(row: IdempotencyKey, fingerprint: str) -> Replay:
    if row.request != fingerprint:
        raise Invalid(N_("这个 Idempotency-Key 已经用于另一个请求"))
    if row.response is None:  # only while the first request's transaction is still open in this one
        raise Conflict(N_("同一个请求正在处理中，请稍后再试"))
    return Replay(row.status, row.response)


def finish(claim: IdempotencyKey | None, status: int, body: dict[str, Any]) -> None:
    """Keep the answer with the key (committed with the write itself)."""
    if claim is not None:
        claim.status, claim.response = status, body
