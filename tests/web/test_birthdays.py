"""生日提醒: friends are reminded on the day, only when the member opted in and lets them see the birthday."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from playwright.sync_api import expect

from nook.social.localtime import local_today
from tests.conftest import Member, MemberFactory
from tests.web.pages import new_page
from tests.web.test_layout import PHONE_390


def _befriend(a: Member, b: Member) -> None:
    request = a.http.post("/friends/requests", json={"username": b.username}).json()
    assert b.http.post(f"/friends/requests/{request['id']}/accept").status_code == 200


def _born_today(years: int = 20) -> str:
    today = local_today()
    return today.replace(year=today.year - years).isoformat() if (today.month, today.day) != (2, 29) else "2004-02-29"


def test_friends_are_reminded_only_when_she_opted_in_and_they_may_see(member: MemberFactory) -> None:
    mei, friend, stranger = member("meibday"), member("friendb"), member("strangerb")
    _befriend(mei, friend)
    mei.http.patch("/me", json={"birthday": _born_today(), "privacy": {"birthday": "friends"}})
    assert friend.http.get("/friends/birthdays").json() == [], "not without her opt-in"

    assert mei.http.patch("/me", json={"birthday_reminders": True}).json()["birthday_reminders"] is True
    assert [u["username"] for u in friend.http.get("/friends/birthdays").json()] == ["meibday"]
    assert stranger.http.get("/friends/birthdays").json() == [], "friends only"

    mei.http.patch("/me", json={"privacy": {"birthday": "private"}})
    assert friend.http.get("/friends/birthdays").json() == [], "a hidden birthday is never announced"

    mei.http.patch(
        "/me", json={"privacy": {"birthday": "friends"}, "birthday": (local_today() + timedelta(days=1)).isoformat()}
    )
    assert friend.http.get("/friends/birthdays").json() == [], "not the day"


def test_a_29_february_birthday_falls_on_the_28th_in_other_years() -> None:
    from nook.social.people.birthdays import _falls_on

    assert _falls_on(date(2004, 2, 29), date(2026, 2, 28))
    assert not _falls_on(date(2004, 2, 29), date(2028, 2, 28))
    assert _falls_on(date(2004, 2, 29), date(2028, 2, 29))


def test_the_reminder_on_the_feed_leads_to_her_board(browser: Any, live_server: str, member: MemberFactory) -> None:
    mei, friend = member("meicard", "梅子"), member("friendcard", "小周")
    _befriend(mei, friend)
    mei.http.patch(
        "/me", json={"birthday": _born_today(), "privacy": {"birthday": "friends"}, "birthday_reminders": True}
    )
    page = new_page(browser, live_server, PHONE_390)
    page.goto("/login")
    page.get_by_label("用户名").fill("friendcard")
    page.get_by_label("密码").fill("correct horse battery")
    page.get_by_role("button", name="登录").click()
    page.goto("/")
    link = page.get_by_role("link", name="给 梅子 写句生日祝福")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/u/meicard?tab=board")
