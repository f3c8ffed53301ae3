"""Uploaded images: validated by content, re-encoded without metadata, thumbnailed."""

from __future__ import annotations

import io
import os
import secrets
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.security import limits
from nook.social.authz import Viewer, can_see_post, can_see_user
from nook.store.models import Media, Post, PostImage, User

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
FULL_SIDE = 2048
THUMB_SIDE = 480
VARIANTS = ("full", "thumb")


def store_image(session: Session, owner: User, data: bytes) -> Media:
    """Decode, check, re-encode and save an upload. Whatever the client claims, the bytes decide."""
    settings = get_settings()
    limits.enforce(limits.UPLOAD, owner.id)
    if not data:
        raise Invalid(N_("图片是空的"))
    if len(data) > settings.max_image_bytes:
        raise Invalid(N_("图片不能超过 %(mb)s MB"), mb=settings.max_image_bytes // (1024 * 1024))
    image = _decode(data, settings.max_image_pixels)
    key = secrets.token_hex(16)
    full, thumb = _reencode(image, FULL_SIDE), _reencode(image, THUMB_SIDE)
    folder = settings.media_dir / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    _write_durably(folder / f"{key}.jpg", full)
    _write_durably(folder / f"{key}_thumb.jpg", thumb)
    media = Media(
        owner_id=owner.id,
        storage_key=key,
        content_type="image/jpeg",
        width=image.width,
        height=image.height,
        bytes=len(full),
    )
    session.add(media)
    session.flush()
    return media


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


def _write_durably(path: Path, data: bytes) -> None:
    # Written before the database row commits, and fsynced, so an acknowledged upload survives a crash.
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def media_path(media: Media, variant: str) -> Path:
    suffix = "_thumb" if variant == "thumb" else ""
    return get_settings().media_dir / media.storage_key[:2] / f"{media.storage_key}{suffix}.jpg"


def can_see_media(session: Session, viewer: Viewer, media: Media) -> bool:
    """The uploader, anyone who may see a post it is attached to, or anyone who may see the avatar's owner."""
    if viewer.id == media.owner_id:
        return True
    owner = session.get(User, media.owner_id)
    if owner is not None and owner.avatar_media_id == media.id and can_see_user(viewer, owner):
        return True
    posts = session.scalars(select(Post).join(PostImage).where(PostImage.media_id == media.id))
    return any(can_see_post(viewer, post) for post in posts)


def get_visible_media(session: Session, viewer: Viewer, media_id: int) -> Media:
    media = session.get(Media, media_id)
    if media is None or not can_see_media(session, viewer, media):
        raise NotFound(N_("找不到这张图片"))
    return media
