"""日志: a long post with a title and sanitised Markdown, read in full on its page, commented like a 说说."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import MemberFactory
from tests.web.conftest import DESKTOP
from tests.web.pages import new_page, sign_up, skip_welcome
from tests.web.test_layout import PHONE_390

ESSAY = """# 第一次带班

开学第一周，**累但开心**。

- 记住了 42 个名字
- 早读没有迟到

> 老师，明天还讲故事吗？

<script>alert(1)</script> [坏链接](javascript:alert(1)) [好链接](https://example.org)
"""


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (200, 120), "#6a8f5b").save(buf, "PNG")
    return buf.getvalue()


def test_a_journal_through_the_api(member: MemberFactory, live_server: str) -> None:
    li, friend = member("lilaoshi", "李老师"), member("readerone", "读者")
    photo = li.http.post("/media", files={"file": ("p.png", _png(), "image/png")}).json()
    body = ESSAY + f"\n![教室](/media/{photo['id']}/full)\n"
    made = li.http.post("/journals", json={"title": "开学第一周", "body": body, "visibility": "public"})
    assert made.status_code == 201, made.text
    post = made.json()
    assert post["title"] == "开学第一周"
    html = post["body_html"]
    assert "<h2>第一次带班</h2>" in html and "<li>记住了 42 个名字</li>" in html and "<blockquote>" in html
    assert "<script" not in html and 'href="javascript' not in html and 'href="https://example.org"' in html
    assert f'<img src="/media/{photo["id"]}/full" alt="教室">' in html
    assert httpx.get(f"{live_server}/media/{photo['id']}/full").status_code == 200, "readers see its photos"

    # comments work as for 说说
    assert (
        friend.http.post(f"/posts/{post['id']}/comments", json={"body": "42 个名字一周记住，太厉害了"}).status_code
        == 201
    )

    theirs = friend.http.post("/media", files={"file": ("x.png", _png(), "image/png")}).json()
    stolen = li.http.post("/journals", json={"title": "借图", "body": f"![](/media/{theirs['id']}/full)"})
    assert stolen.status_code == 404, "only one's own uploads"
    assert li.http.post("/journals", json={"title": "", "body": "正文"}).status_code == 422
    assert li.http.post("/journals", json={"title": "长", "body": "字" * 20001}).status_code == 422
    assert li.http.post("/posts", json={"body": "字" * 2001}).status_code == 422, "a 说说 keeps its limit"


def test_a_friends_only_journal_stays_with_friends(member: MemberFactory) -> None:
    li, stranger = member("lilaoshi2", "李老师"), member("stranger2", "路人")
    made = li.http.post("/journals", json={"title": "家里的事", "body": "只想给朋友看", "visibility": "friends"}).json()
    assert stranger.http.get(f"/posts/{made['id']}").status_code == 404


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_write_and_read_a_journal_in_the_browser(
    browser: Any, live_server: str, photo: Path, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_up(page, "wanghua", "王华")
    skip_welcome(page)
    page.get_by_role("link", name="写日志").click()
    page.get_by_label("标题").fill("开学第一周")
    page.get_by_label("正文", exact=True).fill("")  # a required field left empty is refused by the form itself
    page.get_by_label("正文", exact=True).fill(ESSAY)
    page.get_by_label("照片（放在正文后面）").set_input_files(str(photo))
    page.get_by_role("button", name="发表日志").click()
    page.wait_for_url("**/p/*")
    expect(page.get_by_role("heading", level=1, name="开学第一周")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="第一次带班")).to_be_visible()
    expect(page.locator(".journal-body li")).to_have_count(2)
    expect(page.locator(".journal-body img")).to_have_count(1)
    assert page.locator(".journal-body script").count() == 0

    page.goto("/")
    card = page.locator("article.post", has_text="开学第一周")
    expect(card.get_by_role("link", name="阅读全文")).to_be_visible()
    expect(card.locator("h2")).to_contain_text("开学第一周")


def test_a_refused_journal_keeps_the_draft(browser: Any, live_server: str) -> None:
    page = new_page(browser, live_server, PHONE_390, js=False)
    sign_up(page, "zhaomin", "赵敏")
    skip_welcome(page)
    page.goto("/journal/new")
    page.get_by_label("标题").fill("   ")  # only spaces: the browser sends it, the server refuses it
    page.get_by_label("正文", exact=True).fill("写了很久的一段话")
    page.get_by_role("button", name="发表日志").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("正文", exact=True)).to_have_value("写了很久的一段话")
