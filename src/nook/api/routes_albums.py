"""/api/v1/albums: 相册, their photos, and the question lock."""

from __future__ import annotations

from fastapi import File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from nook.api import schemas as S
from nook.api import schemas_albums as A
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import media_url, user_out
from nook.config import get_settings
from nook.errors import Invalid
from nook.http.params import PathId, PathName
from nook.http.unit import Credentials, CredentialsDep, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.content import albums, photo_interactions
from nook.social.content.albums import AlbumCard, AlbumFields
from nook.social.limits import ALT_MAX, IMAGES_MAX
from nook.social.people.directory import visible_user
from nook.store.models import AlbumPhoto, User

router = ApiRouter(tags=["albums"], responses=ERRORS)


@router.get("/users/{username}/albums", response_model=list[A.AlbumOut])
def list_albums(username: PathName, creds: CredentialsDep) -> list[A.AlbumOut]:
    """A member's albums you may see; a question album is listed locked until you answer it."""
    with unit(creds, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        return [_album_out(card, owner) for card in albums.albums_of(ctx.session, ctx.viewer, owner)]


@router.post("/albums", response_model=A.AlbumOut, status_code=201)
def create_album(body: A.AlbumIn, creds: CredentialsDep) -> A.AlbumOut:
    with unit(creds, write=True) as ctx:
        album = albums.create_album(ctx.session, ctx.me, _fields(body))
        return _album_out(AlbumCard(album, False, None, 0), ctx.me)


@router.get("/albums/{album_id}", response_model=A.AlbumDetailOut)
def get_album(album_id: PathId, creds: CredentialsDep) -> A.AlbumDetailOut:
    with unit(creds, login=False) as ctx:
        return _detail(albums.view_album(ctx.session, ctx.viewer, album_id))


@router.patch("/albums/{album_id}", response_model=A.AlbumOut)
def edit_album(album_id: PathId, body: A.AlbumEditIn, creds: CredentialsDep) -> A.AlbumOut:
    with unit(creds, write=True) as ctx:
        albums.update_album(ctx.session, ctx.me, album_id, _fields(body), body.cover_media_id)
        return _detail(albums.view_album(ctx.session, ctx.viewer, album_id)).album


@router.delete("/albums/{album_id}", response_model=S.OkOut)
def delete_album(album_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Delete an album and every photo in it."""
    with unit(creds, write=True) as ctx:
        albums.delete_album(ctx.session, ctx.me, album_id)
    return S.OkOut()


@router.post("/albums/{album_id}/unlock", response_model=A.AlbumDetailOut)
def unlock(album_id: PathId, body: A.AnswerIn, creds: CredentialsDep) -> A.AlbumDetailOut:
    """Answer a question album's question; right, and the album stays open to you. Tries are rate limited."""
    with unit(creds, write=True) as ctx:
        albums.answer_question(ctx.session, ctx.viewer, ctx.me, album_id, body.answer)
        return _detail(albums.view_album(ctx.session, ctx.viewer, album_id))


@router.post("/albums/{album_id}/photos", response_model=list[A.AlbumPhotoOut], status_code=201)
async def upload_photos(
    album_id: PathId,
    creds: CredentialsDep,
    files: list[UploadFile] = File(...),  # noqa: B008
    caption: str = Form("", max_length=ALT_MAX),
) -> list[A.AlbumPhotoOut]:
    """Upload up to 9 photos (JPEG, PNG, GIF or WebP) straight into one of your albums."""
    if len(files) > IMAGES_MAX:
        raise Invalid(N_("一次最多上传 %(n)s 张"), n=IMAGES_MAX)
    limit = get_settings().max_image_bytes
    blobs = []
    for file in files:
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise Invalid(N_("图片不能超过 %(mb)s MB"), mb=limit // (1024 * 1024))
        blobs.append(data)
    return await run_in_threadpool(_upload, creds, album_id, blobs, caption)  # decoding: not on the event loop


def _upload(creds: Credentials, album_id: int, blobs: list[bytes], caption: str) -> list[A.AlbumPhotoOut]:
    with prepared_uploads(creds, blobs) as images, unit(creds, write=True) as ctx:
        return [_photo_out(p) for p in albums.add_photos(ctx.session, ctx.me, album_id, images, caption)]


@router.patch("/album-photos/{photo_id}", response_model=A.AlbumPhotoOut)
def edit_photo(photo_id: PathId, body: A.PhotoEditIn, creds: CredentialsDep) -> A.AlbumPhotoOut:
    """Change a photo's caption, or move it into another of your albums."""
    with unit(creds, write=True) as ctx:
        return _photo_out(
            albums.edit_photo(ctx.session, ctx.me, photo_id, caption=body.caption, album_id=body.album_id)
        )


@router.delete("/album-photos/{photo_id}", response_model=S.OkOut)
def delete_photo(photo_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        albums.delete_photo(ctx.session, ctx.me, photo_id)
    return S.OkOut()


@router.get("/album-photos/{photo_id}", response_model=A.PhotoDetailOut)
def get_photo(photo_id: PathId, creds: CredentialsDep) -> A.PhotoDetailOut:
    with unit(creds, login=False) as ctx:
        return _photo_detail(photo_interactions.view_photo(ctx.session, ctx.viewer, photo_id))


@router.post("/album-photos/{photo_id}/like", response_model=S.LikeOut)
def like_photo(photo_id: PathId, creds: CredentialsDep) -> S.LikeOut:
    """Like a photo you may see (once; liking again changes nothing)."""
    with unit(creds, write=True) as ctx:
        photo_interactions.like_photo(ctx.session, ctx.viewer, ctx.me, photo_id)
        return _like_state(photo_interactions.view_photo(ctx.session, ctx.viewer, photo_id))


@router.delete("/album-photos/{photo_id}/like", response_model=S.LikeOut)
def unlike_photo(photo_id: PathId, creds: CredentialsDep) -> S.LikeOut:
    with unit(creds, write=True) as ctx:
        photo_interactions.unlike_photo(ctx.session, ctx.viewer, ctx.me, photo_id)
        return _like_state(photo_interactions.view_photo(ctx.session, ctx.viewer, photo_id))


@router.post("/album-photos/{photo_id}/comments", response_model=A.PhotoCommentOut, status_code=201)
def comment_photo(photo_id: PathId, body: A.PhotoCommentIn, creds: CredentialsDep) -> A.PhotoCommentOut:
    """Comment on a photo you may see; the barrier may fold it after it is saved, as under a post."""
    with unit(creds, write=True) as ctx:
        row = photo_interactions.comment_photo(ctx.session, ctx.viewer, ctx.me, photo_id, body.body)
        return A.PhotoCommentOut(
            id=row.id,
            photo_id=row.photo_id,
            author=user_out(ctx.me),
            body=row.body,
            created_at=row.created_at,
            folded=False,
            fold_reason=None,
            can_delete=True,
        )


@router.delete("/photo-comments/{comment_id}", response_model=S.OkOut)
def delete_photo_comment(comment_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Delete a photo's comment: your own, or any under your photo."""
    with unit(creds, write=True) as ctx:
        photo_interactions.delete_photo_comment(ctx.session, ctx.viewer, comment_id)
    return S.OkOut()


def _like_state(view: photo_interactions.PhotoView) -> S.LikeOut:
    return S.LikeOut(liked=view.liked, like_count=view.like_count)


def _photo_detail(view: photo_interactions.PhotoView) -> A.PhotoDetailOut:
    return A.PhotoDetailOut(
        photo=_photo_out(view.photo),
        owner=user_out(view.owner),
        album_title=view.album.title,
        like=_like_state(view),
        comments=[
            A.PhotoCommentOut(
                id=c.comment.id,
                photo_id=c.comment.photo_id,
                author=user_out(c.author),
                body=c.comment.body,
                created_at=c.comment.created_at,
                folded=c.comment.folded,
                fold_reason=c.fold_reason,
                can_delete=c.can_delete,
            )
            for c in view.comments
        ],
        newer_id=view.newer_id,
        older_id=view.older_id,
    )


def _fields(body: A.AlbumIn) -> AlbumFields:
    audience = (tuple(body.audience_groups), tuple(body.audience_members))
    return AlbumFields(body.title, body.description, body.visibility, body.question, body.answer, *audience)


def _album_out(card: AlbumCard, owner: User) -> A.AlbumOut:
    album = card.album
    return A.AlbumOut(
        id=album.id,
        owner=user_out(owner),
        title=album.title,
        description=album.description,
        visibility=album.visibility,
        question=album.question,
        locked=card.locked,
        cover_url=media_url(card.cover_media_id, "thumb") if card.cover_media_id else None,
        photo_count=card.photo_count,
        created_at=album.created_at,
    )


def _detail(view: albums.AlbumView) -> A.AlbumDetailOut:
    return A.AlbumDetailOut(album=_album_out(view.card, view.owner), photos=[_photo_out(p) for p in view.photos])


def _photo_out(photo: AlbumPhoto) -> A.AlbumPhotoOut:
    return A.AlbumPhotoOut(
        id=photo.id,
        album_id=photo.album_id,
        media_id=photo.media_id,
        caption=photo.caption,
        url=media_url(photo.media_id),
        thumb_url=media_url(photo.media_id, "thumb"),
        created_at=photo.created_at,
    )
