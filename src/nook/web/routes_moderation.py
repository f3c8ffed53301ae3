"""The moderators' queue in the admin area: cases with their evidence, decisions, copy-paste clusters.

A thin adapter over nook.social.moderation.cases, as the API is: the same authz (404 for non-moderators).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from nook.http.params import PathId
from nook.http.unit import CredentialsDep, Ctx, unit
from nook.phrases import N_
from nook.social.content.comment_cards import comments_by_id
from nook.social.moderation import admin, cases
from nook.social.people.directory import users_by_id
from nook.web.forms import FormDep, text
from nook.web.pages import redirect, render

router = APIRouter(include_in_schema=False, prefix="/admin")

STATUSES = ("open", "confirmed", "escalated", "lifted")
KIND_LABELS = {
    "comment_throttle": N_("评论限流"),
    "like_ring": N_("刷赞团伙"),
    "spam_comment": N_("广告或接龙评论"),
    "message_report": N_("私信举报"),
}


@router.get("/cases", response_class=HTMLResponse)
def case_list(request: Request, creds: CredentialsDep, status: str = "") -> Response:
    with unit(creds) as ctx:
        rows = cases.list_cases(ctx.session, ctx.viewer, status=status if status in STATUSES else None)
        users = {c.id: cases.case_users(ctx.session, c) for c in rows}
        return render(
            request,
            ctx,
            "admin/cases.html",
            rows=rows,
            users=users,
            state=status,
            statuses=STATUSES,
            kinds=KIND_LABELS,
            counts=_counts(ctx),
            section="cases",
        )


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        case = cases.get_case(ctx.session, ctx.viewer, case_id)
        appeals = cases.case_appeals(ctx.session, case)
        trail = cases.case_audit(ctx.session, case)
        likes = case.evidence.get("likes", [])
        ids = [a.user_id for a in appeals] + [e.actor_id for e in trail if e.actor_id]
        ids += [e.user_id for e in trail if e.user_id] + [like["user_id"] for like in likes]
        ids += [c["author_id"] for c in case.evidence.get("comments", [])]
        return render(
            request,
            ctx,
            "admin/case.html",
            case=case,
            members=cases.case_users(ctx.session, case),
            appeals=appeals,
            trail=trail,
            people=users_by_id(ctx.session, ids),
            kinds=KIND_LABELS,
            counts=_counts(ctx),
            section="cases",
        )


@router.post("/cases/{case_id}/{action}")
def decide(
    request: Request,
    case_id: PathId,
    action: Literal["confirm", "lift", "escalate"],
    form: FormDep,
    creds: CredentialsDep,
) -> Response:
    with unit(creds, write=True) as ctx:
        cases.decide(ctx.session, ctx.viewer, case_id, action, note=text(form, "note"))
    return redirect(f"/admin/cases/{case_id}")


@router.get("/clusters", response_class=HTMLResponse)
def clusters(request: Request, creds: CredentialsDep) -> Response:
    """Copy-paste spanning two or more accounts (site admins)."""
    with unit(creds) as ctx:
        rows = cases.copy_clusters(ctx.session, ctx.viewer)
        ids = {i for c in rows for i in c.comment_ids}
        comments = comments_by_id(ctx.session, ids)
        people = users_by_id(ctx.session, [c.author_id for c in comments.values()])
        return render(
            request,
            ctx,
            "admin/clusters.html",
            rows=rows,
            comments=comments,
            people=people,
            counts=_counts(ctx),
            section="clusters",
        )


def _counts(ctx: Ctx) -> dict[str, int] | None:
    """The admin header's counts: site admins only (circle moderators see just their queue)."""
    return admin.site_counts(ctx.session, ctx.viewer) if ctx.viewer.is_admin else None
