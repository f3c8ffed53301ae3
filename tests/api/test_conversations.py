"""转发, 私信, 特别关心 and 关注 through the HTTP API, as members use them."""

from __future__ import annotations

import io

from PIL import Image

from tests.conftest import Member, MemberFactory


def _befriend(a: Member, b: Member) -> None:
    assert a.http.post("/friends/requests", json={"username": b.username}).status_code == 201
    req = b.http.get("/friends/requests").json()[0]
    assert b.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200


def _post(m: Member, body: str, visibility: str = "public") -> int:
    resp = m.http.post("/posts", json={"body": body, "visibility": visibility})
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _notes(m: Member, kind: str) -> list[dict]:
    return [n for n in m.http.get("/notifications").json()["items"] if n["kind"] == kind]


# --- 转发 ---------------------------------------------------------------------------------------


def test_repost_with_words_shows_the_chain_and_tells_the_author(member: MemberFactory) -> None:
    a, b, c = member("repa", "阿青"), member("repb", "小北"), member("repc", "晨晨")
    original = _post(a, "今天第一次自己做了番茄炒蛋，居然没糊！")
    first = b.http.post(f"/posts/{original}/repost", json={"body": "看起来好香，周末我也试试"})
    assert first.status_code == 201, first.text
    second = c.http.post(f"/posts/{first.json()['id']}/repost", json={"body": "求菜谱"})
    assert second.status_code == 201, second.text

    quoted = second.json()["repost"]
    assert quoted["original"]["id"] == original and quoted["original"]["author"]["username"] == "repa"
    assert [(h["author"]["username"], h["body"]) for h in quoted["hops"]] == [("repb", "看起来好香，周末我也试试")]
    assert quoted["depth"] == 2
    # the original's author hears of both reposts, the first reposter of the second
    assert len(_notes(a, "repost")) == 2
    assert len(_notes(b, "repost")) == 1
    # counts: the original counts every repost down its chain, the first repost its own
    assert a.http.get(f"/posts/{original}").json()["repost_count"] == 2
    assert b.http.get(f"/posts/{first.json()['id']}").json()["repost_count"] == 1


def test_a_bare_repost_is_allowed_and_counts_as_little_more_than_a_like(member: MemberFactory) -> None:
    a, b = member("barea"), member("bareb")
    original = _post(a, "期末考完了，大家暑假去哪儿玩？")
    bare = b.http.post(f"/posts/{original}/repost", json={})
    assert bare.status_code == 201, bare.text
    assert bare.json()["body"] == "" and bare.json()["repost"]["original"]["id"] == original


def test_a_friends_only_post_cannot_be_reposted_beyond_its_audience(member: MemberFactory) -> None:
    a, b, stranger = member("fria"), member("frib"), member("fric")
    _befriend(a, b)
    secret = _post(a, "只给好友看的：我下周转学了", "friends")
    for visibility in ("public", "friends"):
        resp = b.http.post(f"/posts/{secret}/repost", json={"body": "舍不得", "visibility": visibility})
        assert resp.status_code == 403, resp.text
        assert "可见范围" in resp.text
    # to oneself only is fine; the author may share it with the same friends again
    assert b.http.post(f"/posts/{secret}/repost", json={"visibility": "private"}).status_code == 201
    assert a.http.post(f"/posts/{secret}/repost", json={"visibility": "friends"}).status_code == 201
    # a stranger cannot see it, so cannot repost it: 404, as for any hidden post
    assert stranger.http.post(f"/posts/{secret}/repost", json={"visibility": "private"}).status_code == 404


def test_deleting_the_original_hides_the_quoted_part(member: MemberFactory) -> None:
    a, b = member("dela"), member("delb")
    original = _post(a, "这条等会儿删掉")
    copy = b.http.post(f"/posts/{original}/repost", json={"body": "我先转了"}).json()
    assert a.http.delete(f"/posts/{original}").status_code == 200
    seen = b.http.get(f"/posts/{copy['id']}").json()
    assert seen["body"] == "我先转了" and seen["repost"]["original"] is None
    assert b.http.post(f"/posts/{copy['id']}/repost", json={}).status_code == 404


# --- 私信 ---------------------------------------------------------------------------------------


