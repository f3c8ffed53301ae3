"""`nook engine dedup`: copy-paste clusters in a JSON Lines stream of comments."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated, Any

import typer

__all__ = ["register"]


def _read(lines: list[str]) -> tuple[list[str], list[str], list[str | None]]:
    ids, texts, authors = [], [], []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(f"line {n}: invalid JSON ({exc.msg})") from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or "id" not in rec:
            raise typer.BadParameter(f'line {n}: need an object with "id" and a string "text"')
        ids.append(rec["id"])
        texts.append(rec["text"])
        authors.append(rec.get("author"))
    return ids, texts, authors


def dedup(
    threshold: Annotated[float, typer.Option(help="bigram Jaccard at which two comments are copies")] = 0.45,
) -> None:
    """Read {"id", "text", "author"?} lines on stdin; print {"clusters": [[id, ...]], "stats": {...}}."""
    from nook.engine.comments.copypaste import DedupSettings, find_copy_clusters  # loaded only when used

    started = time.perf_counter()
    ids, texts, authors = _read(sys.stdin.readlines())
    clusters = find_copy_clusters(texts, DedupSettings(threshold=threshold))
    cross = sum(1 for c in clusters if len({authors[i] for i in c}) > 1)
    stats: dict[str, Any] = {
        "comments": len(ids),
        "clusters": len(clusters),
        "comments_in_clusters": sum(len(c) for c in clusters),
        "clusters_across_authors": cross,
        "seconds": round(time.perf_counter() - started, 3),
    }
    out = {"clusters": [[ids[i] for i in c] for c in clusters], "stats": stats}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


def register(app: typer.Typer) -> None:
    app.command("dedup")(dedup)
