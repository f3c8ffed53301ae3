"""Classmates meeting again: the classmate prompt under a post, telling earlier commenters that a classmate
commented too, and classmate friend suggestions (each through the same school privacy as the campus pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from nook.phrases import N_, Phrase, Value
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.posts import get_visible_post
from nook.social.people.friends import mutual_friends
from nook.social.scenes import prompts
from nook.social.scenes.campus import shares_school
from nook.social.scenes.schools import schools_of
from nook.store.base import utcnow
from nook.store.models import (
    Comment,
    FriendRequest,
    Friendship,
    Notification,
    Post,
    ScenePrompt,
    User,
    UserSchool,
)

#: Earlier commenters told at most of one new comment (a busy thread does not fan out without end).
_NOTIFY_MAX = 20


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
        .where(UserSchool.user_id.in_(commenters), shares_school(viewer))
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
    readers = [i for i in session.scalars(earlier.limit(60)) if i not in skip][:_NOTIFY_MAX]
    for reader_id in _unprompted_schoolmates(session, actor.id, post.id, readers):
        reader = session.get(User, reader_id)
        if reader is None:
            continue
        viewer = authz.load_viewer(session, reader)
        if not (authz.can_see_post(viewer, post) and authz.can_see_comment(viewer, comment)):
            continue
        shared = (
            select(UserSchool.id)
            .join(User, User.id == UserSchool.user_id)
            .where(UserSchool.user_id == actor.id, shares_school(viewer))
        )
        if session.scalar(shared.limit(1)) is None:
            continue
        _, first = prompts.record(session, "campus", reader_id, post_id=post.id, subject_user_id=actor.id)
        if not first:  # a comment handled at the same moment already told this reader
            continue
        refs = {"post_id": post.id, "comment_id": comment.id, "created_at": p.get("at") or utcnow()}
        session.add(Notification(user_id=reader_id, actor_id=actor.id, kind="classmate", **refs))


def _unprompted_schoolmates(session: Session, actor_id: int, post_id: int, readers: list[int]) -> list[int]:
    """Those of `readers` not yet prompted under the post who have a school of the actor's name and kind:
    two queries for them all, before the full check (their viewer, the school's privacy) of each. Most
    earlier commenters are no schoolmates, and each was checked again on every later comment."""
    if not readers:
        return []
    shown = select(ScenePrompt.viewer_id).where(
        ScenePrompt.kind == "campus", ScenePrompt.post_id == post_id, ScenePrompt.viewer_id.in_(readers)
    )
    actors = aliased(UserSchool)
    same_school = (
        select(UserSchool.user_id)
        .join(actors, and_(actors.name == UserSchool.name, actors.kind == UserSchool.kind))
        .where(actors.user_id == actor_id, UserSchool.user_id.in_(readers))
    )
    wanted = set(session.scalars(same_school)) - set(session.scalars(shown))
    return [r for r in readers if r in wanted]


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
        .where(shares_school(viewer), User.id.not_in(_excluded(me.id)))
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
