"""Ranked feed vs the chronological feed: latency (p50/p99) and throughput on a synthetic community.

The community (members, friendships, circles, posts, likes, comments with barrier verdicts, ring-flagged
likes) is bulk-inserted with SQLAlchemy core: it is a benchmark fixture, not product data. Post scores
are seeded with the same formula in numpy (per-commenter repeat decay and conversation pairs left out);
then `refresh_scores` (the per-event update) is timed on sampled posts, which also makes their scores exact.

uv run python bench/feed_rank.py --scale 1.0 --db sqlite            # 10k members, 200k posts, 2M likes, 500k comments
uv run python bench/feed_rank.py --scale 1.0 --db postgresql://postgres@127.0.0.1:5432/feedbench
(--data-dir DIR keeps the SQLite file; --no-build measures an existing community again.)
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).parent))
from bulk import fresh_schema, put, site_engine, sync_sequences

DAYS = 30


def build(engine: Engine, scale: float, seed: int = 0) -> dict[str, Any]:
    from nook.social.reach.scores import rank_key
    from nook.store.models import (
        Circle,
        CircleMember,
        Comment,
        CommentVerdict,
        FlaggedLike,
        Friendship,
        Like,
        ModerationCase,
        Post,
        PostScore,
        User,
    )

    rng = np.random.default_rng(seed)
    n_users, n_posts = int(10_000 * scale), int(200_000 * scale)
    n_likes, n_comments = int(2_000_000 * scale), int(500_000 * scale)
    n_circles = max(5, int(50 * scale))
    fresh_schema(engine)  # the shipped migrations, so a server can run on the community as built
    now = datetime.now(UTC)
    t0 = now - timedelta(days=DAYS)
    t = time.perf_counter()

    interests = ["摄影", "旅行", "音乐", "美食", "考研", "猫", "篮球", "读书"]
    put(engine, User.__table__, [
        {"id": i + 1, "username": f"member{i}", "nickname": f"用户{i}", "password_hash": "x", "created_at": t0,
         "interests": [interests[i % 8]], "school": f"第{i % 20}中学", "class_name": f"{i % 12}班",
         "enroll_year": 2020, "privacy": {}, "trust_level": 1}
        for i in range(n_users)
    ])  # fmt: skip
    a = rng.integers(1, n_users + 1, n_users * 10)
    b = rng.integers(1, n_users + 1, n_users * 10)
    pairs = {(int(x), int(y)) for x, y in zip(a, b, strict=True) if x != y}
    pairs |= {(y, x) for x, y in pairs}
    put(engine, Friendship.__table__, [{"user_id": x, "friend_id": y, "created_at": t0} for x, y in pairs])
    put(engine, Circle.__table__, [
        {"id": c + 1, "slug": f"c{c}", "name": f"圈子{c}", "created_at": t0} for c in range(n_circles)
    ])  # fmt: skip
    members = {(int(rng.integers(1, n_circles + 1)), u) for u in range(1, n_users + 1) for _ in range(2)}
    put(engine, CircleMember.__table__, [
        {"circle_id": c, "user_id": u, "role": "member", "status": "active", "joined_at": t0} for c, u in members
    ])  # fmt: skip

    authors = rng.zipf(1.6, n_posts) % n_users + 1
    created = np.sort(rng.uniform(0, DAYS * 86400, n_posts))
    vis = rng.choice(["public", "friends", "circle", "private"], n_posts, p=[0.8, 0.12, 0.05, 0.03])
    circle_of = rng.integers(1, n_circles + 1, n_posts)
    post_at = [t0 + timedelta(seconds=float(s)) for s in created]
    put(engine, Post.__table__, [
        {"id": i + 1, "author_id": int(authors[i]), "body": f"今天的第{i}条日常", "visibility": str(vis[i]),
         "circle_id": int(circle_of[i]) if vis[i] == "circle" else None, "created_at": post_at[i]}
        for i in range(n_posts)
    ])  # fmt: skip

    popularity = rng.pareto(1.2, n_posts) + 1
    p = popularity / popularity.sum()
    lp = rng.choice(n_posts, int(n_likes * 1.1), p=p)  # 10% spare: a member likes a post once
    lu = rng.integers(1, n_users + 1, len(lp))
    key = np.unique(lp.astype(np.int64) * (n_users + 1) + lu)
    key = rng.permutation(key)[:n_likes]
    lp, lu = key // (n_users + 1), key % (n_users + 1)
    like_rows = (
        {"id": i + 1, "user_id": int(lu[i]), "post_id": int(lp[i]) + 1,
         "created_at": post_at[lp[i]] + timedelta(seconds=60)}
        for i in range(len(key))
    )  # fmt: skip
    put(engine, Like.__table__, like_rows)
    with engine.begin() as conn:
        conn.execute(insert(ModerationCase.__table__), [
            {"id": 1, "kind": "like_ring", "status": "open", "reasons": ["bench"], "evidence": {}, "created_at": now}
        ])  # fmt: skip
    flagged = rng.choice(len(key), len(key) // 100, replace=False)
    put(engine, FlaggedLike.__table__, [
        {"like_id": int(i) + 1, "case_id": 1, "post_id": int(lp[i]) + 1, "active": True, "flagged_at": now}
        for i in flagged
    ])  # fmt: skip

    cp = rng.choice(n_posts, n_comments, p=p)
    order = np.argsort(cp, kind="stable")
    cu = rng.integers(1, n_users + 1, n_comments)
    quality = np.clip(rng.normal(55, 20, n_comments), 0, 100).astype(int)
    low = rng.random(n_comments) < 0.2
    quality[low] = np.minimum(quality[low], 15)
    parents, last_on_post = np.zeros(n_comments, dtype=np.int64), {}
    for n, j in enumerate(order):  # 30% of comments answer the latest comment on their post
        post = int(cp[j]) + 1
        parents[n] = last_on_post.get(post, 0) if rng.random() < 0.3 else 0
        last_on_post[post] = n + 1

    def comment_at(n: int) -> datetime:
        return post_at[int(cp[order[n]])] + timedelta(seconds=120 + n % 600)

    put(engine, Comment.__table__, (
        {"id": n + 1, "post_id": int(cp[j]) + 1, "author_id": int(cu[j]), "parent_id": int(parents[n]) or None,
         "body": "评论", "created_at": comment_at(n)}
        for n, j in enumerate(order)
    ))  # fmt: skip
    put(engine, CommentVerdict.__table__, (
        {"comment_id": n + 1, "author_id": int(cu[j]), "score": int(quality[j]), "components": {}, "reasons": [],
         "low_value": bool(low[j]), "offensive": False, "offensive_score": 0.0, "copies": [],
         "folded": bool(low[j]), "cleared": False, "created_at": comment_at(n)}
        for n, j in enumerate(order)
    ))  # fmt: skip

    # seed scores: honest likes + counted comment quality (the product formula without decay/pairs)
    s = _settings()
    honest = np.bincount(lp, minlength=n_posts).astype(float) - np.bincount(lp[flagged], minlength=n_posts)
    good = np.bincount(cp[~low], weights=quality[~low] / 100, minlength=n_posts)
    engagement = s.rank_like_weight * np.log1p(honest) + s.rank_comment_weight * good
    put(engine, PostScore.__table__, (
        {"post_id": i + 1, "author_id": int(authors[i]),
         "circle_id": int(circle_of[i]) if vis[i] == "circle" else None, "engagement": float(engagement[i]),
         "rank_key": rank_key(float(engagement[i]), post_at[i], s.rank_half_life_hours),
         "components": {}, "topics": [interests[i % 8]], "updated_at": now}
        for i in range(n_posts)
    ))  # fmt: skip
    sync_sequences(engine)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    counts = {"members": n_users, "friendships": len(pairs), "posts": n_posts, "likes": len(key),
              "flagged_likes": len(flagged), "comments": n_comments}  # fmt: skip
    with engine.connect() as conn:
        assert conn.scalar(select(text("count(*)")).select_from(Like.__table__)) == len(key)
    return {**counts, "build_s": round(time.perf_counter() - t, 1)}


def _settings() -> Any:
    from nook.config import get_settings

    return get_settings()


def _time(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _summary(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {
        "p50_ms": round(statistics.median(ms), 2),
        "p99_ms": round(ms[min(len(ms) - 1, math.ceil(0.99 * len(ms)) - 1)], 2),
        "per_s": round(1000 * len(ms) / sum(ms), 1),
    }


def measure(requests: int, seed: int = 1) -> dict[str, Any]:
    from nook.social.authz import load_viewer
    from nook.social.content import feed
    from nook.social.reach import ranking, scores
    from nook.store.db import read_session, transaction
    from nook.store.models import User

    rng = np.random.default_rng(seed)
    with read_session() as s:
        n_users = s.scalar(select(text("max(id)")).select_from(User.__table__))
        n_posts = s.scalar(text("select max(id) from posts"))
    ids = [int(i) for i in rng.integers(1, n_users + 1, requests)]
    results: dict[str, list[float]] = {"chronological (home_feed)": [], "chronological (public_posts)": [],
                                       "ranked (ranked_feed)": []}  # fmt: skip
    with read_session() as s:
        for uid in ids:  # viewers are loaded once per request in the app, for every kind of feed alike
            me = s.get(User, uid)
            viewer = load_viewer(s, me)
            results["chronological (home_feed)"] += _time(lambda v=viewer: feed.home_feed(s, v, limit=20), 1)
            results["chronological (public_posts)"] += _time(lambda v=viewer: feed.public_posts(s, v, limit=20), 1)
            results["ranked (ranked_feed)"] += _time(lambda v=viewer, m=me: ranking.ranked_feed(s, v, m, limit=20), 1)
    posts = [int(i) for i in rng.integers(1, n_posts + 1, min(requests, 200))]
    update: list[float] = []
    for pid in posts:  # what each like or comment event costs after commit
        with transaction() as s:
            update += _time(lambda p=pid: scores.refresh_scores(s, [p]), 1)
    out = {k: _summary(v) for k, v in results.items()}
    out["score update per event (refresh_scores)"] = _summary(update)
    base = out["chronological (home_feed)"]["p50_ms"]
    out["ranked_vs_home_p50_ratio"] = round(out["ranked (ranked_feed)"]["p50_ms"] / base, 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 10k members / 200k posts / 2M likes / 500k comments"
    )
    ap.add_argument("--db", default="sqlite", help="'sqlite' (a temporary file) or a PostgreSQL URL")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--data-dir", help="SQLite: keep the database in this folder (default: a temporary one)")
    ap.add_argument("--no-build", action="store_true", help="measure the community built by an earlier run")
    args = ap.parse_args()
    engine = site_engine(args.db, args.data_dir, "feedbench-")
    if not args.no_build:
        print("dataset", build(engine, args.scale), flush=True)
    for k, v in measure(args.requests).items():
        print(f"{k:45s} {v}")


if __name__ == "__main__":
    main()
