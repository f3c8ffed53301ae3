"""Hashed features shared by emotion training and inference.

Training and inference must see exactly the same features, so both call `hashed_features()`.
Char 1-3-grams (most of the features) are hashed arithmetically in numpy over the code points;
words, word bigrams and emoticon/cue signals are hashed with crc32. Both hashes are stable across
processes, unlike Python's `hash`. The hashes of recent short texts are kept: a comment is read by the
emotion, offensive, low-value and hook models, and each reads the hashes the first one made.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from nook.engine.segment import segment
from nook.engine.text import NormalizedText, emoticon_emotions

__all__ = [
    "char_ngram_hashes_many",
    "feature_hashes",
    "features",
    "hashed_features",
    "hashed_features_many",
    "v1_feature_hashes",
]

_CHAR_NGRAMS = (1, 2, 3)
# Odd 64-bit multipliers (from splitmix64) mixing each code point into the n-gram hash.
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB], dtype=np.uint64)
_SEEDS = np.array([0x2545F4914F6CDD1D * n for n in range(1, 4)], dtype=np.uint64)

UInt32Array = npt.NDArray[np.uint32]
K = TypeVar("K")
_KEPT = 2048  # texts whose hashes are kept: a batch's comments and posts, read again by the next model
_KEPT_LENGTH = 512  # longer texts are hashed again when asked (their hashes would take much memory)
_kept_chars: dict[str, UInt32Array] = {}
_kept_tokens: dict[NormalizedText, UInt32Array] = {}


def _char_ngram_hashes(text: str) -> UInt32Array:
    """Hash of every char n-gram of the text padded with start/end marks (n in 1..3): 1-grams, then 2-grams,
    then 3-grams. Kept for recent texts: a comment's are read by the emotion, low-value and hook models."""
    kept = _kept_chars.get(text)
    return kept if kept is not None else char_ngram_hashes_many([text])[0]


def char_ngram_hashes_many(texts: Sequence[str]) -> list[UInt32Array]:
    """`_char_ngram_hashes` of each text, hashed in one numpy pass over all of them (and kept)."""
    lens = [len(t) + 2 for t in texts]
    joined = "".join(f"\x02{t}\x03" for t in texts)
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    grams = []
    for n in _CHAR_NGRAMS:  # every n-gram of the joined texts; those across two texts are never read
        count = max(len(cps) - n + 1, 0)
        h = np.full(count, _SEEDS[n - 1], dtype=np.uint64)
        for j in range(n):
            h = (h ^ cps[j : j + count]) * _MULTIPLIERS[j]  # wraps mod 2**64 by design
        grams.append(((h >> np.uint64(32)) ^ h).astype(np.uint32))
    out, start = [], 0
    for text, size in zip(texts, lens, strict=True):
        hashes = np.concatenate([g[start : start + size - n + 1] for g, n in zip(grams, _CHAR_NGRAMS, strict=True)])
        if size <= _KEPT_LENGTH:
            _keep(_kept_chars, text, hashes)
        out.append(hashes)
        start += size
    return out


def _keep(kept: dict[K, UInt32Array], key: K, hashes: UInt32Array) -> None:
    """Remember a text's hashes, read-only; the memory starts again when full."""
    if len(kept) >= _KEPT:
        kept.clear()
    hashes.flags.writeable = False
    kept[key] = hashes


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


def _token_hashes(norm: NormalizedText) -> UInt32Array:
    """`feature_hashes` of the word and signal features, kept: the emotion and offensive models share them."""
    kept = _kept_tokens.get(norm)
    if kept is None:
        kept = feature_hashes(_token_features(norm, norm.text.casefold()))
        if len(norm.text) <= _KEPT_LENGTH:
            _keep(_kept_tokens, norm, kept)
    return kept


def hashed_features(norm: NormalizedText) -> UInt32Array:
    """Feature hashes (with repeats: a repeated n-gram appears as often as it occurs) of a post."""
    return np.concatenate([_char_ngram_hashes(norm.text.casefold()), _token_hashes(norm)])


def hashed_features_many(norms: Sequence[NormalizedText]) -> list[UInt32Array]:
    """`hashed_features` of each post, the char n-grams of all hashed at once."""
    chars = char_ngram_hashes_many([norm.text.casefold() for norm in norms])
    return [np.concatenate([c, _token_hashes(norm)]) for c, norm in zip(chars, norms, strict=True)]


def v1_feature_hashes(norm: NormalizedText) -> UInt32Array:
    """`feature_hashes(features(norm))`, the words' part shared with `hashed_features`."""
    padded = f"^{norm.text.casefold()}$"
    grams = [padded[i : i + n] for n in _CHAR_NGRAMS for i in range(len(padded) - n + 1)]
    return np.concatenate([feature_hashes(grams), _token_hashes(norm)])
