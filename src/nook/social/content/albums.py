"""相册: albums with their own visibility (everyone, friends, only me, a question to answer, some friends
or all friends but some), and
the photos in them. Who sees what is `authz.can_list_album` / `authz.can_see_album`; files are
prepared by `nook.http.uploads` before the write transaction that records them here."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.security import passwords, rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import media
from nook.social.content.media import PreparedImage
from nook.social.limits import (
    ALBUM_ANSWER_MAX,
    ALBUM_DESC_MAX,
    ALBUM_PHOTOS_MAX,
    ALBUM_QUESTION_MAX,
    ALBUM_TITLE_MAX,
    ALBUMS_MAX,
    ALT_MAX,
)
from nook.social.people import groups
from nook.social.text import clean_text
from nook.store.first_writes import insert_or_existing
from nook.store.models import ALBUM_VISIBILITIES, Album, AlbumPhoto, AlbumUnlock, Media, User
from nook.store.models.albums import AlbumVisibility


@dataclass(frozen=True)
class AlbumCard:
    """An album as its owner's 相册 lists it; a locked album hides its cover and count."""

    album: Album
    locked: bool
    cover_media_id: int | None
    photo_count: int | None


@dataclass(frozen=True)
class AlbumView:
    card: AlbumCard
    owner: User
    photos: list[AlbumPhoto]


@dataclass(frozen=True)
class AlbumFields:
    title: str
    description: str
    visibility: AlbumVisibility
    question: str = ""
    #: Required when an album first gets a question; left empty, an edit keeps the stored answer.
    answer: str = ""
    #: The groups and friends a "selected" or "except" album names (replaced on each edit).
    group_ids: tuple[int, ...] = ()
    usernames: tuple[str, ...] = ()


def create_album(session: Session, me: User, fields: AlbumFields) -> Album:
    rate_limits.enforce(rate_limits.ALBUM, me.id)
    owned = session.scalar(select(func.count()).select_from(Album).where(Album.owner_id == me.id)) or 0
    if owned >= ALBUMS_MAX:
        raise Invalid(N_("最多建 %(n)s 个相册"), n=ALBUMS_MAX)
    album = Album(owner_id=me.id, question="", answer_hash=None)
    _apply(album, fields)
    session.add(album)
    session.flush()
    groups.set_album_audience(session, me, album, fields.group_ids, fields.usernames)
    return album


def update_album(session: Session, me: User, album_id: int, fields: AlbumFields, cover_media_id: int | None) -> Album:
    """Change an album's words, visibility and cover (one of its own photos; None keeps the cover)."""
    rate_limits.enforce(rate_limits.ALBUM, me.id)
    album = _own_album(session, me, album_id)
    _apply(album, fields)
    groups.set_album_audience(session, me, album, fields.group_ids, fields.usernames)
    if cover_media_id is not None:
        if _photo_of(session, album.id, cover_media_id) is None:
            raise Invalid(N_("封面要选这个相册里的照片"))
        album.cover_media_id = cover_media_id
    session.flush()
    return album


def delete_album(session: Session, me: User, album_id: int) -> None:
    """The album and its photos go; the photos' rows go with it, so their files are no longer served."""
    album = _own_album(session, me, album_id)
    for photo in session.scalars(select(AlbumPhoto).where(AlbumPhoto.album_id == album.id)):
        _delete_media(session, photo.media_id)
    session.delete(album)
    session.flush()


def albums_of(session: Session, viewer: Viewer, owner: User) -> list[AlbumCard]:
    """The albums `viewer` may see listed in `owner`'s 相册, newest first."""
    rows = session.scalars(
        select(Album)
        .where(Album.owner_id == owner.id, authz.visible_albums_filter(viewer))
        .order_by(Album.created_at.desc(), Album.id.desc())
    ).all()
    counts = _photo_counts(session, [a.id for a in rows])
    return [_card(session, viewer, album, counts.get(album.id, 0)) for album in rows]


def view_album(session: Session, viewer: Viewer, album_id: int) -> AlbumView:
    album = _listed_album(session, viewer, album_id)
    owner = session.get(User, album.owner_id)
    if owner is None or not authz.can_see_user(viewer, owner):
        raise NotFound(N_("找不到这个相册"))
    card = _card(session, viewer, album, _photo_counts(session, [album.id]).get(album.id, 0))
    photos: list[AlbumPhoto] = []
    if not card.locked:
        photos = list(
            session.scalars(select(AlbumPhoto).where(AlbumPhoto.album_id == album.id).order_by(AlbumPhoto.id.desc()))
        )
    return AlbumView(card, owner, photos)


def answer_question(session: Session, viewer: Viewer, me: User, album_id: int, answer: str) -> None:
    """Open a question album for `me` if `answer` is right. Every try counts against a small limit
    per member and album, before the (deliberately slow) hash check."""
    album = _listed_album(session, viewer, album_id)
    if album.visibility != "question" or authz.can_see_album(session, viewer, album):
        return
    rate_limits.enforce(rate_limits.ALBUM_ANSWER, f"{me.id}:{album.id}")
    if not passwords.verify_password(album.answer_hash, _normal_answer(answer)):
        raise Invalid(N_("答案不对"))
    # Two tabs may send the right answer at once: the second finds the first one's row.
    unlock = AlbumUnlock(album_id=album.id, user_id=me.id)
    insert_or_existing(session, unlock, lambda: _unlock_of(session, album.id, me.id))


def _unlock_of(session: Session, album_id: int, user_id: int) -> AlbumUnlock | None:
    return session.scalar(select(AlbumUnlock).where(AlbumUnlock.album_id == album_id, AlbumUnlock.user_id == user_id))


