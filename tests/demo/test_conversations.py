"""The demo community reposts, chats in 私信, marks 特别关心 and follows, loaded through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nook.demo import DemoPlan
from nook.store.db import transaction
from nook.store.models import Conversation, Follow, Message, Post, Repost, SpecialCare


@pytest.mark.slow
def test_loaded_demo_has_reposts_a_chain_conversations_and_special_care(demo_loaded: DemoPlan) -> None:
    with transaction() as s:
        links = list(s.scalars(select(Repost)))
        assert len(links) >= 4
        assert any(r.depth == 2 for r in links), "a repost of a repost"
        assert any(r.with_words for r in links) and any(not r.with_words for r in links)
        # a repost reaches no one the original does not: every original here is public
        originals = {r.root_id for r in links}
        assert set(s.scalars(select(Post.visibility).where(Post.id.in_(originals)))) == {"public"}
        assert s.scalar(select(func.count(Conversation.id))) >= 2
        assert s.scalar(select(func.count(Message.id))) >= 8
        assert s.scalar(select(func.count()).select_from(SpecialCare)) >= 2
        assert s.scalar(select(func.count()).select_from(Follow)) >= 1
