"""空间装扮: a member gives their space a skin, an accent and a cover; only readable colours are offered."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.sync_api import expect

from nook.social.people import skins
from tests.conftest import MemberFactory
from tests.web.conftest import DESKTOP
from tests.web.pages import sign_up, skip_welcome
from tests.web.test_layout import AXE, PHONE_390, phone_page

CSS = Path(skins.__file__).parents[2] / "web" / "static" / "nook.css"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 120), "#5b8fb9").save(buf, "PNG")
    return buf.getvalue()


def test_every_offered_accent_reads_on_light_and_dark_and_matches_the_css() -> None:
    css = CSS.read_text()
    for key, accent in skins.offered_accents().items():
        assert skins.readable(accent)
        rule = re.search(rf"\.accent-{key} {{ --accent: light-dark\(([^,]+), ([^)]+)\); }}", css)
        assert rule is not None, f"{key} has no CSS"
        assert (rule[1], rule[2]) == (accent.light, accent.dark), f"{key}: the CSS drifted from the checked colours"
    for key in skins.offered_skins():
        assert key == skins.DEFAULT_SKIN or f".skin-{key} " in css


def test_a_colour_that_fails_contrast_is_not_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    lemon = skins.Accent("柠檬", "#f5e050", "#f5e050")  # pale on the light card
    monkeypatch.setitem(skins.ACCENTS, "lemon", lemon)
    monkeypatch.setitem(skins.SKINS, "lemonade", skins.Skin("柠檬水", "lemon"))
    skins.offered_accents.cache_clear()
    skins.offered_skins.cache_clear()
    try:
        assert "lemon" not in skins.offered_accents() and "lemonade" not in skins.offered_skins()
    finally:
        skins.offered_accents.cache_clear()
        skins.offered_skins.cache_clear()


def test_style_through_the_api(member: MemberFactory, api: httpx.Client, live_server: str) -> None:
    mei, other = member("meimei", "梅"), member("otherone", "路人")
    styles = api.get("/space-styles").json()
    assert {"warm", "sakura", "starry"} <= {s["key"] for s in styles["skins"]}
    assert {a["key"] for a in styles["accents"]} == set(skins.offered_accents())

    assert mei.http.patch("/me", json={"space_skin": "sakura", "space_accent": "jade"}).status_code == 200
    assert other.http.get("/users/meimei").json()["space"] == {"skin": "sakura", "accent": "jade", "cover_url": None}
    assert mei.http.patch("/me", json={"space_accent": ""}).json()["space"]["accent"] == "rose", "the skin's own"

    bad = mei.http.patch("/me", json={"space_skin": "neon"})
    assert bad.status_code == 422 and "装扮" in bad.json()["error"]["message"]
    assert mei.http.patch("/me", json={"space_skin": "x" * 17}).status_code == 422

    cover = mei.http.post("/media", files={"file": ("c.png", _png(), "image/png")}).json()
    theirs = other.http.post("/media", files={"file": ("o.png", _png(), "image/png")}).json()
    assert mei.http.patch("/me", json={"cover_media_id": theirs["id"]}).status_code == 404
    url = mei.http.patch("/me", json={"cover_media_id": cover["id"]}).json()["space"]["cover_url"]
    assert httpx.get(live_server + url).status_code == 200, "visitors see the cover"
    mei.http.patch("/me", json={"cover_media_id": None})
    gone = httpx.get(live_server + url)
    assert gone.status_code == 404, "a removed cover is the member's own upload again, not public"


@pytest.mark.parametrize(
    ("theme", "viewport"),
    [("light", PHONE_390), ("dark", PHONE_390), ("light", DESKTOP)],
    ids=["phone-light", "phone-dark", "desktop-light"],
)
def test_a_styled_space_in_the_browser_stays_readable(
    browser: Any, live_server: str, photo: Path, theme: str, viewport: dict[str, int]
) -> None:
    page = phone_page(browser, live_server, viewport)  # CSP bypassed only so the test can load axe
    sign_up(page, "huahua", "花花")
    skip_welcome(page)
    page.context.add_cookies([{"name": "nook_theme", "value": theme, "url": live_server}])
    page.goto("/settings")
    page.get_by_label("星空").check()
    page.get_by_label("蔷薇").check()
    page.get_by_label("封面照片").set_input_files(str(photo))
    page.get_by_role("button", name="保存装扮").click()
    expect(page.locator(".notice")).to_contain_text("已保存")

    page.goto("/u/huahua")
    expect(page.locator("main")).to_have_class(re.compile(r"\bskin-starry\b.*\baccent-rose\b"))
    cover = page.locator("img.space-cover-img")
    expect(cover).to_be_visible()
    brand = page.locator("main").evaluate("e => getComputedStyle(e).getPropertyValue('--brand')")
    assert "#b02a5b" in brand, "the space's buttons and links take the accent"
    # every text on the styled space still reads (axe, both themes)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['color-contrast']})).violations"
        ".flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary))"
    )
    assert violations == []
