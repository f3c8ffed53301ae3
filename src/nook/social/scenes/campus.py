"""校园回忆: the schools members declare, campus pages (同校 / 同级 / 同班), the 老同学 feed,
the classmate prompt under a post, and classmate friend suggestions.

Who may be seen as whose classmate is decided by `authz.can_see_school` / `visible_schools_filter`
(each school's own privacy per part: school, year, class); posts still go through `visible_posts_filter`.
The first school (lowest position) mirrors the legacy single-school profile columns, so older readers
of `User.school` keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from nook.errors import Invalid, NotFound
from nook.phrases import N_, Phrase, Value
from nook.security import limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.posts import get_visible_post
from nook.social.limits import CLASS_MAX, PAGE_MAX, SCHOOL_MAX
from nook.social.pagination import Page
from nook.social.scenes import prompts
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import lock_rows
from nook.store.models import (
    DEFAULT_PRIVACY,
    Comment,
    FriendRequest,
    Friendship,
    Notification,
    Post,
    User,
    UserSchool,
)
from nook.vocabulary import PRIVACY_LEVELS

SCHOOL_KINDS = ("初中", "高中", "大学")
SCOPES = ("school", "year", "class")  # 同校 / 同级 / 同班
#: At most this many schools per member (初中, 高中, 本科, 研究生... with room to spare).
SCHOOLS_MAX = 6
#: Earlier commenters told at most of one new comment (a busy thread does not fan out without end).
_NOTIFY_MAX = 20
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
    limits.enforce(limits.SCENE_EDIT, user.id)
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
    limits.enforce(limits.SCENE_EDIT, user.id)
    row = _own_school(session, user, school_id)
    _apply(row, data)
    _check_duplicate([s for s in schools_of(session, user.id) if s.id != row.id], row)
    session.flush()
    _mirror_first(session, user)
    return row


def delete_school(session: Session, user: User, school_id: int) -> None:
    limits.enforce(limits.SCENE_EDIT, user.id)
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
) -> Page[Post]:
    """Posts by the members on the campus page, each one the viewer may see."""
    rows = _campus_rows(viewer, school, year, scope, class_name).subquery()
    authors = select(rows.c.user_id)
    stmt = select(Post).where(Post.author_id.in_(authors), authz.visible_posts_filter(viewer))
    return _page(session, stmt, cursor, limit)


def classmates_feed(session: Session, viewer: Viewer, *, cursor: str | None = None, limit: int = 20) -> Page[Post]:
    """老同学: posts by members who share a school with the viewer (and let the viewer see it)."""
    assert viewer.id is not None
    authors = select(UserSchool.user_id).join(User, User.id == UserSchool.user_id).where(_shares_school(viewer))
    stmt = select(Post).where(
        Post.author_id.in_(authors), Post.author_id != viewer.id, authz.visible_posts_filter(viewer)
    )
    return _page(session, stmt, cursor, limit)


def _shares_school(viewer: Viewer) -> Any:
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


def _page(session: Session, stmt: Any, cursor: str | None, limit: int) -> Page[Post]:
    from nook.social.content.feed import _page as feed_page  # the feed's keyset paging, shared

    return feed_page(session, stmt, cursor, max(1, min(limit, PAGE_MAX)))


# --- the classmate prompt under a post ----------------------------------------------------------


@dataclass(frozen=True)
class ClassmatePrompt:
    prompt_id: int
    classmate: User
    kind: str  # 初中 / 高中 / 大学

    @property
    def text(self) -> str:
        return f"你的{self.kind}同学{self.classmate.nickname}也在这条动态下留言了，要不要聊聊当年的趣事？"


def classmate_prompt(session: Session, viewer: Viewer, me: User, post_id: int) -> ClassmatePrompt | None:
    """At most once per post and viewer: a classmate the viewer may see as one commented here."""
    post = get_visible_post(session, viewer, post_id)
    if prompts.already_shown(session, "campus", me.id, post.id):
        return None
    found = _classmate_commenter(session, viewer, me, post)
    if found is None:
        return None
    user, school = found
    shown, first = prompts.record(session, "campus", me.id, post_id=post.id, subject_user_id=user.id)
    return ClassmatePrompt(shown.id, user, school.kind) if first else None  # another tab showed it just now


def _classmate_commenter(session: Session, viewer: Viewer, me: User, post: Post) -> tuple[User, UserSchool] | None:
    commenters = select(Comment.author_id).where(
        Comment.post_id == post.id, Comment.author_id != me.id, authz.visible_comments_filter(viewer)
    )
    stmt = (
        select(UserSchool, User)
        .join(User, User.id == UserSchool.user_id)
        .where(UserSchool.user_id.in_(commenters), _shares_school(viewer))
        .order_by(UserSchool.position)
    )
    mine = schools_of(session, me.id)
    best: tuple[int, User, UserSchool] | None = None
    for school, user in session.execute(stmt):
        if not (authz.can_see_user(viewer, user) and authz.can_see_school(viewer, user, school)):
            continue
        rank = _closeness(viewer, user, school, mine)[0]  # a 同班 classmate before a mere 校友
        if best is None or rank > best[0]:
            best = (rank, user, school)
    return (best[1], best[2]) if best else None


def notify_classmates(session: Session, p: dict[str, Any]) -> None:
    """After a comment: earlier commenters who may see the writer as their classmate hear of it, once per post.

    The post's author and the member replied to already get a notification of their own, so they are left out.
    """
    post, comment = session.get(Post, p["post_id"]), session.get(Comment, p["comment_id"])
    actor = session.get(User, p["actor_id"])
    if post is None or comment is None or actor is None:
        return
    skip = {actor.id, post.author_id, p.get("reply_to_user_id")}
    earlier = select(Comment.author_id).where(Comment.post_id == post.id, Comment.id < comment.id).distinct()
    for reader_id in [i for i in session.scalars(earlier.limit(60)) if i not in skip][:_NOTIFY_MAX]:
        reader = session.get(User, reader_id)
        if reader is None or prompts.already_shown(session, "campus", reader_id, post.id):
            continue
        viewer = authz.load_viewer(session, reader)
        if not (authz.can_see_post(viewer, post) and authz.can_see_comment(viewer, comment)):
            continue
        shared = (
            select(UserSchool.id)
            .join(User, User.id == UserSchool.user_id)
            .where(UserSchool.user_id == actor.id, _shares_school(viewer))
        )
        if session.scalar(shared.limit(1)) is None:
            continue
        _, first = prompts.record(session, "campus", reader_id, post_id=post.id, subject_user_id=actor.id)
        if not first:  # a comment handled at the same moment already told this reader
            continue
        refs = {"post_id": post.id, "comment_id": comment.id, "created_at": p.get("at") or utcnow()}
        session.add(Notification(user_id=reader_id, actor_id=actor.id, kind="classmate", **refs))


# --- classmate friend suggestions ---------------------------------------------------------------


@dataclass(frozen=True)
class PersonTip:
    """Someone the member may know, the reason shown, and mutual friends the member may see."""

    user: User
    reason: Phrase
    mutual_count: int
    mutual_names: list[str]


def classmate_suggestions(session: Session, viewer: Viewer, me: User, *, limit: int = 8) -> list[PersonTip]:
    """People from the viewer's schools (同班 first, then 同级, then 同校) not yet friends or asked."""
    mine = schools_of(session, me.id)
    if not mine:
        return []
    stmt = (
        select(UserSchool, User)
        .join(User, User.id == UserSchool.user_id)
        .where(_shares_school(viewer), User.id.not_in(_excluded(me.id)))
        .limit(400)
    )
    best: dict[int, tuple[int, User, Phrase]] = {}
    for row, user in session.execute(stmt):
        rank, reason = _closeness(viewer, user, row, mine)
        if rank > best.get(user.id, (-1,))[0]:
            best[user.id] = (rank, user, reason)
    mutual = mutual_friends(session, me.id, list(best))
    ordered = sorted(best.values(), key=lambda t: (-t[0], -mutual.get(t[1].id, (0, []))[0], t[1].id))[:limit]
    out = []
    for _rank, user, reason in ordered:
        count, names = mutual.get(user.id, (0, []))
        out.append(PersonTip(user, reason, count, names))
    prompts.record_once(session, "classmate_friend", me.id, "subject_user_id", [t.user.id for t in out])
    return out


