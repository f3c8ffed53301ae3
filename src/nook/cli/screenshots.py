"""`nook screenshots`: boot a throwaway site with the demo community and photograph the main pages."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORTS: dict[str, Any] = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 860}}
console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("screenshots")(screenshots)


def screenshots(
    out: Path = typer.Option(Path("docs/screenshots"), help="Folder for the PNG files."),
    chromium: Path = typer.Option(
        Path("/usr/bin/chromium"), help="Chromium executable (Debian: apt install chromium)."
    ),
    size: float = typer.Option(0.5, help="Demo community scale (1 is about 200 members)."),
) -> None:
    """Regenerate phone and desktop screenshots of the main pages into docs/screenshots/."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nook-shots-") as tmp, _site(Path(tmp)):
        who = _load_demo(size)
        with _server() as base:
            _shoot(base, who, out, chromium)
    console.print(f"screenshots written to {out}")


@contextmanager
def _site(data: Path) -> Iterator[None]:
    """A fresh SQLite site in `data`, side effects inline, limits off (one machine signs everyone in)."""
    from nook.config import get_settings
    from nook.jobs.table import install
    from nook.security.rate_limits import limiter
    from nook.store.db import reset_engine

    saved = {
        k: os.environ.get(k)
        for k in ("NOOK_DATA_DIR", "NOOK_DATABASE_URL", "NOOK_JOBS_MODE", "NOOK_RATE_LIMITS_ENABLED")
    }
    os.environ.update(
        NOOK_DATA_DIR=str(data), NOOK_DATABASE_URL="", NOOK_JOBS_MODE="inline", NOOK_RATE_LIMITS_ENABLED="false"
    )
    get_settings.cache_clear()
    limiter.cache_clear()
    reset_engine()
    install()
    try:
        yield
    finally:
        reset_engine()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


def _load_demo(size: float) -> dict[str, Any]:
    """Load the demo community; choose the member and the post the pictures show."""
    from sqlalchemy import func, select

    from nook.demo import build_plan
    from nook.demo.load import load_plan
    from nook.jobs.schedule import run_due
    from nook.store.db import read_session
    from nook.store.migrate import upgrade
    from nook.store.models import Comment, Post, PostImage, ThemeWeek, User, UserSchool

    upgrade()
    plan = build_plan(seed=7, size=size, now=datetime.now(UTC).replace(minute=0, second=0, microsecond=0))
    console.print("loading the demo community…")
    load_plan(plan, process_events=True)
    run_due()  # what a worker does first: ring scan, rankings, boards, theme weeks, analytics rollups
    with read_session() as session:
        # The member with the liveliest public photo post is the one we follow around.
        busiest = (
            select(Post.id, Post.author_id, func.count(Comment.id).label("n"))
            .join(Comment, Comment.post_id == Post.id)
            .where(Post.visibility == "public", Post.id.in_(select(PostImage.post_id)))
            .group_by(Post.id, Post.author_id)
            .order_by(func.count(Comment.id).desc())
            .limit(1)
        )
        post_id, author_id, _n = session.execute(busiest).one()
        author = session.get(User, author_id)
        assert author is not None
        # The school year with the most members, and the latest theme week, for their pages.
        school, year = session.execute(
            select(UserSchool.name, UserSchool.enroll_year)
            .where(UserSchool.enroll_year.is_not(None), UserSchool.year_privacy == "public")
            .group_by(UserSchool.name, UserSchool.enroll_year)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        week = session.scalar(
            select(ThemeWeek.id).where(ThemeWeek.circle_id.is_(None)).order_by(ThemeWeek.starts_at.desc()).limit(1)
        )
        journal = session.scalar(select(Post.id).where(Post.title != "", Post.visibility == "public").limit(1))
        return {
            "journal": f"/p/{journal}",
            "username": author.username,
            "post_id": post_id,
            "campus": f"/campus/{school}/{year}",
            "week": f"/themes/{week}",
            "password": plan.password,
            "admin": plan.admin.username,
        }


@contextmanager
def _server() -> Iterator[str]:
    import uvicorn

    from nook.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _shoot(base: str, who: dict[str, Any], out: Path, chromium: Path) -> None:
    from playwright.sync_api import sync_playwright

    me = who["username"]
    pages = {
        "feed": "/",
        "post": f"/p/{who['post_id']}",
        "space": f"/u/{me}",
        "board": f"/u/{me}?tab=board",
        "album": f"/u/{me}?tab=photos",
        "circles": "/circles",
        "notifications": "/notifications",
        "campus": who["campus"],
        "nearby": "/nearby",
        "theme-week": who["week"],
        "journal": who["journal"],
        "search": "/search?q=周末",
        "messages": "/messages",
        "friend-groups": "/friends/groups",
        "settings": "/settings",
    }
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        for kind, viewport in VIEWPORTS.items():
            context = browser.new_context(base_url=base, viewport=viewport, locale="zh-CN", device_scale_factor=1)
            page = context.new_page()
            page.goto("/login")
            page.screenshot(path=str(out / f"login-{kind}.png"))
            _log_in(page, me, who["password"])
            for name, path in pages.items():
                _visit(page, path)
                page.screenshot(path=str(out / f"{name}-{kind}.png"))
                console.print(f"  {name}-{kind}.png")
            context.add_cookies([{"name": "nook_theme", "value": "dark", "url": base}])
            for name in ("feed", "space"):
                _visit(page, pages[name])
                page.screenshot(path=str(out / f"{name}-dark-{kind}.png"))
            context.close()
        admin = browser.new_context(base_url=base, viewport=VIEWPORTS["desktop"], locale="zh-CN").new_page()
        _log_in(admin, who["admin"], who["password"])
        admin.goto("/admin")
        admin.screenshot(path=str(out / "admin-desktop.png"))
        _visit(admin, "/admin/analytics")
        admin.wait_for_timeout(1500)  # the charts' entry animation
        admin.screenshot(path=str(out / "analytics-desktop.png"), full_page=True)
        browser.close()


def _visit(page: Any, path: str) -> None:
    # Not "networkidle": a signed-in page keeps its live-notification stream open.
    page.goto(path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(800)  # what HTMX loads after the page


def _log_in(page: Any, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login" not in url)
