"""相册 in the demo, through the services: the members who sort friends into groups each keep a public
album and one for a group only (部分好友可见), with photos drawn by the demo's own painter; a few friends
like a photo and comment on it. Deterministic for a plan; runs after the groups exist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.demo.groups_polls import group_owners
from nook.demo.images import render_demo_image
from nook.demo.model import DemoImage, DemoPlan
from nook.social.authz import load_viewer
from nook.social.content import albums, media, photo_interactions
from nook.store.base import frozen_time
from nook.store.models import FriendGroup, User
from nook.store.models.albums import AlbumVisibility

Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)
#: Each album: title, description, who sees it, and its photos (painter kind, caption).
ALBUMS: tuple[tuple[str, str, AlbumVisibility, tuple[tuple[str, str], ...]], ...] = (
    (
        "这个春天",
        "随手拍的天空和街角",
        "public",
        (("sky", "放学路上的晚霞"), ("street", "雨后的老街"), ("cat", "楼下的橘猫")),
    ),
    ("周末聚会", "只给同学看的合照", "selected", (("food", "火锅冒着热气"), ("cake", "给班长的生日蛋糕"))),
)
#: What friends say under a photo (one each, in turn).
PHOTO_COMMENTS = ("这张晚霞的颜色好温柔，是几点拍的？", "橘猫好胖，每天都有人喂吧", "老街下过雨更好看了")


def album_steps(plan: DemoPlan) -> list[Step]:
    return [partial(_albums, plan, owner, friends, i) for i, (owner, friends) in enumerate(group_owners(plan)[:2])]


def _albums(plan: DemoPlan, owner: str, friends: list[str], n: int, session: Session, ids: Any) -> None:
    user = _user(session, ids.users[owner])
    group = session.scalar(select(FriendGroup).where(FriendGroup.owner_id == user.id, FriendGroup.name == "同学"))
    first_photo = None
    for k, (title, description, visibility, photos) in enumerate(ALBUMS):
        if visibility == "selected" and group is None:
            continue  # too few friends for groups: no group album
        audience = (group.id,) if visibility == "selected" and group is not None else ()
        with frozen_time(plan.now - timedelta(days=6 - k, hours=3 * n)):
            fields = albums.AlbumFields(title, description, visibility, group_ids=audience)
            album = albums.create_album(session, user, fields)
            for j, (kind, caption) in enumerate(photos):
                picture = render_demo_image(DemoImage(seed=1000 * n + 10 * k + j, kind=kind, alt=caption))
                added = albums.add_photos(session, user, album.id, [media.prepare_image(user.id, picture)], caption)
                first_photo = first_photo or added[0].id
    if first_photo is None:
        return
    for i, name in enumerate(friends[:3]):
        friend = _user(session, ids.users[name])
        viewer = load_viewer(session, friend)
        with frozen_time(plan.now - timedelta(days=3, hours=i)):
            photo_interactions.like_photo(session, viewer, friend, first_photo)
            photo_interactions.comment_photo(session, viewer, friend, first_photo, PHOTO_COMMENTS[i])


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    assert user is not None
    return user


__all__ = ["album_steps"]
