"""Photo uploads, prepared before the write transaction that records them.

Decoding and re-encoding a large photo takes seconds and SQLite has one write lock: the files are made
and fsynced first (with only a read session, to learn who is uploading), then the caller's short write
transaction records the rows. Call from a thread (a sync route, or `run_in_threadpool`), never from
the event loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from nook.http.unit import Credentials, unit
from nook.social.content import media
from nook.social.content.media import PreparedImage


@contextmanager
def prepared_uploads(creds: Credentials, blobs: list[bytes]) -> Iterator[list[PreparedImage]]:
    """`with prepared_uploads(creds, blobs) as images, unit(creds, write=True) as ctx: media.record_image(...)`;
    the files are removed again if that transaction fails."""
    if not blobs:
        yield []
        return
    with unit(creds) as ctx:
        owner_id = ctx.me.id
    with media.prepared_images(owner_id, blobs) as images:
        yield images
