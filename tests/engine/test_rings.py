"""Ring detection: a planted farm is found, a quiet site flags nobody, the CLI keeps its contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from nook.engine.rings import (
    LikeTable,
    RingConfig,
    detect_rings,
    detect_rings_window,
    flagged_like_mask,
    flagged_users,
    like_limit_for_trust,
)

HOUR = 3600
PERIOD = 30 * 86400


def _site(seed: int, n_users: int = 3000, n_posts: int = 1500, n_likes: int = 30000) -> tuple[np.ndarray, ...]:
    """Skewed organic likes: lognormal users, Zipf-like posts, likes soon after each post appears."""
    rng = np.random.default_rng(seed)
    uw = rng.lognormal(0, 1.0, n_users)
    pw = 1.0 / np.arange(1, n_posts + 1) ** 0.8
    user = rng.choice(n_users, n_likes, p=uw / uw.sum())
    post = rng.choice(n_posts, n_likes, p=pw / pw.sum())
    created = rng.integers(0, PERIOD, n_posts)
    ts = np.minimum(created[post] + rng.exponential(6 * HOUR, n_likes).astype(np.int64), PERIOD - 1)
    return user, post, ts


def _with_farm(
    seed: int,
    k: int = 40,
    rho: float = 0.5,
    *,
    start: int = 10 * 86400,
    width: int = HOUR,
    camouflage: str | None = None,
) -> tuple[LikeTable, set[int], set[int]]:
    """The organic site plus k farm accounts liking k target posts (density rho) inside [start,
    start + width); with `camouflage`, twice the farm's likes again on "random" or "popular" other posts."""
    user, post, ts = _site(seed)
    rng = np.random.default_rng(seed + 100)
    fake = rng.choice(3000, k, replace=False)
    targets = rng.choice(1500, k, replace=False)
    cells = np.flatnonzero(rng.random(k * k) < rho)
    f_user, f_post = fake[cells // k], targets[cells % k]
    if camouflage is not None:
        camo_user = fake[rng.integers(0, k, 2 * cells.size)]
        if camouflage == "popular":
            popularity = np.bincount(post, minlength=1500) + 1.0
            popularity[targets] = 0.0
            camo_post = rng.choice(1500, 2 * cells.size, p=popularity / popularity.sum())
        else:
            camo_post = rng.integers(0, 1500, 2 * cells.size)
        f_user, f_post = np.concatenate([f_user, camo_user]), np.concatenate([f_post, camo_post])
    table = LikeTable.from_arrays(
        np.concatenate([user, f_user]),
        np.concatenate([post, f_post]),
        np.concatenate([ts, start + rng.integers(0, width, f_user.size)]),
    )
    return table, set(fake.tolist()), set(targets.tolist())


def test_planted_farm_is_found_with_its_posts():
    table, fake, targets = _with_farm(1)
    report = detect_rings(table, config=RingConfig())
    assert report.groups, "the farm was not flagged"
    top = report.groups[0]
    assert set(top.users) == fake
    assert len(set(top.posts) & targets) >= 0.9 * len(targets)
    assert len(set(top.posts) - targets) <= 0.1 * len(targets)
    assert top.evidence.lift >= 5 and top.evidence.likes > top.evidence.expected_likes


@pytest.mark.parametrize("seed", [11, 12])
def test_farm_spread_over_a_week_with_camouflage_is_found_on_a_skewed_site(seed):
    """Heavy users x popular posts are the densest organic corner; the farm is sparser but beats the null."""
    k = 40
    table, fake, targets = _with_farm(seed, k, 0.2, start=5 * 86400, width=7 * 86400, camouflage="random")
    report = detect_rings(table)
    users = flagged_users(report)
    posts = {p for g in report.groups for p in g.posts}
    assert users <= fake and len(users) >= 0.8 * k
    assert len(posts & targets) >= 0.9 * len(posts) and len(posts) >= 0.7 * k


@pytest.mark.parametrize("seed", [21, 22])
def test_one_hour_burst_with_popular_camouflage_lists_only_its_targets(seed):
    """The farm also likes popular posts in its hour; those get most of their likes organically,
    so a moderator sees the targets, not the site's popular posts."""
    k = 40
    table, fake, targets = _with_farm(seed, k, 1.0, camouflage="popular")
    report = detect_rings(table)
    posts = {p for g in report.groups for p in g.posts}
    assert flagged_users(report) == fake
    assert posts <= targets and len(posts) >= 0.9 * k


@pytest.mark.parametrize("seed", [31, 32])
def test_sparse_one_hour_burst_hidden_in_random_camouflage_is_found(seed):
    """Six target likes per account in an hour, among twice as many likes on random posts: most of the
    hour's organic likes are one per account, and a post's launch crowd must not out-score the farm."""
    k = 60
    table, fake, targets = _with_farm(seed, k, 0.1, start=12 * 86400, camouflage="random")
    report = detect_rings(table)
    users = flagged_users(report)
    posts = {p for g in report.groups for p in g.posts}
    assert users <= fake and len(users) >= 0.7 * k
    assert posts <= targets and len(posts) >= 0.5 * k


@pytest.mark.parametrize("seed", [2, 3])
def test_quiet_site_flags_nobody(seed):
    user, post, ts = _site(seed)
    report = detect_rings(LikeTable.from_arrays(user, post, ts), config=RingConfig())
    assert report.groups == []


def test_flagged_likes_are_the_farms_likes_on_its_targets():
    table, fake, targets = _with_farm(4)
    report = detect_rings(table, config=RingConfig())
    mask = flagged_like_mask(table, report)
    users = table.user_labels[table.user[mask]]
    posts = table.post_labels[table.post[mask]]
    assert set(users.tolist()) <= fake and set(posts.tolist()) <= targets
    assert mask.sum() >= 0.9 * (40 * 40 * 0.5)
    assert flagged_users(report) == fake


def test_window_run_reports_only_new_activity():
    table, fake, _ = _with_farm(5)
    before = detect_rings_window(table, start=20 * 86400, end=PERIOD)
    during = detect_rings_window(table, start=10 * 86400, end=11 * 86400)
    assert before.groups == []
    assert flagged_users(during) == fake
    rows = during.groups[0].like_index
    assert np.all((table.ts[rows] >= 10 * 86400) & (table.ts[rows] < 11 * 86400))


def test_evidence_lists_the_likes_in_time_order():
    table, fake, targets = _with_farm(6)
    group = detect_rings(table, config=RingConfig()).groups[0]
    likes = group.likes_involved(table)
    assert len(likes) == group.evidence.likes
    assert [t for _, _, t in likes] == sorted(t for _, _, t in likes)
    assert all(u in fake and p in targets for u, p, _ in likes)


def test_repeated_likes_count_once():
    table = LikeTable.from_arrays(["a", "a", "b"], ["x", "x", "x"], [1, 2, 3])
    assert table.n_likes == 2 and table.n_users == 2 and table.n_posts == 1


@pytest.mark.parametrize("ids", [(10, 12, 11), ("u10", "u12", "u11"), (10**15, 3, 10**12)])
def test_repeated_likes_keep_the_first_and_the_row_order(ids):
    """The live scan maps rows back to like ids by position, so the kept rows must stay in order."""
    a, b, c = ids
    table = LikeTable.from_arrays([a, b, a, c, b, a], ["p", "p", "p", "q", "p", "q"], [1, 2, 3, 4, 5, 6])
    assert table.ts.tolist() == [1, 2, 4, 6]
    assert table.user_labels[table.user].tolist() == [a, b, c, a]
    assert table.post_labels[table.post].tolist() == ["p", "p", "q", "q"]


def test_like_limits_follow_trust_and_flags():
    assert like_limit_for_trust(0) == (50, 86400)
    assert [like_limit_for_trust(t)[0] for t in (1, 2, 3, 4)] == [50, 75, 100, 150]
    assert like_limit_for_trust(4, flagged=True)[0] < like_limit_for_trust(0)[0]
    with pytest.raises(ValueError):
        like_limit_for_trust(-1)


def _run_cli(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "nook.cli.main", "engine", "rings", "--likes", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_cli_prints_the_documented_object(tmp_path, suffix):
    table, fake, _ = _with_farm(7)
    arrow = pa.table(
        {
            "user": table.user_labels[table.user],
            "post": table.post_labels[table.post],
            "ts": table.ts,
        }
    )
    path = tmp_path / f"likes{suffix}"
    if suffix == ".csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(arrow, path)
    else:
        pq.write_table(arrow, path)
    out = _run_cli(path)
    assert set(out) == {"groups", "stats"}
    assert set(out["stats"]) == {"likes", "seconds", "peak_rss_mb"} and out["stats"]["likes"] == table.n_likes
    group = out["groups"][0]
    assert set(group) == {"users", "posts", "score", "detector", "window"}
    assert set(group["users"]) == fake and group["detector"] in {"dense", "lockstep"}
    scores = [g["score"] for g in out["groups"]]
    assert scores == sorted(scores, reverse=True)
