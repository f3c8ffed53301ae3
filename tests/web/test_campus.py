"""校园回忆 in a real browser: declaring a school, the campus page from a profile, the classmate prompt."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from nook.social.authz import load_viewer
from nook.social.content import interactions, posts
from nook.social.people import accounts
from nook.social.scenes import schools
from nook.store.db import transaction
from tests.web.conftest import DESKTOP, PHONE
from tests.web.pages import new_page, sign_up, skip_welcome

SCHOOL = {"kind": "高中", "name": "南城一中", "enroll_year": 2012}


def _classmates() -> int:
    """张三 (public school, same class), 王五 (school hidden), and a post 张三 commented on; returns its id."""
    with transaction() as s:
        zhang = accounts.register(s, username="zhang", password="password123", nickname="张三")
        wang = accounts.register(s, username="wang", password="password123", nickname="王五")
        author = accounts.register(s, username="teacher", password="password123", nickname="李老师")
        schools.add_school(s, zhang, SCHOOL | {"class_name": "3班", "class_privacy": "public"})
        schools.add_school(s, wang, SCHOOL | {"class_name": "3班", "school_privacy": "private"})
        for who, body in ((zhang, "张三：毕业十年，操场还是那个操场"), (wang, "王五：今天路过母校")):
            posts.create_post(s, load_viewer(s, who), who, body=body, visibility="public")
        post = posts.create_post(s, load_viewer(s, author), author, body="三班的老照片找到了", visibility="public")
        interactions.comment(s, load_viewer(s, zhang), zhang, post.id, body="第二排左边是我！")
        interactions.comment(s, load_viewer(s, wang), wang, post.id, body="我也在照片里")
        return post.id


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_campus_page_from_school_settings_and_profile(browser: Any, live_server: str, viewport: dict) -> None:
    post_id = _classmates()
    lin = new_page(browser, live_server, viewport)
    sign_up(lin, "lin", "林晓雨")
    skip_welcome(lin)

    # declare a school with its class and privacy, then a university
    lin.goto("/settings/schools")
    lin.get_by_label("阶段").select_option("高中")
    lin.get_by_label("入学年份").fill("2012")
    lin.get_by_label("学校名称").fill("南城一中")
    lin.get_by_label("班级", exact=True).fill("3班")
    lin.get_by_role("button", name="添加").click()
    expect(lin.locator(".notice")).to_contain_text("已保存")
    lin.locator("#new-kind").select_option("大学")
    lin.locator("#new-name").fill("江北大学")
    lin.locator("#new-year").fill("2015")
    lin.get_by_role("button", name="添加").click()
    expect(lin.locator("input[name=name][value='江北大学']")).to_be_visible()
    lin.locator("#new-year").fill("1800")
    lin.locator("#new-name").fill("太早的学校")
    lin.get_by_role("button", name="添加").click()
    expect(lin.get_by_role("alert")).to_contain_text("入学年份无效")

    # the campus page: classmates' posts, never one whose school is hidden
    lin.goto("/settings/schools")
    lin.get_by_role("link", name="去校园主页").first.click()
    lin.wait_for_url(re.compile(r"/campus/.+/2012"))
    expect(lin.get_by_role("heading", level=1)).to_contain_text("南城一中")
    expect(lin.locator("#post-list")).to_contain_text("毕业十年，操场还是那个操场")
    expect(lin.locator("#post-list")).not_to_contain_text("王五")
    members = lin.locator(".campus-members")
    expect(members).to_contain_text("张三")
    expect(members).not_to_contain_text("王五")
    lin.get_by_role("link", name=re.compile("同班")).click()
    expect(lin.locator(".campus-members")).to_contain_text("张三")
    expect(lin.locator(".campus-members .pill").first).to_have_text("同班")

    # from 张三's profile, the school links to the same campus page; 王五's profile shows no school
    lin.goto("/u/wang")
    expect(lin.locator(".space-head")).not_to_contain_text("南城一中")
    lin.goto("/u/zhang")
    expect(lin.locator(".facts .school").first).to_have_text("南城一中 · 2012级 · 3班")
    lin.locator(".facts").get_by_role("link", name=re.compile("南城一中")).click()
    lin.wait_for_url(re.compile(r"/campus/.+/2012"))
    expect(lin.locator("#post-list")).to_contain_text("毕业十年")

    # the classmate prompt under a post 张三 commented on: once, then never again for this post
    lin.goto(f"/p/{post_id}")
    prompt = lin.locator(".classmate-prompt")
    expect(prompt).to_have_text(re.compile("你的高中同学张三也在这条动态下留言了，要不要聊聊当年的趣事？"))
    expect(prompt).not_to_contain_text("王五")
    lin.reload()
    expect(lin.locator("#comments")).to_contain_text("第二排左边是我")
    expect(lin.locator(".classmate-prompt")).to_have_count(0)

    # the 老同学 tab of the feed
    lin.goto("/")
    lin.get_by_role("link", name="老同学").click()
    expect(lin.locator("#post-list")).to_contain_text("毕业十年")
    expect(lin.locator("#post-list")).not_to_contain_text("今天路过母校")
