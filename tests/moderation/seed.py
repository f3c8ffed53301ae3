"""A small site built through the real services at planned times (frozen_time): organic likes,
and optionally a planted like ring, for the ring tests.

Like an operator's import, it runs with rate limits suspended and marks its own outbox events
done (no notifications for week-old likes): the ring scan reads only the likes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import update

from nook.security import rate_limits
from nook.social.authz import Viewer
from nook.social.content import interactions, posts
from nook.social.people import accounts
from nook.store.base import frozen_time, utcnow
from nook.store.db import transaction
from nook.store.models import Event, User

HOUR = 3600


@dataclass
class Site:
    now: datetime
    users: list[int] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)
    likes_per_post: dict[int, int] = field(default_factory=dict)
    ring_users: list[int] = field(default_factory=list)
    ring_posts: list[int] = field(default_factory=list)


def _people(session, prefix: str, n: int, joined: datetime) -> list[User]:
    hashed = accounts.hash_password("correct horse battery")
    with frozen_time(joined):
        made = [
            accounts.register(session, username=f"{prefix}{i:03d}", password="x" * 8, password_hash=hashed)
            for i in range(n)
        ]
    return made


def _like(session, user: User, post_id: int, at: datetime) -> None:
    with frozen_time(at):
        assert interactions.like(session, Viewer(id=user.id), user, post_id)


def build(now: datetime, *, seed: int = 0, ring: bool = False) -> Site:
    """60 members, 80 public posts over the past week, ~450 organic likes; a 6x8 ring if asked."""
    rng = np.random.default_rng(seed)
    site = Site(now)
    start = now - timedelta(days=7)
    with rate_limits.suspended(), transaction() as s:  # an operator's import: limits off, services on
        people = _people(s, "m", 60, start - timedelta(days=30))
        site.users = [u.id for u in people]
        created = sorted(start + timedelta(seconds=int(x)) for x in rng.integers(0, 6 * 86400, 80))
        for i, at in enumerate(created):
            author = people[i % 20]
            with frozen_time(at):
                post = posts.create_post(s, Viewer(id=author.id), author, body=f"今天的第{i}条日常：去了趟图书馆")
            site.posts.append(post.id)
        _organic(s, rng, people, site, created)
        if ring:
            _ring(s, rng, site, created)
        s.execute(update(Event).where(Event.processed_at.is_(None)).values(processed_at=utcnow()))
        s.info["has_events"] = False
    return site


def _organic(s, rng, people: list[User], site: Site, created: list[datetime]) -> None:
    weights = rng.lognormal(0, 1, len(people))
    popularity = 1 / np.arange(1, len(site.posts) + 1) ** 0.8
    seen: set[tuple[int, int]] = set()
    for _ in range(480):
        u = int(rng.choice(len(people), p=weights / weights.sum()))
        p = int(rng.choice(len(site.posts), p=popularity / popularity.sum()))
        at = created[p] + timedelta(seconds=int(rng.exponential(6 * HOUR)) + 1)
        if (u, p) in seen or at >= site.now:
            continue
        seen.add((u, p))
        _like(s, people[u], site.posts[p], at)
        site.likes_per_post[site.posts[p]] = site.likes_per_post.get(site.posts[p], 0) + 1


def _ring(s, rng, site: Site, created: list[datetime]) -> None:
    """Six fresh accounts like the same eight posts within ten minutes of each other."""
    farm = _people(s, "farm", 6, site.now - timedelta(days=5))
    site.ring_users = [u.id for u in farm]
    picks = [int(i) for i in rng.choice(np.arange(40, 70), 8, replace=False)]
    site.ring_posts = [site.posts[i] for i in picks]
    burst = site.now - timedelta(days=1)
    for i in picks:
        for user in farm:
            _like(s, user, site.posts[i], burst + timedelta(seconds=int(rng.integers(0, 600))))
