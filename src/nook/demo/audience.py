"""Who can see a post, and so who may like or comment on it: friends first, then circle-mates, then anyone."""

from __future__ import annotations

from random import Random

from nook.demo.circles import Circles
from nook.demo.friends import Friends
from nook.demo.posts import Written

Pools = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_EMPTY: tuple[str, ...] = ()


class Audience:
    def __init__(self, usernames: list[str], friends: Friends, circles: Circles) -> None:
        self.everyone = tuple(usernames)
        self.friends = friends.of
        self.members = {c.slug: c.members for c in circles.circles}
        self.member_sets = {c.slug: frozenset(c.members) for c in circles.circles}
        self.circles_of: dict[str, list[tuple[str, ...]]] = {}
        for circle in circles.circles:
            for member in circle.members:
                self.circles_of.setdefault(member, []).append(circle.members)

    def mates(self, rng: Random, user: str) -> tuple[str, ...]:
        """The members of one of the user's circles (may include the user), or nothing."""
        mine = self.circles_of.get(user)
        return rng.choice(mine) if mine else _EMPTY

    def pools(self, rng: Random, post: Written) -> Pools:
        """(close, wider, anyone) who may see the post; all empty when private. May include the author."""
        friends = self.friends.get(post.author, _EMPTY)
        if post.visibility == "private":
            return _EMPTY, _EMPTY, _EMPTY
        if post.visibility == "friends":
            return friends, _EMPTY, _EMPTY
        if post.visibility == "circle" and post.circle:
            inside = self.member_sets[post.circle]
            return tuple(f for f in friends if f in inside), self.members[post.circle], _EMPTY
        return friends, self.mates(rng, post.author), self.everyone

    def pick(self, rng: Random, pools: Pools, author: str) -> str | None:
        """One viewer: usually a friend, sometimes a circle-mate, rarely a stranger."""
        roll = rng.random()
        order = (0, 1, 2) if roll < 0.65 else (1, 0, 2) if roll < 0.9 else (2, 1, 0)
        for index in order:
            pool = pools[index]
            if pool:
                choice = rng.choice(pool)
                if choice != author:
                    return choice
        return None
