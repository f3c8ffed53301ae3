"""Operator analytics, read from the rollups only (see `rollup` and `sources` for how each figure is made).

`overview` returns one JSON-ready dict: the admin page, the API, the CSV downloads, the weekly digest
and `nook report` all show this same dict. The whole site's for site admins; one circle's for its owners
and moderators too (authz.can_see_analytics).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import NotFound
from nook.phrases import N_
from nook.social.analytics.query import Query, require_access
from nook.social.analytics.sources import SITE
from nook.social.analytics.stats import median_from_histogram, rate, rate_ratio, wilson
from nook.social.authz import Viewer
from nook.social.labels import (
    ACTION_LABELS,
    CASE_LABELS,
    EMOTION_LABELS,
    FOLD_LABELS,
    HOOK_LABELS,
    PROMPT_LABELS,
    SCENE_LABELS,
    STATUS_LABELS,
)
from nook.social.localtime import local_day, local_today
from nook.store.models import AnalyticsRollup, Circle, ModerationCase, ThemeWeek


def overview(session: Session, viewer: Viewer, q: Query) -> dict[str, Any]:
    require_access(viewer, q.circle_id)
    circle = session.get(Circle, q.circle_id) if q.circle_id else None
    if q.circle_id and circle is None:
        raise NotFound(N_("找不到这个圈子"))
    scope = q.circle_id or SITE
    data = _load(session, scope, q.start, q.end)
    buckets = _buckets(q)
    computed = session.scalar(select(func.max(AnalyticsRollup.computed_at)))
    return {
        "range": {"from": q.start.isoformat(), "to": q.end.isoformat(), "grain": q.grain},
        "circle": {"id": circle.id, "slug": circle.slug, "name": circle.name} if circle else None,
        "timezone": get_settings().timezone,
        "warm_score": get_settings().analytics_warm_score,
        "computed_at": computed.isoformat() if computed else None,
        "health": _health(data, buckets, q),
        "totals": _totals(data),
        "hooks": _hooks(data),
        "suggestions": _suggestions(data),
        "barrier": _barrier(session, data, buckets, q, scope),
        "circles": _circles(session, q) if scope == SITE else {"rows": [], "note": N_("按圈子筛选时不显示圈子对比")},
        "scenes": _scenes(data),
        "themes": _themes(session, data, q),
    }


# --- reading the rollups -------------------------------------------------------------------------------------

_Data = dict[str, dict[str, dict[date, float]]]  # metric -> key -> day -> value


def _load(session: Session, scope: int, start: date, end: date) -> _Data:
    data: _Data = defaultdict(lambda: defaultdict(dict))
    stmt = select(AnalyticsRollup.metric, AnalyticsRollup.key, AnalyticsRollup.day, AnalyticsRollup.value).where(
        AnalyticsRollup.circle_id == scope, AnalyticsRollup.day >= start, AnalyticsRollup.day <= end
    )
    for metric, key, day, value in session.execute(stmt):
        data[metric][key][day] = value
    return data


def _buckets(q: Query) -> list[tuple[str, list[date]]]:
    """(label, days) per chart point: each day, or each week (Monday label) clipped to the range."""
    days = [q.start + timedelta(days=i) for i in range((q.end - q.start).days + 1)]
    if q.grain == "day":
        return [(d.isoformat(), [d]) for d in days]
    weeks: dict[date, list[date]] = {}
    for d in days:
        weeks.setdefault(d - timedelta(days=d.weekday()), []).append(d)
    return [(monday.isoformat(), ds) for monday, ds in weeks.items()]


def _sum(data: _Data, metric: str, key: str = "", days: list[date] | None = None) -> float:
    series = data.get(metric, {}).get(key, {})
    return sum(series.get(d, 0.0) for d in days) if days is not None else sum(series.values())


def _keys_sum(data: _Data, metric: str) -> dict[str, float]:
    return {k: sum(v.values()) for k, v in data.get(metric, {}).items()}


def _r(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(x, digits)


def _histogram(data: _Data, days: list[date] | None = None) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    for key, series in data.get("score", {}).items():
        for d, n in series.items():
            if days is None or d in days:
                out[int(key)] += n
    return out


# --- panels --------------------------------------------------------------------------------------------------


def _health(data: _Data, buckets: list[tuple[str, list[date]]], q: Query) -> dict[str, Any]:
    out: dict[str, list[Any]] = defaultdict(list)
    for label, days in buckets:
        s = {m: _sum(data, m, "", days) for m in _HEALTH_COUNTS}
        out["labels"].append(label)
        for m in ("posts", "comments", "replies", "likes", "new_members", "new_welcomed"):
            out[m].append(int(s[m]))
        out["comments_per_post"].append(_r(rate(s["comments"], s["posts"]), 2))
        out["replies_per_comment"].append(_r(rate(s["replies"], s["comments"]), 3))
        for cls in ("warm", "normal", "low"):
            out[f"{cls}_share"].append(_r(rate(s[f"comments_{cls}"], s["assessed"])))
        out["median_score"].append(median_from_histogram(_histogram(data, days)))
        out["nocomment_share"].append(_r(rate(s["posts_nocomment"], s["posts"])))
        # Members active in a week are not the sum of each day's: a week shows the daily average.
        out["active"].append(_r(s["active"] / len(days), 1) if q.grain == "week" else int(s["active"]))
    return dict(out)


_HEALTH_COUNTS = (
    "posts",
    "comments",
    "replies",
    "likes",
    "assessed",
    "comments_warm",
    "comments_normal",
    "comments_low",
    "posts_nocomment",
    "active",
    "new_members",
    "new_posted",
    "new_welcomed",
)


def _totals(data: _Data) -> dict[str, Any]:
    s = {m: _sum(data, m) for m in _HEALTH_COUNTS}
    return {
        "posts": int(s["posts"]),
        "comments": int(s["comments"]),
        "replies": int(s["replies"]),
        "likes": int(s["likes"]),
        "assessed": int(s["assessed"]),
        "comments_per_post": _r(rate(s["comments"], s["posts"]), 2),
        "replies_per_comment": _r(rate(s["replies"], s["comments"])),
        "warm_share": _r(rate(s["comments_warm"], s["assessed"])),
        "normal_share": _r(rate(s["comments_normal"], s["assessed"])),
        "low_share": _r(rate(s["comments_low"], s["assessed"])),
        "median_score": median_from_histogram(_histogram(data)),
        "nocomment_share": _r(rate(s["posts_nocomment"], s["posts"])),
        "new_members": int(s["new_members"]),
        "new_posted": int(s["new_posted"]),
        "new_welcomed": int(s["new_welcomed"]),
        "welcomed_share": _r(rate(s["new_welcomed"], s["new_posted"])),
    }


def hook_effect(posts: dict[str, float], commented: dict[str, float], warm: dict[str, float]) -> list[dict[str, Any]]:
    """Comment and warm-comment rate per hook type against posts without a hook, with 95% intervals."""
    base_n, base_c, base_w = posts.get("none", 0.0), commented.get("none", 0.0), warm.get("none", 0.0)
    types = sorted((k for k in posts if k != "none"), key=lambda k: -posts[k])
    rows = []
    any_n = sum(posts[k] for k in types)
    any_c = sum(commented.get(k, 0.0) for k in types)
    any_w = sum(warm.get(k, 0.0) for k in types)
    groups = [("any", any_n, any_c, any_w)] if types else []
    groups += [(k, posts[k], commented.get(k, 0.0), warm.get(k, 0.0)) for k in types]
    groups.append(("none", base_n, base_c, base_w))
    for kind, n, c, w in groups:
        ratio = rate_ratio(c, n, base_c, base_n) if kind != "none" else None
        warm_ratio = rate_ratio(w, n, base_w, base_n) if kind != "none" else None
        rows.append(
            {
                "type": kind,
                "label": HOOK_LABELS.get(kind, kind),
                "posts": int(n),
                "commented": int(c),
                "warm": int(w),
                "comment_rate": _r(rate(c, n)),
                "comment_ci": _ci(wilson(c, n)),
                "warm_rate": _r(rate(w, n)),
                "warm_ci": _ci(wilson(w, n)),
                "ratio": _r(ratio[0], 2) if ratio else None,
                "ratio_ci": _ci(ratio[1:], 2) if ratio else None,
                "warm_ratio": _r(warm_ratio[0], 2) if warm_ratio else None,
                "warm_ratio_ci": _ci(warm_ratio[1:], 2) if warm_ratio else None,
            }
        )
    return rows


def _ci(pair: tuple[float, ...] | None, digits: int = 3) -> list[float] | None:
    return [round(pair[0], digits), round(pair[1], digits)] if pair else None


def _hooks(data: _Data) -> dict[str, Any]:
    rows = hook_effect(_keys_sum(data, "hook_posts"), _keys_sum(data, "hook_commented"), _keys_sum(data, "hook_warm"))
    return {"rows": rows, "note": "" if rows and rows[-1]["posts"] else N_("所选时段还没有分析过的说说")}


def _suggestions(data: _Data) -> dict[str, Any]:
    offers = _keys_sum(data, "sug_offers")

    def row(key: str, label: str) -> dict[str, Any]:
        n = offers.get(key, 0.0)
        used, edited = _sum(data, "sug_used", key), _sum(data, "sug_edited", key)
        ignored = _sum(data, "sug_ignored", key)
        qs_n, qn_n = _sum(data, "qs_n", key), _sum(data, "qn_n", key)
        return {
            "key": key,
            "label": label,
            "offers": int(n),
            "used": int(used),
            "edited": int(edited),
            "ignored": int(ignored),
            "use_rate": _r(rate(used + edited, n)),
            "with_n": int(qs_n),
            "with_mean": _r(rate(_sum(data, "qs_sum", key), qs_n), 1),
            "with_warm": _r(rate(_sum(data, "qs_warm", key), qs_n)),
            "without_n": int(qn_n),
            "without_mean": _r(rate(_sum(data, "qn_sum", key), qn_n), 1),
            "without_warm": _r(rate(_sum(data, "qn_warm", key), qn_n)),
        }

    keys = set(offers) | set(_keys_sum(data, "qs_n"))
    by_emotion = [row(k, EMOTION_LABELS.get(k[2:], k[2:])) for k in sorted(keys) if k.startswith("e:")]
    by_scene = [row(k, SCENE_LABELS.get(k[2:], k[2:])) for k in sorted(keys) if k.startswith("s:")]
    total = row("", N_("全部"))
    return {
        "total": total,
        "by_emotion": sorted(by_emotion, key=lambda r: -r["offers"]),
        "by_scene": sorted(by_scene, key=lambda r: -r["offers"]),
        "note": "" if total["offers"] else N_("所选时段没有展示过留言建议"),
    }


BARRIER_SERIES = (
    ("folded", N_("折叠的低质评论")),
    ("copy_clusters", N_("复制粘贴簇")),
    ("rings", N_("刷赞团伙")),
    ("throttles", N_("限流账号")),
    ("likes_discounted", N_("不计入的点赞")),
    ("appeals", N_("申诉")),
    ("mod_actions", N_("管理员操作")),
)


def _barrier(
    session: Session, data: _Data, buckets: list[tuple[str, list[date]]], q: Query, scope: int
) -> dict[str, Any]:
    def total(metric: str, days: list[date]) -> float:
        if metric == "rings":
            return _sum(data, "cases", "like_ring", days)
        if metric == "throttles":
            return _sum(data, "cases", "comment_throttle", days)
        return sum(_sum(data, metric, k, days) for k in data.get(metric, {}))

    series: dict[str, list[Any]] = {"labels": [label for label, _ in buckets]}
    for metric, _label in BARRIER_SERIES:
        series[metric] = [int(total(metric, days)) for _l, days in buckets]
    all_days = [d for _l, ds in buckets for d in ds]
    start, end = q.span()
    cases = select(ModerationCase).where(ModerationCase.created_at >= start, ModerationCase.created_at < end)
    if scope != SITE:
        cases = cases.where(ModerationCase.circle_id == scope)
    recent = session.scalars(cases.order_by(ModerationCase.id.desc()).limit(10)).all()
    return {
        "series": series,
        "labels": dict(BARRIER_SERIES),
        "totals": {m: int(total(m, all_days)) for m, _ in BARRIER_SERIES},
        "fold_reasons": {FOLD_LABELS.get(k, k): int(v) for k, v in _keys_sum(data, "folded").items()},
        "appeal_outcomes": {STATUS_LABELS.get(k, k): int(v) for k, v in _keys_sum(data, "appeals").items()},
        "mod_actions": {ACTION_LABELS.get(k, k): int(v) for k, v in _keys_sum(data, "mod_actions").items()},
        "system_actions": {ACTION_LABELS.get(k, k): int(v) for k, v in _keys_sum(data, "system_actions").items()},
        "recent_cases": [
            {
                "id": c.id,
                "kind": CASE_LABELS.get(c.kind, c.kind),
                "status": STATUS_LABELS.get(c.status, c.status),
                "created_at": c.created_at.isoformat(),
                "url": f"/admin/cases/{c.id}",
            }
            for c in recent
        ],
        "links": {"cases": "/admin/cases", "clusters": "/admin/clusters"},
    }


def _circles(session: Session, q: Query) -> dict[str, Any]:
    metrics = ("posts", "comments", "assessed", "comments_warm", "comments_low", "qn_sum", "qs_sum", "circle_joins")
    stmt = (
        select(AnalyticsRollup.circle_id, AnalyticsRollup.metric, func.sum(AnalyticsRollup.value))
        .where(
            AnalyticsRollup.circle_id != SITE,
            AnalyticsRollup.day >= q.start,
            AnalyticsRollup.day <= q.end,
            AnalyticsRollup.metric.in_(metrics),
            AnalyticsRollup.key == "",
        )
        .group_by(AnalyticsRollup.circle_id, AnalyticsRollup.metric)
    )
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for circle_id, metric, value in session.execute(stmt):
        sums[circle_id][metric] = float(value or 0)
    names = {c.id: c for c in session.scalars(select(Circle).where(Circle.id.in_(list(sums))))}
    rows: list[dict[str, Any]] = []
    for cid, s in sums.items():
        circle = names.get(cid)
        if circle is None:
            continue
        rows.append(
            {
                "id": cid,
                "slug": circle.slug,
                "name": circle.name,
                "posts": int(s["posts"]),
                "comments": int(s["comments"]),
                "comments_per_post": _r(rate(s["comments"], s["posts"]), 2),
                "mean_score": _r(rate(s["qn_sum"] + s["qs_sum"], s["assessed"]), 1),
                "warm_share": _r(rate(s["comments_warm"], s["assessed"])),
                "low_share": _r(rate(s["comments_low"], s["assessed"])),
                "joins": int(s["circle_joins"]),
            }
        )
    rows.sort(key=lambda r: (-r["comments"], -r["posts"], r["id"]))
    return {"rows": rows, "note": "" if rows else N_("所选时段圈子里没有动态")}


def _scenes(data: _Data) -> dict[str, Any]:
    shown, acted = _keys_sum(data, "prompts_shown"), _keys_sum(data, "prompts_acted")
    rows = [
        {
            "kind": k,
            "label": PROMPT_LABELS.get(k, k),
            "shown": int(shown[k]),
            "acted": int(acted.get(k, 0)),
            "rate": _r(rate(acted.get(k, 0), shown[k])),
            "ci": _ci(wilson(acted.get(k, 0), shown[k])),
        }
        for k in sorted(shown, key=lambda k: -shown[k])
    ]
    note = "" if rows else N_("所选时段还没有展示过校园回忆或同城提示（这些提示上线并被看到后才会有数据）")
    return {"rows": rows, "note": note}


def _themes(session: Session, data: _Data, q: Query) -> dict[str, Any]:
    posts, authors = _keys_sum(data, "theme_posts"), _keys_sum(data, "theme_authors")
    start, end = q.span()
    stmt = select(ThemeWeek).where(ThemeWeek.starts_at < end, ThemeWeek.ends_at > start)
    if q.circle_id:
        stmt = stmt.where(ThemeWeek.circle_id == q.circle_id)
    weeks = session.scalars(stmt.order_by(ThemeWeek.starts_at).limit(50)).all()
    rows = [
        {
            "id": w.id,
            "title": w.title,
            "hashtag": w.hashtag,
            "starts": local_day(w.starts_at).isoformat(),
            "ends": local_day(w.ends_at - timedelta(seconds=1)).isoformat(),
            "circle_id": w.circle_id,
            "posts": int(posts.get(str(w.id), 0)),
            "author_days": int(authors.get(str(w.id), 0)),
        }
        for w in weeks
    ]
    return {"rows": rows, "note": "" if rows else N_("所选时段没有主题周")}


def headline(session: Session, viewer: Viewer, days: int = 7) -> dict[str, str]:
    """A few figures of the last `days` days for the insights slot, labelled for display."""
    require_access(viewer)
    end = local_today()
    q = Query(end - timedelta(days=days - 1), end)
    t = _totals(_load(session, SITE, q.start, q.end))

    def pct(v: float | None) -> str:
        return "–" if v is None else f"{v * 100:.1f}%"

    return {
        N_("近 7 天说说"): str(t["posts"]),
        N_("评论 / 说说"): "–" if t["comments_per_post"] is None else str(t["comments_per_post"]),
        N_("走心评论"): pct(t["warm_share"]),
        N_("无人评论的说说"): pct(t["nocomment_share"]),
    }
