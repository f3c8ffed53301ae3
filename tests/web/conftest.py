"""Browser fixtures: one headless Debian Chromium for the session, a fresh context per member."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from nook.cli.screenshots import CHROMIUM_ARGS

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "sky.png"
    buf = io.BytesIO()
    Image.new("RGB", (120, 90), "#3a6ea5").save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    return path


def reset_register_limit() -> None:
    from nook.security.rate_limits import REGISTER_IP, limiter

    limiter().reset(REGISTER_IP, "127.0.0.1")  # many members sign up from one test address


@pytest.fixture(autouse=True)
def fresh_copy_index() -> Iterator[None]:
    """The barrier's in-memory copy-paste index must not outlive the emptied database (ids restart)."""
    from nook.social.moderation.barrier import reset_copy_index

    reset_copy_index()
    yield
    reset_copy_index()