def test_friends_exchange_messages_with_read_receipts(member: MemberFactory) -> None:
    a, b = member("dma"), member("dmb")
    _befriend(a, b)
    sent = a.http.post("/messages/dmb", json={"body": "明天一起去图书馆吗？😊"})
    assert sent.status_code == 201, sent.text
    assert sent.json()["read"] is False
    inbox = b.http.get("/messages").json()
    assert [(c["other"]["username"], c["unread"]) for c in inbox] == [("dma", 1)]
    view = b.http.get("/messages/dma").json()
    assert [m["body"] for m in view["messages"]] == ["明天一起去图书馆吗？😊"] and view["state"] == "open"
    assert b.http.post("/messages/dma", json={"body": "好呀，九点门口见"}).status_code == 201
    mine = a.http.get("/messages/dmb").json()["messages"]
    assert [m["mine"] for m in mine] == [True, False] and mine[0]["read"] is True
    # polling for what is new
    assert a.http.get("/messages/dmb", params={"after": mine[-1]["id"]}).json()["messages"] == []
    # b turns read receipts off: a no longer learns whether b read
    assert b.http.patch("/me/contact", json={"read_receipts": False}).json()["read_receipts"] is False
    assert a.http.get("/messages/dmb").json()["messages"][0]["read"] is None
    # a notification tells b of a's messages, once while unread
    assert len(_notes(b, "message")) == 1


def test_messages_are_private_to_the_two_members(member: MemberFactory) -> None:
    admin, a, b = member("dmadmin"), member("dmpa"), member("dmpb")
    _befriend(a, b)
    assert a.http.post("/messages/dmpb", json={"body": "只有我们俩知道的事"}).status_code == 201
    # the admin (or anyone else) opening a's conversation with b sees their own, empty one
    assert admin.http.get("/messages/dmpb").json()["messages"] == []
    assert admin.http.get("/messages").json() == []


def test_a_strangers_first_message_goes_to_the_request_box(member: MemberFactory) -> None:
    a, stranger = member("reqa"), member("reqs")
    first = stranger.http.post("/messages/reqa", json={"body": "你好，我们是同一个圈子的"})
    assert first.status_code == 201
    assert stranger.http.post("/messages/reqa", json={"body": "在吗"}).status_code == 409
    assert a.http.get("/messages").json() == []
    requests = a.http.get("/messages", params={"box": "requests"}).json()
    assert [c["other"]["username"] for c in requests] == ["reqs"]
    assert a.http.get("/messages/reqs").json()["request_to_me"] is True
    # answering accepts: the conversation moves to the inbox
    assert a.http.post("/messages/reqs", json={"body": "你好呀"}).status_code == 201
    assert [c["other"]["username"] for c in a.http.get("/messages").json()] == ["reqs"]
    assert stranger.http.post("/messages/reqa", json={"body": "谢谢回复"}).status_code == 201


def test_circle_co_members_write_directly_where_allowed(member: MemberFactory) -> None:
    a, b = member("cira"), member("cirb")
    assert a.http.post("/circles", json={"slug": "chess", "name": "象棋社"}).status_code == 201
    assert b.http.post("/circles/chess/join").status_code in (200, 201)
    assert a.http.patch("/me/contact", json={"dm_policy": "circles"}).status_code == 200
    assert b.http.post("/messages/cira", json={"body": "社长好，周五活动几点？"}).status_code == 201
    assert [c["state"] for c in a.http.get("/messages").json()] == ["open"]


def test_ads_to_strangers_are_folded_and_copy_paste_too(member: MemberFactory) -> None:
    spammer = member("spam0")
    targets = [member(f"spamt{i}") for i in range(3)]
    ad = spammer.http.post("/messages/spamt0", json={"body": "加微信领券，日赚三百"})
    assert ad.status_code == 201
    seen = targets[0].http.get("/messages", params={"box": "requests"}).json()
    assert seen[0]["other"]["username"] == "spam0"
    shown = targets[0].http.get("/messages/spam0").json()["messages"][0]
    assert shown["folded"] is True and "广告" in shown["fold_reason"]
    words = "我们学校的夏令营报名开始啦，名额有限，快来看看详细介绍吧"
    for t in targets[1:]:
        assert spammer.http.post(f"/messages/{t.username}", json={"body": words}).status_code == 201
    # the third copy of the same words into another conversation folds
    fourth = member("spamt3")
    assert spammer.http.post("/messages/spamt3", json={"body": words}).status_code == 201
    folded = fourth.http.get("/messages/spam0").json()["messages"][0]
    assert folded["folded"] is True and "很多人" in folded["fold_reason"]
    # the sender sees their own message as sent
    assert spammer.http.get("/messages/spamt3").json()["messages"][0]["folded"] is False


