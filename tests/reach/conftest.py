"""Fresh copy-paste index per test (the database is emptied between tests; comment ids start again)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def fresh_copy_index() -> Iterator[None]:
    from nook.social.moderation.barrier import reset_copy_index

    reset_copy_index()
    yield
    reset_copy_index()
