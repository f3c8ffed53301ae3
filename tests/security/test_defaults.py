"""Issue 16, item 17: safe defaults: forwarded headers, caching of personal answers, trusted origins."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing

import httpx
import uvicorn
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from tests.conftest import Member
from tests.web.forms import csrf_token, web_client

DEFAULT_BASE = "http://127.0.0.1:8000"


def _loaded(**options: object) -> object:
    from nook.app import create_app

    config = uvicorn.Config(create_app(), lifespan="off", **options)  # type: ignore[arg-type]
    config.load()
    return config.loaded_app


def test_forwarded_headers_are_not_trusted_by_default() -> None:
    from nook.cli.main import proxy_options

    assert proxy_options() == {"proxy_headers": False}
    assert not isinstance(_loaded(**proxy_options()), ProxyHeadersMiddleware)


def test_forwarded_headers_trusted_from_configured_proxies(settings_env: Callable[[str, str], None]) -> None:
    from nook.cli.main import proxy_options

    settings_env("NOOK_TRUSTED_PROXIES", "10.0.0.5, 192.168.0.0/16")
    options = proxy_options()
    assert options == {"proxy_headers": True, "forwarded_allow_ips": ["10.0.0.5", "192.168.0.0/16"]}
    app = _loaded(**options)
    assert isinstance(app, ProxyHeadersMiddleware)
    assert "127.0.0.1" not in app.trusted_hosts  # a local process is no proxy
    assert "192.168.3.4" in app.trusted_hosts


def test_personal_api_answers_are_not_stored(api: httpx.Client, member: Callable[..., Member]) -> None:
    alice = member("alice")
    assert alice.http.get("/me").headers["cache-control"] == "no-store"
    login = api.post("/auth/login", json={"username": "alice", "password": "correct horse battery"})
    assert login.status_code == 200 and login.headers["cache-control"] == "no-store"
    assert alice.http.get("/notifications").headers["cache-control"] == "no-store"


def _login_from(live_server: str, origin: str) -> int:
    with closing(web_client(live_server)) as client:
        token = csrf_token(client, "/login")
        client.headers.pop("Sec-Fetch-Site")
        client.headers["Origin"] = origin
        form = {"username": "nobody", "password": "wrong password", "csrf_token": token, "next": "/"}
        return client.post("/login", data=form).status_code


def test_default_base_url_is_not_a_trusted_origin(live_server: str) -> None:
    assert not live_server.endswith(":8000")
    assert _login_from(live_server, DEFAULT_BASE) == 403
    assert _login_from(live_server, live_server) != 403


def test_a_base_url_set_by_the_operator_is_trusted(live_server: str, settings_env: Callable[[str, str], None]) -> None:
    settings_env("NOOK_BASE_URL", DEFAULT_BASE)
    assert _login_from(live_server, DEFAULT_BASE) != 403
