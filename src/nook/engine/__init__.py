"""nook.engine: understand Chinese posts and people (a pure library: no web, no database).

Understanding: `normalize`, `classify_emotion(s)`, `detect_scenes`, `extract_keywords`,
`detect_hook`/`suggest_hooks`, `analyze_record`/`analyze_stream`, and `InterestProfile`.
"""

from __future__ import annotations

from nook.engine.analyze import analyze_record, analyze_stream
from nook.engine.emotion import EmotionResult, classify_emotion, classify_emotions
from nook.engine.hooks import Hook, detect_hook, suggest_hooks
from nook.engine.keywords import extract_keywords
from nook.engine.profile import InterestProfile
from nook.engine.scenes import Scene, detect_scenes
from nook.engine.text import NormalizedText, normalize, strip_for_dedup

__all__ = [
    "EmotionResult",
    "Hook",
    "InterestProfile",
    "NormalizedText",
    "Scene",
    "analyze_record",
    "analyze_stream",
    "classify_emotion",
    "classify_emotions",
    "detect_hook",
    "detect_scenes",
    "extract_keywords",
    "normalize",
    "strip_for_dedup",
    "suggest_hooks",
]
