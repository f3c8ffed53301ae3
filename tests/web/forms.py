"""A same-origin browser over plain HTTP: its client, the CSRF field of a page, signing up and in."""

from __future__ import annotations

import re

import httpx

from tests.web.conftest import PASSWORD, reset_register_limit

_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def web_client(base: str, lang: str | None = None) -> httpx.Client:
    """A client whose form posts look like a same-origin browser's, in `lang` when given."""
    client = httpx.Client(base_url=base, headers={"Origin": base, "Sec-Fetch-Site": "same-origin"}, timeout=30)
    if lang:
        client.cookies.set("nook_lang", lang)
    return client


def csrf_token(client: httpx.Client, path: str = "/") -> str:
    match = _TOKEN.search(client.get(path).text)
    assert match, f"{path} has no CSRF field"
    return match.group(1)


def sign_up(base: str, username: str, nickname: str) -> httpx.Client:
    reset_register_limit()
    client = web_client(base)
    form = {
        "username": username,
        "nickname": nickname,
        "password": PASSWORD,
        "csrf_token": csrf_token(client, "/signup"),
    }
    resp = client.post("/signup", data=form)
    assert resp.status_code == 303 and resp.headers["location"] == "/welcome"
    assert "nook_session" in client.cookies
    return client


def sign_in(client: httpx.Client, username: str) -> httpx.Client:
    form = {"username": username, "password": PASSWORD, "csrf_token": csrf_token(client, "/login"), "next": "/"}
    assert client.post("/login", data=form).status_code == 303
    return client
