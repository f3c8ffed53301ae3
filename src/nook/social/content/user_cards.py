"""Members as cards show them: id, names and avatar, read as columns (shared by posts, comments and @提及)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from nook.store.models import User


@dataclass(frozen=True)
class UserCard:
    id: int
    username: str
    nickname: str
    avatar_media_id: int | None


def user_card(user: User) -> UserCard:
    return UserCard(user.id, user.username, user.nickname, user.avatar_media_id)


def user_cards(session: Session, ids: Iterable[int]) -> dict[int, UserCard]:
    """Members by id, only the columns a card shows."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {row[0]: UserCard(*row) for row in session.execute(_CARDS, {"ids": sorted(wanted)})}


#: Built once: every page asks it (building a statement costs more than running this one).
_CARDS = select(User.id, User.username, User.nickname, User.avatar_media_id).where(
    User.id.in_(bindparam("ids", expanding=True))
)
