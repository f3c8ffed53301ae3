"""Issue 16, item 17: cookies are Secure when the page came over HTTPS: directly, or as a trusted proxy's
X-Forwarded-Proto (NOOK_TRUSTED_PROXIES), or always with NOOK_COOKIE_SECURE=true; never from a header
any local client can send."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
import uvicorn

from tests.conftest import serve_in_thread
from tests.web.conftest import PASSWORD, reset_register_limit

_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def serve(site: object, settings_env: Callable[[str, str], None]) -> Iterator[Callable[[str], str]]:
    """Serve the app as `nook serve` does (uvicorn with `proxy_options()`), trusting the proxies given."""
    from nook.app import create_app
    from nook.cli.main import proxy_options

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(trusted_proxies: str) -> str:
        settings_env("NOOK_TRUSTED_PROXIES", trusted_proxies)
        options = proxy_options()
        config = uvicorn.Config(create_app(), log_level="warning", lifespan="off", **options)
        server, thread, url = serve_in_thread(config)
        servers.append((server, thread))
        return url

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def behind_proxy(serve: Callable[[str], str]) -> str:
    """A site behind a reverse proxy on this machine: NOOK_TRUSTED_PROXIES=127.0.0.1."""
    return serve("127.0.0.1")


def _set_cookies(base: str, headers: dict[str, str]) -> dict[str, str]:
    """Sign up through the web form; each cookie the answers set, with its attributes."""
    reset_register_limit()
    seen: dict[str, str] = {}
    # The cookie jar is bypassed: an HTTP client never sends a Secure cookie back over plain HTTP.
    # A fresh app's first page compiles its templates: slow on a loaded machine, so the suite's usual 30 s.
    with httpx.Client(
        base_url=base, headers={"Origin": base, "Sec-Fetch-Site": "same-origin", **headers}, timeout=30
    ) as c:
        page = c.get("/signup")
        for line in page.headers.get_list("set-cookie"):
            seen[line.split("=", 1)[0]] = line
        csrf_cookie = seen["nook_csrf"].split(";", 1)[0]
        token = _CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        form = {"username": "alice", "nickname": "爱丽丝", "password": PASSWORD, "csrf_token": token}
        c.cookies.clear()
        done = c.post("/signup", data=form, headers={"Cookie": csrf_cookie})
        assert done.status_code == 303, done.text
        for line in done.headers.get_list("set-cookie"):
            seen[line.split("=", 1)[0]] = line
    return seen


def _secure(line: str) -> bool:
    return "secure" in [part.strip().lower() for part in line.split(";")]


def test_cookies_are_secure_behind_a_trusted_https_proxy(behind_proxy: str) -> None:
    cookies = _set_cookies(behind_proxy, HTTPS)
    assert _secure(cookies["nook_session"]) and _secure(cookies["nook_csrf"])
    assert "httponly" in cookies["nook_session"].lower() and "samesite=lax" in cookies["nook_session"].lower()


def test_cookies_over_plain_http_are_not_secure(behind_proxy: str) -> None:
    cookies = _set_cookies(behind_proxy, {})
    assert not _secure(cookies["nook_session"]) and not _secure(cookies["nook_csrf"])


def test_an_untrusted_client_cannot_claim_https(serve: Callable[[str], str]) -> None:
    direct = serve("")  # no trusted proxies: the header is anyone's
    cookies = _set_cookies(direct, HTTPS)
    assert not _secure(cookies["nook_session"]) and not _secure(cookies["nook_csrf"])


def test_the_operator_can_always_ask_for_secure_cookies(
    live_server: str, settings_env: Callable[[str, str], None]
) -> None:
    settings_env("NOOK_COOKIE_SECURE", "true")
    cookies = _set_cookies(live_server, {})
    assert _secure(cookies["nook_session"]) and _secure(cookies["nook_csrf"])


def test_the_language_cookie_follows_https_too(behind_proxy: str) -> None:
    headers = {"Origin": behind_proxy, "Sec-Fetch-Site": "same-origin"}
    with httpx.Client(base_url=behind_proxy, headers=headers, timeout=30) as c:
        page = c.get("/login", headers=HTTPS)
        token = _CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        csrf_cookie = page.headers.get_list("set-cookie")[0].split(";", 1)[0]
        c.cookies.clear()
        answer = c.post(
            "/lang", data={"lang": "en", "next": "/", "csrf_token": token}, headers={**HTTPS, "Cookie": csrf_cookie}
        )
        assert answer.status_code == 303
        (lang,) = [line for line in answer.headers.get_list("set-cookie") if line.startswith("nook_lang=")]
        assert _secure(lang)
