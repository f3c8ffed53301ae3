"""The small demo community, loaded once per test session and restored for each test that reads it.

`nook demo` at size 0.08 writes a few hundred posts through the real services and their after-commit work:
a minute or more per load. Tests that check what the demo leaves behind share one load instead: each starts
from a copy of the loaded site, and whatever it writes is wiped when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import wipe

if TYPE_CHECKING:  # Nook's modules load at first use: runs that need no demo stay quick to start
    from nook.demo import DemoPlan
    from tests.snapshot import Snapshot

#: The smallest demo that has every stage's stories (scenes, mentions, reposts, emoticons, groups, albums).
DEMO_SIZE = 0.08


@dataclass(frozen=True)
class DemoCommunity:
    plan: DemoPlan
    loaded: Snapshot  # as `load_plan(plan)` leaves the site: later after-commit work still pending
    settled: Snapshot  # as `load_plan(plan, process_events=True)` leaves it


@pytest.fixture(scope="session")
def demo_community(site: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoCommunity:
    from nook.demo import build_plan
    from nook.demo.load import load_plan, settle
    from tests.snapshot import take

    wipe()  # loaded into an empty site, as `nook demo` is
    plan = build_plan(size=DEMO_SIZE)
    load_plan(plan)
    folder = tmp_path_factory.mktemp("demo-community")
    loaded = take(folder, "loaded")
    settle()
    settled = take(folder, "settled")
    wipe()
    return DemoCommunity(plan, loaded, settled)


@pytest.fixture
def demo_loaded(demo_community: DemoCommunity) -> Iterator[DemoPlan]:
    """The site as `load_plan(build_plan(size=DEMO_SIZE))` leaves it; returns the plan."""
    from tests.snapshot import restore

    restore(demo_community.loaded)
    yield demo_community.plan
    wipe()


@pytest.fixture
def demo_settled(demo_community: DemoCommunity) -> Iterator[DemoPlan]:
    """The site as `load_plan(build_plan(size=DEMO_SIZE), process_events=True)` leaves it; returns the plan."""
    from tests.snapshot import restore

    restore(demo_community.settled)
    yield demo_community.plan
    wipe()
