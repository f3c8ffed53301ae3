"""Sentences the services compose for members (why a post or person is shown), kept translatable.

A service returns a `Phrase`: a zh-Hans template with named placeholders, marked with `N_` so that
`pybabel extract` finds it, and its values. `str(phrase)` is the Chinese sentence the JSON API keeps
serving; the web layer translates the template (and any phrase among the values) where it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Union

Value = Union[str, int, "Phrase", "Listing"]


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Marks a template for extraction; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Phrase:
    template: str
    params: Mapping[str, Value] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str]) -> str:
        """The sentence in the language `gettext` translates to (member-written values stay as they are)."""
        values = {k: v.render(gettext) if isinstance(v, Phrase | Listing) else v for k, v in self.params.items()}
        return gettext(self.template) % values if values else gettext(self.template)

    def __str__(self) -> str:
        return self.render(lambda message: message)


@dataclass(frozen=True)
class Listing:
    """Several values in one sentence: the separator (and any quote around each) is translated too,
    so Chinese keeps `「a」、「b」` and English reads `"a", "b"`."""

    items: Sequence[Value]
    sep: str = N_("、")
    #: a template with `%(item)s`, e.g. N_("「%(item)s」"); None shows the items bare.
    wrap: str | None = None

    def render(self, gettext: Callable[[str], str]) -> str:
        shown = [v.render(gettext) if isinstance(v, Phrase | Listing) else str(v) for v in self.items]
        if self.wrap is not None:
            shown = [gettext(self.wrap) % {"item": v} for v in shown]
        return gettext(self.sep).join(shown)

    def __str__(self) -> str:
        return self.render(lambda message: message)
