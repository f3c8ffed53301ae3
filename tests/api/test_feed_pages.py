"""Paging through the post lists over real HTTP: every visible post once, newest first, nothing hidden.

The lists' statements are built once and run with the viewer, the cursor and the limit as bound
parameters, so a page after a cursor, another viewer and another limit must each get their own rows.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import MemberFactory


def _all_pages(client: httpx.Client, path: str, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        resp = client.get(path, params=params)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the pages never ended")


def test_pages_cover_each_visible_post_once_newest_first(api: httpx.Client, member: MemberFactory) -> None:
    ann, ben = member("page_ann"), member("page_ben")
    public = [ann.http.post("/posts", json={"body": f"公开的第{i}条"}).json()["id"] for i in range(5)]
    private = ann.http.post("/posts", json={"body": "只有我看得到", "visibility": "private"}).json()["id"]
    newest_first = [*reversed(public)]

    ann_sees = [p["id"] for p in _all_pages(ann.http, "/feed", 2)]
    assert ann_sees == [private, *newest_first]  # her home feed: her own posts, the private one too
    assert [p["id"] for p in _all_pages(ann.http, "/users/page_ann/posts", 4)] == [private, *newest_first]

    # another viewer of the same lists, with the same statements: never the private post
    assert [p["id"] for p in _all_pages(ben.http, "/users/page_ann/posts", 2)] == newest_first
    assert [p["id"] for p in _all_pages(api, "/users/page_ann/posts", 3)] == newest_first
    explored = [p["id"] for p in _all_pages(ben.http, "/explore", 2)]
    assert [i for i in explored if i in public or i == private] == newest_first
    assert len(explored) == len(set(explored))
    assert [p["id"] for p in _all_pages(ben.http, "/feed", 2)] == []  # not friends, no circle in common


def test_a_broken_cursor_is_refused(member: MemberFactory) -> None:
    ann = member("page_cursor")
    resp = ann.http.get("/feed", params={"cursor": "not-a-cursor"})
    assert resp.status_code == 422
