"""生日提醒: on a friend's birthday, a reminder for those who may see it, if the friend opted in."""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.store.models import Friendship, User


def birthdays_today(session: Session, viewer: Viewer, today: date) -> list[User]:
    """Friends whose birthday is `today` (29 February ones on the 28th in other years), by nickname."""
    if viewer.id is None:
        return []
    friends = session.scalars(
        select(User)
        .join(Friendship, Friendship.friend_id == User.id)
        .where(Friendship.user_id == viewer.id, User.birthday_reminders.is_(True), User.birthday.is_not(None))
    )
    return sorted(
        (u for u in friends if _falls_on(u.birthday, today) and authz.can_see_field(viewer, u, "birthday")),
        key=lambda u: (u.nickname, u.id),
    )


def _falls_on(birthday: date | None, today: date) -> bool:
    if birthday is None:
        return False
    if (birthday.month, birthday.day) == (2, 29) and not calendar.isleap(today.year):
        return (today.month, today.day) == (2, 28)
    return (birthday.month, birthday.day) == (today.month, today.day)
