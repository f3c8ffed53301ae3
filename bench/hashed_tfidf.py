"""Hashed n-gram features as sparse matrices: counts over a fixed vocabulary of hashes, then sublinear TF-IDF.

Shared by the emotion experiments (emotion_tuning, emotion_v3); the shipped trainer is
`nook.engine.emotion_training`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse


def count_matrix(vocab: np.ndarray, flat: list[np.ndarray]) -> Any:
    """One row per post: how often each hash of the sorted `vocab` occurs in it (hashes outside it dropped)."""
    indptr, cols = [0], []
    for h in flat:
        pos = np.searchsorted(vocab, h).clip(0, len(vocab) - 1)
        cols.append(pos[vocab[pos] == h])
        indptr.append(indptr[-1] + len(cols[-1]))
    c = np.concatenate(cols)
    m = sparse.csr_matrix((np.ones(len(c)), c, indptr), shape=(len(flat), len(vocab)))
    m.sum_duplicates()
    return m


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
