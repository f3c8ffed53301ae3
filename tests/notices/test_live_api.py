"""Live notifications over real HTTP: the stream, grouped cards, and the kinds a member mutes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from nook.store import live
from tests.conftest import TEST_REDIS, Member


def _unread_events(resp: httpx.Response) -> Iterator[int]:
    """The `unread` counts a stream sends, in order (heartbeats and the retry hint skipped)."""
    event = None
    for line in resp.iter_lines():
        assert line != ": ping", "a heartbeat (25 s idle) came before the news"
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event == "unread":
            yield json.loads(line[6:])["unread"]
            event = None


def _post(author: Member, body: str = "周末去爬山，山顶的风好大") -> int:
    resp = author.http.post("/posts", json={"body": body, "visibility": "public"})
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def test_a_like_reaches_an_open_stream_without_asking(member: Any) -> None:
    alice, bob = member("alice"), member("bob")
    post_id = _post(alice)
    with alice.http.stream("GET", "/notifications/stream") as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        counts = _unread_events(resp)
        assert next(counts) == 0
        assert bob.http.post(f"/posts/{post_id}/like").status_code == 200
        assert next(counts) == 1
        assert bob.http.post(f"/posts/{post_id}/comments", json={"body": "山顶是不是很冷？"}).status_code == 201
        assert next(counts) == 2


def test_the_stream_needs_a_member(api: httpx.Client) -> None:
    resp = api.get("/notifications/stream")
    assert resp.status_code == 401
    assert resp.headers["content-type"].startswith("application/json")


def test_likes_of_one_post_group_and_marking_the_group_read_clears_them_all(member: Any) -> None:
    alice = member("alice")
    post_id, other_id = _post(alice), _post(alice, "今天的晚霞是粉色的")
    fans = [member(f"fan{i}", f"书友{i}") for i in range(5)]
    for fan in fans:
        assert fan.http.post(f"/posts/{post_id}/like").status_code == 200
    assert fans[0].http.post(f"/posts/{other_id}/like").status_code == 200

    page = alice.http.get("/notifications").json()
    assert page["unread"] == 6
    cards = {n["post_id"]: n for n in page["items"]}
    assert len(page["items"]) == 2
    group = cards[post_id]
    assert group["actor_count"] == 5 and group["unread_count"] == 5 and not group["read"]
    assert [a["nickname"] for a in group["actors"]] == ["书友4", "书友3"]
    assert cards[other_id]["actor_count"] == 1

    assert alice.http.post("/notifications/read", json={"ids": [group["id"]]}).json() == {"count": 5}
    assert alice.http.get("/notifications/unread").json() == {"count": 1}
    unread_only = alice.http.get("/notifications", params={"unread": True}).json()["items"]
    assert [n["post_id"] for n in unread_only] == [other_id]

    # a new like joins the group again and makes it unread: one more to read, not a new card
    late = member("late", "迟到的书友")
    assert late.http.post(f"/posts/{post_id}/like").status_code == 200
    page = alice.http.get("/notifications").json()
    assert len(page["items"]) == 2 and page["unread"] == 2
    top = page["items"][0]
    assert top["id"] == group["id"] and top["actor_count"] == 6 and top["unread_count"] == 1
    assert top["actors"][0]["nickname"] == "迟到的书友"


def test_a_muted_kind_is_listed_but_neither_counted_nor_pushed(member: Any) -> None:
    alice, bob = member("alice"), member("bob")
    settings = alice.http.get("/notifications/settings").json()["settings"]
    names = [s["name"] for s in settings]
    assert names[:2] == ["like", "comment"] and all(s["on"] for s in settings)
    assert {"mention", "care", "message", "repost"} <= set(names)  # @, 特别关心, 私信 and 转发 plugged in

    changed = alice.http.patch("/notifications/settings", json={"settings": {"like": False}})
    assert changed.status_code == 200
    assert {s["name"]: s["on"] for s in changed.json()["settings"]}["like"] is False
    post_id = _post(alice)
    with alice.http.stream("GET", "/notifications/stream") as resp:
        counts = _unread_events(resp)
        assert next(counts) == 0
        assert bob.http.post(f"/posts/{post_id}/like").status_code == 200
        assert bob.http.post(f"/posts/{post_id}/comments", json={"body": "风大就别站边上啦"}).status_code == 201
        assert next(counts) == 1  # the comment woke the stream; the muted like never did
    page = alice.http.get("/notifications").json()
    assert page["unread"] == 1
    assert {n["kind"]: n["read"] for n in page["items"]} == {"like": True, "comment": False}


def test_bad_settings_are_answered_clearly(member: Any) -> None:
    alice = member("alice")
    resp = alice.http.patch("/notifications/settings", json={"settings": {"likes": False}})
    assert resp.status_code == 422 and "likes" in resp.text
    resp = alice.http.patch("/notifications/settings", json={"settings": {"like": "maybe"}})
    assert resp.status_code == 422
    too_many = {f"k{i}": True for i in range(30)}
    assert alice.http.patch("/notifications/settings", json={"settings": too_many}).status_code == 422


@pytest.mark.skipif(not TEST_REDIS, reason="needs NOOK_TEST_REDIS_URL: news between processes goes through Redis")
def test_news_published_by_another_process_reaches_the_stream(member: Any) -> None:
    """A worker in another process publishes on the Redis channel; this process's stream wakes and re-reads."""
    import redis

    alice = member("alice")
    with alice.http.stream("GET", "/notifications/stream") as resp, redis.Redis.from_url(TEST_REDIS) as other:
        counts = _unread_events(resp)
        assert next(counts) == 0
        assert other.publish(live.CHANNEL, json.dumps([alice.id + 1000])) >= 1  # someone else's news
        assert other.publish(live.CHANNEL, json.dumps([alice.id])) >= 1
        assert next(counts) == 0  # woken by her news and told the count again
