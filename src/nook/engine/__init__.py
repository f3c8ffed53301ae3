"""nook.engine: understand Chinese posts and people (a pure library: no web, no database).

Understanding: `normalize`, `classify_emotion(s)`, `detect_scenes`, `extract_keywords`,
`detect_hook`/`suggest_hooks`, `analyze_record`/`analyze_stream`, `InterestProfile`, and
`detect_crisis` (suicide, self-harm, depression, bereavement, serious illness, abuse, breakup signals).
Comment quality, like rings and suggestions live in `nook.engine.comments`, `.rings` and `.suggest`.

Names are imported on first use, so a tool that needs one feature (say `nook engine rings`) does
not pay for loading the others' models and dictionaries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nook.engine.analyze import analyze_record, analyze_stream
    from nook.engine.crisis import Crisis, detect_crisis
    from nook.engine.emotion import EmotionResult, classify_emotion, classify_emotions
    from nook.engine.hooks import Hook, detect_hook, suggest_hooks
    from nook.engine.keywords import extract_keywords
    from nook.engine.profile import InterestProfile
    from nook.engine.scenes import Scene, detect_scenes
    from nook.engine.text import NormalizedText, normalize, strip_for_dedup

_HOME = {
    "Crisis": "crisis",
    "detect_crisis": "crisis",
    "analyze_record": "analyze",
    "analyze_stream": "analyze",
    "EmotionResult": "emotion",
    "classify_emotion": "emotion",
    "classify_emotions": "emotion",
    "Hook": "hooks",
    "detect_hook": "hooks",
    "suggest_hooks": "hooks",
    "extract_keywords": "keywords",
    "InterestProfile": "profile",
    "Scene": "scenes",
    "detect_scenes": "scenes",
    "NormalizedText": "text",
    "normalize": "text",
    "strip_for_dedup": "text",
}

__all__ = [
    "Crisis",
    "EmotionResult",
    "Hook",
    "InterestProfile",
    "NormalizedText",
    "Scene",
    "analyze_record",
    "analyze_stream",
    "classify_emotion",
    "classify_emotions",
    "detect_crisis",
    "detect_hook",
    "detect_scenes",
    "extract_keywords",
    "normalize",
    "strip_for_dedup",
    "suggest_hooks",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'nook.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"nook.engine.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value
