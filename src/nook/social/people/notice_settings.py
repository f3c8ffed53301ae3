"""Which kinds of notification a member wants: a muted kind is still listed, never pushed nor counted.

The settings name what a member recognises ("赞", "评论和回复", "@我的"); each covers the notification
kinds behind it; a new kind of notification is offered once a setting here lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nook.errors import Invalid
from nook.phrases import N_
from nook.store.first_writes import insert_or_existing
from nook.store.models import NotificationMute, User


@dataclass(frozen=True)
class NoticeSetting:
    name: str
    label: str  # marked with N_: pages show it translated, the API in Chinese
    kinds: tuple[str, ...]  # the notification kinds it covers


SETTINGS: tuple[NoticeSetting, ...] = (
    NoticeSetting("like", N_("赞"), ("like",)),
    NoticeSetting("comment", N_("评论和回复"), ("comment", "reply", "classmate", "photo_comment")),
    NoticeSetting("mention", N_("@提到我"), ("mention",)),
    NoticeSetting("care", N_("特别关心的新动态"), ("special_post",)),
    NoticeSetting("message", N_("私信"), ("message",)),
    NoticeSetting("repost", N_("转发"), ("repost",)),
    NoticeSetting("board", N_("留言板"), ("board", "board_reply")),
    NoticeSetting("friend", N_("好友申请"), ("friend_request", "friend_accept")),
    NoticeSetting("circle", N_("圈子"), ("circle_join", "circle_request", "circle_approved")),
)
_SETTING_OF_KIND = {kind: s.name for s in SETTINGS for kind in s.kinds}


def offered() -> list[NoticeSetting]:
    """The settings a member can change today (those covering at least one kind of notification)."""
    return [s for s in SETTINGS if s.kinds]


def setting_of(kind: str) -> str | None:
    return _SETTING_OF_KIND.get(kind)


def muted_settings(session: Session, user: User) -> set[str]:
    return set(session.scalars(select(NotificationMute.kind).where(NotificationMute.user_id == user.id)))


def muted_kinds(session: Session, user: User) -> list[str]:
    """The notification kinds behind the member's muted settings."""
    muted = muted_settings(session, user)
    return [kind for s in SETTINGS if s.name in muted for kind in s.kinds]


def is_muted(session: Session, user_id: int, kind: str) -> bool:
    name = setting_of(kind)
    return name is not None and session.get(NotificationMute, (user_id, name)) is not None


def _mute(session: Session, user: User, name: str) -> NotificationMute | None:
    return session.get(NotificationMute, (user.id, name))


def choices(session: Session, user: User) -> dict[str, bool]:
    """Each offered setting and whether it is on (True = notify me)."""
    muted = muted_settings(session, user)
    return {s.name: s.name not in muted for s in offered()}


def update(session: Session, user: User, wanted: dict[str, bool]) -> dict[str, bool]:
    """Turn the named settings on or off (the rest stay as they are); returns every setting."""
    names = {s.name for s in offered()}
    unknown = sorted(set(wanted) - names)
    if unknown:
        raise Invalid(N_("没有这种通知：%(names)s"), names="、".join(unknown))
    muted = muted_settings(session, user)
    for name, on in wanted.items():
        if on and name in muted:
            session.execute(
                delete(NotificationMute).where(NotificationMute.user_id == user.id, NotificationMute.kind == name)
            )
        elif not on and name not in muted:  # a second tab muting the same kind at once finds it muted
            row = NotificationMute(user_id=user.id, kind=name)
            insert_or_existing(session, row, partial(_mute, session, user, name))
    return choices(session, user)
