"""Member text as safe HTML: escaped, #话题# and URLs linked, then sanitised again with nh3."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import quote

import nh3

_TOKENS = re.compile(r"#([^#\s][^#\n]{0,31}?)#|(https?://[^\s<>\"'，。！？]+)")
_ALLOWED_TAGS = {"a", "br"}
_ALLOWED_ATTRS = {"a": {"href", "class", "rel"}}


#: Rendered bodies kept per process: the same posts and comments are rendered on every page view.
_CACHED_BODIES = 4096


@lru_cache(maxsize=_CACHED_BODIES)  # a pure function of the text: nothing per viewer to leak
def text_to_html(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _TOKENS.finditer(text):
        out.append(html.escape(text[pos : match.start()]))
        if match.group(1):
            tag = match.group(1).strip().casefold()
            out.append(f'<a class="tag" href="/tags/{quote(tag)}">#{html.escape(match.group(1))}#</a>')
        else:
            url = match.group(2)
            out.append(f'<a href="{html.escape(url)}" rel="nofollow noopener">{html.escape(url)}</a>')
        pos = match.end()
    out.append(html.escape(text[pos:]))
    joined = "".join(out).replace("\n", "<br>")
    # Defence in depth: even if the escaping above had a gap, only links and breaks survive.
    return nh3.clean(joined, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, link_rel=None)
