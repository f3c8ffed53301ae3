"""Light or dark pages: the member's choice, kept in a cookie so it holds before and after signing in."""

from __future__ import annotations

from starlette.requests import Request

from nook.phrases import N_

THEME_COOKIE = "nook_theme"
#: "auto" follows the device (prefers-color-scheme); the others pin the page's colours.
THEMES = {"auto": N_("跟随系统"), "light": N_("浅色"), "dark": N_("深色")}
DEFAULT = "auto"


def pick_theme(request: Request) -> str:
    chosen = request.cookies.get(THEME_COOKIE, "")
    return chosen if chosen in THEMES else DEFAULT
