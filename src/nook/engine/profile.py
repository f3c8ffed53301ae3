"""A member's interests and current mood, updated one event at a time with exponential time decay.

Interests (scene and keyword weights) come from what the member posts, comments on and likes, each
event weighted by how much effort it shows. Mood comes from the member's own posts and comments
only, with a much shorter half-life: what someone felt last week is not how they feel now.
Values are stored as of `updated_at` and decayed lazily, so an update is O(features of one post).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EVENT_WEIGHTS", "InterestProfile"]

EVENT_WEIGHTS: dict[str, float] = {"post": 1.0, "comment": 0.6, "like": 0.25}
_MAX_KEYWORDS = 200
_MAX_STATES = 20
_EPSILON = 1e-3


def _decay(weights: dict[str, float], factor: float) -> None:
    for key in list(weights):
        weights[key] *= factor
        if weights[key] < _EPSILON:
            del weights[key]


def _top(weights: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(weights.items(), key=lambda kv: -kv[1])[:n]


@dataclass
class InterestProfile:
    """Per-member profile; serialise with `to_json`, restore with `from_json`."""

    half_life_days: float = 30.0
    mood_half_life_days: float = 2.0
    updated_at: float = 0.0  # unix seconds of the newest event folded in
    scenes: dict[str, float] = field(default_factory=dict)
    keywords: dict[str, float] = field(default_factory=dict)
    mood: dict[str, float] = field(default_factory=dict)  # six-class label -> decayed weight
    states: dict[str, float] = field(default_factory=dict)  # fine state -> decayed weight

    def _factor(self, seconds: float, half_life_days: float) -> float:
        return math.pow(0.5, seconds / (half_life_days * 86400.0))

    def _advance(self, at: float) -> None:
        """Decay everything to time `at` (later than `updated_at`)."""
        elapsed = at - self.updated_at
        if self.updated_at and elapsed > 0:
            _decay(self.scenes, self._factor(elapsed, self.half_life_days))
            _decay(self.keywords, self._factor(elapsed, self.half_life_days))
            _decay(self.mood, self._factor(elapsed, self.mood_half_life_days))
            _decay(self.states, self._factor(elapsed, self.mood_half_life_days))
        self.updated_at = max(self.updated_at, at)

    def observe(
        self, kind: str, analysis: Mapping[str, Any], at: float, *, own_words: Mapping[str, Any] | None = None
    ) -> None:
        """Fold one event in. `analysis` is the `analyze_record` result of what the event is about:
        the member's post, the post they commented on, or the post they liked. For a comment, pass the
        comment's own analysis as `own_words`: it sets the mood (a post's mood is its writer's, not ours)."""
        if kind not in EVENT_WEIGHTS:
            raise ValueError(f"unknown event kind {kind!r}; expected one of {sorted(EVENT_WEIGHTS)}")
        self._advance(at)
        age = self.updated_at - at  # > 0 for an event that arrives late
        weight = EVENT_WEIGHTS[kind] * self._factor(age, self.half_life_days)
        for scene in analysis.get("scenes", []):
            self.scenes[scene["name"]] = self.scenes.get(scene["name"], 0.0) + weight * float(scene["score"])
        for word in analysis.get("keywords", []):
            self.keywords[word] = self.keywords.get(word, 0.0) + weight
        self.keywords = dict(_top(self.keywords, _MAX_KEYWORDS))
        mine = analysis if kind == "post" else own_words if kind == "comment" else None
        if mine and mine.get("emotion"):
            self._observe_mood(mine["emotion"], self._factor(age, self.mood_half_life_days))

    def _observe_mood(self, emotion: Mapping[str, Any], weight: float) -> None:
        for label, p in emotion.get("scores", {}).items():
            self.mood[label] = self.mood.get(label, 0.0) + weight * float(p)
        state = emotion.get("state")
        if state:
            self.states[state] = self.states.get(state, 0.0) + weight * (0.5 + float(emotion.get("intensity", 0)))
            self.states = dict(_top(self.states, _MAX_STATES))

    def top_scenes(self, n: int = 5) -> list[tuple[str, float]]:
        return _top(self.scenes, n)

    def top_keywords(self, n: int = 10) -> list[tuple[str, float]]:
        return _top(self.keywords, n)

    def current_state(self, at: float | None = None) -> dict[str, Any] | None:
        """Mood now: dominant label, fine state and confidence; None when no recent own posts."""
        factor = self._factor(max(0.0, (at or self.updated_at) - self.updated_at), self.mood_half_life_days)
        total = sum(self.mood.values()) * factor
        if total < 0.05:  # about one post more than ~9 days (4.5 mood half-lives) ago
            return None
        label, weight = _top(self.mood, 1)[0]
        state = _top(self.states, 1)[0][0] if self.states else label
        return {"label": label, "state": state, "confidence": round(weight * factor / total, 3)}

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "half_life_days": self.half_life_days,
            "mood_half_life_days": self.mood_half_life_days,
            "updated_at": self.updated_at,
            "scenes": self.scenes,
            "keywords": self.keywords,
            "mood": self.mood,
            "states": self.states,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> InterestProfile:
        if data.get("version", 1) != 1:
            raise ValueError(f"unsupported profile version {data.get('version')!r}")
        return cls(
            half_life_days=float(data["half_life_days"]),
            mood_half_life_days=float(data["mood_half_life_days"]),
            updated_at=float(data["updated_at"]),
            scenes={k: float(v) for k, v in data["scenes"].items()},
            keywords={k: float(v) for k, v in data["keywords"].items()},
            mood={k: float(v) for k, v in data["mood"].items()},
            states={k: float(v) for k, v in data["states"].items()},
        )
