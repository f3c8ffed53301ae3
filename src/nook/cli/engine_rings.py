"""`nook engine rings --likes FILE`: find like-farming rings in a like log, print one JSON object."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress


def register(app: typer.Typer) -> None:
    app.command("rings")(rings)


def rings(
    likes: Annotated[Path, typer.Option("--likes", help="CSV with header user,post,ts (Unix s) or .parquet")],
    evidence: Annotated[bool, typer.Option(help="Add each group's null-model evidence")] = False,
) -> None:
    """Print {"groups": [...], "stats": {...}}: groups that beat the null model, highest score first."""
    from nook.engine.rings import RingConfig, detect_rings, load_likes  # loaded only when used

    start = time.perf_counter()
    table = load_likes(likes)
    if sys.stderr.isatty():
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("peeling", total=None)
            report = detect_rings(
                table, config=RingConfig(), progress=lambda d, t: bar.update(task, completed=d, total=t)
            )
    else:
        report = detect_rings(table, config=RingConfig())
    out = report.to_json(evidence=evidence)
    out["stats"] = {
        "likes": report.likes,
        "seconds": round(time.perf_counter() - start, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    typer.echo(json.dumps(out, ensure_ascii=False))
