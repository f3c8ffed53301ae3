"""Issue 16, item 16 (web part): forms that create something submit once, however fast the member clicks.

The server is made slow (the answer takes a second) so a second click lands while the first is in flight,
as on a busy site.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from nook.store.db import read_session
from nook.store.models import BoardMessage, Comment, Post
from tests.web.conftest import DESKTOP
from tests.web.pages import new_page, sign_up, skip_welcome

SLOW_S = 1.0


def _count(model: Any) -> int:
    with read_session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _slow(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(module, name)

    def slowly(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW_S)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slowly)


def _settle(page: Page) -> None:
    """Every request the clicks set off has been answered (a queued second one included)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(int(SLOW_S * 1000) + 500)
    page.wait_for_load_state("networkidle")


def _signed_up(browser: Any, live_server: str) -> Page:
    lin = new_page(browser, live_server, DESKTOP)
    sign_up(lin, "lin", "林晓雨")
    skip_welcome(lin)
    return lin


def test_a_double_click_on_post_makes_one_post_and_the_button_comes_back(
    browser: Any, live_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nook.social.content import posts

    lin = _signed_up(browser, live_server)
    _slow(monkeypatch, posts, "create_post")
    lin.get_by_label("说说内容").fill("只发一次的说说")
    lin.get_by_role("button", name="发表").dblclick()
    expect(lin.get_by_role("button", name="发表")).to_be_disabled()  # until the answer
    expect(lin.locator("article.post", has_text="只发一次的说说")).to_have_count(1)
    _settle(lin)
    assert _count(Post) == 1
    # no second request went out behind the first (it would be refused as empty: an error toast)
    expect(lin.locator("#toast .toast-msg")).to_have_count(0)
    # the answer came: the composer works again for the next post
    expect(lin.get_by_role("button", name="发表")).to_be_enabled()
    lin.get_by_label("说说内容").fill("第二条说说")
    lin.get_by_role("button", name="发表").click()
    expect(lin.locator("article.post", has_text="第二条说说")).to_have_count(1)
    _settle(lin)
    assert _count(Post) == 2


def test_a_refused_post_gives_the_button_back(browser: Any, live_server: str) -> None:
    lin = _signed_up(browser, live_server)
    lin.get_by_role("button", name="发表").click()  # nothing written: the server refuses it
    expect(lin.locator("#toast .toast-msg")).to_be_visible()
    expect(lin.get_by_role("button", name="发表")).to_be_enabled()
    lin.get_by_label("说说内容").fill("这次写了内容")
    lin.get_by_role("button", name="发表").click()
    expect(lin.locator("article.post", has_text="这次写了内容")).to_have_count(1)


def _click_again(page: Page, selector: str) -> None:
    """A member's second click a moment later (a disabled button ignores it, as a browser does)."""
    page.wait_for_timeout(300)  # the first request is at the server now
    page.evaluate("s => document.querySelector(s).click()", selector)


def test_a_second_click_on_a_comment_makes_one(browser: Any, live_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from nook.social.content import interactions

    lin = _signed_up(browser, live_server)
    lin.get_by_label("说说内容").fill("评论区在这里")
    lin.get_by_role("button", name="发表").click()
    post = lin.locator("article.post", has_text="评论区在这里")
    expect(post).to_have_count(1)
    _slow(monkeypatch, interactions, "comment")
    post.get_by_label("写评论").fill("只评论一次")
    send = post.locator(".comment-form button[type=submit]")
    send.click()
    expect(send).to_be_disabled()
    _click_again(lin, ".comment-form button[type=submit]")
    expect(lin.locator(".comment", has_text="只评论一次")).to_have_count(1)
    _settle(lin)
    assert _count(Comment) == 1


def test_a_second_click_on_a_plain_form_makes_one(
    browser: Any, live_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nook.social.people import space

    lin = _signed_up(browser, live_server)
    lin.goto("/u/lin?tab=board")
    _slow(monkeypatch, space, "leave_message")
    lin.locator("#board-body").fill("只留言一次")
    # The page itself notes whether the button went disabled and clicks it again 300 ms later, while the
    # post is on its way (the test cannot ask a page that is navigating away).
    lin.evaluate(
        """() => document.addEventListener("submit", (e) => {
            const button = e.target.querySelector("button[type=submit]");
            sessionStorage.setItem("held", String(button.disabled));
            setTimeout(() => button.click(), 300);
        })"""
    )
    lin.locator(".board-form button[type=submit]").click(no_wait_after=True)
    _settle(lin)
    expect(lin.locator(".board-list")).to_contain_text("只留言一次")
    assert lin.evaluate("sessionStorage.getItem('held')") == "true"
    assert _count(BoardMessage) == 1
