"""The search page, the header box, 热门话题 and @ links as pages show them (real HTTP, bearer sign-in)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.search.conftest import befriend, post
from tests.web.test_english_pages import han_left


def _page(live_server: str, who: Any | None, path: str, **params: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {who.token}"} if who else {}
    return httpx.get(f"{live_server}{path}", params=params, headers=headers)


def test_search_page_tabs_highlight_and_privacy(live_server: str, member: Any) -> None:
    lin, zhou, stranger = member("lin", "林小满"), member("zhou"), member("zhang")
    befriend(lin, zhou)
    post(lin, "周末去看<b>樱花</b>了 #赏樱#")
    post(lin, "樱花只给好友看", "friends")
    page = _page(live_server, zhou, "/search", q="樱花").text
    assert 'role="search"' in page  # the box in the header
    assert "<mark>樱花</mark>" in page and "&lt;b&gt;" in page and "<b>" not in page
    assert "只给好友看" in page
    assert "只给好友看" not in _page(live_server, stranger, "/search", q="樱花").text
    assert "只给好友看" not in _page(live_server, None, "/search", q="樱花").text
    tab = _page(live_server, zhou, "/search", q="赏樱", type="topics").text
    assert 'href="/tags/%E8%B5%8F%E6%A8%B1">#赏樱#</a>' in tab and 'aria-current="page">话题' in tab


def test_empty_and_bad_queries_answer_on_the_page(live_server: str, member: Any) -> None:
    empty = _page(live_server, None, "/search")
    assert empty.status_code == 200 and "热门话题" in empty.text
    long = _page(live_server, None, "/search", q="长" * 60)
    assert long.status_code == 422 and "搜索内容最多 50 个字" in long.text
    odd = _page(live_server, None, "/search", q="？？", type="posts")
    assert odd.status_code == 422 and 'role="alert"' in odd.text


def test_trending_and_mentions_on_pages(live_server: str, member: Any) -> None:
    lin, zhou = member("lin"), member("zhou")
    befriend(lin, zhou)
    pid = post(lin, "今天去爬山 @zhou #爬山#")
    post(zhou, "我也去了，累但开心 #爬山#")
    assert '<a class="tag" href="/tags/%E7%88%AC%E5%B1%B1">#爬山#</a> <span class="muted">2 人参与' in (
        _page(live_server, None, "/search").text
    )
    assert '<a class="mention" href="/u/zhou">@zhou</a>' in _page(live_server, zhou, f"/p/{pid}").text
    notes = _page(live_server, zhou, "/notifications").text
    assert "提到了你" in notes


def test_search_page_in_english(live_server: str, member: Any) -> None:
    lin = member("lin")
    post(lin, "hiking today #hills#")
    post(member("zhou"), "me too #hills#")
    for params in ({}, {"q": "hiking"}, {"q": "hiking", "type": "topics"}, {"q": "x" * 60}):
        page = httpx.get(f"{live_server}/search", params=params, cookies={"nook_lang": "en"}).text
        assert han_left(page) == [], params
