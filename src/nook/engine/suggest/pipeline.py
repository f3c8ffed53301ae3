"""`suggest`: three replies with different intents for a (post, reader) pair, checked before shown.

Steps: read the post (mood, scenes, slots) -> find where the reader's history connects -> build
candidates (personal, scene, mood, retrieved) -> drop those that clash with the post's feeling or
that the low-value check flags -> embed post and candidates in one batch -> per intent, pick by
relevance, specificity and personal bonus with MMR against what is already picked -> keep a pick
only if the comment-quality score passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nook.engine.comments import assess_comment, detect_low_value
from nook.engine.comments._mood import mood as answer_mood
from nook.engine.emotion import classify_normalized
from nook.engine.suggest._bank import INTENTS, LAST_RESORT
from nook.engine.suggest._encode import embed
from nook.engine.suggest.candidates import Candidate, build_candidates, retrieved_candidates, tone
from nook.engine.suggest.facts import PostFacts, read_post
from nook.engine.suggest.personal import find_connection
from nook.engine.suggest.retrieval import nearest_replies
from nook.engine.suggest.safety import clashes
from nook.engine.suggest.topic_packs import circle_scene
from nook.engine.text import normalize

__all__ = ["MIN_QUALITY", "Suggestion", "suggest"]

MIN_QUALITY = 50  # comment-quality score (0-100, encoder off: it lacks ~0.15 of continuity) to pass
_LAMBDA = 0.7  # MMR: weight of the candidate's own score against its similarity to earlier picks
_BONUS = {"personal": 0.3, "scene": 0.08, "mood": 0.0, "retrieved": 0.0}
_SPECIFIC_BONUS = 0.1


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    intent: str  # empathy | celebrate | shared_experience | question
    why: str  # plain Chinese: why this reply fits (and which of the reader's posts it drew on)
    source: str = "template"  # personal | scene | mood | retrieved | llm | fallback

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "intent": self.intent, "why": self.why}


def _safe(facts: PostFacts, post: str, pool: list[Candidate]) -> list[Candidate]:
    """Candidates that neither clash with the post's feeling nor look low-value under it."""
    norms = [normalize(c.text) for c in pool]
    parent_mood = answer_mood(facts.emotion, facts.text)
    keep = []
    for cand, norm, emotion in zip(pool, norms, classify_normalized(norms), strict=True):
        if (
            clashes(cand.text, emotion, facts.mood) is None
            and not detect_low_value(cand.text, norm, post, parent_mood).flag
        ):
            keep.append(cand)
    return keep


def _embed_pool(post: str, pool: list[Candidate]) -> npt.NDArray[np.float32]:
    """Embed the post and every candidate without one, in one batch; set each candidate's relevance."""
    todo = [c for c in pool if c.embedding is None]
    vecs = embed([post, *(c.text for c in todo)])
    for cand, vec in zip(todo, vecs[1:], strict=True):
        cand.embedding = vec
    for cand in pool:
        cand.relevance = float(vecs[0] @ cand.embedding) if cand.embedding is not None else 0.0
    post_vec: npt.NDArray[np.float32] = vecs[0]
    return post_vec


def _score(c: Candidate) -> float:
    return c.relevance + _BONUS[c.source] + (_SPECIFIC_BONUS if c.specific else 0.0)


def _mmr(c: Candidate, chosen: list[Candidate]) -> float:
    overlap = max((float(c.embedding @ p.embedding) for p in chosen if c.embedding is not None
                   and p.embedding is not None), default=0.0)  # fmt: skip
    return _LAMBDA * _score(c) - (1 - _LAMBDA) * overlap


def _passes(c: Candidate, post: str) -> bool:
    verdict = assess_comment(c.text, post, use_encoder=False)
    return not verdict.low_value.flag and not verdict.offensive.flag and verdict.quality.score >= MIN_QUALITY


def _choose(post: str, pool: list[Candidate], intents: Sequence[str], last: dict[str, str]) -> list[Candidate]:
    chosen: list[Candidate] = []
    personal = [c for c in pool if c.source == "personal"]
    order = ([personal[0].intent] if personal else []) + [i for i in intents if not personal or i != personal[0].intent]
    for intent in order:
        options = sorted((c for c in pool if c.intent == intent), key=lambda c: -_mmr(c, chosen))
        pick = next((c for c in options if _passes(c, post)), None)
        fallback = Candidate(last[intent], intent, "没有更贴切的说法时的通用接话", "fallback", False)
        chosen.append(pick or fallback)
    return chosen


def suggest(post: str, viewer_history: Sequence[str] = (), circle: str | None = None) -> list[Suggestion]:
    """Three suggested comments with different intents for `post`, seen by a reader whose own recent
    posts (newest first) are `viewer_history`; `circle` is the circle's topic, when posted in one."""
    scene = circle_scene(circle)
    facts = read_post(post, (scene,) if scene else ())
    link = find_connection(facts, viewer_history)
    pool = _safe(facts, post, build_candidates(facts, link))
    post_vec = _embed_pool(facts.text or post, pool)
    retrieved = _safe(facts, post, retrieved_candidates(facts, nearest_replies(post_vec)))
    for cand in retrieved:
        cand.relevance = float(post_vec @ cand.embedding) if cand.embedding is not None else 0.0
    chosen = _choose(post, pool + retrieved, INTENTS[facts.mood], LAST_RESORT[tone(facts.mood)])
    return [Suggestion(c.text, c.intent, c.why, c.source) for c in chosen]
