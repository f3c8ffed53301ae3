"""Likes with a realistic skew: most posts get a handful, a popular few get dozens."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta
from random import Random

from nook.demo import clock
from nook.demo.audience import Audience
from nook.demo.model import DemoLike
from nook.demo.posts import Written

_DELAY = timedelta(hours=4)
_MAX_LIKES = 120


def post_likes(
    rng: Random,
    post: Written,
    key: str,
    audience: Audience,
    popularity: float,
    commenters: Iterable[str],
    now: datetime,
) -> list[DemoLike]:
    close, wider, anyone = audience.pools(rng, post)
    if not (close or wider or anyone):
        return []
    likers: dict[str, None] = {}
    for user in commenters:  # people who talk usually like too
        if user != post.author and rng.random() < 0.5:
            likers[user] = None
    wanted = min(_MAX_LIKES, int(rng.expovariate(1 / _mean(post, popularity))))
    _draw(rng, close, round(wanted * 0.7), likers)
    _draw(rng, wider, round(wanted * 0.25), likers)
    _draw(rng, anyone, round(wanted * 0.05), likers)
    likers.pop(post.author, None)
    return [DemoLike(user, key, at) for user in likers if (at := clock.later(rng, post.created_at, _DELAY, now))]


def _mean(post: Written, popularity: float) -> float:
    mean = 3.5 * popularity * math.sqrt(post.topic.talk) * (1.3 if post.images else 1.0)
    return mean * (0.6 if post.visibility in ("friends", "circle") else 1.0)


def _draw(rng: Random, pool: tuple[str, ...], count: int, into: dict[str, None]) -> None:
    for user in rng.sample(pool, min(count, len(pool))):
        into[user] = None
