"""The schools members declare (初中, 高中, 大学), each part with its own privacy (school, year, class).

The first school (lowest position) mirrors the legacy single-school profile columns, so older readers
of `User.school` keep working.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import CLASS_MAX, SCHOOL_MAX
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import lock_rows
from nook.store.models import (
    DEFAULT_PRIVACY,
    User,
    UserSchool,
)
from nook.vocabulary import PRIVACY_LEVELS

SCHOOL_KINDS = ("初中", "高中", "大学")
#: At most this many schools per member (初中, 高中, 本科, 研究生... with room to spare).
SCHOOLS_MAX = 6
_SPACES = re.compile(r"\s+")


def normalize_school(name: str) -> str:
    """One spelling per school: inner spaces collapsed, so "南城 一中" and "南城一中" meet."""
    return _SPACES.sub("", clean_text(name, field=N_("学校"), max_len=SCHOOL_MAX))


# --- declaring schools ------------------------------------------------------------------------


def schools_of(session: Session, user_id: int) -> list[UserSchool]:
    stmt = select(UserSchool).where(UserSchool.user_id == user_id)
    return list(session.scalars(stmt.order_by(UserSchool.position, UserSchool.id)))


def visible_schools_of(session: Session, viewer: Viewer, user: User) -> list[UserSchool]:
    """A member's schools as this viewer may see them (the school at least; year and class checked apart)."""
    return [s for s in schools_of(session, user.id) if authz.can_see_school(viewer, user, s)]


def add_school(session: Session, user: User, data: dict[str, Any]) -> UserSchool:
    rate_limits.enforce(rate_limits.SCENE_EDIT, user.id)
    # two tabs adding at once would both pass the count and duplicate checks and share a position
    lock_rows(session, User, [user.id])
    existing = schools_of(session, user.id)
    if len(existing) >= SCHOOLS_MAX:
        raise Invalid(N_("最多填写 %(n)s 所学校"), n=SCHOOLS_MAX)
    if "name" not in data or "kind" not in data:
        raise Invalid(N_("请填写学校名称和阶段"))
    row = UserSchool(
        user_id=user.id,
        position=max((s.position for s in existing), default=-1) + 1,
        class_name="",
        school_privacy=(user.privacy or DEFAULT_PRIVACY).get("school", "public"),
        year_privacy=(user.privacy or DEFAULT_PRIVACY).get("school", "public"),
        class_privacy=(user.privacy or DEFAULT_PRIVACY).get("class", "friends"),
    )
    _apply(row, data)
    _check_duplicate(existing, row)
    session.add(row)
    session.flush()
    _mirror_first(session, user)
    return row


def update_school(session: Session, user: User, school_id: int, data: dict[str, Any]) -> UserSchool:
    rate_limits.enforce(rate_limits.SCENE_EDIT, user.id)
    row = _own_school(session, user, school_id)
    _apply(row, data)
    _check_duplicate([s for s in schools_of(session, user.id) if s.id != row.id], row)
    session.flush()
    _mirror_first(session, user)
    return row


def delete_school(session: Session, user: User, school_id: int) -> None:
    rate_limits.enforce(rate_limits.SCENE_EDIT, user.id)
    session.delete(_own_school(session, user, school_id))
    session.flush()
    _mirror_first(session, user)


def _own_school(session: Session, user: User, school_id: int) -> UserSchool:
    row = session.get(UserSchool, school_id)
    if row is None or row.user_id != user.id:
        raise NotFound(N_("找不到这所学校"))
    return row


def _apply(row: UserSchool, data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key == "kind":
            if value not in SCHOOL_KINDS:
                raise Invalid(N_("学校阶段需为 初中、高中 或 大学"))
            row.kind = value
        elif key == "name":
            row.name = normalize_school(str(value or ""))
        elif key == "enroll_year":
            row.enroll_year = _year(value)
        elif key == "class_name":
            row.class_name = clean_text(str(value or ""), field=N_("班级"), max_len=CLASS_MAX, allow_empty=True)
        elif key in ("school_privacy", "year_privacy", "class_privacy"):
            if value not in PRIVACY_LEVELS:
                raise Invalid(N_("可见范围需为 public、friends 或 private"))
            setattr(row, key, value)
        else:
            raise Invalid(N_("未知的学校字段：%(key)s"), key=key)


def _year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1950 <= value <= utcnow().year + 1:
        raise Invalid(N_("入学年份无效"))
    return value


def _check_duplicate(others: list[UserSchool], row: UserSchool) -> None:
    if any(s.name == row.name and s.kind == row.kind and s.enroll_year == row.enroll_year for s in others):
        raise Invalid(N_("这所学校已经填过了"))


def _mirror_first(session: Session, user: User) -> None:
    """Keep the legacy profile columns equal to the first school (or empty when there is none)."""
    rows = schools_of(session, user.id)
    first = rows[0] if rows else None
    user.school = first.name if first else ""
    user.school_kind = first.kind if first else ""
    user.enroll_year = first.enroll_year if first else None
    user.class_name = first.class_name if first else ""
    if first is not None:
        user.privacy = dict(user.privacy or DEFAULT_PRIVACY) | {
            "school": first.school_privacy,
            "class": first.class_privacy,
        }
        user.profile_completed = True


def sync_from_profile(session: Session, user: User) -> None:
    """The old single-school form (PATCH /me school fields) edits the first school."""
    rows = schools_of(session, user.id)
    first = rows[0] if rows else None
    if not user.school:
        if first is not None:
            session.delete(first)
        return
    privacy = user.privacy or DEFAULT_PRIVACY
    if first is None:
        first = UserSchool(user_id=user.id, position=0, year_privacy=privacy.get("school", "public"))
        session.add(first)
    first.name = _SPACES.sub("", user.school)
    first.kind = user.school_kind if user.school_kind in SCHOOL_KINDS else "高中"
    first.enroll_year = user.enroll_year
    first.class_name = user.class_name
    # the profile form knows school and class levels only; a year level set on 我的学校 stays
    first.school_privacy = privacy.get("school", "public")
    first.class_privacy = privacy.get("class", "friends")
    session.flush()


# --- campus pages and the 老同学 feed ---------------------------------------------------------
