"""CPU time per anonymous page, in process (no server, no network): steadier than req/s on a loaded
machine, so two trees can be compared one after the other.

    NOOK_DATA_DIR=bench/out/http_load/site .venv/bin/python bench/page_cpu.py [--requests 200]
    PYTHONPATH=/tmp/before/src NOOK_DATA_DIR=… .venv/bin/python bench/page_cpu.py   # another tree

Each path is asked `--requests` times by one client with Starlette's TestClient after 20 warm-up
requests; "fresh" adds a query string that changes every time (`?n=<i>`), so a page kept per URL is
rendered anew each time, "same URL" asks the identical URL again, "304" asks it again with the ETag
of the copy the client already has (`If-None-Match`: a browser's revalidation). Prints milliseconds of
process CPU (all threads) per request. Read-only on the site (anonymous GETs record nothing).
"""

from __future__ import annotations

import argparse
import time

import httpx
from starlette.testclient import TestClient

from nook.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with TestClient(create_app()) as client:
        items = client.get("/api/v1/explore", params={"limit": 50}).json()["items"]
        public = [p for p in items if p["visibility"] == "public"]
        post = max(public, key=lambda p: p["comment_count"])
        paths = ["/", f"/p/{post['id']}", f"/u/{post['author']['username']}", "/api/v1/explore?limit=20"]
        print("| path | fresh: CPU ms/request | same URL: CPU ms/request | 304: CPU ms/request |\n|---|---|---|---|")
        for path in paths:
            fresh = cpu_ms(client, path, args.requests, vary=True)
            same = cpu_ms(client, path, args.requests, vary=False)
            kept = revalidate_ms(client, path, args.requests)
            print(f"| `{path}` | {fresh:.1f} | {same:.1f} | {kept:.1f} |")


def cpu_ms(client: TestClient, path: str, n: int, *, vary: bool, headers: dict[str, str] | None = None) -> float:
    """CPU ms per request after 20 warm-ups: a fresh URL each time (vary) or the same one again."""
    sep = "&" if "?" in path else "?"
    for i in range(20):
        _get(client, f"{path}{sep}n=w{i}" if vary else path, headers)
    start = time.process_time()
    for i in range(n):
        _get(client, f"{path}{sep}n={i}" if vary else path, headers)
    return (time.process_time() - start) * 1000 / n


def revalidate_ms(client: TestClient, path: str, n: int) -> float:
    """CPU ms per 304, with the ETag of the copy the client holds (its CSRF cookie is set by now); measured
    again, once, if the minute turned meanwhile (the tag holds the minute)."""
    for _ in range(2):
        etag = _get(client, path).headers["etag"]
        try:
            return cpu_ms(client, path, n, vary=False, headers={"If-None-Match": etag})
        except _TagChanged:
            continue
    raise SystemExit(f"{path}: the ETag changed twice while measuring")


class _TagChanged(Exception):
    pass


def _get(client: TestClient, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    resp = client.get(url, headers=headers)
    if headers and "If-None-Match" in headers:
        if resp.status_code != 304:
            raise _TagChanged(url)
        return resp
    resp.raise_for_status()
    return resp


if __name__ == "__main__":
    main()
