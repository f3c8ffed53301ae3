"""The analytics overview as one self-contained HTML document: inline styles, inline SVG charts, no scripts.

Used by `nook report` and the weekly digest download (an e-mail body or a file to forward).
"""

from __future__ import annotations

from html import escape
from typing import Any

_CSS = """
body{font:14px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#3a2a20;
background:#fdf6ee;margin:0;padding:16px}main{max-width:960px;margin:0 auto}
section{background:#fffdf9;border:1px solid #efdfd0;border-radius:12px;padding:12px 16px;margin:0 0 14px}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin:0 0 8px}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #efdfd0}td.n,th.n{text-align:right}
.muted{color:#7a6456}dl{display:flex;flex-wrap:wrap;gap:8px 24px;margin:0}dt{color:#7a6456;font-size:.8rem}
dd{margin:0;font-size:1.2rem;font-weight:700}.wrap{overflow-x:auto}svg{max-width:100%;height:auto}
"""


def _fmt(v: Any, pct: bool = False) -> str:
    if v is None:
        return "–"
    if isinstance(v, list):
        return "–".join(_fmt(x, pct) for x in v)
    if pct and isinstance(v, int | float):
        return f"{v * 100:.1f}%"
    if isinstance(v, float):
        return f"{v:g}"
    return escape(str(v))


