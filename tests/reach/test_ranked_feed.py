"""The ranked feed over real HTTP: real conversation outranks filler, ring likes move nothing,
what a member may not see never appears, and every place comes with its reasons."""

from __future__ import annotations

from sqlalchemy import select

from nook.jobs.schedule import run_job
from nook.social.content import counts
from nook.social.moderation.cases import open_case
from nook.store.db import transaction
from nook.store.models import FlaggedLike, Like

WARM = [
    "香山的红叶一般十月底最好看，你们是从东门上的吗？",
    "我上周也去了，半山腰那家豆花特别好吃，下次可以试试",
    "照片拍得真好，是用手机拍的吗？颜色好自然",
    "爬到山顶的时候风大不大？我一直想带爸妈去",
]
REPLIES = ["东门上的，人少一点，九点前到就不用排队", "豆花记下了！下次一定去尝尝", "手机拍的，开了一点点滤镜哈哈"]
FILLER = ["沙发", "顶", "前排", "路过"]


def _post(m, body: str, **extra) -> int:
    resp = m.http.post("/posts", json={"body": body, **extra})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


def _comment(m, post_id: int, body: str, parent_id: int | None = None) -> int:
    resp = m.http.post(f"/posts/{post_id}/comments", json={"body": body, "parent_id": parent_id})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


