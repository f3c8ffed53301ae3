"""Who is friends with whom: classmates most, then schoolmates, circle-mates, neighbours, strangers."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from random import Random

from nook.demo.model import DemoCircle, DemoFriendship
from nook.demo.people import Person


@dataclass(frozen=True, slots=True)
class Friends:
    friendships: tuple[DemoFriendship, ...]
    of: dict[str, tuple[str, ...]]  # username -> friends, in a stable order


#: (how people are grouped, expected friends each finds inside their group)
_GROUPINGS: tuple[tuple[Callable[[Person], Hashable], float], ...] = (
    (lambda p: (p.user.school, p.user.enroll_year, p.user.class_name) if p.user.school else None, 6.0),
    (lambda p: (p.user.school, p.user.enroll_year) if p.user.school else None, 2.0),
    (lambda p: p.user.school, 0.6),
    (lambda p: p.user.city, 0.6),
    (lambda p: "everyone", 0.5),
)


def make_friends(rng: Random, people: list[Person], circles: tuple[DemoCircle, ...], now: datetime) -> Friends:
    pairs: dict[tuple[str, str], None] = {}  # a dict keeps insertion order, so the plan stays deterministic
    for key, degree in _GROUPINGS:
        for group in _groups(people, key):
            _link(rng, group, degree, pairs)
    for circle in circles:
        _link(rng, list(circle.members), 1.5, pairs)
    joined = {p.user.username: p.user.joined_at for p in people}
    friendships = tuple(_friendship(rng, a, b, joined, now) for a, b in pairs)
    return Friends(friendships, _adjacency(pairs))


def _groups(people: list[Person], key: Callable[[Person], Hashable]) -> list[list[str]]:
    groups: dict[Hashable, list[str]] = {}
    for person in people:
        k = key(person)
        if k is not None:
            groups.setdefault(k, []).append(person.user.username)
    return list(groups.values())


def _link(rng: Random, group: list[str], degree: float, pairs: dict[tuple[str, str], None]) -> None:
    """Each member befriends about degree/2 others (the other half come to them)."""
    if len(group) < 2:
        return
    half = degree / 2
    for member in group:
        k = int(half) + (rng.random() < half - int(half))
        for other in rng.sample(group, min(k, len(group))):
            if other != member:
                pairs.setdefault((min(member, other), max(member, other)), None)


def _friendship(rng: Random, a: str, b: str, joined: dict[str, datetime], now: datetime) -> DemoFriendship:
    start = max(joined[a], joined[b])
    since = start + (now - start) * rng.uniform(0.0, 0.8)
    return DemoFriendship(a, b, since) if rng.random() < 0.5 else DemoFriendship(b, a, since)


def _adjacency(pairs: dict[tuple[str, str], None]) -> dict[str, tuple[str, ...]]:
    of: dict[str, list[str]] = {}
    for a, b in pairs:
        of.setdefault(a, []).append(b)
        of.setdefault(b, []).append(a)
    return {user: tuple(friends) for user, friends in of.items()}
