"""A planted like-farming ring, so the ring detector has something real to find.

Each ring is RING_SIZE fresh accounts (joined 3-20 days before `now`, empty profiles, no friends,
no posts) that all like the same RING_POSTS public posts of a few "customers", every like landing
within a few minutes of the others, a few filler comments ("ring" style) on top, plus three
camouflage likes each on random public posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from nook.demo.content_talk import FILLER
from nook.demo.model import DemoComment, DemoLike, DemoLikeRing, DemoPost, DemoUser

RING_SIZE = 8
RING_POSTS = 30
_PER_CUSTOMER = 10
_CAMOUFLAGE = 3


@dataclass(frozen=True, slots=True)
class Planted:
    ring: DemoLikeRing
    likes: tuple[DemoLike, ...]
    comments: tuple[DemoComment, ...]


def plant_ring(rng: Random, members: list[DemoUser], posts: list[DemoPost], used: set[str], now: datetime) -> Planted:
    """Boost up to RING_POSTS posts not in `used` (keys; updated) and return the ring's traces."""
    targets = _targets(rng, posts, used)
    names = tuple(m.username for m in members)
    likes = [like for post in targets for like in _burst(rng, names, post)]
    likes += _camouflage(rng, names, posts, {p.key for p in targets}, now)
    comments = [_filler(rng, names, post) for post in targets if rng.random() < 0.3]
    customers = tuple(dict.fromkeys(p.author for p in targets))
    ring = DemoLikeRing(names, customers, tuple(p.key for p in targets))
    return Planted(ring, tuple(likes), tuple(comments))


def _targets(rng: Random, posts: list[DemoPost], used: set[str]) -> list[DemoPost]:
    """Recent public posts of a few heavy posters, at most _PER_CUSTOMER each."""
    by_author: dict[str, list[DemoPost]] = {}
    for post in posts:
        if post.visibility == "public" and post.key not in used and post.author != "admin":
            by_author.setdefault(post.author, []).append(post)
    heavy = sorted(by_author, key=lambda a: (-len(by_author[a]), a))[:20]
    chosen: list[DemoPost] = []
    for author in rng.sample(heavy, len(heavy)):
        chosen += by_author[author][-_PER_CUSTOMER:]
        if len(chosen) >= RING_POSTS:
            break
    chosen = chosen[:RING_POSTS]
    used.update(p.key for p in chosen)
    return chosen


def _burst(rng: Random, names: tuple[str, ...], post: DemoPost) -> list[DemoLike]:
    """Every member likes the post within four minutes of a start 2-30 minutes after it went up."""
    start = post.created_at + timedelta(seconds=rng.randint(120, 1800))
    return [DemoLike(name, post.key, start + timedelta(seconds=rng.randint(0, 240))) for name in names]


def _camouflage(
    rng: Random, names: tuple[str, ...], posts: list[DemoPost], skip: set[str], now: datetime
) -> list[DemoLike]:
    public = [p for p in posts if p.visibility == "public" and p.key not in skip]
    likes = []
    for name in names:
        for post in rng.sample(public, min(_CAMOUFLAGE, len(public))):
            room = (now - post.created_at).total_seconds()
            likes.append(DemoLike(name, post.key, post.created_at + timedelta(seconds=int(room * rng.random()) + 1)))
    return likes


def _filler(rng: Random, names: tuple[str, ...], post: DemoPost) -> DemoComment:
    at = post.created_at + timedelta(seconds=rng.randint(300, 2400))
    return DemoComment(f"{post.key}.r1", post.key, rng.choice(names), rng.choice(FILLER), at, None, "ring")
