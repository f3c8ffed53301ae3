"""CPU time per signed-in API read, in process (no server, no network): steadier than req/s on a loaded
machine, so two trees can be compared one after the other, and a profile of where the time goes.

    NOOK_DATA_DIR=bench/out/http_load/site .venv/bin/python bench/api_cpu.py [--requests 200] [--only feed]
    PYTHONPATH=BEFORE/src NOOK_DATA_DIR=… .venv/bin/python bench/api_cpu.py   # another tree
    py-spy record -f raw -o feed.txt -- .venv/bin/python bench/api_cpu.py --only feed --requests 1000

Signs in as the author of the newest public post (a bearer token, as an app would), then asks each path
`--requests` times with Starlette's TestClient after 20 warm-up requests and prints milliseconds of process
CPU (all threads) per request: "fresh" adds a query string that changes every time (`&n=<i>`), so an answer
kept per URL (`nook.http.kept_answers`) is built anew each time; "same URL" asks the identical URL again.
`--only` names the paths to ask (to profile one with py-spy). Read-only on the site apart from the
sign-in itself (use a copy of the site: the sign-in writes a token).
"""

from __future__ import annotations

import argparse

from starlette.testclient import TestClient

from nook.app import create_app
from page_cpu import cpu_ms  # same folder: run as a script

PASSWORD = "nook-demo-2024"  # every demo member's


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="", help="comma-separated names of the paths to ask (feed, ranked, …)")
    args = parser.parse_args()
    with TestClient(create_app()) as client:
        items = client.get("/api/v1/explore", params={"limit": 50}).json()["items"]
        public = [p for p in items if p["visibility"] == "public"]
        post = max(public, key=lambda p: p["comment_count"])
        name = public[0]["author"]["username"]
        login = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
        login.raise_for_status()
        client.headers["Authorization"] = f"Bearer {login.json()['token']}"
        paths = {
            "feed": "/api/v1/feed?limit=20",
            "ranked": "/api/v1/feed/ranked?limit=20",
            "explore": "/api/v1/explore?limit=20",
            "post": f"/api/v1/posts/{post['id']}",
            "comments": f"/api/v1/posts/{post['id']}/comments",
            "space": f"/api/v1/users/{post['author']['username']}/posts?limit=20",
        }
        wanted = [n for n in args.only.split(",") if n] or list(paths)
        print("| path (signed in) | fresh: CPU ms/request | same URL: CPU ms/request |\n|---|---|---|")
        for path in (paths[n] for n in wanted):
            fresh = cpu_ms(client, path, args.requests, vary=True)
            same = cpu_ms(client, path, args.requests, vary=False)
            print(f"| `{path}` | {fresh:.1f} | {same:.1f} |")


if __name__ == "__main__":
    main()
