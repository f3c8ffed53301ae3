"""Issue 16, item 9: a NUL (or another control character) in an address, a query or a posted field
answers 404/422 on both backends; PostgreSQL used to answer 500 ("cannot contain NUL characters").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from tests.conftest import Member
from tests.web.forms import csrf_token, web_client

NUL = "a%00b"


def _openapi() -> dict[str, Any]:
    from nook.app import create_app

    return create_app().openapi()


def _api_gets_with_string_path() -> Iterator[str]:
    for path, ops in _openapi()["paths"].items():
        get = ops.get("get")
        if not get:
            continue
        params = [p for p in get.get("parameters", []) if p["in"] == "path"]
        if any(p["schema"].get("type") == "string" for p in params):
            yield path


def _api_gets_with_string_query() -> Iterator[tuple[str, str]]:
    for path, ops in _openapi()["paths"].items():
        get = ops.get("get")
        if not get or "{" in path:
            continue
        for p in get.get("parameters", []):
            if p["in"] == "query" and "string" in str(p["schema"]):
                yield path, p["name"]


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # FastAPI's included router, resolved lazily
            yield from _routes(route.original_router.routes, prefix + route.include_context.prefix)


def _web_gets_with_path_params() -> Iterator[str]:
    from nook.app import create_app

    for path, route in _routes(create_app().routes):
        if "GET" in route.methods and "{" in path and not path.startswith("/api/"):
            yield path


def _fill(path: str) -> str:
    """Every string parameter gets the NUL; ids get 1 (the NUL must be what is refused)."""
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: "1" if m.group(1).endswith("_id") else NUL, path)


API_PATHS = sorted(set(_api_gets_with_string_path()))
API_QUERIES = sorted(set(_api_gets_with_string_query()))
WEB_PATHS = sorted({p for p in _web_gets_with_path_params() if _fill(p) != p.replace("{", "").replace("}", "")})


def test_the_route_lists_are_not_empty() -> None:
    assert "/api/v1/users/{username}" in API_PATHS
    assert len(API_PATHS) >= 5 and len(WEB_PATHS) >= 5 and API_QUERIES


@pytest.mark.parametrize("path", API_PATHS)
def test_api_path_with_nul_is_404(path: str, member: Callable[..., Member]) -> None:
    alice = member("alice")
    url = _fill(path).removeprefix("/api/v1")
    assert NUL in url
    resp = alice.http.get(url)
    assert resp.status_code == 404, (url, resp.status_code, resp.text[:200])
    assert resp.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", WEB_PATHS)
def test_page_path_with_nul_is_404(path: str, live_server: str) -> None:
    url = _fill(path)
    if NUL not in url:
        pytest.skip("no string parameter")
    with httpx.Client(base_url=live_server, timeout=30) as client:
        resp = client.get(url)
    assert resp.status_code == 404, (url, resp.status_code)


@pytest.mark.parametrize(("path", "name"), API_QUERIES)
def test_api_query_with_nul_is_422(path: str, name: str, member: Callable[..., Member]) -> None:
    alice = member("alice")
    resp = alice.http.get(path.removeprefix("/api/v1") + f"?{name}={NUL}")
    assert resp.status_code == 422, (path, name, resp.status_code, resp.text[:200])


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/auth/login", {"username": "a\u0000b", "password": "correct horse battery"}),
        ("/auth/register", {"username": "a\u0000b", "password": "correct horse battery"}),
        ("/friends/requests", {"username": "a\u0000b"}),
        ("/posts", {"body": "你好", "circle": "a\u0000b"}),
        ("/posts", {"body": "你\u0000好"}),
    ],
)
def test_api_body_with_nul_is_422(path: str, body: dict[str, Any], member: Callable[..., Member]) -> None:
    alice = member("alice")
    resp = alice.http.post(path, json=body)
    assert resp.status_code == 422, resp.text
    assert "控制字符" in resp.json()["error"]["message"]


def test_text_keeps_tabs_and_newlines(member: Callable[..., Member]) -> None:
    alice = member("alice")
    resp = alice.http.post("/posts", json={"body": "第一行\n\t第二行"})
    assert resp.status_code == 201, resp.text


def test_page_queries_and_forms_with_nul(live_server: str, member: Callable[..., Member]) -> None:
    member("alice")
    with closing(web_client(live_server)) as client:
        assert client.get(f"/compose/tags?body=%23{NUL}").status_code == 422
        form = {"username": "a\u0000b", "password": "x", "csrf_token": csrf_token(client, "/login"), "next": "/"}
        resp = client.post("/login", data=form)
        assert resp.status_code == 422
        assert "控制字符" in resp.text
