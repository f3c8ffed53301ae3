"""A serving process takes its start-up objects out of Python's cyclic collector and sets the young
threshold the site asks for, so full collections under load do not walk the whole start-up heap."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path

import anyio
import pytest

from nook.app import create_app


async def _started() -> tuple[int, int]:
    app = create_app()
    async with app.router.lifespan_context(app):  # what the server runs in its event loop at start-up
        return gc.get_freeze_count(), gc.get_threshold()[0]


@pytest.fixture
def collector_restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_start_up_objects_are_frozen_and_young_collections_spaced_by_default(
    site: Path, nook_env: MutableMapping[str, str], collector_restored: None
) -> None:
    from nook.config import get_settings

    del nook_env["NOOK_GC_FREEZE"], nook_env["NOOK_GC_YOUNG_THRESHOLD"]  # the suite turns both off
    get_settings.cache_clear()
    frozen, young = anyio.run(_started)
    assert frozen > 10_000  # the modules, the app and its routes
    assert young == 50_000


def test_the_collector_left_as_python_sets_it_when_asked(
    site: Path, settings_env: Callable[[str, str], None], collector_restored: None
) -> None:
    python_default = gc.get_threshold()[0]
    settings_env("NOOK_GC_FREEZE", "false")
    settings_env("NOOK_GC_YOUNG_THRESHOLD", "0")
    assert anyio.run(_started) == (0, python_default)
