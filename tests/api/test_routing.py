"""Pages and API routes each answer their own paths, also behind a proxy that serves the site under a
root path (`uvicorn --root-path`, the proxy strips it: the app sees it at the front of every path): the
API's routers turn away a page's path before trying their routes, and API errors stay JSON and uncached."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.conftest import serve_in_thread


def test_pages_and_api_behind_a_root_path(site: Path) -> None:
    from nook.app import create_app

    config = uvicorn.Config(create_app(), root_path="/nook", log_level="warning", lifespan="off")
    server, thread, url = serve_in_thread(config)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            explore = client.get("/api/v1/explore", params={"limit": 1})
            assert explore.status_code == 200
            assert "items" in explore.json()
            missing = client.get("/api/v1/no-such-route")
            assert missing.status_code == 404
            assert missing.json()["error"]["code"]  # the API's JSON error, not a page
            assert missing.headers["cache-control"] == "no-store"
            page = client.get("/explore")
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("text/html")
            no_page = client.get("/no-such-page")
            assert no_page.status_code == 404
            assert no_page.headers["content-type"].startswith("text/html")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.mark.parametrize(
    ("root", "path", "routed"),
    [
        ("", "/api/v1/feed", "/api/v1/feed"),
        ("/nook", "/nook/api/v1/feed", "/api/v1/feed"),
        ("/nook", "/nook", "/"),
        ("/nook", "/nookish/api/v1/feed", "/nookish/api/v1/feed"),  # another path that only starts alike
        ("/nook", "/api/v1/feed", "/api/v1/feed"),  # a server that left the root path out of the path
    ],
)
def test_the_routed_path_leaves_the_root_path_out(root: str, path: str, routed: str) -> None:
    from nook.http.paths import route_path

    assert route_path({"type": "http", "path": path, "root_path": root}) == routed
