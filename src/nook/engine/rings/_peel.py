"""FRAUDAR-style greedy peeling (Hooi et al., KDD 2016), vectorised by degree buckets.

The objective is g(S) = (sum of edge weights inside S) / |S| over users + columns, with each
edge weighted 1 / log(column degree + 5): a like on a popular post says little, so camouflage
likes on popular posts cannot hide a block. Exact FRAUDAR removes the single lowest-degree
node per step (heap, O(E log N)). Here each pass removes, at once, every node whose weighted
degree is below the current g (removing any such set can only raise g) or, when none is, every
node within (1 + eps) of the minimum degree: the bucketed relaxation of the same greedy order.
Each pass costs O(edges still alive) and the edge arrays shrink as nodes go. A coarse first peel
(Bahmani, Kumar & Vassilvitskii, VLDB 2012) narrows the graph to its dense region in
O(log N / eps) passes, so the fine peel only runs there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nook.engine.rings._graph import compact
from nook.engine.rings.table import IntArray

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Block:
    rows: IntArray  # compact row ids
    cols: IntArray  # compact col ids
    density: float  # weighted edges / (rows + cols)


def camouflage_weights(col_degree: IntArray) -> FloatArray:
    """FRAUDAR's column weighting 1 / log(d + 5)."""
    return 1.0 / np.log(col_degree.astype(np.float64) + 5.0)


def densest_block(row: IntArray, col: IntArray, weight: FloatArray, n_rows: int, n_cols: int, eps: float) -> Block:
    """Coarse peel (Bahmani et al.: drop every node below (1 + eps) x the average degree, O(log N / eps)
    passes) to find the dense region, then a fine peel inside it for a tight block."""
    coarse, gone_row, gone_col, best_pass = _peel(row, col, weight, n_rows, n_cols, _COARSE_EPS, coarse=True)
    # start the fine peel a few coarse passes early: a coarse pass can cut into the block's edge
    inside = (gone_row[row] > best_pass - _SLACK_PASSES) & (gone_col[col] > best_pass - _SLACK_PASSES)
    if inside.sum() > _FINE_MAX_EDGES:  # a region this large is organic bulk, not a farm: keep it coarse
        return coarse
    sub_row, row_ids = compact(row[inside])  # renumbered so each fine pass costs O(region)
    sub_col, col_ids = compact(col[inside])
    fine = _peel(sub_row, sub_col, weight[inside], row_ids.size, col_ids.size, eps, coarse=False)[0]
    if fine.density < coarse.density:
        return coarse
    return Block(row_ids[fine.rows], col_ids[fine.cols], fine.density)


def _peel(
    row: IntArray, col: IntArray, weight: FloatArray, n_rows: int, n_cols: int, eps: float, *, coarse: bool
) -> tuple[Block, IntArray, IntArray, int]:
    """One peel; also returns the pass each node went in and the pass of the best set."""
    gone_row = np.full(n_rows, np.iinfo(np.int64).max)
    gone_col = np.full(n_cols, np.iinfo(np.int64).max)
    alive_row = np.bincount(row, minlength=n_rows) > 0
    alive_col = np.bincount(col, minlength=n_cols) > 0
    gone_row[~alive_row], gone_col[~alive_col] = -1, -1
    r, c, w = row, col, weight
    n_alive = int(alive_row.sum() + alive_col.sum())
    best, best_pass, step = float(w.sum()) / max(n_alive, 1), 0, 0
    while n_alive > 0:
        deg_r = np.bincount(r, w, minlength=n_rows)
        deg_c = np.bincount(c, w, minlength=n_cols)
        g = float(w.sum()) / n_alive
        floor = min(_alive_min(deg_r, alive_row), _alive_min(deg_c, alive_col))
        # coarse: below (1 + eps) x average degree (2g); fine: below g (always safe) or near the minimum
        cut = 2.0 * g * (1.0 + eps) if coarse or step > _FINE_PASSES else max(g, floor * (1.0 + eps))
        drop_r, drop_c = alive_row & (deg_r <= cut), alive_col & (deg_c <= cut)
        step += 1
        gone_row[drop_r], gone_col[drop_c] = step, step
        alive_row &= ~drop_r
        alive_col &= ~drop_c
        n_alive -= int(drop_r.sum() + drop_c.sum())
        keep = alive_row[r] & alive_col[c]
        r, c, w = r[keep], c[keep], w[keep]
        if n_alive and float(w.sum()) / n_alive > best:
            best, best_pass = float(w.sum()) / n_alive, step
    block = Block(np.flatnonzero(gone_row > best_pass), np.flatnonzero(gone_col > best_pass), best)
    return block, gone_row, gone_col, best_pass


_COARSE_EPS = 0.3
_SLACK_PASSES = 3
_FINE_PASSES = 100
_FINE_MAX_EDGES = 200_000  # a fine peel that has not finished by then continues coarsely (bounded time)


def _alive_min(degree: npt.NDArray[np.floating] | npt.NDArray[np.integer], alive: npt.NDArray[np.bool_]) -> float:
    return float(degree[alive].min()) if alive.any() else np.inf
