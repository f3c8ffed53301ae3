"""Every signed-in read of the API's read path, as JSON, for each member: to check that a change to how the
answers are built leaves them byte for byte the same.

    cp -r SITE A && NOOK_DATA_DIR=A .venv/bin/python bench/api_answers.py > after.json
    cp -r SITE B && NOOK_DATA_DIR=B PYTHONPATH=BEFORE/src .venv/bin/python bench/api_answers.py > before.json
    diff before.json after.json

Only an admin's ranked-feed components `age_hours`, `freshness` and `score_now` follow the clock, so they
differ between two runs minutes apart; everything else must be identical.

Signs in as each demo member (`--members`, the first N by id; rate limits off) and as nobody, then asks
each one's home feed (two pages), ranked feed, explore, the newest posts of a few members' spaces, and
each of the newest posts with reposts and polls among them (the post and its comments). Writes a token
per member: use a copy of the site.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from starlette.testclient import TestClient

from nook.app import create_app

PASSWORD = "nook-demo-2024"  # every demo member's


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--posts", type=int, default=40)
    args = parser.parse_args()
    os.environ["NOOK_RATE_LIMITS_ENABLED"] = "false"
    out: dict[str, Any] = {}
    with TestClient(create_app()) as client:
        names = _members(client, args.members)
        posts = [p["id"] for p in client.get("/api/v1/explore", params={"limit": 50}).json()["items"]]
        posts = sorted(set(posts[: args.posts]) | _special_posts(), reverse=True)
        for name in [None, *names]:
            headers = {} if name is None else {"Authorization": f"Bearer {_token(client, name)}"}
            out[name or "(nobody)"] = _answers(client, headers, names[:8], posts)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)


def _members(client: TestClient, n: int) -> list[str]:
    from sqlalchemy import select

    from nook.store.db import read_session
    from nook.store.models import User

    with read_session() as session:
        return list(session.scalars(select(User.username).order_by(User.id).limit(n)))


def _special_posts() -> set[int]:
    """Reposts (deep chains first), their sources and polls: the cards with the most parts."""
    from sqlalchemy import select

    from nook.store.db import read_session
    from nook.store.models import Poll, Repost

    with read_session() as session:
        deepest = select(Repost.post_id, Repost.source_id).order_by(Repost.depth.desc()).limit(30)
        reposts = list(session.execute(deepest))
        polls = set(session.scalars(select(Poll.post_id).limit(10)))
    return {r.post_id for r in reposts} | {r.source_id for r in reposts if r.source_id} | polls


def _token(client: TestClient, name: str) -> str:
    resp = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    resp.raise_for_status()
    return str(resp.json()["token"])


def _answers(client: TestClient, headers: dict[str, str], spaces: list[str], posts: list[int]) -> dict[str, Any]:
    paths = ["/api/v1/explore?limit=20", "/api/v1/explore?limit=50"]
    if headers:
        paths += ["/api/v1/feed?limit=20", "/api/v1/feed/ranked?limit=20", "/api/v1/feed/ranked?limit=20&cursor=20"]
    paths += [f"/api/v1/users/{name}/posts?limit=20" for name in spaces]
    paths += [f"/api/v1/posts/{pid}" for pid in posts] + [f"/api/v1/posts/{pid}/comments" for pid in posts]
    answers: dict[str, Any] = {}
    for path in paths:
        resp = client.get(path, headers=headers)
        answers[path] = {"status": resp.status_code, "body": resp.json()}
        cursor = resp.json().get("next_cursor") if resp.status_code == 200 and "feed?" in path else None
        if cursor:  # the second page of the home feed goes through the cursor's condition
            more = client.get("/api/v1/feed", params={"limit": 20, "cursor": cursor}, headers=headers)
            answers[path + " (page 2)"] = {"status": more.status_code, "body": more.json()}
    return answers


if __name__ == "__main__":
    main()
