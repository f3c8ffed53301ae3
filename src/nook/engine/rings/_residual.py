"""Greedy peeling on null-model residuals: the block whose likes most exceed what organic
behaviour (Chung-Lu, see null.py) predicts, per member.

Inside a set S of users U and columns C the objective is

    g(S) = (likes inside S - D_U * D_C / E) / |S|

(D_U, D_C: full-graph degree sums of U and C; E: the site's like count): observed minus expected
likes per member, the surprise FRAUDAR's density lacks. Heavy users liking popular posts, the
densest organic corner, sit at or below their expectation, so they score ~0 instead of topping the
peel; a farm keeps ~rho * k / 2 however many popular posts its accounts also like. A member's
residual degree is its likes inside S minus its expected likes into the other side of S; each pass
drops the lowest `step` fraction of members, so a peel takes O(log N / step) passes over a
shrinking edge list, and the best set seen is the block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nook.engine.rings.table import IntArray

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Block:
    rows: IntArray  # row ids of the block
    cols: IntArray  # column ids of the block
    residual: float  # (likes - expected) / (rows + cols)


def residual_block(
    row: IntArray,
    col: IntArray,
    row_degree: FloatArray,
    col_degree: FloatArray,
    total: float,
    *,
    step: float,
    discount: float,
) -> Block:
    """Peel `row -> col` edges (ids index `row_degree` / `col_degree`, the full-graph degrees).

    Members leave in order of likes inside the set minus `discount` x their expected likes there.
    At the full graph every member sits at its expectation, so the order needs a tie-break:
    `discount` = 1 is the pure residual (organic hubs leave first, by their noise; each pass also
    drops every member below g, which can only raise g), `discount` < 1 leaves low-degree members
    first (FRAUDAR's order), which keeps a farm whose accounts spread camouflage over many
    unpopular posts. detect.py alternates the two orders across peels.
    """
    n_rows, n_cols = row_degree.size, col_degree.size
    gone_row = np.full(n_rows, -1, dtype=np.int64)
    gone_col = np.full(n_cols, -1, dtype=np.int64)
    alive_row = np.bincount(row, minlength=n_rows) > 0
    alive_col = np.bincount(col, minlength=n_cols) > 0
    gone_row[alive_row], gone_col[alive_col] = np.iinfo(np.int64).max, np.iinfo(np.int64).max
    r, c = row, col
    best, best_pass, n_pass = 0.0, -1, 0
    while r.size:
        in_r = np.bincount(r, minlength=n_rows)
        in_c = np.bincount(c, minlength=n_cols)
        gone_row[alive_row & (in_r == 0)] = n_pass  # lost its last edge in the previous pass
        gone_col[alive_col & (in_c == 0)] = n_pass
        alive_row &= in_r > 0
        alive_col &= in_c > 0
        d_u, d_c = float(row_degree[alive_row].sum()), float(col_degree[alive_col].sum())
        g = (r.size - d_u * d_c / total) / int(alive_row.sum() + alive_col.sum())
        if g > best:
            best, best_pass = g, n_pass
        ord_r = in_r - discount * row_degree * (d_c / total)
        ord_c = in_c - discount * col_degree * (d_u / total)
        cut = _quantile(np.concatenate([ord_r[alive_row], ord_c[alive_col]]), step)
        if discount == 1.0:
            cut = max(cut, g)
        drop_r, drop_c = alive_row & (ord_r <= cut), alive_col & (ord_c <= cut)
        n_pass += 1
        gone_row[drop_r], gone_col[drop_c] = n_pass, n_pass
        alive_row &= ~drop_r
        alive_col &= ~drop_c
        keep = alive_row[r] & alive_col[c]
        r, c = r[keep], c[keep]
    gone_row[alive_row & (gone_row > n_pass)] = n_pass  # alive but edgeless when the edges ran out
    gone_col[alive_col & (gone_col > n_pass)] = n_pass
    return Block(np.flatnonzero(gone_row > best_pass), np.flatnonzero(gone_col > best_pass), best)


def _quantile(values: FloatArray, q: float) -> float:
    k = min(int(values.size * q), values.size - 1)
    return float(np.partition(values, k)[k])
