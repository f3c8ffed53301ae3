"""What an operator asks analytics for: a date range, a circle and a grain, checked against who may see it.

The figures themselves are read from the rollups by `overview`; `export` turns them into CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.localtime import day_start, local_today
from nook.store.models import Circle

#: Longest range one request may ask for.
MAX_DAYS = 400
DEFAULT_DAYS = 28
GRAINS = ("day", "week")
CHARTS = ("health", "quality", "hooks", "suggestions", "barrier", "circles", "scenes", "themes")


@dataclass(frozen=True)
class Query:
    start: date
    end: date
    circle_id: int | None = None
    grain: str = "day"

    def span(self) -> tuple[datetime, datetime]:
        """The instants the range covers: from its first local midnight to the one after its last day."""
        return day_start(self.start), day_start(self.end + timedelta(days=1))


def require_access(viewer: Viewer, circle_id: int | None = None) -> None:
    """Site-wide figures for site admins; one circle's for its owners and moderators too."""
    if not authz.can_see_analytics(viewer, circle_id):
        if circle_id is None and viewer.moderated_circle_ids:
            raise Forbidden(N_("请选择一个你管理的圈子"))
        raise Forbidden(N_("只有站点管理员和圈子管理员可以查看互动分析"))


def default_circle(viewer: Viewer, circle_id: int | None) -> int | None:
    """The circle a page opens on: the one asked for; else none for a site admin (the whole site),
    else the lowest-numbered circle the viewer moderates."""
    if circle_id is not None or viewer.is_admin or not viewer.moderated_circle_ids:
        return circle_id
    return min(viewer.moderated_circle_ids)


def visible_circles(session: Session, viewer: Viewer) -> list[Circle]:
    """The circles the filter offers: every circle to a site admin, the moderated ones to others."""
    stmt = select(Circle).order_by(Circle.name).limit(500)
    if not viewer.is_admin:
        stmt = stmt.where(Circle.id.in_(sorted(viewer.moderated_circle_ids)))
    return list(session.scalars(stmt))


def parse_query(
    frm: str | None, to: str | None, circle: int | None = None, grain: str = "day", *, today: date | None = None
) -> Query:
    """Validate filters from a form or the API: ISO dates, at most MAX_DAYS, day or week."""
    today = today or local_today()
    try:
        end = date.fromisoformat(to) if to else today
        start = date.fromisoformat(frm) if frm else end - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        raise Invalid(N_("日期格式应为 YYYY-MM-DD")) from None
    if start > end:
        raise Invalid(N_("开始日期不能晚于结束日期"))
    if (end - start).days + 1 > MAX_DAYS:
        raise Invalid(N_("一次最多查看 %(days)s 天"), days=MAX_DAYS)
    if grain not in GRAINS:
        raise Invalid(N_("粒度只能是 day 或 week"))
    if circle is not None and circle < 0:
        raise Invalid(N_("圈子编号无效"))
    return Query(start, end, circle or None, grain)


def digest_week(day: date | None) -> Query:
    """The week (Monday to Sunday, site time) holding `day`, or the last full week."""
    today = local_today()
    if day is None:
        day = today - timedelta(days=7)
    monday = day - timedelta(days=day.weekday())
    return Query(monday, monday + timedelta(days=6), None, "day")
