"""Login (issue 16 item 5): one service for the web form and the API, throttled per account and address.

A guesser slows only themselves: the member (the admin included) still logs in from their own address.
Unknown user, wrong password and a throttled address get the same answer after the same Argon2 work.
The guesser's requests come from 127.0.0.2, a real second loopback address, so the server sees two clients.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher

from nook.security import rate_limits
from tests.security.conftest import Attackers

PASSWORD = "correct horse battery"
WRONG = "not the password"
GUESSES = rate_limits.LOGIN_ACCOUNT_IP.count
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@pytest.fixture
def elsewhere(live_server: str) -> Iterator[httpx.Client]:
    """An anonymous API client on another address than the members' 127.0.0.1."""
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=f"{live_server}/api/v1", transport=transport, timeout=30) as client:
        yield client


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every Argon2 verification the server does (it runs in this process), by the hash it checked."""
    calls: list[str] = []
    original = PasswordHasher.verify

    def counting(self: PasswordHasher, hash: str | bytes, password: str | bytes) -> bool:
        calls.append(str(hash))
        return original(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return calls


def web_login(base: str, username: str, password: str, *, address: str = "127.0.0.1") -> httpx.Response:
    """The login form, posted as a same-origin browser would (CSRF field included)."""
    transport = httpx.HTTPTransport(local_address=address)
    headers = {"Origin": base, "Sec-Fetch-Site": "same-origin"}
    with httpx.Client(base_url=base, headers=headers, transport=transport, timeout=30) as client:
        match = _CSRF.search(client.get("/login").text)
        assert match, "the login page has no CSRF field"
        form = {"username": username, "password": password, "csrf_token": match.group(1), "next": "/"}
        return client.post("/login", data=form)


def api_login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/auth/login", json={"username": username, "password": password})


def answer(resp: httpx.Response) -> tuple[int, Any]:
    return resp.status_code, resp.json()


def test_web_form_failures_count(live_server: str, api: httpx.Client, attackers: Attackers) -> None:
    for _ in range(GUESSES):
        assert web_login(live_server, "alice", WRONG).status_code == 401
    # the form's failures count for the pair (alice, this address), whichever door comes next
    assert api_login(api, "alice", PASSWORD).status_code == 401
    assert web_login(live_server, "alice", PASSWORD).status_code == 401


def test_guessing_elsewhere_does_not_lock_the_member_out(
    live_server: str, api: httpx.Client, elsewhere: httpx.Client, attackers: Attackers
) -> None:
    for victim in ("alice", "siteadmin"):
        for _ in range(GUESSES + 2):
            assert api_login(elsewhere, victim, WRONG).status_code == 401
        for _ in range(GUESSES):
            assert web_login(live_server, victim, WRONG, address="127.0.0.2").status_code == 401
        assert api_login(elsewhere, victim, PASSWORD).status_code == 401  # the guesser is throttled...
        assert api_login(api, victim, PASSWORD).status_code == 200  # ...the member is not
        assert web_login(live_server, victim, PASSWORD).status_code == 303


def test_a_success_forgives_earlier_typos(api: httpx.Client, attackers: Attackers) -> None:
    for _ in range(2):
        for _ in range(GUESSES - 1):
            assert api_login(api, "alice", WRONG).status_code == 401
        assert api_login(api, "alice", PASSWORD).status_code == 200


def test_unknown_wrong_and_throttled_get_the_same_answer(
    live_server: str, api: httpx.Client, elsewhere: httpx.Client, attackers: Attackers
) -> None:
    wrong = answer(api_login(api, "alice", WRONG))
    assert wrong[0] == 401 and wrong[1]["error"]["code"] == "unauthorized"
    assert answer(api_login(api, "nobody-here", WRONG)) == wrong
    nul = answer(api_login(api, "alice\u0000", WRONG))  # refused at the boundary, or never sent to the database
    assert nul[0] < 500 and answer(api_login(api, "nobody\u0000", WRONG)) == nul
    for _ in range(GUESSES):
        api_login(elsewhere, "bob", WRONG)
    assert answer(api_login(elsewhere, "bob", PASSWORD)) == wrong  # throttled, though the password is right

    pages = [
        web_login(live_server, "alice", WRONG),
        web_login(live_server, "nobody-here", WRONG),
        web_login(live_server, "bob", PASSWORD, address="127.0.0.2"),
    ]
    assert [p.status_code for p in pages] == [401] * 3
    assert len({_error_of(p.text) for p in pages}) == 1


def _error_of(page: str) -> str:
    match = re.search(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', page)
    assert match, "the login page shows no error"
    return match.group(1).strip()


def test_every_failure_does_one_argon2_verification(
    api: httpx.Client, elsewhere: httpx.Client, attackers: Attackers, verifications: list[str]
) -> None:
    """Timing: an unknown name costs the same Argon2 work as a known one (checked by count, not clock)."""
    for _ in range(GUESSES):
        api_login(elsewhere, "bob", WRONG)
    cases = [
        (api, "alice", WRONG),  # wrong password
        (api, "nobody-here", WRONG),  # unknown user
        (api, "NOT A NAME!", WRONG),  # cannot be a username
        (elsewhere, "bob", PASSWORD),  # throttled
        (api, "alice", PASSWORD),  # success
    ]
    for client, username, password in cases:
        verifications.clear()
        api_login(client, username, password)
        assert len(verifications) == 1, (username, verifications)
