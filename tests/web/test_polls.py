"""投票 in the web UI: the composer's poll, voting without JavaScript and, on a phone, with HTMX."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import PHONE
from tests.web.forms import csrf_token, sign_up
from tests.web.pages import new_page, skip_welcome
from tests.web.pages import sign_up as browser_sign_up


def test_poll_from_the_composer_and_a_vote_without_javascript(live_server: str) -> None:
    lin, zhou = sign_up(live_server, "lin", "林晓雨"), sign_up(live_server, "zhou", "周一鸣")
    token = csrf_token(lin, "/")
    form = {"body": "晚饭吃什么", "poll_option": ["火锅", "烧烤", ""], "poll_days": "3", "csrf_token": token}
    assert lin.post("/posts", data=form).status_code == 303
    page = zhou.get("/explore").text
    assert "火锅" in page and 'name="option"' in page and 'type="radio"' in page
    post_id = re.search(r'action="/p/(\d+)/vote"', page).group(1)
    option = re.search(r'name="option" value="(\d+)"', page).group(1)
    vote = zhou.post(f"/p/{post_id}/vote", data={"option": option, "csrf_token": csrf_token(zhou, "/explore")})
    assert vote.status_code == 303
    after = zhou.get(f"/p/{post_id}").text
    assert "1 票" in after and "poll-fill w100" in after and 'name="option"' not in after
    again = zhou.post(f"/p/{post_id}/vote", data={"option": option, "csrf_token": csrf_token(zhou, "/explore")})
    assert again.status_code == 409 and "不能更改" in again.text
    # one option alone is refused with the reason; a bad closing choice too
    one = {"body": "只有一个", "poll_option": ["唯一"], "csrf_token": token}
    assert lin.post("/posts", data=one).status_code == 422
    bad_days = {"body": "坏截止", "poll_option": ["A", "B"], "poll_days": "999", "csrf_token": token}
    assert lin.post("/posts", data=bad_days).status_code == 422


def test_phone_story_vote_in_a_poll(browser: Any, live_server: str) -> None:
    lin = new_page(browser, live_server, PHONE)
    browser_sign_up(lin, "lin", "林晓雨")
    skip_welcome(lin)
    lin.get_by_label("说说内容").fill("周末去哪儿玩？")
    lin.locator("details.poll-compose summary").click()
    lin.get_by_label("选项 1").fill("爬山")
    lin.get_by_label("选项 2").fill("看展")
    lin.get_by_role("button", name="发表").click()
    card = lin.locator("article.post").first
    expect(card.locator(".poll")).to_contain_text("单选")

    zhou = new_page(browser, live_server, PHONE)
    browser_sign_up(zhou, "zhou", "周一鸣")
    skip_welcome(zhou)
    zhou.goto("/explore")
    poll = zhou.locator(".poll").first
    poll.get_by_label("看展").check()
    poll.get_by_role("button", name="投票").click()
    results = zhou.locator(".poll-results").first
    expect(results).to_contain_text("看展")
    expect(results.locator(".poll-option.chosen")).to_contain_text("1 票")
    assert zhou.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
