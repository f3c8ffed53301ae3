"""Finer social states from the six-class emotion plus cue words (rules written for Nook).

Suggestions need more than "sad": an anxious exam-taker, a lost (迷茫) graduate and a tired
night-shift worker want different replies. The mapping (documented in docs/model-cards/emotion.md):

    label     cue words present                      -> state
    happy     上岸/录取/通过/拿到/第一名/终于…成功     -> proud
    happy     (no cue)                               -> happy (excited when intensity >= 0.8)
    sad       累/疲惫/熬夜/加班/困                    -> tired
    sad       孤独/寂寞/一个人/没人陪                 -> lonely
    sad       迷茫/不知道该/方向/意义/未来在哪         -> lost
    sad/fear  焦虑/担心/紧张/怎么办/睡不着/压力       -> anxious
    sad       (no cue)                               -> sad
    fear      (no cue)                               -> scared
    angry     (no cue)                               -> angry (annoyed when intensity < 0.4)
    surprise  —                                      -> surprised
    neutral   累/疲惫/熬夜/加班/困                    -> tired
    neutral   迷茫/不知道该/方向/意义                 -> lost
    neutral   (no cue)                               -> calm
"""

from __future__ import annotations

import re

__all__ = ["STATES", "fine_state"]

STATES = (
    "calm", "happy", "excited", "proud", "sad", "tired", "lonely", "lost", "anxious", "scared",
    "angry", "annoyed", "surprised",
)  # fmt: skip

_CUES: dict[str, re.Pattern[str]] = {
    "proud": re.compile(
        r"上岸|录取|考上|考过|通过了|拿到了?offer|拿到|第一名|冠军|获奖|得奖|升职|加薪|终于.{0,8}(成功|完成|做到|搞定)"
        r"|过了|满分|毕业了|答辩通过|中签|offer|拿下"
    ),
    "tired": re.compile(r"累|疲惫|熬夜|加班|好困|困死|犯困|没睡|通宵|身心俱疲|心累|精疲力尽"),
    "lonely": re.compile(r"孤独|寂寞|一个人|没人陪|没有人陪|没人理|没朋友|孤单"),
    "lost": re.compile(r"迷茫|不知道该|不知道自己|方向|意义|未来在哪|何去何从|不知所措|找不到自己"),
    "anxious": re.compile(r"焦虑|担心|紧张|怎么办|睡不着|压力|不安|慌|忐忑|害怕.{0,4}(考|挂|失败)"),
}

_SAD_ORDER = ("tired", "lonely", "lost", "anxious")


def _first_cue(text: str, states: tuple[str, ...]) -> str | None:
    return next((s for s in states if _CUES[s].search(text)), None)


def fine_state(label: str, intensity: float, text: str) -> str:
    """The social state for a post whose six-class label and intensity are known."""
    if label == "happy":
        if _CUES["proud"].search(text):
            return "proud"
        return "excited" if intensity >= 0.8 else "happy"
    if label == "sad":
        return _first_cue(text, _SAD_ORDER) or "sad"
    if label == "fear":
        return "anxious" if _CUES["anxious"].search(text) else "scared"
    if label == "angry":
        return "angry" if intensity >= 0.4 else "annoyed"
    if label == "surprise":
        return "surprised"
    return _first_cue(text, ("tired", "lost")) or "calm"
