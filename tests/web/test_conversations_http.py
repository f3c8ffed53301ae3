"""The 私信 pages and the admin's view of a reported conversation, over HTTP."""

from __future__ import annotations

from typing import Any

import httpx


def _page(live_server: str, token: str, path: str) -> httpx.Response:
    return httpx.get(f"{live_server}{path}", headers={"Authorization": f"Bearer {token}"})


def test_a_report_is_read_by_the_admin_on_its_case_page_and_audited(live_server: str, member: Any) -> None:
    admin, a, b = member("webadmin"), member("weba", "阿伟"), member("webb", "小贝")
    assert a.http.post("/messages/webb", json={"body": "加微信领券，日赚三百"}).status_code == 201
    # the request box on 小贝's message list; the folded message in the conversation
    listing = _page(live_server, b.token, "/messages")
    assert "消息请求" in listing.text and "阿伟" in listing.text
    conversation = _page(live_server, b.token, "/messages/weba")
    assert "像广告或引流，已折叠" in conversation.text and 'hx-trigger="every 5s"' in conversation.text

    case_id = b.http.post("/messages/weba/report", json={"reason": "骚扰广告"}).json()["case_id"]
    assert _page(live_server, a.token, f"/admin/cases/{case_id}/messages").status_code == 404
    case = _page(live_server, admin.token, f"/admin/cases/{case_id}")
    assert case.status_code == 200 and "私信举报" in case.text and f"/admin/cases/{case_id}/messages" in case.text
    read = _page(live_server, admin.token, f"/admin/cases/{case_id}/messages")
    assert read.status_code == 200 and "加微信领券" in read.text
    trail = admin.http.get(f"/moderation/cases/{case_id}").json()["audit"]
    assert [e["action"] for e in trail].count("read_messages") == 1


def test_a_space_offers_message_follow_and_special_care(live_server: str, member: Any) -> None:
    a, b = member("spacea"), member("spaceb")
    assert a.http.post("/friends/requests", json={"username": "spaceb"}).status_code == 201
    req = b.http.get("/friends/requests").json()[0]
    assert b.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200
    buttons = _page(live_server, a.token, "/u/spaceb/contact-buttons").text
    assert 'href="/messages/spaceb"' in buttons and "关注" in buttons and "特别关心" in buttons
    assert b.http.patch("/me/contact", json={"followable": False}).status_code == 200
    assert ">关注<" not in _page(live_server, a.token, "/u/spaceb/contact-buttons").text


def test_special_care_posts_are_pinned_above_the_home_feed(live_server: str, member: Any) -> None:
    a, b = member("pina"), member("pinb", "小冰")
    assert a.http.post("/friends/requests", json={"username": "pinb"}).status_code == 201
    req = b.http.get("/friends/requests").json()[0]
    assert b.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200
    b.http.post("/posts", json={"body": "今天考完最后一科啦", "visibility": "friends"})
    assert "今天考完最后一科啦" not in _page(live_server, a.token, "/feed/special").text
    assert a.http.put("/me/special/pinb").status_code == 200
    home = _page(live_server, a.token, "/").text
    assert 'hx-get="/feed/special"' in home
    strip = _page(live_server, a.token, "/feed/special").text
    assert "特别关心" in strip and "今天考完最后一科啦" in strip
