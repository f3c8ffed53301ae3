"""/api/v1/admin/analytics: the operators' figures — the whole site's for site admins, one circle's
(`?circle=ID`) for its owners and moderators too; 403 for everyone else."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import Path, Query
from fastapi.responses import Response

from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.http.unit import CredentialsDep, unit
from nook.social.analytics import export, query
from nook.social.analytics import overview as figures

router = ApiRouter(tags=["analytics"], responses=ERRORS)

FromQ = Annotated[str | None, Query(alias="from", max_length=10, description="First day, YYYY-MM-DD (site time)")]
ToQ = Annotated[str | None, Query(max_length=10, description="Last day, YYYY-MM-DD (site time)")]
CircleQ = Annotated[int | None, Query(ge=0, le=2**31 - 1, description="Only this circle's activity")]
GrainQ = Annotated[str, Query(max_length=4, pattern="^(day|week)$")]


@router.get("/admin/analytics")
def overview(
    creds: CredentialsDep, frm: FromQ = None, to: ToQ = None, circle: CircleQ = None, grain: GrainQ = "day"
) -> dict[str, Any]:
    """Interaction health, hook effect, suggestions, the barrier, circles and scenes, from the daily rollups."""
    with unit(creds) as ctx:
        query.require_access(ctx.viewer, circle or None)
        return figures.overview(ctx.session, ctx.viewer, query.parse_query(frm, to, circle, grain))


@router.get(
    "/admin/analytics/{chart}.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def chart_csv(
    chart: Annotated[str, Path(max_length=16, pattern="^[a-z]+$")],
    creds: CredentialsDep,
    frm: FromQ = None,
    to: ToQ = None,
    circle: CircleQ = None,
    grain: GrainQ = "day",
) -> Response:
    """The figures behind one chart as CSV (UTF-8 with BOM, so spreadsheet apps read the Chinese labels)."""
    with unit(creds) as ctx:
        query.require_access(ctx.viewer, circle or None)
        q = query.parse_query(frm, to, circle, grain)
        header, rows = export.csv_table(figures.overview(ctx.session, ctx.viewer, q), chart)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    name = f"nook-{chart}-{q.start.isoformat()}-{q.end.isoformat()}.csv"
    return Response(
        "\ufeff" + buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )
