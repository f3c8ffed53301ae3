"""What the detector hands on: groups with evidence a moderator can check, and JSON for the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from nook.engine.rings.table import IntArray, LikeTable


@dataclass(frozen=True)
class Evidence:
    likes: int  # likes inside the group (users x posts, within the window)
    expected_likes: float  # what the null model (same site's organic likes) predicts
    density: float  # likes / (users x columns)
    null_density: float  # expected_likes / (users x columns)
    log10_p: float  # -log10 p-value bound before correcting for the number of candidates
    bucket_s: int  # time bucket the group was found in; 0 = whole period

    @property
    def lift(self) -> float:
        return self.likes / self.expected_likes if self.expected_likes > 0 else float("inf")


@dataclass(frozen=True)
class RingGroup:
    users: list[Any]  # the caller's user ids
    posts: list[Any]  # the caller's post ids
    score: float  # -log10 p after Bonferroni over candidates; higher = less likely organic
    detector: str  # "dense" (whole-period peel) or "lockstep" (time-bucketed peel)
    window: tuple[int, int]  # first and last like involved, Unix seconds
    evidence: Evidence
    like_index: IntArray = field(repr=False)  # rows of the LikeTable that are the group's likes

    def to_json(self, *, evidence: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "users": [_plain(u) for u in self.users],
            "posts": [_plain(p) for p in self.posts],
            "score": round(self.score, 3),
            "detector": self.detector,
            "window": [int(self.window[0]), int(self.window[1])],
        }
        if evidence:
            ev = self.evidence
            out["evidence"] = {
                "likes": ev.likes,
                "expected_likes": round(ev.expected_likes, 4),
                "lift": round(ev.lift, 2),
                "density": round(ev.density, 4),
                "null_density": round(ev.null_density, 8),
                "log10_p": round(ev.log10_p, 2),
                "bucket_s": ev.bucket_s,
            }
        return out

    def likes_involved(self, likes: LikeTable) -> list[tuple[Any, Any, int]]:
        """(user, post, ts) of every like in the group, oldest first: the moderator's evidence."""
        rows = self.like_index[np.argsort(likes.ts[self.like_index], kind="stable")]
        return [
            (
                _plain(likes.user_labels[likes.user[i]]),
                _plain(likes.post_labels[likes.post[i]]),
                int(likes.ts[i]),
            )
            for i in rows
        ]


@dataclass(frozen=True)
class RingReport:
    groups: list[RingGroup]  # sorted by score, highest first; only groups that beat the null
    likes: int  # likes read (after dropping repeated user-post pairs)
    candidates: int  # candidate groups tested against the null

    def to_json(self, *, evidence: bool = False) -> dict[str, Any]:
        return {"groups": [g.to_json(evidence=evidence) for g in self.groups]}


def flagged_like_mask(likes: LikeTable, report: RingReport) -> npt.NDArray[np.bool_]:
    """True for each like by a group member on one of that group's posts (any time).

    These are the likes that stop counting; the rows stay in the database so an appeal can undo it.
    """
    flagged = np.zeros(likes.n_likes, dtype=bool)
    code_of_user = {label: i for i, label in enumerate(likes.user_labels.tolist())}
    code_of_post = {label: i for i, label in enumerate(likes.post_labels.tolist())}
    for group in report.groups:
        users = np.fromiter((code_of_user[u] for u in group.users if u in code_of_user), dtype=np.int64)
        posts = np.fromiter((code_of_post[p] for p in group.posts if p in code_of_post), dtype=np.int64)
        flagged |= np.isin(likes.user, users) & np.isin(likes.post, posts)
    return flagged


def flagged_users(report: RingReport) -> set[Any]:
    """Accounts in any group: these get the reduced like rate until a moderator clears them."""
    return {u for group in report.groups for u in group.users}


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value
