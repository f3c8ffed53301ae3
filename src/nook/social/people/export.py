"""A member's own archive (JSON + photos in a zip), and the whole site's dump and restore."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, Table, delete, insert, select
from sqlalchemy.orm import Session

from nook.errors import Conflict
from nook.phrases import N_
from nook.social.authz import load_viewer
from nook.social.content.media import media_path
from nook.store.base import Base, UTCDateTime
from nook.store.models import (
    BoardMessage,
    Circle,
    CircleMember,
    Comment,
    Friendship,
    Like,
    Media,
    Notification,
    Post,
    PostImage,
    User,
    Visit,
)

SITE_FORMAT = "nook-site-export/1"


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _row(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {c.key: _jsonable(getattr(obj, c.key)) for c in obj.__table__.columns if c.key not in skip}


def user_archive(session: Session, user: User) -> bytes:
    """Everything the member wrote or uploaded, and who their friends are; no one else's private data."""
    own_posts = list(session.scalars(select(Post).where(Post.author_id == user.id)))
    blocked = load_viewer(session, user).blocked_ids
    post_ids = [p.id for p in own_posts]
    sections: dict[str, Any] = {
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
    }
    media = list(session.scalars(select(Media).where(Media.owner_id == user.id)))
    sections["media"] = [_row(m) for m in media]
    return _zip(sections, media)


def _zip(sections: dict[str, Any], media: list[Media]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in sections.items():
            zf.writestr(f"{name}.json", json.dumps(content, ensure_ascii=False, indent=1))
        for m in media:
            path = media_path(m, "full")
            if path.exists():
                zf.write(path, f"media/{m.id}.jpg")
    return buf.getvalue()


# --- whole site (admin CLI) ---------------------------------------------------------------------


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def export_site(session: Session, target: Path, media_dir: Path) -> dict[str, int]:
    """Write every table (as JSON lines) and every media file into one zip; returns row counts."""
    counts: dict[str, int] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("FORMAT", SITE_FORMAT)
        for table in _tables():
            rows = session.execute(select(table)).mappings().all()
            counts[table.name] = len(rows)
            lines = "\n".join(json.dumps({k: _jsonable(v) for k, v in r.items()}, ensure_ascii=False) for r in rows)
            zf.writestr(f"tables/{table.name}.jsonl", lines)
        for path in sorted(media_dir.rglob("*.jpg")) if media_dir.exists() else []:
            zf.write(path, f"media/{path.relative_to(media_dir)}")
    return counts


def restore_site(session: Session, source: Path, media_dir: Path, *, force: bool = False) -> dict[str, int]:
    """Load a site export into an empty database (or, with `force`, replace what is there)."""
    with zipfile.ZipFile(source) as zf:
        if zf.read("FORMAT").decode() != SITE_FORMAT:
            raise Conflict(N_("不是 Nook 的站点导出文件"))
        if session.scalar(select(User.id).limit(1)) is not None and not force:
            raise Conflict(N_("数据库不是空的；确认要覆盖请加 --force"))
        for table in reversed(_tables()):
            session.execute(delete(table))
        counts = {table.name: _restore_table(session, zf, table) for table in _tables()}
        for name in zf.namelist():
            if name.startswith("media/") and not name.endswith("/"):
                dest = media_dir / name.removeprefix("media/")
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(zf.read(name))
    _reset_sequences(session)
    return counts


def _restore_table(session: Session, zf: zipfile.ZipFile, table: Table) -> int:
    raw = zf.read(f"tables/{table.name}.jsonl").decode()
    rows = [_typed(table, json.loads(line)) for line in raw.splitlines() if line.strip()]
    for start in range(0, len(rows), 1000):
        session.execute(insert(table), rows[start : start + 1000])
    return len(rows)


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """JSON gives dates back as strings; turn them into the column's type again."""
    out = dict(row)
    for col in table.columns:
        value = out.get(col.key)
        if isinstance(value, str):
            if isinstance(col.type, UTCDateTime):
                out[col.key] = datetime.fromisoformat(value)
            elif isinstance(col.type, Date):
                out[col.key] = date.fromisoformat(value)
    return out


def _reset_sequences(session: Session) -> None:
    # PostgreSQL serials do not move when rows arrive with explicit ids.
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement and pk[0].type.python_type is int:
            # Names come from our own table metadata, never from input.
            name, col = table.name, pk[0].name
            sql = f"SELECT setval(pg_get_serial_sequence('{name}', '{col}'), COALESCE((SELECT MAX({col}) FROM {name}), 0) + 1, false)"  # noqa: E501, S608
            session.execute(text(sql))


__all__ = ["export_site", "restore_site", "user_archive"]
