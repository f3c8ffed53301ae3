"""Batch form of `nook.engine.text.strip_for_dedup`: the same bare wording, several times faster in bulk.

One opencc call and one regex pass over all comments joined by newlines replace a Python loop over
characters; a property test keeps the two paths in agreement.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from nook.engine.text import _EMOTICON_RE, to_simplified


@lru_cache(maxsize=1)
def _drop_re() -> re.Pattern[str]:
    """Runs of what strip_for_dedup drops: not a letter or number (\\w, less "_"), not a combining
    mark (M*), not the newline that separates comments. Built once (about half a second)."""
    marks, start = [], -1
    for cp in range(sys.maxunicode + 2):
        is_mark = cp <= sys.maxunicode and unicodedata.category(chr(cp))[0] == "M"
        if is_mark and start < 0:
            start = cp
        elif not is_mark and start >= 0:
            marks.append(f"\\U{start:08x}-\\U{cp - 1:08x}")
            start = -1
    return re.compile("[^\\w\\n" + "".join(marks) + "]+")


def strip_many(texts: Sequence[str]) -> list[str]:
    """strip_for_dedup applied to each text."""
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # some text has line breaks of its own: flatten them first
        joined = "\n".join(t.replace("\n", " ") for t in texts)
    joined = _EMOTICON_RE.sub("", to_simplified(joined)).casefold().replace("_", "")
    return _drop_re().sub("", joined).split("\n")
