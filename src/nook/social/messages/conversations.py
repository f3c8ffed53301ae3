"""私信: 1:1 conversations between friends, circle co-members where the recipient allows it, and a request
box for everyone else.

Messages are private (`authz.can_see_conversation`): only the two members read them; a moderator reads a
reported conversation through its case (`nook.social.messages.reports`), with an audit entry. Each new
message is an outbox event (`Kind.MESSAGE`), which is where live delivery hooks in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.user_cards import UserCard, user_card
from nook.social.limits import PAGE_MAX
from nook.social.moderation import barrier
from nook.social.people import following
from nook.social.people.directory import users_by_id
from nook.social.text import clean_text
from nook.store.first_writes import insert_or_existing
from nook.store.models import CircleMember, Conversation, Media, Message, User
from nook.store.outbox import Kind, emit

MESSAGE_MAX = 1000
#: Boxes of the message list: conversations one takes part in, and strangers' first messages.
BOXES = ("inbox", "requests")


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def find_conversation(session: Session, a: int, b: int) -> Conversation | None:
    low, high = _pair(a, b)
    return session.scalar(
        select(Conversation).where(Conversation.low_user_id == low, Conversation.high_user_id == high)
    )


def _shares_circle(session: Session, a: int, b: int) -> bool:
    mine = select(CircleMember.circle_id).where(CircleMember.user_id == a, CircleMember.status == "active")
    stmt = select(CircleMember.circle_id).where(
        CircleMember.user_id == b, CircleMember.status == "active", CircleMember.circle_id.in_(mine)
    )
    return session.scalar(stmt.limit(1)) is not None


def _open_or_start(session: Session, viewer: Viewer, me: User, other: User) -> Conversation:
    """The pair's conversation; a first message starts it as open or as a request (authz decides)."""
    conv = find_conversation(session, me.id, other.id)
    if conv is not None:
        return conv
    allowed = following.contact_settings(session, other.id).dm_policy == "circles"
    route = authz.message_route(
        viewer, other, shares_circle=allowed and _shares_circle(session, me.id, other.id), circles_allowed=allowed
    )
    if route is None:
        raise NotFound(N_("找不到这个用户"))
    if route == "request":
        rate_limits.enforce(rate_limits.MESSAGE_REQUEST, me.id)
    low, high = _pair(me.id, other.id)
    fresh = Conversation(low_user_id=low, high_user_id=high, state=route, started_by=me.id)
    conv, _ = insert_or_existing(session, fresh, lambda: find_conversation(session, me.id, other.id))
    return conv


def send(session: Session, viewer: Viewer, me: User, other: User, *, body: str, media_id: int | None = None) -> Message:
    """Send a message (text with emoji, and at most one photo uploaded through /media)."""
    if not authz.can_see_user(viewer, other) or other.id == me.id:
        raise NotFound(N_("找不到这个用户"))
    rate_limits.enforce(barrier.message_rule(session, me), me.id)
    text = clean_text(body, field=N_("私信"), max_len=MESSAGE_MAX, allow_empty=media_id is not None)
    media = _own_media(session, me, media_id)
    conv = _open_or_start(session, viewer, me, other)
    if conv.state == "request":
        if conv.started_by == me.id and _count(session, conv.id, me.id) > 0:
            raise Conflict(N_("对方回复前只能发一条私信"))
        if conv.started_by != me.id:
            conv.state = "open"  # replying accepts the request
    fold = barrier.message_fold(session, me.id, text, conv.id, stranger=not viewer.is_friend(other.id))
    row = Message(
        conversation_id=conv.id, sender_id=me.id, body=text, media_id=media.id if media else None, fold_reason=fold
    )
    session.add(row)
    session.flush()
    conv.last_message_at = row.created_at
    _set_read(conv, me.id, row.id)
    emit(session, Kind.MESSAGE, user_id=other.id, actor_id=me.id, conversation_id=conv.id, message_id=row.id)
    return row


def _own_media(session: Session, me: User, media_id: int | None) -> Media | None:
    if media_id is None:
        return None
    media = session.get(Media, media_id)
    if media is None or media.owner_id != me.id:
        raise NotFound(N_("找不到这张图片"))
    return media


def _count(session: Session, conversation_id: int, sender_id: int) -> int:
    stmt = select(func.count()).where(Message.conversation_id == conversation_id, Message.sender_id == sender_id)
    return int(session.scalar(stmt) or 0)


def _set_read(conv: Conversation, user_id: int, message_id: int) -> None:
    if user_id == conv.low_user_id:
        conv.low_read_id = max(conv.low_read_id, message_id)
    else:
        conv.high_read_id = max(conv.high_read_id, message_id)


def _read_by(conv: Conversation, user_id: int) -> int:
    return conv.low_read_id if user_id == conv.low_user_id else conv.high_read_id


def _other_id(conv: Conversation, user_id: int) -> int:
    return conv.high_user_id if user_id == conv.low_user_id else conv.low_user_id


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageCard:
    id: int
    sender: UserCard
    body: str
    media_id: int | None
    mine: bool
    #: folded for the recipient by the barrier, and why (the sender sees their message as sent)
    folded: bool
    fold_reason: str | None
    created_at: datetime
    #: my message was read by the other member; None where they turned read receipts off
    read: bool | None


