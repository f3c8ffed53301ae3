"""Issue 18 in the browser: chips that fit a sad post and a happy post, none under one's own post (the
comments waiting for a reply instead), and prompt chips that insert at the cursor, never wiping a draft."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import DESKTOP
from tests.web.pages import new_page, sign_up, skip_welcome

SAD = "月考又没考好，数学只考了六十分，好难过"
HAPPY = "考研终于上岸了！！三年的努力没有白费"
CHEER = ("恭喜", "太棒", "激动")


def test_chips_fit_the_post_stay_off_ones_own_and_insert_at_the_cursor(
    browser: Any, live_server: str, member: Any
) -> None:
    lin = member("lin", "林晓雨")
    sad = lin.http.post("/posts", json={"body": SAD}).json()
    happy = lin.http.post("/posts", json={"body": HAPPY}).json()

    zhou = new_page(browser, live_server, DESKTOP)
    sign_up(zhou, "zhou", "周一鸣")
    skip_welcome(zhou)

    # the composer's hint fits the draft; its chip adds a line where the cursor is and keeps the draft
    draft = zhou.get_by_label("说说内容")
    draft.fill("今天加班到十点")
    hook = zhou.locator("#hook-hint .hook-pick").first
    expect(hook).to_be_visible()
    line = (hook.get_attribute("data-text") or "").lstrip("。")
    assert line
    hook.click()
    expect(draft).to_have_value(f"今天加班到十点。{line}")
    zhou.get_by_role("button", name="发表").click()
    own_id = (zhou.locator("#post-list article.post").first.get_attribute("id") or "").removeprefix("post-")
    assert own_id.isdigit()

    # a sad post: gentle chips, no cheer
    zhou.goto(f"/p/{sad['id']}")
    chips = zhou.locator("#comments .suggest-pick")
    expect(chips).to_have_count(3)
    sad_lines = chips.all_inner_texts()
    assert not any(word in text for text in sad_lines for word in CHEER)

    # a happy post: its own chips; one goes in at the cursor around what zhou already typed
    zhou.goto(f"/p/{happy['id']}")
    expect(chips).to_have_count(3)
    happy_lines = chips.all_inner_texts()
    assert set(happy_lines).isdisjoint(sad_lines)
    box = zhou.get_by_label("写评论")
    box.fill("太厉害了")
    first, second = (chips.nth(i).get_attribute("data-text") or "" for i in (0, 1))
    chips.nth(0).click()
    expect(box).to_have_value(f"太厉害了 {first}")
    box.press("Home")
    chips.nth(1).click()
    expect(box).to_have_value(f"{second}太厉害了 {first}")
    zhou.get_by_role("button", name="发送").click()
    expect(zhou.locator("#comments .comment-list").first).to_contain_text(f"{second}太厉害了 {first}")

    # under zhou's own post: no chips, the comment waiting for a reply instead
    assert lin.http.post(f"/posts/{own_id}/comments", json={"body": "辛苦啦，早点休息"}).status_code == 201
    zhou.goto(f"/p/{own_id}")
    reply = zhou.locator("#comments .slot-author .reply-link")
    expect(reply).to_have_count(1)
    expect(reply).to_contain_text("回复 @林晓雨")
    expect(zhou.locator("#comments .suggest-pick")).to_have_count(0)
    reply.click()
    expect(zhou.get_by_label("写评论")).to_have_attribute("placeholder", "回复 @林晓雨")
