"""Hashed n-gram features as sparse matrices: sublinear TF-IDF over the trainer's counts (`count_matrix`).

Shared by the emotion experiments (emotion_tuning, emotion_v3); the shipped trainer is
`nook.engine.emotion_training`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse

from nook.engine.emotion_training import count_matrix


def sublinear_tfidf(idf: np.ndarray, counts: Any) -> Any:
    """1 + log(count), times idf, each row scaled to unit length."""
    m = counts.astype(np.float64)
    m.data = 1.0 + np.log(m.data)
    m = (m @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(1)).ravel())
    return (sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ m).tocsr()


def features(vocab: np.ndarray, idf: np.ndarray, flat: list[np.ndarray]) -> Any:
    """The TF-IDF rows of posts given as their hashes."""
    return sublinear_tfidf(idf, count_matrix(vocab, flat))
