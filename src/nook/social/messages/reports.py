"""Reporting a 私信 conversation: a moderation case for the site's admins, who read its messages only
through the case, and every reading leaves an audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.messages.conversations import find_conversation
from nook.social.moderation.cases import audit
from nook.social.text import clean_text
from nook.store.models import Message, ModerationCase, User

REPORT_MAX = 500
#: Messages a report hands to the moderators (the latest of the conversation).
REPORTED_MESSAGES = 50


def report(session: Session, viewer: Viewer, me: User, other: User, *, reason: str) -> ModerationCase:
    """Report the conversation with `other`: its latest messages become the case's evidence (by id)."""
    conv = find_conversation(session, me.id, other.id)
    if conv is None or not authz.can_see_conversation(viewer, conv):
        raise NotFound(N_("没有和对方的私信"))
    text = clean_text(reason, field=N_("举报理由"), max_len=REPORT_MAX)
    rate_limits.enforce(rate_limits.MESSAGE_REPORT, me.id)
    ids = list(
        session.scalars(
            select(Message.id)
            .where(Message.conversation_id == conv.id)
            .order_by(Message.id.desc())
            .limit(REPORTED_MESSAGES)
        )
    )
    case = ModerationCase(
        kind="message_report",
        status="open",
        circle_id=None,  # site admins only: a circle's moderators never read members' messages
        reasons=[text],
        evidence={"conversation_id": conv.id, "reporter_id": me.id, "reported_id": other.id, "message_ids": ids},
    )
    session.add(case)
    session.flush()
    audit(session, action="report", case_id=case.id, user_id=other.id, actor_id=me.id, reason=text, evidence={})
    return case


@dataclass(frozen=True)
class ReportedMessage:
    id: int
    sender_id: int
    body: str
    media_id: int | None
    created_at: datetime


def reported_messages(session: Session, viewer: Viewer, case_id: int) -> list[ReportedMessage]:
    """The reported messages, for an admin handling the case; each reading is written to the audit."""
    case = session.get(ModerationCase, case_id)
    if case is None or not authz.can_read_reported_messages(viewer, case):
        raise NotFound(N_("找不到这条处理记录"))
    ids = [int(i) for i in case.evidence.get("message_ids", [])]
    rows = session.scalars(select(Message).where(Message.id.in_(ids)).order_by(Message.id))
    out = [ReportedMessage(m.id, m.sender_id, m.body, m.media_id, m.created_at) for m in rows]
    audit(
        session,
        action="read_messages",
        case_id=case.id,
        user_id=case.evidence.get("reported_id"),
        actor_id=viewer.id,
        reason=N_("处理举报时查看了私信"),
        evidence={"message_ids": [m.id for m in out]},
    )
    return out
