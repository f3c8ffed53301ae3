"""Request and response bodies of the moderation API: restrictions, appeals, the case queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from nook.api.schemas import In, UserOut
from nook.http.params import DbId
from nook.social.moderation.cases import APPEAL_MAX, NOTE_MAX

CaseStatus = Literal["open", "confirmed", "lifted", "escalated"]


class RestrictionOut(BaseModel):
    case_id: int
    kind: str = Field(description="comment_throttle (限流) or like_ring (刷赞)")
    reasons: list[str]
    until: datetime | None = Field(description="When it ends by itself; null: until a moderator lifts it")
    rate: int = Field(description="Comments per hour (comment_throttle) or likes per day (like_ring) meanwhile")
    fold_by_default: bool = Field(description="New comments are folded while it lasts")
    case_status: CaseStatus
    evidence_comment_ids: list[int] = Field(description="Your comments the decision rests on")
    discounted_likes: int = Field(description="Your likes that no longer count")
    appealed: bool


class AppealIn(In):
    case_id: DbId
    body: str = Field(min_length=1, max_length=APPEAL_MAX, description="Why the decision is wrong")


class AppealOut(BaseModel):
    id: int
    case_id: int
    user: UserOut
    body: str
    created_at: datetime


class AuditOut(BaseModel):
    at: datetime
    action: str
    actor_id: int | None = Field(description="null: the system (the barrier or the ring scan)")
    user_id: int | None
    reason: str
    evidence: dict[str, Any]


class CaseOut(BaseModel):
    id: int
    kind: str
    status: CaseStatus
    circle_id: int | None
    reasons: list[str]
    evidence: dict[str, Any] = Field(description="Comments with their wording, or likes (who, what, when) and density")
    users: list[UserOut]
    appeals: list[AppealOut]
    audit: list[AuditOut]
    created_at: datetime
    decided_at: datetime | None
    decided_by: int | None
    note: str


class DecisionIn(In):
    note: str = Field(default="", max_length=NOTE_MAX)


class CopyClusterOut(BaseModel):
    id: int
    comment_ids: list[int]
    author_ids: list[int]
    updated_at: datetime
