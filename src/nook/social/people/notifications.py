"""Notifications: created after commit from outbox events; read and marked read by their owner."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import PAGE_MAX
from nook.social.pagination import Page, before_cursor, page_of
from nook.store.base import utcnow
from nook.store.db import affected
from nook.store.models import Block, Notification, Post, User


def _notify(session: Session, p: dict[str, Any], *, user_id: int, kind: str | None = None, **refs: Any) -> None:
    """Notify `user_id` of the event `p` (dated when the event happened, not when it was handled)."""
    actor_id = p["actor_id"]
    if user_id == actor_id or _blocked_between(session, user_id, actor_id):
        return
    session.add(Notification(user_id=user_id, actor_id=actor_id, kind=kind or p["kind"], created_at=p["at"], **refs))


def _blocked_between(session: Session, a: int, b: int) -> bool:
    return session.get(Block, (a, b)) is not None or session.get(Block, (b, a)) is not None


def on_like(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"], post_id=p["post_id"])


def on_comment(session: Session, p: dict[str, Any]) -> None:
    refs = {"post_id": p["post_id"], "comment_id": p["comment_id"]}
    reply_to = p.get("reply_to_user_id")
    if reply_to is not None:
        _notify(session, p, user_id=reply_to, kind="reply", **refs)
    if reply_to != p["post_author_id"]:
        _notify(session, p, user_id=p["post_author_id"], **refs)


def on_board(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"], board_message_id=p["board_message_id"])


def on_friend(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"])


def on_circle(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"], circle_id=p["circle_id"])


def notifications_for(
    session: Session,
    viewer: Viewer,
    user: User,
    *,
    cursor: str | None = None,
    limit: int = 20,
    unread_only: bool = False,
) -> Page[Notification]:
    """The member's notifications, newest first, leaving out actors they blocked and posts they can no longer see."""
    limit = max(1, min(limit, PAGE_MAX))
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    cond = before_cursor(Notification.created_at, Notification.id, cursor)
    if cond is not None:
        stmt = stmt.where(cond)
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit + 1)
    rows = [n for n in session.scalars(stmt) if _still_visible(session, viewer, n)]
    return page_of(rows, limit, lambda n: (n.created_at, n.id))


def _still_visible(session: Session, viewer: Viewer, note: Notification) -> bool:
    if viewer.is_blocked(note.actor_id):
        return False
    if note.post_id is None:
        return True
    post = session.get(Post, note.post_id)
    return post is not None and authz.can_see_post(viewer, post)


def unread_count(session: Session, user: User) -> int:
    stmt = select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    return int(session.scalar(stmt) or 0)


def mark_read(session: Session, user: User, ids: list[int] | None) -> int:
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    return affected(session, stmt.values(read_at=utcnow()))
