"""`users.viewer_stamp` gets a fresh random value in the same transaction as any change to what a
member's `authz.Viewer` is built from (friendships, blocks on either side, circle memberships, the
admin and active flags), so a process may keep Viewers keyed by (member, stamp) and never serve a
stale one. Random, not a counter: a wiped or restored site's member with a reused id never matches
a Viewer cached before (a restored row carries the stamp of the data restored with it).

Installed as a flush hook on every session (`install()`, called where the models are); the one bulk
statement that deletes such rows (`friends._unfriend`) calls `bump` itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from nook.store.models import Block, CircleMember, Friendship, User
from nook.store.models.accounts import new_stamp

_USER_FLAGS = ("is_admin", "is_active")


def bump(session: Session, user_ids: Iterable[int]) -> None:
    ids = sorted(set(user_ids))
    if ids:
        # The rows locked in id order (FOR UPDATE in the subquery; SQLite renders none): PostgreSQL locks
        # a plain UPDATE's rows in the order it scans them, which changes as rows get new versions, so
        # two stamps of the same members could each wait for the other.
        in_order = select(User.id).where(User.id.in_(ids)).order_by(User.id).with_for_update()
        session.execute(
            update(User).where(User.id.in_(in_order)).values(viewer_stamp=new_stamp()),
            execution_options={"synchronize_session": False},
        )


def _touched(obj: object) -> set[int]:
    if isinstance(obj, Friendship):
        return {obj.user_id, obj.friend_id}
    if isinstance(obj, Block):
        return {obj.blocker_id, obj.blocked_id}
    if isinstance(obj, CircleMember):
        return {obj.user_id}
    if isinstance(obj, User) and obj.id is not None:
        state = inspect(obj)
        return {obj.id} if any(state.attrs[name].history.has_changes() for name in _USER_FLAGS) else set()
    return set()


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    ids: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        ids |= _touched(obj)
    bump(session, (i for i in ids if i is not None))


def install() -> None:
    """Idempotent: hook every session's flush."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
