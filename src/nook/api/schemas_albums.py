"""Request and response bodies of the 相册 (albums) API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from nook.api.schemas import AUDIENCE_GROUPS, AUDIENCE_MEMBERS, In, LikeOut, Username, UserOut
from nook.http.params import DbId
from nook.social.limits import (
    ALBUM_ANSWER_MAX,
    ALBUM_DESC_MAX,
    ALBUM_QUESTION_MAX,
    ALBUM_TITLE_MAX,
    ALT_MAX,
    AUDIENCE_GROUPS_MAX,
    AUDIENCE_MEMBERS_MAX,
    COMMENT_MAX,
)
from nook.store.models.albums import AlbumVisibility


class AlbumIn(In):
    title: str = Field(min_length=1, max_length=ALBUM_TITLE_MAX)
    description: str = Field("", max_length=ALBUM_DESC_MAX)
    visibility: AlbumVisibility = Field(
        "public",
        description="public, friends, private (only you), question (whoever answers it), selected (the friends "
        "audience_* names: 部分好友可见) or except (every friend but them: 不给谁看)",
    )
    question: str = Field("", max_length=ALBUM_QUESTION_MAX, description="Shown to visitors of a question album")
    answer: str = Field(
        "", max_length=ALBUM_ANSWER_MAX, description="Stored hashed; empty on an edit keeps the old answer"
    )
    audience_groups: list[DbId] = Field(
        default_factory=list, max_length=AUDIENCE_GROUPS_MAX, description=AUDIENCE_GROUPS
    )
    audience_members: list[Username] = Field(
        default_factory=list, max_length=AUDIENCE_MEMBERS_MAX, description=AUDIENCE_MEMBERS
    )


class AlbumEditIn(AlbumIn):
    cover_media_id: DbId | None = Field(None, description="One of the album's photos; null keeps the cover")


class AnswerIn(In):
    answer: str = Field(min_length=1, max_length=ALBUM_ANSWER_MAX)


class PhotoEditIn(In):
    caption: str | None = Field(None, max_length=ALT_MAX)
    album_id: DbId | None = Field(None, description="Move the photo into another of your albums")


class AlbumOut(BaseModel):
    id: int
    owner: UserOut
    title: str
    description: str
    visibility: AlbumVisibility
    question: str = Field(description="The question of a question album, else empty")
    locked: bool = Field(description="True while you may see the album's title and question but not its photos")
    cover_url: str | None
    photo_count: int | None = Field(description="Null while locked")
    created_at: datetime


class AlbumPhotoOut(BaseModel):
    id: int
    album_id: int
    media_id: int
    caption: str
    url: str
    thumb_url: str
    created_at: datetime


class AlbumDetailOut(BaseModel):
    album: AlbumOut
    photos: list[AlbumPhotoOut]


class PhotoCommentIn(In):
    body: str = Field(min_length=1, max_length=COMMENT_MAX)


class PhotoCommentOut(BaseModel):
    id: int
    photo_id: int
    author: UserOut
    body: str
    created_at: datetime
    folded: bool = Field(description="Low-value, offensive or throttled: folded, never deleted")
    fold_reason: str | None = Field(description="Why it is folded; its writer and site admins only")
    can_delete: bool


class PhotoDetailOut(BaseModel):
    """One photo with its likes and comments; a photo you may not see answers 404."""

    photo: AlbumPhotoOut
    owner: UserOut
    album_title: str
    like: LikeOut = Field(description="like_count leaves out accounts flagged in a like ring")
    comments: list[PhotoCommentOut] = Field(description="Oldest first, the latest 200")
    newer_id: int | None
    older_id: int | None
