"""Finding members (one by name as a viewer may see them) and members or circles by id for a page's cards."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import NotFound
from nook.phrases import N_
from nook.social.authz import Viewer, can_see_user
from nook.social.people import accounts
from nook.store.models import Circle, User


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


def circles_by_id(session: Session, ids: Iterable[int]) -> dict[int, Circle]:
    """Circles are listed publicly (name and address), so no viewer is needed."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {c.id: c for c in session.scalars(select(Circle).where(Circle.id.in_(wanted)))}


def circle_by_id(session: Session, circle_id: int | None) -> Circle | None:
    return circles_by_id(session, [circle_id]).get(circle_id) if circle_id else None
