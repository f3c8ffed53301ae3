"""`suggest`: up to three replies with different intents for a (post, reader) pair, built around what
happened; fewer (or none) when the engine is unsure what happened.

Steps: read the post once (a small LRU: many readers ask about one post): mood, crisis signal,
situation, sure slots, and, for general everyday posts only, the nearest real replies -> under a post
that signals a crisis, only the reviewed supportive lines (no personal line, no retrieved line, no
LLM) -> otherwise the reader's personal line when one of their shareable posts is in the same situation
with the right polarity, the bank's lines for the situation (a sure slot filled), the general lines for
the mood, and a retrieved question where allowed -> three intents for a situation read surely, one
for a soft reading (a quote, news, a question), one comforting line for a post with no situation only when
the emotion model is sure it is sad or angry, else none -> per intent, the first candidate that passes the
checks (no clash with the post's feeling; retrieved and LLM lines also the comment-quality gate).
"""

from __future__ import annotations

import re
import zlib
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
from nook.engine.suggest.safety import clashes, tone_mismatch
from nook.engine.suggest.situations import EVENTS, GENERAL, SURE, Situation, read_situation
from nook.engine.suggest.topic_packs import circle_scene
from nook.engine.suggest.weight import DISTRESS, MINOR, heavy_line, weight
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
# A post with no situation gets a comforting line only when the emotion model reads its mood this surely.
# Only comfort is offered without a situation: a generic cheer ("好喜欢这种快乐") under a post nobody understood
# read as hollow to every blind rater (specific 1.0, glad 0%), while a plain warm word under a sad post may help.
# Fear alone is left out: with no situation read it is mostly a fright (吓我一跳, a horror film), not a sorrow.
_MOOD_LABELS = {"low": frozenset({"sad"}), "angry": frozenset({"angry"})}
_SURE_MOOD = 0.8
# A quote or a saying (opinion) gets no line: "确实，越想越有道理" fits any post and tells the author nothing.
_HOLLOW = frozenset({"opinion"})
# Groups whose lines fit any post of the kind (any fan post, any illness post; blind round 5): one line,
# unless a line names something the post says (a symptom, a game), or the row is an event (连跪五把, 出院了).
_KIND_GROUPS = frozenset({"hobbies", "health"})
# Three slot lines under one post read as one template with a word swapped in; two, beside a slot-free one, do not.
_MAX_SLOT_LINES = 2
# Remembering someone who died (忌日, 扫墓, 天堂的外婆, 走了三年了): the supportive bereavement lines.
_REMEMBERED = re.compile(
    r"忌日|祭日|扫墓|上坟|清明[^。！？!?]{0,6}(?:想|念|墓|回老家)|天堂(?:的|里|那边)|"
    r"(?:离开|走了|去世)(?:我们)?(?:快|已经|有|整整)?[一二三四五六七八九十两\d]+(?:年|个月|周年)"
)
# A candle (stripped by normalize, kept as an emoticon) beside words of mourning: a death told without 去世.
_CANDLE = frozenset({"蜡烛", "🕯", "🕯️"})
_MOURNING = re.compile(r"走好|悼|默哀|逝|牺牲|英雄|离开|走了|安息|rip|致敬|再见", re.IGNORECASE)
# Words of anger in the post itself: a general angry line ("换我也忍不了") needs one, the model alone is not enough.
_ANGRY_WORDS = re.compile(
    r"气死|气炸|烦死|讨厌|无语|离谱|服了|受不了|忍不了|坑爹|垃圾|凭什么|滚|妈蛋|尼玛|特么|tmd|卧槽|我靠|抓狂|火大|恶心人|过分",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"[?？]|吗[。！!~～]*$|呢[。！!~～]*$")
