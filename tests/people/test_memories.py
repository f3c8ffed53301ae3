"""那年今日: a member's own posts from this day in earlier years, for them alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nook.social.authz import load_viewer
from nook.social.content import posts
from nook.social.localtime import day_start, local_today
from nook.store.base import frozen_time
from nook.store.db import transaction
from nook.store.models import User
from tests.conftest import MemberFactory
from tests.web.forms import sign_in, web_client


def _post_on(username: str, body: str, days_after_midnight: timedelta, years_ago: int) -> None:
    today = local_today()
    day = today.replace(year=today.year - years_ago)
    with transaction() as s, frozen_time(day_start(day) + days_after_midnight):
        user = s.query(User).filter_by(username=username).one()
        posts.create_post(s, load_viewer(s, user), user, body=body, visibility="private")


def test_own_posts_from_this_day_in_earlier_years_only(member: MemberFactory, live_server: str) -> None:
    lin, zhou = member("lin"), member("zhou")
    if (local_today().month, local_today().day) == (2, 29):
        pytest.skip("29 February has no earlier years one and two years back")
    _post_on("lin", "两年前的今天：第一次看海", timedelta(hours=9), 2)
    _post_on("lin", "一年前的今天：考完试了", timedelta(hours=23, minutes=59), 1)
    _post_on("lin", "一年前的前一天", timedelta(hours=-1), 1)
    _post_on("zhou", "周一鸣一年前的今天", timedelta(hours=12), 1)
    assert lin.http.post("/posts", json={"body": "今天的说说"}).status_code == 201
    bodies = [p["body"] for p in lin.http.get("/me/on-this-day").json()]
    assert bodies == ["两年前的今天：第一次看海", "一年前的今天：考完试了"]
    assert [p["body"] for p in zhou.http.get("/me/on-this-day").json()] == ["周一鸣一年前的今天"]
    # on the space page: for its owner, not for a visitor
    with web_client(live_server) as browser:
        sign_in(browser, "lin")
        assert "那年今日" in browser.get("/u/lin").text and "第一次看海" in browser.get("/u/lin").text
        assert "那年今日" not in browser.get("/u/zhou").text