def add_photos(
    session: Session, me: User, album_id: int, images: list[PreparedImage], caption: str = ""
) -> list[AlbumPhoto]:
    """Record prepared uploads into one of `me`'s albums; the first photo becomes the cover if none is set."""
    album = _own_album(session, me, album_id)
    caption = clean_text(caption, field=N_("照片说明"), max_len=ALT_MAX, allow_empty=True)
    _check_room(session, album.id, len(images))
    photos = []
    for image in images:
        row = media.record_image(session, me, image)
        photos.append(AlbumPhoto(album_id=album.id, media_id=row.id, caption=caption))
    session.add_all(photos)
    if album.cover_media_id is None and photos:
        album.cover_media_id = photos[0].media_id
    session.flush()
    return photos


def edit_photo(
    session: Session, me: User, photo_id: int, *, caption: str | None = None, album_id: int | None = None
) -> AlbumPhoto:
    """Change a photo's caption and/or move it into another of `me`'s albums."""
    photo, album = _own_photo(session, me, photo_id)
    if caption is not None:
        photo.caption = clean_text(caption, field=N_("照片说明"), max_len=ALT_MAX, allow_empty=True)
    if album_id is not None and album_id != album.id:
        target = _own_album(session, me, album_id)
        _check_room(session, target.id, 1)
        photo.album_id = target.id
        if album.cover_media_id == photo.media_id:
            album.cover_media_id = None
        if target.cover_media_id is None:
            target.cover_media_id = photo.media_id
    session.flush()
    return photo


def delete_photo(session: Session, me: User, photo_id: int) -> None:
    photo, album = _own_photo(session, me, photo_id)
    if album.cover_media_id == photo.media_id:
        album.cover_media_id = None
    _delete_media(session, photo.media_id)
    session.flush()


def _apply(album: Album, fields: AlbumFields) -> None:
    if fields.visibility not in ALBUM_VISIBILITIES:
        raise Invalid(N_("不支持的可见范围"))
    album.title = clean_text(fields.title, field=N_("相册名"), max_len=ALBUM_TITLE_MAX)
    album.description = clean_text(fields.description, field=N_("相册描述"), max_len=ALBUM_DESC_MAX, allow_empty=True)
    album.visibility = fields.visibility
    if fields.visibility != "question":
        album.question, album.answer_hash = "", None
        return
    album.question = clean_text(fields.question, field=N_("问题"), max_len=ALBUM_QUESTION_MAX)
    answer = _normal_answer(fields.answer)
    if answer:
        album.answer_hash = passwords.hash_password(answer)
    elif album.answer_hash is None:
        raise Invalid(N_("%(field)s不能为空"), field=N_("答案"))


def _normal_answer(answer: str) -> str:
    """Answers compare without case, width or outer space: "Xiaoming" and "ｘｉａｏｍｉｎｇ " match."""
    text = clean_text(answer, field=N_("答案"), max_len=ALBUM_ANSWER_MAX, allow_empty=True)
    return unicodedata.normalize("NFKC", text).casefold()


def _card(session: Session, viewer: Viewer, album: Album, count: int) -> AlbumCard:
    if authz.can_see_album(session, viewer, album):
        return AlbumCard(album, False, album.cover_media_id, count)
    return AlbumCard(album, True, None, None)


def _photo_counts(session: Session, album_ids: list[int]) -> dict[int, int]:
    if not album_ids:
        return {}
    rows = session.execute(
        select(AlbumPhoto.album_id, func.count())
        .where(AlbumPhoto.album_id.in_(album_ids))
        .group_by(AlbumPhoto.album_id)
    )
    return {album_id: n for album_id, n in rows}


def _check_room(session: Session, album_id: int, adding: int) -> None:
    held = _photo_counts(session, [album_id]).get(album_id, 0)
    if held + adding > ALBUM_PHOTOS_MAX:
        raise Invalid(N_("一个相册最多 %(n)s 张照片"), n=ALBUM_PHOTOS_MAX)


def _listed_album(session: Session, viewer: Viewer, album_id: int) -> Album:
    album = session.get(Album, album_id)
    if album is None or not authz.can_list_album(viewer, album):
        raise NotFound(N_("找不到这个相册"))
    return album


def _own_album(session: Session, me: User, album_id: int) -> Album:
    album = session.get(Album, album_id)
    if album is None or album.owner_id != me.id:
        raise NotFound(N_("找不到这个相册"))
    return album


def _own_photo(session: Session, me: User, photo_id: int) -> tuple[AlbumPhoto, Album]:
    photo = session.get(AlbumPhoto, photo_id)
    album = session.get(Album, photo.album_id) if photo is not None else None
    if photo is None or album is None or album.owner_id != me.id:
        raise NotFound(N_("找不到这张照片"))
    return photo, album


def _photo_of(session: Session, album_id: int, media_id: int) -> AlbumPhoto | None:
    return session.scalar(select(AlbumPhoto).where(AlbumPhoto.album_id == album_id, AlbumPhoto.media_id == media_id))


def _delete_media(session: Session, media_id: int) -> None:
    row = session.get(Media, media_id)
    if row is None:
        return
    session.delete(row)
    if album_photo := session.scalar(select(AlbumPhoto).where(AlbumPhoto.media_id == media_id)):
        session.delete(album_photo)


ALBUM_VISIBILITY_LABELS: dict[AlbumVisibility, str] = {
    "public": N_("所有人可见"),
    "friends": N_("好友可见"),
    "private": N_("仅自己可见"),
    "question": N_("回答问题可见"),
    "selected": N_("部分好友可见"),
    "except": N_("不给谁看"),
}
