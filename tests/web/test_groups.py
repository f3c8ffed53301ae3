"""Friend groups (分组) and posts for some friends only, in the web UI: plain HTTP and a phone story."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.web.conftest import PHONE
from tests.web.forms import csrf_token, sign_up
from tests.web.pages import new_page, skip_welcome
from tests.web.pages import sign_up as browser_sign_up


def _befriend_http(a: Any, b: Any, b_name: str, a_name: str) -> None:
    asked = a.post(f"/u/{b_name}/friend", data={"action": "add", "csrf_token": csrf_token(a, f"/u/{b_name}")})
    assert asked.status_code == 303
    answer = b.post(f"/u/{a_name}/friend", data={"action": "accept", "csrf_token": csrf_token(b, "/friends")})
    assert answer.status_code == 303
    assert b_name in a.get("/friends").text


def test_group_pages_and_an_except_post_over_http(live_server: str) -> None:
    lin, zhou, wang = (sign_up(live_server, n, n) for n in ("lin", "zhou", "wang"))
    _befriend_http(zhou, lin, "lin", "zhou")
    _befriend_http(wang, lin, "lin", "wang")
    token = csrf_token(lin, "/friends/groups")
    made = lin.post("/friends/groups", data={"name": "同事", "member": ["wang"], "csrf_token": token})
    assert made.status_code == 303
    page = lin.get("/friends/groups").text
    assert "同事" in page and 'value="wang" checked' in page
    # a name over the limit answers with the reason, not a 500
    too_long = lin.post("/friends/groups", data={"name": "名" * 17, "csrf_token": token})
    assert too_long.status_code == 422 and "16" in too_long.text
    # the composer offers both visibilities, the group and the friends
    home = lin.get("/").text
    assert 'value="selected"' in home and 'value="except"' in home and 'name="audience_group"' in home
    group_id = home.split('name="audience_group" value="')[1].split('"')[0]
    form = {"body": "周末加班的吐槽", "visibility": "except", "audience_group": group_id, "csrf_token": token}
    assert lin.post("/posts", data=form).status_code == 303
    assert "周末加班的吐槽" in zhou.get("/").text and "周末加班的吐槽" in zhou.get("/u/lin").text
    assert "周末加班的吐槽" not in wang.get("/").text and "周末加班的吐槽" not in wang.get("/u/lin").text
    # ticks count only with the visibilities that name readers
    plain = {"body": "给所有好友", "visibility": "friends", "member": "zhou", "csrf_token": token}
    assert lin.post("/posts", data=plain).status_code == 303
    assert "给所有好友" in wang.get("/").text
    # another member cannot touch the group
    other = wang.post(f"/friends/groups/{group_id}/delete", data={"csrf_token": csrf_token(wang, "/")})
    assert other.status_code == 404
    assert lin.post(f"/friends/groups/{group_id}/delete", data={"csrf_token": token}).status_code == 303
    assert "同事" not in lin.get("/friends/groups").text
    assert "周末加班的吐槽" not in wang.get("/").text  # the post keeps its readers


def _befriend(lin: Page, other: Page, other_name: str) -> None:
    other.goto("/u/lin")
    other.get_by_role("button", name="加为好友").click()
    expect(other.get_by_text("已发送好友申请")).to_be_visible()
    lin.goto("/friends")
    lin.get_by_role("button", name="接受").click()
    expect(lin.locator(".people.grid")).to_contain_text(other_name)


def test_phone_story_group_post_unseen_outside_the_group(browser: Any, live_server: str) -> None:
    lin = new_page(browser, live_server, PHONE)
    browser_sign_up(lin, "lin", "林晓雨")
    skip_welcome(lin)
    zhou = new_page(browser, live_server, PHONE)
    browser_sign_up(zhou, "zhou", "周一鸣")
    skip_welcome(zhou)
    wang = new_page(browser, live_server, PHONE)
    browser_sign_up(wang, "wang", "王小明")
    skip_welcome(wang)
    _befriend(lin, zhou, "周一鸣")
    _befriend(lin, wang, "王小明")

    # make a group of one friend
    lin.goto("/friends")
    lin.get_by_role("link", name="管理好友分组").click()
    lin.get_by_label("分组名").first.fill("闺蜜")
    lin.locator(".group-form").first.get_by_label("周一鸣").check()
    lin.get_by_role("button", name="建立分组").click()
    expect(lin.locator("section.group")).to_contain_text("闺蜜")
    assert lin.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # post to the group only
    lin.goto("/")
    lin.get_by_label("说说内容").fill("只给闺蜜看的小秘密")
    lin.get_by_label("谁可以看").select_option("selected")
    lin.locator("details.audience summary").click()
    lin.locator("details.audience").get_by_label("闺蜜").check()
    lin.get_by_role("button", name="发表").click()
    expect(lin.locator("article.post").first).to_contain_text("只给闺蜜看的小秘密")
    expect(lin.locator("article.post").first).to_contain_text("部分好友可见")
    assert lin.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    zhou.goto("/")
    expect(zhou.locator("article.post").first).to_contain_text("只给闺蜜看的小秘密")
    wang.goto("/")
    expect(wang.get_by_text("只给闺蜜看的小秘密")).to_have_count(0)
    wang.goto("/u/lin")
    expect(wang.get_by_text("只给闺蜜看的小秘密")).to_have_count(0)
