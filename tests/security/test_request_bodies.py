"""Issue 16, item 3: bodies are counted as they stream, and refused before they are read.

Real HTTP on a raw socket: the bodies are chunked (no Content-Length), the way an attacker sends them.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import Member
from tests.security.rawhttp import chunks, send_chunked

MB = 1024 * 1024
EVIL = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}


def _peak_rss_reset() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM, the peak resident set


def _peak_rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.fixture
def temp_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every temporary file the (in-process) server creates while the test runs."""
    made: list[str] = []
    real = tempfile.TemporaryFile
    real_named = tempfile.NamedTemporaryFile

    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append("TemporaryFile")
        return real(*args, **kwargs)

    def spy_named(*args: Any, **kwargs: Any) -> Any:
        made.append("NamedTemporaryFile")
        return real_named(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", spy)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", spy_named)
    yield made


def _multipart(total: int, boundary: str = "xyz") -> Iterator[bytes]:
    yield (
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    yield from chunks(total)
    yield f"\r\n--{boundary}--\r\n".encode()


def test_chunked_json_past_limit_is_413_and_memory_stays_flat(live_server: str) -> None:
    body = b'{"username": "' + b"a" * 100 + b'", "password": "'
    tail = iter([b'"}'])
    stream = (piece for part in ([body], chunks(5 * MB), tail) for piece in part)
    _peak_rss_reset()
    before = _peak_rss()
    answer = send_chunked(live_server, "POST", "/api/v1/auth/login", {"Content-Type": "application/json"}, stream)
    grown = _peak_rss() - before
    assert answer.status == 413, answer.body
    assert b"too_large" in answer.body
    assert grown < 4 * MB, f"peak RSS grew by {grown / MB:.1f} MB"


def test_cross_site_multipart_is_refused_before_its_body(live_server: str, temp_files: list[str]) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=xyz", **EVIL}
    started = time.monotonic()
    # No body at all: the answer must not wait for one.
    answer = send_chunked(live_server, "POST", "/login", headers, iter(()), timeout=5)
    assert answer.status == 403
    assert time.monotonic() - started < 4
    # A real 20 MB upload from another site: refused, nothing spooled to the temporary folder.
    answer = send_chunked(live_server, "POST", "/login", headers, _multipart(20 * MB))
    assert answer.status == 403
    assert "跨站" in answer.body.decode()
    assert temp_files == []


def test_cookie_api_write_from_another_site_refused_before_its_body(live_server: str) -> None:
    headers = {"Content-Type": "application/json", "Cookie": "nook_session=whatever", **EVIL}
    answer = send_chunked(live_server, "PATCH", "/api/v1/me", headers, iter(()), timeout=5)
    assert answer.status == 403
    assert answer.headers["cache-control"] == "no-store"


def test_anonymous_upload_refused_before_its_body(live_server: str, temp_files: list[str]) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=xyz"}
    answer = send_chunked(live_server, "POST", "/api/v1/media", headers, iter(()), timeout=5)
    assert answer.status == 401
    assert temp_files == []


def test_chunked_upload_past_its_limit_is_413(live_server: str, member: Callable[..., Member]) -> None:
    alice = member("alice")
    headers = {"Content-Type": "multipart/form-data; boundary=xyz", "Authorization": f"Bearer {alice.token}"}
    answer = send_chunked(live_server, "POST", "/api/v1/media", headers, _multipart(30 * MB))
    assert answer.status == 413


def test_web_form_past_its_limit_is_413_page(live_server: str) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": live_server}
    answer = send_chunked(live_server, "POST", "/login", headers, chunks(3 * MB))
    assert answer.status == 413
    assert answer.headers["content-type"].startswith("text/html")


def test_declared_length_past_limit_is_413(api: httpx.Client) -> None:
    resp = api.post("/auth/login", content=b"{" + b" " * (2 * MB) + b"}", headers={"Content-Type": "application/json"})
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "too_large"


def test_small_bodies_still_work(api: httpx.Client, member: Callable[..., Member]) -> None:
    alice = member("alice")
    resp = api.post("/auth/login", json={"username": "alice", "password": "correct horse battery"})
    assert resp.status_code == 200
    assert alice.http.patch("/me", json={"bio": "你好"}).status_code == 200
