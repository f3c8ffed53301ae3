"""Analytics rollup job time on the demo community, and what a page view costs afterwards.

    uv run python bench/analytics.py [--size 0.5] [--repeat 20]

Boots a throwaway SQLite site (like bench/pages.py), loads `nook demo` with its after-commit work
done, then times:
the first run of the scheduled job (a backfill of every day since the first member), a second
run (the incremental case: the recent days plus changed days), and the median of the JSON
overview and the HTML page for the last 28 days as the admin.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from nook.cli.screenshots import _site
from pages import _median_ms  # bench/ is the script's folder, so its sibling imports


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _site(Path(tmp)):
        from sqlalchemy import func, select

        from nook.demo import build_plan
        from nook.demo.load import load_plan
        from nook.jobs.schedule import run_job
        from nook.store.db import read_session
        from nook.store.migrate import upgrade
        from nook.store.models import AnalyticsRollup

        upgrade()
        plan = build_plan(seed=7, size=args.size, now=datetime.now(UTC).replace(minute=0, second=0, microsecond=0))
        started = time.perf_counter()
        load_plan(plan, process_events=True)
        load_s = time.perf_counter() - started
        counts = plan.counts()
        started = time.perf_counter()
        run_job("analytics")
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        run_job("analytics")
        again_s = time.perf_counter() - started
        with read_session() as session:
            rows = session.scalar(select(func.count()).select_from(AnalyticsRollup))
            days = session.scalar(select(func.count(func.distinct(AnalyticsRollup.day))))
        from nook.app import create_app

        client = TestClient(create_app(), base_url="http://127.0.0.1:8000")
        login = client.post("/api/v1/auth/login", json={"username": plan.admin.username, "password": plan.password})
        client.cookies.set("nook_session", login.json()["token"])
        api_ms = _median_ms(client, "/api/v1/admin/analytics", args.repeat)
        page_ms = _median_ms(client, "/admin/analytics", args.repeat)
        print(
            f"demo size {args.size:g}: {counts['users']} members, {counts['posts']} posts, "
            f"{counts['comments']} comments, {counts['likes']} likes (loaded in {load_s:.0f} s)"
        )
        print("| step | time |")
        print("| --- | ---: |")
        print(f"| first run (backfill of {days} days, {rows} rollup rows) | {first_s:.2f} s |")
        print(f"| next run (last 9 days + changed days) | {again_s:.2f} s |")
        print(f"| GET /api/v1/admin/analytics (28 days), median | {api_ms:.1f} ms |")
        print(f"| GET /admin/analytics (28 days), median | {page_ms:.1f} ms |")


if __name__ == "__main__":
    main()
