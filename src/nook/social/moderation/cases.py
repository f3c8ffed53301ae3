"""Moderation cases, restrictions, appeals and the audit trail ("算法+人工").

The barrier and the ring scan open cases here; moderators confirm, lift or escalate them; members
see their restrictions and appeal. Lifting undoes everything the case did: comments unfold and
farmed likes count again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from nook.errors import Conflict, Forbidden, NotFound
from nook.phrases import N_, Phrase
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import counts
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import lock_rows
from nook.store.models import (
    Appeal,
    AuditEntry,
    Comment,
    CommentVerdict,
    CopyCluster,
    FlaggedLike,
    ModerationCase,
    Restriction,
    User,
)

APPEAL_MAX = 500
NOTE_MAX = 500
_DECIDABLE = {
    "confirm": ("open", "escalated"),
    "lift": ("open", "confirmed", "escalated"),
    "escalate": ("open", "confirmed"),
}
_STATUS_AFTER = {"confirm": "confirmed", "lift": "lifted", "escalate": "escalated"}


# --- what the barrier and the ring scan call ---------------------------------------------------


def active_restriction(session: Session, user_id: int, kind: str) -> Restriction | None:
    """The account's restriction of this kind in force now, if any."""
    return session.scalar(
        select(Restriction)
        .where(
            Restriction.user_id == user_id,
            Restriction.kind == kind,
            Restriction.active.is_(True),
            or_(Restriction.until.is_(None), Restriction.until > utcnow()),
        )
        .order_by(Restriction.id.desc())
        .limit(1)
    )


def open_case(
    session: Session,
    *,
    kind: str,
    user_ids: list[int],
    reasons: list[str],
    evidence: dict[str, Any],
    circle_id: int | None,
    until: datetime | None,
    rate: int | dict[int, int],
    fold_by_default: bool = False,
) -> ModerationCase:
    """A case for the moderators, and the restriction it puts on each account."""
    case = ModerationCase(kind=kind, status="open", circle_id=circle_id, reasons=reasons, evidence=evidence)
    session.add(case)
    session.flush()
    for uid in user_ids:
        per_user = rate[uid] if isinstance(rate, dict) else rate
        session.add(
            Restriction(
                case_id=case.id, user_id=uid, kind=kind, until=until, rate=per_user, fold_by_default=fold_by_default
            )
        )
    return case


def audit(
    session: Session,
    *,
    action: str,
    reason: str,
    evidence: dict[str, Any],
    case_id: int | None = None,
    user_id: int | None = None,
    actor_id: int | None = None,
) -> None:
    session.add(
        AuditEntry(action=action, reason=reason, evidence=evidence, case_id=case_id, user_id=user_id, actor_id=actor_id)
    )


# --- members ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyRestriction:
    """A restriction as its member sees it (the settings page and /me/restrictions alike)."""

    restriction: Restriction
    case: ModerationCase
    evidence_comment_ids: list[int]
    discounted_likes: int
    appealed: bool  # the member has asked a moderator to look again


def my_restrictions(session: Session, user: User) -> list[MyRestriction]:
    """What is slowing this member down now, why, on which of their own comments or likes, and whether appealed."""
    rows = session.execute(
        select(Restriction, ModerationCase)
        .join(ModerationCase, ModerationCase.id == Restriction.case_id)
        .where(
            Restriction.user_id == user.id,
            Restriction.active.is_(True),
            or_(Restriction.until.is_(None), Restriction.until > utcnow()),
        )
        .order_by(Restriction.id)
    ).all()
    appealed = set(session.scalars(select(Appeal.case_id).where(Appeal.user_id == user.id)))
    return [
        MyRestriction(r, c, _own_comments(c, user.id), _own_flagged_likes(c, user.id), c.id in appealed)
        for r, c in rows
    ]


def _own_comments(case: ModerationCase, user_id: int) -> list[int]:
    return [c["comment_id"] for c in case.evidence.get("comments", []) if c.get("author_id") == user_id]


def _own_flagged_likes(case: ModerationCase, user_id: int) -> int:
    if case.kind != "like_ring":
        return 0
    return sum(1 for like in case.evidence.get("likes", []) if like.get("user_id") == user_id)


def appeal(session: Session, user: User, *, case_id: int, body: str) -> Appeal:
    """Ask a moderator to look again; a confirmed case goes back into the queue."""
    case = session.get(ModerationCase, case_id)
    member = session.scalar(
        select(Restriction.id).where(Restriction.case_id == case_id, Restriction.user_id == user.id)
    )
    if case is None or member is None:
        raise NotFound(N_("找不到这条处理记录"))
    if case.status == "lifted":
        raise Conflict(N_("这条处理已经撤销了"))
    text = clean_text(body, field=N_("申诉理由"), max_len=APPEAL_MAX)
    rate_limits.enforce(rate_limits.APPEAL, user.id)
    lock_rows(session, ModerationCase, [case.id])  # two appeals sent at once: the second sees the first
    if _open_appeal(session, case, user.id):
        raise Conflict(N_("你已经申诉过了，请等管理员处理后再申诉"))
    row = Appeal(case_id=case.id, user_id=user.id, body=text)
    session.add(row)
    if case.status == "confirmed":
        case.status = "open"
    audit(session, action="appeal", case_id=case.id, user_id=user.id, actor_id=user.id, reason=text, evidence={})
    session.flush()
    return row


