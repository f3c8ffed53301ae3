"""/admin/analytics: charts (static/analytics.js draws them from /api/v1/admin/analytics) beside
accessible tables rendered here, the weekly digest page, and the digest as a self-contained HTML file.
Circle owners and moderators get the page for their circles; the digest is the whole site's (admins)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from nook.errors import Invalid
from nook.http.unit import CredentialsDep, unit
from nook.phrases import N_
from nook.social.analytics import overview, query
from nook.social.analytics.report import render_report
from nook.web.pages import render

router = APIRouter(include_in_schema=False, prefix="/admin/analytics")

FromQ = Annotated[str | None, Query(alias="from", max_length=10)]
ToQ = Annotated[str | None, Query(max_length=10)]
CircleQ = Annotated[int | None, Query(ge=0, le=2**31 - 1)]
GrainQ = Annotated[str, Query(max_length=4)]
WeekQ = Annotated[str | None, Query(max_length=10)]

#: The words static/analytics.js names its axes and series with; the page sends their translations.
CHART_WORDS = (
    N_("条"),
    N_("比值"),
    N_("分"),
    N_("说说"),
    N_("评论"),
    N_("回复"),
    N_("活跃成员"),
    N_("评论/说说"),
    N_("走心"),
    N_("普通"),
    N_("低质"),
    N_("质量分中位数"),
    N_("留言率"),
    N_("走心留言率"),
    N_("平均质量"),
    N_("建议的去向"),
    N_("直接使用"),
    N_("修改后使用"),
    N_("忽略"),
    N_("用建议"),
    N_("不用建议"),
    N_("走心占比"),
    N_("展示"),
    N_("开启对话"),
    N_("参与人次（按天）"),
)


@router.get("", response_class=HTMLResponse)
def page(
    request: Request,
    creds: CredentialsDep,
    frm: FromQ = None,
    to: ToQ = None,
    circle: CircleQ = None,
    grain: GrainQ = "day",
) -> Response:
    with unit(creds) as ctx:
        circle = query.default_circle(ctx.viewer, circle or None)
        query.require_access(ctx.viewer, circle)
        q = query.parse_query(frm, to, circle, grain)
        data = overview.overview(ctx.session, ctx.viewer, q)
        circles = query.visible_circles(ctx.session, ctx.viewer)
        params = {"from": q.start.isoformat(), "to": q.end.isoformat(), "grain": q.grain}
        if q.circle_id:
            params["circle"] = str(q.circle_id)
        return render(
            request,
            ctx,
            "admin/analytics.html",
            a=data,
            q=q,
            circles=circles,
            query=urlencode(params),
            chart_words=_chart_words(data),
            section="analytics",
        )


@router.get("/digest", response_class=HTMLResponse)
def digest(request: Request, creds: CredentialsDep, week: WeekQ = None) -> Response:
    """One week's figures as a page an operator can read, print or forward."""
    with unit(creds) as ctx:
        query.require_access(ctx.viewer)
        q = query.digest_week(_day(week))
        data = overview.overview(ctx.session, ctx.viewer, q)
        prev = overview.overview(ctx.session, ctx.viewer, query.digest_week(_shift(q.start, -7)))
        return render(
            request,
            ctx,
            "admin/analytics_digest.html",
            a=data,
            prev=prev,
            q=q,
            week_before=_shift(q.start, -7).isoformat(),
            week_after=_shift(q.start, 7).isoformat(),
            section="analytics",
        )


@router.get("/digest.html")
def digest_file(creds: CredentialsDep, week: WeekQ = None) -> Response:
    """The same week as one self-contained HTML file (inline styles, no scripts): an e-mail body."""
    with unit(creds) as ctx:
        query.require_access(ctx.viewer)
        q = query.digest_week(_day(week))
        data = overview.overview(ctx.session, ctx.viewer, q)
    name = f"nook-digest-{q.start.isoformat()}.html"
    return HTMLResponse(
        render_report(data, title="心角 Nook 每周互动简报"),
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def _chart_words(a: dict[str, Any]) -> list[str]:
    """Every word the charts show: their own, and the labels in the figures (hooks, emotions, scenes, barrier)."""
    rows = [*a["hooks"]["rows"], *a["suggestions"]["by_emotion"], *a["scenes"]["rows"]]
    return [*CHART_WORDS, *a["barrier"]["labels"].values(), *(r["label"] for r in rows)]


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(N_("日期格式应为 YYYY-MM-DD")) from None


def _shift(day: date, days: int) -> date:
    return day + timedelta(days=days)