_JOKE = re.compile(r"哈哈|笑死|笑哭|hhh|233|[笑]cry|\[(?:哈哈|笑cry|偷笑|doge|二哈|允悲)\]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    intent: str  # empathy | celebrate | shared_experience | question
    why: str  # plain Chinese: why this reply fits (and which of the reader's posts it drew on)
    source: str = "template"  # personal | scene | plain | retrieved | llm (mood and fallback: older logs only)

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
    weight: str  # weight.MINOR (a late parcel), weight.DISTRESS (can't sleep for days) or ""

    @property
    def mood(self) -> str:
        return self.situation.mood

    @property
    def heavy_comfort(self) -> bool:
        """Crisis-style comfort ("你不是一个人在扛") may be offered: never under a minor gripe, and under a
        post with no situation read only when its words tell of real distress."""
        if self.weight == MINOR:
            return False
        return self.weight == DISTRESS or self.situation.name != GENERAL

    @property
    def light(self) -> bool:
        """A minor gripe: general lines come from the light set, not the comforting one."""
        return self.weight == MINOR


def _situation(
    facts: PostFacts, emoticons: tuple[str, ...], *, use_model: bool = True, slots: dict[str, str] | None = None
) -> Situation:
    """The post's situation; `slots` (its sure slots, read here when not given) tell the model where the
    author went (a travel cue backed by a place is an event, not a mention)."""
    crisis = detect_crisis(facts.text)
    mourned = _CANDLE.intersection(emoticons) and _MOURNING.search(facts.text)
    if crisis is None and (facts.mood == "grief" or _REMEMBERED.search(facts.text) or mourned):
        # a loss the crisis list does not name (an anniversary, a grave visit): still handled gently
        return read_situation(facts.text, facts.mood, facts.emotion, Crisis("bereavement", False, ""))
    went = (sure_slots(facts) if slots is None else slots).get("place", "") if use_model else ""
    return read_situation(facts.text, facts.mood, facts.emotion, crisis, use_model=use_model, went_to=went)


@lru_cache(maxsize=256)  # many readers ask about one post
def _read(post: str, scene: str | None) -> _Reading:
    norm = normalize(post)
    facts = read_post(norm, (scene,) if scene else ())
    slots = sure_slots(facts)
    situation = _situation(facts, norm.emoticons, slots=slots)
    replies: tuple[Retrieved, ...] = ()
    if situation.name == GENERAL and situation.mood in ("everyday", "happy") and facts.text:
        replies = tuple(nearest_replies(embed([facts.text[:_ENCODED_CHARS]])[0]))
    parent = read_parent(post, norm=norm, emotion=facts.emotion)
    return _Reading(facts, situation, slots, replies, parent, weight(facts.text))


@lru_cache(maxsize=1024)  # a reader's recent posts come back with every post they ask about
def _read_history(text: str) -> HistoryReading | None:
    norm = normalize(text)
    if not norm.text:
        return None
    facts = read_post_light(norm)
    # cues alone: a 20-post history must stay cheap, and a personal line also needs the same named thing
    situation = read_situation(facts.text, facts.mood, facts.emotion, detect_crisis(facts.text), use_model=False)
    return HistoryReading(facts.text, situation, sure_slots(facts))


def _passes(c: Candidate, reading: _Reading) -> bool:
    post, mood = reading.parent, reading.mood
    if tone_mismatch(c.text, post.text, mood) is not None:
        return False
    if not reading.heavy_comfort and heavy_line(c.text):
        return False
    if c.source in ("retrieved", "llm"):
        verdict = assess_comment(c.text, post, use_encoder=False)
        if verdict.low_value.flag or verdict.offensive.flag or verdict.quality.score < MIN_QUALITY:
            return False
        return clashes(c.text, verdict.emotion, mood) is None
    return clashes(c.text, None, mood) is None


def _intents(pool: list[Candidate], mood: str, personal: Candidate | None, k: int, asks: bool, seed: str) -> list[str]:
    """Up to `k` intents: the personal line's, then those the situation's own lines have (general lines
    only where no situation was read), in the mood's order."""
    own = {c.intent for c in pool if c.rank <= 1} or {c.intent for c in pool}
    order = [personal.intent] if personal else []
    if asks:  # a post that asks something: engage the question first
        order += ["question"] if "question" in own and not personal else []
    order += [i for i in _ORDER[mood] if i in own and i not in order]
    if k == 1 and not asks and not personal and len(order) > 1:  # one line: let the post pick its intent
        # salted: the same hash picks the line within the intent (candidates._pick), and sharing it would tie
        # each intent to one fixed line of its group (every general angry post got the same question)
        at = zlib.crc32(("intent:" + seed).encode("utf-8")) % len(order)
        order = order[at:] + order[:at]
    return order[:k]


def _how_many(reading: _Reading, pool: list[Candidate]) -> int:
    """Three lines for a situation read surely; one for a soft reading (a quote, a question, news);
    for a post with no situation, one comforting line only when the emotion model is sure the post is
    sad or angry (or one where a retrieved real reply fits), else none: a warm line that fits beats a
    specific line that is wrong."""
    situation = reading.situation
    if situation.name in _HOLLOW:
        return 0
    if situation.name != GENERAL and any(c.rank <= 1 for c in pool):
        if situation.group in _KIND_GROUPS and situation.name not in EVENTS and not any(c.specific for c in pool):
            return 1  # three lines that fit any fan post (any illness post) tell the author nothing
        return 3 if situation.confidence >= SURE else 1
    return 1 if _sure_of_mood(reading) or any(c.source == "retrieved" for c in pool) else 0


def _sure_of_mood(reading: _Reading) -> bool:
    """The emotion model reads this post's mood confidently, and the post is no joke nor a question."""
    emotion, mood, text = reading.facts.emotion, reading.mood, reading.facts.text
    if mood not in _MOOD_LABELS or emotion.label not in _MOOD_LABELS[mood]:
        return False
    if emotion.scores.get(emotion.label, 0.0) < _SURE_MOOD or _QUESTION.search(text):
        return False
    if mood == "angry" and not _ANGRY_WORDS.search(text):
        return False  # the model reads worry and self-blame as anger: "换我也忍不了" under 为儿子操碎了心
    return not (mood in ("low", "angry") and _JOKE.search(text))


def _choose(reading: _Reading, pool: list[Candidate], personal: Candidate | None) -> list[Candidate]:
    k = _how_many(reading, pool)
    if personal is not None:
        k = max(k, 1)
    if any(c.rank <= 1 for c in pool):  # a situation was read: its own lines only, no general filler
        pool = [c for c in pool if c.rank <= 1]
    else:  # no situation: a general question ("快说说？") asks about nothing in the post; only a retrieved one may
        pool = [c for c in pool if c.intent != "question" or c.source == "retrieved"]
    chosen: list[Candidate] = []
    used: set[str] = set()
    asks = reading.situation.group == "ask"
    for intent in _intents(pool, reading.mood, personal, k, asks, reading.facts.text):
        options = ([personal] if personal and personal.intent == intent else []) + sorted(
            (c for c in pool if c.intent == intent), key=lambda c: c.rank
        )
        if sum(c.specific for c in chosen) >= _MAX_SLOT_LINES:
            options = [c for c in options if not c.specific]
        pick = next((c for c in options if c.text not in used and _passes(c, reading)), None)
        if pick is not None:  # no line that fits: say less rather than a filler
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
        if _passes(cand, reading):
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
    """Up to three suggested comments with different intents for `post` (fewer, or none, where the
    engine is unsure what the post is about), seen by a reader whose own recent
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
    pool = bank_candidates(
        reading.situation, reading.mood, reading.slots, seed, light=reading.light, heavy=reading.heavy_comfort
    )
    pool += retrieved_candidates(reading.situation, reading.mood, reading.replies)
    chosen = _choose(reading, pool, personal)
    if llm is not None:
        chosen = _with_llm(llm, reading, link, chosen)
    return [Suggestion(c.text, c.intent, c.why, c.source) for c in chosen]
