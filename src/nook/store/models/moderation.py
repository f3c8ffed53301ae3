"""The barrier and ring detection in the live site: verdicts, cases, restrictions, appeals, audit.

Nothing here deletes a member's content: low-value comments are folded and farmed likes stop
counting, and both are undone by lifting the case they belong to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: What a moderation case is about.
CASE_KINDS = ("comment_throttle", "like_ring", "spam_comment", "message_report")
#: open → confirmed | lifted | escalated (escalated cases go to site admins only).
CASE_STATUSES = ("open", "confirmed", "lifted", "escalated")


class CommentVerdict(Base):
    """The engine's assessment of one comment, written after commit, and whether it is folded."""

    __tablename__ = "comment_verdicts"

    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    #: Denormalised from the comment so an account's recent verdicts are one indexed read.
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[int] = mapped_column(Integer)
    components: Mapped[dict[str, Any]] = mapped_column(JSON)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    low_value: Mapped[bool] = mapped_column(Boolean)
    low_value_code: Mapped[str | None] = mapped_column(String(16))
    low_value_reason: Mapped[str | None] = mapped_column(String(200))
    offensive: Mapped[bool] = mapped_column(Boolean)
    offensive_score: Mapped[float] = mapped_column(Float)
    #: Ids of earlier comments (other than this one) that this comment copies.
    copies: Mapped[list[int]] = mapped_column(JSON, default=list)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("copy_clusters.id", ondelete="SET NULL"), index=True)
    folded: Mapped[bool] = mapped_column(Boolean, default=False)
    #: low_value | offensive | throttled; None when shown.
    fold_reason: Mapped[str | None] = mapped_column(String(16))
    #: A moderator lifted a case covering this comment: it stays shown, whatever the engine said.
    cleared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the comment's time
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_comment_verdicts_author_created", "author_id", "created_at"),)


class CopyCluster(Base):
    """Comments that copy each other (near-duplicates), with the accounts that wrote them."""

    __tablename__ = "copy_clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_ids: Mapped[list[int]] = mapped_column(JSON)
    author_ids: Mapped[list[int]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModerationCase(Base):
    """One decision for a moderator: a throttled account or a like ring, with its evidence."""

    __tablename__ = "moderation_cases"
    __table_args__ = (Index("ix_moderation_cases_status", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), default="open")
    #: The circle all the evidence lies in, if any: its moderators may decide the case too.
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="SET NULL"))
    reasons: Mapped[list[str]] = mapped_column(JSON)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")


class Restriction(Base):
    """What a case does to one account: a slower comment or like rate, comments folded by default."""

    __tablename__ = "restrictions"
    __table_args__ = (Index("ix_restrictions_user_active", "user_id", "kind", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("moderation_cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # same as the case's kind
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: None: until a moderator lifts it.
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: comment_throttle: comments per hour while it lasts; like_ring: likes per day.
    rate: Mapped[int] = mapped_column(Integer)
    fold_by_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FlaggedLike(Base):
    """A like from a detected ring. The like row stays; while `active` it does not count."""

    __tablename__ = "flagged_likes"

    like_id: Mapped[int] = mapped_column(ForeignKey("likes.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("moderation_cases.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    #: False once a moderator lifted the case: it counts again and is never re-flagged.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    flagged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Appeal(Base):
    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("moderation_cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """Every barrier action, by the system (actor None) or a moderator, with reason and evidence."""

    __tablename__ = "moderation_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16))  # throttle flag_ring appeal confirm lift escalate expire
    case_id: Mapped[int | None] = mapped_column(ForeignKey("moderation_cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)


class JobRun(Base):
    """When each scheduled job last ran, so several processes never run the same one twice."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: How far (Unix seconds) the job has covered, for jobs that work by time window.
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
