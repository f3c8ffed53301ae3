"""Sentence embeddings for ranking suggestions, from the same USE-multilingual model (and the same
lazily loaded, once-per-process instance) that comment quality uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from nook.engine.comments._encoder import _use

__all__ = ["embed"]


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """L2-normalised embeddings of `texts`, one row each, in one batch (much cheaper than one by one)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(_use().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = vecs / np.maximum(norms, 1e-9)
    return out
