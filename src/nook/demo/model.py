"""The demo plan's data: plain frozen records that a loader feeds through the real services.

Every reference between records is by a stable string: users by `username`, circles by `slug`,
posts, comments and board messages by `key`. All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from nook.vocabulary import Visibility

CircleKind = Literal["interest", "fanclub", "city", "campus"]
JoinPolicy = Literal["open", "approval"]
SchoolKind = Literal["高中", "大学"]
#: how a comment was written; "filler" is the low-value kind (沙发/顶/+1) the barrier should fold
CommentStyle = Literal["warm", "specific", "question", "filler", "reply", "ring"]


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str  # ascii login name, unique
    nickname: str  # Chinese display name
    password: str
    bio: str
    school: str | None
    school_kind: SchoolKind | None
    enroll_year: int | None  # 入学年份
    class_name: str | None  # 班级, e.g. "3班" or "计科2002班"
    city: str
    interests: tuple[str, ...]
    birthday: date
    avatar_seed: int
    joined_at: datetime
    is_admin: bool = False


@dataclass(frozen=True, slots=True)
class DemoWork:
    title: str
    kind: str  # 单曲 / 专辑 / 电视剧 / 巡演 …
    released: date


@dataclass(frozen=True, slots=True)
class DemoIdol:
    """An invented idol (not a real person) for the fan club."""

    name: str
    birthday: date
    debut: date
    fan_name: str
    colour: str  # 应援色
    works: tuple[DemoWork, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoCircle:
    slug: str
    name: str
    description: str
    kind: CircleKind
    city: str | None
    join_policy: JoinPolicy
    owner: str
    moderators: tuple[str, ...]
    members: tuple[str, ...]  # everyone in the circle, owner and moderators included
    created_at: datetime
    idol: DemoIdol | None = None


@dataclass(frozen=True, slots=True)
class DemoFriendship:
    a: str  # sent the request
    b: str  # accepted it
    since: datetime


@dataclass(frozen=True, slots=True)
class DemoImage:
    seed: int
    kind: str  # one of nook.demo.images.IMAGE_KINDS
    alt: str  # Chinese alt text


@dataclass(frozen=True, slots=True)
class DemoPost:
    key: str
    author: str
    text: str
    hashtags: tuple[str, ...]  # the #话题# names in `text`, in order, without the # marks
    visibility: Visibility
    circle: str | None  # slug when visibility == "circle"
    created_at: datetime
    images: tuple[DemoImage, ...] = ()
    topic: str = ""  # which phrase bank wrote it (travel, sad, hook_guess …)
    mood: str = ""  # sad / anxious / lost / tired / proud / happy / hook / neutral
    title: str = ""  # a 日志's title; its text is Markdown


@dataclass(frozen=True, slots=True)
class DemoComment:
    key: str
    post: str
    author: str
    text: str  # without any "回复 @x:" prefix; the thread is given by reply_to
    created_at: datetime
    reply_to: str | None = None  # key of a comment on the same post
    style: CommentStyle = "specific"


@dataclass(frozen=True, slots=True)
class DemoLike:
    user: str
    post: str
    at: datetime


@dataclass(frozen=True, slots=True)
class DemoBoardMessage:
    key: str
    owner: str  # whose 留言板
    author: str  # always a friend of the owner
    text: str
    at: datetime
    reply: str | None = None  # the owner's reply
    reply_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DemoVisit:
    visitor: str
    owner: str
    at: datetime


@dataclass(frozen=True, slots=True)
class DemoLikeRing:
    """A planted like-farming ring: `members` all like every post in `post_keys` within minutes."""

    members: tuple[str, ...]
    customers: tuple[str, ...]  # authors whose posts the ring boosts
    post_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoPlan:
    seed: int
    size: float
    now: datetime
    password: str
    admin: DemoUser
    users: tuple[DemoUser, ...]  # admin not included
    circles: tuple[DemoCircle, ...]
    friendships: tuple[DemoFriendship, ...]
    posts: tuple[DemoPost, ...]  # sorted by created_at
    comments: tuple[DemoComment, ...]  # sorted by created_at; a parent always precedes its replies
    likes: tuple[DemoLike, ...]  # sorted by at
    board_messages: tuple[DemoBoardMessage, ...]
    visits: tuple[DemoVisit, ...]
    like_rings: tuple[DemoLikeRing, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """How many of each record the plan holds (for CLI output and benchmarks)."""
        return {
            "users": len(self.users) + 1,
            "circles": len(self.circles),
            "friendships": len(self.friendships),
            "posts": len(self.posts),
            "images": sum(len(p.images) for p in self.posts),
            "comments": len(self.comments),
            "likes": len(self.likes),
            "board_messages": len(self.board_messages),
            "visits": len(self.visits),
            "like_ring_accounts": sum(len(r.members) for r in self.like_rings),
        }
