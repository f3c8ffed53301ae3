"""detect_rings: candidate blocks from several peels, kept only if they beat the null model."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from nook.engine.rings._graph import (
    Bipartite,
    EdgeIndex,
    compact,
    prune_to_bursts,
    prune_to_core,
    users_by_post_buckets,
    users_by_posts,
)
from nook.engine.rings._residual import FloatArray, residual_block
from nook.engine.rings.null import NullTest, chung_lu_test, log10_choices, member_log10_p
from nook.engine.rings.report import Evidence, RingGroup, RingReport
from nook.engine.rings.table import IntArray, LikeTable

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RingConfig:
    #: Widths of the time buckets for the lockstep detector. Each width runs at two offsets
    #: (0 and width/2), so any burst up to width/2 long lies wholly inside one bucket:
    #: the default catches bursts of up to 1 hour. Longer farms are the whole-period graph's:
    #: 2-day and 14-day buckets found nothing it and the 2-hour graphs missed on the benchmark's
    #: full grid, and cost 4 of 7 graphs (docs/benchmarks.md).
    bucket_widths_s: tuple[int, ...] = (2 * 3600,)
    #: Also peel users x posts over the whole period (farms that spread likes over weeks).
    whole_period: bool = True
    #: Blocks peeled from each graph (each found block's likes are removed before the next peel).
    blocks_per_graph: int = 3
    #: Each peel pass drops at least this fraction of the members left (and all below the objective).
    step: float = 0.2
    min_users: int = 5
    min_posts: int = 3
    #: A group must get this many times the likes the null model expects ...
    min_lift: float = 5.0
    #: ... and be this unlikely under it: -log10 p after correcting for the search (see null.py).
    min_score: float = 3.0
    #: Each member's own likes inside the group must reach this -log10 p against the null.
    min_member_log10_p: float = 2.0


@dataclass(frozen=True)
class _Candidate:
    rows: IntArray  # user codes
    cols: IntArray  # column ids of the graph
    like_index: IntArray
    test: NullTest
    graph: Bipartite


@dataclass(frozen=True)
class _Site:
    """What every graph of one run shares: each like's row is its edge id in every graph."""

    likes: LikeTable
    user_degree: IntArray
    by_user: EdgeIndex  # likes grouped by user
    by_post: EdgeIndex  # likes grouped by post

    @property
    def post_degree(self) -> IntArray:
        return np.diff(self.by_post.start)

    @classmethod
    def of(cls, likes: LikeTable) -> _Site:
        degree = np.bincount(likes.user, minlength=likes.n_users)
        return cls(
            likes, degree, EdgeIndex.build(likes.user, likes.n_users), EdgeIndex.build(likes.post, likes.n_posts)
        )


def detect_rings(likes: LikeTable, *, config: RingConfig | None = None, progress: Progress | None = None) -> RingReport:
    """Find like-farming groups in `likes`; pure, no I/O."""
    cfg = config or RingConfig()
    graphs = _graph_specs(cfg, likes)
    candidates: list[_Candidate] = []
    site = _Site.of(likes)
    for done, (width, offset) in enumerate(graphs):
        if width == 0:
            graph = users_by_posts(likes, site.user_degree)
        else:
            graph = users_by_post_buckets(likes, site.user_degree, width, offset)
        candidates.extend(_peel_graph(site, graph, cfg))
        if progress:
            progress(done + 1, len(graphs))
    n_peels = len(graphs) * cfg.blocks_per_graph
    groups = _merge([g for c in candidates if (g := _to_group(c, likes, n_peels, cfg))])
    return RingReport(groups, likes.n_likes, len(candidates))


def detect_rings_window(
    likes: LikeTable, *, start: int, end: int, lookback_s: int = 30 * 86400, config: RingConfig | None = None
) -> RingReport:
    """Incremental run for a scheduled job: look at [start - lookback_s, end) and report only
    groups active in [start, end), so each run reports what is new since the last one."""
    in_view = (likes.ts >= start - lookback_s) & (likes.ts < end)
    rows = np.flatnonzero(in_view)
    report = detect_rings(likes.subset(in_view), config=config)
    fresh = [replace(g, like_index=rows[g.like_index]) for g in report.groups if g.window[1] >= start]
    return RingReport(fresh, report.likes, report.candidates)


