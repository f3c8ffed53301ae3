"""兴趣圈: discover, create, join / leave, and a circle's page with its own feed and composer."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from nook.errors import NookError
from nook.http.params import PathName
from nook.http.unit import CredentialsDep, unit
from nook.social import authz
from nook.social.content import composer, feed
from nook.social.content.comment_cards import post_views
from nook.social.people import accounts, circles
from nook.web.forms import FormDep, text
from nook.web.pages import is_htmx, redirect, render

router = APIRouter(include_in_schema=False)
KIND_LABELS = {"interest": "兴趣", "fanclub": "粉丝团", "city": "同城", "campus": "校园"}


@router.get("/circles", response_class=HTMLResponse)
def discover(request: Request, creds: CredentialsDep, kind: str | None = None) -> Response:
    with unit(creds, login=False) as ctx:
        rows = circles.list_circles(ctx.session, kind=kind if kind in KIND_LABELS else None)
        return render(
            request, ctx, "pages/circles.html", circles=rows, kind=kind, kinds=KIND_LABELS, error=None, form={}
        )


@router.post("/circles")
def create(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    fields = {k: text(form, k) for k in ("slug", "name", "description", "kind", "city", "join_policy")}
    try:
        with unit(creds, write=True) as ctx:
            circle = circles.create_circle(
                ctx.session,
                ctx.me,
                slug=fields["slug"],
                name=fields["name"],
                description=fields["description"],
                kind=fields["kind"] or "interest",
                city=fields["city"],
                join_policy=fields["join_policy"] or "open",
            )
            slug = circle.slug
    except NookError as exc:
        if exc.status in (401, 403, 429):
            raise
        with unit(creds, login=False) as ctx:
            rows = circles.list_circles(ctx.session)
            return render(
                request,
                ctx,
                "pages/circles.html",
                exc.status,
                circles=rows,
                kind=None,
                kinds=KIND_LABELS,
                error=exc.phrase,
                form=fields,
            )
    return redirect(f"/c/{slug}")


@router.get("/c/{slug}", response_class=HTMLResponse)
def circle_page(request: Request, slug: PathName, creds: CredentialsDep, cursor: str | None = None) -> Response:
    with unit(creds, login=False) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        page = feed.circle_posts(ctx.session, ctx.viewer, circle, cursor=cursor)
        views = post_views(ctx.session, ctx.viewer, page.items)
        data: dict[str, Any] = {"posts": views, "next_cursor": page.next_cursor}
        if cursor and is_htmx(request):
            return render(request, ctx, "partials/post_list.html", **data)
        mine = circles.membership(ctx.session, circle, ctx.viewer.id)
        members = circles.members(ctx.session, ctx.viewer, circle)
        pending = (
            circles.members(ctx.session, ctx.viewer, circle, status="pending")
            if authz.can_moderate_circle(ctx.viewer, circle)
            else []
        )
        return render(
            request,
            ctx,
            "pages/circle.html",
            circle=circle,
            membership=mine,
            members=members,
            pending=pending,
            kinds=KIND_LABELS,
            topics=composer.circle_topics(ctx.session, circle.id),
            **data,
        )


@router.post("/c/{slug}/join")
def join(request: Request, slug: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        circles.join(ctx.session, ctx.me, circles.get_circle(ctx.session, slug))
    return redirect(f"/c/{slug}")


@router.post("/c/{slug}/leave")
def leave(request: Request, slug: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        circles.leave(ctx.session, ctx.me, circles.get_circle(ctx.session, slug))
    return redirect(f"/c/{slug}")


@router.post("/c/{slug}/approve/{username}")
def approve(request: Request, slug: PathName, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        circles.approve(ctx.session, ctx.viewer, circle, accounts.get_user_by_username(ctx.session, username))
    return redirect(f"/c/{slug}")
