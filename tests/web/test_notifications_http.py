"""The notifications page and /api/v1/notifications show the same cards, read in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.statements import watching_statements

POST = "今天读完了一本书，推荐给大家"
COMMENT = "我也想读这本"


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """Every SQL statement the (in-process) server runs meanwhile."""
    statements: list[str] = []

    with watching_statements(statements.append):
        yield statements


def _fans_act(fans: list[Any], post_id: int) -> None:
    for fan in fans:
        assert fan.http.post(f"/posts/{post_id}/like").status_code == 200
        assert fan.http.post(f"/posts/{post_id}/comments", json={"body": COMMENT}).status_code == 201
        assert fan.http.post("/circles/reading/join").status_code == 200


def _page(live_server: str, token: str) -> tuple[str, int]:
    with counted_queries() as statements:
        resp = httpx.get(f"{live_server}/notifications", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    return resp.text, len(statements)


def test_notification_cards_on_the_page_and_in_the_api(live_server: str, member: Any) -> None:
    alice = member("alice", "爱丽丝")
    made = alice.http.post("/circles", json={"slug": "reading", "name": "读书会", "join_policy": "open"})
    assert made.status_code == 201, made.text
    post_id = alice.http.post("/posts", json={"body": POST, "visibility": "public"}).json()["id"]
    fans = [member(f"fan{i}", f"书友{i}") for i in range(6)]

    _fans_act(fans[:1], post_id)
    page, few = _page(live_server, alice.token)
    assert f"<q>{COMMENT}</q>" in page and POST in page
    assert 'href="/c/reading">读书会</a>' in page and 'href="/u/fan0">书友0</a>' in page

    _fans_act(fans[1:], post_id)
    page, many = _page(live_server, alice.token)
    # six comments each their own card; the likes and the joins one grouped card each
    assert page.count(f"<q>{COMMENT}</q>") == 6 and page.count('href="/c/reading"') == 1
    assert '书友5</a>、<a class="who" href="/u/fan4">书友4</a>等6人' in page
    # One query per kind of row, not one per notification: five more notifications would add five. The
    # count is of every statement the site's engine ran meanwhile, so one from outside the page (the last
    # action's after-commit work finishing on a loaded machine) may fall inside the window.
    assert many <= few + 1

    body = alice.http.get("/notifications").json()
    notes = body["items"]
    assert len(notes) == 8 and {n["kind"] for n in notes} == {"like", "comment", "circle_join"}
    assert body["unread"] == 18  # every notification still counted
    assert {n["circle"] for n in notes if n["kind"] == "circle_join"} == {"reading"}
    assert all(n["post_id"] == post_id for n in notes if n["kind"] != "circle_join")
    assert notes[0]["actor"]["username"] == "fan5" and not notes[0]["read"]
    likes = next(n for n in notes if n["kind"] == "like")
    assert likes["actor_count"] == 6 and likes["unread_count"] == 6
    assert [a["username"] for a in likes["actors"]] == ["fan5", "fan4"]
