"""The Jinja2 environment: autoescaping, gettext, and the filters templates share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from nook.phrases import N_, Listing, Phrase
from nook.social.content.emoticons import EMOTICONS
from nook.social.content.render import markdown_to_html, text_to_html
from nook.social.moderation.reasons import reason_phrase
from nook.vocabulary import BOARD_POLICY_LABELS, PRIVACY_LABELS, VISIBILITY_LABELS
from nook.web import appearance, i18n

TEMPLATES = Path(__file__).parent / "templates"

CASE_STATUS_LABELS = {
    "open": N_("待处理"),
    "confirmed": N_("已确认"),
    "escalated": N_("已上报"),
    "lifted": N_("已撤销"),
}


def journal_html(markdown: str) -> Markup:
    return Markup(markdown_to_html(markdown))  # noqa: S704 (sanitised by nh3 inside)


def journal_excerpt(markdown: str, length: int = 120) -> str:
    """A 日志's opening words as plain text, for its card in a feed."""
    text = " ".join(Markup(markdown_to_html(markdown)).striptags().split())  # noqa: S704 (made plain text here)
    return text if len(text) <= length else text[:length].rstrip() + "…"


def body_html(text: str) -> Markup:
    """Member text enters pages only through the one sanitiser."""
    return Markup(text_to_html(text))  # noqa: S704 - text_to_html escapes, then nh3 sanitises


def media_url(media_id: int | None, variant: str = "thumb") -> str:
    return f"/media/{media_id}/{variant}" if media_id else ""


def timeago(at: datetime | None) -> str:
    if at is None:
        return ""
    now = datetime.now(UTC)
    when = at if at.tzinfo else at.replace(tzinfo=UTC)
    seconds = int((now - when).total_seconds())
    if seconds < 60:
        return i18n.gettext("刚刚")
    if seconds < 3600:
        return i18n.gettext("%(n)d 分钟前") % {"n": seconds // 60}
    if seconds < 86400:
        return i18n.gettext("%(n)d 小时前") % {"n": seconds // 3600}
    if seconds < 86400 * 7:
        return i18n.gettext("%(n)d 天前") % {"n": seconds // 86400}
    return when.strftime("%Y-%m-%d")


def phrase(value: Phrase) -> str:
    """A sentence a service composed (a reason, a tip), in the page's language."""
    return value.render(i18n.gettext)


def reason(text: str | None) -> str:
    """A reason the comment or like-ring check stored in Chinese, in the page's language (audit rows
    keep several joined with "；")."""
    parts = [reason_phrase(part) for part in (text or "").split("；") if part]
    return Listing(parts, sep=N_("；")).render(i18n.gettext)


def listing(items: Iterable[str], sep: str = N_("、")) -> str:
    """Several values joined with the page's separator ("、" in Chinese, ", " in English)."""
    return Listing(list(items), sep=sep).render(i18n.gettext)


def isotime(at: datetime | None) -> str:
    return at.isoformat() if at else ""


def translations(words: Iterable[str]) -> dict[str, str]:
    """The words a script shows, each with its translation in the page's language (only those that
    differ, so a Chinese page sends nothing)."""
    return {w: t for w in words if (t := i18n.gettext(w)) != w}


def _make_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        body_html=body_html,
        journal_html=journal_html,
        journal_excerpt=journal_excerpt,
        media_url=media_url,
        timeago=timeago,
        isotime=isotime,
        translations=translations,
        phrase=phrase,
        reason=reason,
        listing=listing,
    )
    env.globals.update(
        VISIBILITY_LABELS=VISIBILITY_LABELS,
        PRIVACY_LABELS=PRIVACY_LABELS,
        BOARD_POLICY_LABELS=BOARD_POLICY_LABELS,
        STATUS_LABELS=CASE_STATUS_LABELS,
        LANGUAGES=i18n.LANGUAGES,
        THEMES=appearance.THEMES,
        EMOTICONS=EMOTICONS,
    )
    return env


ENV = _make_env()


def render_template(name: str, context: dict[str, Any]) -> str:
    """Render a page with `m`, the shared macros, built once for the page: a per-card
    `{% import ... with context %}` rebuilt the module for every card (15% of GET /)."""
    macros = ENV.get_template("macros.html").make_module(context)
    return ENV.get_template(name).render(context | {"m": macros})
