"""The phone layout holds at 390 px, at normal and at 200% text size, and the colours stay readable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import MemberFactory
from tests.web.conftest import PASSWORD
from tests.web.pages import sign_up

PHONE_390 = {"width": 390, "height": 844}
PAGES = ["/", "/u/mei", "/boards", "/circles", "/nearby", "/settings", "/notifications", "/friends", "/explore"]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

# What the phone defects looked like: a page wider than the phone, a form field sticking out of its card,
# a two-character button broken over two lines ("加/入"), a badge whose letter spills out.
LAYOUT_DEFECTS = """() => {
  const width = document.documentElement.clientWidth, found = [];
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) found.push('page is ' + scroll + ' px wide');
  for (const el of document.querySelectorAll('.card input, .card select, .card textarea')) {
    const card = el.closest('.card').getBoundingClientRect(), box = el.getBoundingClientRect();
    if (box.width && box.right > card.right + 1) found.push((el.name || el.id) + ' sticks out of its card');
  }
  for (const el of document.querySelectorAll('.btn, button')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), tops = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {  // the words only, not an icon beside them
      const range = document.createRange(); range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width) tops.add(Math.round(r.top / 4));
    }
    if (el.offsetParent && tops.size > 1) found.push('button "' + el.innerText.trim() + '" wraps');
  }
  for (const el of document.querySelectorAll('.brand-mark, .circle-mark, .avatar')) {
    const spills = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (spills) found.push(el.className + ' clips its letter');
  }
  return found;
}"""


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two `rgb(r, g, b)` colours."""

    def luminance(css: str) -> float:
        channels = [int(part) / 255 for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def phone_page(browser: Any, base: str, viewport: dict[str, int] = PHONE_390) -> Page:
    # bypass_csp only lets the test add its 200% text style and axe; the pages are the site's own
    context = browser.new_context(base_url=base, viewport=viewport, locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def mei_page(browser: Any, live_server: str, member: MemberFactory, photo: Path) -> Page:
    """Mei in 杭州 with a post, a same-city circle to join and a friend request to answer."""
    host = member("hulaoshi", "胡老师")
    host.http.patch("/me", json={"city": "杭州"})
    circle = {"slug": "hz-run", "name": "杭州夜跑团", "kind": "city", "city": "杭州"}
    assert host.http.post("/circles", json=circle).status_code == 201
    page = phone_page(browser, live_server)
    sign_up(page, "mei", "梅子")
    page.get_by_label("城市").fill("杭州")
    page.get_by_role("button", name="进入我的空间").click()
    page.wait_for_url("**/")
    page.get_by_label("说说内容").fill("西湖边夜跑第一天，跑了五公里 #夜跑#")
    page.get_by_role("button", name="发表").click()
    expect(page.locator("article.post").first).to_contain_text("西湖边夜跑")
    host.http.post("/friends/requests", json={"username": "mei"})
    return page


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_phone_pages_hold_their_shape(mei_page: Page, text_size: str) -> None:
    for path in PAGES:
        mei_page.goto(path)
        mei_page.add_style_tag(content=f"html {{ font-size: {text_size} }}")
        body_px = float(mei_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
        assert body_px >= (29 if text_size == "200%" else 14), f"{path}: body text does not follow the text size"
        assert mei_page.evaluate(LAYOUT_DEFECTS) == [], path


def test_photo_description_field_is_wide_enough_on_a_phone(mei_page: Page, photo: Path) -> None:
    mei_page.goto("/")
    mei_page.locator("#composer-photos").set_input_files([str(photo), str(photo), str(photo)])
    field = mei_page.get_by_label("图片描述 3")
    box = field.bounding_box()
    assert box is not None and box["width"] >= 90, "the alt-text field must hold a few characters"


def test_focus_ring_and_active_tab_are_readable(mei_page: Page) -> None:
    mei_page.goto("/boards")
    tab = mei_page.locator(".tabs a[aria-current=page]").first
    colour, page_bg = tab.evaluate("e => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]")
    assert _contrast(colour, page_bg) >= 4.5
    mei_page.keyboard.press("Tab")  # the skip link, then the first control
    mei_page.keyboard.press("Tab")
    ring, card = mei_page.evaluate(
        "() => [getComputedStyle(document.activeElement).outlineColor,"
        " getComputedStyle(document.querySelector('.card')).backgroundColor]"
    )
    assert _contrast(ring, card) >= 3.0


def test_main_pages_have_no_serious_accessibility_violations(mei_page: Page) -> None:
    for path in [*PAGES, "/login"]:
        if path == "/login":
            mei_page.context.clear_cookies()
        mei_page.goto(path)
        mei_page.add_script_tag(path=str(AXE))
        violations = mei_page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
        )
        assert violations == [], path


def test_the_login_form_is_reachable_by_keyboard_alone(browser: Any, live_server: str, member: MemberFactory) -> None:
    member("keyboard", "键盘")
    page = phone_page(browser, live_server)
    page.goto("/login")
    page.locator("#li-username").focus()
    page.keyboard.type("keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(welcome)?$"))
    expect(page.locator("#nav-notes")).to_be_visible()


def _colours(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            """() => { const card = document.querySelector('.card');
              const muted = document.querySelector('.muted, .post-meta');
              return {bg: getComputedStyle(document.body).backgroundColor, ink: getComputedStyle(document.body).color,
                      card: getComputedStyle(card).backgroundColor, muted: getComputedStyle(muted || card).color}; }"""
        )
    )


def test_dark_mode_is_a_choice_that_stays_and_reads_well(mei_page: Page) -> None:
    mei_page.goto("/")
    light = _colours(mei_page)
    mei_page.get_by_label("外观").select_option("dark")
    mei_page.get_by_role("button", name="切换").last.click()
    mei_page.goto("/u/mei")  # the choice holds on the next page
    dark = _colours(mei_page)
    assert dark["bg"] != light["bg"] and _contrast(dark["bg"], "rgb(0, 0, 0)") < 2, "the page is dark"
    assert _contrast(dark["ink"], dark["bg"]) >= 4.5 and _contrast(dark["muted"], dark["card"]) >= 4.5
    for path in ["/", "/u/mei", "/settings"]:
        mei_page.goto(path)
        mei_page.add_script_tag(path=str(AXE))
        contrast = mei_page.evaluate(
            "async () => (await axe.run(document, {runOnly: ['color-contrast']})).violations"
            ".flatMap(v => v.nodes.map(n => n.target.join(' ') + ' ' + n.any.map(a => a.message).join(';')))"
        )
        assert contrast == [], path


def test_auto_follows_the_device(browser: Any, live_server: str) -> None:
    context = browser.new_context(base_url=live_server, viewport=PHONE_390, locale="zh-CN", color_scheme="dark")
    page = context.new_page()
    page.goto("/login")
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _contrast(bg, "rgb(0, 0, 0)") < 2, "a device in dark mode gets dark pages until the member chooses"
    context.close()
