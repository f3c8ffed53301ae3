"""The trained low-value model: which kind of filler a comment is, if any, judged against what it answers.

A multi-class linear SVM (one column per kind, plus "none") over char 1-3-grams of the comment and the
signals `lowvalue.model_signals` reads from the comment and its post (which filler, praise, blessing, ad
or feeling patterns occur anywhere in it, how much it says beyond them and beyond the post, the post's
mood). Trained on real comments labelled blind (bench/lowvalue_train.py, docs/model-cards/lowvalue.md).
The threshold chosen by cross-validation is folded into the "none" bias, so the top column decides.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine._features import _char_ngram_hashes, feature_hashes
from nook.engine._linear import LinearModel

__all__ = ["MODEL_PATH", "TO_CODE", "lowvalue_features", "model_code", "scores"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "lowvalue-v1.npz"
#: The labels' taxonomy (bench/data/blind_v2/LABEL_GUIDE.md) in the barrier's kinds (`lowvalue.KINDS`).
TO_CODE = {
    "placeholder": "placeholder",
    "stock_phrase": "stock_phrase",
    "one_word_reaction": "reaction",
    "emoji_only": "emoji_only",
    "ad_spam": "ad",
    "chain_letter": "chain_letter",
    "off_topic_promo": "self_promo",
    "mismatched_feeling": "mismatched",
}


@lru_cache(maxsize=1)
def _model() -> LinearModel:
    return LinearModel.load(MODEL_PATH)


def lowvalue_features(normalized: str, signals: list[str]) -> npt.NDArray[np.uint32]:
    """The model's input: char 1-3-grams of the normalised comment plus the signals (feature strings)."""
    return np.concatenate([_char_ngram_hashes(normalized.casefold()), feature_hashes(signals)])


def scores(model: LinearModel, hashes: npt.NDArray[np.uint32]) -> npt.NDArray[np.float32]:
    """One comment's score per label, as `LinearModel.logits` computes them, without the batch overhead."""
    uniq, tf = np.unique(hashes, return_counts=True)
    pos = np.minimum(np.searchsorted(model.hashes, uniq), len(model.hashes) - 1)
    rows = pos[model.hashes[pos] == uniq]
    values = (1.0 + np.log(tf[model.hashes[pos] == uniq].astype(np.float32))) * model.idf[rows]
    norm = float(np.sqrt(values @ values)) or 1.0
    out: npt.NDArray[np.float32] = (values @ model.weights[rows]) / norm + model.bias
    return out


def model_code(hashes: npt.NDArray[np.uint32]) -> str | None:
    """The barrier's kind the model gives a comment, or None when "none" scores highest."""
    model = _model()
    label = model.labels[int(np.argmax(scores(model, hashes)))]
    return TO_CODE.get(label)
