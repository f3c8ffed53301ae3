"""Finding members: one by name as a viewer may see them, many by id for the cards of a page."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import NotFound
from nook.phrases import N_
from nook.social.authz import Viewer, can_see_user
from nook.social.people import accounts
from nook.store.models import User


def visible_user(session: Session, viewer: Viewer, username: str) -> User:
    user = accounts.get_user_by_username(session, username)
    if not can_see_user(viewer, user):
        raise NotFound(N_("找不到这个用户"))
    return user


def users_by_id(session: Session, ids: Iterable[int]) -> dict[int, User]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))}
