"""Batch form of `nook.engine.text.strip_for_dedup`: the same bare wording, several times faster in bulk.

One opencc call and one regex pass over all comments joined by newlines replace a Python loop over
characters; a property test keeps the two paths in agreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from nook.engine.text import _EMOTICON_RE, to_simplified

# \w is letters, numbers and "_"; strip_for_dedup also keeps combining marks (M*), so a run of
# non-word characters keeps only its marks.
_NON_WORD_RE = re.compile(r"[^\w\n]+")


def _keep_marks(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group() if unicodedata.category(ch)[0] == "M")


def strip_many(texts: Sequence[str]) -> list[str]:
    """strip_for_dedup applied to each text."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    joined = _EMOTICON_RE.sub("", to_simplified(joined)).casefold().replace("_", "")
    return _NON_WORD_RE.sub(_keep_marks, joined).split("\n")
