"""特别关心 (a few friends whose new posts come first and notify), 关注 (one-way follows of public spaces)
and each member's contact settings (who may write to or follow them, read receipts)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.store.first_writes import insert_or_existing
from nook.store.models import DM_POLICIES, ContactSettings, Follow, Friendship, SpecialCare, User

#: How many friends one member may mark 特别关心 (few, so that it keeps meaning something).
SPECIAL_CARE_MAX = 10


# --- contact settings -------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    dm_policy: str
    read_receipts: bool
    followable: bool


_DEFAULT = Contact(dm_policy="friends", read_receipts=True, followable=True)


def contact_settings(session: Session, user_id: int) -> Contact:
    row = session.get(ContactSettings, user_id)
    return _DEFAULT if row is None else Contact(row.dm_policy, row.read_receipts, row.followable)


def update_contact_settings(
    session: Session,
    user: User,
    *,
    dm_policy: str | None = None,
    read_receipts: bool | None = None,
    followable: bool | None = None,
) -> Contact:
    if dm_policy is not None and dm_policy not in DM_POLICIES:
        raise Invalid(N_("私信设置需为 friends 或 circles"))
    row = session.get(ContactSettings, user.id)
    if row is None:
        fresh = ContactSettings(user_id=user.id, dm_policy="friends", read_receipts=True, followable=True)
        row, _ = insert_or_existing(session, fresh, lambda: session.get(ContactSettings, user.id))
    if dm_policy is not None:
        row.dm_policy = dm_policy
    if read_receipts is not None:
        row.read_receipts = read_receipts
    if followable is not None:
        row.followable = followable
    session.flush()
    return contact_settings(session, user.id)


# --- 特别关心 ---------------------------------------------------------------------------------


def special_care_ids(session: Session, user_id: int) -> set[int]:
    """Friends this member marked 特别关心 (a former friend stops counting at once)."""
    stmt = select(SpecialCare.friend_id).where(SpecialCare.user_id == user_id)
    return set(session.scalars(stmt))


def mark_special(session: Session, viewer: Viewer, user: User, friend: User) -> None:
    if not viewer.is_friend(friend.id):
        raise Forbidden(N_("只能把好友设为特别关心"))
    if session.get(SpecialCare, (user.id, friend.id)) is not None:
        return  # twice is harmless
    rate_limits.enforce(rate_limits.FOLLOW, user.id)
    if len(special_care_ids(session, user.id)) >= SPECIAL_CARE_MAX:
        raise Conflict(N_("特别关心最多 %(n)s 位好友"), n=SPECIAL_CARE_MAX)
    row = SpecialCare(user_id=user.id, friend_id=friend.id)
    insert_or_existing(session, row, lambda: session.get(SpecialCare, (user.id, friend.id)))


def unmark_special(session: Session, user: User, friend: User) -> None:
    row = session.get(SpecialCare, (user.id, friend.id))
    if row is not None:
        session.delete(row)


def special_care_of(session: Session, viewer: Viewer, user: User) -> list[User]:
    """The member's 特别关心 friends (friends still, and visible)."""
    ids = special_care_ids(session, user.id) & viewer.friend_ids
    rows = session.scalars(select(User).where(User.id.in_(ids)).order_by(User.nickname))
    return [u for u in rows if authz.can_see_user(viewer, u)]


def special_carers(session: Session, author_id: int) -> list[User]:
    """Members who marked the author 特别关心 and are still their friends."""
    friends = select(Friendship.user_id).where(Friendship.friend_id == author_id)
    stmt = select(User).join(SpecialCare, SpecialCare.user_id == User.id)
    stmt = stmt.where(SpecialCare.friend_id == author_id, SpecialCare.user_id.in_(friends), User.is_active.is_(True))
    return list(session.scalars(stmt))


# --- 关注 -------------------------------------------------------------------------------------


def follow(session: Session, viewer: Viewer, user: User, target: User) -> None:
    """Follow a member's public space; refused where the member turned being followed off."""
    if target.id == user.id:
        raise Invalid(N_("不能关注自己"))
    if not authz.can_see_user(viewer, target):
        raise NotFound(N_("找不到这个用户"))
    if not contact_settings(session, target.id).followable:
        raise Forbidden(N_("对方关闭了被关注"))
    if session.get(Follow, (user.id, target.id)) is not None:
        return
    rate_limits.enforce(rate_limits.FOLLOW, user.id)
    row = Follow(follower_id=user.id, followee_id=target.id)
    insert_or_existing(session, row, lambda: session.get(Follow, (user.id, target.id)))


def unfollow(session: Session, user: User, target: User) -> None:
    row = session.get(Follow, (user.id, target.id))
    if row is not None:
        session.delete(row)


@dataclass(frozen=True)
class FollowState:
    following: bool
    followers: int  # counted apart from friends
    followable: bool
    special: bool


def follow_state(session: Session, viewer: Viewer, target: User) -> FollowState:
    """What the target's space shows about 关注 and 特别关心 to this viewer."""
    followers = session.scalar(select(func.count()).select_from(Follow).where(Follow.followee_id == target.id))
    following = viewer.id is not None and session.get(Follow, (viewer.id, target.id)) is not None
    special = viewer.id is not None and session.get(SpecialCare, (viewer.id, target.id)) is not None
    return FollowState(following, int(followers or 0), contact_settings(session, target.id).followable, special)


def followed_ids(session: Session, user_id: int) -> set[int]:
    """Members whose spaces this member follows, and who still let themselves be followed."""
    off = select(ContactSettings.user_id).where(ContactSettings.followable.is_(False))
    stmt = select(Follow.followee_id).where(Follow.follower_id == user_id, Follow.followee_id.not_in(off))
    return set(session.scalars(stmt))
