"""The ranked feed's "near" candidate query alone (the viewer's own, friends', circles' and followed tags'
best posts of the window), timed for members whose networks write few, some and very many posts.

    NOOK_DATA_DIR=bench/out/http_load/site-large .venv/bin/python bench/ranked_near.py [--repeat 20]
    PYTHONPATH=BEFORE/src NOOK_DATA_DIR=… .venv/bin/python bench/ranked_near.py    # another tree

Picks the members whose networks (their own posts, their friends' and their circles' of the ranking
window) come nearest `--sizes` posts, runs the query `--repeat` times for each after one warm-up and
prints milliseconds (median, min, max), the rows it returned and a digest of them, so two trees can be
checked to return the same candidates. Read-only.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections import Counter, defaultdict
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from nook.config import get_settings
from nook.social.authz import load_viewer
from nook.social.reach import ranking
from nook.store.base import utcnow
from nook.store.db import read_session
from nook.store.models import CircleMember, Friendship, Post, User


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,2080,41059", help="network sizes (posts in the window) to pick")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    s, now = get_settings(), utcnow()
    since = now - timedelta(days=s.rank_window_days)
    print("| network posts in window | viewer | ms median (min–max) | rows | digest |\n|---|---|---|---|---|")
    with read_session() as session:
        networks = _network_sizes(session.connection(), since)
        for size in (int(n) for n in args.sizes.split(",")):
            uid = min(networks, key=lambda u: (abs(networks[u] - size), u))
            viewer = load_viewer(session, session.get(User, uid))
            conn = session.connection()
            near, params = _near(conn, viewer, since)
            rows = list(conn.execute(near, params))
            ms = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                list(conn.execute(near, params))
                ms.append((time.perf_counter() - t) * 1000)
            digest = hashlib.sha1(repr(sorted(r[0] for r in rows)).encode()).hexdigest()[:10]
            print(
                f"| {networks[uid]:,} | {uid} | {statistics.median(ms):.2f} ({min(ms):.2f}–{max(ms):.2f}) "
                f"| {len(rows)} | {digest} |"
            )


def _near(conn: Connection, viewer: Any, since: Any) -> tuple[Any, dict[str, Any]]:
    """The statement and its parameters, in this tree or in one from before `nook.social.reach.near`."""
    s = get_settings()
    try:
        from nook.social.reach import near
    except ImportError:  # the earlier tree: one scan of the network's posts of the window
        _, statement = ranking._candidate_statements(False, s.rank_candidates, s.rank_pool)  # type: ignore[attr-defined]
        mine = {"friends": sorted(viewer.friend_ids), "circles": sorted(viewer.circle_ids)}
        return statement, {"viewer_id": viewer.id, "since": since} | mine
    return near.near_query(conn, viewer, s, since)


def _network_sizes(conn: Connection, since: Any) -> dict[int, int]:
    """Posts of the window by each member, their friends and their circles (overlaps counted once each)."""
    by_author: Counter[int] = Counter()
    by_circle: Counter[int] = Counter()
    both: Counter[tuple[int, int]] = Counter()
    for author, circle in conn.execute(select(Post.author_id, Post.circle_id).where(Post.created_at >= since)):
        by_author[author] += 1
        if circle is not None:
            by_circle[circle] += 1
            both[author, circle] += 1
    friends: defaultdict[int, set[int]] = defaultdict(set)
    for a, b in conn.execute(select(Friendship.user_id, Friendship.friend_id)):
        friends[a].add(b)
    circles: defaultdict[int, set[int]] = defaultdict(set)
    active = CircleMember.status == "active"
    for c, u in conn.execute(select(CircleMember.circle_id, CircleMember.user_id).where(active)):
        circles[u].add(c)
    users = conn.scalars(select(User.id)).all()
    out = {}
    for u in users:
        authors = friends[u] | {u}
        overlap = sum(both[a, c] for a in authors for c in circles[u]) if by_circle else 0
        out[u] = sum(by_author[a] for a in authors) + sum(by_circle[c] for c in circles[u]) - overlap
    return out


if __name__ == "__main__":
    main()
