"""Python's cyclic garbage collector in a serving process.

An app process holds a few hundred thousand container objects from start-up (modules, the app and its
routes, SQLAlchemy's and Jinja's machinery) that live as long as it does. Requests in flight while a young
collection runs are promoted with their objects, so under load a full collection comes every few seconds
and walks all of those start-up objects each time, with the GIL held: every request of the process waits
(docs/benchmarks.md, "Seventh pass"). Freezing them after start-up takes them out of every later
collection; a larger young threshold promotes fewer in-flight objects.
"""

from __future__ import annotations

import gc

from nook.config import Settings


def settle(settings: Settings) -> None:
    """Apply `gc_young_threshold` and `gc_freeze` once the app is built, before it serves."""
    if settings.gc_young_threshold:
        _, middle, old = gc.get_threshold()
        gc.set_threshold(settings.gc_young_threshold, middle, old)
    if settings.gc_freeze:
        gc.collect()  # what start-up left as garbage is freed, not kept forever
        gc.freeze()
