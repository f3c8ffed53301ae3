"""The admin / moderation area: members, content, and the engine's future panels."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.social.analytics import overview
from nook.social.moderation import admin
from nook.social.people.directory import users_by_id
from nook.web.forms import FormDep, text
from nook.web.pages import back, render

router = APIRouter(include_in_schema=False, prefix="/admin")


@router.get("", response_class=HTMLResponse)
def members(request: Request, creds: CredentialsDep, q: str = "", status: str = "") -> Response:
    with unit(creds) as ctx:
        active = {"active": True, "inactive": False}.get(status)
        rows = admin.list_members(ctx.session, ctx.viewer, query=q, active=active)
        counts = admin.site_counts(ctx.session, ctx.viewer)
        return render(
            request, ctx, "admin/members.html", rows=rows, q=q, state=status, counts=counts, section="members"
        )


@router.post("/users/{user_id}/active")
def set_active(request: Request, user_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        admin.set_active(ctx.session, ctx.viewer, user_id, text(form, "active") == "1")
    return back(request, "/admin")


@router.get("/content", response_class=HTMLResponse)
def content(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        posts = admin.recent_posts(ctx.session, ctx.viewer)
        comments = admin.recent_comments(ctx.session, ctx.viewer)
        users = users_by_id(ctx.session, [p.author_id for p in posts] + [c.author_id for c in comments])
        counts = admin.site_counts(ctx.session, ctx.viewer)
        return render(
            request,
            ctx,
            "admin/content.html",
            posts=posts,
            comments=comments,
            users=users,
            counts=counts,
            section="content",
        )


@router.post("/posts/{post_id}/remove")
def remove_post(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        admin.remove_post(ctx.session, ctx.viewer, post_id)
    return back(request, "/admin/content")


@router.post("/comments/{comment_id}/remove")
def remove_comment(request: Request, comment_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        admin.remove_comment(ctx.session, ctx.viewer, comment_id)
    return back(request, "/admin/content")


@router.get("/insights", response_class=HTMLResponse)
def insights(request: Request, creds: CredentialsDep) -> Response:
    """Leaderboards and analytics: designed slots the engine fills in when those issues land."""
    with unit(creds) as ctx:
        counts = admin.site_counts(ctx.session, ctx.viewer)
        figures = overview.headline(ctx.session, ctx.viewer)
        return render(request, ctx, "admin/insights.html", counts=counts, analytics=figures, section="insights")
