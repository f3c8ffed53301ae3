"""Candidate replies for a post: personal lines, scene lines, mood lines and retrieved real replies."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nook.engine.suggest._bank import GENERIC, INTENTS, PERSONAL, PLAIN, SCENE
from nook.engine.suggest.facts import PostFacts
from nook.engine.suggest.personal import Connection
from nook.engine.suggest.retrieval import Retrieved

__all__ = ["SCENE_ZH", "Candidate", "build_candidates", "retrieved_candidates", "tone"]

SCENE_ZH = {
    "travel": "旅行", "study": "学习考试", "campus": "校园", "work": "工作", "pets": "宠物", "food": "美食",
    "parenting": "育儿", "fandom": "追星追番", "games": "游戏电竞", "photography": "摄影", "journaling": "记录生活",
    "sports": "运动", "love": "感情", "health": "身体健康", "family": "家人", "achievement": "成就",
    "daily_life": "日常",
}  # fmt: skip
_MOOD_WHY = {
    "grief": "对方在经历失去，只陪伴、不道喜，留一个轻轻的话头",
    "low": "对方情绪低落，先安慰和陪伴，再留一个可以接的话头",
    "proud": "对方在分享成就，先共鸣，再接一个具体的追问",
    "happy": "对方很开心，一起开心，再好奇地多问一句",
    "angry": "对方在生气，先理解和安抚，不笑闹",
    "everyday": "日常分享，用好奇心把话题接下去",
}
_QUESTION = re.compile(r"[?？]|吗|呢")
_SHARED = re.compile(r"我也|我之前|我以前|我上次|我当时")


@dataclass(slots=True)
class Candidate:
    text: str
    intent: str
    why: str
    source: str  # personal | scene | mood | plain | retrieved | fallback | llm
    specific: bool  # names something from the post
    template: str  # the bank line it was filled from (a retrieved reply is its own template)
    embedding: npt.NDArray[np.float32] | None = None
    relevance: float = 0.0


def tone(mood: str) -> str:
    """Scene and personal lines come in two tones: "low" (comfort first) and "up"."""
    return "low" if mood in ("grief", "low", "angry") else "up"


def _pick(options: tuple[str, ...], seed: str) -> str:
    """A stable choice among variants, different across posts (crc32 of the post text)."""
    return options[zlib.crc32(seed.encode("utf-8")) % len(options)]


def _personal(facts: PostFacts, link: Connection) -> Candidate:
    template = PERSONAL[(link.kind, tone(facts.mood))]
    why = f"你之前发过「{link.quote}」，和这条都说到「{link.value}」，所以借你自己的经历接话"
    text = template.format(value=link.value, mine=link.quote)
    return Candidate(text, "shared_experience", why, "personal", True, template)


def _scene(facts: PostFacts) -> list[Candidate]:
    out = []
    for scene in facts.scenes[:2]:
        lines, x = SCENE.get((scene, tone(facts.mood))), facts.scene_slot(scene)
        if not lines or not x or facts.mood == "grief":
            continue
        for intent, template in lines.items():
            intent = "celebrate" if facts.mood == "proud" and intent == "empathy" else intent
            if intent in INTENTS[facts.mood]:
                why = f"帖子在说{SCENE_ZH.get(scene, scene)}，接上了其中的「{x}」；{_MOOD_WHY[facts.mood]}"
                out.append(Candidate(template.format(x=x), intent, why, "scene", True, template))
    return out


def _mood_lines(facts: PostFacts) -> list[Candidate]:
    out = []
    thing = facts.slots.get("thing")
    for intent in INTENTS[facts.mood]:
        if thing:
            template = _pick(GENERIC[(facts.mood, intent)], facts.text)
            why = f"接上了帖子里的「{thing}」；{_MOOD_WHY[facts.mood]}"
            out.append(Candidate(template.format(thing=thing), intent, why, "mood", True, template))
        plain = _pick(PLAIN[(facts.mood, intent)], facts.text)
        out.append(Candidate(plain, intent, _MOOD_WHY[facts.mood], "plain", False, plain))
    return out


def retrieved_candidates(facts: PostFacts, found: Sequence[Retrieved]) -> list[Candidate]:
    """Real replies from the LCCC index as candidates (their embeddings come with them)."""
    out = []
    for r in found:
        intent = (
            "shared_experience" if _SHARED.search(r.reply) else "question" if _QUESTION.search(r.reply) else "empathy"
        )
        why = f"真实微博回复里的说法（LCCC 语料），它回复的帖子「{r.post[:14]}」和这条很像"
        specific = any(w in r.reply for w in facts.named)
        out.append(Candidate(r.reply, intent, why, "retrieved", specific, r.reply, r.embedding))
    return out


def build_candidates(facts: PostFacts, link: Connection | None) -> list[Candidate]:
    """Template candidates, personal first; duplicates (same text) dropped."""
    pool = ([_personal(facts, link)] if link else []) + _scene(facts) + _mood_lines(facts)
    return list({c.text: c for c in reversed(pool)}.values())[::-1]  # keeps the first of each text
