"""Offensive-language score: a linear model trained on COLD, plus a short list of plain insults.

COLD (race, gender, region) teaches group-directed offence; the insult list covers the personal
abuse that a comment section sees most and COLD samples least. Model card: docs/model-cards/offensive.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nook.engine._features import v1_feature_hashes
from nook.engine._linear import LinearModel
from nook.engine.text import NormalizedText, normalize

__all__ = ["MODEL_PATH", "THRESHOLD", "OffensiveResult", "offensive_score", "offensive_scores"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "offensive-v1.npz"
#: decision threshold on P(offensive), chosen on COLD dev-tune (bench/quality_offensive_train.py)
THRESHOLD = 0.46
# Personal insults written for Nook (not taken from a research lexicon); matched on simplified text.
_INSULTS = re.compile(
    r"傻[逼比屄b]|sb|煞笔|脑残|智障|弱智|白痴|蠢货|贱人|婊子|狗东西|畜生|人渣|废物|垃圾东西|去死|死全家|"
    r"滚蛋|滚出去|草泥马|操你|肏|你妈[的逼死]|尼玛的?|他妈的|狗日的|nmsl|cnm",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OffensiveResult:
    flag: bool
    score: float
    insult: str | None  # the insult that forced the flag, if any

    def to_json(self) -> dict[str, Any]:
        return {"flag": self.flag, "score": round(self.score, 3)}


@lru_cache(maxsize=1)
def _model() -> LinearModel:
    return LinearModel.load(MODEL_PATH)


def offensive_scores(norms: list[NormalizedText]) -> list[OffensiveResult]:
    """Score already-normalised texts in one batch."""
    if not norms:
        return []
    model = _model()
    col = model.labels.index("offensive")
    probs = model.probabilities([v1_feature_hashes(n) for n in norms])[:, col]
    out = []
    for norm, p in zip(norms, probs.tolist(), strict=True):
        hit = _INSULTS.search(norm.text)
        insult = hit.group() if hit else None
        score = max(p, 0.9) if insult else p
        out.append(OffensiveResult(score >= THRESHOLD, score, insult))
    return out


def offensive_score(text: str) -> OffensiveResult:
    """Whether a comment is offensive, with P(offensive) (raised to 0.9 on a plain insult)."""
    return offensive_scores([normalize(text)])[0]
