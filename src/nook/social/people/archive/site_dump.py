"""`nook export`: every table and every photo of the site, read at one moment, into one zip."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, select

from nook.social.people.archive.manifest import (
    CHUNK,
    MANIFEST,
    Manifest,
    TableEntry,
    media_members,
    song_member,
    table_member,
)
from nook.social.people.archive.snapshot import jsonable, site_tables
from nook.store.db import snapshot
from nook.store.models import Media, SpaceTrack

ROWS_PER_FETCH = 1000


def export_site(target: Path, media_dir: Path, engine: Engine | None = None) -> Manifest:
    """Write the site to `target`; a failed export leaves no file behind (nothing half-written to restore)."""
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            manifest = Manifest(exported_at=datetime.now(UTC).isoformat())
            with snapshot(engine) as conn:
                for table in site_tables():
                    manifest.tables[table.name] = _dump_table(conn, zf, table)
                keys = list(conn.execute(select(Media.storage_key).order_by(Media.id)).scalars())
                songs = list(conn.execute(select(SpaceTrack.storage_key).order_by(SpaceTrack.id)).scalars())
            # Photo and song files never change once their row exists (they are written before it commits), so
            # they need not be read inside the snapshot, which would hold back SQLite's WAL meanwhile.
            _dump_media(zf, media_dir, [name for key in keys for name in media_members(key)], manifest)
            _dump_media(zf, media_dir, [song_member(key) for key in songs], manifest)
            zf.writestr(MANIFEST, manifest.to_json())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _dump_table(conn: Connection, zf: zipfile.ZipFile, table: Table) -> TableEntry:
    """One JSON object a line, in primary-key order (a reply after the comment it answers)."""
    digest, rows = hashlib.sha256(), 0
    query = select(table).order_by(*table.primary_key.columns)
    with zf.open(table_member(table.name), "w", force_zip64=True) as out:  # a table may pass 2 GiB
        for row in conn.execution_options(yield_per=ROWS_PER_FETCH).execute(query).mappings():
            line = (json.dumps({k: jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n").encode()
            digest.update(line)
            out.write(line)
            rows += 1
    return TableEntry(rows, digest.hexdigest())


def _dump_media(zf: zipfile.ZipFile, media_dir: Path, names: list[str], manifest: Manifest) -> None:
    for name in names:
        source = media_dir / name.removeprefix("media/")
        if not source.is_file():
            manifest.missing_media.append(name)
            continue
        manifest.media[name] = _copy_in(zf, source, name)


def _copy_in(zf: zipfile.ZipFile, source: Path, name: str) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as src, zf.open(name, "w") as out:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()