def _table(headers: list[str], rows: list[list[Any]], pct_cols: set[int] | None = None) -> str:
    pct_cols = pct_cols or set()
    head = "".join(f'<th scope="col"{" class=n" if i else ""}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i else ''}>{_fmt(v, i in pct_cols)}</td>" if i else f'<th scope="row">{_fmt(v)}</th>'
            for i, v in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return f'<div class="wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _bars(labels: list[str], values: list[float | None], caption: str, color: str = "#c4531a") -> str:
    """A small bar chart as SVG (the table next to it has the exact numbers)."""
    vals = [v or 0.0 for v in values]
    top = max(vals) if vals and max(vals) > 0 else 1.0
    width, height, pad = 640, 160, 24
    step = (width - pad) / max(len(vals), 1)
    bars = "".join(
        f'<rect x="{pad + i * step + 1:.1f}" y="{height - pad - (v / top) * (height - 2 * pad):.1f}" '
        f'width="{max(step - 2, 1):.1f}" height="{(v / top) * (height - 2 * pad):.1f}" fill="{color}">'
        f"<title>{escape(labels[i])}: {v:g}</title></rect>"
        for i, v in enumerate(vals)
    )
    axis = (
        f'<text x="{pad}" y="{height - 6}" font-size="11" fill="#7a6456">{escape(labels[0]) if labels else ""}</text>'
        f'<text x="{width}" y="{height - 6}" font-size="11" fill="#7a6456" text-anchor="end">'
        f"{escape(labels[-1]) if labels else ''}</text>"
        f'<text x="0" y="14" font-size="11" fill="#7a6456">{top:g}</text>'
    )
    return (
        f'<svg role="img" aria-label="{escape(caption)}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">{bars}{axis}</svg>'
    )


def render_report(a: dict[str, Any], title: str = "心角 Nook 互动分析报告") -> str:
    r, t, h = a["range"], a["totals"], a["health"]
    scope = f"圈子：{escape(a['circle']['name'])}" if a.get("circle") else "全站"
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">{escape(r["from"])} 至 {escape(r["to"])} · {scope} · 时区 {escape(a["timezone"])}'
        f" · 统计于 {escape(a['computed_at'] or '尚未统计')}</p>",
        "<section><h2>总览</h2><dl>"
        + "".join(
            f"<div><dt>{escape(k)}</dt><dd>{_fmt(v, pct)}</dd></div>"
            for k, v, pct in [
                ("说说", t["posts"], False),
                ("评论", t["comments"], False),
                ("每条说说的评论", t["comments_per_post"], False),
                ("每条评论的回复", t["replies_per_comment"], False),
                ("走心评论占比", t["warm_share"], True),
                ("低质评论占比", t["low_share"], True),
                ("质量分中位数", t["median_score"], False),
                ("无人评论的说说", t["nocomment_share"], True),
                ("新成员", t["new_members"], False),
                ("一天内得到回应的新成员", t["new_welcomed"], False),
            ]
        )
        + "</dl></section>",
    ]
    parts.append(
        "<section><h2>互动健康</h2>"
        + _bars(h["labels"], h["comments"], "每期评论数")
        + _table(
            [
                "时段",
                "说说",
                "评论",
                "回复",
                "评论/说说",
                "回复/评论",
                "走心",
                "普通",
                "低质",
                "质量中位数",
                "无评论说说",
                "活跃成员",
            ],
            [
                [
                    h["labels"][i],
                    h["posts"][i],
                    h["comments"][i],
                    h["replies"][i],
                    h["comments_per_post"][i],
                    h["replies_per_comment"][i],
                    h["warm_share"][i],
                    h["normal_share"][i],
                    h["low_share"][i],
                    h["median_score"][i],
                    h["nocomment_share"][i],
                    h["active"][i],
                ]
                for i in range(len(h["labels"]))
            ],
            {6, 7, 8, 10},
        )
        + "</section>"
    )
    hooks = a["hooks"]["rows"]
    parts.append(
        "<section><h2>钩子效果</h2>"
        '<p class="muted">留言率：一周内有他人评论的说说占比；倍数为相对无钩子说说，括号内为 95% 置信区间。</p>'
        + _table(
            ["钩子", "说说", "有评论", "留言率", "区间", "倍数", "倍数区间", "走心留言率", "走心倍数", "走心倍数区间"],
            [
                [
                    x["label"],
                    x["posts"],
                    x["commented"],
                    x["comment_rate"],
                    x["comment_ci"],
                    x["ratio"],
                    x["ratio_ci"],
                    x["warm_rate"],
                    x["warm_ratio"],
                    x["warm_ratio_ci"],
                ]
                for x in hooks
            ],
            {3, 4, 7},
        )
        + (f'<p class="muted">{escape(a["hooks"]["note"])}</p>' if a["hooks"]["note"] else "")
        + "</section>"
    )
    s = a["suggestions"]
    sug_rows = [s["total"], *s["by_emotion"], *s["by_scene"]]
    parts.append(
        "<section><h2>留言建议</h2>"
        + _table(
            [
                "分组",
                "展示",
                "直接使用",
                "修改后使用",
                "忽略",
                "使用率",
                "用建议的评论",
                "平均质量",
                "不用建议的评论",
                "平均质量",
            ],
            [
                [
                    x["label"],
                    x["offers"],
                    x["used"],
                    x["edited"],
                    x["ignored"],
                    x["use_rate"],
                    x["with_n"],
                    x["with_mean"],
                    x["without_n"],
                    x["without_mean"],
                ]
                for x in sug_rows
            ],
            {5},
        )
        + (f'<p class="muted">{escape(s["note"])}</p>' if s["note"] else "")
        + "</section>"
    )
    b = a["barrier"]
    parts.append(
        "<section><h2>门槛与治理</h2>"
        + _table(["项目", "数量"], [[b["labels"][k], v] for k, v in b["totals"].items()])
        + _table(["申诉结果", "数量"], [[k, v] for k, v in b["appeal_outcomes"].items()] or [["（无）", 0]])
        + "</section>"
    )
    c = a["circles"]
    parts.append(
        "<section><h2>圈子</h2>"
        + (
            _table(
                ["圈子", "说说", "评论", "评论/说说", "平均质量", "走心占比", "新加入"],
                [
                    [
                        x["name"],
                        x["posts"],
                        x["comments"],
                        x["comments_per_post"],
                        x["mean_score"],
                        x["warm_share"],
                        x["joins"],
                    ]
                    for x in c["rows"]
                ],
                {5},
            )
            if c["rows"]
            else f'<p class="muted">{escape(c["note"])}</p>'
        )
        + "</section>"
    )
    sc, th = a["scenes"], a["themes"]
    parts.append(
        "<section><h2>校园与同城提示</h2>"
        + (
            _table(
                ["提示", "展示", "开启对话", "转化率"],
                [[x["label"], x["shown"], x["acted"], x["rate"]] for x in sc["rows"]],
                {3},
            )
            if sc["rows"]
            else f'<p class="muted">{escape(sc["note"])}</p>'
        )
        + "</section><section><h2>主题周参与</h2>"
        + (
            _table(
                ["主题", "话题", "开始", "结束", "说说", "参与人次（按天）"],
                [
                    [x["title"], "#" + x["hashtag"], x["starts"], x["ends"], x["posts"], x["author_days"]]
                    for x in th["rows"]
                ],
            )
            if th["rows"]
            else f'<p class="muted">{escape(th["note"])}</p>'
        )
        + "</section>"
    )
    return (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>"
        + "".join(parts)
        + "</main></body></html>"
    )
