"""A site archive's table of contents, and the rules for the paths inside it.

The manifest names every member of the zip with its SHA-256, and every table with its row count, so a
restore can tell a complete, untouched archive from a truncated, edited or hostile one before it
writes anything.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from nook.config import get_settings
from nook.errors import Invalid
from nook.phrases import N_
from nook.social.content.media import VARIANTS, media_path
from nook.store.models import Media

FORMAT = "nook-site-export/2"
MANIFEST = "manifest.json"
#: Written by exports before the manifest existed; named only to give such an archive a clear refusal.
OLD_FORMAT_FILE = "FORMAT"
CHUNK = 1 << 16


@dataclass(frozen=True)
class TableEntry:
    rows: int
    sha256: str


@dataclass
class Manifest:
    exported_at: str
    tables: dict[str, TableEntry] = field(default_factory=dict)
    #: archive member name → SHA-256 of its bytes
    media: dict[str, str] = field(default_factory=dict)
    #: files a `media` row names that were already gone from the site's disk when it was exported
    missing_media: list[str] = field(default_factory=list)
    format: str = FORMAT

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": self.format,
                "exported_at": self.exported_at,
                "tables": {name: {"rows": t.rows, "sha256": t.sha256} for name, t in self.tables.items()},
                "media": self.media,
                "missing_media": self.missing_media,
            },
            ensure_ascii=False,
            indent=1,
        )


def read_manifest(zf: zipfile.ZipFile) -> Manifest:
    """The archive's manifest, or Invalid saying why there is no usable one."""
    names = set(zf.namelist())
    if MANIFEST not in names:
        if OLD_FORMAT_FILE in names:
            raise Invalid(N_("这是旧版本的导出文件，没有校验清单，无法安全恢复；请用新版本重新导出"))
        raise Invalid(N_("不是 Nook 的站点导出文件"))
    try:
        raw = json.loads(zf.read(MANIFEST))
        manifest = _parse(raw)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise Invalid(N_("导出文件的清单 manifest.json 无法读取")) from exc
    if manifest.format != FORMAT:
        found = manifest.format
        raise Invalid(N_("导出文件的格式是 %(found)s，本站只能恢复 %(expected)s"), found=found, expected=FORMAT)
    return manifest


def _parse(raw: Any) -> Manifest:
    tables = {str(name): TableEntry(_int(t["rows"]), _hex(t["sha256"])) for name, t in raw["tables"].items()}
    media = {str(name): _hex(digest) for name, digest in raw["media"].items()}
    missing = [str(name) for name in raw["missing_media"]]
    return Manifest(str(raw["exported_at"]), tables, media, missing, str(raw["format"]))


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(value)
    return value


def _hex(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 64 or any(ch not in "0123456789abcdef" for ch in value):
        raise ValueError(value)
    return value


def table_member(table: str) -> str:
    return f"tables/{table}.jsonl"


def song_member(storage_key: str) -> str:
    """The archive name of one 背景音乐 song, laid out as on the site's disk."""
    return f"media/audio/{storage_key[:2]}/{storage_key}.mp3"


def media_members(storage_key: str) -> list[str]:
    """The archive names of one photo's files (every variant), laid out as on the site's disk."""
    root = get_settings().media_dir
    return [
        f"media/{media_path(Media(storage_key=storage_key), variant).relative_to(root).as_posix()}"
        for variant in VARIANTS
    ]


def media_destination(media_root: Path, name: str) -> Path:
    """Where a `media/…` member is written: inside `media_root` or nowhere (zip slip).

    Refuses `..`, `.` and empty parts, absolute paths, backslashes, drive letters and control
    characters, then resolves the result (following any symlink already on disk) and requires it to
    stay under the resolved media folder.
    """
    relative = name.removeprefix("media/")
    parts = relative.split("/")
    unsafe = (
        not name.startswith("media/")
        or any(part in ("", ".", "..") for part in parts)
        or any(ch in relative for ch in "\\:")
        or any(ord(ch) < 32 for ch in relative)
    )
    root = media_root.resolve()
    destination = (root / relative).resolve()
    if unsafe or not destination.is_relative_to(root) or destination == root:
        raise Invalid(N_("导出文件里有不安全的路径：%(name)s"), name=name)
    return destination


def check_entry(info: zipfile.ZipInfo) -> None:
    """Refuse an entry that is a link or a folder, or whose name could land outside the archive's own layout."""
    name = info.filename
    pure = PurePosixPath(name)
    mode = info.external_attr >> 16
    if (
        pure.is_absolute()
        or ".." in pure.parts
        or any(ch in name for ch in "\\:")
        or stat.S_ISLNK(mode)
        or info.is_dir()
    ):
        raise Invalid(N_("导出文件里有不安全的路径：%(name)s"), name=name)


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
