"""The trained low-value model: which kind of filler a comment is, if any, judged against what it answers.

A multi-class linear SVM (one column per kind, plus "none") over char 1-3-grams of the comment and the
signals `lowvalue.model_signals` reads from the comment and its post (which filler, praise, blessing, ad
or feeling patterns occur anywhere in it, how much it says beyond them and beyond the post, the post's
mood). Trained on real comments labelled blind (bench/lowvalue_train.py, docs/model-cards/lowvalue.md).
The margin a kind needs over "none", chosen by cross-validation, is folded into the "none" bias, so the top
column decides. The model may also overrule a rule's flag of the kinds rules guess at (`OVERRULABLE`) when "none"
leads every kind by the stored `veto`, also chosen by cross-validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine._features import _char_ngram_hashes, feature_hashes
from nook.engine._linear import LinearModel

__all__ = ["MODEL_PATH", "OVERRULABLE", "TO_CODE", "Reading", "lowvalue_features", "read", "scores"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "lowvalue-v2.npz"
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

#: The rule kinds the model may overrule (and ads found by a weak marker, `lowvalue.overrulable`): open-vocabulary
#: reactions, praise, blessings and greetings, where the rules' patterns over-reach. The rest stand: they are
#: precise (emoji, placeholder, chain letter, strong ad markers), a deliberate policy (a bare "嗯嗯" or "是的"
#: under a statement), or kinds the training data hardly holds (promotion, mismatched feeling).
OVERRULABLE = frozenset({"reaction", "stock_praise", "stock_phrase", "greeting"})


@dataclass(frozen=True, slots=True)
class Reading:
    code: str | None  # the barrier's kind the model gives, None when "none" scores highest
    overrules: bool  # whether "none" leads every kind by the veto: a rule's guess is overruled
    lead: float  # how far "none" leads the likeliest kind (negative: the model flags)


@lru_cache(maxsize=1)
def _model() -> tuple[LinearModel, float]:
    with np.load(MODEL_PATH, allow_pickle=False) as z:
        veto = float(z["veto"])
    return LinearModel.load(MODEL_PATH), veto


def lowvalue_features(normalized: str, signals: list[str]) -> npt.NDArray[np.uint32]:
    """The model's input: char 1-3-grams of the normalised comment plus the signals (feature strings)."""
    return np.concatenate([_char_ngram_hashes(normalized.casefold()), feature_hashes(signals)])


def scores(model: LinearModel, hashes: npt.NDArray[np.uint32]) -> npt.NDArray[np.float32]:
    """One comment's score per label."""
    return model.row_logits(hashes)


def read(hashes: npt.NDArray[np.uint32]) -> Reading:
    """What the model makes of one comment (its features from `lowvalue_features`)."""
    model, veto = _model()
    row = scores(model, hashes)
    best, lead = int(np.argmax(row)), float(row[0] - row[1:].max())
    return Reading(TO_CODE.get(model.labels[best]), lead > veto, lead)