def _ranked_ids(client, limit: int = 50) -> list[int]:
    ids, cursor = [], None
    while True:
        resp = client.get("/feed/ranked", params={"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        ids += [i["post"]["id"] for i in resp.json()["items"]]
        cursor = resp.json()["next_cursor"]
        if cursor is None:
            return ids


def _why(client, post_id: int) -> dict:
    resp = client.get(f"/posts/{post_id}/why")
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_a_warm_thread_outranks_the_same_number_of_filler_comments(member) -> None:
    admin, poster, reader = member("ops"), member("poster"), member("reader")
    warm = _post(poster, "周末去爬了香山，红叶还没全红，但是空气特别好")
    filler = _post(poster, "周末去爬了西山，枫叶还没全红，但是天特别蓝")  # newer: freshness favours it
    talkers = [member(f"talk{i}") for i in range(4)]
    fillers = [member(f"fill{i}") for i in range(4)]
    firsts = [_comment(t, warm, body) for t, body in zip(talkers, WARM, strict=True)]
    for cid, body in zip(firsts, REPLIES, strict=False):
        _comment(poster, warm, body, parent_id=cid)  # the writer answers: a conversation
    for f, body in zip(fillers, FILLER, strict=True):
        _comment(f, filler, body)
    for f in fillers[:3]:
        _comment(f, filler, "顶顶顶")  # the same count of comments, and more

    order = _ranked_ids(reader.http)
    assert order.index(warm) < order.index(filler)
    why_warm, why_filler = _why(reader.http, warm), _why(reader.http, filler)
    assert any("聊了起来" in r or "接话" in r for r in why_warm["reasons"])
    assert any("有来有回" in r for r in why_warm["reasons"])
    assert not any("聊" in r or "对话" in r for r in why_filler["reasons"])
    assert why_warm["components"] is None  # members get words, not numbers

    ops = _why(admin.http, filler)["components"]  # operators get every number
    assert ops["counted_comments"] == 0 and ops["uncounted_comments"] == 7 and ops["comments"] == 0
    ops_warm = _why(admin.http, warm)["components"]
    assert ops_warm["commenters"] == 4 and ops_warm["conversations"] == 3
    assert ops_warm["engagement"] > ops["engagement"]


def test_ring_likes_do_not_move_a_post(member) -> None:
    admin, poster = member("ops"), member("poster")
    post = _post(poster, "新学期第一天，分到了靠窗的座位")
    before = _why(admin.http, post)["components"]
    ring = [member(f"ring{i}") for i in range(5)]
    for m in ring[:4]:
        assert m.http.post(f"/posts/{post}/like").status_code == 200
    assert _why(admin.http, post)["components"]["rank_key"] > before["rank_key"]  # not caught yet

    # the ring scan catches them: what likes_integrity.scan_rings writes for a detected ring
    with transaction() as s:
        likes = list(s.scalars(select(Like).where(Like.post_id == post)))
        case = open_case(
            s,
            kind="like_ring",
            user_ids=[m.id for m in ring],
            reasons=["test ring"],
            evidence={},
            circle_id=None,
            until=None,
            rate={m.id: 5 for m in ring},
        )
        s.add_all(FlaggedLike(like_id=like.id, case_id=case.id, post_id=post) for like in likes)
        s.flush()
        counts.refresh(s, [post])
    run_job("ranking_refresh")
    after = _why(admin.http, post)["components"]
    assert after["honest_likes"] == 0 and after["rank_key"] == before["rank_key"]
    assert poster.http.get(f"/posts/{post}").json()["like_count"] == 0  # the shown count is honest too

    # a flagged account's new like does not move it either
    assert ring[4].http.post(f"/posts/{post}/like").status_code == 200
    assert _why(admin.http, post)["components"]["rank_key"] == before["rank_key"]


def test_blocked_and_invisible_posts_never_appear(member) -> None:
    reader, friend, blocker, stranger = member("reader"), member("friend"), member("blocker"), member("stranger")
    req = friend.http.post("/friends/requests", json={"username": "reader"}).json()
    assert reader.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200
    assert stranger.http.post("/circles", json={"slug": "secret", "name": "秘密圈"}).status_code == 201

    seen = [_post(friend, "好友可见的说说", visibility="friends"), _post(stranger, "公开的说说：今天下雨了")]
    hidden = [
        _post(stranger, "只有好友可见", visibility="friends"),
        _post(stranger, "只有自己可见", visibility="private"),
        _post(stranger, "圈子里的说说", visibility="circle", circle="secret"),
        _post(blocker, "被屏蔽的人发的热门说说"),
    ]
    assert blocker.http.post("/blocks", json={"username": "reader"}).status_code == 201
    for i, body in enumerate(WARM):  # make the hidden posts the hottest on the site
        talker = member(f"talk{i}")
        for pid in hidden[3:] + seen[1:]:
            _comment(talker, pid, body)

    order = _ranked_ids(reader.http, limit=2)
    assert set(seen) <= set(order)
    assert not set(hidden) & set(order)
    assert len(order) == len(set(order))  # pages never repeat a post
    for pid in hidden:
        assert reader.http.get(f"/posts/{pid}/why").status_code == 404
    anonymous = _ranked_ids(member("visitor").http)
    assert seen[0] not in anonymous and seen[1] in anonymous


def test_friends_are_explained_and_one_author_does_not_flood_the_page(member) -> None:
    reader, friend, prolific = member("reader"), member("friend"), member("prolific")
    req = friend.http.post("/friends/requests", json={"username": "reader"}).json()
    assert reader.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200
    mine = _post(friend, "终于把吉他的F和弦按响了")
    flood = [_post(prolific, f"今天的第{i}条日常：楼下的猫又来了") for i in range(8)]

    page = reader.http.get("/feed/ranked", params={"limit": 4}).json()
    ids = [i["post"]["id"] for i in page["items"]]
    assert ids[0] == mine and "你的好友 friend 发的" in page["items"][0]["reasons"]
    authors = [i["post"]["author"]["username"] for i in page["items"]]
    assert authors.count("prolific") == 3  # the friend's post first, then the rest: by then only one author is left
    assert set(flood) >= set(ids[1:])
    everything = _ranked_ids(reader.http)
    assert set(everything) == {mine, *flood}


def test_unlikes_and_deleted_comments_update_the_score(member) -> None:
    admin, poster = member("ops"), member("poster")
    post = _post(poster, "第一次自己做了红烧肉，大家觉得卖相怎么样？")
    fans = [member(f"fan{i}") for i in range(3)]
    for fan in fans:
        assert fan.http.post(f"/posts/{post}/like").status_code == 200
    comment = _comment(fans[0], post, "看起来好香！是用冰糖炒的糖色吗？我每次都炒糊")
    before = _why(admin.http, post)["components"]
    assert before["counted_comments"] == 1

    assert fans[1].http.delete(f"/posts/{post}/like").status_code == 200
    assert fans[0].http.delete(f"/comments/{comment}").status_code == 200
    after = _why(admin.http, post)["components"]
    assert after["counted_comments"] == 0
    assert after["likes"] < before["likes"] and after["engagement"] < before["engagement"]
