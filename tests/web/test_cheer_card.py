"""An 应援卡 in a real browser: from a fan's comment on a post about the idol, through the preview,
to the fan's own post in the fan club — and nothing is posted until they press 同步到粉丝群."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import DESKTOP, PHONE
from tests.web.pages import new_page, sign_up, skip_welcome


def test_cheer_card_from_comment_to_circle_post(browser: Any, live_server: str) -> None:
    owner = new_page(browser, live_server, DESKTOP)
    sign_up(owner, "owner", "栀子圈主")
    skip_welcome(owner)
    owner.goto("/circles")
    owner.get_by_label("名称").fill("栀子花开")
    owner.get_by_label("地址").fill("zy-fans")
    owner.get_by_label("类型", exact=True).select_option("fanclub")
    owner.get_by_role("button", name="创建").click()
    owner.wait_for_url("**/c/zy-fans")
    owner.get_by_role("link", name="填写偶像资料").click()
    owner.wait_for_url("**/c/zy-fans/idol")
    owner.get_by_label("名字").fill("许栀言")
    owner.get_by_label("生日", exact=True).fill("1999-05-17")
    owner.get_by_label("出道日").fill("2019-05-20")
    owner.get_by_label(re.compile("^作品")).fill("2019-05-20 晚风信箱\n2024-04-20 雾中来信")
    owner.get_by_label(re.compile("^关键词")).fill("栀子、晚风")
    owner.get_by_role("button", name="保存").click()
    expect(owner.locator(".pill.ok", has_text="已保存")).to_be_visible()
    expect(owner.locator(".idol-card")).to_contain_text("晚风信箱")
    owner.goto("/c/zy-fans")
    owner.get_by_label("说说内容").fill("新歌《雾中来信》打卡第一天")
    owner.get_by_role("button", name="发表").click()
    expect(owner.locator("article.post").first).to_contain_text("打卡第一天")

    fan = new_page(browser, live_server, PHONE)
    sign_up(fan, "fan", "小栀子")
    skip_welcome(fan)
    fan.goto("/c/zy-fans")
    fan.get_by_role("button", name="加入圈子").click()
    expect(fan.get_by_text("已加入")).to_be_visible()
    expect(fan.locator(".circle-themes")).to_contain_text("许栀言")
    post = fan.locator("article.post", has_text="打卡第一天")
    post.get_by_label("写评论").fill("副歌那句真的绝了")
    post.get_by_role("button", name="发送").click()
    # the first comment loads the engine's comment models: allow it time on a busy machine
    expect(post.locator(".comment-list")).to_contain_text("副歌那句真的绝了", timeout=30_000)
    offer = post.locator(".cheer-offer")
    expect(offer).to_contain_text("给 许栀言 做一张应援卡？")
    offer.get_by_role("link", name="做应援卡").click()
    fan.wait_for_url(re.compile(r"/cheer/\d+$"))

    # the preview is a real image drawn on the server; changing the words redraws it
    preview = fan.get_by_role("img", name=re.compile("应援卡预览"))
    expect(preview).to_be_visible()
    fan.wait_for_function("document.querySelector('.cheer-preview img').naturalWidth >= 1000")
    fan.get_by_label("应援语").fill("栀子花开，一直都在")
    fan.get_by_role("button", name="更新预览").click()
    expect(fan.get_by_role("img", name="应援卡预览：栀子花开，一直都在")).to_be_visible()

    # nothing was posted yet
    owner.goto("/c/zy-fans")
    expect(owner.locator("article.post")).to_have_count(1)

    fan.get_by_role("button", name="同步到粉丝群").click()
    fan.wait_for_url("**/c/zy-fans")
    card = fan.locator("article.post").first
    expect(card).to_contain_text("小栀子")
    expect(card).to_contain_text("栀子花开，一直都在")
    expect(card.get_by_role("img", name=re.compile("许栀言 应援卡"))).to_be_visible()
    owner.reload()
    expect(owner.locator("article.post", has_text="栀子花开，一直都在")).to_have_count(1)
