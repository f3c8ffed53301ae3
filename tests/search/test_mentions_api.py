"""@提及 over the real API: who is told, who is suggested, links, and the limit against @-spam."""

from __future__ import annotations

from typing import Any

from tests.search.conftest import befriend, block, post


def _mentions(who: Any) -> list[dict[str, Any]]:
    return [n for n in who.http.get("/notifications").json()["items"] if n["kind"] == "mention"]


def test_a_mention_in_a_post_tells_the_member_once_and_links_their_space(member: Any) -> None:
    lin, zhou = member("lin"), member("zhou")
    pid = post(lin, "周末一起爬山吗 @zhou ？")
    told = _mentions(zhou)
    assert [(n["actor"]["username"], n["post_id"]) for n in told] == [("lin", pid)]
    html = lin.http.get(f"/posts/{pid}").json()["body_html"]
    assert '<a class="mention" href="/u/zhou">@zhou</a>' in html
    # an edit keeps the mention: no second notification
    assert lin.http.patch(f"/posts/{pid}", json={"body": "改一下：周日爬山 @zhou"}).status_code == 200
    assert len(_mentions(zhou)) == 1
    # an e-mail address or an unknown name tells nobody and is not an error
    post(lin, "联系 me@zhou.com 或 @nobody_here")
    assert len(_mentions(zhou)) == 1


def test_people_who_cannot_see_the_post_or_are_blocked_are_not_told(member: Any) -> None:
    lin, friend, stranger, blocked = member("lin"), member("friend"), member("stranger"), member("blocked")
    befriend(lin, friend)
    befriend(lin, blocked)
    block(blocked, lin)
    post(lin, "好友可见 @friend @stranger @blocked", "friends")
    post(lin, "只有自己 @friend", "private")
    assert len(_mentions(friend)) == 1
    assert _mentions(stranger) == [] and _mentions(blocked) == []


def test_mentions_in_comments_replies_and_the_board(member: Any) -> None:
    lin, zhou, wang = member("lin"), member("zhou"), member("wang")
    befriend(lin, zhou)
    befriend(lin, wang)
    pid = post(lin, "今天的晚霞")
    c = zhou.http.post(f"/posts/{pid}/comments", json={"body": "好美！@wang 快来看"})
    assert c.status_code == 201
    reply = lin.http.post(f"/posts/{pid}/comments", json={"body": "谢谢 @zhou", "parent_id": c.json()["id"]})
    assert reply.status_code == 201
    board = zhou.http.post("/users/lin/board", json={"body": "来踩踩 @wang"})
    assert board.status_code == 201
    kinds = {
        (n["actor"]["username"], n["comment_id"] is not None, n["board_message_id"] is not None)
        for n in _mentions(wang)
    }
    assert kinds == {("zhou", True, False), ("zhou", False, True)}
    assert [n["actor"]["username"] for n in _mentions(zhou)] == ["lin"]


def test_too_many_mentions_are_refused(member: Any) -> None:
    lin = member("lin")
    names = [member(f"pal{i}").username for i in range(6)]
    resp = lin.http.post("/posts", json={"body": " ".join(f"@{n}" for n in names), "visibility": "public"})
    assert resp.status_code == 422 and "@" in resp.json()["error"]["message"]
    assert lin.http.post("/posts", json={"body": " ".join(f"@{n}" for n in names[:5])}).status_code == 201


def test_autocomplete_offers_friends_and_partners_who_could_see_it(member: Any, api: Any) -> None:
    lin, zhou, zhao, stranger, talker = member("lin"), member("zhou"), member("zhao"), member("zhang"), member("zhu")
    befriend(lin, zhou)
    befriend(lin, zhao)
    talked = post(talker, "新开的奶茶店")
    assert lin.http.post(f"/posts/{talked}/comments", json={"body": "在哪里呀？"}).status_code == 201

    def names(**params: Any) -> list[str]:
        resp = lin.http.get("/mentions/suggest", params=params)
        assert resp.status_code == 200, resp.text
        return [u["username"] for u in resp.json()]

    assert names(q="zh") == ["zhao", "zhou", "zhu"]  # never the stranger zhang
    assert names(q="zh", visibility="friends") == ["zhao", "zhou"]  # zhu could not see a friends-only post
    assert names(q="zh", visibility="private") == []
    block(zhao, lin)
    assert names(q="zh") == ["zhou", "zhu"]
    mine = post(lin, "只给好友", "friends")
    assert names(q="z", post_id=mine) == ["zhou"]
    assert lin.http.get("/mentions/suggest", params={"visibility": "everyone"}).status_code == 422
    assert api.get("/mentions/suggest", params={"q": "zh"}).status_code == 401
    assert stranger.http.get("/mentions/suggest", params={"q": "z", "post_id": mine}).status_code == 404
