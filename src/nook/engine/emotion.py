"""Six-class emotion (SMP2020-EWECT labels) with probabilities, an intensity and a finer social state.

The model is a hashed n-gram linear classifier shipped in `models/emotion-v*.npz`, loaded once on
first use; inference needs only numpy. See docs/model-cards/emotion.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from nook.engine._features import hashed_features_many
from nook.engine._linear import LinearModel
from nook.engine._states import fine_state
from nook.engine.text import NormalizedText, normalize

__all__ = [
    "LABELS",
    "MODEL_PATH",
    "EmotionResult",
    "classify_emotion",
    "classify_emotions",
    "labels_normalized",
    "load_model",
    "use_model",
]

LABELS = ("neutral", "happy", "angry", "sad", "fear", "surprise")
MODEL_PATH = Path(__file__).parent / "models" / "emotion-v2.npz"

_INTENSIFIERS = re.compile(
    r"太|超级|超|非常|特别|极了|死了|[气累烦笑困饿热冷吓]死|简直|真的|好+[^的]|巨|贼|炸了|爆了|崩溃"
)


@dataclass(frozen=True, slots=True)
class EmotionResult:
    label: str
    scores: dict[str, float]
    intensity: float
    state: str

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "intensity": round(self.intensity, 3),
            "state": self.state,
        }


_active_path: Path | None = None


@lru_cache(maxsize=4)
def _load(path: Path) -> LinearModel:
    return LinearModel.load(path)


def use_model(path: Path | None) -> None:
    """Make `path` (e.g. from `nook engine train emotion`) the model used from now on; None = shipped."""
    global _active_path  # one model per process, like the lazily loaded default
    _active_path = path


def load_model(path: Path | None = None) -> LinearModel:
    """The emotion model at `path`, else the one set by `use_model`, else the shipped one; read once."""
    return _load(Path(path or _active_path or MODEL_PATH))


def _intensity(scores: dict[str, float], norm: NormalizedText) -> float:
    """0..1: emotional mass (1 - P(neutral)) scaled up by repeats, emoticons and intensifier words."""
    mass = 1.0 - scores.get("neutral", 0.0)
    lexical = min(1.0, len(_INTENSIFIERS.findall(norm.text)) / 2.0)
    return round(min(1.0, mass * (0.55 + 0.3 * norm.cue_strength + 0.25 * lexical)), 4)


def _result(probs: Sequence[float], labels: Sequence[str], norm: NormalizedText) -> EmotionResult:
    scores = {label: float(p) for label, p in zip(labels, probs, strict=True)}
    label = max(scores, key=scores.__getitem__)
    intensity = _intensity(scores, norm)
    return EmotionResult(label, scores, intensity, fine_state(label, intensity, norm.text))


def classify_normalized(norms: Sequence[NormalizedText], model: LinearModel | None = None) -> list[EmotionResult]:
    """Classify already-normalised posts (saves a second `normalize` inside `analyze`)."""
    model = model or load_model()
    probs = model.probabilities(hashed_features_many(norms))
    return [_result(row, model.labels, n) for row, n in zip(probs, norms, strict=True)]


def labels_normalized(norms: Sequence[NormalizedText]) -> list[str]:
    """The label alone of each already-normalised post, as `classify_normalized` gives it (the first most
    probable class), for callers that need no scores, intensity or state."""
    if not norms:
        return []
    model = load_model()
    return [model.labels[i] for i in np.argmax(model.probabilities(hashed_features_many(norms)), axis=1)]


def classify_emotions(texts: Sequence[str]) -> list[EmotionResult]:
    """Emotion of each text, in order."""
    if not texts:
        return []
    return classify_normalized([normalize(t) for t in texts])


def classify_emotion(text: str) -> EmotionResult:
    """Emotion of one text."""
    return classify_emotions([text])[0]