def _graph_specs(cfg: RingConfig, likes: LikeTable) -> list[tuple[int, int]]:
    """(bucket width, offset) of each graph to peel; width 0 is the whole period. A bucketing that
    puts every like in one bucket is the whole-period graph again, so it is not peeled twice."""
    specs = [(0, 0)] if cfg.whole_period else []
    first, last = (int(likes.ts.min()), int(likes.ts.max())) if likes.n_likes else (0, 0)
    for w in cfg.bucket_widths_s:
        for off in (0, w // 2):
            if not (cfg.whole_period and (first + off) // w == (last + off) // w):
                specs.append((w, off))
    return specs


def _peel_graph(site: _Site, graph: Bipartite, cfg: RingConfig) -> Iterator[_Candidate]:
    total_likes = site.likes.n_likes
    kept = np.flatnonzero(prune_to_core(graph, 2, 2))
    if graph.bucket_s:
        kept = prune_to_bursts(graph, kept)
    rows, row_ids = compact(graph.row[kept], graph.row_degree.size)
    cols, col_ids = compact(graph.col[kept], graph.col_degree.size)
    row_deg, col_deg = graph.row_degree[row_ids].astype(np.float64), graph.col_degree[col_ids].astype(np.float64)
    for n in range(cfg.blocks_per_graph):
        if rows.size == 0:
            return
        block = residual_block(
            rows, cols, row_deg, col_deg, float(total_likes), step=cfg.step, discount=_ORDERS[n % len(_ORDERS)]
        )
        if block.residual <= 0:  # no set beats its expectation under this order; try the other
            continue
        if block.rows.size >= cfg.min_users and block.cols.size >= cfg.min_posts:
            yield _refined(site, graph, row_ids[block.rows], cfg)
        if n == cfg.blocks_per_graph - 1:  # no later peel needs this block's likes removed
            return
        in_rows, in_cols = np.zeros(row_deg.size, dtype=bool), np.zeros(col_deg.size, dtype=bool)
        in_rows[block.rows], in_cols[block.cols] = True, True
        inside = in_rows[rows]
        inside &= in_cols[cols]
        outside = np.flatnonzero(~inside)
        rows, cols = rows[outside], cols[outside]


def _refined(site: _Site, graph: Bipartite, users: IntArray, cfg: RingConfig) -> _Candidate:
    """Grow and trim the peeled block: a column (user) belongs when its likes from the group's users
    (into the group's columns) beat the null by more than chance over every column (user) of the site.

    Starts from the block's users; only the likes of the group's users and posts are read."""
    total = site.likes.n_likes
    in_c = np.zeros(graph.col_degree.size, dtype=bool)
    for _ in range(_REFINE_ROUNDS):
        user_cols = graph.col[site.by_user.edges(users)]
        col_ids, hits = np.unique(user_cols, return_counts=True)
        share = float(graph.row_degree[users].sum()) / total
        expected = np.maximum(graph.col_degree[col_ids] * share, _spread(graph, user_cols, col_ids, site))
        cols = _beats_null(col_ids, hits, expected, cfg)
        in_c[:] = False
        in_c[cols] = True
        edges = site.by_post.edges(np.unique(graph.col_post[cols]))
        row_ids, hits = np.unique(graph.row[edges[in_c[graph.col[edges]]]], return_counts=True)
        col_share = float(graph.col_degree[cols].sum()) / total
        users = _beats_null(row_ids, hits, (graph.row_degree[row_ids] * col_share).astype(np.float64), cfg)
    if graph.bucket_s and users.size:
        # a (post, bucket) column of the group also needs the group's likes to beat the null against
        # the post's likes over the whole period: a popular post the farm likes in its burst as
        # camouflage gets most of its likes organically, a target most of them from the group
        user_cols = graph.col[site.by_user.edges(users)]
        col_ids, hits = np.unique(user_cols, return_counts=True)
        at = np.minimum(np.searchsorted(col_ids, cols), col_ids.size - 1)
        hits = np.where(col_ids[at] == cols, hits[at], 0)
        share = float(graph.row_degree[users].sum()) / total
        popular = site.post_degree[graph.col_post[cols]] * share
        cols = _beats_null(cols, hits, np.maximum(popular, _spread(graph, user_cols, cols, site)), cfg)
        in_c[:] = False
        in_c[cols] = True
    edges = site.by_user.edges(users)
    inside = np.sort(edges[in_c[graph.col[edges]]])
    test = chung_lu_test(
        int(inside.size), float(graph.row_degree[users].sum()), float(graph.col_degree[cols].sum()), total
    )
    return _Candidate(users, cols, inside, test, graph)


def _spread(graph: Bipartite, user_cols: IntArray, ids: IntArray, site: _Site) -> FloatArray:
    """The likes each column would get if the group's likes in its time bucket were spread evenly
    over the site's posts: a farm's camouflage on random unpopular posts beats the popularity null
    (a post with 3 likes that 3 farm accounts like in one hour), but not this one, while its
    targets, which get a share of the whole group, beat both. Bucket graphs only: over the whole
    period the group's likes are mostly its organic ones, and spread evenly over a small site's
    posts they would sink its targets too (a week-long farm is spread thin enough already)."""
    if not ids.size or not graph.bucket_s:
        return np.zeros(ids.size)
    per_bucket = np.bincount(graph.col_bucket[user_cols], minlength=int(graph.col_bucket[ids].max()) + 1)
    return per_bucket[graph.col_bucket[ids]] / max(site.likes.n_posts, 1)


def _beats_null(ids: IntArray, hits: IntArray, expected: FloatArray, cfg: RingConfig) -> IntArray:
    """The ids whose hits (likes into the other side of the group) beat the `expected` hits under
    the null, with a Bonferroni over the members that could pass (two or more hits)."""
    could = hits >= 2
    threshold = max(cfg.min_member_log10_p, math.log10(max(int(could.sum()), 1)))
    return ids[could & (member_log10_p(hits, expected) >= threshold)]


_REFINE_ROUNDS = 3
_ORDERS = (1.0, 0.9)


def _to_group(c: _Candidate, likes: LikeTable, n_peels: int, cfg: RingConfig) -> RingGroup | None:
    posts = np.unique(c.graph.col_post[c.cols])
    if c.rows.size < cfg.min_users or posts.size < cfg.min_posts or c.test.lift < cfg.min_lift:
        return None
    search = (
        log10_choices(int((c.graph.row_degree >= 2).sum()), int(c.rows.size))
        + log10_choices(int((c.graph.col_degree >= 2).sum()), int(c.cols.size))
        + math.log10(max(n_peels, 1))
    )
    score = c.test.log10_p - search
    if score < cfg.min_score:
        return None
    cells = float(c.rows.size * c.cols.size)
    evidence = Evidence(
        likes=c.test.observed,
        expected_likes=c.test.expected,
        density=c.test.observed / cells,
        null_density=c.test.expected / cells,
        log10_p=c.test.log10_p,
        bucket_s=c.graph.bucket_s,
    )
    ts = likes.ts[c.like_index]
    return RingGroup(
        users=likes.user_labels[c.rows].tolist(),
        posts=likes.post_labels[posts].tolist(),
        score=score,
        detector="lockstep" if c.graph.bucket_s else "dense",
        window=(int(ts.min()), int(ts.max())),
        evidence=evidence,
        like_index=c.like_index,
    )


def _merge(groups: list[RingGroup]) -> list[RingGroup]:
    """The same ring shows up in several graphs; keep the strongest view of it and drop the rest."""
    kept: list[RingGroup] = []
    for group in sorted(groups, key=lambda g: -g.score):
        users = set(group.users)
        if not any(len(users & set(k.users)) * 2 >= min(len(users), len(k.users)) for k in kept):
            kept.append(group)
    return kept
