"""那年今日: a member's own posts from this day (month and day, in the site's time zone) in earlier years.

Only for the member themselves: the list is read for `me` alone, never for someone else's space.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from nook.social.localtime import day_start, local_day, local_today
from nook.store.models import Post, User

#: The most posts shown (the oldest year first, then by time of day).
LIMIT = 20


def on_this_day(session: Session, me: User, today: date | None = None) -> list[Post]:
    today = today or local_today()
    first = session.scalar(select(func.min(Post.created_at)).where(Post.author_id == me.id))
    if first is None:
        return []
    windows = []
    for year in range(local_day(first).year, today.year):
        try:
            day = today.replace(year=year)
        except ValueError:  # 29 February in a year without one
            continue
        windows.append(and_(Post.created_at >= day_start(day), Post.created_at < day_start(day + timedelta(days=1))))
    if not windows:
        return []
    stmt = select(Post).where(Post.author_id == me.id, or_(*windows)).order_by(Post.created_at, Post.id)
    return list(session.scalars(stmt.limit(LIMIT)))
