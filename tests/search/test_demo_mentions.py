"""The demo community @-mentions friends in comments, so a newcomer sees 提到了你 and linked names."""

from __future__ import annotations

from sqlalchemy import func, select

from nook.demo import DemoPlan
from nook.demo.mentions import mention_steps
from nook.store.db import transaction
from nook.store.models import Mention, Notification


def test_demo_comments_mention_friends_who_are_told(demo_settled: DemoPlan) -> None:
    planned = len(mention_steps(demo_settled))
    assert planned >= 3
    with transaction() as s:
        assert s.scalar(select(func.count(Mention.id)).where(Mention.comment_id.is_not(None))) >= planned
        told = select(func.count(Notification.id)).where(Notification.kind == "mention")
        assert (s.scalar(told) or 0) >= planned
