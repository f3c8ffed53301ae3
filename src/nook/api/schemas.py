"""Request and response bodies of the REST API (the OpenAPI document is generated from these)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from nook.http.params import DbId
from nook.phrases import N_
from nook.social import limits as L
from nook.vocabulary import BoardPolicy, PrivacyLevel, Visibility

#: Control characters no member-written string may hold (tab and newlines are text); NUL among them,
#: which PostgreSQL refuses to store or compare, so both backends answer 422 the same.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(value: Any) -> Any:
    if isinstance(value, str) and _CONTROL.search(value):
        raise PydanticCustomError("control_characters", N_("不能包含控制字符"))
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _no_control(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_control(key)
            _no_control(item)
    return value


class In(BaseModel):
    """Every request body: unknown fields refused, and no control characters in any string."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        return _no_control(value)


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


# --- accounts ---------------------------------------------------------------------------------


class RegisterIn(In):
    username: str = Field(min_length=L.USERNAME_MIN, max_length=L.USERNAME_MAX, examples=["lin_xiaoyu"])
    password: str = Field(min_length=L.PASSWORD_MIN, max_length=L.PASSWORD_MAX)
    nickname: str = Field(default="", max_length=L.NICKNAME_MAX)


class LoginIn(In):
    username: str = Field(min_length=1, max_length=L.USERNAME_MAX)
    password: str = Field(min_length=1, max_length=L.PASSWORD_MAX)


class TokenOut(BaseModel):
    token: str
    user: UserOut


class PasswordIn(In):
    old_password: str = Field(min_length=1, max_length=L.PASSWORD_MAX)
    new_password: str = Field(min_length=L.PASSWORD_MIN, max_length=L.PASSWORD_MAX)


class ApiTokenIn(In):
    name: str = Field(min_length=1, max_length=L.TOKEN_NAME_MAX)
    scopes: list[Literal["read", "write"]] = Field(
        default=["read", "write"], min_length=1, max_length=2, description="`write` brings `read` with it"
    )
    expires_in_days: int = Field(default=90, ge=1, le=365)


class ApiTokenOut(BaseModel):
    id: int
    name: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime | None
    token: str | None = Field(default=None, description="The secret, shown only once, when created")


class SessionOut(BaseModel):
    id: int
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime | None
    user_agent: str = Field(description="The browser and system it signed in from, e.g. 'Chrome · macOS'")
    current: bool = Field(description="Whether this is the session making the request")


class PrivacyIn(In):
    school: PrivacyLevel | None = None
    class_: PrivacyLevel | None = Field(default=None, alias="class")
    city: PrivacyLevel | None = None
    birthday: PrivacyLevel | None = None
    interests: PrivacyLevel | None = None


class BoardAudienceIn(In):
    group_ids: list[DbId] = Field(default_factory=list, max_length=L.AUDIENCE_GROUPS_MAX)
    usernames: list[Annotated[str, Field(min_length=1, max_length=L.USERNAME_MAX)]] = Field(
        default_factory=list, max_length=L.AUDIENCE_MEMBERS_MAX
    )


class ProfileIn(In):
    nickname: str | None = Field(default=None, min_length=1, max_length=L.NICKNAME_MAX)
    bio: str | None = Field(default=None, max_length=L.BIO_MAX)
    school: str | None = Field(default=None, max_length=L.SCHOOL_MAX)
    school_kind: Literal["", "高中", "大学", "初中"] | None = None
    enroll_year: int | None = Field(default=None, ge=1950, le=2100)
    class_name: str | None = Field(default=None, max_length=L.CLASS_MAX)
    city: str | None = Field(default=None, max_length=L.CITY_MAX)
    interests: list[str] | None = Field(default=None, max_length=L.INTERESTS_MAX)
    birthday: date | None = None
    privacy: PrivacyIn | None = None
    board_policy: BoardPolicy | None = Field(
        default=None, description="Who may read your 留言板; selected and except name board_audience"
    )
    board_audience: BoardAudienceIn | None = Field(
        default=None, description="The groups and friends a selected or except 留言板 names (replaces them)"
    )
    allow_invisible_visits: bool | None = None
    birthday_reminders: bool | None = None
    visit_invisibly: bool | None = None
    avatar_media_id: DbId | None = None
    cover_media_id: DbId | None = None
    space_skin: str | None = Field(default=None, max_length=16, description="a key of GET /space-styles")
    space_accent: str | None = Field(default=None, max_length=16, description='an accent key, "" for the skin default')


