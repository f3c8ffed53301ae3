"""A theme week in a real browser: an operator creates it, a member writes for it from the composer's
本周主题 chip and follows its hashtag, and when it ends the archive keeps the best posts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from nook.jobs.schedule import run_job
from nook.social.localtime import local_today
from tests.web.conftest import DESKTOP, PHONE
from tests.web.pages import new_page, sign_up, skip_welcome


def test_theme_week_from_creation_to_archive(browser: Any, live_server: str) -> None:
    ops = new_page(browser, live_server, DESKTOP)
    sign_up(ops, "ops", "运营小周")  # the first member is the site's operator
    skip_welcome(ops)
    ops.goto("/themes")
    ops.get_by_label("话题").fill("育儿心得")
    ops.get_by_label("标题").fill("育儿心得分享周")
    ops.get_by_label("介绍").fill("说说你的带娃小妙招")
    ops.get_by_label("写作提示（每行一个）").fill("第一次带娃出门")
    ops.get_by_label("结束日期").fill((local_today() + timedelta(days=6)).isoformat())
    ops.get_by_role("button", name="发起").click()
    ops.wait_for_url(re.compile(r"/themes/\d+$"))
    week_url = ops.url
    expect(ops.locator(".theme-head")).to_contain_text("进行中")
    expect(ops.locator(".theme-head")).to_contain_text("第一次带娃出门")
    expect(ops.locator("#edit-theme")).to_have_count(0)  # started: no longer editable

    mom = new_page(browser, live_server, PHONE)
    sign_up(mom, "mom", "豆豆妈")
    skip_welcome(mom)
    # a plain member sees the weeks but no form to create one
    mom.goto("/themes")
    expect(mom.locator("#themes-current")).to_contain_text("育儿心得分享周")
    expect(mom.locator("#create-theme")).to_have_count(0)

    # the composer promotes the week; the chip adds its tag to what is already written
    mom.goto("/")
    chip = mom.get_by_role("button", name="本周主题 #育儿心得#")
    expect(chip).to_be_visible()
    expect(mom.get_by_role("button", name="第一次带娃出门")).to_be_visible()  # the week's prompts as chips
    mom.get_by_label("说说内容").fill("睡前固定讲一个故事，半个月就不闹觉了")
    chip.click()
    expect(mom.get_by_label("说说内容")).to_have_value("睡前固定讲一个故事，半个月就不闹觉了 #育儿心得# ")
    mom.get_by_role("button", name="发表").click()
    expect(mom.locator("article.post").first).to_contain_text("睡前固定讲一个故事")

    # the theme page shows it among the best posts; the tag page links the week and can be followed
    mom.goto(week_url)
    expect(mom.locator("#post-list")).to_contain_text("睡前固定讲一个故事")
    expect(mom.locator(".theme-head")).to_contain_text("1 条说说，1 人参与")
    mom.locator(".theme-head .theme-tag").click()
    mom.wait_for_url(re.compile(r"/tags/"))
    expect(mom.get_by_role("link", name="主题周：育儿心得分享周")).to_be_visible()
    mom.get_by_role("button", name="关注话题").click()
    expect(mom.get_by_role("button", name="已关注 · 取消")).to_be_visible()

    # the week ends: the scheduled job archives it, and the page reads as an archive with its highlights
    run_job("theme_weeks_archive", datetime.now(UTC) + timedelta(days=8))
    ops.goto(week_url)
    expect(ops.locator(".theme-head")).to_contain_text("往期回顾")
    expect(ops.get_by_role("heading", name="本期精选")).to_be_visible()
    expect(ops.locator("#post-list")).to_contain_text("睡前固定讲一个故事")
    ops.goto("/themes")
    expect(ops.locator("#themes-archived")).to_contain_text("育儿心得分享周")
    expect(ops.locator("#themes-current")).not_to_contain_text("育儿心得分享周")
