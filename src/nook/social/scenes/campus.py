"""校园回忆: campus pages (同校 / 同级 / 同班) and the 老同学 feed.

Who may be seen as whose classmate is decided by `authz.can_see_school` / `visible_schools_filter`
(each school's own privacy per part: school, year, class); posts still go through `visible_posts_filter`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from nook.errors import Invalid
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import PAGE_MAX
from nook.social.pagination import Page
from nook.social.scenes.schools import normalize_school, schools_of
from nook.store.models import (
    POST_ROW,
    Post,
    PostRow,
    User,
    UserSchool,
)

SCOPES = ("school", "year", "class")  # 同校 / 同级 / 同班


@dataclass(frozen=True)
class Classmate:
    user: User
    school: UserSchool
    same_year: bool
    same_class: bool


def campus_members(
    session: Session, viewer: Viewer, school: str, year: int | None, *, scope: str = "year", class_name: str = ""
) -> list[Classmate]:
    """Members of `school` the viewer may see as such: every year (同校), `year` (同级) or one class (同班)."""
    stmt = _campus_rows(viewer, school, year, scope, class_name)
    rows = session.execute(stmt.order_by(UserSchool.enroll_year, User.nickname).limit(500)).all()
    seen: dict[int, Classmate] = {}
    for row, user in rows:
        if user.id in seen:
            continue
        same_year = year is not None and row.enroll_year == year and authz.can_see_school(viewer, user, row, "year")
        same_class = bool(class_name) and same_year and row.class_name == class_name
        seen[user.id] = Classmate(user, row, same_year, same_class and authz.can_see_school(viewer, user, row, "class"))
    return list(seen.values())


def _campus_rows(viewer: Viewer, school: str, year: int | None, scope: str, class_name: str) -> Any:
    if scope not in SCOPES:
        raise Invalid(N_("范围需为 school、year 或 class"))
    name = normalize_school(school)
    stmt = (
        select(UserSchool, User)
        .join(User, User.id == UserSchool.user_id)
        .where(UserSchool.name == name, authz.visible_schools_filter(viewer, scope))
    )
    if scope in ("year", "class"):
        stmt = stmt.where(UserSchool.enroll_year == year)
    if scope == "class":
        stmt = stmt.where(UserSchool.class_name == class_name)
    return stmt


def campus_posts(
    session: Session,
    viewer: Viewer,
    school: str,
    year: int | None,
    *,
    scope: str = "year",
    class_name: str = "",
    cursor: str | None = None,
    limit: int = 20,
) -> Page[PostRow]:
    """Posts by the members on the campus page, each one the viewer may see."""
    rows = _campus_rows(viewer, school, year, scope, class_name).subquery()
    authors = select(rows.c.user_id)
    stmt = select(*POST_ROW).where(Post.author_id.in_(authors), authz.visible_posts_filter(viewer))
    return _page(session, stmt, cursor, limit)


def classmates_feed(session: Session, viewer: Viewer, *, cursor: str | None = None, limit: int = 20) -> Page[PostRow]:
    """老同学: posts by members who share a school with the viewer (and let the viewer see it)."""
    assert viewer.id is not None
    authors = select(UserSchool.user_id).join(User, User.id == UserSchool.user_id).where(shares_school(viewer))
    stmt = select(*POST_ROW).where(
        Post.author_id.in_(authors), Post.author_id != viewer.id, authz.visible_posts_filter(viewer)
    )
    return _page(session, stmt, cursor, limit)


def shares_school(viewer: Viewer) -> Any:
    """UserSchool rows (joined with User) at one of the viewer's own schools, visible to the viewer."""
    mine = select(UserSchool.name, UserSchool.kind).where(UserSchool.user_id == viewer.id).subquery()
    same = select(mine.c.name).where(mine.c.name == UserSchool.name, mine.c.kind == UserSchool.kind).exists()
    return and_(same, UserSchool.user_id != viewer.id, authz.visible_schools_filter(viewer))


def visible_classmates(session: Session, viewer: Viewer, user_ids: set[int]) -> frozenset[int]:
    """Those of `user_ids` who were in one of the viewer's classes (same school, year and class) and whose
    class the viewer may see: the rule of the 同班 campus page, for every reason that says "同班同学"."""
    if viewer.id is None or not user_ids:
        return frozenset()
    mine = {(s.kind, s.name, s.enroll_year, s.class_name) for s in schools_of(session, viewer.id) if s.class_name}
    if not mine:
        return frozenset()
    rows = session.execute(
        select(UserSchool, User)
        .join(User, User.id == UserSchool.user_id)
        .where(
            UserSchool.user_id.in_(user_ids - {viewer.id}),
            UserSchool.name.in_({name for _, name, _, _ in mine}),
            authz.visible_schools_filter(viewer, "class"),
        )
    )
    return frozenset(
        user.id
        for row, user in rows
        if (row.kind, row.name, row.enroll_year, row.class_name) in mine
        and authz.can_see_school(viewer, user, row, "class")
    )


def _page(session: Session, stmt: Any, cursor: str | None, limit: int) -> Page[PostRow]:
    from nook.social.content.feed import posts_page  # the feed's keyset paging, shared

    return posts_page(session, stmt, cursor, max(1, min(limit, PAGE_MAX)))


# --- the classmate prompt under a post ----------------------------------------------------------


def my_campuses(session: Session, me: User) -> list[UserSchool]:
    return schools_of(session, me.id)


def campus_size(session: Session, viewer: Viewer, school: str, year: int | None) -> int:
    stmt = _campus_rows(viewer, school, year, "year", "").subquery()
    return int(session.scalar(select(func.count(func.distinct(stmt.c.user_id)))) or 0)


def my_class(session: Session, me: User, school: str, year: int | None) -> str:
    """The viewer's own class at this school and year ("" when they did not give one)."""
    name = normalize_school(school)
    for row in schools_of(session, me.id):
        if row.name == name and row.enroll_year == year and row.class_name:
            return row.class_name
    return ""
