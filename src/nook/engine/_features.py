"""Feature strings and their stable hashes, shared by emotion training and inference.

Training and inference must see exactly the same features, so both call `features()`; the hash is
crc32 (stable across processes, unlike Python's `hash`).
"""

from __future__ import annotations

import itertools
import zlib

import numpy as np
import numpy.typing as npt

from nook.engine.segment import segment
from nook.engine.text import NormalizedText, emoticon_emotions

__all__ = ["feature_hashes", "features"]

_CHAR_NGRAMS = (1, 2, 3)


def _char_ngrams(text: str) -> list[str]:
    padded = f"^{text}$"
    return [padded[i : i + n] for n in _CHAR_NGRAMS for i in range(len(padded) - n + 1)]


def _word_ngrams(words: list[str]) -> list[str]:
    grams = [f"w:{w}" for w in words]
    grams += [f"b:{a}|{b}" for a, b in itertools.pairwise(words)]
    return grams


def _signal_features(norm: NormalizedText) -> list[str]:
    feats = [f"e:{e}" for e in norm.emoticons]
    feats += [f"E:{label}" for label, n in emoticon_emotions(norm.emoticons).items() for _ in range(n)]
    feats += [f"q:{cue[0]}" for cue in norm.intensity_cues]
    return feats


def features(norm: NormalizedText) -> list[str]:
    """Char 1-3-grams, word uni/bigrams and emoticon/cue signals of a normalised post."""
    text = norm.text.casefold()
    return _char_ngrams(text) + _word_ngrams(segment(text)) + _signal_features(norm)


def feature_hashes(feats: list[str]) -> npt.NDArray[np.uint32]:
    """crc32 of each feature string."""
    return np.fromiter((zlib.crc32(f.encode()) for f in feats), dtype=np.uint32, count=len(feats))
