"""Search: each post's segmented words, and who was @-mentioned where."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: What each backend adds around `post_search` and the models do not describe (the migration makes
#: them): SQLite's FTS5 table (with its shadow tables) and the triggers keeping it in step;
#: PostgreSQL's GIN index over the words as a tsvector.
SEARCH_FTS = "post_search_fts"
SEARCH_GIN = "ix_post_search_terms"


def described_by_models(name: str | None) -> bool:
    """For comparing the database with the models (alembic's `include_name`): skip the backend's own search parts."""
    return not (name or "").startswith((SEARCH_FTS, SEARCH_GIN))


class PostSearch(Base):
    """A post's words as the engine's tokenizer cuts them, space-separated, written with the post."""

    __tablename__ = "post_search"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[str] = mapped_column(Text)


class Mention(Base):
    """@name in a post, comment or 留言: one row per member and item, so an edit never notifies twice."""

    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("source", "mentioned_id"),
        Index("ix_mentions_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "post:<id>", "comment:<id>" or "board:<id>"
    source: Mapped[str] = mapped_column(String(24))
    mentioned_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    board_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("board_messages.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
