"""The trained hook model: does a post invite replies, judged from its words and what the rules saw.

A linear SVM over char 1-3-grams (the shared hashing) plus the rule and shape signals from
`hooks.rule_signals`, trained on real posts labelled blind (bench/hooks_train.py, docs/model-cards/hooks.md).
The decision threshold chosen by cross-validation is folded into the bias, so "hook" wins at 0.5.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine._features import _char_ngram_hashes, feature_hashes
from nook.engine._linear import LinearModel
from nook.engine.text import normalize

__all__ = ["MODEL_PATH", "hook_features", "hook_margin", "says_hook"]

MODEL_PATH = Path(__file__).parent / "models" / "hooks-v4.npz"


@lru_cache(maxsize=1)
def _model() -> LinearModel:
    return LinearModel.load(MODEL_PATH)


def hook_features(text: str, signals: list[str]) -> npt.NDArray[np.uint32]:
    """The model's input: char 1-3-grams of the normalised text plus the rule signals (feature strings).

    No word features: segmenting would double the cost of a hook check for no gain in cross-validation.
    """
    return np.concatenate([_char_ngram_hashes(normalize(text).text.casefold()), feature_hashes(signals)])


def _margin(model: LinearModel, hashes: npt.NDArray[np.uint32]) -> float:
    """One post's signed distance to the decision (half the gap between its two scores)."""
    row = model.row_logits(hashes)
    return float(row[1] - row[0]) / 2


def hook_margin(model: LinearModel, batch: list[npt.NDArray[np.uint32]]) -> npt.NDArray[np.float64]:
    """How far each post is on the hook side of the decision (positive: a hook)."""
    return np.array([_margin(model, h) for h in batch], dtype=np.float64)


def says_hook(text: str, signals: list[str]) -> bool:
    return _margin(_model(), hook_features(text, signals)) > 0
