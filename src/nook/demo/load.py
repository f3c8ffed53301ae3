"""Loading the demo plan into a site through the real services (the one write path).

Each action runs at its planned time (`frozen_time`), so feeds, notifications and visitor logs
look like two months of real activity. Rate limits are suspended for the import only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from rich.progress import Progress
from sqlalchemy.orm import Session

from nook.demo import DEMO_PASSWORD
from nook.demo.albums import album_steps
from nook.demo.conversations import conversation_steps
from nook.demo.emoticons import emoticon_steps
from nook.demo.groups_polls import group_steps
from nook.demo.images import render_avatar, render_demo_image
from nook.demo.mentions import mention_steps
from nook.demo.model import (
    DemoBoardMessage,
    DemoCircle,
    DemoComment,
    DemoFriendship,
    DemoImage,
    DemoLike,
    DemoPlan,
    DemoPost,
    DemoUser,
    DemoVisit,
)
from nook.demo.scenes import plan_scenes, scene_steps
from nook.demo.theme_weeks import theme_steps
from nook.jobs.outbox import process_pending
from nook.security import rate_limits
from nook.security.passwords import hash_password
from nook.social.authz import Viewer, load_viewer
from nook.social.content import interactions, media, posts
from nook.social.content.audio import Song, read_mp3
from nook.social.content.posts import ImageRef
from nook.social.limits import TRACK_SECONDS_MAX
from nook.social.people import accounts, circles, friends, music, space
from nook.store.base import frozen_time
from nook.store.db import transaction
from nook.store.models import User


@dataclass
class Ids:
    """Database ids of the plan's records, by their plan key."""

    users: dict[str, int] = field(default_factory=dict)
    circles: dict[str, int] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)
    comments: dict[str, int] = field(default_factory=dict)
    #: viewers by user id, valid within one stage (relations do not change while posting or liking)
    viewers: dict[int, Viewer] = field(default_factory=dict)


Step = Callable[[Session, Ids], None]


def load_plan(plan: DemoPlan, progress: Progress | None = None, *, process_events: bool = False) -> Ids:
    """Write the whole plan into an empty site; returns the created ids.

    The after-commit work (notifications, analysis, comment scoring) is left to the site's worker,
    which catches up in the background once `nook serve` runs, unless `process_events` is set.
    """
    ids = Ids()
    shared_hash = hash_password(plan.password)  # hash once: Argon2 is slow on purpose
    stages: list[tuple[str, list[Step]]] = [
        ("成员", [partial(_user, u, shared_hash) for u in (plan.admin, *plan.users)]),
        ("好友", [partial(_friendship, f) for f in plan.friendships]),
        ("圈子", [partial(_circle, c) for c in plan.circles]),
        ("说说", [partial(_post, p) for p in plan.posts]),
        ("评论", [partial(_comment, c) for c in plan.comments]),
        ("点赞", [partial(_like, x) for x in plan.likes]),
        ("留言", [partial(_board, m) for m in plan.board_messages]),
        ("访客", [partial(_visit, v) for v in plan.visits]),
        ("校园与同城", scene_steps(plan_scenes(plan))),
        ("主题周与应援", theme_steps(plan)),
        ("提及", mention_steps(plan)),
        ("转发与私信", conversation_steps(plan)),
        ("表情", emoticon_steps(plan)),
        ("分组与投票", group_steps(plan)),
        ("相册", album_steps(plan)),
    ]
    with rate_limits.suspended():
        for name, steps in stages:
            _run_stage(name, steps, ids, progress)
    if process_events:
        settle()
    return ids


def settle() -> None:
    """Run the after-commit work still pending now, as the site's worker would once it starts."""
    while process_pending(limit=2000):
        pass


def _run_stage(name: str, steps: list[Step], ids: Ids, progress: Progress | None, chunk: int = 400) -> None:
    task = progress.add_task(name, total=len(steps)) if progress else None
    ids.viewers.clear()
    for start in range(0, len(steps), chunk):
        batch = steps[start : start + chunk]
        with transaction() as session:
            for step in batch:
                step(session, ids)
        if progress is not None and task is not None:
            progress.advance(task, len(batch))


def _viewer(session: Session, ids: Ids, user: User) -> Viewer:
    if user.id not in ids.viewers:
        ids.viewers[user.id] = load_viewer(session, user)
    return ids.viewers[user.id]


def _user_row(session: Session, ids: Ids, username: str) -> User:
    user = session.get(User, ids.users[username])
    assert user is not None
    return user


@cache
def _demo_song() -> Song:
    """An original tune made for the demo (CC0; scripts/make-demo-song.py made it)."""
    return read_mp3((Path(__file__).parent / "assets" / "wanfeng.mp3").read_bytes(), max_seconds=TRACK_SECONDS_MAX)


