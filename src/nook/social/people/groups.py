"""分组: a member's named groups of friends, and the audience of a post for some friends only.

Only friends can be put in a group; being in a group grants nothing by itself: every audience rule in
`nook.social.authz` starts from friendship, so unfriending someone hides the post from them at once,
while their place in the group stays (a renewed friendship is still left out where it was).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social.limits import (
    AUDIENCE_GROUPS_MAX,
    AUDIENCE_MEMBERS_MAX,
    GROUP_MEMBERS_MAX,
    GROUP_NAME_MAX,
    GROUPS_MAX,
)
from nook.social.text import clean_text
from nook.store.first_writes import insert_or_existing
from nook.store.models import (
    FriendGroup,
    FriendGroupMember,
    Friendship,
    Post,
    PostAudienceGroup,
    PostAudienceMember,
    User,
)
from nook.vocabulary import AUDIENCE_VISIBILITIES


@dataclass(frozen=True)
class GroupView:
    id: int
    name: str
    #: Current friends in the group, by nickname (a former friend's place is kept but not shown).
    members: list[User]


@dataclass(frozen=True)
class Audience:
    """Whom a "selected" or "except" post names: shown to its author only."""

    groups: list[FriendGroup]
    members: list[User]


def list_groups(session: Session, owner: User) -> list[GroupView]:
    groups = list(session.scalars(select(FriendGroup).where(FriendGroup.owner_id == owner.id).order_by(FriendGroup.id)))
    rows = session.execute(
        select(FriendGroupMember.group_id, User)
        .join(User, User.id == FriendGroupMember.user_id)
        .join(Friendship, (Friendship.user_id == owner.id) & (Friendship.friend_id == User.id))
        .where(FriendGroupMember.group_id.in_([g.id for g in groups]))
        .order_by(User.nickname, User.id)
    ).all()
    members: dict[int, list[User]] = {g.id: [] for g in groups}
    for group_id, user in rows:
        members[group_id].append(user)
    return [GroupView(g.id, g.name, members[g.id]) for g in groups]


def group_view(session: Session, owner: User, group_id: int) -> GroupView:
    own_group(session, owner, group_id)
    session.flush()
    return next(v for v in list_groups(session, owner) if v.id == group_id)


def create_group(session: Session, owner: User, name: str, usernames: Iterable[str] = ()) -> FriendGroup:
    rate_limits.enforce(rate_limits.GROUP_EDIT, owner.id)
    count = session.scalar(select(func.count()).select_from(FriendGroup).where(FriendGroup.owner_id == owner.id))
    if (count or 0) >= GROUPS_MAX:
        raise Invalid(N_("最多建 %(n)s 个分组"), n=GROUPS_MAX)
    clean = _name(name)
    find = select(FriendGroup).where(FriendGroup.owner_id == owner.id, FriendGroup.name == clean)
    group, new = insert_or_existing(session, FriendGroup(owner_id=owner.id, name=clean), lambda: session.scalar(find))
    if not new:
        raise Conflict(N_("已经有一个叫这个名字的分组"))
    session.flush()
    _replace_members(session, owner, group, usernames)
    return group


def edit_group(
    session: Session, owner: User, group_id: int, *, name: str | None = None, usernames: Iterable[str] | None = None
) -> FriendGroup:
    """Rename a group and/or replace its members; removing someone takes effect on every post at once."""
    rate_limits.enforce(rate_limits.GROUP_EDIT, owner.id)
    group = own_group(session, owner, group_id)
    if name is not None:
        clean = _name(name)
        taken = session.scalar(
            select(FriendGroup.id).where(
                FriendGroup.owner_id == owner.id, FriendGroup.name == clean, FriendGroup.id != group.id
            )
        )
        if taken is not None:
            raise Conflict(N_("已经有一个叫这个名字的分组"))
        group.name = clean
    if usernames is not None:
        _replace_members(session, owner, group, usernames)
    return group


def delete_group(session: Session, owner: User, group_id: int) -> None:
    """Delete a group. Posts that named it keep their audience: its members are named on them one by one."""
    rate_limits.enforce(rate_limits.GROUP_EDIT, owner.id)
    group = own_group(session, owner, group_id)
    member_ids = list(session.scalars(select(FriendGroupMember.user_id).where(FriendGroupMember.group_id == group.id)))
    post_ids = list(session.scalars(select(PostAudienceGroup.post_id).where(PostAudienceGroup.group_id == group.id)))
    for post_id in post_ids:
        named = set(session.scalars(select(PostAudienceMember.user_id).where(PostAudienceMember.post_id == post_id)))
        rows = [{"post_id": post_id, "user_id": uid} for uid in member_ids if uid not in named]
        if rows:
            session.execute(insert(PostAudienceMember), rows)
    session.delete(group)


def own_group(session: Session, owner: User, group_id: int) -> FriendGroup:
    group = session.get(FriendGroup, group_id)
    if group is None or group.owner_id != owner.id:
        raise NotFound(N_("找不到这个分组"))
    return group


def _name(name: str) -> str:
    return clean_text(name, field=N_("分组名"), max_len=GROUP_NAME_MAX)


def _replace_members(session: Session, owner: User, group: FriendGroup, usernames: Iterable[str]) -> None:
    ids = _friend_ids(session, owner, usernames, GROUP_MEMBERS_MAX, N_("一个分组最多 %(n)s 位好友"))
    session.execute(delete(FriendGroupMember).where(FriendGroupMember.group_id == group.id))
    if ids:
        session.execute(insert(FriendGroupMember), [{"group_id": group.id, "user_id": uid} for uid in sorted(ids)])


def _friend_ids(session: Session, owner: User, usernames: Iterable[str], limit: int, too_many: str) -> set[int]:
    names = set(usernames)
    if len(names) > limit:
        raise Invalid(too_many, n=limit)
    if not names:
        return set()
    rows = session.execute(
        select(User.username, User.id)
        .join(Friendship, (Friendship.user_id == owner.id) & (Friendship.friend_id == User.id))
        .where(User.username.in_(sorted(names)))
    )
    found = {name: uid for name, uid in rows}
    missing = sorted(names - set(found))
    if missing:
        raise Invalid(N_("只能选择自己的好友：%(names)s"), names=", ".join(missing[:5]))
    return set(found.values())


# --- a post's audience ----------------------------------------------------------------------------


def set_audience(
    session: Session, author: User, post: Post, group_ids: Iterable[int], usernames: Iterable[str]
) -> None:
    """Store whom a "selected" or "except" post names (and nothing for the other visibilities)."""
    session.execute(delete(PostAudienceGroup).where(PostAudienceGroup.post_id == post.id))
    session.execute(delete(PostAudienceMember).where(PostAudienceMember.post_id == post.id))
    groups, names = set(group_ids), set(usernames)
    if post.visibility not in AUDIENCE_VISIBILITIES:
        if groups or names:
            raise Invalid(N_("只有“部分好友可见”和“不给谁看”需要选择分组或好友"))
        return
    if len(groups) > AUDIENCE_GROUPS_MAX:
        raise Invalid(N_("最多选择 %(n)s 个分组"), n=AUDIENCE_GROUPS_MAX)
    for group_id in groups:
        own_group(session, author, group_id)
    member_ids = _friend_ids(session, author, names, AUDIENCE_MEMBERS_MAX, N_("最多选择 %(n)s 位好友"))
    if post.visibility == "selected" and not (groups or member_ids):
        raise Invalid(N_("“部分好友可见”需要至少选择一个分组或一位好友"))
    if post.visibility == "except" and not (groups or member_ids):
        raise Invalid(N_("“不给谁看”需要至少选择一个分组或一位好友"))
    if groups:
        session.execute(insert(PostAudienceGroup), [{"post_id": post.id, "group_id": g} for g in sorted(groups)])
    if member_ids:
        rows = [{"post_id": post.id, "user_id": uid} for uid in sorted(member_ids)]
        session.execute(insert(PostAudienceMember), rows)


def audience_of(session: Session, post: Post) -> Audience:
    """The groups and friends a post names; call only for its author (`authz.can_edit_post`)."""
    groups = session.scalars(
        select(FriendGroup)
        .join(PostAudienceGroup, PostAudienceGroup.group_id == FriendGroup.id)
        .where(PostAudienceGroup.post_id == post.id)
        .order_by(FriendGroup.id)
    )
    members = session.scalars(
        select(User)
        .join(PostAudienceMember, PostAudienceMember.user_id == User.id)
        .where(PostAudienceMember.post_id == post.id)
        .order_by(User.nickname, User.id)
    )
    return Audience(list(groups), list(members))
