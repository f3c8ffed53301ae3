"""Bodies of 转发, 私信, 特别关心 and 关注 (`nook.api.routes_conversations`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from nook.api.schemas import In, UserOut
from nook.http.params import DbId
from nook.social import limits as L
from nook.social.messages.conversations import MESSAGE_MAX
from nook.social.messages.reports import REPORT_MAX
from nook.vocabulary import Visibility


class RepostIn(In):
    body: str = Field(default="", max_length=L.POST_MAX, description="Your words; empty for a bare 转发")
    visibility: Visibility = "public"
    circle: str | None = Field(default=None, max_length=L.CIRCLE_SLUG_MAX, description="Circle slug")


class MessageIn(In):
    body: str = Field(default="", max_length=MESSAGE_MAX)
    media_id: DbId | None = Field(default=None, description="One photo uploaded through POST /media")


class MessageOut(BaseModel):
    id: int
    sender: UserOut
    body: str
    image_url: str | None
    mine: bool
    folded: bool = Field(description="Folded by the barrier (ads, copy-paste); only the recipient sees it so")
    fold_reason: str | None
    created_at: datetime
    read: bool | None = Field(description="Your message was read; null where they turned read receipts off")


class ConversationOut(BaseModel):
    other: UserOut
    state: str = Field(description="open, request (a stranger's first message) or new (nothing yet)")
    request_to_me: bool
    awaiting_reply: bool = Field(description="You wrote first to a stranger: one message until they answer")
    messages: list[MessageOut]


class ConversationItemOut(BaseModel):
    other: UserOut
    state: str
    last_body: str
    last_mine: bool
    last_at: datetime
    unread: int


class ReportIn(In):
    reason: str = Field(min_length=1, max_length=REPORT_MAX)


class ReportOut(BaseModel):
    case_id: int


class ReportedMessageOut(BaseModel):
    id: int
    sender_id: int
    body: str
    image_url: str | None
    created_at: datetime


class ContactSettingsIn(In):
    dm_policy: Literal["friends", "circles"] | None = Field(
        default=None, description="friends: others go to the request box; circles: circle co-members write directly"
    )
    read_receipts: bool | None = None
    followable: bool | None = Field(default=None, description="Whether others may 关注 your space")


class ContactSettingsOut(BaseModel):
    dm_policy: str
    read_receipts: bool
    followable: bool


class FollowOut(BaseModel):
    following: bool
    followers: int = Field(description="关注 count, apart from friends")
    followable: bool
    special: bool = Field(description="You marked this friend 特别关心")
