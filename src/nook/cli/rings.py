"""`nook rings scan`: the batch ring scan over the live database (the scheduled job's twin)."""

from __future__ import annotations

from datetime import timedelta

import typer
from rich.console import Console

rings_app = typer.Typer(help="Like-farming (刷赞) rings in this site's likes.", no_args_is_help=True)
console = Console(stderr=True)


@rings_app.command("scan")
def scan(
    since: float = typer.Option(30.0, "--since", help="Days of likes to scan (rings active in that period)."),
) -> None:
    """Scan stored likes for rings; each new ring becomes a moderator case and its likes stop counting."""
    from nook.config import get_settings
    from nook.social.moderation.rings import scan_rings
    from nook.store.base import utcnow
    from nook.store.db import transaction

    now = utcnow()
    lookback = timedelta(days=max(since, get_settings().rings_lookback_days))
    with transaction() as session:
        cases = scan_rings(session, start=now - timedelta(days=since), end=now, lookback=lookback)
        summary = [(c.id, len(c.evidence.get("users", [])), c.evidence.get("likes_total", 0)) for c in cases]
    for case_id, users, likes in summary:
        console.print(f"case {case_id}: {users} accounts, {likes} likes discounted")
    console.print(f"{len(summary)} new ring(s) found in the last {since:g} days")
