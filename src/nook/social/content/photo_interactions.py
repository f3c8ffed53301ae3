"""Likes and comments on album photos (相册). Whoever may see a photo (`authz.can_see_album`) may like it
once and comment on it; a hidden photo answers 404. Comments share the post comments' length limit and
rate (slower while the writer is throttled) and are assessed by the barrier after commit, which folds
low-value and offensive ones (`barrier.assess_photo_comment`); the photo's owner is told of each.

A like by an account flagged in a like ring is not counted while the flag lasts, as its post likes are not
(the ring scan reads post likes; a flagged account's photo likes are held back with them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import COMMENT_MAX, PHOTO_COMMENTS_SHOWN
from nook.social.moderation import barrier, rings
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import Album, AlbumPhoto, PhotoComment, PhotoLike, Restriction, User
from nook.store.outbox import Kind, emit


@dataclass(frozen=True)
class PhotoCommentView:
    comment: PhotoComment
    author: User
    #: Why it is folded: for its writer and site admins only (None otherwise, or when shown).
    fold_reason: str | None
    can_delete: bool


@dataclass(frozen=True)
class PhotoView:
    """One photo as a viewer sees it, with its neighbours in the album for paging through it."""

    photo: AlbumPhoto
    album: Album
    owner: User
    like_count: int
    liked: bool
    can_interact: bool
    comments: list[PhotoCommentView]
    newer_id: int | None
    older_id: int | None


def view_photo(session: Session, viewer: Viewer, photo_id: int) -> PhotoView:
    photo, album, owner = visible_photo(session, viewer, photo_id)
    liked = viewer.id is not None and _like_of(session, viewer.id, photo.id) is not None
    siblings = select(AlbumPhoto.id).where(AlbumPhoto.album_id == album.id)
    newer = session.scalar(siblings.where(AlbumPhoto.id > photo.id).order_by(AlbumPhoto.id).limit(1))
    older = session.scalar(siblings.where(AlbumPhoto.id < photo.id).order_by(AlbumPhoto.id.desc()).limit(1))
    return PhotoView(
        photo=photo,
        album=album,
        owner=owner,
        like_count=like_count(session, photo.id),
        liked=liked,
        can_interact=viewer.id is not None,
        comments=comments_on(session, viewer, photo, album),
        newer_id=newer,
        older_id=older,
    )


def visible_photo(session: Session, viewer: Viewer, photo_id: int) -> tuple[AlbumPhoto, Album, User]:
    """The photo, its album and owner, if the viewer may see the album's photos; else 404."""
    photo = session.get(AlbumPhoto, photo_id)
    album = session.get(Album, photo.album_id) if photo is not None else None
    owner = session.get(User, album.owner_id) if album is not None else None
    if photo is None or album is None or owner is None:
        raise NotFound(N_("找不到这张照片"))
    if not authz.can_see_user(viewer, owner) or not authz.can_see_album(session, viewer, album):
        raise NotFound(N_("找不到这张照片"))
    return photo, album, owner


def like_photo(session: Session, viewer: Viewer, actor: User, photo_id: int) -> bool:
    """Like a photo; liking twice is harmless. Returns whether a new like was recorded."""
    photo = _interactable(session, viewer, photo_id)
    if _like_of(session, actor.id, photo.id) is not None:
        return False
    rate_limits.enforce(rings.like_rule(session, actor), actor.id)  # the post like budget, slower for a ring
    row = PhotoLike(user_id=actor.id, photo_id=photo.id)
    _, created = insert_or_existing(session, row, lambda: _like_of(session, actor.id, photo.id))
    return created


def unlike_photo(session: Session, viewer: Viewer, actor: User, photo_id: int) -> bool:
    photo, _, _ = visible_photo(session, viewer, photo_id)
    row = _like_of(session, actor.id, photo.id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def like_count(session: Session, photo_id: int) -> int:
    """The likes shown: an account flagged in a like ring is left out while its flag lasts."""
    flagged = select(Restriction.user_id).where(
        Restriction.kind == "like_ring",
        Restriction.active.is_(True),
        (Restriction.until.is_(None)) | (Restriction.until > utcnow()),
    )
    stmt = select(func.count(PhotoLike.id)).where(PhotoLike.photo_id == photo_id, PhotoLike.user_id.not_in(flagged))
    return int(session.scalar(stmt) or 0)


def comment_photo(session: Session, viewer: Viewer, actor: User, photo_id: int, body: str) -> PhotoComment:
    photo = _interactable(session, viewer, photo_id)
    rate_limits.enforce(barrier.comment_rule(session, actor), actor.id)  # slower while throttled
    text = clean_text(body, field=N_("评论"), max_len=COMMENT_MAX)
    row = PhotoComment(photo_id=photo.id, author_id=actor.id, body=text)
    session.add(row)
    session.flush()
    owner_id = session.scalar(select(Album.owner_id).where(Album.id == photo.album_id))
    emit(session, Kind.PHOTO_COMMENT, user_id=owner_id, actor_id=actor.id, photo_id=photo.id, photo_comment_id=row.id)
    return row


def delete_photo_comment(session: Session, viewer: Viewer, comment_id: int) -> int:
    """Delete a photo's comment (its writer, the photo's owner, an admin); returns the photo's id."""
    row = session.get(PhotoComment, comment_id)
    if row is None or viewer.is_blocked(row.author_id):
        raise NotFound(N_("找不到这条评论"))
    _, album, _ = visible_photo(session, viewer, row.photo_id)
    if not authz.can_delete_photo_comment(viewer, row.author_id, album):
        raise Forbidden(N_("只能删除自己的评论或自己照片下的评论"))
    session.delete(row)
    session.flush()
    return row.photo_id


def comments_on(session: Session, viewer: Viewer, photo: AlbumPhoto, album: Album) -> list[PhotoCommentView]:
    """The photo's comments oldest first (the most recent `PHOTO_COMMENTS_SHOWN`), blocked writers left out."""
    stmt = (
        select(PhotoComment, User)
        .join(User, User.id == PhotoComment.author_id)
        .where(PhotoComment.photo_id == photo.id, authz.visible_photo_comments_filter(viewer))
        .order_by(PhotoComment.id.desc())
        .limit(PHOTO_COMMENTS_SHOWN)
    )
    rows = list(session.execute(stmt).all())[::-1]
    return [
        PhotoCommentView(
            comment=c,
            author=u,
            fold_reason=barrier.photo_fold_text(c) if authz.can_see_quality_of(viewer, c.author_id, None) else None,
            can_delete=authz.can_delete_photo_comment(viewer, c.author_id, album),
        )
        for c, u in rows
    ]


def _interactable(session: Session, viewer: Viewer, photo_id: int) -> AlbumPhoto:
    photo, _, _ = visible_photo(session, viewer, photo_id)
    if not authz.can_interact_with_photo(session, viewer, photo):
        raise Forbidden(N_("请先登录"))
    return photo


def _like_of(session: Session, user_id: int, photo_id: int) -> PhotoLike | None:
    return session.scalar(select(PhotoLike).where(PhotoLike.user_id == user_id, PhotoLike.photo_id == photo_id))
