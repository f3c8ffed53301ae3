"""Settings: profile, 空间装扮 and 背景音乐, privacy, visitors and board, password, sessions, export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.config import get_settings
from nook.errors import Invalid, NookError
from nook.http.download import zip_download
from nook.http.params import PathId
from nook.http.unit import SESSION_COOKIE, Credentials, CredentialsDep, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.content import media
from nook.social.content.audio import checked_song
from nook.social.limits import TRACK_BYTES_MAX
from nook.social.moderation import cases
from nook.social.people import accounts, friends, groups, music, notice_settings, profile, skins
from nook.social.people.accounts import ACCOUNT
from nook.social.people.archive.member_export import member_archive
from nook.web.forms import FormDep, optional_int, text, uploads
from nook.web.pages import redirect, render, secure_cookies
from nook.web.profile_form import privacy_changes, profile_changes

router = APIRouter(include_in_schema=False)


def _settings_page(request: Request, creds: Credentials, status: int = 200, **data: Any) -> Response:
    with unit(creds) as ctx:
        data.setdefault("error", None)
        data.setdefault("saved", request.query_params.get("saved"))
        restrictions = cases.my_restrictions(ctx.session, ctx.me)
        # An API token reading this page sees no sessions: listing them is an `account` power.
        sessions = accounts.list_sessions(ctx.session, ctx.me) if ctx.may(ACCOUNT) else []
        return render(
            request,
            ctx,
            "pages/settings.html",
            status,
            user=ctx.me,
            restrictions=restrictions,
            sessions=sessions,
            current_session=ctx.token.id if ctx.token else None,
            skins=skins.offered_skins(),
            my_groups=groups.list_groups(ctx.session, ctx.me),
            my_friends=friends.friends_of(ctx.session, ctx.me),
            board_audience=groups.board_audience_of(ctx.session, ctx.me),
            my_tracks=music.tracks(ctx.session, ctx.viewer, ctx.me),
            accents=skins.offered_accents(),
            notices=notice_settings.choices(ctx.session, ctx.me),
            notice_labels={s.name: s.label for s in notice_settings.SETTINGS},
            **data,
        )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, creds: CredentialsDep) -> Response:
    return _settings_page(request, creds)


@router.post("/settings/profile")
async def save_profile(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    files = uploads(form, "avatar")
    blob = await files[0].read(get_settings().max_image_bytes + 1) if files else None
    return await run_in_threadpool(_save_profile, request, form, creds, blob)


def _saved(request: Request, creds: Credentials, section: str, change: Callable[[], None]) -> Response:
    """Make one settings change: a refusal shows the page again with its reason, success returns to the section."""
    try:
        change()
    except NookError as exc:
        if exc.status in (401, 403, 429):
            raise
        return _settings_page(request, creds, exc.status, error=exc.phrase)
    return redirect(f"/settings?saved={section}#{section}")


def _save_profile(request: Request, form: FormData, creds: Credentials, avatar: bytes | None) -> Response:
    def change() -> None:
        with prepared_uploads(creds, [avatar] if avatar else []) as images, unit(creds, write=True) as ctx:
            changes = profile_changes(form)
            if images:
                changes["avatar_media_id"] = media.record_image(ctx.session, ctx.me, images[0]).id
            profile.update_profile(ctx.session, ctx.me, changes)

    return _saved(request, creds, "profile", change)


@router.post("/settings/space-style")
async def save_space_style(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    files = uploads(form, "cover")
    blob = await files[0].read(get_settings().max_image_bytes + 1) if files else None
    return await run_in_threadpool(_save_space_style, request, form, creds, blob)


def _save_space_style(request: Request, form: FormData, creds: Credentials, cover: bytes | None) -> Response:
    def change() -> None:
        with prepared_uploads(creds, [cover] if cover else []) as images, unit(creds, write=True) as ctx:
            changes: dict[str, Any] = {"space_skin": text(form, "skin"), "space_accent": text(form, "accent")}
            if images:
                changes["cover_media_id"] = media.record_image(ctx.session, ctx.me, images[0]).id
            elif text(form, "remove_cover") == "1":
                changes["cover_media_id"] = None
            profile.update_profile(ctx.session, ctx.me, changes)

    return _saved(request, creds, "space-style", change)


@router.post("/settings/music")
async def add_song(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    files = uploads(form, "song")
    data = await files[0].read(TRACK_BYTES_MAX + 1) if files else b""
    return await run_in_threadpool(_add_song, request, form, creds, data)


def _add_song(request: Request, form: FormData, creds: Credentials, data: bytes) -> Response:
    def change() -> None:
        song = checked_song(data)  # before the write transaction
        with unit(creds, write=True) as ctx:
            music.add_track(ctx.session, ctx.me, song, title=text(form, "title"), artist=text(form, "artist"))

    return _saved(request, creds, "music", change)


@router.post("/settings/music/{track_id}/delete")
def delete_song(track_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        path = music.delete_track(ctx.session, ctx.me, track_id)
    path.unlink(missing_ok=True)  # after the commit
    return redirect("/settings?saved=music#music")


@router.post("/settings/privacy")
def save_privacy(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    def change() -> None:
        with unit(creds, write=True) as ctx:
            profile.update_profile(ctx.session, ctx.me, privacy_changes(form))

    return _saved(request, creds, "privacy", change)


@router.post("/settings/notifications")
def save_notices(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    """Ticked kinds are on; every offered kind is on the form, so an unticked box means off."""
    with unit(creds, write=True) as ctx:
        wanted = {s.name: form.get(f"notice_{s.name}") == "on" for s in notice_settings.offered()}
        notice_settings.update(ctx.session, ctx.me, wanted)
    return redirect("/settings?saved=notifications#notifications")


@router.post("/settings/password")
def change_password(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    def change() -> None:
        with unit(creds, write=True, scope=ACCOUNT) as ctx:
            keep = ctx.token.id if ctx.token else None
            accounts.change_password(
                ctx.session, ctx.me, old=text(form, "old_password"), new=text(form, "new_password"), keep_token_id=keep
            )

    return _saved(request, creds, "password", change)


@router.post("/settings/sessions/{session_id}/revoke")
def revoke_session(request: Request, session_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    """Sign one session out (DELETE /api/v1/me/sessions/{id}); signing this one out goes to the login page."""
    with unit(creds, write=True, scope=ACCOUNT) as ctx:
        own = ctx.token is not None and ctx.token.id == session_id
        accounts.revoke_session(ctx.session, ctx.me, session_id)
    if not own:
        return redirect("/settings?saved=sessions#sessions")
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, secure=secure_cookies(request), httponly=True, samesite="lax")
    return response


@router.get("/settings/export")
def export_me(creds: CredentialsDep) -> Response:
    """The same archive as GET /api/v1/me/export (a session only, not an API token)."""
    with unit(creds, scope=ACCOUNT) as ctx:
        me = ctx.me
    return zip_download(member_archive(me))


@router.post("/settings/appeals")
def appeal(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    """A member asks a moderator to look again at a restriction on them (cases.appeal)."""
    try:
        with unit(creds, write=True) as ctx:
            case_id = optional_int(form, "case_id")
            if case_id is None:
                raise Invalid(N_("请选择要申诉的处理"))
            cases.appeal(ctx.session, ctx.me, case_id=case_id, body=text(form, "body"))
    except NookError as exc:
        if exc.status in (401, 403, 429):
            raise
        return _settings_page(request, creds, exc.status, error=exc.phrase)
    return redirect("/settings?saved=appeal#restrictions")