def _open_appeal(session: Session, case: ModerationCase, user_id: int) -> bool:
    """Whether the member appealed the case after its last decision (and so waits for a moderator)."""
    stmt = select(Appeal.id).where(Appeal.case_id == case.id, Appeal.user_id == user_id)
    if case.decided_at is not None:
        stmt = stmt.where(Appeal.created_at > case.decided_at)
    return session.scalar(stmt.limit(1)) is not None


# --- moderators -------------------------------------------------------------------------------


def list_cases(session: Session, viewer: Viewer, *, status: str | None = None, limit: int = 50) -> list[ModerationCase]:
    """The moderator's queue, newest first; 404 for members who moderate nothing."""
    if not authz.is_moderator(viewer):
        raise NotFound()
    stmt = select(ModerationCase).where(authz.visible_cases_filter(viewer))
    if status:
        stmt = stmt.where(ModerationCase.status == status)
    return list(session.scalars(stmt.order_by(ModerationCase.id.desc()).limit(limit)))


def get_case(session: Session, viewer: Viewer, case_id: int) -> ModerationCase:
    case = session.get(ModerationCase, case_id)
    if case is None or not authz.can_moderate_case(viewer, case, case_subject_ids(session, case.id)):
        raise NotFound(N_("找不到这条处理记录"))
    return case


def case_subject_ids(session: Session, case_id: int) -> set[int]:
    """The members a case is about (each has a restriction from it)."""
    return set(session.scalars(select(Restriction.user_id).where(Restriction.case_id == case_id)))


def copy_clusters(session: Session, viewer: Viewer, *, limit: int = 50) -> list[CopyCluster]:
    """Clusters of copy-paste that span two or more accounts (site admins only)."""
    if not viewer.is_admin:
        raise NotFound()
    rows = session.scalars(select(CopyCluster).order_by(CopyCluster.updated_at.desc(), CopyCluster.id.desc()))
    return [c for c in rows if len(c.author_ids) >= 2][:limit]


def case_users(session: Session, case: ModerationCase) -> list[User]:
    ids = select(Restriction.user_id).where(Restriction.case_id == case.id)
    return list(session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)))


def case_appeals(session: Session, case: ModerationCase) -> list[Appeal]:
    return list(session.scalars(select(Appeal).where(Appeal.case_id == case.id).order_by(Appeal.id)))


def case_audit(session: Session, case: ModerationCase) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id).order_by(AuditEntry.id)))


def decide(session: Session, viewer: Viewer, case_id: int, action: str, *, note: str = "") -> ModerationCase:
    """confirm | lift | escalate. Lifting restores what the case took away."""
    case = get_case(session, viewer, case_id)
    subjects = case_subject_ids(session, case.id)
    if not authz.can_decide_case(viewer, case, subjects, action):
        if viewer.id in subjects:
            raise Forbidden(N_("不能处理与自己有关的记录"))
        raise Forbidden(N_("圈子管理员不能撤销全站限制，请上报给站点管理员"))
    if case.status not in _DECIDABLE[action]:
        raise Conflict(
            N_("这条处理当前是「%(status)s」，不能再%(verb)s"), status=case.status, verb=Phrase(_VERB[action])
        )
    text = clean_text(note, field=N_("备注"), max_len=NOTE_MAX, allow_empty=True) if note else ""
    case.status, case.decided_at, case.decided_by, case.note = _STATUS_AFTER[action], utcnow(), viewer.id, text
    if action == "lift":
        _lift(session, case)
    audit(
        session,
        action=action,
        case_id=case.id,
        actor_id=viewer.id,
        reason=text or _VERB[action],
        evidence={"status": case.status},
    )
    session.flush()
    return case


_VERB = {"confirm": N_("确认"), "lift": N_("撤销"), "escalate": N_("上报")}


def _lift(session: Session, case: ModerationCase) -> None:
    user_ids = list(session.scalars(select(Restriction.user_id).where(Restriction.case_id == case.id)))
    session.execute(update(Restriction).where(Restriction.case_id == case.id).values(active=False))
    if case.kind in ("comment_throttle", "spam_comment"):
        evidence = [c["comment_id"] for c in case.evidence.get("comments", [])]
        _unfold(session, user_ids, evidence, case.created_at)
    else:
        flagged_on = set(session.scalars(select(FlaggedLike.post_id).where(FlaggedLike.case_id == case.id)))
        session.execute(update(FlaggedLike).where(FlaggedLike.case_id == case.id).values(active=False))
        counts.refresh(session, flagged_on)  # the ring's likes count again


def _unfold(session: Session, user_ids: list[int], comment_ids: list[int], since: datetime) -> None:
    """The case's evidence is shown again for good; so is what was folded only for the throttle."""
    touched = select(Comment.post_id).join(CommentVerdict, CommentVerdict.comment_id == Comment.id)
    posts = set(session.scalars(touched.where(CommentVerdict.comment_id.in_(comment_ids))))
    posts |= set(
        session.scalars(
            touched.where(
                CommentVerdict.author_id.in_(user_ids),
                CommentVerdict.fold_reason == "throttled",
                CommentVerdict.assessed_at >= since,
            )
        )
    )
    session.execute(
        update(CommentVerdict)
        .where(CommentVerdict.comment_id.in_(comment_ids), CommentVerdict.author_id.in_(user_ids))
        .values(folded=False, fold_reason=None, cleared=True)
    )
    session.execute(
        update(CommentVerdict)
        .where(
            CommentVerdict.author_id.in_(user_ids),
            CommentVerdict.fold_reason == "throttled",
            CommentVerdict.assessed_at >= since,
        )
        .values(folded=False, fold_reason=None)
    )
    counts.refresh(session, posts)
