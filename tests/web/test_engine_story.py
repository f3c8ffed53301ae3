"""The engine in the browser: suggestion chips under a comment box, and low-value comments folded."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect
from sqlalchemy import select

from tests.web.conftest import DESKTOP
from tests.web.pages import new_page, sign_up, skip_welcome

WARM = "这张照片的光线好温柔，是在哪里拍的？我也想去看看"


def test_chips_fill_the_box_and_filler_is_folded(browser: Any, live_server: str, member: Any) -> None:
    lin, wei, an = member("lin", "林晓雨"), member("wei", "魏来"), member("anan", "安安")
    post = lin.http.post("/posts", json={"body": "今晚的星空，猜猜我在哪？", "visibility": "public"}).json()
    assert wei.http.post(f"/posts/{post['id']}/comments", json={"body": "沙发"}).status_code == 201
    assert an.http.post(f"/posts/{post['id']}/comments", json={"body": WARM}).status_code == 201

    zhou = new_page(browser, live_server, DESKTOP)
    sign_up(zhou, "zhou", "周一鸣")
    skip_welcome(zhou)
    zhou.goto(f"/p/{post['id']}")

    # chips arrive after the page; picking one fills the box (editable), nothing is posted yet
    chips = zhou.locator("#comments .suggest-pick")
    expect(chips).to_have_count(3)
    chip = chips.first
    text, suggestion_id = chip.get_attribute("data-text"), chip.get_attribute("data-id")
    assert text and suggestion_id
    chip.click()
    box = zhou.get_by_label("写评论")
    expect(box).to_have_value(text)
    expect(zhou.locator("#comments .comment-list").first).not_to_contain_text(text)
    zhou.get_by_role("button", name="发送").click()
    expect(zhou.locator("#comments .comment-list").first).to_contain_text(text)
    assert _suggestion_outcome(int(suggestion_id)) == "used"

    # the filler is folded under its own section; the warm comment is shown
    fold = zhou.locator("#comments details.slot-fold")
    expect(fold.locator("summary")).to_have_text("1 条低质评论已折叠")
    expect(fold).to_contain_text("沙发")
    expect(zhou.locator("#comments .comment-list").first).to_contain_text(WARM)
    expect(zhou.locator("#comments .comment-list").first).not_to_contain_text("沙发")
    # readers see only the folded state, not the score (the note on zhou's own comment is the writer's:
    # the box is read after the comment's commit, and tests run its analysis before that)
    others = zhou.locator("#comments li.comment").filter(has_not_text=text)
    expect(others).to_have_count(2)
    expect(others.locator("[data-slot=comment-quality]")).to_have_count(0)


def _suggestion_outcome(suggestion_id: int) -> str:
    from nook.store.db import read_session
    from nook.store.models import SuggestionShown

    with read_session() as session:
        return str(session.scalar(select(SuggestionShown.outcome).where(SuggestionShown.id == suggestion_id)))