def _closeness(viewer: Viewer, user: User, row: UserSchool, mine: list[UserSchool]) -> tuple[int, Phrase]:
    rank, reason = 0, Phrase(N_("%(school)s 校友"), {"school": row.name})
    for s in mine:
        if s.name != row.name or s.kind != row.kind:
            continue
        if s.enroll_year and s.enroll_year == row.enroll_year and authz.can_see_school(viewer, user, row, "year"):
            if s.class_name and s.class_name == row.class_name and authz.can_see_school(viewer, user, row, "class"):
                where: dict[str, Value] = {"school": row.name, "year": row.enroll_year, "class": row.class_name}
                return 2, Phrase(N_("%(school)s %(year)s级 %(class)s 同班同学"), where)
            same_year: dict[str, Value] = {"school": row.name, "year": row.enroll_year}
            rank, reason = 1, Phrase(N_("%(school)s %(year)s级 同级同学"), same_year)
    return rank, reason


def _excluded(me_id: int) -> Any:
    """Me, my friends and anyone with a friend request pending either way (blocks: the schools filter)."""
    friends = select(Friendship.friend_id).where(Friendship.user_id == me_id)
    asked = select(FriendRequest.to_user_id).where(FriendRequest.from_user_id == me_id)
    asking = select(FriendRequest.from_user_id).where(FriendRequest.to_user_id == me_id)
    return select(User.id).where(or_(User.id == me_id, User.id.in_(friends), User.id.in_(asked), User.id.in_(asking)))


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
