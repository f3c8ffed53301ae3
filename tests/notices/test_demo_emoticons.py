"""The demo shows 表情 in use: friends answer posts and 留言板 with Nook's emoticons, and a hug stands."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nook.demo import DemoPlan
from nook.store.db import read_session
from nook.store.models import BoardMessage, Comment, CommentVerdict


@pytest.mark.slow  # the first test to use the small demo community loads it (a minute or two)
def test_the_demo_answers_with_emoticons_and_a_lone_hug_is_not_folded(demo_settled: DemoPlan) -> None:
    with read_session() as session:
        hugs = list(session.scalars(select(Comment).where(Comment.body == "[抱抱]")))
        assert len(hugs) == 1
        verdict = session.get(CommentVerdict, hugs[0].id)
        assert verdict is not None and not verdict.low_value  # read as comfort under a sad post
        with_codes = session.scalars(select(Comment.body).where(Comment.body.contains("[鼓掌]"))).all()
        assert with_codes
        notes = session.scalars(select(BoardMessage.body).where(BoardMessage.body.contains("[花]"))).all()
        assert notes == ["路过你的空间，留一朵花[花]"]
