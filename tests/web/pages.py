"""Steps a member takes in the browser, shared by the stories."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from tests.web.conftest import PASSWORD, reset_register_limit


def new_page(browser: Any, base: str, viewport: dict[str, int], *, js: bool = True) -> Page:
    context = browser.new_context(base_url=base, viewport=viewport, locale="zh-CN", java_script_enabled=js)
    context.set_default_timeout(10_000)
    return context.new_page()


def sign_up(page: Page, username: str, nickname: str) -> None:
    reset_register_limit()
    page.goto("/signup")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("昵称").fill(nickname)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="注册").click()
    page.wait_for_url("**/welcome")


def skip_welcome(page: Page) -> None:
    page.get_by_role("button", name="进入我的空间").click()
    page.wait_for_url("**/")
