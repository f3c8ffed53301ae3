"""Sentence embeddings for ranking suggestions, from the same USE-multilingual model (and the same
lazily loaded, once-per-process instance) that comment quality uses.

A post is embedded once per request (2 ms plus ~0.04 ms a character on one core). The whole template
bank is embedded in one batch on first use (~0.2 s, next to the encoder's own loading), with slots
read as "这个", so ranking costs no encoder time per candidate: embedding every filled-in candidate
would cost ~3 ms each, and embedding templates as requests first meet them put up to 20 ms into
those requests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from nook.engine._sentences import encoder
from nook.engine.suggest._bank import all_templates

__all__ = ["embed", "template_vectors"]

_SLOT = re.compile(r"\{[a-z]+\}")


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """L2-normalised embeddings of `texts`, one row each, in one batch (much cheaper than one by one)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(encoder().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = vecs / np.maximum(norms, 1e-9)
    return out


@lru_cache(maxsize=1)
def _bank_vectors() -> dict[str, npt.NDArray[np.float32]]:
    templates = all_templates()
    return dict(zip(templates, embed([_SLOT.sub("这个", t) for t in templates]), strict=True))


def template_vectors(templates: Sequence[str]) -> list[npt.NDArray[np.float32]]:
    """Embeddings of bank templates with every slot read as "这个" (the bank is embedded once per process)."""
    vectors = _bank_vectors()
    return [vectors[t] for t in templates]
