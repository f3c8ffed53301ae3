"""Smart comment suggestions, topic packs and the hook assistant (issue 7).

`suggest(post, viewer_history, circle)` -> three `Suggestion`s with different intents;
`topic_chips(circle)` -> prompt chips of the circle's topic pack; `hook_rewrites(draft)` -> 2-3
rewrites of a draft that add a hook.
"""

from __future__ import annotations

from nook.engine.suggest.hook_assistant import hook_rewrites
from nook.engine.suggest.pipeline import Suggestion, suggest
from nook.engine.suggest.topic_packs import TopicPack, default_packs, find_pack, topic_chips

__all__ = ["Suggestion", "TopicPack", "default_packs", "find_pack", "hook_rewrites", "suggest", "topic_chips"]
