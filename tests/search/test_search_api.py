"""搜索 over the real API on the configured backend: Chinese words, visibility, highlighting, bad input."""

from __future__ import annotations

from typing import Any

from tests.search.conftest import befriend, block
from tests.search.conftest import post as _post


def _found(who: Any, q: str, **params: Any) -> list[int]:
    resp = who.http.get("/search", params={"q": q, "type": "posts", **params})
    assert resp.status_code == 200, resp.text
    return [hit["post"]["id"] for hit in resp.json()["posts"]]


def test_a_chinese_word_finds_posts_inside_longer_words(member: Any) -> None:
    lin = member("lin")
    forecast = _post(lin, "看了天气预报，周末去爬山 #周末#")
    cat = _post(lin, "我家猫咪今天学会开门了")
    assert _found(lin, "天气") == [forecast]  # 天气预报 is indexed with 天气 inside it
    assert _found(lin, "猫咪") == [cat]
    assert _found(lin, "爬山 天气") == [forecast]  # every word required
    assert _found(lin, "爬山 猫咪") == []


def test_edits_and_deletes_keep_the_index_in_step(member: Any) -> None:
    lin = member("lin")
    pid = _post(lin, "今天吃了火锅")
    assert _found(lin, "火锅") == [pid]
    assert lin.http.patch(f"/posts/{pid}", json={"body": "今天吃了烧烤"}).status_code == 200
    assert _found(lin, "火锅") == [] and _found(lin, "烧烤") == [pid]
    assert lin.http.delete(f"/posts/{pid}").status_code == 200
    assert _found(lin, "烧烤") == []


def test_friends_only_and_private_posts_are_found_only_by_who_may_see_them(member: Any, api: Any) -> None:
    lin, zhou, stranger = member("lin"), member("zhou"), member("stranger")
    befriend(lin, zhou)
    public = _post(lin, "秘密基地的公开照片")
    friends = _post(lin, "秘密基地只给好友看", "friends")
    private = _post(lin, "秘密基地只有我知道", "private")
    assert set(_found(lin, "秘密基地")) == {public, friends, private}
    assert set(_found(zhou, "秘密基地")) == {public, friends}
    assert _found(stranger, "秘密基地") == [public]
    anonymous = api.get("/search", params={"q": "秘密基地", "type": "posts"}).json()
    assert [h["post"]["id"] for h in anonymous["posts"]] == [public]
    block(lin, stranger)
    assert _found(stranger, "秘密基地") == []


def test_hits_are_marked_and_member_text_stays_escaped(member: Any) -> None:
    lin = member("lin")
    _post(lin, '<script>alert("x")</script> 奶茶 & amp 奶茶')
    hit = lin.http.get("/search", params={"q": "奶茶", "type": "posts"}).json()["posts"][0]
    html = hit["snippet_html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark>奶茶</mark>") == 2 and "&amp; amp" in html


def test_people_circles_and_topics(member: Any) -> None:
    lin, zhou = member("lin", "林小满"), member("zhou", "周末")
    assert lin.http.post("/circles", json={"slug": "hiking", "name": "周末爬山团"}).status_code == 201
    _post(lin, "出发 #周末去哪儿#")
    _post(zhou, "不告诉别人 #周末秘密#", "private")
    answer = zhou.http.get("/search", params={"q": "周末"}).json()
    assert [u["username"] for u in answer["people"]] == ["zhou"]
    assert [c["slug"] for c in answer["circles"]] == ["hiking"]
    assert {t["name"] for t in answer["topics"]} == {"周末去哪儿", "周末秘密"}
    # a tag carried only by zhou's private post is nobody else's business
    assert {t["name"] for t in lin.http.get("/search", params={"q": "周末"}).json()["topics"]} == {"周末去哪儿"}


def test_posts_page_with_a_cursor(member: Any) -> None:
    lin = member("lin")
    ids = [_post(lin, f"第{i}次跑步打卡") for i in range(5)]
    first = lin.http.get("/search", params={"q": "跑步", "type": "posts", "limit": 3}).json()
    assert [h["post"]["id"] for h in first["posts"]] == ids[::-1][:3]
    rest = _found(lin, "跑步", cursor=first["next_cursor"], limit=3)
    assert rest == ids[::-1][3:]


def test_empty_long_and_odd_queries_get_clear_answers(member: Any, api: Any) -> None:
    for params in (
        {"q": ""},
        {"q": "   "},
        {"q": "长" * 51},
        {"q": "！！！", "type": "posts"},
        {"q": "猫", "type": "x"},
    ):
        resp = api.get("/search", params=params)
        assert resp.status_code == 422, (params, resp.text)
        assert resp.json()["error"]["message"]
    assert api.get("/search").status_code == 422
    assert api.get("/search", params={"q": "猫", "cursor": "abc", "type": "posts"}).status_code == 422
    # punctuation alone finds no posts on the 全部 tab, and says nothing wrong
    assert api.get("/search", params={"q": "！！！"}).json()["posts"] == []
