"""Notifications: created after commit from outbox events; read and marked read by their owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.cards import UserCard, user_card
from nook.social.limits import PAGE_MAX
from nook.social.pagination import Page, before_cursor, page_of
from nook.social.people import following
from nook.social.people.directory import users_by_id
from nook.store.base import utcnow
from nook.store.db import affected
from nook.store.models import Block, Circle, Comment, CommentVerdict, Notification, Post, User

_Row = TypeVar("_Row", Post, Comment, Circle)


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


def on_mention(session: Session, p: dict[str, Any]) -> None:
    """提到了你; a comment the barrier folded (spam, abuse) tells nobody."""
    comment_id = p["comment_id"]
    verdict = session.get(CommentVerdict, comment_id) if comment_id is not None else None
    if verdict is not None and verdict.folded:
        return
    refs = {k: p[k] for k in ("post_id", "comment_id", "board_message_id") if p[k] is not None}
    _notify(session, p, user_id=p["user_id"], kind="mention", **refs)


def on_friend(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"])


def on_circle(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"], circle_id=p["circle_id"])


def on_repost(session: Session, p: dict[str, Any]) -> None:
    """转发: the original's author is told, and the reposted repost's author when it is someone else."""
    _notify(session, p, user_id=p["user_id"], post_id=p["post_id"])
    source = session.get(Post, p["source_id"])
    if source is not None and source.author_id != p["user_id"]:
        _notify(session, p, user_id=source.author_id, post_id=p["post_id"])


def on_message(session: Session, p: dict[str, Any]) -> None:
    """A new 私信: one unread notice per sender, however many messages they send before it is read."""
    waiting = select(Notification.id).where(
        Notification.user_id == p["user_id"],
        Notification.actor_id == p["actor_id"],
        Notification.kind == "message",
        Notification.read_at.is_(None),
    )
    if session.scalar(waiting.limit(1)) is None:
        _notify(session, p, user_id=p["user_id"])


def on_special_post(session: Session, p: dict[str, Any]) -> None:
    """特别关心: those who marked the author (friends still) hear of each new post they may see."""
    post = session.get(Post, p["post_id"])
    if post is None:
        return
    for user in following.special_carers(session, post.author_id):
        if authz.can_see_post(authz.load_viewer(session, user), post):
            _notify(session, {**p, "actor_id": post.author_id}, user_id=user.id, kind="special_post", post_id=post.id)


@dataclass(frozen=True)
class NotificationCard:
    """One notification as its owner sees it: who, what, and what it points at (None once gone)."""

    id: int
    kind: str
    actor: UserCard
    post_id: int | None
    post_body: str | None
    comment_id: int | None
    comment_body: str | None
    board_message_id: int | None
    circle_slug: str | None
    circle_name: str | None
    created_at: datetime
    read: bool


def notification_cards(
    session: Session,
    viewer: Viewer,
    user: User,
    *,
    cursor: str | None = None,
    limit: int = 20,
    unread_only: bool = False,
) -> Page[NotificationCard]:
    """The member's notifications, newest first, as the page and the API show them.

    Leaves out actors they blocked and posts they can no longer see; one query per kind of row, not per card.
    """
    limit = max(1, min(limit, PAGE_MAX))
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    cond = before_cursor(Notification.created_at, Notification.id, cursor)
    if cond is not None:
        stmt = stmt.where(cond)
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit + 1)
    rows = list(session.scalars(stmt))
    posts = _by_id(session, Post, {n.post_id for n in rows if n.post_id})
    page = page_of([n for n in rows if _still_visible(viewer, n, posts)], limit, lambda n: (n.created_at, n.id))
    notes = page.items
    actors = users_by_id(session, [n.actor_id for n in notes])
    comments = _by_id(session, Comment, {n.comment_id for n in notes if n.comment_id})
    circles = _by_id(session, Circle, {n.circle_id for n in notes if n.circle_id})
    return Page([_card(n, actors, posts, comments, circles) for n in notes], page.next_cursor)


def _card(
    n: Notification,
    actors: dict[int, User],
    posts: dict[int, Post],
    comments: dict[int, Comment],
    circles: dict[int, Circle],
) -> NotificationCard:
    post = posts.get(n.post_id) if n.post_id else None
    comment = comments.get(n.comment_id) if n.comment_id else None
    circle = circles.get(n.circle_id) if n.circle_id else None
    return NotificationCard(
        id=n.id,
        kind=n.kind,
        actor=user_card(actors[n.actor_id]),
        post_id=n.post_id,
        post_body=post.body if post else None,
        comment_id=n.comment_id,
        comment_body=comment.body if comment else None,
        board_message_id=n.board_message_id,
        circle_slug=circle.slug if circle else None,
        circle_name=circle.name if circle else None,
        created_at=n.created_at,
        read=n.read_at is not None,
    )


def _by_id(session: Session, model: type[_Row], ids: set[int]) -> dict[int, _Row]:
    """Rows of one kind in one query."""
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}


def _still_visible(viewer: Viewer, note: Notification, posts: dict[int, Post]) -> bool:
    if viewer.is_blocked(note.actor_id):
        return False
    if note.post_id is None:
        return True
    post = posts.get(note.post_id)
    return post is not None and authz.can_see_post(viewer, post)


def unread_count(session: Session, user: User) -> int:
    stmt = select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    return int(session.scalar(stmt) or 0)


def mark_read(session: Session, user: User, ids: list[int] | None) -> int:
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    return affected(session, stmt.values(read_at=utcnow()))
