"""Bipartite graphs the peeler works on: users x posts, and users x (post, time bucket)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from nook.engine.rings.table import IntArray, LikeTable


@dataclass(frozen=True)
class Bipartite:
    """Edges `row[i] -> col[i]` (one per like); `like_index[i]` points back into the LikeTable.

    `col_post` maps a column to its post; `row_degree`/`col_degree` are degrees in the full graph
    (before any pruning) and feed the null model.
    """

    row: IntArray
    col: IntArray
    like_index: IntArray
    col_post: IntArray
    row_degree: IntArray
    col_degree: IntArray
    bucket_s: int  # 0 for the whole-period graph


def users_by_posts(likes: LikeTable) -> Bipartite:
    col = likes.post
    return _bipartite(likes, col, np.arange(likes.n_posts, dtype=np.int64), 0)


def users_by_post_buckets(likes: LikeTable, bucket_s: int, offset_s: int) -> Bipartite:
    """Columns are (post, time bucket) pairs, coded by hashing so no sort is needed."""
    bucket = (likes.ts + offset_s) // bucket_s
    key = likes.post * (int(bucket.max() - bucket.min()) + 1) + (bucket - bucket.min())
    encoded = pa.array(key).dictionary_encode()
    col = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    some_like = np.zeros(int(col.max()) + 1 if col.size else 0, dtype=np.int64)
    some_like[col] = np.arange(col.size)  # every like of a column has the same post
    return _bipartite(likes, col, likes.post[some_like], bucket_s)


def _bipartite(likes: LikeTable, col: IntArray, col_post: IntArray, bucket_s: int) -> Bipartite:
    row_degree = np.bincount(likes.user, minlength=likes.n_users).astype(np.int64)
    col_degree = np.bincount(col, minlength=col_post.size).astype(np.int64)
    idx = np.arange(likes.n_likes, dtype=np.int64)
    return Bipartite(likes.user, col, idx, col_post, row_degree, col_degree, bucket_s)


def prune_to_core(row: IntArray, col: IntArray, min_row: int, min_col: int, rounds: int = 2) -> npt.NDArray[np.bool_]:
    """Edges near the (min_row, min_col)-core: a user with one like or a column one user liked cannot
    be part of a co-participation group, so they are dropped before peeling."""
    keep = np.ones(row.size, dtype=bool)
    n_rows = int(row.max()) + 1 if row.size else 0
    n_cols = int(col.max()) + 1 if col.size else 0
    for _ in range(rounds):  # a few rounds get most of the core; the peel removes the rest anyway
        row_ok = np.bincount(row, weights=keep, minlength=n_rows) >= min_row
        col_ok = np.bincount(col, weights=keep, minlength=n_cols) >= min_col
        keep &= row_ok[row] & col_ok[col]
    return keep


def compact(ids: IntArray) -> tuple[IntArray, IntArray]:
    """Renumber ids densely (0..k-1); returns (new ids, original id of each new id)."""
    if ids.size == 0:
        return ids, ids
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    original = np.flatnonzero(present)
    new_of = np.cumsum(present) - 1
    return new_of[ids], original
