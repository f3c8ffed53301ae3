"""The demo's friend groups, posts for some friends only, poll and albums, loaded through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nook.demo import DemoPlan
from nook.demo.groups_polls import HIDDEN, POLL
from nook.social import authz
from nook.store.db import transaction
from nook.store.models import (
    Album,
    AlbumPhoto,
    FriendGroup,
    FriendGroupMember,
    PhotoComment,
    PhotoLike,
    PollBallot,
    Post,
    User,
)


@pytest.mark.slow
def test_loaded_demo_has_groups_a_hidden_post_an_answered_poll_and_albums(demo_loaded: DemoPlan) -> None:
    with transaction() as s:
        assert s.scalar(select(func.count(FriendGroup.id))) >= 2
        hidden = s.scalars(select(Post).where(Post.visibility == "except")).first()
        assert hidden is not None and hidden.body in {HIDDEN.format(group=g) for g in ("同学", "家人", "同事")}
        excluded_id = s.scalar(
            select(FriendGroupMember.user_id)
            .join(FriendGroup, FriendGroup.id == FriendGroupMember.group_id)
            .where(FriendGroup.owner_id == hidden.author_id, FriendGroup.name == "家人")
        )
        excluded = s.get(User, excluded_id)
        assert excluded is not None and not authz.can_see_post(authz.load_viewer(s, excluded), hidden)
        poll_post = s.scalar(select(Post).where(Post.body == POLL[0]))
        assert poll_post is not None
        assert s.scalar(select(func.count()).select_from(PollBallot).where(PollBallot.post_id == poll_post.id)) >= 3
        # 相册: a public album and one for a group, photos drawn by the demo, friends' likes and comments
        assert {"public", "selected"} <= set(s.scalars(select(Album.visibility)))
        assert s.scalar(select(func.count(AlbumPhoto.id))) >= 5
        assert s.scalar(select(func.count(PhotoLike.id))) >= 1
        assert s.scalar(select(func.count(PhotoComment.id))) >= 1
