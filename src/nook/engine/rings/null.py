"""Null model: how many likes would a group get from the same site's organic behaviour?

Organic likes are modelled as a Chung-Lu (expected-degree configuration) random bipartite graph
with the site's own degrees: user u likes column c with probability d_u * d_c / E, where d_u is
the user's like count, d_c the column's (a post, or a post within one time bucket), and E the
site's like count. A group of users U and columns C then expects

    mu = (sum of d_u over U) * (sum of d_c over C) / E

likes inside it. This linear form over-estimates the saturating 1 - exp(-d_u d_c / E), so the
test errs toward not flagging. The count inside the group is a sum of independent Bernoullis,
so P(X >= x) <= exp(-(x ln(x / mu) - x + mu)) (Chernoff bound for Poisson-binomial sums);
we report -log10 of that bound. Heavy users liking popular posts, the densest organic corner
of any site, land at or below mu and are never significant.

The peeler picks the group that looks densest, so its p-value is corrected for that search: a
Bonferroni factor for every group of the same size, C(N_users, |U|) x C(N_columns, |C|), where N
counts the users (columns) with at least two likes (the only ones that can co-participate), and
for the number of peels. The group's score is -log10 of the corrected p-value. Each member must
also beat the null on its own (its likes inside the group against d * (other side's degree sum)
/ E), which trims accounts and posts the peel swept in but that do not belong; a (post, bucket)
column of a burst is also tested against its post's whole-period likes and against the group's likes
spread evenly over the site's posts (detect._refined), so camouflage is not listed among the targets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class NullTest:
    observed: int  # likes inside the group
    expected: float  # likes the null model predicts inside the group
    log10_p: float  # -log10 of an upper bound on P(X >= observed) under the null

    @property
    def lift(self) -> float:
        return self.observed / self.expected if self.expected > 0 else math.inf


def chung_lu_test(observed: int, row_degree_sum: float, col_degree_sum: float, total_likes: int) -> NullTest:
    expected = row_degree_sum * col_degree_sum / max(total_likes, 1)
    return NullTest(observed, expected, _poisson_tail_log10(observed, expected))


def member_log10_p(observed: npt.NDArray[np.int64], expected: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The same bound per member: is this user's (post's) share of the group's likes above chance?"""
    x = observed.astype(np.float64)
    mu = np.maximum(expected, 1e-300)
    nats = np.where(x > mu, x * np.log(np.maximum(x, 1.0) / mu) - x + mu, 0.0)
    return nats / math.log(10.0)


def log10_choices(population: int, chosen: int) -> float:
    """log10 C(population, chosen): the Bonferroni factor for picking a group of this size."""
    if chosen <= 0 or population <= chosen:
        return 0.0
    lg = math.lgamma
    return (lg(population + 1) - lg(chosen + 1) - lg(population - chosen + 1)) / math.log(10.0)


def _poisson_tail_log10(x: int, mu: float) -> float:
    if x <= mu:
        return 0.0
    if mu <= 0:
        return math.inf
    nats = x * math.log(x / mu) - x + mu
    return nats / math.log(10.0)
