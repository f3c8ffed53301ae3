"""空间装扮: the skins and accent colours a member may give their space, each checked for contrast.

A skin changes a space's cover, pattern and card shape; its accent colours the space's links, buttons and
names. Both are CSS classes in static/nook.css (the strict CSP allows no inline style), and only colours that
keep WCAG AA text contrast on the light and the dark card are offered: a choice that fails is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from nook.phrases import N_

LIGHT_CARD = "#fffdf9"
DARK_CARD = "#261e19"
LIGHT_BUTTON_TEXT = "#ffffff"  # text on an accent-coloured button, light pages
DARK_BUTTON_TEXT = "#1b1512"  # and dark pages
TEXT_CONTRAST = 4.5  # WCAG AA for body-size text


@dataclass(frozen=True)
class Accent:
    label: str
    light: str  # on the light card
    dark: str  # on the dark card


@dataclass(frozen=True)
class Skin:
    label: str
    accent: str  # the accent it comes with, unless the member picks another


ACCENTS: dict[str, Accent] = {
    "amber": Accent(N_("琥珀"), "#b54a14", "#f0894f"),
    "rose": Accent(N_("蔷薇"), "#b02a5b", "#f58fb4"),
    "jade": Accent(N_("青玉"), "#1f6e55", "#6fd1ab"),
    "sky": Accent(N_("晴空"), "#1f5f99", "#8cc0f0"),
    "violet": Accent(N_("紫藤"), "#6a3fa0", "#c6a6f0"),
    "ink": Accent(N_("墨色"), "#3a3a3a", "#d8d2cc"),
}

SKINS: dict[str, Skin] = {
    "warm": Skin(N_("暖阳（默认）"), "amber"),
    "sakura": Skin(N_("樱花"), "rose"),
    "forest": Skin(N_("森林"), "jade"),
    "starry": Skin(N_("星空"), "violet"),
    "sea": Skin(N_("海风"), "sky"),
    "paper": Skin(N_("素笺"), "ink"),
}
DEFAULT_SKIN = "warm"


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(accent: Accent) -> bool:
    """As link text on the card and as a button behind its label, on light and on dark pages."""
    pairs = [
        (accent.light, LIGHT_CARD),
        (accent.dark, DARK_CARD),
        (accent.light, LIGHT_BUTTON_TEXT),
        (accent.dark, DARK_BUTTON_TEXT),
    ]
    return all(contrast(a, b) >= TEXT_CONTRAST for a, b in pairs)


@cache
def offered_accents() -> dict[str, Accent]:
    return {key: accent for key, accent in ACCENTS.items() if readable(accent)}


@cache
def offered_skins() -> dict[str, Skin]:
    return {key: skin for key, skin in SKINS.items() if skin.accent in offered_accents()}


def accent_of(skin: str, accent: str) -> str:
    """The accent a space shows: the member's own pick, else the skin's."""
    if accent in offered_accents():
        return accent
    return offered_skins().get(skin, SKINS[DEFAULT_SKIN]).accent
