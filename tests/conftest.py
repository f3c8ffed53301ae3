"""Test fixtures: a real database (SQLite, or PostgreSQL + Redis when configured) and a live HTTP server.

Backends: NOOK_TEST_DATABASE_URL (default: a temporary SQLite file) and NOOK_TEST_REDIS_URL
(default: none, in-process limits). `.ci/run` runs the suite once per backend.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import tests.statements  # noqa: F401  (its listener must be in place before any engine runs)

#: Fixtures that share one loaded demo community across the session (they use `site` and `wipe` from here).
pytest_plugins = ["tests.demo_community"]

TEST_DB = os.environ.get("NOOK_TEST_DATABASE_URL", "")
TEST_REDIS = os.environ.get("NOOK_TEST_REDIS_URL", "")


def reset_caches() -> None:
    from nook.config import get_settings
    from nook.jobs.queue import reset_queue
    from nook.jobs.tasks import reset_tasks
    from nook.security.passwords import reset_hasher
    from nook.security.rate_limits import limiter
    from nook.store.db import reset_engine

    get_settings.cache_clear()
    limiter.cache_clear()
    reset_hasher()
    reset_engine()
    reset_queue()
    reset_tasks()


@pytest.fixture(scope="session", autouse=True)
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point Nook at a fresh data folder and database for the whole session, migrated to head."""
    data = tmp_path_factory.mktemp("nook-data")
    os.environ["NOOK_DATA_DIR"] = str(data)
    os.environ["NOOK_DATABASE_URL"] = TEST_DB
    os.environ["NOOK_REDIS_URL"] = TEST_REDIS
    os.environ["NOOK_JOBS_MODE"] = "inline"
    # A test process builds many apps; the collector's settings belong to a serving process's one
    # (tests/security/test_collector.py).
    os.environ["NOOK_GC_FREEZE"] = "false"
    os.environ["NOOK_GC_YOUNG_THRESHOLD"] = "0"
    # Still Argon2id, at a cost low enough that a suite registering hundreds of members stays quick.
    os.environ["NOOK_ARGON2_TIME_COST"] = "1"
    os.environ["NOOK_ARGON2_MEMORY_KIB"] = "1024"
    reset_caches()
    from nook.jobs.table import install
    from nook.store.db import get_engine
    from nook.store.migrate import upgrade

    install()

    if get_engine().dialect.name == "postgresql":
        with get_engine().begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade()
    yield data
    get_engine().dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives Chromium (through the `browser` fixture) is a browser test; plain HTTP tests are not."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def close_http_clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every HTTP client a test opens is closed when it ends: an unclosed socket is an error here."""
    opened: list[httpx.Client] = []
    original = httpx.Client.__init__

    def tracked(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(httpx.Client, "__init__", tracked)
    yield
    for client in opened:
        client.close()


@pytest.fixture
def nook_env() -> Iterator[MutableMapping[str, str]]:
    """The environment, for NOOK_* settings a test changes (put values in, then get_settings.cache_clear());
    every NOOK_* variable is as before when the test ends."""
    from nook.config import get_settings

    saved = {name: value for name, value in os.environ.items() if name.startswith("NOOK_")}
    yield os.environ
    for name in [name for name in os.environ if name.startswith("NOOK_")]:
        del os.environ[name]
    os.environ.update(saved)
    get_settings.cache_clear()


@pytest.fixture
def settings_env(nook_env: MutableMapping[str, str]) -> Callable[[str, str], None]:
    """`settings_env("NOOK_X", "value")`: set one setting for this test, read afresh at once."""
    from nook.config import get_settings

    def put(name: str, value: str) -> None:
        nook_env[name] = value
        get_settings.cache_clear()

    return put


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server's writes wait one second for a lock instead of ten (same code path, shorter test)."""
    from nook.config import get_settings
    from nook.store.db import reset_engine

    monkeypatch.setenv("NOOK_DB_LOCK_TIMEOUT_S", "1")
    get_settings.cache_clear()
    reset_engine()
    yield
    monkeypatch.delenv("NOOK_DB_LOCK_TIMEOUT_S")
    get_settings.cache_clear()
    reset_engine()


#: Test folders of pure libraries: they never touch the database, so skip its clean-up.
PURE = ("tests/engine/", "tests/demo/")


@pytest.fixture(autouse=True)
def clean_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that uses the site starts with empty tables and fresh rate limits."""
    yield
    if not any(part in str(request.node.path) for part in PURE):
        wipe()


def wipe() -> None:
    """Empty every table and forget rate limits (also between hypothesis examples)."""
    from nook.store import site_stamp
    from nook.store.base import Base
    from nook.store.db import get_engine

    tables = list(reversed(Base.metadata.sorted_tables))
    # A browser test can leave a request in flight (chips loading as a card scrolls into view) after the
    # page closes; the empty-out then waits for it, or loses a deadlock to it, and simply tries again.
    for attempt in range(1, 6):
        try:
            with get_engine().begin() as conn:
                for table in tables:
                    conn.execute(table.delete())
                if conn.dialect.name == "postgresql":
                    # Ids start again at 1, as they do on SQLite. DELETE, not TRUNCATE: truncating 60 mostly
                    # empty tables costs PostgreSQL over a second per test, deleting from them milliseconds.
                    conn.execute(text(_RESTART_SEQUENCES))
            break
        except OperationalError:
            if attempt == 5:
                raise
            time.sleep(0.3 * attempt)
    site_stamp.bump()  # a write outside any session: anonymous pages kept from before are stale
    _reset_limits()


_RESTART_SEQUENCES = (
    "SELECT setval(c.oid::regclass, 1, false) FROM pg_class c"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'"
)


def _reset_limits() -> None:
    from nook.security.rate_limits import limiter

    if TEST_REDIS:
        import redis

        client = redis.Redis.from_url(TEST_REDIS)
        for key in client.scan_iter("nook:rl:*"):
            client.delete(key)
    limiter.cache_clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_in_thread(config: uvicorn.Config) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Run uvicorn on a socket bound here and held, so no other process can take its port before it listens.

    Why: both CI suites start servers side by side; a port found free and then bound later could be taken
    in between, and the server's thread would exit without a word.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def live_server(site: Path) -> Iterator[str]:
    """The real app on a real socket, in this process (so tests share its database)."""
    from nook.app import create_app

    config = uvicorn.Config(create_app(), log_level="warning", lifespan="off")
    server, thread, url = serve_in_thread(config)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def api(live_server: str) -> Iterator[httpx.Client]:
    """An anonymous HTTP client for the API."""
    with httpx.Client(base_url=f"{live_server}/api/v1", timeout=30) as client:
        yield client


class Member:
    """A registered member with an authenticated HTTP client."""

    def __init__(self, base: str, username: str, token: str, user_id: int) -> None:
        self.username = username
        self.id = user_id
        self.token = token
        self.http = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=30)


MemberFactory = Callable[..., Member]


@pytest.fixture
def member(live_server: str) -> Iterator[MemberFactory]:
    """Factory: `member("alice")` registers alice over HTTP and returns her Member."""
    made: list[Member] = []

    def make(username: str, nickname: str = "") -> Member:
        from nook.security.rate_limits import REGISTER_IP, limiter

        resp = httpx.post(
            f"{live_server}/api/v1/auth/register",
            json={
                "username": username,
                "password": "correct horse battery",
                "nickname": nickname or username,
            },
        )
        assert resp.status_code == 201, resp.text
        body = resp.json()
        limiter().reset(REGISTER_IP, "127.0.0.1")  # many members from one test address
        m = Member(live_server, username, body["token"], body["user"]["id"])
        made.append(m)
        return m

    yield make
    for m in made:
        m.http.close()
