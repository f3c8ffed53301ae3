"""The composer's hook assistant: when a draft invites no reply, 2-3 rewrites that add one.

It reuses `nook.engine.hooks.suggest_hooks` (the writer's words are kept and one line is added), which
is mood-aware (a sad draft gets an invitation to share, not a poll) and topic-aware (the draft's
scenes), and only adds what the composer knows beyond the draft: the circle's scene when the draft
names none, and a check that each rewrite now reads as having a hook. A draft that signals a crisis
(nook.engine.crisis) gets no rewrites at all: nobody should be nudged to "invite replies" there.
"""

from __future__ import annotations

from nook.engine.crisis import detect_crisis
from nook.engine.emotion import classify_emotion
from nook.engine.hooks import HookSuggestion, detect_hook, suggest_hooks
from nook.engine.scenes import detect_scenes
from nook.engine.suggest.topic_packs import circle_scene

__all__ = ["hook_rewrites"]


def hook_rewrites(draft: str, circle: str | None = None) -> list[HookSuggestion]:
    """Rewrites of `draft` that end with a hook; empty when the draft already has one, is empty or
    signals a crisis."""
    if not draft.strip() or detect_hook(draft, suggest=False).present or detect_crisis(draft) is not None:
        return []
    scenes = [s.name for s in detect_scenes(draft)]
    scene = circle_scene(circle)
    if scene and (not scenes or scenes[0] == "daily_life"):
        scenes.insert(0, scene)  # a vague draft in a photography circle gets photography hooks
    state = classify_emotion(draft).state
    return [s for s in suggest_hooks(draft, scenes, state) if detect_hook(s.text, suggest=False).present]
