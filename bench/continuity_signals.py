"""Is a cheaper topic-continuity signal as good as the sentence encoder? Measured without labels.

    uv run python bench/continuity_signals.py [--pairs 2000]

Real Weibo exchanges from LCCC (lines 2001-4000 of the toy set, read from ../shared/data at run
time) against the same replies shuffled onto other posts: a good continuity signal scores a reply
higher under its own post. The figure is the AUC (chance 0.5) of telling the two apart. Signals:
the encoder's cosine, the quality score's continuity component with and without the encoder
(shared keywords and bigrams only), character+bigram Jaccard, and static character vectors taken
from the same encoder (each character embedded alone, a frequency-weighted mean per text with the
first principal component removed, as in SIF/Model2Vec; character frequencies from lines 4001-).
"""

from __future__ import annotations

import argparse
import os
import random
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import numpy.typing as npt

from nook.engine._sentences import embed_many
from nook.engine.comments.quality import _keyword_overlap, _semantic
from nook.engine.text import normalize

LCCC = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lccc_cdial_toy" / "toy_train.txt"
F32 = npt.NDArray[np.float32]


def exchanges() -> list[list[str]]:
    with LCCC.open(encoding="utf-8") as lines:
        return [[normalize(t.replace(" ", "")).text for t in line.rstrip("\n").split("\t")] for line in lines]


def auc(own: list[float], shuffled: list[float]) -> float:
    """Probability that a reply scores higher under its own post than a shuffled one (ties half)."""
    a, b = np.asarray(own), np.sort(np.asarray(shuffled))
    below = np.searchsorted(b, a, side="left")
    ties = np.searchsorted(b, a, side="right") - below
    return float((below + 0.5 * ties).sum() / (a.size * b.size))


def _grams(text: str) -> set[str]:
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: str, b: str) -> float:
    ga, gb = _grams(a), _grams(b)
    return len(ga & gb) / max(1, len(ga | gb))


def static_vectors(texts: list[str], fit: list[str]) -> Callable[[str, str], float]:
    """Cosine of SIF-weighted means of per-character encoder vectors (first component removed)."""
    freq = Counter(ch for t in fit for ch in t)
    total = sum(freq.values())
    chars = embed_many(sorted({ch for t in texts + fit[:20_000] for ch in t}))

    def mean(text: str) -> F32:
        known = [ch for ch in text if ch in chars]
        if not known:
            return np.zeros(512, dtype=np.float32)
        weights = np.array([1e-3 / (1e-3 + freq[ch] / total) for ch in known], dtype=np.float32)
        return np.asarray((np.stack([chars[ch] for ch in known]) * weights[:, None]).mean(axis=0))

    top = np.linalg.svd(np.stack([mean(t) for t in fit[:20_000]]), full_matrices=False)[2][:1]

    @cache
    def vector(text: str) -> F32:
        v = mean(text)
        v = v - (v @ top.T) @ top
        return np.asarray(v / max(float(np.linalg.norm(v)), 1e-9), dtype=np.float32)

    return lambda a, b: float(vector(a) @ vector(b))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=2000)
    args = ap.parse_args()
    rows = exchanges()
    pairs = [(r[0], r[1]) for r in rows[2000 : 2000 + args.pairs]]
    fit = [t for r in rows[4000:] for t in r]
    posts, replies = [p for p, _ in pairs], [c for _, c in pairs]
    shuffled = list(range(len(pairs)))
    random.Random(1).shuffle(shuffled)
    vectors = embed_many(posts + replies)

    def cosine(a: str, b: str) -> float:
        return float(vectors[a] @ vectors[b]) if a and b else 0.0

    def with_encoder(reply: str, post: str) -> float:
        return 0.6 * _semantic(cosine(reply, post)) + 0.4 * _keyword_overlap(reply, post)[0]

    signals: dict[str, Callable[[str, str], float]] = {
        "sentence encoder cosine (USE-multilingual)": lambda c, p: cosine(c, p),
        "quality continuity, with the encoder (today)": with_encoder,
        "quality continuity, shared words only (--no-encoder)": lambda c, p: _keyword_overlap(c, p)[0],
        "character + bigram Jaccard": lambda c, p: jaccard(c, p),
        "static character vectors from the encoder": static_vectors(posts + replies, fit),
    }
    print(f"pairs: {len(pairs)} real LCCC post/reply exchanges against the same replies shuffled")
    for name, signal in signals.items():
        own = [signal(c, p) for p, c in pairs]
        other = [signal(replies[j], p) for p, j in zip(posts, shuffled, strict=True)]
        print(f"{name:55s} AUC {auc(own, other):.3f}")


if __name__ == "__main__":
    main()
