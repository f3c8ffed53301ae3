"""On a phone: find a friend's post by a Chinese word from the header box, then @ them from the composer
with autocomplete; they are told 提到了你 (issue 20)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from nook.social.authz import load_viewer
from nook.social.people import accounts, friends
from nook.store.db import transaction
from tests.web.conftest import PHONE
from tests.web.pages import new_page, sign_up, skip_welcome


def _befriend(a: str, b: str) -> None:
    with transaction() as s:
        one, two = accounts.get_user_by_username(s, a), accounts.get_user_by_username(s, b)
        friends.send_request(s, load_viewer(s, one), one, two)
        friends.accept_request(s, two, friends.incoming_requests(s, two)[0])


def test_search_a_chinese_word_then_mention_with_autocomplete(browser: Any, live_server: str, member: Any) -> None:
    zhou = member("zhou", "周周")
    assert zhou.http.post("/posts", json={"body": "周末去看樱花了，人好多 #樱花季#"}).status_code == 201
    page = new_page(browser, live_server, PHONE)
    sign_up(page, "lin", "林小满")
    skip_welcome(page)
    _befriend("lin", "zhou")

    box = page.get_by_role("search").get_by_label("搜索")
    box.fill("樱花")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    hit = page.locator(".search-hit").first
    expect(hit.locator("mark")).to_have_text(["樱花", "樱花"])  # in the words and in the tag
    expect(hit).to_contain_text("周末去看樱花了")
    page.get_by_role("link", name="话题").click()
    expect(page.get_by_role("link", name="#樱花季#")).to_be_visible()

    page.goto("/")
    composer = page.get_by_label("说说内容")
    composer.click()
    composer.press_sequentially("一起去吧 @zh")
    option = page.get_by_role("option", name="周周 @zhou")
    expect(option).to_be_visible()
    option.click()
    expect(composer).to_have_value("一起去吧 @zhou ")
    composer.press_sequentially("下周六！")
    page.get_by_role("button", name="发表").click()
    card = page.locator("article.post").first
    expect(card.get_by_role("link", name="@zhou")).to_have_attribute("href", "/u/zhou")

    told = [n for n in zhou.http.get("/notifications").json()["items"] if n["kind"] == "mention"]
    assert [n["actor"]["username"] for n in told] == ["lin"]
    page.context.close()
