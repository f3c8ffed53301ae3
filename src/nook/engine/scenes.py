"""Scenes/topics of a post (multi-label, scored 0..1) from a curated cue lexicon.

Each distinct cue found adds its tier weight (a #hashtag# cue adds twice more); the score is
1 - exp(-total), so one strong cue gives ~0.7 and several medium cues add up. Used by suggestions,
topic packs and circles, which want a ranked list rather than one class.
"""

from __future__ import annotations

import math
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
def _cue_table() -> tuple[dict[str, list[tuple[str, float]]], dict[str, tuple[int, ...]]]:
    """cue -> [(scene, weight)], and first character -> the lengths of cues starting with it."""
    table: dict[str, list[tuple[str, float]]] = {}
    for scene, tiers in SCENE_CUES.items():
        for weight, cues in tiers.items():
            for cue in cues:
                table.setdefault(cue, []).append((scene, weight))
    starts: dict[str, set[int]] = {}
    for cue in table:
        starts.setdefault(cue[0], set()).add(len(cue))
    return table, {ch: tuple(sorted(ns)) for ch, ns in starts.items()}


def _add_cues(text: str, bonus: float, totals: dict[str, float]) -> None:
    """Add the weight of every distinct cue found in `text` (a dictionary scan beats 50 regexes)."""
    table, starts = _cue_table()
    found = {text[i : i + n] for i, ch in enumerate(text) for n in starts.get(ch, ())} & table.keys()
    for cue in sorted(found):  # a fixed order: the sums (and ties between scenes) must not follow the hash seed
        for scene, weight in table[cue]:
            totals[scene] = totals.get(scene, 0.0) + weight * bonus


def detect_scenes_normalized(norm: NormalizedText, min_score: float = MIN_SCORE) -> list[Scene]:
    """Scenes of an already-normalised post, best first."""
    totals: dict[str, float] = {}
    _add_cues(norm.text, 1.0, totals)
    for tag in norm.hashtags:
        _add_cues(tag, _HASHTAG_BONUS, totals)
    scores = {scene: 1.0 - math.exp(-total) for scene, total in totals.items()}
    # Daily life is the backdrop of most posts: it only leads when nothing more specific is there.
    if _BACKDROP in scores and max((v for k, v in scores.items() if k != _BACKDROP), default=0.0) >= _CLEAR:
        scores[_BACKDROP] *= 0.5
    found = [Scene(name, score) for name, score in scores.items() if score >= min_score]
    return sorted(found, key=lambda s: (-s.score, s.name))


def detect_scenes(text: str, min_score: float = MIN_SCORE) -> list[Scene]:
    """Scenes of a post with score >= `min_score`, best first (empty when nothing is recognisable)."""
    return detect_scenes_normalized(normalize(text), min_score)
