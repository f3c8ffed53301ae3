"""Property: whatever the activity, the rollups the scheduled job stores (run twice, incrementally) equal the
figures computed directly from that activity, day by day in the site's time zone, site-wide and per circle."""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from nook.config import get_settings
from nook.jobs.schedule import run_job
from nook.social.analytics.sources import SITE
from nook.store.db import read_session, transaction
from nook.store.models import AnalyticsRollup
from tests.analytics.gen import (
    GComment,
    GLike,
    GPost,
    GUser,
    World,
    add_circle,
    add_comment,
    add_like,
    add_post,
    add_user,
    fix_sequences,
)
from tests.conftest import wipe

# Midnight in Shanghai is 16:00 UTC the day before: activity is generated around that boundary on purpose.
START = datetime(2026, 3, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SPAN_MIN = 12 * 24 * 60
WARM = 70


@pytest.fixture
def zone() -> Iterator[None]:
    saved = os.environ.get("NOOK_TIMEZONE")
    yield
    if saved is None:
        os.environ.pop("NOOK_TIMEZONE", None)
    else:
        os.environ["NOOK_TIMEZONE"] = saved
    get_settings.cache_clear()


# Times: uniform over twelve days, or within half an hour of a local midnight (Shanghai or New York).
minute = st.one_of(
    st.integers(0, SPAN_MIN),
    st.builds(lambda d, m: d * 1440 + m, st.integers(1, 11), st.integers(-30, 30)),
    st.builds(lambda d, m: d * 1440 + 780 + m, st.integers(0, 11), st.integers(-30, 30)),  # 00:00 New York (EDT)
)
delay = st.one_of(st.integers(0, 90), st.integers(0, 10 * 1440))
score = st.one_of(st.integers(0, 100), st.sampled_from([30, 55, 69, 70, 71, 90]))
verdict = st.one_of(
    st.none(), st.tuples(score, st.booleans(), st.booleans()), st.tuples(score, st.just(False), st.just(False))
)
activity = st.fixed_dictionaries(
    {
        "users": st.lists(minute, min_size=2, max_size=6),
        "posts": st.lists(
            st.tuples(
                st.integers(0, 5),
                delay,
                st.sampled_from([None, 1, 2]),
                st.sampled_from([None, "none", "question", "poll"]),
            ),
            min_size=1,
            max_size=12,
        ),
        "comments": st.lists(
            st.tuples(st.integers(0, 11), st.integers(0, 5), delay, st.booleans(), verdict), max_size=25
        ),
        "likes": st.lists(st.tuples(st.integers(0, 11), st.integers(0, 5), delay), max_size=15),
        "zone": st.sampled_from(["Asia/Shanghai", "America/New_York"]),
        "split": st.integers(2, 11),
    }
)


def _at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def _world(a: dict) -> World:
    w = World(circles=[1, 2])
    for i, m in enumerate(a["users"]):
        w.users.append(GUser(i + 1, _at(m)))
    for i, (author, d, circle, hook) in enumerate(a["posts"]):
        u = w.users[author % len(w.users)]
        w.posts.append(GPost(i + 1, u.id, circle, u.created_at + timedelta(minutes=d), hook))
    for i, (post, author, d, reply, v) in enumerate(a["comments"]):
        p = w.posts[post % len(w.posts)]
        at = p.created_at + timedelta(minutes=d)
        earlier = [c for c in w.comments if c.post == p.id and c.created_at <= at]
        parent = earlier[0].id if reply and earlier else None
        w.comments.append(GComment(i + 1, p.id, w.users[author % len(w.users)].id, parent, at, v))
    seen = set()
    for post, user, d in a["likes"]:
        p, u = w.posts[post % len(w.posts)], w.users[user % len(w.users)]
        if (u.id, p.id) not in seen:
            seen.add((u.id, p.id))
            w.likes.append(GLike(u.id, p.id, p.created_at + timedelta(minutes=d)))
    return w


def _store(w: World, before: datetime | None, after: datetime | None) -> None:
    """Write the records created in [after, before) (users and circles all at once, first)."""

    def keep(at: datetime) -> bool:
        return (after is None or at >= after) and (before is None or at < before)

    with transaction() as s:
        if after is None:
            for u in w.users:
                add_user(s, u)
            s.flush()
            for cid in w.circles:
                add_circle(s, cid, w.users[0].id, START - timedelta(days=30))
            s.flush()
        records = [(p.created_at, 0, add_post, p) for p in w.posts if keep(p.created_at)]
        records += [(c.created_at, 1, add_comment, c) for c in w.comments if keep(c.created_at)]
        records += [(x.created_at, 2, add_like, x) for x in w.likes if keep(x.created_at)]
        for _when, _order, add, rec in sorted(records, key=lambda r: (r[0], r[1], getattr(r[3], "id", 0))):
            add(s, rec)  # type: ignore[operator]
            s.flush()
        fix_sequences(s)


def _expected(w: World, tz: ZoneInfo, today: date) -> dict[tuple[date, int, str, str], float]:
    """Every compared figure, straight from the records."""
    out: dict[tuple[date, int, str, str], float] = defaultdict(float)
    active: dict[tuple[date, int], set[int]] = defaultdict(set)
    scores: dict[tuple[date, int], list[int]] = defaultdict(list)
    posts = {p.id: p for p in w.posts}

    def where(circle: int | None) -> list[int]:
        return [SITE, circle] if circle else [SITE]

    def cls(v: tuple[int, bool, bool] | None) -> str | None:
        if v is None:
            return None
        return "low" if v[1] or v[2] else "warm" if v[0] >= WARM else "normal"

    for p in w.posts:
        d = p.created_at.astimezone(tz).date()
        others = [
            c
            for c in w.comments
            if c.post == p.id and c.author != p.author and c.created_at < p.created_at + timedelta(days=7)
        ]
        for sc in where(p.circle):
            out[(d, sc, "posts", "")] += 1
            active[(d, sc)].add(p.author)
            out[(d, sc, "posts_nocomment", "")] += not others
            if p.hook is not None:
                out[(d, sc, "hook_posts", p.hook)] += 1
                out[(d, sc, "hook_commented", p.hook)] += bool(others)
                out[(d, sc, "hook_warm", p.hook)] += any(cls(c.verdict) == "warm" for c in others)
    for c in w.comments:
        d, p = c.created_at.astimezone(tz).date(), posts[c.post]
        for sc in where(p.circle):
            out[(d, sc, "comments", "")] += 1
            out[(d, sc, "replies", "")] += c.parent is not None
            active[(d, sc)].add(c.author)
            k = cls(c.verdict)
            if k and c.verdict:
                out[(d, sc, f"comments_{k}", "")] += 1
                scores[(d, sc)].append(c.verdict[0])
    for x in w.likes:
        d, p = x.created_at.astimezone(tz).date(), posts[x.post]
        for sc in where(p.circle):
            out[(d, sc, "likes", "")] += 1
            active[(d, sc)].add(x.user)
    for u in w.users:
        d = u.created_at.astimezone(tz).date()
        out[(d, SITE, "new_members", "")] += 1
        mine = sorted((p for p in w.posts if p.author == u.id), key=lambda p: (p.created_at, p.id))
        if mine and mine[0].created_at < u.created_at + timedelta(days=7):
            first = mine[0]
            out[(d, SITE, "new_posted", "")] += 1
            out[(d, SITE, "new_welcomed", "")] += any(
                c.post == first.id and c.author != u.id and c.created_at < first.created_at + timedelta(days=1)
                for c in w.comments
            )
    for key, who in active.items():
        out[(*key, "active", "")] = len(who)
    for key, vals in scores.items():
        out[(*key, "median", "")] = statistics.median_low(vals)
    return {k: v for k, v in out.items() if v and k[0] <= today}


def _stored(tz: ZoneInfo) -> dict[tuple[date, int, str, str], float]:
    with read_session() as s:
        rows = s.execute(
            select(
                AnalyticsRollup.day,
                AnalyticsRollup.circle_id,
                AnalyticsRollup.metric,
                AnalyticsRollup.key,
                AnalyticsRollup.value,
            )
        ).all()
    out: dict[tuple[date, int, str, str], float] = {}
    hist: dict[tuple[date, int], list[int]] = defaultdict(list)
    for d, c, m, k, v in rows:
        if m == "score":
            hist[(d, c)] += [int(k)] * int(v)
        elif m in _COMPARED:
            out[(d, c, m, k)] = v
    for key, vals in hist.items():
        out[(*key, "median", "")] = statistics.median_low(vals)
    return {k: v for k, v in out.items() if v}


_COMPARED = {
    "posts", "posts_nocomment", "hook_posts", "hook_commented", "hook_warm", "comments", "replies", "likes",
    "active", "comments_warm", "comments_normal", "comments_low", "new_members", "new_posted", "new_welcomed",
}  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=activity)
def test_rollups_equal_direct_recomputation(a: dict, zone: None) -> None:
    wipe()
    os.environ["NOOK_TIMEZONE"] = a["zone"]
    get_settings.cache_clear()
    tz = ZoneInfo(a["zone"])
    w = _world(a)
    # The job runs mid-way (seeing only what existed then), then again later: the second run must
    # bring every day it changed up to date, including older posts that got their first comment.
    middle = START + timedelta(days=a["split"], hours=5)
    end = max([START + timedelta(days=13)] + [c.created_at for c in w.comments] + [x.created_at for x in w.likes])
    end += timedelta(hours=1)
    _store(w, middle, None)
    run_job("analytics", middle)
    _store(w, None, middle)
    run_job("analytics", end)
    assert _stored(tz) == _expected(w, tz, end.astimezone(tz).date())