class UserOut(BaseModel):
    id: int
    username: str
    nickname: str
    avatar_url: str | None


class SpaceStyleOut(BaseModel):
    skin: str
    accent: str
    cover_url: str | None


class SpaceStyleChoiceOut(BaseModel):
    key: str
    label: str


class SpaceStylesOut(BaseModel):
    skins: list[SpaceStyleChoiceOut]
    accents: list[SpaceStyleChoiceOut]


class TrackOut(BaseModel):
    id: int
    title: str
    artist: str
    seconds: float
    url: str


class ProfileOut(BaseModel):
    user: UserOut
    bio: str
    school: str | None
    school_kind: str | None
    enroll_year: int | None
    class_name: str | None
    city: str | None
    birthday: date | None
    interests: list[str] | None
    created_at: datetime
    is_friend: bool
    is_me: bool
    board_policy: str
    space: SpaceStyleOut


class MeOut(ProfileOut):
    is_admin: bool
    trust_level: int
    privacy: dict[str, str]
    allow_invisible_visits: bool
    birthday_reminders: bool
    visit_invisibly: bool
    profile_completed: bool
    unread_notifications: int


# --- friends ----------------------------------------------------------------------------------


class FriendRequestIn(In):
    username: str = Field(min_length=1, max_length=L.USERNAME_MAX)
    message: str = Field(default="", max_length=L.FRIEND_MESSAGE_MAX)


class FriendRequestOut(BaseModel):
    id: int
    user: UserOut
    message: str
    created_at: datetime


class UsernameIn(In):
    username: str = Field(min_length=1, max_length=L.USERNAME_MAX)


# --- posts ------------------------------------------------------------------------------------


AUDIENCE_GROUPS = (
    "For visibility selected (部分好友可见): your friend groups who may read it; for except (不给谁看): the groups "
    "it is hidden from. Membership counts as it is when the post is read."
)
AUDIENCE_MEMBERS = "Like audience_groups, for friends named one by one (usernames)."
Username = Annotated[str, Field(min_length=1, max_length=L.USERNAME_MAX)]


class PollIn(In):
    options: list[Annotated[str, Field(min_length=1, max_length=L.POLL_OPTION_MAX)]] = Field(
        min_length=L.POLL_OPTIONS_MIN, max_length=L.POLL_OPTIONS_MAX
    )
    multiple: bool = Field(default=False, description="Several options may be chosen in one ballot")
    closes_at: datetime | None = Field(default=None, description="No ballots after this moment (timezone-aware)")


class PollOptionOut(BaseModel):
    id: int
    text: str
    votes: int | None = Field(description="null until you voted or the poll closed")
    chosen: bool = Field(description="In your ballot")


class PollOut(BaseModel):
    multiple: bool
    closes_at: datetime | None
    closed: bool
    voted: bool
    can_vote: bool
    ballots: int | None = Field(description="Members who voted; null until you voted or the poll closed")
    options: list[PollOptionOut]


class VoteIn(In):
    options: list[DbId] = Field(min_length=1, max_length=L.POLL_OPTIONS_MAX, description="Option ids")


class ImageIn(In):
    media_id: DbId
    alt: str = Field(default="", max_length=L.ALT_MAX)


class PostIn(In):
    body: str = Field(default="", max_length=L.POST_MAX)
    visibility: Visibility = "public"
    circle: str | None = Field(default=None, max_length=L.CIRCLE_SLUG_MAX, description="Circle slug")
    images: list[ImageIn] = Field(default_factory=list, max_length=L.IMAGES_MAX)
    audience_groups: list[DbId] = Field(
        default_factory=list, max_length=L.AUDIENCE_GROUPS_MAX, description=AUDIENCE_GROUPS
    )
    audience_members: list[Username] = Field(
        default_factory=list, max_length=L.AUDIENCE_MEMBERS_MAX, description=AUDIENCE_MEMBERS
    )
    poll: PollIn | None = Field(default=None, description="Make the post a poll (投票); a ballot is final")


