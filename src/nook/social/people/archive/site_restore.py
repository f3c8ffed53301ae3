"""`nook restore`: check a site archive from end to end, then load it; a bad archive changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ForeignKeyConstraint, Table, delete, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nook.errors import Conflict, Invalid
from nook.phrases import N_
from nook.social.people.archive.manifest import (
    CHUNK,
    MANIFEST,
    Manifest,
    check_entry,
    media_destination,
    media_members,
    read_manifest,
    sha256_of,
    song_member,
    table_member,
)
from nook.social.people.archive.snapshot import site_tables, typed
from nook.store.models import Media, SpaceTrack, User

ROWS_PER_INSERT = 1000
Key = tuple[Any, ...]


def restore_site(session: Session, source: Path, media_dir: Path, *, force: bool = False) -> dict[str, int]:
    """Load a site archive into an empty database (or, with `force`, replace what is there).

    Everything is checked first (`check_archive`); only then are rows deleted and inserted, in the
    caller's transaction, and photos written, each inside `media_dir`.
    """
    try:
        with zipfile.ZipFile(source) as zf:
            manifest = check_archive(zf, media_dir)
            if session.scalar(select(User.id).limit(1)) is not None and not force:
                raise Conflict(N_("数据库不是空的；确认要覆盖请加 --force"))
            for table in reversed(site_tables()):
                session.execute(delete(table))
            counts = {table.name: _load_table(session, zf, table, manifest) for table in site_tables()}
            _reset_sequences(session)
            for name in manifest.media:
                _write_file(zf, name, media_destination(media_dir, name))
    except zipfile.BadZipFile as exc:
        raise Invalid(N_("不是 Nook 的站点导出文件")) from exc
    except IntegrityError as exc:
        raise Invalid(N_("导出文件里的数据违反了数据库的约束，什么都没有改动")) from exc
    return counts


# --- checking -----------------------------------------------------------------------------------


@dataclass
class _Keys:
    """What the foreign keys need: the values each referenced column set holds, and each reference."""

    held: dict[tuple[str, tuple[str, ...]], set[Key]] = field(default_factory=dict)
    refs: dict[tuple[str, ForeignKeyConstraint], set[Key]] = field(default_factory=dict)


def check_archive(zf: zipfile.ZipFile, media_dir: Path) -> Manifest:
    """The archive's manifest once every member, row count, checksum, path and reference checks out."""
    manifest = read_manifest(zf)
    _check_entries(zf, manifest, media_dir)
    tables = {table.name: table for table in site_tables()}
    if set(manifest.tables) != set(tables):
        differ = sorted(set(manifest.tables) ^ set(tables))
        raise Invalid(N_("导出文件的表与本站的不同：%(tables)s"), tables=", ".join(differ))
    for name, digest in manifest.media.items():
        with zf.open(name) as member:
            if sha256_of(member) != digest:
                raise Invalid(N_("导出文件里的 %(name)s 校验和不符，文件被改动或损坏了"), name=name)
    keys = _Keys()
    targets = _referenced_columns(list(tables.values()))
    storage_keys: set[str] = set()
    for table in tables.values():
        rows = 0
        for row in _rows(zf, table, manifest.tables[table.name].sha256):
            rows += 1
            _collect(keys, table, row, targets.get(table.name, []))
            if table.name == Media.__tablename__:
                storage_keys.update(media_members(str(row["storage_key"])))
            if table.name == SpaceTrack.__tablename__:
                storage_keys.add(song_member(str(row["storage_key"])))
        if rows != manifest.tables[table.name].rows:
            raise Invalid(
                N_("导出文件里表 %(table)s 有 %(found)s 行，清单写的是 %(expected)s 行"),
                table=table.name,
                found=rows,
                expected=manifest.tables[table.name].rows,
            )
    _check_references(keys)
    _check_media_rows(manifest, storage_keys)
    return manifest


def _check_entries(zf: zipfile.ZipFile, manifest: Manifest, media_dir: Path) -> None:
    """Every entry safe, listed once, and every listed member present: before any of them is read."""
    infos = zf.infolist()
    for info in infos:
        check_entry(info)
        if info.filename.startswith("media/"):
            media_destination(media_dir, info.filename)
    for name in manifest.media:
        media_destination(media_dir, name)
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise Invalid(N_("导出文件里有重复的文件：%(name)s"), name=twice[0])
    listed = {MANIFEST, *manifest.media, *(table_member(name) for name in manifest.tables)}
    for name in names:
        if name not in listed:
            raise Invalid(N_("导出文件里有清单之外的文件：%(name)s"), name=name)
    for name in sorted(listed - set(names)):
        raise Invalid(N_("导出文件里缺少 %(name)s"), name=name)


