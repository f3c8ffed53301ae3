"""Phone stories: a notification arrives live in another member's open page; 表情 picked into a comment."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.web.conftest import PHONE
from tests.web.pages import new_page, sign_up, skip_welcome

SAD_POST = "今天考砸了，晚上一个人在操场走了好几圈"


def _member(browser: Any, live_server: str, username: str, nickname: str) -> Page:
    page = new_page(browser, live_server, PHONE)
    sign_up(page, username, nickname)
    skip_welcome(page)
    return page


def _post(page: Page, body: str) -> None:
    page.get_by_label("说说内容").fill(body)
    page.get_by_role("button", name="发表").click()
    expect(page.locator("article.post", has_text=body)).to_have_count(1)


def test_a_like_shows_up_on_the_open_notifications_page_without_a_reload(
    browser: Any, live_server: str, member: Any
) -> None:
    lin = _member(browser, live_server, "lin", "林晓雨")
    _post(lin, SAD_POST)
    lin.goto("/notifications")
    expect(lin.get_by_text("暂时没有通知")).to_be_visible()
    lin.evaluate("window.stillTheSamePage = true")
    badge = lin.locator("#nav-notes .badge")
    expect(badge).to_have_count(0)

    zhou = _member(browser, live_server, "zhou", "周一鸣")
    zhou.goto("/explore")
    zhou.locator("article.post", has_text=SAD_POST).get_by_role("button", name="赞").click()
    expect(zhou.get_by_role("button", name="已赞")).to_be_visible()

    expect(badge).to_have_text("1")
    expect(lin.locator(".note.unread")).to_contain_text("周一鸣")
    expect(lin.locator(".note.unread")).to_contain_text("赞了你的说说")
    assert lin.evaluate("window.stillTheSamePage") is True  # no reload happened

    wu = member("wutong", "吴桐")  # a third member, from the API this time
    post_id = wu.http.get("/explore").json()["items"][0]["id"]
    assert wu.http.post(f"/posts/{post_id}/like").status_code == 200
    expect(badge).to_have_text("2")
    expect(lin.locator(".note")).to_have_count(1)  # one grouped card
    expect(lin.locator(".note.unread")).to_contain_text("吴桐、周一鸣赞了你的说说")
    assert lin.evaluate("window.stillTheSamePage") is True


def test_picking_emoticons_into_a_comment_with_the_keyboard(browser: Any, live_server: str) -> None:
    lin = _member(browser, live_server, "lin", "林晓雨")
    _post(lin, SAD_POST)
    zhou = _member(browser, live_server, "zhou", "周一鸣")
    zhou.goto("/explore")
    card = zhou.locator("article.post", has_text=SAD_POST)
    box = card.get_by_label("写评论")
    box.fill("别难过，")

    picker = card.locator(".emo-picker summary")
    picker.focus()
    zhou.keyboard.press("Enter")  # opens the picker
    hug = card.get_by_role("button", name="抱抱", exact=True)
    expect(hug).to_be_visible()
    hug.focus()
    zhou.keyboard.press("Enter")
    card.get_by_role("button", name="加油", exact=True).focus()
    zhou.keyboard.press("Enter")
    zhou.keyboard.press("Escape")  # closes it and returns to the comment box
    expect(hug).to_be_hidden()
    expect(box).to_be_focused()
    expect(box).to_have_value("别难过，[抱抱][加油]")

    card.get_by_role("button", name="发送").click()
    comment = card.locator(".comment-text", has_text="别难过")
    expect(comment.locator("img.emo")).to_have_count(2, timeout=30_000)  # the engine reads it first
    expect(comment.get_by_role("img", name="[抱抱]")).to_have_attribute("src", "/static/emoticons/baobao.svg")
    # the picture loads (a static file, allowed by the CSP)
    width = comment.get_by_role("img", name="[加油]").evaluate("img => img.complete && img.naturalWidth")
    assert width == 48
