"""Member text as safe HTML: escaped, #话题# and URLs linked, [表情] drawn, then sanitised again with nh3."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import nh3

from nook.social.content import emoticons

_TOKENS = re.compile(r"#([^#\s][^#\n]{0,31}?)#|(https?://[^\s<>\"'，。！？]+)|\[([\u4e00-\u9fff]{1,4})\]")
_ALLOWED_TAGS = {"a", "br", "img"}
_ALLOWED_ATTRS = {"a": {"href", "class", "rel"}, "img": {"src", "alt", "class", "width", "height"}}


def text_to_html(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _TOKENS.finditer(text):
        out.append(html.escape(text[pos : match.start()]))
        if match.group(3) is not None:
            out.append(_emoticon(match.group(3)))
        elif match.group(1):
            tag = match.group(1).strip().casefold()
            out.append(f'<a class="tag" href="/tags/{quote(tag)}">#{html.escape(match.group(1))}#</a>')
        else:
            url = match.group(2)
            out.append(f'<a href="{html.escape(url)}" rel="nofollow noopener">{html.escape(url)}</a>')
        pos = match.end()
    out.append(html.escape(text[pos:]))
    joined = "".join(out).replace("\n", "<br>")
    # Defence in depth: even if the escaping above had a gap, only links and breaks survive.
    return nh3.clean(
        joined, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, attribute_filter=_only_our_pictures, link_rel=None
    )


def _emoticon(name: str) -> str:
    """`[微笑]` as its picture, the code as alt text (copying the text copies the code); unknown names stay text."""
    found = emoticons.find(name)
    if found is None:
        return html.escape(f"[{name}]")
    return f'<img class="emo" src="{found.url}" alt="{found.code}" width="22" height="22">'


def _only_our_pictures(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.startswith(emoticons.STATIC_PREFIX):
        return None
    return value
