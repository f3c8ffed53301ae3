"""Notifications: created after commit from outbox events; read and marked read by their owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.user_cards import UserCard, user_card
from nook.social.limits import PAGE_MAX
from nook.social.pagination import Page, before_cursor, page_of
from nook.social.people import following, notice_settings
from nook.social.people.directory import users_by_id
from nook.store import live
from nook.store.base import utcnow
from nook.store.db import affected
from nook.store.models import Block, Circle, Comment, CommentVerdict, Notification, Post, User

_Row = TypeVar("_Row", Post, Comment, Circle)

#: Kinds shown as one card per target ("张三、李四等5人赞了你的说说"), and the column naming the target.
GROUPED: dict[str, str] = {"like": "post_id", "circle_join": "circle_id"}
#: A group takes in news of its target for this long after its first notification.
GROUP_WINDOW = timedelta(hours=24)
#: Actors a grouped card names ("张三、李四"); the rest are counted ("等5人").
NAMED_ACTORS = 2


def _notify(session: Session, p: dict[str, Any], *, user_id: int, kind: str | None = None, **refs: Any) -> None:
    """Notify `user_id` of the event `p` (dated when the event happened, not when it was handled).

    A kind the member muted is kept, born read: listed, but neither pushed live nor counted.
    """
    actor_id = p["actor_id"]
    if user_id == actor_id or _blocked_between(session, user_id, actor_id):
        return
    kind = kind or p["kind"]
    note = Notification(user_id=user_id, actor_id=actor_id, kind=kind, created_at=p["at"], active_at=p["at"], **refs)
    _join_group(session, note)
    if notice_settings.is_muted(session, user_id, kind):
        note.read_at = p["at"]
    else:
        live.notify_after_commit(session, user_id)
    session.add(note)


def _join_group(session: Session, note: Notification) -> None:
    """A like (or join) of the same thing within `GROUP_WINDOW` of the group's first one joins that group."""
    target = GROUPED.get(note.kind)
    if target is None:
        return
    column = getattr(Notification, target)
    head = session.scalars(
        select(Notification)
        .where(
            Notification.user_id == note.user_id,
            Notification.kind == note.kind,
            column == getattr(note, target),
            Notification.group_id.is_(None),
            Notification.created_at >= note.created_at - GROUP_WINDOW,
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(1)
    ).first()
    if head is not None:
        note.group_id = head.id
        head.active_at = max(head.active_at, note.created_at)


def _blocked_between(session: Session, a: int, b: int) -> bool:
    either_way = or_(
        and_(Block.blocker_id == a, Block.blocked_id == b), and_(Block.blocker_id == b, Block.blocked_id == a)
    )
    return session.scalar(select(Block.blocker_id).where(either_way).limit(1)) is not None


def on_like(session: Session, p: dict[str, Any]) -> None:
    _notify(session, p, user_id=p["user_id"], post_id=p["post_id"])


def on_comment(session: Session, p: dict[str, Any]) -> None:
    refs = {"post_id": p["post_id"], "comment_id": p["comment_id"]}
    reply_to = p.get("reply_to_user_id")
    if reply_to is not None:
        _notify(session, p, user_id=reply_to, kind="reply", **refs)
    if reply_to != p["post_author_id"]:
        _notify(session, p, user_id=p["post_author_id"], **refs)


def on_photo_comment(session: Session, p: dict[str, Any]) -> None:
    """评论了你的照片: the photo's owner is told (after the barrier, like a post's author)."""
    _notify(session, p, user_id=p["user_id"], photo_id=p["photo_id"])


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
    """One notification, or one group of them, as its owner sees it (targets None once gone).

    A group answers with its first notification's id (marking it read marks the whole group), the
    newest actors first, and is dated by its latest news.
    """

    id: int
    kind: str
    actor: UserCard
    actors: tuple[UserCard, ...]  # the newest, at most NAMED_ACTORS
    actor_count: int  # distinct members in the group (1 for a single notification)
    unread_count: int
    post_id: int | None
    post_body: str | None
    comment_id: int | None
    comment_body: str | None
    board_message_id: int | None
    photo_id: int | None
    circle_slug: str | None
    circle_name: str | None
    created_at: datetime
    read: bool


@dataclass(frozen=True)
class _Member:
    actor_id: int
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
    """The member's notifications, groups folded into one card, latest news first.

    Leaves out actors they blocked and posts they can no longer see; one query per kind of row, not per card.
    """
    limit = max(1, min(limit, PAGE_MAX))
    stmt = select(Notification).where(Notification.user_id == user.id, Notification.group_id.is_(None))
    if unread_only:
        member = aliased(Notification)
        unread_member = exists().where(member.group_id == Notification.id, member.read_at.is_(None))
        stmt = stmt.where(or_(Notification.read_at.is_(None), unread_member))
    cond = before_cursor(Notification.active_at, Notification.id, cursor)
    if cond is not None:
        stmt = stmt.where(cond)
    stmt = stmt.order_by(Notification.active_at.desc(), Notification.id.desc()).limit(limit + 1)
    rows = list(session.scalars(stmt))
    posts = _by_id(session, Post, {n.post_id for n in rows if n.post_id})
    page = page_of([n for n in rows if _still_visible(viewer, n, posts)], limit, lambda n: (n.active_at, n.id))
    groups = _group_members(session, viewer, page.items)
    heads = [n for n in page.items if groups[n.id]]
    actors = users_by_id(session, [a for n in heads for a in _distinct_actors(groups[n.id])[:NAMED_ACTORS]])
    comments = _by_id(session, Comment, {n.comment_id for n in heads if n.comment_id})
    circles = _by_id(session, Circle, {n.circle_id for n in heads if n.circle_id})
    cards = [_card(n, groups[n.id], actors, posts, comments, circles) for n in heads]
    return Page(cards, page.next_cursor)


def _group_members(session: Session, viewer: Viewer, heads: list[Notification]) -> dict[int, list[_Member]]:
    """Each head's notifications (itself included), newest first, blocked actors left out."""
    rows: dict[int, list[_Member]] = {n.id: [_Member(n.actor_id, n.created_at, n.read_at is not None)] for n in heads}
    grouped = [n.id for n in heads if n.kind in GROUPED]
    if grouped:
        stmt = select(
            Notification.group_id, Notification.actor_id, Notification.created_at, Notification.read_at
        ).where(Notification.group_id.in_(grouped))
        for group_id, actor_id, created_at, read_at in session.execute(stmt):
            assert group_id is not None  # selected by it
            rows[group_id].append(_Member(actor_id, created_at, read_at is not None))
    return {
        head_id: sorted((m for m in members if not viewer.is_blocked(m.actor_id)), key=_newest_first)
        for head_id, members in rows.items()
    }


def _newest_first(m: _Member) -> float:
    return -m.created_at.timestamp()


def _distinct_actors(members: list[_Member]) -> list[int]:
    """Who, newest first, each once (a member who liked, unliked and liked again is one person)."""
    return list(dict.fromkeys(m.actor_id for m in members))


def _card(
    n: Notification,
    members: list[_Member],
    actors: dict[int, User],
    posts: dict[int, Post],
    comments: dict[int, Comment],
    circles: dict[int, Circle],
) -> NotificationCard:
    post = posts.get(n.post_id) if n.post_id else None
    comment = comments.get(n.comment_id) if n.comment_id else None
    circle = circles.get(n.circle_id) if n.circle_id else None
    distinct = _distinct_actors(members)
    named = tuple(user_card(actors[a]) for a in distinct[:NAMED_ACTORS])
    unread = sum(1 for m in members if not m.read)
    return NotificationCard(
        id=n.id,
        kind=n.kind,
        actor=named[0],
        actors=named,
        actor_count=len(distinct),
        unread_count=unread,
        post_id=n.post_id,
        post_body=post.body if post else None,
        comment_id=n.comment_id,
        comment_body=comment.body if comment else None,
        board_message_id=n.board_message_id,
        photo_id=n.photo_id,
        circle_slug=circle.slug if circle else None,
        circle_name=circle.name if circle else None,
        created_at=n.active_at,
        read=unread == 0,
    )


def _by_id(session: Session, model: type[_Row], ids: set[int]) -> dict[int, _Row]:
    """Rows of one kind in one query."""
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}


def _still_visible(viewer: Viewer, note: Notification, posts: dict[int, Post]) -> bool:
    if note.post_id is None:
        return True
    post = posts.get(note.post_id)
    return post is not None and authz.can_see_post(viewer, post)


def unread_count(session: Session, user: User) -> int:
    """Unread notifications, each one counted (a group of 5 likes is 5), muted kinds left out."""
    muted = notice_settings.muted_kinds(session, user)
    stmt = select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if muted:
        stmt = stmt.where(Notification.kind.not_in(muted))
    return int(session.scalar(stmt) or 0)


def mark_read(session: Session, user: User, ids: list[int] | None) -> int:
    """Mark the given notifications (a group's id marks the whole group), or all, read; returns how many."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(or_(Notification.id.in_(ids), Notification.group_id.in_(ids)))
    return affected(session, stmt.values(read_at=utcnow()))