def test_a_photo_in_a_message_is_seen_by_the_two_members_only(member: MemberFactory, api) -> None:
    a, b, other = member("pha"), member("phb"), member("phc")
    _befriend(a, b)
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), "pink").save(buf, "PNG")
    media = a.http.post("/media", files={"file": ("x.png", buf.getvalue(), "image/png")}).json()
    sent = a.http.post("/messages/phb", json={"body": "", "media_id": media["id"]})
    assert sent.status_code == 201, sent.text
    url = str(api.base_url).removesuffix("/").removesuffix("/api/v1") + sent.json()["image_url"]
    assert b.http.get(url).status_code == 200
    assert other.http.get(url).status_code == 404
    # someone else's photo cannot be sent
    assert other.http.post("/messages/pha", json={"media_id": media["id"]}).status_code == 404


def test_report_opens_a_case_and_reading_it_is_audited(member: MemberFactory) -> None:
    admin, a, b = member("repadmin"), member("rpa"), member("rpb")
    _befriend(a, b)
    assert a.http.post("/messages/rpb", json={"body": "你要是不借我钱我就告诉所有人"}).status_code == 201
    case = b.http.post("/messages/rpa/report", json={"reason": "威胁我"})
    assert case.status_code == 201, case.text
    case_id = case.json()["case_id"]
    assert a.http.get(f"/moderation/cases/{case_id}/messages").status_code == 404
    read = admin.http.get(f"/moderation/cases/{case_id}/messages")
    assert read.status_code == 200 and [m["body"] for m in read.json()] == ["你要是不借我钱我就告诉所有人"]
    detail = admin.http.get(f"/moderation/cases/{case_id}").json()
    assert "read_messages" in [e["action"] for e in detail["audit"]]


def test_blocking_ends_the_conversation_both_ways(member: MemberFactory) -> None:
    a, b = member("bla"), member("blb")
    _befriend(a, b)
    assert a.http.post("/messages/blb", json={"body": "hi"}).status_code == 201
    assert b.http.post("/blocks", json={"username": "bla"}).status_code == 201
    assert a.http.post("/messages/blb", json={"body": "还在吗"}).status_code == 404
    assert b.http.get("/messages").json() == []


def test_bad_message_input_is_answered_clearly(member: MemberFactory) -> None:
    a, b = member("bada"), member("badb")
    _befriend(a, b)
    assert a.http.post("/messages/badb", json={"body": "  "}).status_code == 422
    assert a.http.post("/messages/badb", json={"body": "字" * 1001}).status_code == 422
    assert a.http.post("/messages/bada", json={"body": "自言自语"}).status_code == 404
    assert a.http.post("/messages/nobody", json={"body": "hi"}).status_code == 404


# --- 特别关心 and 关注 --------------------------------------------------------------------------


def test_special_care_notifies_and_pins_a_friends_posts(member: MemberFactory) -> None:
    a, b, stranger = member("spa"), member("spb"), member("sps")
    _befriend(a, b)
    assert a.http.put("/me/special/sps").status_code == 403
    assert a.http.put("/me/special/spb").json()["special"] is True
    post = _post(b, "今天拿到录取通知书了！")
    assert [n["post_id"] for n in _notes(a, "special_post")] == [post]
    assert [p["id"] for p in a.http.get("/feed/special").json()["items"]] == [post]
    # a friends-only post of someone else is not pinned for the stranger
    assert stranger.http.get("/feed/special").json()["items"] == []
    assert a.http.delete("/me/special/spb").json()["special"] is False


def test_follow_is_one_way_counted_apart_and_can_be_turned_off(member: MemberFactory) -> None:
    a, fan = member("fola"), member("folfan")
    state = fan.http.put("/users/fola/follow").json()
    assert state == {"following": True, "followers": 1, "followable": True, "special": False}
    assert fan.http.get("/friends").json() == []  # not a friend
    assert a.http.patch("/me/contact", json={"followable": False}).status_code == 200
    other = member("folother")
    assert other.http.put("/users/fola/follow").status_code == 403
    assert a.http.patch("/me/contact", json={"dm_policy": "nobody"}).status_code == 422
