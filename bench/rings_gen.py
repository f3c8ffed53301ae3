"""Synthetic like logs for the ring benchmark: organic background plus an injected farm.

Background: `uniform` (every user and post equally likely) or `skewed` (lognormal user activity,
Zipf-like post popularity), over 30 days; each post appears at a uniform time and its likes follow
with an exponential delay (mean 6 h), so popular posts get organic bursts too. Attack: k existing
users (hijacked-account style, they keep their organic likes) like k existing posts, each pair with
probability rho, at uniform times inside a window of 1 h, 24 h or 7 days. Camouflage: the same
accounts add `camo_mult` x the attack's likes on other posts, `random` (uniform) or `biased`
(proportional to popularity), inside the same window, which is the harder case for the lockstep
detector. All draws come from a seeded numpy Generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

DAY = 86400
PERIOD = 30 * DAY
SIZES = {"S": (100_000, 50_000, 1_000_000), "M": (1_000_000, 500_000, 10_000_000), "XS": (5_000, 2_500, 50_000)}
WINDOWS = {"1h": 3600, "24h": DAY, "7d": 7 * DAY}

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Likes:
    user: I64
    post: I64
    ts: I64
    n_users: int
    fake_users: I64  # ground truth (empty for a control)
    target_posts: I64


@dataclass(frozen=True)
class Background:
    user: I64
    post: I64
    ts: I64
    n_users: int
    n_posts: int
    post_weight: npt.NDArray[np.float64]  # popularity used by biased camouflage
    post_created: I64


def background(size: str, kind: str, seed: int) -> Background:
    n_users, n_posts, n_likes = SIZES[size]
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        user_w, post_w = np.ones(n_users), np.ones(n_posts)
    else:
        user_w = rng.lognormal(0.0, 1.2, n_users)
        post_w = 1.0 / np.arange(1, n_posts + 1) ** 0.8
        rng.shuffle(post_w)
    draw = int(n_likes * 1.1)  # head-room for repeated (user, post) pairs
    user = _weighted(rng, user_w, draw)
    post = _weighted(rng, post_w, draw)
    user, post = _unique_pairs(user, post, n_posts, n_likes)
    created = rng.integers(0, PERIOD, n_posts)
    ts = created[post] + rng.exponential(6 * 3600, post.size).astype(np.int64)
    late = ts >= PERIOD
    ts[late] = rng.integers(0, PERIOD, int(late.sum()))
    return Background(user, post, ts, n_users, n_posts, post_w / post_w.sum(), created)


def inject(bg: Background, *, k: int, rho: float, window: str, camo: str, camo_mult: float, seed: int) -> Likes:
    """Add a k x k farm of density rho; k = 0 gives the no-attack control."""
    if k == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Likes(bg.user, bg.post, bg.ts, bg.n_users, empty, empty)
    rng = np.random.default_rng(seed)
    fake = rng.choice(bg.n_users, k, replace=False)
    targets = rng.choice(bg.n_posts, k, replace=False)
    cells = np.flatnonzero(rng.random(k * k) < rho)
    a_user, a_post = fake[cells // k], targets[cells % k]
    width = WINDOWS[window]
    start = int(rng.integers(0, PERIOD - width))
    c_user, c_post = _camouflage(rng, bg, fake, targets, camo, round(camo_mult * cells.size))
    user = np.concatenate([bg.user, a_user, c_user])
    post = np.concatenate([bg.post, a_post, c_post])
    extra = a_user.size + c_user.size
    ts = np.concatenate([bg.ts, start + rng.integers(0, width, extra)])
    keep = _first_pairs(user, post, bg.n_posts)
    return Likes(user[keep], post[keep], ts[keep], bg.n_users, np.sort(fake), np.sort(targets))


def _camouflage(
    rng: np.random.Generator, bg: Background, fake: I64, targets: I64, camo: str, n: int
) -> tuple[I64, I64]:
    if camo == "none" or n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    weight = np.ones(bg.n_posts) if camo == "random" else np.bincount(bg.post, minlength=bg.n_posts) + 1.0
    weight[targets] = 0.0
    return fake[rng.integers(0, fake.size, n)], _weighted(rng, weight, n)


def _weighted(rng: np.random.Generator, weight: npt.NDArray[np.float64], n: int) -> I64:
    cdf = np.cumsum(weight)
    return np.searchsorted(cdf, rng.random(n) * cdf[-1], side="right").astype(np.int64)


def _unique_pairs(user: I64, post: I64, n_posts: int, limit: int) -> tuple[I64, I64]:
    keep = _first_pairs(user, post, n_posts)
    return user[keep][:limit], post[keep][:limit]


def _first_pairs(user: I64, post: I64, n_posts: int) -> npt.NDArray[np.bool_]:
    _, first = np.unique(user * n_posts + post, return_index=True)
    mask = np.zeros(user.size, dtype=bool)
    mask[first] = True
    return mask
