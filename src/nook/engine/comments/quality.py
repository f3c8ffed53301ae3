"""Quality 0-100 of a comment against what it answers, with components and plain Chinese reasons.

Components (each 0..1): emotional density, topic continuity (sentence-encoder similarity plus keyword
overlap), specificity, conversation potential and emotional fit; offensive text costs points and a
low-value comment is capped. Weights and wording live here so writers and moderators see one story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nook.engine.comments.lowvalue import LowValueResult, own_words
from nook.engine.comments.offensive import OffensiveResult
from nook.engine.emotion import EmotionResult
from nook.engine.keywords import extract_keywords

__all__ = ["WARM_SCORE", "WEIGHTS", "QualityScore", "Signals", "is_warm", "score_quality"]

WEIGHTS = {"emotional_density": 0.15, "topic_continuity": 0.25, "specificity": 0.20,
           "conversation_potential": 0.20, "emotional_fit": 0.20}  # fmt: skip
OFFENSIVE_PENALTY = 40.0
#: a feeling that jars with the post's (comfort under good news) costs more than its missing fit
MISMATCH_PENALTY = 15.0
#: a folded comment scores at most this: lower the surer the fold and the less the comment says
LOW_VALUE_CAP = 15
#: the least score of a warm (走心) comment; warm also needs substance (see `is_warm`)
WARM_SCORE = 60

_QUESTION = re.compile(r"[？?]|吗|呢$|怎么|为什么|为啥|什么|哪[里儿个家]|多少|有没有|是不是|要不要|能不能|几[点号个]")
_EXPERIENCE = re.compile(
    r"我也|我之前|我以前|我上次|我当时|我家|我们那|我小时候|我曾|记得|以前我|我妈|我爸|我去年|我前"
)
_SUGGEST = re.compile(r"可以试试|试试|建议|推荐|不妨|要不|记得|别忘了")
_COMFORT = re.compile(
    r"抱抱|心疼|加油|会好|会更好|别太?难过|节哀|不哭|别哭|陪你|陪着|摸摸|没事的|辛苦|照顾好|保重|我在|我们都在|都会过去|"
    r"挺住|别怕|一起面对|慢慢来|别灰心|不要灰心|一起想办法"
)
_CELEBRATE = re.compile(r"恭喜|祝贺|太棒|真棒|好棒|真好|太好了|厉害|羡慕|开心|为你高兴|牛|干杯")
_LAUGH = re.compile(r"哈哈|笑死|hhh|233|666|嘻嘻|好好笑|恭喜|太好了")
_PITY = re.compile(
    r"心疼|可怜|太惨|好惨|会好起来|别难过|不哭|别哭|想开点|节哀|振作|一路走好|永远怀念|安息|保重|照顾好自己|都会过去"
)
#: congratulation that jars under grief or bad luck (a "太好了" laugh is in _LAUGH)
_CONGRATULATE = re.compile(r"恭喜|祝贺|太棒|好棒|真棒|干杯|羡慕|撒花|好耶")
_SOOTHE_ANGER = re.compile(r"别气|消消气|太过分|确实|理解|换我也|离谱|不值得")
_STOCK = re.compile(r"^(?:写得|说得|拍得)?(?:真|太|好|很)?(?:好|棒|赞|不错|厉害)|^(?:学习了|收藏|支持|顶|同意|路过)")


@dataclass(frozen=True, slots=True)
class Signals:
    """What the scorer knows about a comment and the text it answers."""

    text: str  # the comment, normalised
    parent: str  # what it answers, normalised
    post: str | None  # the post, when the comment answers a reply
    emotion: EmotionResult  # of the comment
    parent_mood: str  # from _mood.mood: sad, good, angry or neutral
    similarity: float | None  # sentence-encoder cosine to the parent (None: encoder off)
    post_similarity: float | None
    low_value: LowValueResult
    offensive: OffensiveResult


@dataclass(frozen=True, slots=True)
class QualityScore:
    score: int
    components: dict[str, float]
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "components": self.components, "reasons": list(self.reasons)}


@lru_cache(maxsize=256)
def _parent_grams(parent: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Keywords and bigrams of what comments answer, cached: many comments answer the same post."""
    words = tuple(w for w in extract_keywords(parent, 6) if len(w) >= 2)
    return words, frozenset(parent[i : i + 2] for i in range(len(parent) - 1) if parent[i : i + 2].strip())


