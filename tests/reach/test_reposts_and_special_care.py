"""The ranked feed and 转发 / 特别关心: a repost with words counts as conversation, a bare one as little
more than a like, reposts by a flagged like ring count for nothing, and a 特别关心 friend comes first."""

from __future__ import annotations

from nook.social.moderation.cases import open_case
from nook.store.db import transaction


def _post(m, body: str) -> int:
    resp = m.http.post("/posts", json={"body": body})
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _components(admin, post_id: int) -> dict:
    resp = admin.http.get(f"/posts/{post_id}/why")
    assert resp.status_code == 200, resp.text
    return resp.json()["components"]


def test_reposts_with_words_weigh_more_than_bare_ones(member) -> None:
    admin, poster = member("rkops"), member("rkposter")
    talked = _post(poster, "毕业旅行想去云南，大家有推荐的路线吗")
    passed = _post(poster, "毕业旅行想去新疆，大家有推荐的路线吗")
    for i in range(3):
        fan = member(f"rkfan{i}")
        words = fan.http.post(f"/posts/{talked}/repost", json={"body": f"大理到丽江那段超美，第{i}次推荐"})
        assert words.status_code == 201
        assert fan.http.post(f"/posts/{passed}/repost", json={}).status_code == 201
    a, b = _components(admin, talked), _components(admin, passed)
    assert a["reposts_with_words"] == 3 and a["bare_reposts"] == 0
    assert b["bare_reposts"] == 3 and b["reposts"] == 0
    # three bare reposts are worth about three likes; three with words about three conversations
    assert a["engagement"] > b["engagement"] > 0
    assert b["likes"] > 0 and b["honest_likes"] == 0


def test_a_like_rings_reposts_count_for_nothing(member) -> None:
    poster = member("ringposter")
    post = _post(poster, "今天的晚霞是粉紫色的")
    ring = [member(f"ringfan{i}") for i in range(3)]
    for fan in ring:
        assert fan.http.post(f"/posts/{post}/repost", json={}).status_code == 201
    assert poster.http.get(f"/posts/{post}").json()["repost_count"] == 3
    with transaction() as s:
        open_case(
            s,
            kind="like_ring",
            user_ids=[m.id for m in ring[:2]],
            reasons=["刷赞团伙"],
            evidence={},
            circle_id=None,
            until=None,
            rate=5,
        )
    assert poster.http.get(f"/posts/{post}").json()["repost_count"] == 1


def test_a_special_care_friends_post_comes_first_in_the_ranked_feed(member) -> None:
    me, quiet, popular = member("scme"), member("scquiet"), member("scpopular")
    for other in (quiet, popular):
        assert me.http.post("/friends/requests", json={"username": other.username}).status_code == 201
        req = other.http.get("/friends/requests").json()[0]
        assert other.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200
    small = _post(quiet, "今天终于把吉他的F和弦按响了")
    big = _post(popular, "周末在湖边办了一场小音乐会，来了好多人")
    for i in range(4):
        fan = member(f"scfan{i}")
        assert fan.http.post(f"/posts/{big}/like").status_code == 200
        body = {"body": f"音乐会太棒了，第{i}首是什么歌？"}
        assert fan.http.post(f"/posts/{big}/comments", json=body).status_code == 201
    ranked = [i["post"]["id"] for i in me.http.get("/feed/ranked").json()["items"]]
    assert ranked.index(big) < ranked.index(small)
    assert me.http.put("/me/special/scquiet").status_code == 200
    items = me.http.get("/feed/ranked").json()["items"]
    assert items[0]["post"]["id"] == small
    assert any("特别关心" in r for r in items[0]["reasons"])
