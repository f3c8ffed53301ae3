"""Where the reader's own posts connect to this one: the same place, exam, pet, game, idol, dish or topic.

The suggestion then quotes the reader's own words («我之前也发过「…」»), so it is true to their life
rather than an invented shared experience, and its `why` says which post it drew on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nook.engine.keywords import keyword_weights
from nook.engine.scenes import detect_scenes_normalized
from nook.engine.suggest.facts import PostFacts, read_slots
from nook.engine.text import normalize

__all__ = ["MAX_HISTORY", "Connection", "find_connection"]

MAX_HISTORY = 20  # the reader's most recent posts looked at; older ones rarely help and cost time
_KINDS = ("place", "exam", "pet", "game", "idol", "food")
_RANK = (*_KINDS, "topic")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE = re.compile(r"[^，,；;、 ]+")
_MAX_QUOTE = 18
_TRIM = "，,。！？!?；;、…~～ "


@dataclass(frozen=True, slots=True)
class Connection:
    """What a reader's post shares with the post being answered."""

    kind: str  # place | exam | pet | game | idol | food | topic
    value: str  # the shared thing, as the post names it
    history: str  # the reader's post it comes from
    quote: str  # a short stretch of that post around the shared thing


def _quote(text: str, value: str) -> str:
    """The sentence (or clause, or window) of `text` that mentions `value`, at most _MAX_QUOTE chars."""
    for pattern in (_SENTENCE, _CLAUSE):
        part = next((m.group(0) for m in pattern.finditer(text) if value in m.group(0)), text)
        if len(part.strip(_TRIM)) <= _MAX_QUOTE:
            return part.strip(_TRIM)
        text = part
    at = max(0, text.find(value) - (_MAX_QUOTE - len(value)) // 2)
    return text[at : at + _MAX_QUOTE].strip(_TRIM)


def _shared(a: str, b: str) -> bool:
    return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)


@lru_cache(maxsize=1024)  # a reader's recent posts come back with every post they ask about
def _read_history(history: str) -> tuple[str, dict[str, str]]:
    """A reader's post, normalised, and the things it names (its slots)."""
    norm = normalize(history)
    if not norm.text:
        return "", {}
    keywords = [w for w, _ in keyword_weights(norm, 8)]
    return norm.text, read_slots(norm.text, keywords, tuple(s.name for s in detect_scenes_normalized(norm)))


def _connect(post: PostFacts, history: str) -> Connection | None:
    text, theirs = _read_history(history)
    if not text:
        return None
    for kind in _KINDS:
        mine = post.slots.get(kind)
        if mine and (_shared(mine, theirs.get(kind, "")) or mine in text):
            return Connection(kind, mine, history, _quote_of(history, text, mine, theirs.get(kind, mine)))
    topic = next((w for w in post.named if len(w) >= 2 and w in text), None)
    return Connection("topic", topic, history, _quote_of(history, text, topic, topic)) if topic else None


def _quote_of(raw: str, norm: str, value: str, theirs: str) -> str:
    """Quote the reader's words as they wrote them (full-width punctuation kept) when possible."""
    for text in (raw.strip(), norm):
        for word in (value, theirs):
            if word in text:
                return _quote(text, word)
    return _quote(norm, theirs)


def find_connection(post: PostFacts, history: Sequence[str]) -> Connection | None:
    """The strongest connection between the post and any of the reader's recent posts (first = newest)."""
    found = [c for c in (_connect(post, h) for h in history[:MAX_HISTORY]) if c is not None]
    if not found:
        return None
    return min(found, key=lambda c: _RANK.index(c.kind))  # named things beat a shared word
