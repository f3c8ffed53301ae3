"""Feature hashes computed once per batch and shared by the linear models are each text's own."""

from __future__ import annotations

from nook.engine import _features
from nook.engine._features import (
    char_ngram_hashes_many,
    feature_hashes,
    features,
    hashed_features,
    hashed_features_many,
    v1_feature_hashes,
)
from nook.engine.text import normalize

TEXTS = ["", "好", "今天终于拿到offer了！！！", "[泪]哈哈哈哈哈 #考研# @小明", "a b", "长" * 600]
_MASK = (1 << 64) - 1


def _reference(text: str) -> list[int]:
    """The char n-gram hash as specified: splitmix-style mixing of each code point, n = 1, 2, 3 in turn."""
    cps = [ord(c) for c in f"\x02{text}\x03"]
    out = []
    for n in (1, 2, 3):
        for i in range(len(cps) - n + 1):
            h = int(_features._SEEDS[n - 1])
            for j in range(n):
                h = ((h ^ cps[i + j]) * int(_features._MULTIPLIERS[j])) & _MASK
            out.append(((h >> 32) ^ h) & 0xFFFFFFFF)
    return out


def test_a_batch_hashes_each_text_as_alone() -> None:
    _features._kept_chars.clear()
    batch = char_ngram_hashes_many(TEXTS)
    assert [h.tolist() for h in batch] == [_reference(t) for t in TEXTS]
    for text in TEXTS:  # kept or hashed again, the same
        assert _features._char_ngram_hashes(text).tolist() == _reference(text)


def test_every_model_reads_the_features_it_was_trained_on() -> None:
    norms = [normalize(t) for t in TEXTS]
    _features._kept_tokens.clear()
    many = hashed_features_many(norms)
    for norm, hashes in zip(norms, many, strict=True):
        text = norm.text.casefold()
        words = feature_hashes(_features._token_features(norm, text)).tolist()
        assert hashes.tolist() == hashed_features(norm).tolist() == _reference(text) + words  # emotion
        assert v1_feature_hashes(norm).tolist() == feature_hashes(features(norm)).tolist()  # offensive
