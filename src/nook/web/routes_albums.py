"""相册 pages: an album with its photos (and, for its owner, the upload and edit forms), the question lock."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.config import get_settings
from nook.errors import Invalid
from nook.http.params import PathId
from nook.http.unit import Credentials, CredentialsDep, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.content import albums, photo_interactions
from nook.social.content.albums import AlbumFields
from nook.social.limits import IMAGES_MAX
from nook.social.people import friends, groups
from nook.store.models import ALBUM_VISIBILITIES
from nook.web.forms import FormDep, audience, optional_int, text, uploads
from nook.web.pages import redirect, render

router = APIRouter(include_in_schema=False)


@router.get("/albums/{album_id}", response_class=HTMLResponse)
def album_page(request: Request, album_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds, login=False) as ctx:
        view = albums.view_album(ctx.session, ctx.viewer, album_id)
        mine = ctx.user is not None and ctx.user.id == view.owner.id
        owner_forms: dict[str, Any] = {}
        if mine:  # the edit form: the owner's other albums, and the audience picker with what it names now
            owner_forms = {
                "my_albums": albums.albums_of(ctx.session, ctx.viewer, view.owner),
                "my_groups": groups.list_groups(ctx.session, view.owner),
                "my_friends": friends.friends_of(ctx.session, view.owner),
                "album_audience": groups.album_audience_of(ctx.session, view.card.album),
            }
        return render(
            request,
            ctx,
            "pages/album.html",
            view=view,
            mine=mine,
            album_visibilities=albums.ALBUM_VISIBILITY_LABELS,
            **owner_forms,
        )


@router.post("/albums")
def create_album(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        album = albums.create_album(ctx.session, ctx.me, _fields(form))
        album_id = album.id
    return redirect(f"/albums/{album_id}")


@router.post("/albums/{album_id}/edit")
def edit_album(request: Request, album_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        albums.update_album(ctx.session, ctx.me, album_id, _fields(form), optional_int(form, "cover_media_id"))
    return redirect(f"/albums/{album_id}")


@router.post("/albums/{album_id}/delete")
def delete_album(request: Request, album_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        albums.delete_album(ctx.session, ctx.me, album_id)
        me = ctx.me.username
    return redirect(f"/u/{me}?tab=photos")


@router.post("/albums/{album_id}/unlock")
def unlock(request: Request, album_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        albums.answer_question(ctx.session, ctx.viewer, ctx.me, album_id, text(form, "answer"))
    return redirect(f"/albums/{album_id}")


@router.post("/albums/{album_id}/photos")
async def upload_photos(request: Request, album_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    files = uploads(form, "photos")
    if not files:
        raise Invalid(N_("请选择要上传的照片"))
    if len(files) > IMAGES_MAX:
        raise Invalid(N_("一次最多上传 %(n)s 张"), n=IMAGES_MAX)
    limit = get_settings().max_image_bytes
    blobs = [await f.read(limit + 1) for f in files]
    if any(len(b) > limit for b in blobs):
        raise Invalid(N_("图片不能超过 %(mb)s MB"), mb=limit // (1024 * 1024))
    return await run_in_threadpool(_upload, album_id, form, creds, blobs)  # decoding: not on the event loop


def _upload(album_id: int, form: FormData, creds: Credentials, blobs: list[bytes]) -> Response:
    with prepared_uploads(creds, blobs) as images, unit(creds, write=True) as ctx:
        albums.add_photos(ctx.session, ctx.me, album_id, images, text(form, "caption"))
    return redirect(f"/albums/{album_id}")


@router.post("/album-photos/{photo_id}/edit")
def edit_photo(request: Request, photo_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    """Caption and album of one photo; the page goes to the album the photo is in afterwards."""
    with unit(creds, write=True) as ctx:
        photo = albums.edit_photo(
            ctx.session, ctx.me, photo_id, caption=text(form, "caption"), album_id=optional_int(form, "album_id")
        )
        album_id = photo.album_id
    return redirect(f"/albums/{album_id}")


@router.post("/album-photos/{photo_id}/delete")
def delete_photo(request: Request, photo_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    album_id = optional_int(form, "back")
    with unit(creds, write=True) as ctx:
        albums.delete_photo(ctx.session, ctx.me, photo_id)
        me = ctx.me.username
    return redirect(f"/albums/{album_id}" if album_id else f"/u/{me}?tab=photos")


@router.get("/photos/{photo_id}", response_class=HTMLResponse)
def photo_page(request: Request, photo_id: PathId, creds: CredentialsDep) -> Response:
    """One photo with its likes and comments; a photo the viewer may not see is a 404 page."""
    with unit(creds, login=False) as ctx:
        view = photo_interactions.view_photo(ctx.session, ctx.viewer, photo_id)
        return render(request, ctx, "pages/photo.html", view=view)


@router.post("/photos/{photo_id}/like")
def like_photo(request: Request, photo_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        if text(form, "action") == "unlike":
            photo_interactions.unlike_photo(ctx.session, ctx.viewer, ctx.me, photo_id)
        else:
            photo_interactions.like_photo(ctx.session, ctx.viewer, ctx.me, photo_id)
    return redirect(f"/photos/{photo_id}")


@router.post("/photos/{photo_id}/comments")
def comment_photo(request: Request, photo_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        row = photo_interactions.comment_photo(ctx.session, ctx.viewer, ctx.me, photo_id, text(form, "body"))
        anchor = f"#photo-comment-{row.id}"
    return redirect(f"/photos/{photo_id}{anchor}")


@router.post("/photo-comments/{comment_id}/delete")
def delete_photo_comment(request: Request, comment_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        photo_id = photo_interactions.delete_photo_comment(ctx.session, ctx.viewer, comment_id)
    return redirect(f"/photos/{photo_id}")


def _fields(form: FormData) -> AlbumFields:
    visibility = text(form, "visibility", "public")
    if visibility not in ALBUM_VISIBILITIES:
        raise Invalid(N_("不支持的可见范围"))
    group_ids, usernames = audience(form, visibility)
    return AlbumFields(
        text(form, "title"),
        text(form, "description"),
        visibility,
        text(form, "question"),
        text(form, "answer"),
        group_ids,
        usernames,
    )
