"""`suggest`: three replies with different intents for a (post, reader) pair, built around what happened.

Steps: read the post once (a small LRU: many readers ask about one post): mood, crisis signal,
situation, sure slots, and, for general everyday posts only, the nearest real replies -> under a post
that signals a crisis, only the reviewed supportive lines (no personal line, no retrieved line, no
LLM) -> otherwise the reader's personal line when one of their shareable posts is in the same situation
with the right polarity, the bank's lines for the situation (a sure slot filled), the general lines for
the mood, and a retrieved question where allowed -> per intent, the first candidate that passes the
checks (no clash with the post's feeling; retrieved and LLM lines also the comment-quality gate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nook.engine.comments import Parent, assess_comment, read_parent
from nook.engine.crisis import Crisis, detect_crisis
from nook.engine.suggest._encode import embed
from nook.engine.suggest.candidates import (
    Candidate,
    bank_candidates,
    personal_candidate,
    retrieved_candidates,
    sure_slots,
)
from nook.engine.suggest.facts import PostFacts, read_post, read_post_light
from nook.engine.suggest.lines import sensitive_texts
from nook.engine.suggest.llm import LLMSuggester, Prompt, well_formed
from nook.engine.suggest.personal import Connection, HistoryPost, HistoryReading, find_connection
from nook.engine.suggest.retrieval import Retrieved, nearest_replies
from nook.engine.suggest.safety import clashes
from nook.engine.suggest.situations import GENERAL, Situation, read_situation
from nook.engine.suggest.topic_packs import circle_scene
from nook.engine.text import normalize, strip_for_dedup

__all__ = ["MIN_QUALITY", "Suggestion", "suggest"]

MIN_QUALITY = 50  # comment-quality score (0-100, encoder off) a retrieved or LLM line needs
_ENCODED_CHARS = 140  # the encoder sees a post's opening (its cost grows with length; the topic is there)
_LLM_WHY = "站点接入的大模型按这条说说写的，和其他建议一样通过了安全与质量检查"
_ORDER = {  # intents in the order they are offered, per reply mood (the first three with a line are used)
    "grief": ("empathy", "question", "shared_experience"),
    "low": ("empathy", "question", "shared_experience", "celebrate"),
    "angry": ("empathy", "question", "shared_experience"),
    "proud": ("celebrate", "question", "shared_experience", "empathy"),
    "happy": ("empathy", "question", "shared_experience", "celebrate"),
    "everyday": ("question", "empathy", "shared_experience", "celebrate"),
}
_FALLBACK = {
    "empathy": "看到这条想多听你说说，最近还好吗？",
    "question": "想听你多讲讲，后来呢？",
    "shared_experience": "有什么想聊的随时找我。",
    "celebrate": "真替你高兴！",
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    intent: str  # empathy | celebrate | shared_experience | question
    why: str  # plain Chinese: why this reply fits (and which of the reader's posts it drew on)
    source: str = "template"  # personal | scene | mood | plain | retrieved | fallback | llm

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "intent": self.intent, "why": self.why, "source": self.source}


@dataclass(frozen=True, slots=True)
class _Reading:
    """Everything about a post that does not depend on the reader, computed once per post."""

    facts: PostFacts
    situation: Situation
    slots: dict[str, str]
    replies: tuple[Retrieved, ...]
    parent: Parent  # the post as the quality gate reads it

    @property
    def mood(self) -> str:
        return self.situation.mood


def _situation(facts: PostFacts) -> Situation:
    crisis = detect_crisis(facts.text)
    if crisis is None and facts.mood == "grief":  # a loss the crisis list does not name: still handled gently
        return read_situation(facts.text, facts.mood, facts.emotion, Crisis("bereavement", False, ""))
    return read_situation(facts.text, facts.mood, facts.emotion, crisis)


@lru_cache(maxsize=256)  # many readers ask about one post
def _read(post: str, scene: str | None) -> _Reading:
    norm = normalize(post)
    facts = read_post(norm, (scene,) if scene else ())
    situation = _situation(facts)
    replies: tuple[Retrieved, ...] = ()
    if situation.name == GENERAL and situation.mood in ("everyday", "happy") and facts.text:
        replies = tuple(nearest_replies(embed([facts.text[:_ENCODED_CHARS]])[0]))
    parent = read_parent(post, norm=norm, emotion=facts.emotion)
    return _Reading(facts, situation, sure_slots(facts), replies, parent)


@lru_cache(maxsize=1024)  # a reader's recent posts come back with every post they ask about
def _read_history(text: str) -> HistoryReading | None:
    norm = normalize(text)
    if not norm.text:
        return None
    facts = read_post_light(norm)
    situation = read_situation(facts.text, facts.mood, facts.emotion, detect_crisis(facts.text))
    return HistoryReading(facts.text, situation, sure_slots(facts))


def _passes(c: Candidate, post: Parent, mood: str) -> bool:
    if c.source in ("retrieved", "llm"):
        verdict = assess_comment(c.text, post, use_encoder=False)
        if verdict.low_value.flag or verdict.offensive.flag or verdict.quality.score < MIN_QUALITY:
            return False
        return clashes(c.text, verdict.emotion, mood) is None
    return clashes(c.text, None, mood) is None


def _intents(pool: list[Candidate], mood: str, personal: Candidate | None) -> list[str]:
    """The situation's own intents first (general lines only top them up), in the mood's order."""
    own = {c.intent for c in pool if c.rank <= 1}
    have = {c.intent for c in pool}
    order = [i for i in _ORDER[mood] if i in own][:3]
    order += [i for i in _ORDER[mood] if i in have and i not in order][: 3 - len(order)]
    if personal and personal.intent not in order:
        order[-1:] = [personal.intent]
    for extra in _ORDER[mood]:  # a thin section: fill up with the mood's order
        if len(order) == 3:
            break
        if extra not in order:
            order.append(extra)
    return order


def _choose(reading: _Reading, pool: list[Candidate], personal: Candidate | None) -> list[Candidate]:
    chosen: list[Candidate] = []
    used: set[str] = set()
    for intent in _intents(pool, reading.mood, personal):
        options = ([personal] if personal and personal.intent == intent else []) + sorted(
            (c for c in pool if c.intent == intent), key=lambda c: c.rank
        )
        pick = next((c for c in options if c.text not in used and _passes(c, reading.parent, reading.mood)), None)
        if pick is None:
            pick = Candidate(_FALLBACK[intent], intent, "没有更贴切的说法时的通用接话", "fallback", False, 9)
        used.add(pick.text)
        chosen.append(pick)
    return chosen


def _with_llm(
    llm: LLMSuggester, reading: _Reading, link: Connection | None, chosen: list[Candidate]
) -> list[Candidate]:
    """`chosen` with each non-personal slot taken by the LLM's line for its intent, when that line is
    well formed, new and passes the same checks. Never called under a sensitive post."""
    facts = reading.facts
    open_slots = [i for i, c in enumerate(chosen) if c.source != "personal"]
    if not open_slots or not facts.text:
        return chosen
    prompt = Prompt(
        post=facts.text,
        mood=reading.mood,
        scenes=facts.scenes,
        intents=tuple(chosen[i].intent for i in open_slots),
        examples=tuple(c.text for c in chosen),
        connection=(link.value or link.zh, link.quote) if link else None,  # only the post that connects
        situation=reading.situation.zh if reading.situation.name != GENERAL else "",
    )
    seen = {strip_for_dedup(c.text) for c in chosen}
    out = list(chosen)
    for slot, line in zip(open_slots, llm.lines(prompt), strict=False):  # asked in slot order; fewer is fine
        key = strip_for_dedup(line)
        if not well_formed(line) or key in seen:
            continue
        seen.add(key)
        cand = Candidate(line, chosen[slot].intent, _LLM_WHY, "llm", False, 5)
        if _passes(cand, reading.parent, reading.mood):
            out[slot] = cand
    return out


def _supportive(reading: _Reading) -> list[Suggestion]:
    """Under a post that signals a crisis: three reviewed supportive lines, nothing else."""
    seed = reading.facts.text
    pool = [c for c in bank_candidates(reading.situation, reading.mood, {}, seed) if c.text in sensitive_texts()]
    out: list[Suggestion] = []
    for intent in _ORDER["grief"]:
        pick = next(c for c in pool if c.intent == intent and all(c.text != s.text for s in out))
        out.append(Suggestion(pick.text, pick.intent, pick.why, pick.source))
    return out


def suggest(
    post: str,
    viewer_history: Sequence[str | HistoryPost] = (),
    circle: str | None = None,
    *,
    llm: LLMSuggester | None = None,
) -> list[Suggestion]:
    """Three suggested comments with different intents for `post`, seen by a reader whose own recent
    posts (newest first) are `viewer_history`: plain strings are taken as posts the commented post's
    audience may see; pass `HistoryPost(text, shareable=False)` for one it may not (never drawn on).
    `circle` is the circle's topic, when posted in one; `llm`, when given, may write some of them (it
    waits at most the LLM's timeout, never fails), except under a post that signals a crisis."""
    reading = _read(post, circle_scene(circle))
    if reading.situation.sensitive:
        return _supportive(reading)
    seed = reading.facts.text or post
    link = find_connection(reading.situation, reading.slots, viewer_history, _read_history)
    personal = personal_candidate(link, reading.situation, reading.mood) if link else None
    pool = bank_candidates(reading.situation, reading.mood, reading.slots, seed)
    pool += retrieved_candidates(reading.situation, reading.mood, reading.replies)
    chosen = _choose(reading, pool, personal)
    if llm is not None:
        chosen = _with_llm(llm, reading, link, chosen)
    return [Suggestion(c.text, c.intent, c.why, c.source) for c in chosen]
