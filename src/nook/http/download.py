"""Hand a file built on disk to the client in chunks, so a large download never sits in memory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from starlette.responses import StreamingResponse

from nook.social.people.archive.member_export import MemberArchive

CHUNK = 1 << 16


def zip_download(archive: MemberArchive) -> StreamingResponse:
    """Stream the archive's file and close it (which deletes it) once sent, or once the client goes."""
    return StreamingResponse(
        _chunks(archive.file),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{archive.filename}"',
            "Content-Length": str(archive.size),
        },
    )


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    with file:
        while chunk := file.read(CHUNK):
            yield chunk
