"""The figures behind one analytics chart as CSV rows, every text cell safe to open in a spreadsheet."""

from __future__ import annotations

from typing import Any

from nook.errors import NotFound
from nook.phrases import N_
from nook.social.analytics.overview import BARRIER_SERIES
from nook.social.analytics.query import CHARTS

#: A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...) in a circle's name).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_table(data: dict[str, Any], chart: str) -> tuple[list[str], list[list[Any]]]:
    """The figures behind one chart as a header and rows, every text cell safe to open in a spreadsheet."""
    header, rows = _csv_table(data, chart)
    return [_inert(h) for h in header], [[_inert(c) for c in row] for row in rows]


def _inert(cell: Any) -> Any:
    """Text that a spreadsheet would run as a formula, quoted with a leading ' (numbers stay numbers)."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def _csv_table(data: dict[str, Any], chart: str) -> tuple[list[str], list[list[Any]]]:
    """The figures behind one chart (the same numbers as the page's table)."""
    if chart not in CHARTS:
        raise NotFound(N_("没有这个图表"))
    if chart in ("health", "quality"):
        h = data["health"]
        cols = _HEALTH_CSV if chart == "health" else ["warm_share", "normal_share", "low_share", "median_score"]
        return ["period", *cols], [[label, *(h[c][i] for c in cols)] for i, label in enumerate(h["labels"])]
    if chart == "hooks":
        cols = ["type", "label", "posts", "commented", "comment_rate", "comment_ci", "warm", "warm_rate", "warm_ci"]
        cols += ["ratio", "ratio_ci", "warm_ratio", "warm_ratio_ci"]
        return cols, [[_cell(r[c]) for c in cols] for r in data["hooks"]["rows"]]
    if chart == "suggestions":
        s = data["suggestions"]
        cols = ["key", "label", "offers", "used", "edited", "ignored", "use_rate", "with_n", "with_mean"]
        cols += ["with_warm", "without_n", "without_mean", "without_warm"]
        return cols, [[r[c] for c in cols] for r in [s["total"], *s["by_emotion"], *s["by_scene"]]]
    if chart == "barrier":
        b = data["barrier"]["series"]
        cols = [m for m, _ in BARRIER_SERIES]
        return ["period", *cols], [[label, *(b[c][i] for c in cols)] for i, label in enumerate(b["labels"])]
    key = {"circles": "circles", "scenes": "scenes", "themes": "themes"}[chart]
    rows = data[key]["rows"]
    cols = list(rows[0]) if rows else ["note"]
    return cols, [[_cell(r[c]) for c in cols] for r in rows] if rows else [[data[key]["note"]]]


_HEALTH_CSV = [
    "posts",
    "comments",
    "replies",
    "comments_per_post",
    "replies_per_comment",
    "nocomment_share",
    "active",
    "new_members",
    "new_welcomed",
]


def _cell(value: Any) -> Any:
    return "–".join(str(v) for v in value) if isinstance(value, list) else value
