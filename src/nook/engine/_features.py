"""Hashed features shared by emotion training and inference.

Training and inference must see exactly the same features, so both call `hashed_features()`.
Char 1-3-grams (most of the features) are hashed arithmetically in numpy over the code points;
words, word bigrams and emoticon/cue signals are hashed with crc32. Both hashes are stable across
processes, unlike Python's `hash`.
"""

from __future__ import annotations

import itertools
import zlib

import numpy as np
import numpy.typing as npt

from nook.engine.segment import segment
from nook.engine.text import NormalizedText, emoticon_emotions

__all__ = ["feature_hashes", "features", "hashed_features"]

_CHAR_NGRAMS = (1, 2, 3)
# Odd 64-bit multipliers (from splitmix64) mixing each code point into the n-gram hash.
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB], dtype=np.uint64)
_SEEDS = np.array([0x2545F4914F6CDD1D * n for n in range(1, 4)], dtype=np.uint64)

UInt32Array = npt.NDArray[np.uint32]


def _char_ngram_hashes(text: str) -> UInt32Array:
    """Hash of every char n-gram of the text padded with start/end marks (n in 1..3)."""
    cps = np.frombuffer(f"\x02{text}\x03".encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts = []
    for n in _CHAR_NGRAMS:
        count = len(cps) - n + 1
        if count <= 0:
            continue
        h = np.full(count, _SEEDS[n - 1], dtype=np.uint64)
        for j in range(n):
            h = (h ^ cps[j : j + count]) * _MULTIPLIERS[j]  # wraps mod 2**64 by design
        parts.append(h)
    mixed = np.concatenate(parts)
    return ((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32)


def _token_features(norm: NormalizedText, text: str) -> list[str]:
    words = segment(text)
    feats = [f"w:{w}" for w in words]
    feats += [f"b:{a}|{b}" for a, b in itertools.pairwise(words)]
    feats += [f"e:{e}" for e in norm.emoticons]
    feats += [f"E:{label}" for label, n in emoticon_emotions(norm.emoticons).items() for _ in range(n)]
    feats += [f"q:{cue[0]}" for cue in norm.intensity_cues]
    return feats


def features(norm: NormalizedText) -> list[str]:
    """Feature strings (char 1-3-grams, words, bigrams, signals): the v1 scheme, hashed by `feature_hashes`.

    The comment offensive model is trained on these; the emotion model uses the faster `hashed_features`.
    """
    text = norm.text.casefold()
    padded = f"^{text}$"
    grams = [padded[i : i + n] for n in _CHAR_NGRAMS for i in range(len(padded) - n + 1)]
    return grams + _token_features(norm, text)


def feature_hashes(feats: list[str]) -> UInt32Array:
    """crc32 of each feature string."""
    return np.fromiter((zlib.crc32(f.encode()) for f in feats), dtype=np.uint32, count=len(feats))


def hashed_features(norm: NormalizedText) -> UInt32Array:
    """Feature hashes (with repeats: a repeated n-gram appears as often as it occurs) of a post."""
    text = norm.text.casefold()
    tokens = _token_features(norm, text)
    return np.concatenate([_char_ngram_hashes(text), feature_hashes(tokens)])
