"""Generated activity written straight into the real database (no services: thousands of rows in a second).

Each record carries its own timestamps, so a test can compute every figure directly from the records
and compare it with what the rollup job stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from nook.store.models import Circle, Comment, CommentVerdict, Like, Post, PostAnalysis, User


@dataclass
class GUser:
    id: int
    created_at: datetime


@dataclass
class GPost:
    id: int
    author: int
    circle: int | None
    created_at: datetime
    hook: str | None  # None: not analysed; "none": analysed, no hook; else the hook type


@dataclass
class GComment:
    id: int
    post: int
    author: int
    parent: int | None
    created_at: datetime
    verdict: tuple[int, bool, bool] | None  # score, low_value, offensive


@dataclass
class GLike:
    user: int
    post: int
    created_at: datetime


@dataclass
class World:
    users: list[GUser] = field(default_factory=list)
    circles: list[int] = field(default_factory=list)
    posts: list[GPost] = field(default_factory=list)
    comments: list[GComment] = field(default_factory=list)
    likes: list[GLike] = field(default_factory=list)


def add_user(s: Session, u: GUser) -> None:
    s.add(User(id=u.id, username=f"u{u.id}", nickname=f"u{u.id}", password_hash="x", created_at=u.created_at))


def add_circle(s: Session, cid: int, owner: int, at: datetime) -> None:
    s.add(Circle(id=cid, slug=f"c{cid}", name=f"圈子{cid}", created_by=owner, created_at=at))


def add_post(s: Session, p: GPost) -> None:
    s.add(
        Post(
            id=p.id,
            author_id=p.author,
            body=f"说说 {p.id}",
            visibility="circle" if p.circle else "public",
            circle_id=p.circle,
            created_at=p.created_at,
        )
    )
    if p.hook is not None:
        s.flush()
        s.add(
            PostAnalysis(
                post_id=p.id,
                emotion="happy",
                state="calm",
                intensity=0.5,
                has_hook=p.hook != "none",
                hook_type=None if p.hook == "none" else p.hook,
                result={"scenes": [{"name": "food", "score": 1.0}]},
                analysed_at=p.created_at,
            )
        )


def add_comment(s: Session, c: GComment) -> None:
    s.add(
        Comment(
            id=c.id,
            post_id=c.post,
            author_id=c.author,
            parent_id=c.parent,
            body=f"评论 {c.id}",
            created_at=c.created_at,
        )
    )
    if c.verdict is not None:
        s.flush()
        score, low, off = c.verdict
        s.add(
            CommentVerdict(
                comment_id=c.id,
                author_id=c.author,
                score=score,
                components={},
                reasons=[],
                low_value=low,
                offensive=off,
                offensive_score=0.0,
                copies=[],
                created_at=c.created_at,
                assessed_at=c.created_at,
            )
        )


def add_like(s: Session, like: GLike) -> None:
    s.add(Like(user_id=like.user, post_id=like.post, created_at=like.created_at))


def fix_sequences(s: Session) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them on so later inserts do not collide."""
    if s.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in ("users", "circles", "posts", "comments"):
        s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}"))
