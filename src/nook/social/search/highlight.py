"""Search hits marked in member text, safely: the text is cut at the hits, every piece escaped, then marked."""

from __future__ import annotations

import html
import re

import nh3

#: Characters of context shown before the first hit in a snippet.
_LEAD = 30


def _hits(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    longest_first = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in longest_first), re.IGNORECASE)


def snippet(text: str, terms: list[str], width: int = 120) -> str:
    """Up to `width` characters of `text` around its first hit, hits in <mark>, everything else escaped."""
    pattern = _hits(terms)
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - _LEAD) if first else 0
    piece = text[start : start + width]
    marked = mark(piece, terms)
    return ("…" if start else "") + marked + ("…" if start + width < len(text) else "")


def mark(text: str, terms: list[str]) -> str:
    """`text` as HTML with every case-insensitive occurrence of a term in <mark>; nothing else is markup."""
    pattern = _hits(terms)
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    pos = 0
    for hit in pattern.finditer(text):
        out.append(html.escape(text[pos : hit.start()]))
        out.append(f"<mark>{html.escape(hit.group())}</mark>")
        pos = hit.end()
    out.append(html.escape(text[pos:]))
    # Defence in depth: whatever the escaping above missed, only <mark> survives.
    return nh3.clean("".join(out), tags={"mark"}, attributes={})
