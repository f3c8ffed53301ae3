"""Uploaded images: validated by content, re-encoded without metadata, thumbnailed."""

from __future__ import annotations

import io
import os
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social.authz import Viewer, can_see_album, can_see_conversation, can_see_post, can_see_user
from nook.store.models import Album, AlbumPhoto, Conversation, Media, Message, Post, PostImage, User

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
FULL_SIDE = 2048
THUMB_SIDE = 480
VARIANTS = ("full", "thumb")


@dataclass(frozen=True)
class PreparedImage:
    """An upload decoded, re-encoded and fsynced to disk, whose row is not recorded yet."""

    owner_id: int
    key: str
    width: int
    height: int
    bytes: int


def prepare_image(owner_id: int, data: bytes) -> PreparedImage:
    """The slow part of an upload (decode, re-encode, fsync: seconds for a large photo), run with no
    transaction open so no write lock waits on it. Whatever the client claims, the bytes decide."""
    settings = get_settings()
    rate_limits.enforce(rate_limits.UPLOAD, owner_id)
    if not data:
        raise Invalid(N_("图片是空的"))
    if len(data) > settings.max_image_bytes:
        raise Invalid(N_("图片不能超过 %(mb)s MB"), mb=settings.max_image_bytes // (1024 * 1024))
    image = _decode(data, settings.max_image_pixels)
    key = secrets.token_hex(16)
    full, thumb = _reencode(image, FULL_SIDE), _reencode(image, THUMB_SIDE)
    folder = settings.media_dir / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    write_durably(folder / f"{key}.jpg", full)
    write_durably(folder / f"{key}_thumb.jpg", thumb)
    return PreparedImage(owner_id, key, image.width, image.height, len(full))


def record_image(session: Session, owner: User, image: PreparedImage) -> Media:
    """The upload's row: quick, inside the caller's (short) write transaction."""
    if image.owner_id != owner.id:
        raise NotFound(N_("找不到这张图片"))
    media = Media(
        owner_id=owner.id,
        storage_key=image.key,
        content_type="image/jpeg",
        width=image.width,
        height=image.height,
        bytes=image.bytes,
    )
    session.add(media)
    session.flush()
    return media


def discard(image: PreparedImage) -> None:
    """Remove the files of an upload whose row was never committed."""
    for variant in VARIANTS:
        _file(image.key, variant).unlink(missing_ok=True)


@contextmanager
def prepared_images(owner_id: int, blobs: list[bytes]) -> Iterator[list[PreparedImage]]:
    """Uploads prepared before the caller opens its write transaction; their files go again if it fails."""
    images: list[PreparedImage] = []
    try:
        for data in blobs:
            images.append(prepare_image(owner_id, data))
        yield images
    except BaseException:
        for image in images:
            discard(image)
        raise


def store_image(session: Session, owner: User, data: bytes) -> Media:
    """Prepare and record in one go, for offline work (the demo loader) with no member waiting on a lock."""
    return record_image(session, owner, prepare_image(owner.id, data))


def _decode(data: bytes, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise Invalid(N_("只支持 JPEG、PNG、GIF、WebP 图片"))
            if probe.width * probe.height > max_pixels:
                raise Invalid(N_("图片尺寸太大"))
            probe.verify()  # structural check; the image must be reopened after verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise Invalid(N_("无法识别的图片文件")) from exc
    return ImageOps.exif_transpose(image)


def _reencode(image: Image.Image, side: int) -> bytes:
    copy = image.convert("RGB")
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def write_durably(path: Path, data: bytes) -> None:
    # Written before the database row commits, and fsynced, so an acknowledged upload survives a crash.
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def media_path(media: Media, variant: str) -> Path:
    return _file(media.storage_key, variant)


def _file(key: str, variant: str) -> Path:
    suffix = "_thumb" if variant == "thumb" else ""
    return get_settings().media_dir / key[:2] / f"{key}{suffix}.jpg"


def can_see_media(session: Session, viewer: Viewer, media: Media) -> bool:
    """The uploader, anyone who may see a post it is attached to or the album it is in, or anyone who
    may see whose avatar or cover it is."""
    if viewer.id == media.owner_id:
        return True
    owner = session.get(User, media.owner_id)
    if owner is not None and media.id in (owner.avatar_media_id, owner.cover_media_id) and can_see_user(viewer, owner):
        return True
    album = session.scalar(select(Album).join(AlbumPhoto).where(AlbumPhoto.media_id == media.id))
    in_album = album is not None and owner is not None and can_see_user(viewer, owner)
    if in_album and album is not None and can_see_album(session, viewer, album):
        return True
    posts = session.scalars(select(Post).join(PostImage).where(PostImage.media_id == media.id))
    if any(can_see_post(viewer, post) for post in posts):
        return True
    # a photo sent in a 私信: the conversation's two members
    convs = session.scalars(select(Conversation).join(Message).where(Message.media_id == media.id))
    return any(can_see_conversation(viewer, c) for c in convs)


def get_visible_media(session: Session, viewer: Viewer, media_id: int) -> Media:
    media = session.get(Media, media_id)
    if media is None or not can_see_media(session, viewer, media):
        raise NotFound(N_("找不到这张图片"))
    return media
