"""转发 (the repost form), 私信 (the message list and a conversation, polled by HTMX), 特别关心 and 关注."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.config import get_settings
from nook.errors import Invalid
from nook.http.params import PathId, PathName
from nook.http.unit import Credentials, CredentialsDep, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.content import browse, feed, media, posts, reposts
from nook.social.content.comment_cards import post_views
from nook.social.messages import conversations, reports
from nook.social.moderation.barrier import MESSAGE_FOLD_TEXT
from nook.social.people import circles, following
from nook.social.people.directory import users_by_id, visible_user
from nook.web.forms import FormDep, optional_int, text, uploads
from nook.web.pages import back, is_htmx, redirect, render

router = APIRouter(include_in_schema=False)


# --- 转发 ---------------------------------------------------------------------------------------


@router.get("/p/{post_id}/repost", response_class=HTMLResponse)
def repost_page(request: Request, post_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
        view = post_views(ctx.session, ctx.viewer, [post], previews=0)[0]
        my_circles = browse.my_circles(ctx.session, ctx.viewer)
        return render(request, ctx, "pages/repost.html", post=view, my_circles=my_circles)


@router.post("/p/{post_id}/repost")
def repost(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    choice = text(form, "visibility", "public")
    visibility, slug = ("circle", choice.removeprefix("circle:")) if choice.startswith("circle:") else (choice, None)
    with unit(creds, write=True) as ctx:
        circle_id = circles.get_circle(ctx.session, slug).id if slug else None
        made = reposts.repost(
            ctx.session,
            ctx.viewer,
            ctx.me,
            post_id,
            body=text(form, "body"),
            visibility=visibility,
            circle_id=circle_id,
        )
        ctx.session.flush()
        return redirect(f"/p/{made.id}")


# --- 私信 ---------------------------------------------------------------------------------------


@router.get("/messages", response_class=HTMLResponse)
def message_list(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        inbox = conversations.conversation_list(ctx.session, ctx.viewer, ctx.me)
        requests = conversations.conversation_list(ctx.session, ctx.viewer, ctx.me, box="requests")
        return render(request, ctx, "pages/messages.html", inbox=inbox, requests=requests)


@router.get("/messages/{username}", response_class=HTMLResponse)
def conversation(request: Request, username: PathName, creds: CredentialsDep, after: int | None = None) -> Response:
    """The conversation; HTMX polls `?after=<last id>` for what is new (and reading marks it read)."""
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        view = conversations.conversation_with(ctx.session, ctx.viewer, ctx.me, other, after_id=after)
        data: dict[str, Any] = {
            "view": view,
            "fold_text": MESSAGE_FOLD_TEXT,
            "contact": following.contact_settings(ctx.session, ctx.me.id),
        }
        if is_htmx(request) and after is not None:
            return render(request, ctx, "partials/messages_new.html", **data)
        return render(request, ctx, "pages/conversation.html", **data)


@router.post("/messages/{username}")
async def send(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    blobs = [await f.read(get_settings().max_image_bytes + 1) for f in uploads(form, "photo")[:1]]
    return await run_in_threadpool(_send, request, username, form, creds, blobs)


def _send(request: Request, username: str, form: FormData, creds: Credentials, blobs: list[bytes]) -> Response:
    if blobs and len(blobs[0]) > get_settings().max_image_bytes:
        raise Invalid(N_("图片不能超过 %(mb)s MB"), mb=get_settings().max_image_bytes // (1024 * 1024))
    with prepared_uploads(creds, blobs) as images, unit(creds, write=True) as ctx:
        photo = media.record_image(ctx.session, ctx.me, images[0]) if images else None
        other = visible_user(ctx.session, ctx.viewer, username)
        conversations.send(
            ctx.session, ctx.viewer, ctx.me, other, body=text(form, "body"), media_id=photo.id if photo else None
        )
    return redirect(f"/messages/{username}")


@router.post("/messages/{username}/report")
def report(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        reports.report(ctx.session, ctx.viewer, ctx.me, other, reason=text(form, "reason"))
    return back(request, f"/messages/{username}")


@router.post("/messages/{username}/decline")
def decline(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        conversations.decline(ctx.session, ctx.viewer, ctx.me, visible_user(ctx.session, ctx.viewer, username))
    return redirect("/messages")


@router.post("/settings/contact")
def contact_settings(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        following.update_contact_settings(
            ctx.session,
            ctx.me,
            dm_policy=text(form, "dm_policy", "friends"),
            read_receipts=text(form, "read_receipts") == "on",
            followable=text(form, "followable") == "on",
        )
    return back(request, "/messages")


@router.get("/admin/cases/{case_id}/messages", response_class=HTMLResponse)
def reported_messages(request: Request, case_id: PathId, creds: CredentialsDep) -> Response:
    """A reported conversation, for the admin handling the report; the reading is written to the audit."""
    with unit(creds, write=True) as ctx:
        rows = reports.reported_messages(ctx.session, ctx.viewer, case_id)
        people = users_by_id(ctx.session, {m.sender_id for m in rows})
        return render(request, ctx, "admin/case_messages.html", case_id=case_id, rows=rows, people=people)


# --- 特别关心 and 关注 --------------------------------------------------------------------------


@router.get("/feed/special", response_class=HTMLResponse)
def special_strip(request: Request, creds: CredentialsDep) -> Response:
    """特别关心: the marked friends' posts of the last days, above the home feed (loaded by HTMX)."""
    with unit(creds) as ctx:
        rows = feed.special_care_posts(ctx.session, ctx.viewer)
        views = post_views(ctx.session, ctx.viewer, rows, previews=0)
        return render(request, ctx, "partials/special_strip.html", posts=views)


@router.get("/u/{username}/contact-buttons", response_class=HTMLResponse)
def contact_buttons(request: Request, username: PathName, creds: CredentialsDep) -> Response:
    """私信, 关注 and 特别关心 on a member's space (loaded by HTMX under the friend button)."""
    with unit(creds) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        state = following.follow_state(ctx.session, ctx.viewer, other)
        friend = ctx.viewer.is_friend(other.id)
        return render(request, ctx, "partials/contact_buttons.html", other=other, state=state, friend=friend)


@router.post("/u/{username}/special")
def special(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        if optional_int(form, "on"):
            following.mark_special(ctx.session, ctx.viewer, ctx.me, other)
        else:
            following.unmark_special(ctx.session, ctx.me, other)
    return back(request, f"/u/{username}")


@router.post("/u/{username}/follow")
def follow(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        if optional_int(form, "on"):
            following.follow(ctx.session, ctx.viewer, ctx.me, other)
        else:
            following.unfollow(ctx.session, ctx.me, other)
    return back(request, f"/u/{username}")
