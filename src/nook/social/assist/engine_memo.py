"""The engine's verdicts on texts, worked out ahead for a whole outbox batch, outside its write transaction.

Scoring a comment one at a time (the sentence encoder streams its weights for a few tokens) is slow,
and it used to run while the outbox held the database's write lock. The outbox now reads the texts a
batch of events will ask about (`Work`), has the engine analyse them all at once (`prepare`), and
only then takes the lock; the handlers ask `assess_comment` / `analyse_text` here and find the
answers. An entry is keyed by every text the verdict depends on, so it is never stale: an edited
post or comment is a new key, analysed when asked. (The engine's code and models cannot change
under a running process, so its version is the same for every entry.) Bounded, least recently used
first out.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from nook.engine.comments import CommentAssessment

__all__ = ["CommentInputs", "Work", "analyse_text", "assess_comment", "forget", "known", "prepare"]

#: Entries kept: several outbox batches' worth (a batch is 100 events), so a batch cut short by its
#: time budget finds its analyses again in the next one.
MAX_ENTRIES = 4096


class CommentInputs(NamedTuple):
    """What a comment is scored against: the text it answers, and its post when it answers a reply."""

    text: str
    answered: str
    post_text: str | None = None


@dataclass
class Work:
    """The texts a batch of events will ask the engine about."""

    comments: list[CommentInputs] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # analysed as a post: emotion, scenes, keywords, hook

    def __iadd__(self, other: Work) -> Work:
        self.comments += other.comments
        self.texts += other.texts
        return self


_lock = threading.Lock()
#: One `prepare` at a time in a process: threads draining the outbox at once (inline jobs, one per
#: request) read the same pending window, and the second then finds the first's answers instead of
#: analysing every text again (the first also loads the encoder once, not once per thread).
_preparing = threading.Lock()
_memo: OrderedDict[Hashable, Any] = OrderedDict()


def _get(key: Hashable) -> Any | None:
    with _lock:
        value = _memo.get(key)
        if value is not None:
            _memo.move_to_end(key)
        return value


def _put(key: Hashable, value: Any) -> None:
    with _lock:
        _memo[key] = value
        _memo.move_to_end(key)
        while len(_memo) > MAX_ENTRIES:
            _memo.popitem(last=False)


def forget() -> None:
    """Drop every entry (tests)."""
    with _lock:
        _memo.clear()


def known(work: Work) -> bool:
    """Whether every text of `work` is analysed already."""
    with _lock:
        return all(("comment", *c) in _memo for c in work.comments) and all(("text", t) in _memo for t in work.texts)


def prepare(work: Work) -> None:
    """Analyse every text of `work` not known yet, in one batched engine call per kind of analysis."""
    with _preparing:
        _prepare(work)


def _prepare(work: Work) -> None:
    from nook.engine.analyze import analyze_records
    from nook.engine.comments import assess_comments

    comments = [c for c in dict.fromkeys(work.comments) if _get(("comment", *c)) is None]
    if comments:
        items = [(c.text, c.answered) for c in comments]
        results = assess_comments(items, post_texts=[c.post_text for c in comments])
        for inputs, result in zip(comments, results, strict=True):
            _put(("comment", *inputs), result)
    texts = [t for t in dict.fromkeys(work.texts) if _get(("text", t)) is None]
    if texts:
        for text, analysis in zip(texts, analyze_records([{"text": t, "kind": "post"} for t in texts]), strict=True):
            _put(("text", text), analysis)


def assess_comment(text: str, answered: str, post_text: str | None = None) -> CommentAssessment:
    """`nook.engine.comments.assess_comment`, answered from the memo when the batch prepared it."""
    from nook.engine.comments import assess_comment as assess

    key = ("comment", text, answered, post_text)
    result = _get(key)
    if result is None:
        result = assess(text, answered, post_text=post_text)
        _put(key, result)
    return cast("CommentAssessment", result)  # frozen: safe to share


def analyse_text(text: str, record_id: Any = None) -> dict[str, Any]:
    """`analyze_record` of `text` as a post, answered from the memo when the batch prepared it.

    A fresh copy each time: callers adjust and store it."""
    from nook.engine.analyze import analyze_record

    result = _get(("text", text))
    if result is None:
        result = analyze_record({"id": None, "text": text, "kind": "post"})
        _put(("text", text), result)
    out: dict[str, Any] = copy.deepcopy(result)
    out["id"] = record_id
    return out