# About half the demo's members dress up their space, as on a real site.
_DEMO_SKINS = ("warm", "warm", "warm", "sakura", "forest", "starry", "sea", "paper")


def _user(person: DemoUser, shared_hash: str, session: Session, ids: Ids) -> None:
    with frozen_time(person.joined_at):
        user = accounts.register(
            session,
            username=person.username,
            password=DEMO_PASSWORD,
            nickname=person.nickname,
            is_admin=person.is_admin,
            password_hash=shared_hash,
        )
        avatar = media.store_image(session, user, render_avatar(person.avatar_seed, person.nickname))
        accounts.update_profile(
            session,
            user,
            {
                "bio": person.bio,
                "school": person.school or "",
                "school_kind": person.school_kind or "",
                "enroll_year": person.enroll_year,
                "class_name": person.class_name or "",
                "city": person.city,
                "interests": list(person.interests),
                "birthday": person.birthday,
                "avatar_media_id": avatar.id,
                "space_skin": _DEMO_SKINS[person.avatar_seed % len(_DEMO_SKINS)],
            },
        )
        if person.avatar_seed % 5 == 0:  # some spaces have 背景音乐, as on a real site
            music.add_track(session, user, _demo_song(), title="晚风", artist="心角原创")
        session.flush()
    ids.users[person.username] = user.id


def _friendship(f: DemoFriendship, session: Session, ids: Ids) -> None:
    a, b = _user_row(session, ids, f.a), _user_row(session, ids, f.b)
    with frozen_time(f.since):
        request = friends.send_request(session, load_viewer(session, a), a, b)
        session.flush()
        friends.accept(session, b, request.id)
        session.flush()


def _circle(c: DemoCircle, session: Session, ids: Ids) -> None:
    owner = _user_row(session, ids, c.owner)
    with frozen_time(c.created_at):
        circle = circles.create_circle(
            session,
            owner,
            slug=c.slug,
            name=c.name,
            description=c.description,
            kind=c.kind,
            city=c.city or "",
            join_policy=c.join_policy,
        )
        for name in c.members:
            if name != c.owner:
                member = _user_row(session, ids, name)
                if circles.join(session, member, circle).status == "pending":
                    circles.approve(session, load_viewer(session, owner), circle, member)
        for name in c.moderators:
            circles.set_role(session, load_viewer(session, owner), circle, _user_row(session, ids, name), "moderator")
        session.flush()
    ids.circles[c.slug] = circle.id


def _post(p: DemoPost, session: Session, ids: Ids) -> None:
    author = _user_row(session, ids, p.author)
    with frozen_time(p.created_at):
        refs = [ImageRef(media.store_image(session, author, _picture(img)).id, img.alt) for img in p.images]
        circle_id = ids.circles[p.circle] if p.circle else None
        row = posts.create_post(
            session,
            _viewer(session, ids, author),
            author,
            body=p.text,
            visibility=p.visibility,
            circle_id=circle_id,
            images=refs,
            title=p.title or None,
        )
        session.flush()
    ids.posts[p.key] = row.id


def _picture(image: DemoImage) -> bytes:
    return render_demo_image(image)


def _comment(c: DemoComment, session: Session, ids: Ids) -> None:
    author = _user_row(session, ids, c.author)
    parent = ids.comments[c.reply_to] if c.reply_to else None
    with frozen_time(c.created_at):
        row = interactions.comment(
            session, _viewer(session, ids, author), author, ids.posts[c.post], body=c.text, parent_id=parent
        )
        session.flush()
    ids.comments[c.key] = row.id


def _like(x: DemoLike, session: Session, ids: Ids) -> None:
    user = _user_row(session, ids, x.user)
    with frozen_time(x.at):
        interactions.like(session, _viewer(session, ids, user), user, ids.posts[x.post])
        session.flush()


def _board(m: DemoBoardMessage, session: Session, ids: Ids) -> None:
    owner, author = _user_row(session, ids, m.owner), _user_row(session, ids, m.author)
    with frozen_time(m.at):
        message = space.leave_message(session, _viewer(session, ids, author), author, owner, m.text)
        session.flush()
    if m.reply and m.reply_at:
        with frozen_time(m.reply_at):
            space.reply_message(session, _viewer(session, ids, owner), owner, message.id, m.reply)
            session.flush()


def _visit(v: DemoVisit, session: Session, ids: Ids) -> None:
    space.record_visit(session, _user_row(session, ids, v.visitor), _user_row(session, ids, v.owner), at=v.at)
    session.flush()


__all__ = ["Ids", "load_plan"]
