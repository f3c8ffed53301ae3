"""分组: a member's named groups of friends, and the audience of a post, an album or a 留言板 for some
friends only.

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
    Album,
    AlbumAudienceGroup,
    AlbumAudienceMember,
    BoardAudienceGroup,
    BoardAudienceMember,
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
    """Delete a group. Posts, albums and a board that named it keep their audience: its members are named
    on them one by one."""
    rate_limits.enforce(rate_limits.GROUP_EDIT, owner.id)
    group = own_group(session, owner, group_id)
    member_ids = list(session.scalars(select(FriendGroupMember.user_id).where(FriendGroupMember.group_id == group.id)))
    for group_table, member_table, key in _AUDIENCES:
        naming = session.scalars(select(getattr(group_table, key)).where(group_table.group_id == group.id))
        for subject_id in list(naming):
            where = getattr(member_table, key) == subject_id
            named = set(session.scalars(select(member_table.user_id).where(where)))
            rows = [{key: subject_id, "user_id": uid} for uid in member_ids if uid not in named]
            if rows:
                session.execute(insert(member_table), rows)
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


# --- the audience of a post, an album or the 留言板 ----------------------------------------------

_Groups = type[PostAudienceGroup] | type[AlbumAudienceGroup] | type[BoardAudienceGroup]
_Members = type[PostAudienceMember] | type[AlbumAudienceMember] | type[BoardAudienceMember]
#: Each kind of audience: its two tables and the column naming what it belongs to.
_AUDIENCES: tuple[tuple[_Groups, _Members, str], ...] = (
    (PostAudienceGroup, PostAudienceMember, "post_id"),
    (AlbumAudienceGroup, AlbumAudienceMember, "album_id"),
    (BoardAudienceGroup, BoardAudienceMember, "owner_id"),
)


def set_audience(
    session: Session, author: User, post: Post, group_ids: Iterable[int], usernames: Iterable[str]
) -> None:
    """Store whom a "selected" or "except" post names (and nothing for the other visibilities)."""
    _store(session, author, _AUDIENCES[0], post.id, post.visibility, group_ids, usernames)


def set_album_audience(
    session: Session, owner: User, album: Album, group_ids: Iterable[int], usernames: Iterable[str]
) -> None:
    """Store whom a "selected" or "except" album names, with the post rules."""
    _store(session, owner, _AUDIENCES[1], album.id, album.visibility, group_ids, usernames)


def set_board_audience(session: Session, owner: User, group_ids: Iterable[int], usernames: Iterable[str]) -> None:
    """Store whom a "selected" or "except" 留言板 names, with the post rules."""
    _store(session, owner, _AUDIENCES[2], owner.id, owner.board_policy, group_ids, usernames)


def _store(
    session: Session,
    owner: User,
    tables: tuple[_Groups, _Members, str],
    subject_id: int,
    visibility: str,
    group_ids: Iterable[int],
    usernames: Iterable[str],
) -> None:
    group_table, member_table, key = tables
    session.execute(delete(group_table).where(getattr(group_table, key) == subject_id))
    session.execute(delete(member_table).where(getattr(member_table, key) == subject_id))
    groups, names = set(group_ids), set(usernames)
    if visibility not in AUDIENCE_VISIBILITIES:
        if groups or names:
            raise Invalid(N_("只有“部分好友可见”和“不给谁看”需要选择分组或好友"))
        return
    if len(groups) > AUDIENCE_GROUPS_MAX:
        raise Invalid(N_("最多选择 %(n)s 个分组"), n=AUDIENCE_GROUPS_MAX)
    for group_id in groups:
        own_group(session, owner, group_id)
    member_ids = _friend_ids(session, owner, names, AUDIENCE_MEMBERS_MAX, N_("最多选择 %(n)s 位好友"))
    if visibility == "selected" and not (groups or member_ids):
        raise Invalid(N_("“部分好友可见”需要至少选择一个分组或一位好友"))
    if visibility == "except" and not (groups or member_ids):
        raise Invalid(N_("“不给谁看”需要至少选择一个分组或一位好友"))
    if groups:
        session.execute(insert(group_table), [{key: subject_id, "group_id": g} for g in sorted(groups)])
    if member_ids:
        session.execute(insert(member_table), [{key: subject_id, "user_id": uid} for uid in sorted(member_ids)])


def audience_of(session: Session, post: Post) -> Audience:
    """The groups and friends a post names; call only for its author (`authz.can_edit_post`)."""
    return _audience(session, _AUDIENCES[0], post.id)


def album_audience_of(session: Session, album: Album) -> Audience:
    """The groups and friends an album names; call only for its owner."""
    return _audience(session, _AUDIENCES[1], album.id)


def board_audience_of(session: Session, owner: User) -> Audience:
    """The groups and friends a member's 留言板 names; call only for its owner."""
    return _audience(session, _AUDIENCES[2], owner.id)


def _audience(session: Session, tables: tuple[_Groups, _Members, str], subject_id: int) -> Audience:
    group_table, member_table, key = tables
    groups = session.scalars(
        select(FriendGroup)
        .join(group_table, group_table.group_id == FriendGroup.id)
        .where(getattr(group_table, key) == subject_id)
        .order_by(FriendGroup.id)
    )
    members = session.scalars(
        select(User)
        .join(member_table, member_table.user_id == User.id)
        .where(getattr(member_table, key) == subject_id)
        .order_by(User.nickname, User.id)
    )
    return Audience(list(groups), list(members))
