"""背景音乐: up to a few songs a member adds to their space; visitors start them, nothing autoplays."""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.audio import Song
from nook.social.content.media import write_durably
from nook.social.limits import TRACK_TITLE_MAX, TRACKS_MAX
from nook.social.text import clean_text
from nook.store.models import SpaceTrack, User


def add_track(session: Session, owner: User, song: Song, *, title: str, artist: str = "") -> SpaceTrack:
    """Keep a checked song (see nook.social.content.audio.read_mp3, run before the write transaction)."""
    title = clean_text(title, field=N_("歌名"), max_len=TRACK_TITLE_MAX, allow_empty=False)
    artist = clean_text(artist, field=N_("歌手"), max_len=TRACK_TITLE_MAX, allow_empty=True)
    count = session.scalar(select(func.count()).select_from(SpaceTrack).where(SpaceTrack.owner_id == owner.id))
    if (count or 0) >= TRACKS_MAX:
        raise Invalid(N_("空间最多放 %(n)s 首歌"), n=TRACKS_MAX)
    key = secrets.token_hex(16)
    path = _path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_durably(path, song.audio)  # on disk and fsynced before the row commits
    track = SpaceTrack(
        owner_id=owner.id, storage_key=key, title=title, artist=artist, seconds=song.seconds, size=len(song.audio)
    )
    session.add(track)
    session.flush()
    return track


def tracks(session: Session, viewer: Viewer, owner: User) -> list[SpaceTrack]:
    """The songs of a space, oldest first, for whoever may see the space."""
    if not authz.can_see_user(viewer, owner):
        return []
    return list(session.scalars(select(SpaceTrack).where(SpaceTrack.owner_id == owner.id).order_by(SpaceTrack.id)))


def visible_track(session: Session, viewer: Viewer, track_id: int) -> tuple[SpaceTrack, Path]:
    track = session.get(SpaceTrack, track_id)
    owner = session.get(User, track.owner_id) if track else None
    if track is None or owner is None or not authz.can_see_user(viewer, owner):
        raise NotFound(N_("找不到这首歌"))
    return track, _path(track.storage_key)


def delete_track(session: Session, owner: User, track_id: int) -> Path:
    """Remove the song's row; the caller removes the returned file once the transaction has committed."""
    track = session.get(SpaceTrack, track_id)
    if track is None or track.owner_id != owner.id:
        raise NotFound(N_("找不到这首歌"))
    session.delete(track)
    session.flush()
    return _path(track.storage_key)


def _path(key: str) -> Path:
    return get_settings().media_dir / "audio" / key[:2] / f"{key}.mp3"
