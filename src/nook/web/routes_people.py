"""Friends (requests, list, blocked), notifications with the unread badge."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from nook.http.unit import CredentialsDep, unit
from nook.social.people import friends, notifications
from nook.social.people.directory import users_by_id
from nook.web.forms import FormDep
from nook.web.pages import back, render

router = APIRouter(include_in_schema=False)


@router.get("/friends", response_class=HTMLResponse)
def friends_page(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        incoming = friends.incoming_requests(ctx.session, ctx.me)
        outgoing = friends.outgoing_requests(ctx.session, ctx.me)
        users = users_by_id(ctx.session, [r.from_user_id for r in incoming] + [r.to_user_id for r in outgoing])
        return render(
            request,
            ctx,
            "pages/friends.html",
            incoming=incoming,
            outgoing=outgoing,
            users=users,
            friends=friends.friends_of(ctx.session, ctx.me),
            blocked=friends.blocked_by(ctx.session, ctx.me),
        )


@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(request: Request, creds: CredentialsDep, cursor: str | None = None) -> Response:
    with unit(creds) as ctx:
        page = notifications.notification_cards(ctx.session, ctx.viewer, ctx.me, cursor=cursor, limit=30)
        return render(request, ctx, "pages/notifications.html", items=page.items, next_cursor=page.next_cursor)


@router.get("/notifications/badge", response_class=HTMLResponse)
def badge(request: Request, creds: CredentialsDep) -> Response:
    """Reloaded by HTMX when the live stream (static/live.js) says the unread count changed."""
    with unit(creds, login=False) as ctx:
        return render(request, ctx, "partials/badge.html")


@router.post("/notifications/read")
def mark_read(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        notifications.mark_read(ctx.session, ctx.me, None)
    return back(request, "/notifications")
