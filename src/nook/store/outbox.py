"""The transactional outbox: a service records what happened; its side effects run after commit.

Each kind of event and the payload it carries are written down here, in one place; which handlers
each kind sets off, and in what order, is the table in `nook.jobs.table`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from nook.store.models import Event

__all__ = ["PAYLOADS", "Kind", "emit", "on_commit", "run_after_commit"]


class Kind(StrEnum):
    POST_CREATED = "post_created"
    POST_EDITED = "post_edited"
    LIKE = "like"
    UNLIKE = "unlike"
    COMMENT = "comment"
    COMMENT_DELETED = "comment_deleted"
    BOARD = "board"
    BOARD_REPLY = "board_reply"
    FRIEND_REQUEST = "friend_request"
    FRIEND_ACCEPT = "friend_accept"
    CIRCLE_JOIN = "circle_join"
    CIRCLE_REQUEST = "circle_request"
    CIRCLE_APPROVED = "circle_approved"
    MENTION = "mention"
    REPOST = "repost"
    MESSAGE = "message"
    PHOTO_COMMENT = "photo_comment"


_NOTICE = frozenset({"user_id", "actor_id"})  # `user_id` is the member told, `actor_id` who did it

#: The payload keys each kind carries (ids only: a handler reads the rows it needs).
PAYLOADS: dict[Kind, frozenset[str]] = {
    Kind.POST_CREATED: frozenset({"post_id", "author_id"}),
    Kind.POST_EDITED: frozenset({"post_id", "author_id"}),
    Kind.LIKE: _NOTICE | {"post_id"},
    Kind.UNLIKE: frozenset({"post_id", "actor_id"}),
    Kind.COMMENT: frozenset({"comment_id", "post_id", "actor_id", "post_author_id", "reply_to_user_id"}),
    Kind.COMMENT_DELETED: frozenset({"post_id", "comment_id"}),
    Kind.BOARD: _NOTICE | {"board_message_id"},
    Kind.BOARD_REPLY: _NOTICE | {"board_message_id"},
    Kind.FRIEND_REQUEST: _NOTICE,
    Kind.FRIEND_ACCEPT: _NOTICE,
    Kind.CIRCLE_JOIN: _NOTICE | {"circle_id"},
    Kind.CIRCLE_REQUEST: _NOTICE | {"circle_id"},
    Kind.CIRCLE_APPROVED: _NOTICE | {"circle_id"},
    Kind.MENTION: _NOTICE | {"post_id", "comment_id", "board_message_id"},
    # `user_id`: the original's author; the source's author is told too when the repost reposts a repost
    Kind.REPOST: _NOTICE | {"post_id", "source_id", "root_id"},
    # a new 私信 (live delivery can subscribe here): `user_id` is the recipient
    Kind.MESSAGE: _NOTICE | {"conversation_id", "message_id"},
    # a comment on an album photo: `user_id` is the photo's owner
    Kind.PHOTO_COMMENT: _NOTICE | {"photo_id", "photo_comment_id"},
}

_after_commit: list[Callable[[], None]] = []


def emit(session: Session, kind: Kind, **payload: Any) -> None:
    """Record that something happened, in the caller's transaction; its side effects run after commit."""
    if set(payload) != PAYLOADS[kind]:
        raise ValueError(f"event {kind}: payload keys {sorted(payload)} != {sorted(PAYLOADS[kind])}")
    session.add(Event(kind=str(kind), payload=payload))
    session.info["has_events"] = True


def on_commit(callback: Callable[[], None]) -> None:
    """Run `callback` after each transaction that emitted events commits (set once at start-up)."""
    if callback not in _after_commit:
        _after_commit.append(callback)


def run_after_commit() -> None:
    for callback in _after_commit:
        callback()
