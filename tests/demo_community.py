"""The small demo community, loaded once per test session and restored for each test that reads it.

`nook demo` at size 0.08 writes a few hundred posts through the real services and their after-commit work:
a minute or more per load. Tests that check what the demo leaves behind share one load instead: each starts
from a copy of the loaded site, and whatever it writes is wiped when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from nook.demo import DemoPlan, build_plan
from nook.demo.load import load_plan, settle
from tests import snapshot
from tests.conftest import wipe

#: The smallest demo that has every stage's stories (scenes, mentions, reposts, emoticons, groups, albums).
DEMO_SIZE = 0.08


@dataclass(frozen=True)
class DemoCommunity:
    plan: DemoPlan
    loaded: snapshot.Snapshot  # as `load_plan(plan)` leaves the site: later after-commit work still pending
    settled: snapshot.Snapshot  # as `load_plan(plan, process_events=True)` leaves it


@pytest.fixture(scope="session")
def demo_community(site: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoCommunity:
    wipe()  # loaded into an empty site, as `nook demo` is
    plan = build_plan(size=DEMO_SIZE)
    load_plan(plan)
    folder = tmp_path_factory.mktemp("demo-community")
    loaded = snapshot.take(folder, "loaded")
    settle()
    settled = snapshot.take(folder, "settled")
    wipe()
    return DemoCommunity(plan, loaded, settled)


@pytest.fixture
def demo_loaded(demo_community: DemoCommunity) -> Iterator[DemoPlan]:
    """The site as `load_plan(build_plan(size=DEMO_SIZE))` leaves it; returns the plan."""
    snapshot.restore(demo_community.loaded)
    yield demo_community.plan
    wipe()


@pytest.fixture
def demo_settled(demo_community: DemoCommunity) -> Iterator[DemoPlan]:
    """The site as `load_plan(build_plan(size=DEMO_SIZE), process_events=True)` leaves it; returns the plan."""
    snapshot.restore(demo_community.settled)
    yield demo_community.plan
    wipe()