def _rows(zf: zipfile.ZipFile, table: Table, sha256: str) -> Iterator[dict[str, Any]]:
    """The table's rows as typed dicts; the member's checksum is checked once it has been read through."""
    name, columns, digest = table_member(table.name), {c.key for c in table.columns}, hashlib.sha256()
    with zf.open(name) as member:
        for number, line in enumerate(member, start=1):
            digest.update(line)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or set(row) != columns:
                    raise ValueError(name)
                yield typed(table, row)
            except ValueError as exc:
                raise Invalid(
                    N_("导出文件里表 %(table)s 的第 %(line)s 行无法读取"), table=table.name, line=number
                ) from exc
    if digest.hexdigest() != sha256:
        raise Invalid(N_("导出文件里的 %(name)s 校验和不符，文件被改动或损坏了"), name=name)


def _referenced_columns(tables: list[Table]) -> dict[str, list[tuple[str, ...]]]:
    wanted: dict[str, set[tuple[str, ...]]] = {}
    for table in tables:
        for fk in table.foreign_key_constraints:
            wanted.setdefault(fk.referred_table.name, set()).add(tuple(e.column.key for e in fk.elements))
    return {name: sorted(cols) for name, cols in wanted.items()}


def _collect(keys: _Keys, table: Table, row: dict[str, Any], targets: list[tuple[str, ...]]) -> None:
    for cols in targets:
        keys.held.setdefault((table.name, cols), set()).add(tuple(row[c] for c in cols))
    for fk in table.foreign_key_constraints:
        value = tuple(row[c.key] for c in fk.columns)
        if all(v is not None for v in value):  # a NULL reference points at nothing, and needs nothing
            keys.refs.setdefault((table.name, fk), set()).add(value)


def _check_references(keys: _Keys) -> None:
    for (table, fk), values in keys.refs.items():
        target = (fk.referred_table.name, tuple(e.column.key for e in fk.elements))
        dangling = values - keys.held.get(target, set())
        if dangling:
            column = ", ".join(c.key for c in fk.columns)
            raise Invalid(
                N_("导出文件里表 %(table)s 的 %(column)s 有 %(count)s 处指向不存在的 %(target)s（如 %(value)s）"),
                table=table,
                column=column,
                target=fk.referred_table.name,
                value=", ".join(str(v) for v in sorted(dangling, key=str)[0]),
                count=len(dangling),
            )


def _check_media_rows(manifest: Manifest, names: set[str]) -> None:
    """Each photo or song row's files are in the archive (or were already gone when it was exported)."""
    present = set(manifest.media) | set(manifest.missing_media)
    for name in sorted(names):
        if name not in present:
            raise Invalid(N_("导出文件里缺少 %(name)s"), name=name)


# --- loading ------------------------------------------------------------------------------------


def _load_table(session: Session, zf: zipfile.ZipFile, table: Table, manifest: Manifest) -> int:
    batch: list[dict[str, Any]] = []
    count = 0
    for row in _rows(zf, table, manifest.tables[table.name].sha256):
        batch.append(row)
        if len(batch) == ROWS_PER_INSERT:
            session.execute(insert(table), batch)
            count, batch = count + len(batch), []
    if batch:
        session.execute(insert(table), batch)
    return count + len(batch)


def _write_file(zf: zipfile.ZipFile, name: str, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    with zf.open(name) as src, partial.open("wb") as out:
        while chunk := src.read(CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(destination)


def _reset_sequences(session: Session) -> None:
    # PostgreSQL serials do not move when rows arrive with explicit ids.
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in site_tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement and pk[0].type.python_type is int:
            # Names come from our own table metadata, never from input.
            name, col = table.name, pk[0].name
            sql = f"SELECT setval(pg_get_serial_sequence('{name}', '{col}'), COALESCE((SELECT MAX({col}) FROM {name}), 0) + 1, false)"  # noqa: E501, S608
            session.execute(text(sql))
