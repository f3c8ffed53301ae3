"""The hook-effect estimate recovers an effect planted in generated activity, through the rollup job and the API."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from nook.jobs.schedule import run_job
from nook.social.analytics.stats import rate_ratio, wilson
from nook.store.db import transaction
from tests.analytics.gen import GComment, GPost, GUser, add_comment, add_post, add_user, fix_sequences

NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)


def _plant(n: int, base_rate: float, effect: float, warm_share: float, seed: int = 3) -> None:
    """n posts without a hook and n with a question hook; a hooked post gets a comment `effect` times as often."""
    rng = random.Random(seed)
    with transaction() as s:
        users = [GUser(i, NOW - timedelta(days=60)) for i in range(1, 21)]
        for u in users:
            add_user(s, u)
        s.flush()
        cid = 0
        for i in range(2 * n):
            hooked = i % 2 == 1
            at = NOW - timedelta(days=20) + timedelta(minutes=17 * i)
            post = GPost(i + 1, users[i % 20].id, None, at, "question" if hooked else "none")
            add_post(s, post)
            if rng.random() < base_rate * (effect if hooked else 1.0):
                cid += 1
                score = 85 if rng.random() < warm_share else 45
                author = users[(i + 1 + rng.randrange(19)) % 20].id  # never the post's author
                add_comment(s, GComment(cid, post.id, author, None, at + timedelta(hours=2), (score, False, False)))
        s.flush()
        fix_sequences(s)


def test_hook_effect_recovers_planted_ratio(member: Any) -> None:
    _plant(n=600, base_rate=0.2, effect=3.0, warm_share=0.5)
    run_job("analytics", NOW)
    admin = member("boss")  # not the first member here: made admin directly, as an operator would
    _make_admin(admin.id)
    resp = admin.http.get("/admin/analytics", params={"from": "2026-02-20", "to": "2026-03-20"})
    assert resp.status_code == 200, resp.text
    rows = {r["type"]: r for r in resp.json()["hooks"]["rows"]}
    q, none = rows["question"], rows["none"]
    assert q["posts"] == none["posts"] == 600
    lo, hi = q["ratio_ci"]
    assert lo < 3.0 < hi and lo > 1.5, q  # the planted 3x, and clearly above "no effect"
    assert 2.4 < q["ratio"] < 3.7
    wlo, whi = q["warm_ratio_ci"]
    assert wlo < 3.0 < whi and wlo > 1.2
    assert none["comment_ci"][0] < 0.2 < none["comment_ci"][1]
    assert rows["any"]["posts"] == 600  # every hooked post is a question here


def test_no_effect_gives_an_interval_around_one(member: Any) -> None:
    _plant(n=500, base_rate=0.3, effect=1.0, warm_share=0.5, seed=11)
    run_job("analytics", NOW)
    admin = member("boss")
    _make_admin(admin.id)
    rows = {
        r["type"]: r for r in admin.http.get("/admin/analytics", params={"from": "2026-02-20"}).json()["hooks"]["rows"]
    }
    lo, hi = rows["question"]["ratio_ci"]
    assert lo < 1.0 < hi


@pytest.mark.parametrize(("k1", "n1", "k0", "n0"), [(0, 10, 5, 10), (10, 10, 5, 10), (3, 10, 0, 0)])
def test_interval_edges(k1: int, n1: int, k0: int, n0: int) -> None:
    got = rate_ratio(k1, n1, k0, n0)
    if n0 == 0:
        assert got is None
    else:
        assert got is not None and got[1] <= got[0] <= got[2]
    interval = wilson(k1, n1)
    assert interval is not None and 0.0 <= interval[0] <= k1 / n1 <= interval[1] <= 1.0


def _make_admin(user_id: int) -> None:
    from nook.store.models import User

    with transaction() as s:
        user = s.get(User, user_id)
        assert user is not None
        user.is_admin = True
