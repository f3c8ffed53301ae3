"""The member's story in a real browser, at desktop and phone size."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import DESKTOP, PHONE
from tests.web.pages import new_page, sign_up, skip_welcome


def _befriend(lin: Page, zhou: Page) -> None:
    zhou.goto("/u/lin")
    zhou.get_by_role("button", name="加为好友").click()
    expect(zhou.get_by_text("已发送好友申请")).to_be_visible()
    lin.goto("/friends")
    lin.get_by_role("button", name="接受").click()
    expect(lin.locator(".people.grid")).to_contain_text("周一鸣")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_space_story(browser: Any, live_server: str, photo: Path, viewport: dict[str, int]) -> None:
    lin = new_page(browser, live_server, viewport)
    sign_up(lin, "lin", "林晓雨")
    # first-run profile set-up
    lin.get_by_label("学校").fill("杭州第二中学")
    lin.get_by_label("城市").fill("杭州")
    lin.get_by_label("兴趣").fill("摄影，天文")
    lin.get_by_role("button", name="进入我的空间").click()
    lin.wait_for_url("**/")

    # post with a photo (alt text set by the uploader) and a hashtag, without a reload
    lin.evaluate("window.__noReload = true")
    lin.get_by_label("说说内容").fill("今晚的星空 #青海之旅# 猜猜我在哪？")
    lin.locator("#composer-photos").set_input_files(str(photo))
    lin.get_by_label("图片描述 1").fill("满天星")
    lin.get_by_role("button", name="发表").click()
    card = lin.locator("article.post").first
    expect(card).to_contain_text("今晚的星空")
    expect(card.get_by_role("img", name="满天星")).to_be_visible()
    expect(card.get_by_role("link", name="#青海之旅#")).to_have_attribute("href", re.compile("/tags/"))
    assert lin.evaluate("window.__noReload") is True
    expect(lin.get_by_label("说说内容")).to_have_value("")

    zhou = new_page(browser, live_server, viewport)
    sign_up(zhou, "zhou", "周一鸣")
    skip_welcome(zhou)
    _befriend(lin, zhou)

    # the friend likes and comments from the feed without a reload
    zhou.goto("/")
    zhou.evaluate("window.__noReload = true")
    post = zhou.locator("article.post", has_text="今晚的星空")
    post.get_by_role("button", name=re.compile("赞")).click()
    expect(post.get_by_role("button", name=re.compile("已赞"))).to_contain_text("1")
    post.get_by_label("写评论").fill("是青海湖吗？我去年也去过！")
    post.get_by_role("button", name="发送").click()
    expect(post.locator(".comment-list")).to_contain_text("是青海湖吗？")
    assert zhou.evaluate("window.__noReload") is True

    # the notification badge, then a threaded reply on the post page (photo opens in the lightbox)
    lin.goto("/")
    expect(lin.locator("#nav-notes .badge")).to_have_text(re.compile(r"[2-9]"))
    lin.goto("/notifications")
    expect(lin.locator(".notes")).to_contain_text("赞了你的说说")
    lin.locator(".notes").get_by_role("link", name=re.compile("今晚的星空")).first.click()
    lin.get_by_role("img", name="满天星").click()
    expect(lin.locator("#lightbox")).to_be_visible()
    lin.get_by_role("button", name="关闭").click()
    expect(lin.locator(".likers")).to_contain_text("周一鸣")
    lin.locator(".comment", has_text="是青海湖吗").get_by_role("link", name="回复").click()
    lin.get_by_label("写评论").fill("是茶卡盐湖～")
    lin.get_by_role("button", name="发送").click()
    reply = lin.locator(".replies .comment")
    expect(reply).to_contain_text("是茶卡盐湖～")
    expect(reply).to_contain_text("@周一鸣")

    # a board message from the friend, and the owner sees the visit
    zhou.goto("/u/lin?tab=board")
    zhou.get_by_label("给 林晓雨 留言").fill("周末一起去看流星雨吧")
    zhou.get_by_role("button", name="留言").click()
    expect(zhou.locator(".board-list")).to_contain_text("周末一起去看流星雨吧")
    lin.goto("/u/lin?tab=board")
    expect(lin.locator(".board-list")).to_contain_text("周一鸣")
    lin.get_by_role("link", name="访客").click()
    expect(lin.locator(".visitor-list")).to_contain_text("周一鸣")


def test_circle_story(browser: Any, live_server: str) -> None:
    lin = new_page(browser, live_server, DESKTOP)
    sign_up(lin, "lin", "林晓雨")
    skip_welcome(lin)
    lin.goto("/circles")
    lin.get_by_label("名称").fill("星空摄影")
    lin.get_by_label("地址").fill("stars")
    lin.get_by_role("button", name="创建").click()
    lin.wait_for_url("**/c/stars")

    zhou = new_page(browser, live_server, PHONE)
    sign_up(zhou, "zhou", "周一鸣")
    skip_welcome(zhou)
    zhou.goto("/circles")
    zhou.locator(".circle-card", has_text="星空摄影").get_by_role("button", name="加入").click()
    zhou.wait_for_url("**/c/stars")
    expect(zhou.get_by_text("已加入")).to_be_visible()
    zhou.get_by_label("说说内容").fill("第一次拍到银河 #星空#")
    zhou.get_by_role("button", name="发表").click()
    expect(zhou.locator("article.post").first).to_contain_text("第一次拍到银河")

    lin.reload()
    post = lin.locator("article.post", has_text="第一次拍到银河")
    expect(post).to_contain_text("星空摄影")
    expect(post).to_contain_text("圈子内可见")


def test_reading_without_javascript(browser: Any, live_server: str, member: Any) -> None:
    lin = member("lin", "林晓雨")
    post = lin.http.post("/posts", json={"body": "无脚本也能看 #只读#", "visibility": "public"}).json()
    page = new_page(browser, live_server, PHONE, js=False)
    page.goto("/")
    expect(page.locator("article.post")).to_contain_text("无脚本也能看")
    page.get_by_role("link", name="#只读#").click()
    expect(page.locator("h1")).to_contain_text("#只读#")
    page.goto(f"/p/{post['id']}")
    expect(page.locator("article.post")).to_contain_text("无脚本也能看")
    page.goto("/u/lin")
    expect(page.locator("h1")).to_contain_text("林晓雨")

    # signed in, the plain forms still work: a like is a form post and a redirect back
    page.get_by_role("link", name="登录").first.click()
    page.get_by_label("用户名").fill("lin")
    page.get_by_label("密码").fill("correct horse battery")
    page.get_by_role("button", name="登录").click()
    page.goto(f"/p/{post['id']}")
    page.get_by_role("button", name=re.compile("赞")).click()
    expect(page.get_by_role("button", name=re.compile("已赞"))).to_contain_text("1")
