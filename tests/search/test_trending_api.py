"""热门话题 over the real API: distinct real participants, not farmed likes or pasted posts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nook.store.db import transaction
from nook.store.models import FlaggedLike, Like, ModerationCase
from tests.search.conftest import post


def _trending(who: Any) -> dict[str, int]:
    resp = who.http.get("/trending")
    assert resp.status_code == 200
    return {t["name"]: t["participants"] for t in resp.json()["topics"]}


def test_participants_are_distinct_people_and_ring_likes_do_not_count(member: Any) -> None:
    people = [member(f"fan{i}") for i in range(6)]
    talk = post(people[0], "今天的晚霞好美 #晚霞#")
    post(people[1], "我这边也看到了 #晚霞#")
    post(people[1], "再发一张 #晚霞#")  # the same person twice is still one
    assert people[2].http.post(f"/posts/{talk}/comments", json={"body": "好看，是在江边拍的吗"}).status_code == 201
    farmed = post(people[3], "快来点赞 #冲榜#")
    for fan in people[:5]:
        assert fan.http.post(f"/posts/{farmed}/like").status_code == 200
    with transaction() as s:  # the like-ring scan flagged these likes (its own tests find rings)
        case = ModerationCase(kind="like_ring", reasons=["互赞圈"], evidence={})
        s.add(case)
        s.flush()
        for like in s.scalars(select(Like).where(Like.post_id == farmed)):
            s.add(FlaggedLike(like_id=like.id, case_id=case.id, post_id=farmed))
    shown = _trending(people[5])
    assert shown["晚霞"] == 3
    assert "冲榜" not in shown  # its author alone is a real participant


def test_pasted_posts_and_hidden_posts_do_not_make_a_trend(member: Any) -> None:
    people = [member(f"acct{i}") for i in range(4)]
    for who in people[:3]:
        post(who, "转发这条锦鲤，好运来！ #锦鲤#")  # the same words from three accounts
    for who in people[:3]:
        post(who, "我们的小秘密 #暗号#", "friends")
    shown = _trending(people[3])
    assert "锦鲤" not in shown and "暗号" not in shown
