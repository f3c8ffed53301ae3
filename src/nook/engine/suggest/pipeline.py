"""`suggest`: three replies with different intents for a (post, reader) pair, checked before shown.

Steps: read the post (mood, scenes, slots) and embed it, once per post text (a small LRU: many
readers ask about one post) -> find where the reader's history connects -> build candidates
(personal, scene, mood, plain lines and retrieved real replies) -> score each candidate by encoder
relevance (templates are embedded once per process), a specificity bonus and a personal bonus, with
MMR against what is already picked -> per intent, show the best candidate that passes the checks: no
clash with the post's feeling, not low-value, not offensive, and a comment-quality score of at least
MIN_QUALITY (the post is read for these checks once, not once per candidate). With `llm` (an
operator's LLM, see llm.py), its lines go through the same checks and take the slots they pass in,
except a personal one; the offline lines fill the rest, and fill everything when the LLM fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from nook.engine.comments import Parent, assess_comment, read_parent
from nook.engine.suggest._bank import INTENTS, LAST_RESORT
from nook.engine.suggest._encode import embed, template_vectors
from nook.engine.suggest.candidates import Candidate, build_candidates, retrieved_candidates, tone
from nook.engine.suggest.facts import PostFacts, read_post
from nook.engine.suggest.llm import LLMSuggester, Prompt, well_formed
from nook.engine.suggest.personal import Connection, find_connection
from nook.engine.suggest.retrieval import Retrieved, nearest_replies
from nook.engine.suggest.safety import clashes
from nook.engine.suggest.topic_packs import circle_scene
from nook.engine.text import normalize, strip_for_dedup

__all__ = ["MIN_QUALITY", "Suggestion", "suggest"]

MIN_QUALITY = 50  # comment-quality score (0-100, encoder off: it lacks ~0.15 of continuity) to pass
_LAMBDA = 0.7  # MMR: weight of the candidate's own score against its similarity to earlier picks
_BONUS = {"personal": 0.4, "scene": 0.12, "mood": 0.06, "plain": 0.0, "retrieved": 0.0}
_SPECIFIC_BONUS = 0.1
# The encoder sees a post's first 140 characters (a classic Weibo post; posts here may have 2,000): its
# cost grows ~0.04 ms a character, so a 2,000-char post took ~80 ms, and the opening carries the topic
# (on the bench, whose posts are 8-140 chars, caps of 60-100 lowered no quality figure by over 0.001).
_ENCODED_CHARS = 140
_LLM_WHY = "站点接入的大模型按这条说说写的，和其他建议一样通过了安全与质量检查"


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
    vector: npt.NDArray[np.float32]  # read-only: shared by every request on this post
    replies: tuple[Retrieved, ...]
    parent: Parent  # the post as the quality gate reads it


@lru_cache(maxsize=256)  # many readers ask about one post; reading and embedding it is ~60% of a request
def _read(post: str, scene: str | None) -> _Reading:
    norm = normalize(post)  # once, for the suggestions and the quality gate alike
    facts = read_post(norm, (scene,) if scene else ())
    vector = embed([(facts.text or post)[:_ENCODED_CHARS]])[0]
    vector.flags.writeable = False
    parent = read_parent(post, norm=norm, emotion=facts.emotion)
    return _Reading(facts, vector, tuple(nearest_replies(vector)), parent)


def _score_pool(post_vec: npt.NDArray[np.float32], pool: list[Candidate]) -> None:
    """Give every candidate an embedding (its template's, unless it brought one) and a relevance."""
    todo = [c for c in pool if c.embedding is None]
    for cand, vec in zip(todo, template_vectors([c.template for c in todo]), strict=True):
        cand.embedding = vec
    for cand in pool:
        cand.relevance = float(post_vec @ cand.embedding) if cand.embedding is not None else 0.0


def _score(c: Candidate) -> float:
    return c.relevance + _BONUS[c.source] + (_SPECIFIC_BONUS if c.specific else 0.0)


def _mmr(c: Candidate, chosen: list[Candidate]) -> float:
    overlap = max((float(c.embedding @ p.embedding) for p in chosen if c.embedding is not None
                   and p.embedding is not None), default=0.0)  # fmt: skip
    return _LAMBDA * _score(c) - (1 - _LAMBDA) * overlap


def _passes(c: Candidate, post: Parent, mood: str) -> bool:
    verdict = assess_comment(c.text, post, use_encoder=False)
    if verdict.low_value.flag or verdict.offensive.flag or verdict.quality.score < MIN_QUALITY:
        return False
    return clashes(c.text, verdict.emotion, mood) is None


def _choose(post: Parent, mood: str, pool: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    personal = [c for c in pool if c.source == "personal"]
    intents = INTENTS[mood]
    order = ([personal[0].intent] if personal else []) + [i for i in intents if not personal or i != personal[0].intent]
    for intent in order:
        options = sorted((c for c in pool if c.intent == intent), key=lambda c: -_mmr(c, chosen))
        pick = next((c for c in options if _passes(c, post, mood)), None)
        last = LAST_RESORT[tone(mood)][intent]
        chosen.append(pick or Candidate(last, intent, "没有更贴切的说法时的通用接话", "fallback", False, last))
    return chosen


def _with_llm(
    llm: LLMSuggester, reading: _Reading, link: Connection | None, pool: list[Candidate], chosen: list[Candidate]
) -> list[Candidate]:
    """`chosen` with each non-personal slot taken by the LLM's line for its intent, when that line is
    well formed, new (not one of the offline candidates) and passes the same checks."""
    facts = reading.facts
    open_slots = [i for i, c in enumerate(chosen) if c.source != "personal"]
    if not open_slots or not facts.text:
        return chosen
    prompt = Prompt(
        post=facts.text,
        mood=facts.mood,
        scenes=facts.scenes,
        intents=tuple(chosen[i].intent for i in open_slots),
        examples=tuple(c.text for c in chosen),
        connection=(link.value, link.quote) if link else None,  # only the post that connects, never all history
    )
    seen = {strip_for_dedup(c.text) for c in pool + chosen}
    out = list(chosen)
    for slot, line in zip(open_slots, llm.lines(prompt), strict=False):  # asked in slot order; fewer is fine
        key = strip_for_dedup(line)
        if not well_formed(line) or key in seen:
            continue
        seen.add(key)
        specific = any(w in line for w in facts.named)
        cand = Candidate(line, chosen[slot].intent, _LLM_WHY, "llm", specific, line)
        if _passes(cand, reading.parent, facts.mood):
            out[slot] = cand
    return out


def suggest(
    post: str, viewer_history: Sequence[str] = (), circle: str | None = None, *, llm: LLMSuggester | None = None
) -> list[Suggestion]:
    """Three suggested comments with different intents for `post`, seen by a reader whose own recent
    posts (newest first) are `viewer_history`; `circle` is the circle's topic, when posted in one;
    `llm`, when given, may write some of them (it waits at most the LLM's timeout, never fails)."""
    reading = _read(post, circle_scene(circle))
    facts = reading.facts
    link = find_connection(facts, viewer_history)
    pool = build_candidates(facts, link)
    pool += retrieved_candidates(facts, reading.replies)
    _score_pool(reading.vector, pool)
    chosen = _choose(reading.parent, facts.mood, pool)
    if llm is not None:
        chosen = _with_llm(llm, reading, link, pool, chosen)
    return [Suggestion(c.text, c.intent, c.why, c.source) for c in chosen]
