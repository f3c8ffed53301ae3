"""Server time per web page on the demo community, against the JSON API for the same data.

    uv run python bench/pages.py [--size 0.5] [--repeat 20]

Boots a throwaway SQLite site, loads `nook demo`, and times in-process requests (no network):
each page is fetched `repeat` times by a signed-in demo member; the median is reported, with the
ratio to the matching /api/v1 endpoint measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from nook.cli.screenshots import _load_demo, _site

PAGES = [
    ("feed", "/", "/api/v1/feed"),
    ("explore", "/explore", "/api/v1/explore"),
    ("post", "/p/{post}", "/api/v1/posts/{post}/comments"),
    ("space", "/u/{me}", "/api/v1/users/{me}/posts"),
    ("board", "/u/{me}?tab=board", "/api/v1/users/{me}/board"),
    ("album", "/u/{me}?tab=photos", None),
    ("circles", "/circles", "/api/v1/circles"),
    ("notifications", "/notifications", "/api/v1/notifications"),
]


def _median_ms(client: TestClient, url: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        resp = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _site(Path(tmp)):
        who = _load_demo(args.size)
        from nook.app import create_app

        client = TestClient(create_app(), base_url="http://127.0.0.1:8000")
        login = client.post("/api/v1/auth/login", json={"username": who["username"], "password": who["password"]})
        client.cookies.set("nook_session", login.json()["token"])
        print("| page | HTML median ms | JSON API median ms | HTML / API |")
        print("| --- | ---: | ---: | ---: |")
        for name, page, api in PAGES:
            fill = {"me": who["username"], "post": who["post_id"]}
            html = _median_ms(client, page.format(**fill), args.repeat)
            if api is None:
                print(f"| {name} | {html:.1f} | – | – |")
                continue
            ref = _median_ms(client, api.format(**fill), args.repeat)
            print(f"| {name} | {html:.1f} | {ref:.1f} | {html / ref:.2f} |")


if __name__ == "__main__":
    main()
