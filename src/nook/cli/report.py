"""`nook report` (the analytics page as a self-contained HTML file or JSON) and `nook analytics` (the rollups)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

analytics_app = typer.Typer(help="Operator analytics rollups (the scheduled job's twin).", no_args_is_help=True)
console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
    app.add_typer(analytics_app, name="analytics")


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        console.print(f"[red]error:[/red] {what} must be a date like 2026-03-01")
        raise typer.Exit(2) from None


def report(
    frm: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD (site time zone)."),
    to: str = typer.Option(..., "--to", help="Last day, YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Write JSON (the API's shape) instead of HTML."),
    out: Path | None = typer.Option(None, "--out", help="File to write; default: standard output."),
    circle: str = typer.Option("", help="Only this circle (its slug)."),
    grain: str = typer.Option("day", help="day or week."),
    refresh: bool = typer.Option(True, help="Bring the rollups up to date first (the scheduled job's run)."),
) -> None:
    """Write the analytics figures for a date range as a self-contained HTML report (or JSON)."""
    from sqlalchemy import select

    from nook.errors import NookError
    from nook.jobs.schedule import run_job
    from nook.social.analytics import overview, query
    from nook.social.analytics.report import render_report
    from nook.social.authz import Viewer
    from nook.store.db import read_session
    from nook.store.migrate import upgrade
    from nook.store.models import Circle

    _date(frm, "--from")
    _date(to, "--to")
    upgrade()
    if refresh:
        run_job("analytics")
    try:
        with read_session() as session:
            circle_id = None
            if circle:
                circle_id = session.scalar(select(Circle.id).where(Circle.slug == circle))
                if circle_id is None:
                    console.print(f"[red]error:[/red] no circle with the slug {circle!r}")
                    raise typer.Exit(1)
            q = query.parse_query(frm, to, circle_id, grain)
            data = overview.overview(session, Viewer(id=None, is_admin=True), q)
    except NookError as exc:
        console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(1) from None
    text = json.dumps(data, ensure_ascii=False, indent=2) if as_json else render_report(data)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out} ({q.start} – {q.end}, {data['totals']['posts']} posts)")


@analytics_app.command("run")
def run() -> None:
    """Run the rollup job now: the last days plus every day whose activity changed since its last run."""
    from nook.jobs.schedule import run_job
    from nook.store.migrate import upgrade

    upgrade()
    run_job("analytics")
    console.print("analytics rollups are up to date")


@analytics_app.command("backfill")
def backfill_cmd(
    frm: str = typer.Option("", "--from", help="First day (default: the site's first member)."),
    to: str = typer.Option("", "--to", help="Last day (default: today)."),
) -> None:
    """Recompute every day in a range: after an import of past activity, deletions, or a settings change."""
    import time

    from nook.jobs.analytics_jobs import backfill
    from nook.social.analytics.rollup import first_activity_day
    from nook.social.localtime import local_today
    from nook.store.db import read_session
    from nook.store.migrate import upgrade

    upgrade()
    started = time.perf_counter()
    with read_session() as session:
        first = _date(frm, "--from") if frm else first_activity_day(session)
    last = _date(to, "--to") if to else local_today()
    if first is None:
        console.print("the site has no members yet; nothing to compute")
        return
    rows = backfill(first, last)
    console.print(f"recomputed {first} – {last}: {rows} rollup rows in {time.perf_counter() - started:.2f} s")
