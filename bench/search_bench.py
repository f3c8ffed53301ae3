"""搜索 latency: a 2-character Chinese query over 200,000 posts, against the newest-first public list.

The community (members, friendships, circles, posts of every visibility written from a Chinese word list
with a Zipf word frequency, so some words are in a tenth of all posts and some in a few dozen) is
bulk-inserted with SQLAlchemy core: a benchmark fixture, not product data. The schema is made by the
shipped migrations, so SQLite's FTS5 table and its triggers, and PostgreSQL's GIN index, are the real ones;
each post's words come from the same `search_terms` the write path uses.

Timed per request, through the service the API calls (`search.query.search`, type=posts, 20 posts with
their cards and snippets; the viewer loaded once per request as in the app), for 2-character words of
high, middle and low frequency; the baseline is `feed.public_posts` (广场, 20 posts) in the same run.

uv run python bench/search_bench.py --posts 200000 --requests 300                 # SQLite, temporary file
uv run python bench/search_bench.py --posts 200000 --requests 300 --db postgresql://postgres@127.0.0.1:5432/searchbench
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select, text
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).parent))
from bulk import fresh_schema, put, site_engine

# Everyday words of Chinese social posts (written for this benchmark); two-character words first.
WORDS = (  # noqa: SIM905 (a word list reads best as text)
    "今天 明天 周末 上班 下班 吃饭 火锅 奶茶 咖啡 电影 音乐 旅行 拍照 天气 下雨 晴天 朋友 同学 老师 考试 "
    "作业 复习 图书 跑步 健身 游泳 篮球 足球 猫咪 小狗 宝宝 妈妈 爸爸 家里 学校 公司 地铁 公交 开心 难过 "
    "加油 努力 放假 回家 晚霞 日出 樱花 秋天 冬天 夏天 春天 雪花 海边 爬山 公园 超市 做饭 蛋糕 甜品 早餐 "
    "晚饭 夜宵 熬夜 睡觉 起床 闹钟 耳机 手机 电脑 游戏 追剧 综艺 小说 漫画 画画 唱歌 跳舞 吉他 钢琴 摄影 "
    "相机 花店 书店 面包 草莓 西瓜 橘子 苹果 散步 骑车 搬家 租房 工作 面试 实习 毕业 开学 生日 礼物 惊喜 "
    "的 了 我 你 很 也 就 都 还 又 在 和 去 看 吃 好 真 太 有 是"
).split()


def build(engine: Engine, n_posts: int, seed: int = 0) -> dict[str, Any]:
    from nook.engine.segment import search_terms
    from nook.store.models import Circle, CircleMember, Friendship, Post, PostSearch, User

    fresh_schema(engine)
    rng = np.random.default_rng(seed)
    n_users, n_circles = max(100, n_posts // 20), 50
    t0 = datetime.now(UTC) - timedelta(days=30)
    started = time.perf_counter()
    put(engine, User.__table__, [
        {"id": i + 1, "username": f"u{i}", "nickname": f"用户{i}", "password_hash": "x", "created_at": t0,
         "privacy": {}, "trust_level": 1}
        for i in range(n_users)
    ])  # fmt: skip
    a, b = rng.integers(1, n_users + 1, n_users * 10), rng.integers(1, n_users + 1, n_users * 10)
    pairs = {(int(x), int(y)) for x, y in zip(a, b, strict=True) if x != y}
    pairs |= {(y, x) for x, y in pairs}
    put(engine, Friendship.__table__, [{"user_id": x, "friend_id": y, "created_at": t0} for x, y in pairs])
    put(engine, Circle.__table__, [{"id": c + 1, "slug": f"c{c}", "name": f"圈子{c}", "created_at": t0}
                                    for c in range(n_circles)])  # fmt: skip
    members = {(int(rng.integers(1, n_circles + 1)), u) for u in range(1, n_users + 1) for _ in range(2)}
    put(engine, CircleMember.__table__, [
        {"circle_id": c, "user_id": u, "role": "member", "status": "active", "joined_at": t0} for c, u in members
    ])  # fmt: skip
    weights = 1.0 / np.arange(1, len(WORDS) + 1) ** 0.9
    picks = rng.choice(len(WORDS), (n_posts, 8), p=weights / weights.sum())
    authors = rng.integers(1, n_users + 1, n_posts)
    vis = rng.choice(["public", "friends", "circle", "private"], n_posts, p=[0.8, 0.12, 0.05, 0.03])
    circle_of = rng.integers(1, n_circles + 1, n_posts)
    bodies = ["".join(WORDS[w] for w in row[: 3 + i % 6]) + "。" for i, row in enumerate(picks)]
    put(engine, Post.__table__, [
        {"id": i + 1, "author_id": int(authors[i]), "body": bodies[i], "visibility": str(vis[i]),
         "circle_id": int(circle_of[i]) if vis[i] == "circle" else None,
         "created_at": t0 + timedelta(seconds=i * 12)}
        for i in range(n_posts)
    ])  # fmt: skip
    put(engine, PostSearch.__table__, ({"post_id": i + 1, "terms": " ".join(search_terms(bodies[i]))}
                                        for i in range(n_posts)))  # fmt: skip
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return {
        "users": n_users,
        "posts": n_posts,
        "friendships": len(pairs),
        "build_s": round(time.perf_counter() - started),
    }


#: This process's CPU time per request, beside the wall time: on a shared, loaded machine the wall time
#: mostly measures waiting for a core (and on PostgreSQL the server's own work is not in it).
_cpu: list[float] = []


def _time(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    _cpu.clear()
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - t) * 1000)
        _cpu.append((time.process_time() - c) * 1000)
    return out


def _summary(ms: list[float], cpu_ms: list[float] | None = None) -> str:
    q = statistics.quantiles(ms, n=100, method="inclusive")
    cpu = statistics.median(_cpu if cpu_ms is None else cpu_ms)
    return f"p50 {statistics.median(ms):7.2f} ms   p95 {q[94]:7.2f} ms   max {max(ms):7.2f} ms   cpu p50 {cpu:6.2f} ms"


def measure(requests: int, seed: int = 1) -> None:
    from nook.social.authz import load_viewer
    from nook.social.content import feed
    from nook.social.content.cards import post_cards
    from nook.social.search import query
    from nook.store.db import read_session
    from nook.store.models import Post, PostSearch, User

    rng = np.random.default_rng(seed)
    with read_session() as s:
        n_users = s.scalar(select(User.id).order_by(User.id.desc()).limit(1)) or 1
        total = s.query(Post).count()
        counts = {w: s.query(PostSearch).filter(PostSearch.terms.contains(w)).count() for w in WORDS[:100]}
    two = sorted((c, w) for w, c in counts.items() if len(w) == 2)
    classes = {"frequent": two[-3:], "middle": two[len(two) // 2 - 1 : len(two) // 2 + 2], "rare": two[:3]}
    viewers = [int(v) for v in rng.integers(1, n_users + 1, requests)]

    def one(fn: Callable[[Any, Any], object]) -> Callable[[], object]:
        it = iter(itertools.cycle(viewers))

        def run() -> object:
            with read_session() as s:
                viewer = load_viewer(s, s.get(User, next(it)))
                return fn(s, viewer)

        return run

    print(f"posts {total}")
    baseline = _time(one(lambda s, v: post_cards(s, v, feed.public_posts(s, v, limit=20).items)), requests)
    print(f"{'baseline: 广场 (public_posts + cards), 20':44s} {_summary(baseline)}")
    every: list[float] = []
    every_cpu: list[float] = []
    for name, words in classes.items():
        for n, w in words:
            ms = _time(one(lambda s, v, w=w: query.search(s, v, w, kind="posts", limit=20)), requests // 3)
            every += ms
            every_cpu += _cpu
            print(f"{'search ' + w + f' ({name}, {n / total:.2%} of posts)':44s} {_summary(ms)}")
    q = statistics.quantiles(every, n=100, method="inclusive")
    print(f"{'search, all 2-character queries':44s} {_summary(every, every_cpu)}")
    if engine_name() == "postgresql":
        for _, w in [*classes["frequent"], *classes["rare"]]:
            print(f"{'server time (EXPLAIN ANALYZE) ' + w:44s} p50 {_server_ms(w, viewers):7.2f} ms")
    print(f"p95 ratio search / baseline: {q[94] / statistics.quantiles(baseline, n=100, method='inclusive')[94]:.1f}x")


def engine_name() -> str:
    from nook.store.db import get_engine

    return get_engine().dialect.name


def _server_ms(word: str, viewers: list[int], n: int = 30) -> float:
    """PostgreSQL's own execution time of the search query (its planner's choice, no client or Python)."""
    from sqlalchemy.dialects import postgresql

    from nook.social.authz import load_viewer
    from nook.social.search.index import matching_posts
    from nook.store.db import read_session
    from nook.store.models import User

    out = []
    with read_session() as s:
        for uid in viewers[:n]:
            stmt, post_id = matching_posts(s, [word])
            stmt = stmt.where(authz_filter(load_viewer(s, s.get(User, uid)))).order_by(post_id.desc()).limit(21)
            compiled = stmt.compile(dialect=postgresql.dialect())
            cur = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
            cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + str(compiled), compiled.params)
            out.append(float(cur.fetchone()[0][0]["Execution Time"]))
    return statistics.median(out)


def authz_filter(viewer: Any) -> Any:
    from nook.social import authz

    return authz.visible_posts_filter(viewer)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=200_000)
    ap.add_argument("--db", default="sqlite", help="'sqlite' (a temporary file) or a PostgreSQL URL")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--data-dir", help="SQLite: keep the database in this folder (default: a temporary one)")
    ap.add_argument("--no-build", action="store_true", help="measure the community built by an earlier run")
    args = ap.parse_args()
    engine = site_engine(args.db, args.data_dir, "searchbench-")
    if not args.no_build:
        print("dataset", build(engine, args.posts), flush=True)
    measure(args.requests)


if __name__ == "__main__":
    main()