class JournalIn(In):
    title: str = Field(min_length=1, max_length=L.JOURNAL_TITLE_MAX)
    body: str = Field(min_length=1, max_length=L.JOURNAL_MAX, description="Markdown")
    visibility: Visibility = "public"
    circle: str | None = Field(default=None, max_length=L.CIRCLE_SLUG_MAX, description="Circle slug")


class PostEditIn(In):
    body: str | None = Field(default=None, max_length=L.JOURNAL_MAX, description="a 说说 keeps its 2,000 limit")
    visibility: Visibility | None = None
    audience_groups: list[DbId] | None = Field(
        default=None, max_length=L.AUDIENCE_GROUPS_MAX, description=AUDIENCE_GROUPS
    )
    audience_members: list[Username] | None = Field(
        default=None, max_length=L.AUDIENCE_MEMBERS_MAX, description=AUDIENCE_MEMBERS
    )


class ImageOut(BaseModel):
    media_id: int
    alt: str
    url: str
    thumb_url: str


class HelpLineOut(BaseModel):
    name: str
    number: str


class CareOut(BaseModel):
    lines: list[HelpLineOut]


class PostOut(BaseModel):
    id: int
    author: UserOut
    body: str
    title: str = Field(default="", description="A 日志's title; empty for a 说说")
    body_html: str = Field(description="The body with #话题# links (a 日志: its Markdown), escaped and sanitised")
    visibility: str
    circle: str | None
    circle_name: str | None
    created_at: datetime
    edited_at: datetime | None
    images: list[ImageOut]
    hashtags: list[str]
    like_count: int
    comment_count: int
    liked_by_me: bool
    poll: PollOut | None = None
    care: CareOut | None = Field(
        default=None,
        description="Only in the author's own GET /posts/{id}, for a post that signals a crisis: help lines the "
        "site lists (NOOK_HELP_LINES). Nobody else is ever told; null for every other reader and answer.",
    )
    repost: RepostOut | None = Field(default=None, description="What this 转发 quotes; null for an original")
    repost_count: int = Field(default=0, description="Honest reposts (ring-flagged reposters left out)")


class HopOut(BaseModel):
    post_id: int
    author: UserOut
    body: str


class QuotedOut(BaseModel):
    id: int
    author: UserOut
    body: str
    images: list[ImageOut]
    created_at: datetime


class RepostOut(BaseModel):
    hops: list[HopOut] = Field(description='Earlier reposts, nearest first ("//@B: …"), at most 5')
    original: QuotedOut | None = Field(description="The original; null once deleted or hidden from you")
    depth: int


class PostPage(BaseModel):
    items: list[PostOut]
    next_cursor: str | None


class LikeOut(BaseModel):
    liked: bool
    like_count: int


class CommentIn(In):
    body: str = Field(min_length=1, max_length=L.COMMENT_MAX)
    parent_id: DbId | None = Field(default=None, description="The comment this one replies to")
    suggestion_id: DbId | None = Field(default=None, description="The suggestion the comment was written from")


#: Where a suggested comment came from (also logged with each one shown, so uptake compares by source).
SUGGESTION_SOURCE = (
    "Where the line came from: personal (drawn from one of the reader's own posts), scene or mood "
    "(a template filled from the post), plain (a general line for its mood), retrieved (a real reply to a "
    "similar post), fallback (a generic reply when nothing fitted better), llm (the site's own LLM wrote it)"
)


class SuggestionOut(BaseModel):
    id: int
    text: str
    intent: str = Field(description="empathy / celebrate / shared_experience / question")
    source: str = Field(description=SUGGESTION_SOURCE)


class QualityOut(BaseModel):
    score: int = Field(description="0-100: how much the comment adds to the conversation")
    reasons: list[str] = Field(description="Plain-language reasons behind the score")


class CommentOut(BaseModel):
    id: int
    post_id: int
    author: UserOut
    body: str
    parent_id: int | None
    reply_to: UserOut | None
    created_at: datetime
    quality: QualityOut | None = Field(default=None, description="Shown to the writer and moderators only")
    folded: bool = Field(default=False, description="Low-value, offensive or throttled: folded, never deleted")
    fold_reason: str | None = Field(default=None, description="Why it is folded; writer and moderators only")
    warning: str | None = Field(
        default=None, description="A kind first warning about a run of filler comments; writer and moderators only"
    )


