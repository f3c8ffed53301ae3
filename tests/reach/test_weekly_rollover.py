"""The weekly job with time frozen: the open week is recomputed, an ended week is archived once,
badges and past weeks follow, and activity that arrives late never rewrites an archived week."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from nook.jobs.schedule import run_job
from nook.security import rate_limits
from nook.social.authz import ANONYMOUS, Viewer
from nook.social.content import interactions, posts
from nook.social.people import accounts
from nook.social.reach import board_cache, leaderboards
from nook.store.base import frozen_time
from nook.store.db import read_session, transaction

CST = ZoneInfo("Asia/Shanghai")
WEDNESDAY = datetime(2026, 3, 4, 10, tzinfo=CST)  # week of Monday 2026-03-02
REPLIES = [
    "东门上的，人少一点，九点前到就不用排队",
    "我也想去！你们一般几点出发，要不要带干粮？",
    "半山腰的豆花我吃过，甜的咸的都好吃",
    "红叶要等到下个月，到时候一起去吧",
]


def _users(s, names: list[str]) -> dict[str, int]:
    hashed = accounts.hash_password("correct horse battery")
    return {n: accounts.register(s, username=n, password="x" * 8, password_hash=hashed).id for n in names}


def _talk(at: datetime, host: str, repliers: list[str], ids: dict[str, int]) -> None:
    """`host` comments on a post; each replier answers that comment."""
    with frozen_time(at), rate_limits.suspended(), transaction() as s:
        users = {n: s.get(accounts.User, i) for n, i in ids.items()}
        post = posts.create_post(s, Viewer(id=ids["poster"]), users["poster"], body="周末去爬了香山，红叶还没全红")
        first = interactions.comment(
            s, Viewer(id=ids[host]), users[host], post.id, body="香山的红叶一般十月底最好看，你们是从东门上的吗？"
        )
        for name, body in zip(repliers, REPLIES, strict=False):
            interactions.comment(s, Viewer(id=ids[name]), users[name], post.id, body=body, parent_id=first.id)


def _chatter(at: datetime, week=None) -> leaderboards.BoardView:
    with frozen_time(at), read_session() as s:
        return leaderboards.board(s, ANONYMOUS, board="chatter", week=week)


def test_weeks_roll_over_into_an_archive_with_badges(member) -> None:
    with frozen_time(WEDNESDAY - timedelta(days=30)), transaction() as s:
        ids = _users(s, ["poster", "host", "late", "rep1", "rep2", "rep3", "rep4"])
    _talk(WEDNESDAY, "host", ["rep1", "rep2", "rep3"], ids)

    thursday = WEDNESDAY + timedelta(days=1)
    with frozen_time(thursday):
        run_job("leaderboards", thursday)
    open_week = _chatter(thursday)
    assert str(open_week.week_start) == "2026-03-02" and not open_week.closed
    assert open_week.entries[0].user_id == ids["host"]
    with read_session() as s:
        assert leaderboards.badges(s, ANONYMOUS, ids["host"]) == []  # no badge while the week is open
        assert leaderboards.past_weeks(s) == []

    next_tuesday = WEDNESDAY + timedelta(days=6)
    with frozen_time(next_tuesday):
        run_job("leaderboards", next_tuesday)
    archived = _chatter(next_tuesday, week=WEDNESDAY.date())
    if (client := board_cache._redis()) is not None:  # with Redis, each board is a sorted set too
        cached = [int(i) for i in client.zrevrange("nook:lb:2026-03-02:chatter:site", 0, -1)]
        assert cached == [e.id for e in archived.entries]
    assert archived.closed and [e.user_id for e in archived.entries][:1] == [ids["host"]]
    assert not _chatter(next_tuesday).entries and not _chatter(next_tuesday).closed  # the new week is empty
    with read_session() as s:
        won = {(b.title, b.rank, str(b.week_start)) for b in leaderboards.badges(s, ANONYMOUS, ids["host"])}
        assert {("本周最会聊天的用户", 1, "2026-03-02"), ("本周最具温度留言", 1, "2026-03-02")} <= won
        assert [str(w) for w in leaderboards.past_weeks(s)] == ["2026-03-02"]

    # late-arriving activity dated in the archived week changes nothing there
    _talk(WEDNESDAY + timedelta(days=2), "late", ["rep1", "rep2", "rep3", "rep4"], ids)
    with frozen_time(next_tuesday + timedelta(days=1)):
        run_job("leaderboards", next_tuesday + timedelta(days=1))
    again = _chatter(next_tuesday, week=WEDNESDAY.date())
    assert [(e.user_id, e.score) for e in again.entries] == [(e.user_id, e.score) for e in archived.entries]

    # the same over HTTP, as the web pages will read it
    visitor = member("visitor")
    board = visitor.http.get("/leaderboards/chatter", params={"week": "2026-03-04"}).json()
    assert board["closed"] is True and board["entries"][0]["user"]["username"] == "host"
    assert visitor.http.get("/leaderboards/weeks").json() == ["2026-03-02"]
    badges = visitor.http.get("/users/host/badges").json()
    assert {"本周最会聊天的用户", "本周最具温度留言"} <= {b["title"] for b in badges}
    assert visitor.http.get("/leaderboards/nonsense").status_code == 422

    # a comment deleted after the week closed leaves the archived board
    warm = visitor.http.get("/leaderboards/warm_comment", params={"week": "2026-03-04"}).json()["entries"]
    assert warm[0]["user"]["username"] == "host" and warm[0]["comment_body"]
    with transaction() as s:
        interactions.delete_comment(s, Viewer(id=ids["host"]), warm[0]["comment_id"])
    after = visitor.http.get("/leaderboards/warm_comment", params={"week": "2026-03-04"}).json()["entries"]
    assert warm[0]["comment_id"] not in [e["comment_id"] for e in after]
    assert all(e["comment_id"] and e["comment_body"] for e in after)
