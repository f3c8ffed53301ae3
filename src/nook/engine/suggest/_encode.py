"""Sentence embeddings for ranking suggestions, from the same USE-multilingual model (and the same
lazily loaded, once-per-process instance) that comment quality uses.

A post is embedded once per request (~5 ms on one core). Templates are embedded once per process
with their slots read as "这个", so ranking costs no encoder time per candidate: embedding every
filled-in candidate would cost ~3 ms each and break the 30 ms budget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from nook.engine._sentences import encoder

__all__ = ["embed", "template_vectors"]

_SLOT = re.compile(r"\{[a-z]+\}")
_template_cache: dict[str, npt.NDArray[np.float32]] = {}


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """L2-normalised embeddings of `texts`, one row each, in one batch (much cheaper than one by one)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(encoder().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = vecs / np.maximum(norms, 1e-9)
    return out


def template_vectors(templates: Sequence[str]) -> list[npt.NDArray[np.float32]]:
    """Embeddings of templates with every slot read as "这个"; each template is embedded once per process."""
    missing = list(dict.fromkeys(t for t in templates if t not in _template_cache))
    if missing:
        for template, vec in zip(missing, embed([_SLOT.sub("这个", t) for t in missing]), strict=True):
            _template_cache[template] = vec
    return [_template_cache[t] for t in templates]
