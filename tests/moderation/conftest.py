"""Fixtures for the barrier and ring tests: a fresh copy-paste index for each test's fresh database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def fresh_copy_index() -> Iterator[None]:
    from nook.social.moderation.barrier import reset_copy_index

    reset_copy_index()  # the database was emptied after the last test; ids start again
    yield
    reset_copy_index()
