"""Normalise Chinese social text: one clean simplified string plus the signals stripped from it.

Weibo/QQ emoticon codes (``[泪]``), Unicode emoji, URLs, @mentions and repeated characters carry
emotion and intensity, so they are pulled out as signals instead of being thrown away.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

from nook.engine._emoticons import EMOJI_EMOTION, EMOTICON_EMOTION

__all__ = ["NormalizedText", "emoticon_emotions", "normalize", "strip_for_dedup", "to_simplified"]

# A bracketed short name is an emoticon code: [泪] [哈哈] [哆啦A梦汗] [doge].
_EMOTICON_RE = re.compile(r"\[([\u4e00-\u9fffA-Za-z0-9]{1,8})\]")
_URL_RE = re.compile(r"(?:https?://|www\.)[\w\-./?=&%#:~+]+", re.IGNORECASE)
# Weibo names: CJK, letters, digits, _ and -; a retweet chain "//@名字:" ends at ':' or whitespace.
_MENTION_RE = re.compile(r"@([\w\u4e00-\u9fff\-]{1,30})")
_RETWEET_MARK_RE = re.compile(r"//\s*:?")
_HASHTAG_RE = re.compile(r"#([^#\n]{1,40})#")
# Emoji: pictographs, dingbats, flags, plus their joiners/modifiers (dropped separately).
_EMOJI_RE = re.compile(
    "[\U0001f1e6-\U0001f1ff\U0001f300-\U0001f5ff\U0001f600-\U0001f64f\U0001f680-\U0001f6ff"
    "\U0001f900-\U0001f9ff\U0001fa70-\U0001faff\u2600-\u26ff\u2700-\u27bf\u2b50\u2764]"
)
_EMOJI_JOINERS_RE = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
# Two or more !/?/。/~ (!!, ？？, 。。), three or more of any other character (哈哈哈, 好好好),
# or three "哈哈"-style pairs.
_REPEAT_RE = re.compile(r"([!?。.~～])\1+|(.)\2{2,}|(..)\3{2,}")
_SPACES_RE = re.compile(r"\s+")
_MAX_RUN = 3  # longer runs are cut to this length in `.text`; the full run stays in the cues


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A post after normalisation; sequences are tuples so the value stays immutable and hashable."""

    text: str
    emoticons: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    intensity_cues: tuple[str, ...] = ()

    @property
    def cue_strength(self) -> float:
        """0..1: how loudly the writer speaks, from repeats and exclamation/question runs."""
        score = sum(min(len(cue), 8) for cue in self.intensity_cues) / 12.0
        score += 0.1 * sum(1 for e in self.emoticons if EMOTICON_EMOTION.get(e) or EMOJI_EMOTION.get(e))
        return min(1.0, score)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_KEPT_LENGTH = 512  # texts up to this long keep their simplified form (at most 4,096 of them)


def to_simplified(text: str) -> str:
    """NFKC then traditional → simplified (opencc t2s)."""
    return _kept_simplified(text) if len(text) <= _KEPT_LENGTH else _simplified(text)


@lru_cache(maxsize=4096)  # one text is simplified by normalize, the low-value rules and the hook rules
def _kept_simplified(text: str) -> str:
    return _simplified(text)


def _simplified(text: str) -> str:
    converted: str = _converter().convert(unicodedata.normalize("NFKC", text))
    return converted


def _emoji_in(text: str) -> list[str]:
    return _EMOJI_RE.findall(_EMOJI_JOINERS_RE.sub("", text))


def _cut_run(match: re.Match[str]) -> str:
    run = match.group(0)
    unit = match.group(1) or match.group(2) or match.group(3)
    return run[: _MAX_RUN * len(unit)] if len(unit) == 1 else unit * 2


def normalize(text: str) -> NormalizedText:
    """Clean simplified text for models, with emoticons, emoji, mentions, URLs and cues as signals."""
    text = to_simplified(text)
    urls = tuple(_URL_RE.findall(text))
    text = _URL_RE.sub(" ", text)
    mentions = tuple(_MENTION_RE.findall(text))
    text = _RETWEET_MARK_RE.sub(" ", _MENTION_RE.sub(" ", text))
    hashtags = tuple(h.strip() for h in _HASHTAG_RE.findall(text))
    emoticons = [m.group(1) for m in _EMOTICON_RE.finditer(text)]
    text = _EMOTICON_RE.sub(" ", text)
    emoticons += _emoji_in(text)
    text = _EMOJI_RE.sub(" ", _EMOJI_JOINERS_RE.sub("", text))
    cues = tuple(m.group(0) for m in _REPEAT_RE.finditer(text) if not m.group(0).isspace())
    text = _SPACES_RE.sub(" ", _REPEAT_RE.sub(_cut_run, text)).strip()
    return NormalizedText(text, tuple(emoticons), mentions, urls, hashtags, cues)


def emoticon_emotions(emoticons: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Count of each emotion label signalled by emoticon codes and emoji (unknown ones are ignored)."""
    counts: dict[str, int] = {}
    for e in emoticons:
        label = EMOTICON_EMOTION.get(e) or EMOJI_EMOTION.get(e)
        if label:
            counts[label] = counts.get(label, 0) + 1
    return counts


def strip_for_dedup(text: str) -> str:
    """Bare wording for copy-paste detection: simplified, lower-case, no emoticons/emoji/punctuation/space."""
    text = _EMOTICON_RE.sub("", to_simplified(text)).casefold()
    # P* = punctuation, S* = symbols (emoji included), Z* = separators, C* = control/format.
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")
