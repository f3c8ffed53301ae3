"""Issue 8 in the web pages over HTTP: 为你推荐 with its reasons, the weekly boards, and badges in a space."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from nook.jobs.schedule import run_job
from nook.security import rate_limits
from nook.social.authz import Viewer
from nook.social.content import interactions, posts
from nook.social.people import accounts
from nook.store.base import frozen_time
from nook.store.db import transaction
from tests.web.forms import sign_up

CST = ZoneInfo("Asia/Shanghai")
WEDNESDAY = datetime(2026, 3, 4, 10, tzinfo=CST)  # week of Monday 2026-03-02
POST = "周末去爬了香山，红叶还没全红"
HOST = "香山的红叶一般十月底最好看，你们是从东门上的吗？"
REPLIES = [
    "东门上的，人少一点，九点前到就不用排队",
    "我也想去！你们一般几点出发，要不要带干粮？",
    "半山腰的豆花我吃过，甜的咸的都好吃",
]


def test_ranked_feed_and_this_weeks_boards(live_server: str, member: Any) -> None:
    reader = sign_up(live_server, "reader", "读者")
    poster, host = member("poster", "爬山的人"), member("host", "热心肠")
    repliers = [member(f"rep{i}", f"回复者{i}") for i in range(len(REPLIES))]
    post_id = poster.http.post("/posts", json={"body": POST}).json()["id"]

    # chronological (friends) stays the default; 为你推荐 also finds a stranger's post and says why
    latest = reader.get("/").text
    assert POST not in latest and "为什么看到这条" not in latest and 'href="/?order=ranked"' in latest
    ranked = reader.get("/?order=ranked").text
    assert POST in ranked and "为什么看到这条" in ranked and "刚刚发布" in ranked

    # no one has placed yet: the boards page and the sidebar say so
    assert "这一周还没有上榜的内容" in reader.get("/boards").text
    assert "本周还没有人上榜" in latest

    first = host.http.post(f"/posts/{post_id}/comments", json={"body": HOST}).json()["id"]
    for m, body in zip(repliers, REPLIES, strict=True):
        resp = m.http.post(f"/posts/{post_id}/comments", json={"body": body, "parent_id": first})
        assert resp.status_code == 201
    run_job("leaderboards")  # what the scheduled job does: recompute this week's open boards

    warm = reader.get("/boards").text
    assert "热心肠" in warm and HOST in warm and "本周进行中" in warm and f"/p/{post_id}#comment-{first}" in warm
    quote = re.compile(r'<p class="board-quote">.*?</p>', re.S)
    entries = [quote.sub("", e.split("</li>")[0]) for e in warm.split("board-entry")[1:]]
    assert entries and not any(re.search(r"\d\.\d", e) for e in entries)  # no bare decimal scores
    assert "热心肠" in reader.get("/boards?board=chatter").text
    assert "热心肠" in reader.get("/").text.split('data-slot="leaderboard"')[1]  # the feed sidebar's top 3
    assert "人接话" in reader.get("/?order=ranked").text or "人在评论区" in reader.get("/?order=ranked").text
    assert reader.get("/boards?board=nope").status_code == 422
    assert reader.get("/boards?circle=no-such-circle").status_code == 404

    # a circle's board is its own: the site-wide thread is not on it, and its tabs keep the circle
    assert poster.http.post("/circles", json={"slug": "hikers", "name": "爬山小分队"}).status_code == 201
    circle = reader.get("/boards?circle=hikers").text
    assert "爬山小分队" in circle and HOST not in circle and "/boards?circle=hikers&amp;board=chatter" in circle
    assert "/boards?circle=hikers" in reader.get("/c/hikers").text


def _past_week_thread() -> None:
    """Last-March activity: host comments on a post and three people answer that comment."""
    hashed = accounts.hash_password("correct horse battery")
    names = ["poster", "host", "rep0", "rep1", "rep2"]
    with frozen_time(WEDNESDAY - timedelta(days=30)), transaction() as s:
        ids = {n: accounts.register(s, username=n, password="x" * 8, password_hash=hashed).id for n in names}
    with frozen_time(WEDNESDAY), rate_limits.suspended(), transaction() as s:
        users = {n: s.get(accounts.User, i) for n, i in ids.items()}
        post = posts.create_post(s, Viewer(id=users["poster"].id), users["poster"], body=POST)
        first = interactions.comment(s, Viewer(id=users["host"].id), users["host"], post.id, body=HOST)
        for i, body in enumerate(REPLIES):
            u = users[f"rep{i}"]
            interactions.comment(s, Viewer(id=u.id), u, post.id, body=body, parent_id=first.id)


def test_badge_in_space_after_the_week_closes(live_server: str) -> None:
    _past_week_thread()
    reader = sign_up(live_server, "reader", "读者")
    assert "本周最具温度留言" not in reader.get("/u/host").text
    next_tuesday = WEDNESDAY + timedelta(days=6)
    with frozen_time(next_tuesday):
        run_job("leaderboards", next_tuesday)

    space = reader.get("/u/host").text
    assert "本周最具温度留言" in space and "第 1 名" in space and "2026-03-02" in space
    archived = reader.get("/boards?week=2026-03-04").text
    assert "已归档" in archived and "host" in archived and "2026-03-02 那一周" in archived
