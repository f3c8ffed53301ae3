"""Real reply patterns: the LCCC Weibo replies whose posts read most like this one (index built by
`index_build`, shipped as data/lccc-replies-v1.npz, read once on first use)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["INDEX_PATH", "VERSION", "Retrieved", "nearest_replies"]

VERSION = "lccc-replies-v1"
INDEX_PATH = Path(__file__).parent / "data" / f"{VERSION}.npz"
MIN_POST_SIMILARITY = 0.5  # below this the indexed post is about something else and its reply won't fit


@dataclass(frozen=True, slots=True)
class Retrieved:
    reply: str
    post: str  # the indexed post it answered
    post_similarity: float  # of that post to ours
    embedding: npt.NDArray[np.float32]  # of the reply


@dataclass(frozen=True, slots=True)
class _Index:
    posts: npt.NDArray[np.str_]
    replies: npt.NDArray[np.str_]
    post_vecs: npt.NDArray[np.float32]
    reply_vecs: npt.NDArray[np.float32]


@lru_cache(maxsize=1)
def _index() -> _Index:
    with np.load(INDEX_PATH, allow_pickle=False) as z:
        post_vecs = z["post_q"].astype(np.float32) * z["post_scale"][:, None]
        reply_vecs = z["reply_q"].astype(np.float32) * z["reply_scale"][:, None]
        return _Index(z["posts"], z["replies"], post_vecs, reply_vecs)


def nearest_replies(post_vec: npt.NDArray[np.float32], k: int = 3) -> list[Retrieved]:
    """Up to `k` replies to the indexed posts closest to `post_vec`, closest first."""
    index = _index()
    sims = index.post_vecs @ post_vec
    top = np.argsort(-sims)[:k]
    return [
        Retrieved(str(index.replies[i]), str(index.posts[i]), float(sims[i]), index.reply_vecs[i])
        for i in top
        if sims[i] >= MIN_POST_SIMILARITY
    ]
