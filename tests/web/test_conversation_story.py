"""Phone stories of 转发 and 私信: a repost with words, and two members writing to each other in two
browser contexts (the conversation polls, so the answer arrives without a reload)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import PHONE
from tests.web.pages import new_page, sign_up, skip_welcome


def test_repost_with_words_and_a_message_exchange_on_a_phone(browser: Any, live_server: str) -> None:
    an = new_page(browser, live_server, PHONE)
    sign_up(an, "anran", "安然")
    skip_welcome(an)
    an.get_by_label("说说内容").fill("周末去西湖边骑车，风好舒服")
    an.get_by_role("button", name="发表").click()
    card = an.locator("article.post", has_text="西湖边骑车").first
    expect(card).to_be_visible()

    bo = new_page(browser, live_server, PHONE)
    sign_up(bo, "bowen", "博文")
    skip_welcome(bo)
    bo.goto("/u/anran")
    bo.locator("article.post", has_text="西湖边骑车").get_by_role("link", name="转发").click()
    bo.get_by_label("说点什么（可以不写）").fill("下次带上我！")
    bo.get_by_role("button", name="转发").click()
    mine = bo.locator("article.post").first
    expect(mine).to_contain_text("下次带上我！")
    expect(mine.locator(".repost-quote")).to_contain_text("转发自 @安然")
    expect(mine.locator(".repost-quote")).to_contain_text("西湖边骑车")

    # a stranger's first message: it waits in 安然's request box; answering accepts it
    bo.goto("/messages/anran")
    bo.get_by_label("私信内容").fill("你好，看到你的骑车路线，想问问租车点在哪？")
    bo.get_by_role("button", name="发送").click()
    expect(bo.locator("#messages")).to_contain_text("租车点在哪")
    expect(bo.get_by_text("对方回复前，你只能发这一条私信。")).to_be_visible()

    an.goto("/messages")
    expect(an.get_by_role("heading", name="消息请求")).to_be_visible()
    an.get_by_role("link", name="博文").click()
    expect(an.locator("#messages")).to_contain_text("租车点在哪")
    an.get_by_label("私信内容").fill("断桥那边就有，扫码就能骑 😊")
    an.get_by_role("button", name="发送").click()
    expect(an.locator("#messages")).to_contain_text("断桥那边就有")

    # 博文's open conversation picks the answer up by polling, without a reload; his message shows 已读
    expect(bo.locator("#messages")).to_contain_text("断桥那边就有", timeout=15_000)
    bo.reload()
    expect(bo.locator(".message.mine").first).to_contain_text("已读")
