"""相册 in a real browser, on a phone and on a desktop: create an album for friends, upload into it, a friend
sees it, likes the photo and comments on it, and the owner is told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from nook.engine.comments import assess_comment
from tests.web.conftest import DESKTOP, PHONE
from tests.web.pages import new_page, sign_up, skip_welcome


def _befriend(lin: Page, zhou: Page) -> None:
    zhou.goto("/u/lin")
    zhou.get_by_role("button", name="加为好友").click()
    expect(zhou.get_by_text("已发送好友申请")).to_be_visible()
    lin.goto("/friends")
    lin.get_by_role("button", name="接受").click()
    expect(lin.locator(".people.grid")).to_contain_text("周一鸣")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_album_story(browser: Any, live_server: str, photo: Path, viewport: dict[str, int]) -> None:
    assess_comment("热身", "热身")  # the server runs in this process: load the barrier's models before a page waits
    lin, zhou, momo = (new_page(browser, live_server, viewport) for _ in range(3))
    for page, name, nick in ((lin, "lin", "林晓雨"), (zhou, "zhou", "周一鸣"), (momo, "momo", "陌陌")):
        sign_up(page, name, nick)
        skip_welcome(page)
    _befriend(lin, zhou)

    lin.goto("/u/lin?tab=photos")
    lin.get_by_text("新建相册").click()
    lin.get_by_label("相册名").fill("青海之旅")
    lin.get_by_label("描述").fill("茶卡盐湖和星空")
    lin.get_by_label("谁可以看").select_option("friends")
    lin.get_by_role("button", name="创建").click()
    expect(lin.get_by_role("heading", name="青海之旅")).to_be_visible()

    lin.get_by_label("照片（一次最多 9 张）").set_input_files(str(photo))
    lin.get_by_label("说明（可选）").fill("天空之镜")
    lin.get_by_role("button", name="上传").click()
    expect(lin.locator(".album-grid").get_by_role("img", name="天空之镜")).to_be_visible()
    # nothing on the page is wider than the phone
    assert lin.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    zhou.goto("/u/lin?tab=photos")
    zhou.get_by_role("link", name="青海之旅").click()
    zhou.get_by_role("img", name="天空之镜").click()
    expect(zhou.locator("#lightbox")).to_be_visible()
    expect(zhou.locator("#lightbox-alt")).to_have_text("天空之镜")
    zhou.get_by_role("button", name="关闭").click()
    expect(zhou.get_by_text("上传照片")).to_have_count(0)

    # the photo's own page: a like (once) and a comment, which its owner hears of
    zhou.get_by_role("link", name="赞与评论").click()
    expect(zhou.get_by_role("img", name="天空之镜")).to_be_visible()
    zhou.get_by_role("button", name="赞").click()
    expect(zhou.get_by_role("button", name="已赞")).to_have_attribute("aria-pressed", "true")
    expect(zhou.locator(".act.like .count")).to_have_text("1")
    zhou.get_by_label("写评论").fill("这片盐湖像镜子一样，拍得真好")
    zhou.get_by_role("button", name="发表评论").click()
    expect(zhou.locator(".photo-comments")).to_contain_text("这片盐湖像镜子一样，拍得真好")
    assert zhou.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    lin.goto("/notifications")
    expect(lin.locator("main")).to_contain_text("评论了你的照片")
    lin.get_by_role("link", name="查看").first.click()
    expect(lin.locator(".photo-comments")).to_contain_text("这片盐湖像镜子一样")
    expect(lin.locator(".act.like .count")).to_have_text("1")

    momo.goto("/u/lin?tab=photos")
    expect(momo.get_by_text("青海之旅")).to_have_count(0)
    momo.goto(zhou.url)  # the photo's address, from someone who may not see the album
    expect(momo.locator(".photo-comments")).to_have_count(0)
    expect(momo.get_by_text("天空之镜")).to_have_count(0)
