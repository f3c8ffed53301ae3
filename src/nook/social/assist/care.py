"""Sensitive moments (issue 18): what a post that signals a crisis changes, and for whom.

Everything is read from the post's text when it is shown (`nook.engine.detect_crisis`), so nothing is
stored about anyone's state of mind, an edit that takes the words away takes the card away too, and
nobody but the author is ever told: no notification, no moderation case, no flag in any other reader's
page or API answer.

- `care_card(viewer, post)`: the author alone gets a discreet card with the help lines the operator
  lists (NOOK_HELP_LINES) when the post says they may be in danger (`Crisis.at_risk`) or speaks of
  depression.
- `is_sensitive(text)`: any crisis signal; readers' suggestions then come only from the engine's
  reviewed supportive set, and the operator's LLM is not asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from nook.config import get_settings
from nook.engine import Crisis, detect_crisis, normalize
from nook.phrases import N_, Phrase
from nook.social.authz import Viewer
from nook.store.models import Post

__all__ = ["CareCard", "HelpLine", "care_card", "is_sensitive"]

#: NOOK_HELP_LINES' default names, so the catalogue translates them (an operator's own names show as written).
DEFAULT_NAMES = (N_("全国心理援助热线"), N_("希望24热线"))


@dataclass(frozen=True)
class HelpLine:
    name: Phrase  # as the operator wrote it; `str()` for the API, translated on pages where the catalogue can
    number: str

    @property
    def tel(self) -> str:
        """The number for a tel: link (digits and a leading +)."""
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class CareCard:
    lines: tuple[HelpLine, ...]


def _crisis(text: str) -> Crisis | None:
    # read as the suggestion engine reads it (simplified, emoticons and links out), so both agree
    return detect_crisis(normalize(text).text)


def is_sensitive(text: str) -> bool:
    """The post signals a crisis of any kind (depression, loss, illness, abuse, a breakup, danger)."""
    return _crisis(text) is not None


def care_card(viewer: Viewer, post: Post) -> CareCard | None:
    """The help card for `viewer` under `post`: only its author, only when the post says they may be in
    danger or speaks of depression, and only when the operator lists help lines."""
    if viewer.id is None or viewer.id != post.author_id:
        return None
    lines = tuple(HelpLine(Phrase(name), number) for name, number in get_settings().help_line_entries)
    if not lines:
        return None
    found = _crisis(post.body)
    if found is None or not (found.at_risk or found.kind == "depression"):
        return None
    return CareCard(lines)
