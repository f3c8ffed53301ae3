"""The copy the demo tests share: restoring it brings back exactly the rows taken, and new rows get fresh ids."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from nook.social.authz import load_viewer
from nook.social.content import posts
from nook.social.people import accounts
from nook.store.db import transaction
from nook.store.models import Post, User
from tests.snapshot import restore, take


def test_restore_brings_back_the_rows_taken_and_ids_go_on(tmp_path: Path) -> None:
    with transaction() as s:
        ann = accounts.register(s, username="ann", password="password123")
        posts.create_post(s, load_viewer(s, ann), ann, body="快照里的说说", visibility="public")
    copy = take(tmp_path, "ann")
    with transaction() as s:
        accounts.register(s, username="bob", password="password123")
    restore(copy)
    with transaction() as s:
        assert list(s.scalars(select(User.username))) == ["ann"]
        assert list(s.scalars(select(Post.body))) == ["快照里的说说"]
        carl = accounts.register(s, username="carl", password="password123")  # no clash with ann's id
        s.flush()
        assert carl.id > s.scalar(select(User.id).where(User.username == "ann"))
