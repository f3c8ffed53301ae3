"""Bipartite graphs the peeler works on: users x posts, and users x (post, time bucket).

Every graph has one edge per like, in the LikeTable's row order, so an edge id is a like's row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nook.engine.rings.table import IntArray, LikeTable, dense_codes, stable_order


@dataclass(frozen=True)
class Bipartite:
    """Edges `row[i] -> col[i]`, edge i being the LikeTable's like i.

    `col_post` maps a column to its post and `col_bucket` to its time bucket (0 for the whole
    period); `row_degree`/`col_degree` are degrees in the full graph (before any pruning) and feed
    the null model.
    """

    row: IntArray
    col: IntArray
    col_post: IntArray
    col_bucket: IntArray
    row_degree: IntArray
    col_degree: IntArray
    bucket_s: int  # 0 for the whole-period graph


@dataclass(frozen=True)
class EdgeIndex:
    """Edge ids grouped by a key (CSR): the edges of key k are `order[start[k]:start[k + 1]]`."""

    order: IntArray
    start: IntArray

    @classmethod
    def build(cls, keys: IntArray, n_keys: int) -> EdgeIndex:
        counts = np.bincount(keys, minlength=n_keys)
        return cls(stable_order(keys, n_keys), np.concatenate([[0], np.cumsum(counts)]))

    def edges(self, keys: IntArray) -> IntArray:
        """Ids of the edges of `keys`, grouped by key; O(those edges)."""
        first = self.start[keys]
        count = self.start[keys + 1] - first
        shift = np.repeat(first - (np.cumsum(count) - count), count)
        return self.order[shift + np.arange(int(count.sum()))]


def users_by_posts(likes: LikeTable, row_degree: IntArray) -> Bipartite:
    col_degree = np.bincount(likes.post, minlength=likes.n_posts)
    n = likes.n_posts
    return Bipartite(likes.user, likes.post, np.arange(n), np.zeros(n, dtype=np.int64), row_degree, col_degree, 0)


def users_by_post_buckets(likes: LikeTable, row_degree: IntArray, bucket_s: int, offset_s: int) -> Bipartite:
    """Columns are the (post, time bucket) pairs that have likes, numbered densely in (post, bucket) order."""
    bucket = (likes.ts + offset_s) // bucket_s
    low = int(bucket.min()) if bucket.size else 0
    span = int(bucket.max()) - low + 1 if bucket.size else 1
    key = likes.post * span + (bucket - low)
    if likes.n_posts * span <= 4 * max(likes.n_likes, 1):  # few buckets: count into a dense array
        present = np.zeros(likes.n_posts * span, dtype=bool)
        present[key] = True
        col = (np.cumsum(present) - 1)[key]
        distinct = np.flatnonzero(present)
    else:  # many (short buckets): sort the keys
        col, distinct = dense_codes(key, likes.n_posts * span)
    col_degree = np.bincount(col, minlength=distinct.size)
    return Bipartite(likes.user, col, distinct // span, distinct % span, row_degree, col_degree, bucket_s)


def prune_to_core(graph: Bipartite, min_row: int, min_col: int, rounds: int = 2) -> npt.NDArray[np.bool_]:
    """Edges near the (min_row, min_col)-core: a user with one like or a column one user liked cannot
    be part of a co-participation group, so they are dropped before peeling."""
    keep = (graph.row_degree >= min_row)[graph.row]
    keep &= (graph.col_degree >= min_col)[graph.col]
    for _ in range(rounds - 1):  # a few rounds get most of the core; the peel removes the rest anyway
        kept = np.flatnonzero(keep)
        row_ok = np.bincount(graph.row[kept], minlength=graph.row_degree.size) >= min_row
        col_ok = np.bincount(graph.col[kept], minlength=graph.col_degree.size) >= min_col
        keep &= row_ok[graph.row]
        keep &= col_ok[graph.col]
    return keep


def prune_to_bursts(graph: Bipartite, edges: IntArray) -> IntArray:
    """The `edges` whose user liked at least one other column of the same time bucket, and whose
    column keeps two such likes: a lone like in an hour cannot be part of a lockstep burst. Used
    only to steer the peel: on a 2-hour graph most organic likes are lone, and a post with many of
    them (its launch) otherwise looks like a block of one like per member, which can out-score a
    sparse farm under the per-member objective."""
    buckets = int(graph.col_bucket.max()) + 1 if graph.col_bucket.size else 1
    for _ in range(2):
        user_bucket = graph.row[edges] * buckets + graph.col_bucket[graph.col[edges]]
        codes, _distinct = dense_codes(user_bucket, graph.row_degree.size * buckets)
        edges = edges[np.bincount(codes)[codes] >= 2]
        cols = graph.col[edges]
        edges = edges[np.bincount(cols, minlength=graph.col_degree.size)[cols] >= 2]
    return edges


def compact(ids: IntArray, n_ids: int) -> tuple[IntArray, IntArray]:
    """Renumber ids (in 0..n_ids-1) densely (0..k-1); returns (new ids, original id of each new id)."""
    present = np.bincount(ids, minlength=n_ids) > 0
    return (np.cumsum(present) - 1)[ids], np.flatnonzero(present)
