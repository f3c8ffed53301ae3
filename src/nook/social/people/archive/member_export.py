"""A member's own archive (JSON + photos in a zip), built on disk and handed out as an open file."""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import Unauthorized
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social.authz import load_viewer
from nook.social.content.media import media_path
from nook.social.people import notice_settings
from nook.social.people.archive.manifest import song_member
from nook.social.people.archive.snapshot import jsonable
from nook.store.db import snapshot_session
from nook.store.models import (
    Album,
    AlbumAudienceGroup,
    AlbumAudienceMember,
    AlbumPhoto,
    AlbumUnlock,
    BoardAudienceGroup,
    BoardAudienceMember,
    BoardMessage,
    Circle,
    CircleMember,
    Comment,
    ContactSettings,
    Conversation,
    Follow,
    FriendGroup,
    FriendGroupMember,
    Friendship,
    Like,
    Media,
    Message,
    Notification,
    PhotoComment,
    PhotoLike,
    PinnedPost,
    Poll,
    PollChoice,
    PollOption,
    Post,
    PostAudienceGroup,
    PostAudienceMember,
    PostImage,
    Repost,
    SpaceTrack,
    SpecialCare,
    User,
    Visit,
)

#: Three at once, then one every 20 minutes: each archive reads and zips every photo the member posted.
EXPORTS = Rule("member_export", 3, 3600)


@dataclass
class MemberArchive:
    """The finished zip: an open file with no name on disk, gone once it is closed."""

    file: IO[bytes]
    size: int
    filename: str


def member_archive(user: User) -> MemberArchive:
    """Everything the member wrote or uploaded, and who their friends are; no one else's private data.

    Rate-limited per member (each one reads every photo they ever posted). All of it is read from
    one snapshot, so the posts, their photos and the comments on them belong together.
    """
    rate_limits.enforce(EXPORTS, user.id)
    with snapshot_session() as session:
        me = session.get(User, user.id)
        if me is None:  # deleted between sign-in and now
            raise Unauthorized()
        sections = _sections(session, me)
        media = list(session.scalars(select(Media).where(Media.owner_id == me.id).order_by(Media.id)))
        sections["media"] = [_row(m) for m in media]
        songs = list(session.scalars(select(SpaceTrack).where(SpaceTrack.owner_id == me.id).order_by(SpaceTrack.id)))
        sections["music"] = [_row(t) for t in songs]
    return MemberArchive(*_zip_on_disk(sections, media, songs), filename=f"nook-{user.username}.zip")


