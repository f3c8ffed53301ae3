"""Scenes/topics of a post (multi-label, scored 0..1) from a curated cue lexicon.

Each cue found adds its tier weight (a #hashtag# cue counts double); the score is
1 - exp(-total), so one strong cue gives ~0.7 and several medium cues add up. Used by suggestions,
topic packs and circles, which want a ranked list rather than one class.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nook.engine._scene_lexicon import SCENE_CUES
from nook.engine.text import NormalizedText, normalize

__all__ = ["SCENES", "Scene", "detect_scenes", "detect_scenes_normalized"]

SCENES: tuple[str, ...] = tuple(SCENE_CUES)
MIN_SCORE = 0.3
_HASHTAG_BONUS = 2.0
_BACKDROP = "daily_life"
_CLEAR = 0.6  # a scene this sure pushes the daily-life backdrop down


@dataclass(frozen=True, slots=True)
class Scene:
    name: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "score": round(self.score, 3)}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[tuple[float, re.Pattern[str]]]]:
    """One alternation regex per (scene, tier), longest cue first so 考研 wins over 考."""
    out: dict[str, list[tuple[float, re.Pattern[str]]]] = {}
    for scene, tiers in SCENE_CUES.items():
        out[scene] = [
            (weight, re.compile("|".join(map(re.escape, sorted(cues, key=len, reverse=True)))))
            for weight, cues in tiers.items()
            if cues
        ]
    return out


def _scene_weight(tiers: list[tuple[float, re.Pattern[str]]], text: str, tags: str) -> float:
    total = 0.0
    for weight, pattern in tiers:
        total += weight * len(set(pattern.findall(text)))
        total += weight * _HASHTAG_BONUS * len(set(pattern.findall(tags)))
    return total


def detect_scenes_normalized(norm: NormalizedText, min_score: float = MIN_SCORE) -> list[Scene]:
    """Scenes of an already-normalised post, best first."""
    tags = " ".join(norm.hashtags)
    scores = {scene: 1.0 - math.exp(-_scene_weight(tiers, norm.text, tags)) for scene, tiers in _patterns().items()}
    # Daily life is the backdrop of most posts: it only leads when nothing more specific is there.
    if max((v for k, v in scores.items() if k != _BACKDROP), default=0.0) >= _CLEAR:
        scores[_BACKDROP] *= 0.5
    found = [Scene(name, score) for name, score in scores.items() if score >= min_score]
    return sorted(found, key=lambda s: -s.score)


def detect_scenes(text: str, min_score: float = MIN_SCORE) -> list[Scene]:
    """Scenes of a post with score >= `min_score`, best first (empty when nothing is recognisable)."""
    return detect_scenes_normalized(normalize(text), min_score)
