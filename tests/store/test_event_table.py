"""The written-down event table: every kind of event sets something off, in the order the product needs,
and an event whose payload does not match its kind is refused where it is emitted."""

from __future__ import annotations

from pathlib import Path

import pytest

from nook.jobs.table import EVENT_HANDLERS
from nook.social.assist import understanding
from nook.social.moderation import barrier
from nook.social.reach import scores
from nook.store.db import transaction
from nook.store.outbox import PAYLOADS, Kind, emit


def test_every_kind_of_event_has_its_payload_and_its_handlers() -> None:
    assert set(PAYLOADS) == set(Kind)
    assert set(EVENT_HANDLERS) == set(Kind)
    assert all(EVENT_HANDLERS[kind] for kind in Kind)


def test_a_comment_is_judged_before_anything_reads_its_verdict() -> None:
    comment = list(EVENT_HANDLERS[Kind.COMMENT])
    assert comment[0] is barrier.assess_new_comment
    assert comment.index(understanding.on_comment) < comment.index(scores.on_comment)
    post = list(EVENT_HANDLERS[Kind.POST_CREATED])
    assert post.index(understanding.on_post) < post.index(scores.on_post_change)


def test_an_event_with_the_wrong_payload_is_refused(site: Path) -> None:
    with pytest.raises(ValueError, match="payload keys"), transaction() as session:
        emit(session, Kind.LIKE, post_id=1, actor_id=2)  # no user_id: nobody to tell
