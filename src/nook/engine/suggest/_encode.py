"""Sentence embeddings for retrieval, from the same USE-multilingual model (and the same lazily
loaded, once-per-process instance) that comment quality uses. A post is embedded only when retrieval
may be used for it (a general, everyday post): 2 ms plus ~0.04 ms a character on one core.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from nook.engine._sentences import encoder

__all__ = ["embed"]


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """L2-normalised embeddings of `texts`, one row each, in one batch (much cheaper than one by one)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(encoder().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = vecs / np.maximum(norms, 1e-9)
    return out