def _keyword_overlap(text: str, parent: str) -> tuple[float, list[str]]:
    words, bigrams = _parent_grams(parent)
    hits = [w for w in words if w in text]
    shared = sum(1 for i in range(len(text) - 1) if text[i : i + 2] in bigrams)
    return min(1.0, 0.5 * len(hits) + 0.15 * shared), hits


def _semantic(sim: float | None) -> float:
    """USE cosine for short Chinese pairs: about 0.05 for unrelated text, 0.5 and up for one topic."""
    return 0.0 if sim is None else min(1.0, max(0.0, (sim - 0.05) / 0.4))


def _continuity(s: Signals) -> tuple[float, list[str]]:
    overlap, hits = _keyword_overlap(s.text, s.parent)
    to_parent = max(overlap, _semantic(s.similarity)) if s.similarity is None else (
        0.6 * _semantic(s.similarity) + 0.4 * overlap)  # fmt: skip
    if s.post is None:
        return to_parent, hits
    post_overlap, post_hits = _keyword_overlap(s.text, s.post)
    to_post = 0.6 * _semantic(s.post_similarity) + 0.4 * post_overlap
    return max(to_parent, 0.7 * to_post), hits or post_hits  # a reply answers its parent first


def _specificity(text: str) -> tuple[float, int]:
    """Distinct characters of what the comment says of its own (`own_words`: 祝福语, stock praise, greetings
    and reactions count nothing, however long), scored, and their number."""
    own = own_words(text)
    distinct = len({ch for ch in own if ch.isalnum()})
    score = min(1.0, max(0.0, (distinct - 3) / 15))
    if re.search(r"\d|[“「《]", own):
        score = min(1.0, score + 0.15)
    return (score * 0.4 if _STOCK.search(text) and distinct < 8 else score), distinct


def _conversation(text: str) -> tuple[float, list[str]]:
    notes: list[str] = []
    score = 0.0
    if _QUESTION.search(text):
        score, notes = score + 0.6, [*notes, "提了问题，方便对方接着聊"]
    if _EXPERIENCE.search(text):
        score, notes = score + 0.5, [*notes, "分享了自己的相关经历"]
    if _SUGGEST.search(text):
        score += 0.25
    return min(1.0, score), notes


def _fit(s: Signals) -> tuple[float, str | None]:
    """How well the comment's feeling meets the post's; 0.0 is a mismatch (and costs extra)."""
    parent, mine, text = s.parent_mood, s.emotion.label, s.text
    if parent == "sad":
        if _COMFORT.search(text):
            return 1.0, "对方难过时给了安慰"
        if _LAUGH.search(text) or _CONGRATULATE.search(text):
            return 0.0, "对方在难过，这条评论却在笑闹或道喜，不合时宜"
        # the emotion reader alone calls hopeful comfort "happy": too unsure to call it jarring
        return (0.8, None) if mine in ("sad", "fear") else (0.3, None) if mine == "happy" else (0.45, None)
    if parent == "good":
        if _PITY.search(text) and not _CELEBRATE.search(text):
            return 0.0, "对方在分享好消息，这条评论却在安慰或同情，不合时宜"
        if _CELEBRATE.search(text) or mine == "happy":
            return 1.0, "为对方的好消息高兴"
        return (0.3, None) if mine in ("sad", "angry") else (0.6, None)
    if parent == "angry":
        if _SOOTHE_ANGER.search(text) or _COMFORT.search(text):
            return 1.0, "理解并安抚了对方的情绪"
        if _LAUGH.search(text) or _CELEBRATE.search(text):
            return 0.0, "对方在抱怨，这条评论却在笑闹或道喜"
        return (0.3, None) if mine == "happy" else (0.55, None)
    return (0.7, None) if mine != "neutral" else (0.6, None)


