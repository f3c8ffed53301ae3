"""What happened in a post: its situation (failed an exam, lost a pet, a layoff, a trip…), polarity and
confidence, read from reviewed cue phrases (see _situation_table.py) on top of the post's mood.

The reader is conservative: a crisis signal (nook.engine.crisis) wins over everything; otherwise the
first situation whose cue matches and whose feeling does not contradict a confident emotion reading;
otherwise `general`, keyed only on the post's mood. A reply for the wrong situation does more harm than
a plain warm one, so a cue that the post's feeling contradicts is dropped rather than trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nook.engine.crisis import Crisis
from nook.engine.emotion import EmotionResult
from nook.engine.suggest._situation_table import ROWS

__all__ = ["GENERAL", "SITUATIONS", "Situation", "SituationDef", "read_situation"]

GENERAL = "general"
_PET_WORDS = re.compile(r"猫|狗|它|宠物|毛孩子|彩虹桥|仓鼠|兔|鹦鹉|乌龟|喵|汪")
_SURE = 0.6  # the emotion model's probability above which its reading may veto a cue
_UP_MOODS = frozenset({"happy", "proud"})
_DOWN_MOODS = frozenset({"grief", "low", "angry"})
# Situations whose cue is an event in itself (上岸了, 被裁, 宝宝出生): kept even when the model's feeling
# disagrees (it misreads plain news); the others name a topic and are dropped when the feeling clashes.
_EVENTS = frozenset({
    "exam_fail", "exam_pass", "layoff", "promotion", "promotion_scary", "job_new", "love_new", "wedding",
    "baby_born", "pregnancy", "recovery", "injury", "pet_lost", "pet_sick", "good_luck", "payday",
    "achievement", "game_win", "game_lose", "lost_item", "scammed", "travel_mishap", "birthday_own",
    "pet_mischief", "cooking_fail",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class SituationDef:
    name: str
    group: str
    polarity: str  # neg | pos | mixed | neutral
    mood: str  # the mood a reply meets; "" = the post's own
    zh: str
    cue: re.Pattern[str]
    blocker: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Situation:
    """A post's situation as read: name, group, polarity, the mood replies should meet, and confidence."""

    name: str
    group: str
    polarity: str
    mood: str
    zh: str
    confidence: float
    crisis: Crisis | None = None

    @property
    def sensitive(self) -> bool:
        return self.crisis is not None

    @property
    def tone(self) -> str:
        """The bank variant for mixed situations: "low" for grief/low/angry moods, "up" otherwise."""
        return "low" if self.mood in _DOWN_MOODS else "up"


@lru_cache(maxsize=1)
def _defs() -> tuple[SituationDef, ...]:
    return tuple(
        SituationDef(name, group, pol, mood, zh, re.compile(cue, re.IGNORECASE), re.compile(block) if block else None)
        for name, group, pol, mood, zh, cue, block in ROWS
    )


SITUATIONS: tuple[str, ...] = tuple(row[0] for row in ROWS)


def _crisis_situation(crisis: Crisis, text: str) -> Situation:
    name = crisis.kind
    if name == "bereavement" and _PET_WORDS.search(text):
        name = "pet_death"
    mood = "grief" if name in ("bereavement", "pet_death") else "low"
    return Situation(f"crisis_{name}", "crisis", "neg", mood, "需要被小心接住的时刻", 1.0, crisis)


def _contradicts(d: SituationDef, mood: str, emotion: EmotionResult) -> bool:
    """A topic cue whose feeling the post's confident emotion reading contradicts (a sad sunset post)."""
    if d.name in _EVENTS or emotion.scores.get(emotion.label, 0.0) < _SURE:
        return False
    if d.polarity == "neg" and d.mood == "low" and mood == "angry":
        return True  # a rant about someone else's cold is no call to comfort the author's
    return (d.polarity == "pos" and mood in _DOWN_MOODS) or (d.polarity == "neg" and mood in _UP_MOODS)


def _reply_mood(d: SituationDef, post_mood: str) -> str:
    if not d.mood or d.polarity in ("mixed", "neutral"):
        return d.mood if d.mood and post_mood == "everyday" else post_mood
    return d.mood


def read_situation(text: str, mood: str, emotion: EmotionResult, crisis: Crisis | None) -> Situation:
    """The situation of a (normalised) post whose mood and emotion were already read; `crisis` from
    nook.engine.crisis.detect_crisis decides first."""
    if crisis is not None:
        return _crisis_situation(crisis, text)
    for d in _defs():
        m = d.cue.search(text)
        if m is None or (d.blocker is not None and d.blocker.search(text)) or _contradicts(d, mood, emotion):
            continue
        confidence = 0.9 if d.name in _EVENTS else 0.75
        return Situation(d.name, d.group, d.polarity, _reply_mood(d, mood), d.zh, confidence)
    return Situation(GENERAL, GENERAL, "neutral", mood, "日常", 0.5)