def _row(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {c.key: jsonable(getattr(obj, c.key)) for c in obj.__table__.columns if c.key not in skip}


def _sections(session: Session, user: User) -> dict[str, Any]:
    own_posts = list(session.scalars(select(Post).where(Post.author_id == user.id)))
    blocked = load_viewer(session, user).blocked_ids
    post_ids = [p.id for p in own_posts]
    return {
        "profile": _row(user, skip=("password_hash", "failed_logins", "locked_until")),
        "posts": [_row(p) for p in own_posts],
        "post_images": [_row(i) for i in session.scalars(select(PostImage).where(PostImage.post_id.in_(post_ids)))],
        "comments": [_row(c) for c in session.scalars(select(Comment).where(Comment.author_id == user.id))],
        "likes": [_row(x) for x in session.scalars(select(Like).where(Like.user_id == user.id))],
        "board_messages_written": [
            _row(m) for m in session.scalars(select(BoardMessage).where(BoardMessage.author_id == user.id))
        ],
        "board_messages_received": [
            _row(m)
            for m in session.scalars(select(BoardMessage).where(BoardMessage.owner_id == user.id))
            if m.author_id not in blocked
        ],
        "friends": [
            {"username": u.username, "nickname": u.nickname}
            for u in session.scalars(
                select(User).join(Friendship, Friendship.friend_id == User.id).where(Friendship.user_id == user.id)
            )
        ],
        **_groups(session, user, post_ids),
        "pinned": [_row(p) for p in session.scalars(select(PinnedPost).where(PinnedPost.user_id == user.id))],
        "polls": [_row(p) for p in session.scalars(select(Poll).where(Poll.post_id.in_(post_ids)))],
        "poll_options": [_row(o) for o in session.scalars(select(PollOption).where(PollOption.post_id.in_(post_ids)))],
        "my_votes": [
            {"post_id": c.post_id, "option": text}
            for c, text in session.execute(
                select(PollChoice, PollOption.text)
                .join(PollOption, PollOption.id == PollChoice.option_id)
                .where(PollChoice.user_id == user.id)
            )
        ],
        "circles": [
            {"slug": c.slug, "name": c.name, "role": m.role, "status": m.status}
            for m, c in session.execute(
                select(CircleMember, Circle).join(Circle).where(CircleMember.user_id == user.id)
            )
        ],
        "visitors": [_row(v) for v in session.scalars(select(Visit).where(Visit.owner_id == user.id))],
        "notifications": [
            _row(n) for n in session.scalars(select(Notification).where(Notification.user_id == user.id))
        ],
        **_album_sections(session, user, blocked),
        **_conversation_sections(session, user, post_ids, blocked),
        "notification_settings": notice_settings.choices(session, user),
    }


def _conversation_sections(
    session: Session, user: User, post_ids: list[int], blocked: frozenset[int]
) -> dict[str, Any]:
    """转发 links of the member's posts, their 私信 (both sides, leaving out blocked members' words as the
    board does), 特别关心, 关注 and contact settings."""
    mine = or_(Conversation.low_user_id == user.id, Conversation.high_user_id == user.id)
    convs = list(session.scalars(select(Conversation).where(mine)))
    messages = session.scalars(
        select(Message).where(Message.conversation_id.in_([c.id for c in convs])).order_by(Message.id)
    )
    settings = session.get(ContactSettings, user.id)
    return {
        "reposts": [_row(r) for r in session.scalars(select(Repost).where(Repost.post_id.in_(post_ids)))],
        "conversations": [_row(c) for c in convs],
        "messages": [_row(m) for m in messages if m.sender_id == user.id or m.sender_id not in blocked],
        "special_care": [_row(x) for x in session.scalars(select(SpecialCare).where(SpecialCare.user_id == user.id))],
        "following": [_row(x) for x in session.scalars(select(Follow).where(Follow.follower_id == user.id))],
        "contact_settings": _row(settings) if settings else None,
    }


def _album_sections(session: Session, user: User, blocked: frozenset[int]) -> dict[str, Any]:
    """The member's albums (the question's answer stays out: only its hash is stored), their photos
    (the files are among `media`), the question albums of others they opened, the comments and likes
    they gave photos, and the comments on their own photos (leaving out blocked members', as the board does)."""
    albums = list(session.scalars(select(Album).where(Album.owner_id == user.id)))
    photos = list(session.scalars(select(AlbumPhoto).where(AlbumPhoto.album_id.in_([a.id for a in albums]))))
    unlocks = session.scalars(select(AlbumUnlock).where(AlbumUnlock.user_id == user.id))
    on_mine = session.scalars(select(PhotoComment).where(PhotoComment.photo_id.in_([p.id for p in photos])))
    return {
        "albums": [_row(a, skip=("answer_hash",)) for a in albums],
        "album_photos": [_row(p) for p in photos],
        "album_unlocks": [_row(u) for u in unlocks],
        "photo_comments": [
            _row(c) for c in session.scalars(select(PhotoComment).where(PhotoComment.author_id == user.id))
        ],
        "photo_comments_received": [_row(c) for c in on_mine if c.author_id not in blocked],
        "photo_likes": [_row(x) for x in session.scalars(select(PhotoLike).where(PhotoLike.user_id == user.id))],
    }


def _groups(session: Session, user: User, post_ids: list[int]) -> dict[str, Any]:
    """The member's friend groups (members by username) and whom each of their posts, albums and their
    留言板 name."""
    album_ids = list(session.scalars(select(Album.id).where(Album.owner_id == user.id)))
    by_name = select(User.id, User.username)
    named = union(
        by_name.join(FriendGroupMember, FriendGroupMember.user_id == User.id)
        .join(FriendGroup, FriendGroup.id == FriendGroupMember.group_id)
        .where(FriendGroup.owner_id == user.id),
        by_name.join(PostAudienceMember, PostAudienceMember.user_id == User.id).where(
            PostAudienceMember.post_id.in_(post_ids)
        ),
        by_name.join(AlbumAudienceMember, AlbumAudienceMember.user_id == User.id).where(
            AlbumAudienceMember.album_id.in_(album_ids)
        ),
        by_name.join(BoardAudienceMember, BoardAudienceMember.user_id == User.id).where(
            BoardAudienceMember.owner_id == user.id
        ),
    )
    names: dict[int, str] = {uid: name for uid, name in session.execute(named)}
    groups = list(session.scalars(select(FriendGroup).where(FriendGroup.owner_id == user.id).order_by(FriendGroup.id)))
    members = session.execute(
        select(FriendGroupMember.group_id, FriendGroupMember.user_id).where(
            FriendGroupMember.group_id.in_([g.id for g in groups])
        )
    ).all()
    audience_groups = session.scalars(select(PostAudienceGroup).where(PostAudienceGroup.post_id.in_(post_ids)))
    audience_members = session.scalars(select(PostAudienceMember).where(PostAudienceMember.post_id.in_(post_ids)))
    return {
        "friend_groups": [
            {"id": g.id, "name": g.name, "members": sorted(names[u] for gid, u in members if gid == g.id)}
            for g in groups
        ],
        "post_audiences": [{"post_id": a.post_id, "group_id": a.group_id} for a in audience_groups]
        + [{"post_id": a.post_id, "username": names[a.user_id]} for a in audience_members],
        "album_audiences": [
            {"album_id": a.album_id, "group_id": a.group_id}
            for a in session.scalars(select(AlbumAudienceGroup).where(AlbumAudienceGroup.album_id.in_(album_ids)))
        ]
        + [
            {"album_id": a.album_id, "username": names[a.user_id]}
            for a in session.scalars(select(AlbumAudienceMember).where(AlbumAudienceMember.album_id.in_(album_ids)))
        ],
        "board_audience": [
            {"group_id": g}
            for g in session.scalars(select(BoardAudienceGroup.group_id).where(BoardAudienceGroup.owner_id == user.id))
        ]
        + [
            {"username": names[u]}
            for u in session.scalars(select(BoardAudienceMember.user_id).where(BoardAudienceMember.owner_id == user.id))
        ],
    }


def _zip_on_disk(sections: dict[str, Any], media: list[Media], songs: list[SpaceTrack]) -> tuple[IO[bytes], int]:
    """Write the zip to an unnamed temporary file in the data folder (on disk, unlike a tmpfs /tmp)."""
    folder = get_settings().data_dir / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    out = tempfile.TemporaryFile(dir=folder, suffix=".zip")  # noqa: SIM115 (handed to the response, which closes it)
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, content in sections.items():
                zf.writestr(f"{name}.json", json.dumps(content, ensure_ascii=False, indent=1))
            for m in media:
                path = media_path(m, "full")
                if path.exists():
                    zf.write(path, f"media/{m.id}.jpg")  # copied in chunks, never read whole
            for song in songs:
                path = get_settings().media_dir / song_member(song.storage_key).removeprefix("media/")
                if path.exists():
                    zf.write(path, f"music/{song.id}.mp3")
        size = out.tell()
        out.seek(0)
    except BaseException:
        out.close()
        raise
    return out, size
