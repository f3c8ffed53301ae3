"""/api/v1/friends and /api/v1/blocks."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import user_out
from nook.http.params import PathId, PathName
from nook.http.unit import CredentialsDep, unit
from nook.social.authz import Viewer
from nook.social.localtime import local_today
from nook.social.people import accounts, birthdays, friends
from nook.social.people.directory import users_by_id, visible_user
from nook.store.models import FriendRequest

router = ApiRouter(tags=["friends"], responses=ERRORS)


@router.get("/friends", response_model=list[S.UserOut])
def list_friends(creds: CredentialsDep) -> list[S.UserOut]:
    with unit(creds) as ctx:
        return [user_out(u) for u in friends.friends_of(ctx.session, ctx.me)]


@router.get("/friends/birthdays", response_model=list[S.UserOut])
def birthdays_today(creds: CredentialsDep) -> list[S.UserOut]:
    """Friends whose birthday is today (site time), among those who turned on 生日提醒 and let you see it."""
    with unit(creds) as ctx:
        return [user_out(u) for u in birthdays.birthdays_today(ctx.session, ctx.viewer, local_today())]


@router.get("/friends/requests", response_model=list[S.FriendRequestOut])
def incoming(creds: CredentialsDep) -> list[S.FriendRequestOut]:
    """Friend requests waiting for your answer."""
    with unit(creds) as ctx:
        reqs = friends.incoming_requests(ctx.session, ctx.me)
        return _requests_out(ctx.session, reqs, lambda r: r.from_user_id, ctx.viewer)


@router.get("/friends/requests/sent", response_model=list[S.FriendRequestOut])
def outgoing(creds: CredentialsDep) -> list[S.FriendRequestOut]:
    with unit(creds) as ctx:
        reqs = friends.outgoing_requests(ctx.session, ctx.me)
        return _requests_out(ctx.session, reqs, lambda r: r.to_user_id, ctx.viewer)


@router.post("/friends/requests", response_model=S.FriendRequestOut, status_code=201)
def send(body: S.FriendRequestIn, creds: CredentialsDep) -> S.FriendRequestOut:
    """Ask someone to be friends. If they already asked you, you become friends at once."""
    with unit(creds, write=True) as ctx:
        target = visible_user(ctx.session, ctx.viewer, body.username)
        req = friends.send_request(ctx.session, ctx.viewer, ctx.me, target, body.message)
        return S.FriendRequestOut(id=req.id, user=user_out(target), message=req.message, created_at=req.created_at)


@router.post("/friends/requests/{request_id}/accept", response_model=S.OkOut)
def accept(request_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        friends.accept(ctx.session, ctx.me, request_id)
    return S.OkOut()


@router.post("/friends/requests/{request_id}/decline", response_model=S.OkOut)
def decline(request_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        friends.decline(ctx.session, ctx.me, request_id)
    return S.OkOut()


@router.delete("/friends/requests/{request_id}", response_model=S.OkOut)
def cancel(request_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Withdraw a request you sent."""
    with unit(creds, write=True) as ctx:
        friends.cancel(ctx.session, ctx.me, request_id)
    return S.OkOut()


@router.delete("/friends/{username}", response_model=S.OkOut)
def remove(username: PathName, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        friends.remove_friend(ctx.session, ctx.me, visible_user(ctx.session, ctx.viewer, username))
    return S.OkOut()


@router.get("/blocks", response_model=list[S.UserOut])
def list_blocks(creds: CredentialsDep) -> list[S.UserOut]:
    with unit(creds) as ctx:
        return [user_out(u) for u in friends.blocked_by(ctx.session, ctx.me)]


@router.post("/blocks", response_model=S.OkOut, status_code=201)
def block(body: S.UsernameIn, creds: CredentialsDep) -> S.OkOut:
    """Block a member: they see nothing of yours and cannot interact with you; friendship ends."""
    with unit(creds, write=True) as ctx:
        friends.block(ctx.session, ctx.me, visible_user(ctx.session, ctx.viewer, body.username))
    return S.OkOut()


@router.delete("/blocks/{username}", response_model=S.OkOut)
def unblock(username: PathName, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        friends.unblock(ctx.session, ctx.me, accounts.get_user_by_username(ctx.session, username))
    return S.OkOut()


def _requests_out(
    session: Session, reqs: list[FriendRequest], other: Callable[[FriendRequest], int], viewer: Viewer
) -> list[S.FriendRequestOut]:
    users = users_by_id(session, [other(r) for r in reqs])
    return [
        S.FriendRequestOut(id=r.id, user=user_out(users[other(r)]), message=r.message, created_at=r.created_at)
        for r in reqs
        if not viewer.is_blocked(other(r))
    ]
