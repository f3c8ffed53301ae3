"""Issue 10 in the browser: an admin opens 互动分析 on a (small) demo community and sees the charts drawn
with its data under the strict CSP; a circle's moderator sees that circle's; a member is refused; CSV and
the weekly digest download."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from playwright.sync_api import Page, expect
from sqlalchemy import select

from nook.demo import build_plan
from nook.demo.load import load_plan
from nook.jobs.schedule import run_job
from nook.store.db import transaction
from nook.store.models import Circle, CircleMember, User
from tests.web.conftest import DESKTOP
from tests.web.pages import new_page

#: The smallest demo that still has hooks, folded comments, copy-paste clusters and circles (about 30 s to load).
DEMO_SIZE = 0.03
SINCE = (datetime.now(UTC) - timedelta(days=70)).date().isoformat()


def _log_in(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_admin_sees_charts_from_the_demo_and_a_member_is_refused(live_server: str, browser: Any) -> None:
    plan = build_plan(seed=7, size=DEMO_SIZE, now=datetime.now(UTC).replace(minute=0, second=0, microsecond=0))
    load_plan(plan, process_events=True)
    run_job("analytics")  # what the scheduled job does: the first run backfills every day since the first member

    page = new_page(browser, live_server, DESKTOP)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _log_in(page, plan.admin.username, plan.password)
    page.goto(f"/admin/analytics?from={SINCE}")  # the demo's sixty days, whatever today is
    expect(page.locator("#analytics")).to_have_attribute("data-state", "ready")
    for name in ("health", "quality", "hooks", "barrier", "circles"):
        chart = page.locator(f'[data-chart="{name}"]')
        expect(chart).to_have_attribute("data-rendered", "1")
        assert chart.locator("canvas").count() >= 1, name
        box = chart.bounding_box()
        assert box is not None and box["height"] > 100 and box["width"] > 100
    assert not [p for p in problems if "Content Security Policy" in p or "echarts" in p.lower()], problems

    # the accessible tables carry the same numbers the API gives
    data = page.request.get(f"/api/v1/admin/analytics?from={SINCE}").json()
    assert data["totals"]["posts"] > 0 and data["totals"]["comments"] > 0
    totals = page.locator(".analytics-totals")
    expect(totals).to_contain_text(str(data["totals"]["comments"]))
    expect(page.locator("#panel-hooks table")).to_contain_text("无钩子")
    expect(page.locator("#panel-barrier")).to_contain_text("折叠的低质评论")
    circle_name = data["circles"]["rows"][0]["name"]
    expect(page.locator("#panel-circles table")).to_contain_text(circle_name)
    # panels whose features have no data yet say so instead of drawing an empty chart
    if not data["scenes"]["rows"]:
        expect(page.locator("#panel-scenes")).to_contain_text("还没有展示过")
        expect(page.locator('[data-chart="scenes"]')).to_have_attribute("data-rendered", "empty")

    # filter by circle: the form reloads the page with that circle's figures only
    page.locator("#an-circle").select_option(label=circle_name)
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#an-filter-title")).to_contain_text(circle_name)
    expect(page.locator("#analytics")).to_have_attribute("data-state", "ready")

    csv = page.request.get(page.locator("#panel-health a[download]").get_attribute("href") or "")
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text().lstrip("\ufeff").startswith("period,posts,comments")
    page.goto("/admin/analytics/digest")
    expect(page.locator("#digest-title")).to_contain_text("每周互动简报")
    digest = page.request.get("/admin/analytics/digest.html")
    assert digest.status == 200 and "<style>" in digest.text() and "<script" not in digest.text()
    page.context.close()

    with transaction() as s:
        roles = dict(
            s.execute(
                select(User.username, Circle.name)
                .join(CircleMember, CircleMember.user_id == User.id)
                .join(Circle, Circle.id == CircleMember.circle_id)
                .where(CircleMember.role != "member", CircleMember.status == "active")
            ).all()
        )
    # a circle's owner or moderator: that circle's charts, from the circle page's link
    keeper_name, circle_name = next((u.username, roles[u.username]) for u in plan.users if u.username in roles)
    keeper = new_page(browser, live_server, DESKTOP)
    _log_in(keeper, keeper_name, plan.password)
    keeper.goto("/admin/analytics")
    expect(keeper.locator("#an-filter-title")).to_contain_text(circle_name)
    expect(keeper.locator("#analytics")).to_have_attribute("data-state", "ready")
    expect(keeper.locator("#an-circle option", has_text="全站")).to_have_count(0)
    keeper.context.close()

    # a member who runs no circle: refused on the page and through the API, like the rest of the admin area
    plain = next(u for u in plan.users if u.username not in roles and u.username != plan.admin.username)
    member = new_page(browser, live_server, DESKTOP)
    _log_in(member, plain.username, plan.password)
    resp = member.goto("/admin/analytics")
    assert resp is not None and resp.status == 403
    assert member.locator("canvas").count() == 0
    assert member.request.get("/api/v1/admin/analytics").status == 403
    assert member.request.get("/api/v1/admin/analytics/hooks.csv").status == 403
    member.context.close()
    assert httpx.get(f"{live_server}/api/v1/admin/analytics").status_code == 401