class CommentPage(BaseModel):
    items: list[CommentOut]
    next_cursor: str | None
    folded_count: int = Field(default=0, description="Comments under the post folded for you (N 条低质评论已折叠)")


class MediaOut(BaseModel):
    id: int
    width: int
    height: int
    url: str
    thumb_url: str


# --- space ------------------------------------------------------------------------------------


class BoardIn(In):
    body: str = Field(min_length=1, max_length=L.BOARD_MAX)


class BoardMessageOut(BaseModel):
    id: int
    author: UserOut
    body: str
    created_at: datetime
    replies: list[BoardMessageOut] = Field(default_factory=list)


class BoardPage(BaseModel):
    items: list[BoardMessageOut]
    next_cursor: str | None


class VisitOut(BaseModel):
    visitor: UserOut
    visited_at: datetime
    count: int


# --- circles ----------------------------------------------------------------------------------


class CircleIn(In):
    slug: str = Field(min_length=2, max_length=L.CIRCLE_SLUG_MAX, pattern=r"^[a-z0-9][a-z0-9-]+$")
    name: str = Field(min_length=1, max_length=L.CIRCLE_NAME_MAX)
    description: str = Field(default="", max_length=L.CIRCLE_DESC_MAX)
    kind: Literal["interest", "fanclub", "city", "campus"] = "interest"
    city: str = Field(default="", max_length=L.CITY_MAX)
    join_policy: Literal["open", "approval"] = "open"


class CircleOut(BaseModel):
    slug: str
    name: str
    description: str
    kind: str
    city: str
    join_policy: str
    member_count: int
    my_role: str | None
    my_status: str | None


class MemberOut(BaseModel):
    user: UserOut
    role: str
    status: str
    joined_at: datetime


class RoleIn(In):
    role: Literal["owner", "moderator", "member"]


# --- notifications ----------------------------------------------------------------------------


class NotificationOut(BaseModel):
    """One notification, or a group of them (likes of one post within a day): `id` stands for the group."""

    id: int
    kind: str
    actor: UserOut
    actors: list[UserOut] = Field(description="The newest members in the group (at most 2), newest first")
    actor_count: int = Field(description="How many members the group holds (1 for a single notification)")
    unread_count: int = Field(description="How many of the group's notifications are unread")
    post_id: int | None
    comment_id: int | None
    board_message_id: int | None
    photo_id: int | None = Field(description="The album photo a photo_comment is about")
    circle: str | None
    created_at: datetime
    read: bool


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    next_cursor: str | None
    unread: int


class NoticeSettingOut(BaseModel):
    name: str
    label: str
    on: bool


class NoticeSettingsOut(BaseModel):
    settings: list[NoticeSettingOut]


class NoticeSettingsIn(In):
    settings: dict[Annotated[str, StringConstraints(max_length=16)], bool] = Field(
        max_length=20, description="Setting name -> on (notify me) or off; unnamed settings stay as they are"
    )


class MarkReadIn(In):
    ids: list[DbId] | None = Field(default=None, max_length=500, description="Omit to mark all as read")


class CountOut(BaseModel):
    count: int


class OkOut(BaseModel):
    ok: bool = True


TokenOut.model_rebuild()
PostOut.model_rebuild()
BoardMessageOut.model_rebuild()


# --- friend groups (分组) ---------------------------------------------------------------------


class GroupIn(In):
    name: str = Field(min_length=1, max_length=L.GROUP_NAME_MAX)
    members: list[Username] = Field(
        default_factory=list, max_length=L.GROUP_MEMBERS_MAX, description="Friends' usernames"
    )


class GroupEditIn(In):
    name: str | None = Field(default=None, min_length=1, max_length=L.GROUP_NAME_MAX)
    members: list[Username] | None = Field(
        default=None, max_length=L.GROUP_MEMBERS_MAX, description="Replaces the members: friends' usernames"
    )


class GroupOut(BaseModel):
    id: int
    name: str
    members: list[UserOut]
