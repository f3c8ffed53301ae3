"""Cleaning member-written text and finding #话题# hashtags in it."""

from __future__ import annotations

import re
import unicodedata

from nook.errors import Invalid
from nook.phrases import N_, Phrase
from nook.social.limits import HASHTAG_MAX

# QQ空间 / Weibo style: #话题# between two hash marks, no line breaks or hash inside.
_HASHTAG = re.compile(rf"#([^#\s][^#\n]{{0,{HASHTAG_MAX - 1}}}?)#")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str, *, field: str, max_len: int, allow_empty: bool = False) -> str:
    """Strip control and bidi-override characters and outer space; enforce the length limit.

    `field` names the field in error messages, marked with `N_` so pages can translate it."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()
    if not text and not allow_empty:
        raise Invalid(N_("%(field)s不能为空"), field=Phrase(field))
    if len(text) > max_len:
        raise Invalid(N_("%(field)s最多 %(max)s 个字（现在 %(n)s 个）"), field=Phrase(field), max=max_len, n=len(text))
    return text


def hashtags(text: str) -> list[str]:
    """Distinct hashtags in order of appearance, case-folded so #Cosplay# and #cosplay# meet."""
    seen: dict[str, None] = {}
    for match in _HASHTAG.finditer(text):
        name = match.group(1).strip().casefold()
        if name:
            seen.setdefault(name, None)
    return list(seen)


def normalize_hashtag(name: str) -> str:
    name = name.strip().strip("#").strip().casefold()
    if not name or len(name) > HASHTAG_MAX or "#" in name:
        raise Invalid(N_("话题名称无效"))
    return name
