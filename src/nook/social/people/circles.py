"""兴趣圈 circles: creating, joining (open or with approval), roles, and circle posts."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import CIRCLE_DESC_MAX, CIRCLE_NAME_MAX, CIRCLE_SLUG_MAX, CITY_MAX
from nook.social.text import clean_text
from nook.store.first_writes import insert_or_existing
from nook.store.models import ROLES, Circle, CircleMember, User
from nook.store.outbox import Kind, emit

_SLUG = re.compile(rf"^[a-z0-9][a-z0-9-]{{1,{CIRCLE_SLUG_MAX - 1}}}$")
KINDS = ("interest", "fanclub", "city", "campus")


def create_circle(
    session: Session,
    owner: User,
    *,
    slug: str,
    name: str,
    description: str = "",
    kind: str = "interest",
    city: str = "",
    join_policy: str = "open",
) -> Circle:
    slug = slug.strip().lower()
    if not _SLUG.match(slug):
        raise Invalid(N_("圈子地址需为 2–%(max)s 位小写字母、数字或连字符"), max=CIRCLE_SLUG_MAX)
    if kind not in KINDS:
        raise Invalid(N_("圈子类型需为 interest、fanclub、city 或 campus"))
    if join_policy not in ("open", "approval"):
        raise Invalid(N_("加入方式需为 open 或 approval"))
    if session.scalar(select(Circle.id).where(Circle.slug == slug)) is not None:
        raise Conflict(N_("这个圈子地址已被占用"))
    circle = Circle(
        slug=slug,
        name=clean_text(name, field=N_("圈子名称"), max_len=CIRCLE_NAME_MAX),
        description=clean_text(description, field=N_("圈子简介"), max_len=CIRCLE_DESC_MAX, allow_empty=True),
        kind=kind,
        city=clean_text(city, field=N_("城市"), max_len=CITY_MAX, allow_empty=True),
        join_policy=join_policy,
        created_by=owner.id,
    )
    taken = select(Circle).where(Circle.slug == slug)
    if not insert_or_existing(session, circle, lambda: session.scalar(taken))[1]:  # taken a moment ago
        raise Conflict(N_("这个圈子地址已被占用"))
    session.add(CircleMember(circle_id=circle.id, user_id=owner.id, role="owner", status="active"))
    return circle


def get_circle(session: Session, slug: str) -> Circle:
    circle = session.scalar(select(Circle).where(Circle.slug == slug.strip().lower()))
    if circle is None:
        raise NotFound(N_("找不到这个圈子"))
    return circle


def list_circles(session: Session, *, kind: str | None = None, city: str | None = None) -> list[tuple[Circle, int]]:
    members = (
        select(CircleMember.circle_id, func.count().label("n"))
        .where(CircleMember.status == "active")
        .group_by(CircleMember.circle_id)
        .subquery()
    )
    stmt = select(Circle, func.coalesce(members.c.n, 0)).outerjoin(members, members.c.circle_id == Circle.id)
    if kind:
        stmt = stmt.where(Circle.kind == kind)
    if city:
        stmt = stmt.where(Circle.city == city)
    return [(c, int(n)) for c, n in session.execute(stmt.order_by(Circle.id))]


def member_count(session: Session, circle: Circle) -> int:
    stmt = select(func.count()).where(CircleMember.circle_id == circle.id, CircleMember.status == "active")
    return int(session.scalar(stmt) or 0)


def membership(session: Session, circle: Circle, user_id: int | None) -> CircleMember | None:
    return None if user_id is None else session.get(CircleMember, (circle.id, user_id))


def join(session: Session, user: User, circle: Circle) -> CircleMember:
    row = membership(session, circle, user.id)
    if row is not None:
        return row
    status = "active" if circle.join_policy == "open" else "pending"
    new = CircleMember(circle_id=circle.id, user_id=user.id, role="member", status=status)
    row, created = insert_or_existing(session, new, lambda: membership(session, circle, user.id))
    if not created:  # a double click joined a moment ago
        return row
    kind = Kind.CIRCLE_JOIN if status == "active" else Kind.CIRCLE_REQUEST
    for mod_id in _moderator_ids(session, circle):
        emit(session, kind, user_id=mod_id, actor_id=user.id, circle_id=circle.id)
    return row


def leave(session: Session, user: User, circle: Circle) -> None:
    row = membership(session, circle, user.id)
    if row is None:
        raise NotFound(N_("你不在这个圈子里"))
    if row.role == "owner":
        raise Conflict(N_("圈主不能退出圈子，请先转让圈主"))
    session.delete(row)


def approve(session: Session, viewer: Viewer, circle: Circle, member: User) -> None:
    row = _moderated_member(session, viewer, circle, member)
    if row.status != "pending":
        raise Conflict(N_("该成员已在圈子里"))
    row.status = "active"
    emit(session, Kind.CIRCLE_APPROVED, user_id=member.id, actor_id=viewer.id, circle_id=circle.id)


def reject(session: Session, viewer: Viewer, circle: Circle, member: User) -> None:
    row = _moderated_member(session, viewer, circle, member)
    if row.role == "owner":
        raise Forbidden(N_("不能移除圈主"))
    session.delete(row)


def set_role(session: Session, viewer: Viewer, circle: Circle, member: User, role: str) -> None:
    """Only the owner changes roles; making someone owner hands the circle over."""
    if role not in ROLES:
        raise Invalid(N_("角色需为 owner、moderator 或 member"))
    mine = membership(session, circle, viewer.id)
    if mine is None or mine.role != "owner":
        raise Forbidden(N_("只有圈主可以设置角色"))
    row = membership(session, circle, member.id)
    if row is None or row.status != "active":
        raise NotFound(N_("该用户不在圈子里"))
    if role == "owner":
        mine.role = "moderator"
    row.role = role


def _moderated_member(session: Session, viewer: Viewer, circle: Circle, member: User) -> CircleMember:
    if not authz.can_moderate_circle(viewer, circle):
        raise Forbidden(N_("只有圈主或管理员可以这样做"))
    row = membership(session, circle, member.id)
    if row is None:
        raise NotFound(N_("该用户没有申请加入"))
    return row


def _moderator_ids(session: Session, circle: Circle) -> list[int]:
    stmt = select(CircleMember.user_id).where(
        CircleMember.circle_id == circle.id, CircleMember.role.in_(("owner", "moderator"))
    )
    return list(session.scalars(stmt))


def members(
    session: Session, viewer: Viewer, circle: Circle, *, status: str = "active"
) -> list[tuple[CircleMember, User]]:
    if status == "pending" and not authz.can_moderate_circle(viewer, circle):
        raise Forbidden(N_("只有圈主或管理员可以查看申请"))
    stmt = (
        select(CircleMember, User)
        .join(User, User.id == CircleMember.user_id)
        .where(CircleMember.circle_id == circle.id, CircleMember.status == status)
        .order_by(CircleMember.joined_at)
    )
    return [(m, u) for m, u in session.execute(stmt) if not viewer.is_blocked(u.id)]
