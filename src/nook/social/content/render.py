"""Member text as safe HTML: escaped, #话题# and URLs linked, then sanitised again with nh3."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import nh3

_TOKENS = re.compile(
    r"#([^#\s][^#\n]{0,31}?)#|(https?://[^\s<>\"'，。！？]+)|(?<![A-Za-z0-9_.])@([A-Za-z0-9_][A-Za-z0-9_.-]{2,31})"
)
_ALLOWED_TAGS = {"a", "br"}
_ALLOWED_ATTRS = {"a": {"href", "class", "rel"}}


def text_to_html(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _TOKENS.finditer(text):
        out.append(html.escape(text[pos : match.start()]))
        if match.group(1):
            tag = match.group(1).strip().casefold()
            out.append(f'<a class="tag" href="/tags/{quote(tag)}">#{html.escape(match.group(1))}#</a>')
        elif match.group(3):
            out.append(_mention(match.group(3)))
        else:
            url = match.group(2)
            out.append(f'<a href="{html.escape(url)}" rel="nofollow noopener">{html.escape(url)}</a>')
        pos = match.end()
    out.append(html.escape(text[pos:]))
    joined = "".join(out).replace("\n", "<br>")
    # Defence in depth: even if the escaping above had a gap, only links and breaks survive.
    return nh3.clean(joined, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, link_rel=None)


def _mention(name: str) -> str:
    """@name as a link to the member's space; a trailing . or - is the sentence's, not the name's."""
    core = name.rstrip(".-")
    rest = name[len(core) :]
    if len(core) < 3:
        return html.escape("@" + name)
    link = f'<a class="mention" href="/u/{quote(core.lower())}">@{html.escape(core)}</a>'
    return link + html.escape(rest)
