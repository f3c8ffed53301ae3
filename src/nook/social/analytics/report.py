"""The analytics overview as one self-contained HTML document: inline styles, inline SVG charts, no scripts.

Used by `nook report` and the weekly digest download (an e-mail body or a file to forward). The page is
`templates/report.html`; this module prepares its rows and the bar chart's geometry.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

_CSS = """
body{font:14px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#3a2a20;
background:#fdf6ee;margin:0;padding:16px}main{max-width:960px;margin:0 auto}
section{background:#fffdf9;border:1px solid #efdfd0;border-radius:12px;padding:12px 16px;margin:0 0 14px}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin:0 0 8px}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #efdfd0}td.n,th.n{text-align:right}
.muted{color:#7a6456}dl{display:flex;flex-wrap:wrap;gap:8px 24px;margin:0}dt{color:#7a6456;font-size:.8rem}
dd{margin:0;font-size:1.2rem;font-weight:700}.wrap{overflow-x:auto}svg{max-width:100%;height:auto}
"""
_HEALTH = (
    "labels", "posts", "comments", "replies", "comments_per_post", "replies_per_comment",
    "warm_share", "normal_share", "low_share", "median_score", "nocomment_share", "active",
)  # fmt: skip


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["g"] = lambda v: f"{v:g}"
    env.tests["list"] = lambda v: isinstance(v, list)
    env.filters["rows"] = lambda items, *keys: [[x[k] for k in keys] for x in items]
    return env


def bar_chart(
    labels: list[str], values: Sequence[float | None], caption: str, color: str = "#c4531a"
) -> dict[str, Any]:
    """A small bar chart's geometry (the table next to it has the exact numbers)."""
    vals = [v or 0.0 for v in values]
    top = max(vals) if vals and max(vals) > 0 else 1.0
    width, height, pad = 640, 160, 24
    step = (width - pad) / max(len(vals), 1)
    bars = [
        {
            "x": f"{pad + i * step + 1:.1f}",
            "y": f"{height - pad - (v / top) * (height - 2 * pad):.1f}",
            "w": f"{max(step - 2, 1):.1f}",
            "h": f"{(v / top) * (height - 2 * pad):.1f}",
            "label": labels[i],
            "value": v,
        }
        for i, v in enumerate(vals)
    ]
    first, last = (labels[0], labels[-1]) if labels else ("", "")
    return {"bars": bars, "top": top, "width": width, "height": height, "pad": pad, "color": color,
            "caption": caption, "first": first, "last": last}  # fmt: skip


def render_report(a: dict[str, Any], title: str = "心角 Nook 互动分析报告") -> str:
    h, b = a["health"], a["barrier"]
    return (
        _env()
        .get_template("report.html")
        .render(
            a=a,
            title=title,
            css=_CSS,
            health_chart=bar_chart(h["labels"], h["comments"], "每期评论数"),
            health_rows=[list(row) for row in zip(*(h[k] for k in _HEALTH), strict=True)],
            barrier_rows=[[b["labels"][k], v] for k, v in b["totals"].items()],
            appeal_rows=[[k, v] for k, v in b["appeal_outcomes"].items()],
            theme_rows=[
                [x["title"], "#" + x["hashtag"], x["starts"], x["ends"], x["posts"], x["author_days"]]
                for x in a["themes"]["rows"]
            ],
        )
    )
