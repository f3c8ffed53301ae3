"""A malicious or damaged site archive (issue 16, items 2 and 10): `nook restore` refuses it whole.

Each archive below starts from a real export and is then edited the way a careless hand, a broken
disk or an attacker would; the restore runs with --force over a live site, must exit 1 with a
one-line reason, and must leave the site's tables, its photos and the rest of the disk as they were.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from typer.testing import CliRunner

from nook.cli.main import app
from nook.config import get_settings
from nook.store.base import Base
from nook.store.db import read_session

runner = CliRunner()
Entries = dict[str, bytes]


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def good(member, tmp_path: Path) -> Path:
    """A live site (a photo post, a comment, a like) and a sound export of it."""
    alice, bob = member("alice"), member("bob")
    media = alice.http.post("/media", files={"file": ("a.png", _png(), "image/png")}).json()
    post = alice.http.post("/posts", json={"body": "备份前的说说", "images": [{"media_id": media["id"]}]}).json()
    assert bob.http.post(f"/posts/{post['id']}/comments", json={"body": "这张照片拍得真好"}).status_code == 201
    assert bob.http.post(f"/posts/{post['id']}/like").status_code == 200
    target = tmp_path / "good.zip"
    result = runner.invoke(app, ["export", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _read(archive: Path) -> Entries:
    with zipfile.ZipFile(archive) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(path: Path, entries: Entries, links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name), data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def _reseal(entries: Entries) -> Entries:
    """What an attacker who knows the format does: make the manifest agree with the edited members."""
    manifest = json.loads(entries["manifest.json"])
    for name in list(manifest["tables"]):
        data = entries.get(f"tables/{name}.jsonl")
        if data is None:
            del manifest["tables"][name]
            continue
        lines = [line for line in data.splitlines() if line.strip()]
        manifest["tables"][name] = {"rows": len(lines), "sha256": hashlib.sha256(data).hexdigest()}
    manifest["media"] = {n: hashlib.sha256(d).hexdigest() for n, d in entries.items() if n.startswith("media/")}
    entries["manifest.json"] = json.dumps(manifest).encode()
    return entries


def _media_names(entries: Entries) -> list[str]:
    return sorted(n for n in entries if n.startswith("media/"))


def _drop_line(entries: Entries, table: str, keep: Callable[[dict[str, object]], bool]) -> None:
    lines = entries[f"tables/{table}.jsonl"].decode().splitlines()
    entries[f"tables/{table}.jsonl"] = "".join(line + "\n" for line in lines if keep(json.loads(line))).encode()


def _edit_comment(e: Entries) -> Entries:
    e["tables/comments.jsonl"] = e["tables/comments.jsonl"].replace("这张照片拍得真好".encode(), "改过的评论".encode())
    return e


def _flip_photo(e: Entries) -> Entries:
    name = _media_names(e)[0]
    e[name] = e[name][:-1] + bytes([e[name][-1] ^ 0xFF])
    return e


def _drop_photo(e: Entries) -> Entries:
    del e[_media_names(e)[0]]
    return e


def _drop_photo_and_its_listing(e: Entries) -> Entries:
    del e[_media_names(e)[0]]
    return _reseal(e)


def _dangling_comment(e: Entries) -> Entries:
    _drop_line(e, "posts", lambda row: False)  # the post goes; its comment, like and image stay
    return _reseal(e)


def _wrong_count(e: Entries) -> Entries:
    manifest = json.loads(e["manifest.json"])
    manifest["tables"]["users"]["rows"] += 1
    e["manifest.json"] = json.dumps(manifest).encode()
    return e


def _extra_file(e: Entries) -> Entries:
    e["notes.txt"] = b"hello"
    return e


def _missing_table(e: Entries) -> Entries:
    del e["tables/likes.jsonl"]
    return _reseal(e)


def _garbled_row(e: Entries) -> Entries:
    e["tables/users.jsonl"] += b"{not json\n"
    return _reseal(e)


def _renamed_column(e: Entries) -> Entries:
    e["tables/comments.jsonl"] = e["tables/comments.jsonl"].replace(b'"body"', b'"text"')
    return _reseal(e)


def _same_username_twice(e: Entries) -> Entries:
    """Every reference resolves, but a unique key breaks: found only by inserting (then rolled back)."""
    first = json.loads(e["tables/users.jsonl"].splitlines()[0])
    e["tables/users.jsonl"] += (json.dumps({**first, "id": 9999}) + "\n").encode()
    return _reseal(e)


def _old_format(e: Entries) -> Entries:
    return {"FORMAT": b"nook-site-export/1", **{n: d for n, d in e.items() if n != "manifest.json"}}


def _no_manifest(e: Entries) -> Entries:
    return {n: d for n, d in e.items() if n != "manifest.json"}


def _future_format(e: Entries) -> Entries:
    manifest = json.loads(e["manifest.json"])
    manifest["format"] = "nook-site-export/99"
    e["manifest.json"] = json.dumps(manifest).encode()
    return e


TAMPERED: dict[str, tuple[Callable[[Entries], Entries], str]] = {
    "edited table": (_edit_comment, "校验和不符"),
    "photo with a bad checksum": (_flip_photo, "校验和不符"),
    "missing photo": (_drop_photo, "缺少"),
    "missing photo, manifest edited to match": (_drop_photo_and_its_listing, "缺少"),
    "dangling foreign key": (_dangling_comment, "不存在的 posts"),
    "row count differs from the manifest": (_wrong_count, "清单写的是"),
    "file the manifest does not list": (_extra_file, "清单之外"),
    "missing table": (_missing_table, "表与本站的不同"),
    "unreadable row": (_garbled_row, "无法读取"),
    "unknown column": (_renamed_column, "无法读取"),
    "unique key broken": (_same_username_twice, "违反了数据库的约束"),
    "old archive without a manifest": (_old_format, "旧版本"),
    "no manifest": (_no_manifest, "不是 Nook"),
    "other format version": (_future_format, "nook-site-export/99"),
}


def _state() -> tuple[dict[str, int], dict[str, str]]:
    """The site as a restore could change it: every table's row count and every photo file's hash."""
    with read_session() as session:
        counts = {
            t.name: int(session.scalar(select(func.count()).select_from(t)) or 0) for t in Base.metadata.sorted_tables
        }
    root = get_settings().media_dir
    files = {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }
    return counts, files


def _refused(archive: Path, reason: str) -> None:
    before = _state()
    result = runner.invoke(app, ["restore", "--force", str(archive)])
    assert result.exit_code == 1, (result.output, result.exception)
    line = result.output.strip()
    assert line.startswith("error:") and "\n" not in line and reason in line, line
    assert " / " in line and line.isascii() is False  # the Chinese reason, then the English one
    assert _state() == before, "a refused archive changed the site"


@pytest.mark.parametrize("case", list(TAMPERED))
def test_a_damaged_or_edited_archive_is_refused_and_nothing_changes(good: Path, tmp_path: Path, case: str) -> None:
    edit, reason = TAMPERED[case]
    _refused(_write(tmp_path / "bad.zip", edit(_read(good))), reason)


def test_a_file_that_is_not_a_zip_is_refused(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 but not really a zip")
    _refused(bad, "不是 Nook")


def test_the_sound_archive_still_restores(good: Path) -> None:
    """The control: the edits above are what the restore refuses, not the archive they started from."""
    result = runner.invoke(app, ["restore", "--force", str(good)])
    assert result.exit_code == 0, result.output


# --- zip slip (issue 16, item 10) ---------------------------------------------------------------------------------


def _slip(tmp_path: Path) -> dict[str, str]:
    """Entry names that would land outside the media folder if joined naively; listed and checksummed."""
    outside = tmp_path / "outside"
    return {
        "parent": "media/../../escaped.jpg",
        "parent after a folder": "media/ab/../../../escaped.jpg",
        "absolute": str(outside / "absolute.jpg"),
        "absolute under media/": "media/" + str(outside / "absolute-in-media.jpg"),
        "drive letter": "media/C:/escaped.jpg",
        "backslashes": "media/..\\..\\escaped.jpg",
        "dot segment": "media/./ab/escaped.jpg",
    }


@pytest.mark.parametrize("case", list(_slip(Path("/x"))))
def test_zip_slip_entries_are_refused_before_anything_is_written(good: Path, tmp_path: Path, case: str) -> None:
    name = _slip(tmp_path)[case]
    media_dir = get_settings().media_dir
    entries = _read(good)
    entries[name] = b"\xff\xd8 not a photo, a payload"
    _refused(_write(tmp_path / "slip.zip", _reseal(entries)), "不安全的路径")
    escaped = [media_dir.parent.parent / "escaped.jpg", media_dir.parent / "escaped.jpg", tmp_path / "outside"]
    assert not any(p.exists() for p in escaped)


def test_a_symlink_entry_is_refused(good: Path, tmp_path: Path) -> None:
    entries = _reseal(_read(good))
    archive = _write(tmp_path / "link.zip", entries, links={"media/ab/link.jpg": "/etc/passwd"})
    _refused(archive, "不安全的路径")


def test_a_symlink_already_in_the_media_folder_is_not_followed(good: Path, tmp_path: Path) -> None:
    """A folder of the media tree that links elsewhere: writing 'inside' it would write outside."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    entries = _read(good)
    name = _media_names(entries)[0]  # media/<2 hex>/<key>.jpg
    folder = get_settings().media_dir / name.split("/")[1]
    for existing in folder.iterdir():
        existing.unlink()
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    try:
        _refused(_write(tmp_path / "sound.zip", entries), "不安全的路径")
        assert list(outside.iterdir()) == []
    finally:
        folder.unlink()
