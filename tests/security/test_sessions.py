"""Issue 16, item 17: a member sees where they are signed in and signs each session out on its own; a
session signed out answers 401 from its next request."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import closing

import httpx

from tests.conftest import Member
from tests.web.forms import csrf_token, sign_in, web_client

MAC_CHROME = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1"
)


def _browser(live_server: str, username: str, agent: str) -> httpx.Client:
    client = web_client(live_server)
    client.headers["User-Agent"] = agent
    return sign_in(client, username)


def test_sessions_are_listed_and_signed_out_one_by_one(live_server: str, member: Callable[..., Member]) -> None:
    alice = member("alice")
    with (
        closing(_browser(live_server, "alice", MAC_CHROME)) as laptop,
        closing(_browser(live_server, "alice", IPHONE)) as phone,
    ):
        listed = alice.http.get("/me/sessions").json()
        assert len(listed) == 3
        assert [s["current"] for s in listed].count(True) == 1
        agents = {s["user_agent"] for s in listed}
        assert {"Chrome · macOS", "Safari · iOS"} <= agents
        lost = next(s for s in listed if s["user_agent"] == "Safari · iOS")

        assert alice.http.delete(f"/me/sessions/{lost['id']}").status_code == 200
        assert phone.get("/api/v1/me").status_code == 401  # at once
        assert phone.get("/settings", follow_redirects=False).status_code in (303, 401)
        assert laptop.get("/api/v1/me").status_code == 200
        assert len(alice.http.get("/me/sessions").json()) == 2


def test_nobody_signs_out_another_members_session(live_server: str, member: Callable[..., Member]) -> None:
    alice, bob = member("alice"), member("bob")
    (session,) = alice.http.get("/me/sessions").json()
    assert bob.http.delete(f"/me/sessions/{session['id']}").status_code == 404
    made = alice.http.post("/me/tokens", json={"name": "脚本"}).json()
    assert alice.http.delete(f"/me/sessions/{made['id']}").status_code == 404  # a token is no session
    assert alice.http.get("/me").status_code == 200


def test_the_settings_page_lists_sessions_with_a_sign_out_button_each(live_server: str) -> None:
    from tests.web.forms import sign_up

    with (
        closing(sign_up(live_server, "alice", "爱丽丝")) as first,
        closing(_browser(live_server, "alice", IPHONE)) as phone,
    ):
        page = first.get("/settings").text
        assert "登录的设备" in page and "Safari · iOS" in page and "当前设备" in page
        forms = re.findall(r'action="(/settings/sessions/\d+/revoke)"', page)
        assert len(forms) == 2
        phone_id = int(re.search(r'id="session-(\d+)">\s*<strong>Safari · iOS', page).group(1))  # type: ignore[union-attr]
        signed_out = first.post(
            f"/settings/sessions/{phone_id}/revoke", data={"csrf_token": csrf_token(first, "/settings")}
        )
        assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/settings")
        assert phone.get("/api/v1/me").status_code == 401
        assert first.get("/api/v1/me").status_code == 200

        # signing out the session in use ends it and goes to the login page
        (own,) = re.findall(r'action="/settings/sessions/(\d+)/revoke"', first.get("/settings").text)
        mine = first.post(f"/settings/sessions/{own}/revoke", data={"csrf_token": csrf_token(first, "/settings")})
        assert mine.status_code == 303 and mine.headers["location"] == "/login"
        assert first.get("/api/v1/me").status_code == 401


def test_a_cross_site_form_cannot_sign_a_session_out(live_server: str) -> None:
    from tests.web.forms import sign_up

    with closing(sign_up(live_server, "alice", "爱丽丝")) as browser:
        (own,) = re.findall(r'action="/settings/sessions/(\d+)/revoke"', browser.get("/settings").text)
        browser.headers["Sec-Fetch-Site"] = "cross-site"
        browser.headers["Origin"] = "https://evil.example"
        assert browser.post(f"/settings/sessions/{own}/revoke", data={}).status_code == 403
        browser.headers["Sec-Fetch-Site"] = "same-origin"
        assert browser.get("/api/v1/me").status_code == 200
