"""Friend requests, friendships and blocks."""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social.authz import Viewer, can_see_user
from nook.social.limits import FRIEND_MESSAGE_MAX
from nook.social.text import clean_text
from nook.store import viewer_stamp
from nook.store.first_writes import insert_or_existing, lock_rows
from nook.store.models import Block, FriendRequest, Friendship, User
from nook.store.outbox import Kind, emit


def are_friends(session: Session, a: int, b: int) -> bool:
    return session.get(Friendship, (a, b)) is not None


def send_request(session: Session, viewer: Viewer, actor: User, target: User, message: str = "") -> FriendRequest:
    if not can_see_user(viewer, target):
        raise NotFound(N_("找不到这个用户"))
    if target.id == actor.id:
        raise Invalid(N_("不能加自己为好友"))
    if viewer.is_friend(target.id):
        raise Conflict(N_("你们已经是好友了"))
    rate_limits.enforce(rate_limits.FRIEND_REQUEST, actor.id)
    # Requests between the same two members take turns: two asking each other at once become friends,
    # and a double-clicked request is sent once.
    lock_rows(session, User, (actor.id, target.id))
    reverse = session.scalar(
        select(FriendRequest).where(FriendRequest.from_user_id == target.id, FriendRequest.to_user_id == actor.id)
    )
    if reverse is not None:  # they already asked us: asking back means yes
        accept_request(session, actor, reverse)
        return reverse
    existing = session.scalar(
        select(FriendRequest).where(FriendRequest.from_user_id == actor.id, FriendRequest.to_user_id == target.id)
    )
    if existing is not None:
        return existing
    req = FriendRequest(
        from_user_id=actor.id,
        to_user_id=target.id,
        message=clean_text(message, field=N_("附言"), max_len=FRIEND_MESSAGE_MAX, allow_empty=True),
    )
    session.add(req)
    session.flush()
    emit(session, Kind.FRIEND_REQUEST, user_id=target.id, actor_id=actor.id)
    return req


def incoming_requests(session: Session, user: User) -> list[FriendRequest]:
    stmt = select(FriendRequest).where(FriendRequest.to_user_id == user.id).order_by(FriendRequest.id.desc())
    return list(session.scalars(stmt))


def outgoing_requests(session: Session, user: User) -> list[FriendRequest]:
    stmt = select(FriendRequest).where(FriendRequest.from_user_id == user.id).order_by(FriendRequest.id.desc())
    return list(session.scalars(stmt))


def _own_incoming(session: Session, user: User, request_id: int) -> FriendRequest:
    req = session.get(FriendRequest, request_id)
    if req is None or req.to_user_id != user.id:
        raise NotFound(N_("找不到这条好友请求"))
    return req


def accept(session: Session, user: User, request_id: int) -> None:
    accept_request(session, user, _own_incoming(session, user, request_id))


def accept_request(session: Session, user: User, req: FriendRequest) -> None:
    other = req.from_user_id
    lock_rows(session, User, (user.id, other))
    session.delete(req)
    if not are_friends(session, user.id, other):
        session.add_all([Friendship(user_id=user.id, friend_id=other), Friendship(user_id=other, friend_id=user.id)])
        emit(session, Kind.FRIEND_ACCEPT, user_id=other, actor_id=user.id)


def decline(session: Session, user: User, request_id: int) -> None:
    session.delete(_own_incoming(session, user, request_id))


def cancel(session: Session, user: User, request_id: int) -> None:
    req = session.get(FriendRequest, request_id)
    if req is None or req.from_user_id != user.id:
        raise NotFound(N_("找不到这条好友请求"))
    session.delete(req)


def remove_friend(session: Session, user: User, other: User) -> None:
    if not are_friends(session, user.id, other.id):
        raise NotFound(N_("你们还不是好友"))
    _unfriend(session, user.id, other.id)


def _unfriend(session: Session, a: int, b: int) -> None:
    viewer_stamp.bump(session, (a, b))  # a bulk delete: no flush hook sees it
    session.execute(
        delete(Friendship).where(
            or_(
                (Friendship.user_id == a) & (Friendship.friend_id == b),
                (Friendship.user_id == b) & (Friendship.friend_id == a),
            )
        )
    )
    session.execute(
        delete(FriendRequest).where(
            or_(
                (FriendRequest.from_user_id == a) & (FriendRequest.to_user_id == b),
                (FriendRequest.from_user_id == b) & (FriendRequest.to_user_id == a),
            )
        )
    )


def friends_of(session: Session, user: User) -> list[User]:
    stmt = select(User).join(Friendship, Friendship.friend_id == User.id).where(Friendship.user_id == user.id)
    return list(session.scalars(stmt.order_by(User.nickname)))


def block(session: Session, user: User, other: User) -> None:
    """Block: ends the friendship and any pending request; neither side sees the other after."""
    if other.id == user.id:
        raise Invalid(N_("不能屏蔽自己"))
    if session.get(Block, (user.id, other.id)) is None:  # blocking twice (a double click) is harmless
        row = Block(blocker_id=user.id, blocked_id=other.id)
        insert_or_existing(session, row, lambda: session.get(Block, (user.id, other.id)))
    _unfriend(session, user.id, other.id)


def unblock(session: Session, user: User, other: User) -> None:
    row = session.get(Block, (user.id, other.id))
    if row is None:
        raise NotFound(N_("你没有屏蔽这个用户"))
    session.delete(row)


def blocked_by(session: Session, user: User) -> list[User]:
    stmt = select(User).join(Block, Block.blocked_id == User.id).where(Block.blocker_id == user.id)
    return list(session.scalars(stmt))


def mutual_friends(session: Session, me_id: int, others: list[int], names: int = 3) -> dict[int, tuple[int, list[str]]]:
    """For each of `others`: how many friends they share with me, and a few of their nicknames.

    Only my own friends are named, and a friendship cannot outlive a block, so every name is one I may see.
    """
    if not others:
        return {}
    mine = select(Friendship.friend_id).where(Friendship.user_id == me_id)
    stmt = (
        select(Friendship.user_id, User.nickname)
        .join(User, User.id == Friendship.friend_id)
        .where(Friendship.user_id.in_(others), Friendship.friend_id.in_(mine), User.is_active.is_(True))
        .order_by(Friendship.user_id, User.nickname)
    )
    out: dict[int, tuple[int, list[str]]] = {}
    for uid, nick in session.execute(stmt):
        count, listed = out.get(uid, (0, []))
        out[uid] = (count + 1, [*listed, nick] if len(listed) < names else listed)
    return out
