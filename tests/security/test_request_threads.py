"""The app runs its requests on the number of threads the site sets (fewer than Starlette's 40, so a
writer holding SQLite's lock is not starved of the GIL by dozens of readers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anyio
import anyio.to_thread

from nook.app import create_app


async def _threads_once_started() -> int:
    app = create_app()
    async with app.router.lifespan_context(app):  # what the server runs in its event loop at start-up
        return int(anyio.to_thread.current_default_thread_limiter().total_tokens)


def test_requests_run_on_the_configured_number_of_threads(site: Path, settings_env: Callable[[str, str], None]) -> None:
    assert anyio.run(_threads_once_started) == 16
    settings_env("NOOK_REQUEST_THREADS", "3")
    assert anyio.run(_threads_once_started) == 3
