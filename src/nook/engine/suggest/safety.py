"""The safety check: no suggestion whose feeling clashes with the post's (no congratulations under grief).

Two signals, either one rejects: clash words for the post's mood (a laugh or 恭喜 under a sad post,
心疼 or 节哀 under good news), and the engine's own emotion of the suggestion when it is confidently
the opposite of what the post needs and carries no comforting words.
"""

from __future__ import annotations

import re

from nook.engine.emotion import EmotionResult

__all__ = ["clashes"]

_CHEER = r"恭喜|祝贺|太棒|好棒|真棒|哈哈|笑死|hhh|233|羡慕|干杯|好开心|太好了|666|yyds|绝绝子|牛啊|冲鸭|撒花"
_PITY = r"节哀|心疼|别难过|抱抱你|可惜|太惨|没事的|会好起来|挺住|想开点|别哭"
_CLASH_WORDS: dict[str, re.Pattern[str]] = {
    "grief": re.compile(_CHEER + r"|加油|怎么做到|犒劳|打卡|开黑|求推荐|求安利|好可爱|太可爱"),
    "low": re.compile(_CHEER + r"|犒劳|求安利"),
    "angry": re.compile(r"哈哈|笑死|hhh|233|活该|恭喜|羡慕|666"),
    "proud": re.compile(_PITY),
    "happy": re.compile(_PITY),
    "everyday": re.compile(r"节哀|活该"),
}
_COMFORT = re.compile(r"抱抱|陪|我在|都在|会好|辛苦|心疼|休息|慢慢|不容易|懂你|找我")
# Post mood -> suggestion labels that clash when the emotion model is confident (p >= _SURE).
_CLASH_LABELS: dict[str, frozenset[str]] = {
    "grief": frozenset({"happy", "surprise", "angry"}),
    "low": frozenset({"happy", "angry"}),
    "proud": frozenset({"sad", "angry", "fear"}),
    "happy": frozenset({"sad", "angry", "fear"}),
}
_SURE = 0.6


def clashes(text: str, emotion: EmotionResult, post_mood: str) -> str | None:
    """Why `text` clashes with a post of mood `post_mood` (plain Chinese), or None when it fits."""
    words = _CLASH_WORDS.get(post_mood)
    hit = words.search(text) if words else None
    if hit:
        return f"对方的心情是「{post_mood}」，「{hit.group(0)}」不合时宜"
    label, p = emotion.label, emotion.scores.get(emotion.label, 0.0)
    if label in _CLASH_LABELS.get(post_mood, ()) and p >= _SURE and not _COMFORT.search(text):
        return f"这句话读起来是「{label}」，和对方此刻的心情相冲"
    return None
