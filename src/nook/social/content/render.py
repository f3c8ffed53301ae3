"""Member text as safe HTML: escaped, #话题#, @提及 and URLs linked, [表情] drawn, then sanitised again with nh3;
日志 as Markdown."""

from __future__ import annotations

import html
import re
import secrets
from functools import lru_cache
from urllib.parse import quote

import nh3
from markdown_it import MarkdownIt

from nook.social.content import emoticons

_TOKENS = re.compile(
    r"#([^#\s][^#\n]{0,31}?)#|(https?://[^\s<>\"'，。！？]+)|(?<![A-Za-z0-9_.])@([A-Za-z0-9_][A-Za-z0-9_.-]{2,31})"
    r"|\[([\u4e00-\u9fff]{1,4})\]"
)
_ALLOWED_TAGS = {"a", "br", "img"}
_ALLOWED_ATTRS = {"a": {"href", "class", "rel"}, "img": {"src", "alt", "class", "width", "height"}}


#: Rendered bodies kept per process: the same posts and comments are rendered on every page view.
_CACHED_BODIES = 4096


@lru_cache(maxsize=_CACHED_BODIES)  # a pure function of the text: nothing per viewer to leak
def text_to_html(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _TOKENS.finditer(text):
        out.append(html.escape(text[pos : match.start()]))
        if match.group(4) is not None:
            out.append(_emoticon(match.group(4)))
        elif match.group(1):
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


# 日志: CommonMark with raw HTML off (typed tags stay text), then nh3 keeps only these. Images may only be
# the site's own /media files (the CSP allows no others, and a foreign image would tell its host who reads).
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
_JOURNAL_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "code",
    "pre",
    "hr",
    "a",
    "img",
}
_JOURNAL_ATTRS = {"a": {"href"}, "img": {"src", "alt"}}
_IMAGE = re.compile(r"!\[([^\]\n]{0,200})\]\((/media/(\d{1,12})/full)\)")


def journal_images(markdown: str) -> list[int]:
    """The media ids a 日志 shows, in order."""
    return [int(m.group(3)) for m in _IMAGE.finditer(markdown)]


def markdown_to_html(markdown: str) -> str:
    # Headings start at h2: the page's h1 is the title.
    source = re.sub(r"^(#{1,3}) ", lambda m: "#" * (len(m.group(1)) + 1) + " ", markdown, flags=re.MULTILINE)
    # Our own images become a placeholder the renderer passes through (unguessable, so typed text can't fake
    # one), then real <img> after escaping.
    mark, slots = secrets.token_hex(8), []

    def keep(match: re.Match[str]) -> str:
        slots.append(f'<img src="{match.group(2)}" alt="{html.escape(match.group(1))}">')
        return f"IMG{mark}{len(slots) - 1}END"

    rendered = _MARKDOWN.render(_IMAGE.sub(keep, source))
    rendered = re.sub(rf"IMG{mark}(\d+)END", lambda m: slots[int(m.group(1))], rendered)
    return nh3.clean(
        rendered,
        tags=_JOURNAL_TAGS,
        attributes=_JOURNAL_ATTRS,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
    )


def _mention(name: str) -> str:
    """@name as a link to the member's space; a trailing . or - is the sentence's, not the name's."""
    core = name.rstrip(".-")
    rest = name[len(core) :]
    if len(core) < 3:
        return html.escape("@" + name)
    link = f'<a class="mention" href="/u/{quote(core.lower())}">@{html.escape(core)}</a>'
    return link + html.escape(rest)