def score_quality(s: Signals) -> QualityScore:
    """The score, its components and the reasons behind it."""
    continuity, hits = _continuity(s)
    conversation, talk_notes = _conversation(s.text)
    fit, fit_note = _fit(s)
    specificity, own = _specificity(s.text)
    components = {
        "emotional_density": round(min(1.0, s.emotion.intensity / 0.7), 3),
        "topic_continuity": round(continuity, 3),
        "specificity": round(specificity, 3),
        "conversation_potential": round(conversation, 3),
        "emotional_fit": round(fit, 3),
    }
    mismatched = fit_note is not None and fit == 0.0
    raw = 100 * sum(WEIGHTS[k] * v * _feeling_weight(k, own, mismatched) for k, v in components.items())
    raw -= OFFENSIVE_PENALTY * s.offensive.score if s.offensive.flag else 0.0
    raw -= MISMATCH_PENALTY if mismatched else 0.0
    score = max(0.0, min(100.0, raw))
    if s.low_value.flag:
        score = _folded(score, s.low_value.doubt)
    reasons = _reasons(s, components, hits, talk_notes, fit_note)
    return QualityScore(round(score), components, tuple(reasons))


def _feeling_weight(component: str, own: int, mismatched: bool) -> float:
    """How much a feeling component counts: fully with words of the comment's own behind it, half for a bare
    "恭喜恭喜" or "太棒了" (kind, but it fits any post), and a strong feeling that jars counts nothing."""
    if component not in ("emotional_density", "emotional_fit"):
        return 1.0
    return 0.0 if mismatched else 0.5 + 0.5 * min(1.0, own / 4)


def _folded(score: float, doubt: float) -> float:
    """A folded comment's score, 0..LOW_VALUE_CAP: half from how unsure the fold is, half from the score it
    would have had, so that of two folded comments the one that may yet be a real reply ranks first."""
    return LOW_VALUE_CAP * (0.5 * doubt + 0.5 * score / 100)


def _reasons(s: Signals, c: dict[str, float], hits: list[str], talk: list[str], fit_note: str | None) -> list[str]:
    """The reasons, the deciding one first; never praise beside a verdict that contradicts it.

    A folded comment has one reason (its kind), an offensive one the offence, a mismatched feeling
    that mismatch; otherwise what the comment did well, or, when it did nothing well, what it lacked.
    """
    if s.low_value.flag and s.low_value.reason:
        return [s.low_value.reason]
    if s.offensive.flag:
        return ["含有攻击性或冒犯的说法，扣了分"]
    if fit_note and c["emotional_fit"] == 0.0:
        return [fit_note]
    good: list[str] = [*([fit_note] if fit_note else []), *talk]
    if hits:
        good.append("接上了原帖说的「" + "、".join(hits[:3]) + "」")
    elif c["topic_continuity"] >= 0.6:
        good.append("紧扣原帖在说的事")
    if c["specificity"] >= 0.6:
        good.append("说了具体的内容")
    if c["emotional_density"] >= 0.7 and c["specificity"] > 0:  # a bare "恭喜恭喜" is kind, not heartfelt
        good.append("带着真情实感")
    lacking = [
        *(["和原帖关系不大"] if c["topic_continuity"] < 0.2 else []),
        *(["内容太短或太笼统"] if c["specificity"] < 0.25 else []),
    ]
    return good or lacking


def is_warm(score: int, components: dict[str, float]) -> bool:
    """Whether the engine calls a comment warm: a good score, a feeling that fits, and substance of its
    own (specific, and about what it answers): "哈哈下次一起" or "楼上说得好" is friendly, not warm."""
    return (
        score >= WARM_SCORE
        and components.get("emotional_fit", 0.0) >= 0.4
        and components.get("specificity", 0.0) >= 0.5
        and components.get("topic_continuity", 0.0) >= 0.3
    )