@dataclass(frozen=True)
class ConversationView:
    other: UserCard
    state: str
    #: a stranger's first message waiting for me to answer (or to block and report)
    request_to_me: bool
    #: I wrote first to a stranger: one message until they answer
    awaiting_reply: bool
    messages: list[MessageCard]


def conversation_with(
    session: Session, viewer: Viewer, me: User, other: User, *, after_id: int | None = None, limit: int = PAGE_MAX
) -> ConversationView:
    """The latest messages with `other` (or those after `after_id`, for polling), oldest first; reading
    them marks them read (the other member sees 已读 if I send read receipts)."""
    if not authz.can_see_user(viewer, other):
        raise NotFound(N_("找不到这个用户"))
    conv = find_conversation(session, me.id, other.id)
    if conv is None:
        return ConversationView(user_card(other), "new", False, False, [])
    if not authz.can_see_conversation(viewer, conv):
        raise NotFound(N_("找不到这个用户"))
    stmt = select(Message).where(Message.conversation_id == conv.id)
    if after_id is not None:
        stmt = stmt.where(Message.id > after_id)
    limit = max(1, min(limit, PAGE_MAX))
    rows = list(reversed(list(session.scalars(stmt.order_by(Message.id.desc()).limit(limit)))))
    if rows:
        _set_read(conv, me.id, rows[-1].id)
    receipts = following.contact_settings(session, other.id).read_receipts
    their_read = _read_by(conv, other.id)
    people = {me.id: user_card(me), other.id: user_card(other)}
    cards = [_card(m, people, me.id, their_read if receipts else None) for m in rows]
    mine_first = conv.state == "request" and conv.started_by == me.id
    return ConversationView(user_card(other), conv.state, conv.state == "request" and not mine_first, mine_first, cards)


def _card(m: Message, people: dict[int, UserCard], me_id: int, their_read: int | None) -> MessageCard:
    mine = m.sender_id == me_id
    return MessageCard(
        id=m.id,
        sender=people[m.sender_id],
        body=m.body,
        media_id=m.media_id,
        mine=mine,
        folded=m.fold_reason is not None and not mine,
        fold_reason=m.fold_reason if not mine else None,
        created_at=m.created_at,
        read=(their_read >= m.id if their_read is not None else None) if mine else None,
    )


@dataclass(frozen=True)
class ConversationCard:
    other: UserCard
    state: str
    last_body: str
    last_mine: bool
    last_at: datetime
    unread: int


def conversation_list(session: Session, viewer: Viewer, me: User, *, box: str = "inbox") -> list[ConversationCard]:
    """My conversations, latest first: the inbox, or the request box (strangers' first messages to me)."""
    if box not in BOXES:
        raise Invalid(N_("私信分类需为 inbox 或 requests"))
    requests = and_(Conversation.state == "request", Conversation.started_by != me.id)
    stmt = select(Conversation).where(authz.visible_conversations_filter(viewer))
    stmt = stmt.where(requests if box == "requests" else ~requests)
    convs = list(session.scalars(stmt.order_by(Conversation.last_message_at.desc(), Conversation.id.desc()).limit(100)))
    if not convs:
        return []
    last = _last_messages(session, [c.id for c in convs])
    unread = _unread(session, me.id, convs)
    users = users_by_id(session, [_other_id(c, me.id) for c in convs])
    return [
        ConversationCard(
            other=user_card(users[_other_id(c, me.id)]),
            state=c.state,
            last_body=last[c.id].body if c.id in last else "",
            last_mine=c.id in last and last[c.id].sender_id == me.id,
            last_at=c.last_message_at,
            unread=unread.get(c.id, 0),
        )
        for c in convs
    ]


def _last_messages(session: Session, ids: list[int]) -> dict[int, Message]:
    newest = select(func.max(Message.id)).where(Message.conversation_id.in_(ids)).group_by(Message.conversation_id)
    return {m.conversation_id: m for m in session.scalars(select(Message).where(Message.id.in_(newest)))}


def _unread(session: Session, me_id: int, convs: list[Conversation]) -> dict[int, int]:
    conds = [and_(Message.conversation_id == c.id, Message.id > _read_by(c, me_id)) for c in convs]
    stmt = (
        select(Message.conversation_id, func.count())
        .where(or_(*conds), Message.sender_id != me_id)
        .group_by(Message.conversation_id)
    )
    return {int(k): int(n) for k, n in session.execute(stmt)}


def decline(session: Session, viewer: Viewer, me: User, other: User) -> None:
    """Remove a stranger's request from my request box (a new one counts against their daily request limit)."""
    conv = find_conversation(session, me.id, other.id)
    if conv is None or conv.state != "request" or conv.started_by == me.id:
        raise NotFound(N_("没有这条私信请求"))
    session.delete(conv)


__all__ = [
    "BOXES",
    "MESSAGE_MAX",
    "ConversationCard",
    "ConversationView",
    "MessageCard",
    "conversation_list",
    "conversation_with",
    "decline",
    "find_conversation",
    "send",
]
