"""Like rings in the live site: the scheduled scan finds a planted ring built through the real
services, its likes stop counting, its accounts slow down, and lifting the case restores it all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from typer.testing import CliRunner

from nook.cli.main import app as cli
from nook.jobs.schedule import run_due
from nook.social.people import accounts
from nook.store.base import frozen_time
from nook.store.db import read_session, transaction
from nook.store.models import FlaggedLike, ModerationCase, User

from .seed import build


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)


def _client(live_server: str, user_id: int) -> httpx.Client:
    with transaction() as s:
        user = s.get(User, user_id)
        assert user is not None
        secret = accounts.issue_token(s, user).secret
    return httpx.Client(base_url=f"{live_server}/api/v1", headers={"Authorization": f"Bearer {secret}"}, timeout=30)


def _like_count(client: httpx.Client, post_id: int) -> int:
    return int(client.get(f"/posts/{post_id}").json()["like_count"])


def _likes_until_refused(client: httpx.Client, post_ids: list[int]) -> int:
    for n, post_id in enumerate(post_ids):
        resp = client.post(f"/posts/{post_id}/like")
        if resp.status_code == 429:
            return n
        assert resp.status_code == 200, resp.text
    return len(post_ids)


def test_planted_ring_is_found_discounted_slowed_and_restored_on_lift(member, live_server) -> None:
    mod = member("mod")  # the first member: the site admin
    now = _now()
    site = build(now, seed=1, ring=True)
    target = site.ring_posts[0]
    organic = site.likes_per_post.get(target, 0)
    assert _like_count(mod.http, target) == organic + len(site.ring_users)

    with frozen_time(now):
        assert "rings_scan" in run_due()

    # the ring's likes stop counting (they stay in the database)
    for post_id in site.ring_posts:
        assert _like_count(mod.http, post_id) == site.likes_per_post.get(post_id, 0)
    with read_session() as s:
        assert s.query(FlaggedLike).count() == len(site.ring_users) * len(site.ring_posts)

    # the moderator sees one case: who liked what, when, and the density against the null model
    [case] = mod.http.get("/moderation/cases").json()
    assert case["kind"] == "like_ring" and case["status"] == "open"
    assert sorted(u["id"] for u in case["users"]) == sorted(site.ring_users)
    ev = case["evidence"]
    assert sorted(ev["posts"]) == sorted(site.ring_posts)
    assert ev["likes_total"] == 48 and {like["user_id"] for like in ev["likes"]} == set(site.ring_users)
    assert ev["evidence"]["density"] > 5 * ev["evidence"]["null_density"]  # the detector's minimum lift
    assert len([a for a in case["audit"] if a["action"] == "flag_ring"]) == len(site.ring_users)

    # a ring account likes at the engine's reduced rate (10 a day), an organic one at the normal rate
    others = [p for p in site.posts if p not in site.ring_posts][:12]
    farmer, organic_member = _client(live_server, site.ring_users[0]), _client(live_server, site.users[-1])
    with farmer, organic_member:
        [restriction] = farmer.get("/me/restrictions").json()
        assert restriction["kind"] == "like_ring" and restriction["rate"] == 10
        assert restriction["discounted_likes"] == len(site.ring_posts)
        assert _likes_until_refused(farmer, others) == 10
        assert _likes_until_refused(organic_member, [p for p in others if p not in _liked(site.users[-1])]) >= 11

        # the member appeals, the moderator lifts: the likes count again and the rate is back
        assert farmer.post("/appeals", json={"case_id": case["id"], "body": "我们是同一个班的同学"}).status_code == 201
        assert mod.http.post(f"/moderation/cases/{case['id']}/lift").json()["status"] == "lifted"
        assert _like_count(mod.http, target) == organic + len(site.ring_users)
        assert farmer.get("/me/restrictions").json() == []

    # later scans, scheduled or batch (`nook rings scan`), do not flag the cleared likes again
    with frozen_time(now + timedelta(hours=2)):
        assert "rings_scan" in run_due()
    result = CliRunner().invoke(cli, ["rings", "scan", "--since", "30"])
    assert result.exit_code == 0 and "0 new ring(s)" in result.output
    assert [c["id"] for c in mod.http.get("/moderation/cases").json()] == [case["id"]]


def _liked(user_id: int) -> set[int]:
    from sqlalchemy import select

    from nook.store.models import Like

    with read_session() as s:
        return set(s.scalars(select(Like.post_id).where(Like.user_id == user_id)))


@pytest.mark.parametrize("seed", [2])
def test_quiet_site_flags_nobody(seed: int) -> None:
    now = _now()
    site = build(now, seed=seed)
    with frozen_time(now):
        assert "rings_scan" in run_due()
        assert run_due() == []  # claimed: not due again within the interval
    with read_session() as s:
        assert s.query(ModerationCase).count() == 0 and s.query(FlaggedLike).count() == 0
    assert sum(site.likes_per_post.values()) > 300
