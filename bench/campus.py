"""How fast the campus and same-city reads are on a synthetic site (SQLite by default).

Members each declare one or two schools (20 schools x 10 years x 8 classes, random privacy per part),
live in one of 5 cities, have ~20 friends and 10 posts each. For random viewers it times the first page
of a campus page (同级), the 老同学 feed, classmate suggestions, same-city members and circles, and the
classmate-prompt check on a post with 30 comments.

.venv/bin/python bench/campus.py [--users 5000] [--viewers 40] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from random import Random
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--viewers", type=int, default=40)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    os.environ["NOOK_DATA_DIR"] = tempfile.mkdtemp()
    os.environ["NOOK_DATABASE_URL"] = args.db
    os.environ["NOOK_JOBS_MODE"] = "inline"
    from nook.store.migrate import upgrade

    upgrade()
    start = time.perf_counter()
    post_ids = _fill(args.users, Random(7))
    print(f"{args.users} members, {args.users * 10} posts filled in {time.perf_counter() - start:.0f} s")
    _time_reads(args.users, args.viewers, post_ids, Random(8))


def _fill(n: int, rng: Random) -> list[int]:
    from sqlalchemy import insert, select, text

    from nook.store.db import transaction
    from nook.store.models import Circle, CircleLocality, CircleMember, Comment, Friendship, Post, User, UserSchool

    levels = ("public", "public", "public", "friends", "private")
    cities = ("杭州", "成都", "武汉", "广州", "北京")
    now = datetime(2024, 6, 1, tzinfo=UTC)
    with transaction() as s:
        s.execute(
            insert(User),
            [
                {"username": f"u{i}", "nickname": f"成员{i}", "password_hash": "x", "city": rng.choice(cities),
                 "privacy": {"city": rng.choice(levels)}, "interests": []}
                for i in range(n)
            ],
        )  # fmt: skip
        ids = list(s.scalars(select(User.id).order_by(User.id)))
        schools = []
        for uid in ids:
            for position in range(rng.choice((1, 1, 2))):
                schools.append(
                    {"user_id": uid, "position": position, "kind": ("高中", "大学")[position],
                     "name": f"学校{rng.randrange(20)}", "enroll_year": 2010 + rng.randrange(10),
                     "class_name": f"{rng.randrange(8) + 1}班", "school_privacy": rng.choice(levels),
                     "year_privacy": rng.choice(levels), "class_privacy": rng.choice(levels)}
                )  # fmt: skip
        s.execute(insert(UserSchool), schools)
        pairs = {tuple(sorted(rng.sample(ids, 2))) for _ in range(n * 10)}
        s.execute(insert(Friendship), [{"user_id": a, "friend_id": b} for a, b in pairs])
        s.execute(insert(Friendship), [{"user_id": b, "friend_id": a} for a, b in pairs])
        s.execute(
            insert(Post),
            [
                {"author_id": uid, "body": "说说", "visibility": rng.choice(("public", "public", "friends")),
                 "created_at": now - timedelta(minutes=rng.randrange(86400))}
                for uid in ids for _ in range(10)
            ],
        )  # fmt: skip
        post_ids = list(s.scalars(select(Post.id).order_by(Post.id)))
        for i, city in enumerate(cities):
            circle = Circle(slug=f"local-{i}", name=f"{city}宝妈群", kind="city", city=city, created_by=ids[i])
            s.add(circle)
            s.flush()
            s.add(CircleLocality(circle_id=circle.id, city=city, open_to_other_cities=False))
            members = [{"circle_id": circle.id, "user_id": u} for u in rng.sample(ids, n // 20)]
            s.execute(insert(CircleMember), members)
        busy = rng.sample(post_ids, 200)
        s.execute(
            insert(Comment),
            [{"post_id": p, "author_id": rng.choice(ids), "body": "评论"} for p in busy for _ in range(30)],
        )
    with transaction() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("ANALYZE"))  # fresh planner statistics, as autovacuum would give a live site
    return busy


def _time_reads(n: int, viewers: int, busy: list[int], rng: Random) -> None:
    from nook.social.authz import load_viewer
    from nook.social.scenes import campus, classmates, nearby, schools
    from nook.store.db import transaction
    from nook.store.models import User

    reads: dict[str, Callable[[Any, Any, User, Any], Any]] = {
        "campus page 同级 (first 20 posts)": lambda s, v, me, school: campus.campus_posts(
            s, v, school.name, school.enroll_year
        ),
        "campus members 同级": lambda s, v, me, school: campus.campus_members(s, v, school.name, school.enroll_year),
        "老同学 feed (first 20 posts)": lambda s, v, me, school: campus.classmates_feed(s, v),
        "classmate suggestions (8)": lambda s, v, me, school: classmates.classmate_suggestions(s, v, me),
        "classmate prompt check": lambda s, v, me, school: classmates._classmate_commenter(
            s, v, me, s.get(campus.Post, rng.choice(busy))
        ),
        "same-city members (8)": lambda s, v, me, school: nearby.recommend_members(s, v, me),
        "same-city circles": lambda s, v, me, school: nearby.recommend_circles(s, v, me),
    }
    times: dict[str, list[float]] = {k: [] for k in reads}
    with transaction() as s:
        for _ in range(viewers):
            me = s.get(User, rng.randrange(1, n + 1))
            assert me is not None
            viewer = load_viewer(s, me)
            school = schools.schools_of(s, me.id)[0]
            for name, read in reads.items():
                start = time.perf_counter()
                read(s, viewer, me, school)
                times[name].append((time.perf_counter() - start) * 1000)
        s.rollback()  # the recommendations log what they showed: leave the site as it was
    for name, ms in times.items():
        ms.sort()
        print(f"{name:36s} median {statistics.median(ms):6.1f} ms   p95 {ms[int(len(ms) * 0.95)]:6.1f} ms")


if __name__ == "__main__":
    main()
