"""A member's space (空间): 说说, 留言板, 相册, 访客, and the friend button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from nook.errors import Forbidden
from nook.http.params import PathId, PathName
from nook.http.unit import CredentialsDep, Ctx, unit
from nook.phrases import N_
from nook.social import authz
from nook.social.content import albums, browse, feed, memories, pins
from nook.social.content.albums import ALBUM_VISIBILITY_LABELS
from nook.social.content.cards import post_cards, profile_card
from nook.social.content.comment_cards import post_views
from nook.social.localtime import local_day
from nook.social.people import accounts, friends, groups, music, space
from nook.social.people.directory import users_by_id, visible_user
from nook.social.reach import leaderboards
from nook.store.models import User
from nook.web.forms import FormDep, text
from nook.web.pages import back, is_htmx, kept_page, redirect, render

router = APIRouter(include_in_schema=False)
TABS = ("posts", "board", "photos", "visitors")


def friend_state(ctx: Ctx, owner: User) -> dict[str, object]:
    """What the friend button shows: me / friend / requested / incoming / blocked / none."""
    if ctx.user is None:
        return {"state": "anonymous"}
    if ctx.user.id == owner.id:
        return {"state": "me"}
    if owner.id in {u.id for u in friends.blocked_by(ctx.session, ctx.user)}:
        return {"state": "blocked"}
    if ctx.viewer.is_friend(owner.id):
        return {"state": "friend"}
    for req in friends.outgoing_requests(ctx.session, ctx.user):
        if req.to_user_id == owner.id:
            return {"state": "requested", "request_id": req.id}
    for req in friends.incoming_requests(ctx.session, ctx.user):
        if req.from_user_id == owner.id:
            return {"state": "incoming", "request_id": req.id}
    return {"state": "none"}


@router.get("/u/{username}", response_class=HTMLResponse)
def space_page(
    request: Request, username: PathName, creds: CredentialsDep, tab: str = "posts", cursor: str | None = None
) -> Response:
    tab = tab if tab in TABS else "posts"
    if (kept := kept_page(request)) is not None:
        return kept
    with unit(creds, write=True, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        if not cursor:
            space.record_visit(ctx.session, ctx.user, owner)
        data: dict[str, Any] = {"owner": owner, "profile": profile_card(ctx.viewer, owner), "tab": tab}
        data["friend"] = friend_state(ctx, owner)
        data["badges"] = leaderboards.badges(ctx.session, ctx.viewer, owner.id)
        data["tracks"] = music.tracks(ctx.session, ctx.viewer, owner)
        data.update(_tab_data(ctx, owner, tab, cursor))
        if tab == "posts" and cursor and is_htmx(request):
            return render(request, ctx, "partials/post_list.html", **data)
        return render(request, ctx, "pages/space.html", **data)


def _tab_data(ctx: Ctx, owner: User, tab: str, cursor: str | None) -> dict[str, Any]:
    if tab == "board":
        if not _can_read_board(ctx, owner):
            return {"board_closed": space.closed_board_reason(owner)}
        page = space.board(ctx.session, ctx.viewer, owner, cursor=cursor)
        replies = space.replies_for(ctx.session, page.items)
        ids = [m.author_id for m in page.items] + [r.author_id for rs in replies.values() for r in rs]
        return {
            "messages": page.items,
            "replies": replies,
            "authors": users_by_id(ctx.session, ids),
            "next_cursor": page.next_cursor,
            "can_write": authz.can_write_board(ctx.viewer, owner),
        }
    if tab == "photos":
        shown: dict[str, Any] = {
            "photos": browse.album(ctx.session, ctx.viewer, owner),
            "albums": albums.albums_of(ctx.session, ctx.viewer, owner),
            "album_visibilities": ALBUM_VISIBILITY_LABELS,
        }
        if ctx.user is not None and ctx.user.id == owner.id:  # the new-album form's audience picker
            shown["my_groups"] = groups.list_groups(ctx.session, owner)
            shown["my_friends"] = friends.friends_of(ctx.session, owner)
        return shown
    if tab == "visitors":
        if ctx.user is None or ctx.user.id != owner.id:
            return {"visitors_private": True}
        return {"visits": space.visitors(ctx.session, ctx.viewer, owner)}
    posts = feed.user_posts(ctx.session, ctx.viewer, owner, cursor=cursor)
    data: dict[str, Any] = {"posts": post_views(ctx.session, ctx.viewer, posts.items), "next_cursor": posts.next_cursor}
    pinned = pins.pinned_post(ctx.session, ctx.viewer, owner) if not cursor else None
    if pinned is not None:
        data["pinned"] = post_views(ctx.session, ctx.viewer, [pinned])[0]
        data["posts"] = [v for v in data["posts"] if v.card.id != pinned.id]
    data["pin_buttons"] = ctx.user is not None and ctx.user.id == owner.id
    if ctx.user is not None and ctx.user.id == owner.id and not cursor:  # 那年今日: the owner's alone
        cards = post_cards(ctx.session, ctx.viewer, memories.on_this_day(ctx.session, ctx.user))
        data["memories"] = [(local_day(c.created_at).year, c) for c in cards]
    return data


def _can_read_board(ctx: Ctx, owner: User) -> bool:
    return authz.can_read_board(ctx.viewer, owner)


@router.post("/p/{post_id}/pin")
def pin(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        if text(form, "action") == "unpin":
            pins.unpin(ctx.session, ctx.me)
        else:
            pins.pin(ctx.session, ctx.viewer, ctx.me, post_id)
        me = ctx.me.username
    return redirect(f"/u/{me}")


@router.post("/u/{username}/board")
def leave_message(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        space.leave_message(ctx.session, ctx.viewer, ctx.me, owner, text(form, "body"))
    return redirect(f"/u/{username}?tab=board")


@router.post("/board/{message_id}/reply")
def reply_message(request: Request, message_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        space.reply_message(ctx.session, ctx.viewer, ctx.me, message_id, text(form, "body"))
        me = ctx.me.username
    return redirect(f"/u/{me}?tab=board")


@router.post("/board/{message_id}/delete")
def delete_message(request: Request, message_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        space.delete_message(ctx.session, ctx.viewer, message_id)
    return back(request, "/")


@router.post("/u/{username}/friend")
def friend_action(request: Request, username: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    """One endpoint behind the friend button: add / cancel / accept / remove / block / unblock."""
    action = text(form, "action")
    with unit(creds, write=True) as ctx:
        other = accounts.get_user_by_username(ctx.session, username)
        _FRIEND_ACTIONS.get(action, _unknown)(ctx, other, form)
    return back(request, f"/u/{username}")


def _add(ctx: Ctx, other: User, form: object) -> None:
    friends.send_request(ctx.session, ctx.viewer, ctx.me, other, text(form, "message"))  # type: ignore[arg-type]


def _cancel(ctx: Ctx, other: User, _form: object) -> None:
    for req in friends.outgoing_requests(ctx.session, ctx.me):
        if req.to_user_id == other.id:
            friends.cancel(ctx.session, ctx.me, req.id)


def _accept(ctx: Ctx, other: User, _form: object) -> None:
    for req in friends.incoming_requests(ctx.session, ctx.me):
        if req.from_user_id == other.id:
            friends.accept(ctx.session, ctx.me, req.id)


def _decline(ctx: Ctx, other: User, _form: object) -> None:
    for req in friends.incoming_requests(ctx.session, ctx.me):
        if req.from_user_id == other.id:
            friends.decline(ctx.session, ctx.me, req.id)


def _unknown(_ctx: Ctx, _other: User, _form: object) -> None:
    raise Forbidden(N_("未知的操作"))


_FRIEND_ACTIONS: dict[str, Callable[[Ctx, User, Any], None]] = {
    "add": _add,
    "cancel": _cancel,
    "accept": _accept,
    "decline": _decline,
    "remove": lambda ctx, other, _f: friends.remove_friend(ctx.session, ctx.me, other),
    "block": lambda ctx, other, _f: friends.block(ctx.session, ctx.me, other),
    "unblock": lambda ctx, other, _f: friends.unblock(ctx.session, ctx.me, other),
}
