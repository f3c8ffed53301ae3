"""/api/v1/me/restrictions, /appeals and the moderators' queue (/moderation/...)."""

from __future__ import annotations

from fastapi import Query
from sqlalchemy.orm import Session

from nook.api import schemas_moderation as M
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import user_out
from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.social.moderation import cases
from nook.social.people.directory import users_by_id
from nook.store.models import Appeal, ModerationCase, User

router = ApiRouter(tags=["moderation"], responses=ERRORS)


@router.get("/me/restrictions", response_model=list[M.RestrictionOut])
def my_restrictions(creds: CredentialsDep) -> list[M.RestrictionOut]:
    """What is slowing you down now (限流 or a flagged like ring), why, and whether you appealed."""
    with unit(creds) as ctx:
        return [
            M.RestrictionOut(
                case_id=r.case.id,
                kind=r.restriction.kind,
                reasons=r.case.reasons,
                until=r.restriction.until,
                rate=r.restriction.rate,
                fold_by_default=r.restriction.fold_by_default,
                case_status=r.case.status,
                evidence_comment_ids=r.evidence_comment_ids,
                discounted_likes=r.discounted_likes,
                appealed=r.appealed,
            )
            for r in cases.my_restrictions(ctx.session, ctx.me)
        ]


@router.post("/appeals", response_model=M.AppealOut, status_code=201)
def appeal(body: M.AppealIn, creds: CredentialsDep) -> M.AppealOut:
    """Appeal a decision about you; a moderator will look at it again."""
    with unit(creds, write=True) as ctx:
        row = cases.appeal(ctx.session, ctx.me, case_id=body.case_id, body=body.body)
        return _appeal_out(row, ctx.me)


# The operation id the function's old name gave it: clients generated from the OpenAPI document call it so.
@router.get("/moderation/cases", response_model=list[M.CaseOut], operation_id="cases_api_v1_moderation_cases_get")
def case_list(
    creds: CredentialsDep, status: M.CaseStatus | None = None, limit: int = Query(50, ge=1, le=200)
) -> list[M.CaseOut]:
    """The queue: site admins see every case, circle moderators their circle's. 404 for everyone else."""
    with unit(creds) as ctx:
        rows = cases.list_cases(ctx.session, ctx.viewer, status=status, limit=limit)
        return [_case_out(ctx.session, c) for c in rows]


@router.get("/moderation/cases/{case_id}", response_model=M.CaseOut)
def case(case_id: PathId, creds: CredentialsDep) -> M.CaseOut:
    with unit(creds) as ctx:
        return _case_out(ctx.session, cases.get_case(ctx.session, ctx.viewer, case_id))


@router.post("/moderation/cases/{case_id}/confirm", response_model=M.CaseOut)
def confirm(case_id: PathId, creds: CredentialsDep, body: M.DecisionIn | None = None) -> M.CaseOut:
    """The evidence holds: the restriction stays."""
    return _decide(creds, case_id, "confirm", body)


@router.post("/moderation/cases/{case_id}/lift", response_model=M.CaseOut)
def lift(case_id: PathId, creds: CredentialsDep, body: M.DecisionIn | None = None) -> M.CaseOut:
    """The evidence does not hold: lift the restriction, unfold the comments, let the likes count again."""
    return _decide(creds, case_id, "lift", body)


@router.post("/moderation/cases/{case_id}/escalate", response_model=M.CaseOut)
def escalate(case_id: PathId, creds: CredentialsDep, body: M.DecisionIn | None = None) -> M.CaseOut:
    """Hand the case to the site admins (a circle's moderators no longer see it)."""
    return _decide(creds, case_id, "escalate", body)


@router.get("/moderation/copy-clusters", response_model=list[M.CopyClusterOut])
def copy_clusters(creds: CredentialsDep, limit: int = Query(50, ge=1, le=200)) -> list[M.CopyClusterOut]:
    """Copy-paste across accounts: comments that copy each other, newest first (site admins)."""
    with unit(creds) as ctx:
        return [
            M.CopyClusterOut(id=c.id, comment_ids=c.comment_ids, author_ids=c.author_ids, updated_at=c.updated_at)
            for c in cases.copy_clusters(ctx.session, ctx.viewer, limit=limit)
        ]


def _decide(creds: CredentialsDep, case_id: int, action: str, body: M.DecisionIn | None) -> M.CaseOut:
    with unit(creds, write=True) as ctx:
        row = cases.decide(ctx.session, ctx.viewer, case_id, action, note=body.note if body else "")
        return _case_out(ctx.session, row)


def _appeal_out(row: Appeal, user: User) -> M.AppealOut:
    return M.AppealOut(id=row.id, case_id=row.case_id, user=user_out(user), body=row.body, created_at=row.created_at)


def _case_out(session: Session, c: ModerationCase) -> M.CaseOut:
    appeals = cases.case_appeals(session, c)
    authors = users_by_id(session, [a.user_id for a in appeals])
    return M.CaseOut(
        id=c.id,
        kind=c.kind,
        status=c.status,
        circle_id=c.circle_id,
        reasons=c.reasons,
        evidence=c.evidence,
        users=[user_out(u) for u in cases.case_users(session, c)],
        appeals=[_appeal_out(a, authors[a.user_id]) for a in appeals],
        audit=[
            M.AuditOut(
                at=e.at, action=e.action, actor_id=e.actor_id, user_id=e.user_id, reason=e.reason, evidence=e.evidence
            )
            for e in cases.case_audit(session, c)
        ],
        created_at=c.created_at,
        decided_at=c.decided_at,
        decided_by=c.decided_by,
        note=c.note,
    )
