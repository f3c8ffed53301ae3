"""A member's space: the 留言板 message board and the 访客记录 visitor log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import mentions
from nook.social.limits import BOARD_MAX, PAGE_MAX
from nook.social.pagination import Page, before_cursor, page_of
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import BoardMessage, User, Visit
from nook.store.outbox import Kind, emit


def leave_message(session: Session, viewer: Viewer, author: User, owner: User, body: str) -> BoardMessage:
    if not authz.can_read_board(viewer, owner):
        raise NotFound(N_("找不到这个用户"))
    if not authz.can_write_board(viewer, owner):
        raise Forbidden(N_("只有好友可以在留言板留言"))
    rate_limits.enforce(rate_limits.BOARD, author.id)
    message = BoardMessage(
        owner_id=owner.id, author_id=author.id, body=clean_text(body, field=N_("留言"), max_len=BOARD_MAX)
    )
    session.add(message)
    session.flush()
    mentions.mention_on_board(session, author, owner, message)
    if owner.id != author.id:
        emit(session, Kind.BOARD, user_id=owner.id, actor_id=author.id, board_message_id=message.id)
    return message


def reply_message(session: Session, viewer: Viewer, owner: User, message_id: int, body: str) -> BoardMessage:
    """The owner answers a message on their own board."""
    parent = session.get(BoardMessage, message_id)
    if parent is None or parent.owner_id != owner.id or parent.parent_id is not None:
        raise NotFound(N_("找不到这条留言"))
    if viewer.is_blocked(parent.author_id):
        raise NotFound(N_("找不到这条留言"))
    rate_limits.enforce(rate_limits.BOARD, owner.id)
    reply = BoardMessage(
        owner_id=owner.id,
        author_id=owner.id,
        parent_id=parent.id,
        body=clean_text(body, field=N_("回复"), max_len=BOARD_MAX),
    )
    session.add(reply)
    session.flush()
    mentions.mention_on_board(session, owner, owner, reply)
    if parent.author_id != owner.id:
        emit(session, Kind.BOARD_REPLY, user_id=parent.author_id, actor_id=owner.id, board_message_id=reply.id)
    return reply


def delete_message(session: Session, viewer: Viewer, message_id: int) -> None:
    message = session.get(BoardMessage, message_id)
    if message is None or viewer.is_blocked(message.author_id):
        raise NotFound(N_("找不到这条留言"))
    if not authz.can_delete_board_message(viewer, message):
        raise Forbidden(N_("只能删除自己的留言或自己留言板上的留言"))
    session.delete(message)


def closed_board_reason(owner: User) -> str:
    """Why a board is closed to someone, from the owner's setting alone: a friend left out of a board for
    some friends learns no more than that the owner chose who may read it (as Qzone says)."""
    if owner.board_policy in ("selected", "except"):
        return N_("主人设置了留言板的访问权限")
    return N_("这个留言板只对好友开放")


def board(
    session: Session, viewer: Viewer, owner: User, *, cursor: str | None = None, limit: int = 20
) -> Page[BoardMessage]:
    """Top-level messages newest first; replies come with them (see `replies_for`)."""
    if not authz.can_see_user(viewer, owner):
        raise NotFound(N_("找不到这个用户"))
    if not authz.can_read_board(viewer, owner):
        raise Forbidden(closed_board_reason(owner))
    limit = max(1, min(limit, PAGE_MAX))
    stmt = select(BoardMessage).where(
        BoardMessage.owner_id == owner.id,
        BoardMessage.parent_id.is_(None),
        authz.visible_board_filter(viewer),
    )
    cond = before_cursor(BoardMessage.created_at, BoardMessage.id, cursor)
    if cond is not None:
        stmt = stmt.where(cond)
    rows = list(session.scalars(stmt.order_by(BoardMessage.created_at.desc(), BoardMessage.id.desc()).limit(limit + 1)))
    return page_of(rows, limit, lambda m: (m.created_at, m.id))


def replies_for(session: Session, messages: list[BoardMessage]) -> dict[int, list[BoardMessage]]:
    ids = [m.id for m in messages]
    out: dict[int, list[BoardMessage]] = {i: [] for i in ids}
    if ids:
        stmt = select(BoardMessage).where(BoardMessage.parent_id.in_(ids)).order_by(BoardMessage.id)
        for reply in session.scalars(stmt):
            out[reply.parent_id or 0].append(reply)
    return out


def record_visit(session: Session, visitor: User | None, owner: User, *, at: datetime | None = None) -> bool:
    """Log a visit to `owner`'s space, unless it is their own or an allowed invisible visit."""
    if visitor is None or visitor.id == owner.id:
        return False
    if visitor.visit_invisibly and owner.allow_invisible_visits:
        return False
    now = at or utcnow()
    day = int(now.timestamp() // 86400)
    today = select(Visit).where(Visit.owner_id == owner.id, Visit.visitor_id == visitor.id, Visit.day == day)
    row = session.scalar(today)
    if row is None:
        # two tabs opening the space at once: the second counts as a second visit
        new = Visit(owner_id=owner.id, visitor_id=visitor.id, day=day, visited_at=now)
        row, created = insert_or_existing(session, new, lambda: session.scalar(today))
        if created:
            return True
    row.visited_at, row.count = now, row.count + 1
    return True


def visitors(session: Session, viewer: Viewer, owner: User, *, limit: int = 50) -> list[tuple[Visit, User]]:
    if viewer.id != owner.id:
        raise Forbidden(N_("只有空间主人可以查看访客记录"))
    if limit < 1 or limit > 200:
        raise Invalid(N_("limit 需在 1–200 之间"))
    stmt = (
        select(Visit, User)
        .join(User, User.id == Visit.visitor_id)
        .where(Visit.owner_id == owner.id)
        .order_by(Visit.visited_at.desc())
        .limit(limit)
    )
    return [(v, u) for v, u in session.execute(stmt) if not viewer.is_blocked(u.id)]
