"""/api/v1/auth and /api/v1/me: accounts, sessions, API tokens, profile and export."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import profile_out, user_out
from nook.http.download import zip_download
from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.social.content.cards import profile_card
from nook.social.people import accounts, notifications, profile
from nook.social.people import login as login_service
from nook.social.people.accounts import ACCOUNT, READ
from nook.social.people.archive.member_export import member_archive
from nook.store.models import AuthToken

router = ApiRouter(tags=["accounts"], responses=ERRORS)


@router.post("/auth/register", response_model=S.TokenOut, status_code=201)
def register(request: Request, body: S.RegisterIn, creds: CredentialsDep) -> S.TokenOut:
    """Create an account and sign in; returns a session token for the `Authorization: Bearer` header."""
    with unit(creds, write=True, login=False) as ctx:
        user = accounts.register(
            ctx.session, username=body.username, password=body.password, nickname=body.nickname, ip=ctx.ip
        )
        issued = accounts.issue_token(ctx.session, user, user_agent=request.headers.get("user-agent", ""))
        return S.TokenOut(token=issued.secret, user=user_out(user))


@router.post("/auth/login", response_model=S.TokenOut)
def login(request: Request, body: S.LoginIn, creds: CredentialsDep) -> S.TokenOut:
    """Sign in with the password: a session token with every power (API tokens are made with it)."""
    with unit(creds, write=True, login=False) as ctx:
        done = login_service.log_in(
            ctx.session,
            username=body.username,
            password=body.password,
            ip=ctx.ip,
            user_agent=request.headers.get("user-agent", ""),
        )
        return S.TokenOut(token=done.secret, user=user_out(done.user))


@router.post("/auth/logout", response_model=S.OkOut)
def logout(creds: CredentialsDep) -> S.OkOut:
    """End the session or token making the request; any token may end itself, a read-only one too."""
    with unit(creds, write=True, scope=READ) as ctx:
        assert ctx.token is not None
        ctx.session.delete(ctx.token)
    return S.OkOut()


@router.get("/me", response_model=S.MeOut)
def me(creds: CredentialsDep) -> S.MeOut:
    with unit(creds) as ctx:
        return _me_out(ctx.session, ctx)


def _me_out(session: Any, ctx: Any) -> S.MeOut:
    user = ctx.me
    base = profile_out(profile_card(ctx.viewer, user)).model_dump()
    return S.MeOut(
        **base,
        is_admin=user.is_admin,
        trust_level=user.trust_level,
        privacy=dict(user.privacy),
        allow_invisible_visits=user.allow_invisible_visits,
        birthday_reminders=user.birthday_reminders,
        visit_invisibly=user.visit_invisibly,
        profile_completed=user.profile_completed,
        unread_notifications=notifications.unread_count(session, user),
    )


@router.patch("/me", response_model=S.MeOut)
def update_me(body: S.ProfileIn, creds: CredentialsDep) -> S.MeOut:
    changes = body.model_dump(exclude_unset=True, by_alias=True)
    if "privacy" in changes and changes["privacy"] is not None:
        changes["privacy"] = {k: v for k, v in changes["privacy"].items() if v is not None}
    with unit(creds, write=True) as ctx:
        profile.update_profile(ctx.session, ctx.me, changes)
        ctx.session.flush()
        return _me_out(ctx.session, ctx)


@router.post("/me/password", response_model=S.OkOut)
def change_password(body: S.PasswordIn, creds: CredentialsDep) -> S.OkOut:
    """Change the password (a session only); every other session and API token is signed out."""
    with unit(creds, write=True, scope=ACCOUNT) as ctx:
        keep = ctx.token.id if ctx.token else None
        accounts.change_password(ctx.session, ctx.me, old=body.old_password, new=body.new_password, keep_token_id=keep)
    return S.OkOut()


@router.get("/me/tokens", response_model=list[S.ApiTokenOut])
def list_tokens(creds: CredentialsDep) -> list[S.ApiTokenOut]:
    with unit(creds) as ctx:
        return [_token_out(t) for t in accounts.list_api_tokens(ctx.session, ctx.me)]


@router.post("/me/tokens", response_model=S.ApiTokenOut, status_code=201)
def create_token(body: S.ApiTokenIn, creds: CredentialsDep) -> S.ApiTokenOut:
    """Create a named API token for scripts (a session only: a token cannot mint tokens).

    It may `read`, `write` or both (default), never more, and expires after `expires_in_days` (default
    90, at most 365). The secret is in this response only.
    """
    with unit(creds, write=True, scope=ACCOUNT) as ctx:
        issued = accounts.issue_api_token(
            ctx.session, ctx.me, name=body.name, scopes=body.scopes, days=body.expires_in_days
        )
        return _token_out(issued.token, issued.secret)


def _token_out(t: AuthToken, secret: str | None = None) -> S.ApiTokenOut:
    return S.ApiTokenOut(
        id=t.id,
        name=t.name,
        scopes=sorted(accounts.token_scopes(t)),
        created_at=t.created_at,
        last_used_at=t.last_used_at,
        expires_at=t.expires_at,
        token=secret,
    )


@router.delete("/me/tokens/{token_id}", response_model=S.OkOut)
def revoke_token(token_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        accounts.revoke_token(ctx.session, ctx.me, token_id)
    return S.OkOut()


@router.get("/me/sessions", response_model=list[S.SessionOut])
def list_sessions(creds: CredentialsDep) -> list[S.SessionOut]:
    """Where you are signed in (browsers, and password logins through the API); a session only."""
    with unit(creds, scope=ACCOUNT) as ctx:
        current = ctx.token.id if ctx.token else None
        return [
            S.SessionOut(
                id=t.id,
                created_at=t.created_at,
                last_used_at=t.last_used_at,
                expires_at=t.expires_at,
                user_agent=t.user_agent,
                current=t.id == current,
            )
            for t in accounts.list_sessions(ctx.session, ctx.me)
        ]


@router.delete("/me/sessions/{session_id}", response_model=S.OkOut)
def revoke_session(session_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Sign one session out; its cookie or token answers 401 from the next request."""
    with unit(creds, write=True, scope=ACCOUNT) as ctx:
        accounts.revoke_session(ctx.session, ctx.me, session_id)
    return S.OkOut()


@router.get(
    "/me/export",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "A zip of JSON files and media"}},
)
def export_me(request: Request, creds: CredentialsDep) -> Response:
    """Download everything you have put into Nook: profile, posts, comments, messages, photos (a session only)."""
    with unit(creds, scope=ACCOUNT) as ctx:
        me = ctx.me
    return zip_download(member_archive(me))  # built on disk and streamed; a few per hour
