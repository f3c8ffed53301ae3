"""`build_plan`: the whole demo community as data, deterministic for a given seed, size and `now`.

At size 1.0: about 200 users (南城一中 high-schoolers and alumni, 江北大学 students, parents in
杭州/成都/广州/北京), 11 circles (摄影, 手账, 电竞, 旅行, a fan club for the invented idol 许栀言,
杭州宝妈群 and 成都宝妈群, 成都吃货联盟, a school circle, 考研互助 and one 高三 class), about 1,100
posts over the 60 days before `now`, with comments, threaded replies, likes, 留言板 messages and
visits. `size` scales people, posts and everything hanging off them roughly linearly.

Planted for the engine to find: `plan.like_rings` lists like-farming rings (one per unit of size,
at least one), each RING_SIZE new accounts liking the same RING_POSTS posts within minutes (see
nook.demo.ring). Comments carry a `style`; "filler" (沙发/顶/+1) and "ring" are the low-value ones.

Each stage draws from its own Random seeded with "<seed>:<stage>", so the plan is the same on every
run and machine, and tuning one stage does not reshuffle the others.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from random import Random

from nook.demo.audience import Audience
from nook.demo.circles import make_circles
from nook.demo.content_journals import journal_posts
from nook.demo.friends import make_friends
from nook.demo.likes import post_likes
from nook.demo.model import DemoComment, DemoLike, DemoLikeRing, DemoPlan, DemoPost, DemoUser
from nook.demo.people import Person, make_admin, make_people, make_ring_accounts
from nook.demo.posts import Writer, Written, welcome_post, write_posts
from nook.demo.ring import RING_SIZE, plant_ring
from nook.demo.space import board_messages, visits
from nook.demo.talk import comment_thread
from nook.demo.world import DEMO_PASSWORD

#: the default `now`: a fixed moment, so the demo looks the same whenever it is built
REFERENCE_NOW = datetime(2024, 6, 1, 4, 0, tzinfo=UTC)  # 2024-06-01 12:00 Beijing time
USERS_PER_SIZE = 192  # plus RING_SIZE ring accounts per ring
POSTS_PER_SIZE = 1100
_ADMIN_POPULARITY = 3.0


def build_plan(*, seed: int = 7, size: float = 1.0, now: datetime = REFERENCE_NOW) -> DemoPlan:
    """The demo community for `seed` and `size`, everything dated in the 60 days before `now`."""
    if not size > 0:
        raise ValueError("size must be positive")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC)
    stage = _stages(seed)
    admin = make_admin(now)
    people = make_people(stage("people"), max(12, round(USERS_PER_SIZE * size)), now)
    circles = make_circles(stage("circles"), people, now)
    friends = make_friends(stage("friends"), people, circles.circles, now)
    writer = Writer(stage("posts"), people, circles)
    written = write_posts(writer.rng, writer, people, round(POSTS_PER_SIZE * size), now)
    written.append(welcome_post(admin, now))
    written += journal_posts(people, now)
    written.sort(key=lambda w: (w.created_at, w.author))
    keys = [f"p{i:06d}" for i in range(1, len(written) + 1)]
    audience = Audience([p.user.username for p in people], friends, circles)
    comments, likes = _reactions(stage, written, keys, audience, _popularity(people), now)
    posts = [w.to_post(k) for w, k in zip(written, keys, strict=True)]
    rings, ring_users = _rings(stage("ring"), size, people, posts, comments, likes, now)
    messages = board_messages(stage("board"), people, audience, now)
    return DemoPlan(
        seed=seed,
        size=size,
        now=now,
        password=DEMO_PASSWORD,
        admin=admin,
        users=tuple(p.user for p in people) + tuple(ring_users),
        circles=circles.circles,
        friendships=friends.friendships,
        posts=tuple(posts),
        comments=tuple(sorted(comments, key=lambda c: (c.created_at, c.key))),
        likes=tuple(sorted(likes, key=lambda lk: (lk.at, lk.post, lk.user))),
        board_messages=tuple(messages),
        visits=tuple(visits(stage("visits"), people, audience, messages, now)),
        like_rings=tuple(rings),
    )


def _stages(seed: int) -> Callable[[str], Random]:
    return lambda name: Random(f"{seed}:{name}")  # noqa: S311 - demo data must be reproducible


def _popularity(people: list[Person]) -> dict[str, float]:
    return {"admin": _ADMIN_POPULARITY} | {p.user.username: p.popularity for p in people}


def _reactions(
    stage: Callable[[str], Random],
    written: list[Written],
    keys: list[str],
    audience: Audience,
    popularity: dict[str, float],
    now: datetime,
) -> tuple[list[DemoComment], list[DemoLike]]:
    talk_rng, like_rng = stage("talk"), stage("likes")
    comments: list[DemoComment] = []
    likes: list[DemoLike] = []
    for post, key in zip(written, keys, strict=True):
        thread = comment_thread(talk_rng, post, key, audience, popularity[post.author], now)
        comments += thread
        commenters = dict.fromkeys(c.author for c in thread)
        likes += post_likes(like_rng, post, key, audience, popularity[post.author], commenters, now)
    return comments, likes


def _rings(
    rng: Random,
    size: float,
    people: list[Person],
    posts: list[DemoPost],
    comments: list[DemoComment],
    likes: list[DemoLike],
    now: datetime,
) -> tuple[list[DemoLikeRing], list[DemoUser]]:
    """Plant max(1, round(size)) rings; their likes and comments are appended to the lists given."""
    taken = {p.user.username for p in people} | {"admin"}
    used: set[str] = set()
    rings, accounts = [], []
    for _ in range(max(1, round(size))):
        members = make_ring_accounts(rng, RING_SIZE, now, taken)
        planted = plant_ring(rng, members, posts, used, now)
        rings.append(planted.ring)
        accounts += members
        likes += planted.likes
        comments += planted.comments
    return rings, accounts
