"""Language choice and gettext catalogs: zh-Hans is the source language, English is translated."""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.core import negotiate_locale
from babel.support import NullTranslations, Translations
from starlette.requests import Request

from nook.phrases import N_

LOCALE_DIR = Path(__file__).parent / "locale"
LANG_COOKIE = "nook_lang"
LANGUAGES = {"zh": "简体中文", "en": "English"}
DEFAULT = "zh"

_current: ContextVar[str] = ContextVar("nook_web_lang", default=DEFAULT)


def pick_language(request: Request) -> str:
    """An explicit choice (cookie) wins; otherwise the browser's Accept-Language; otherwise Chinese."""
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    header = request.headers.get("accept-language", "")
    wanted = [part.split(";")[0].strip().replace("-", "_") for part in header.split(",") if part.strip()]
    # zh_Hans / zh_CN / zh_TW all map to our one Chinese; English variants to English.
    wanted = [w.split("_")[0].lower() for w in wanted]
    return negotiate_locale(wanted, list(LANGUAGES)) or DEFAULT


@lru_cache(maxsize=4)
def translations(lang: str) -> NullTranslations:
    if lang == DEFAULT:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], domain="messages")


def set_language(lang: str) -> None:
    _current.set(lang if lang in LANGUAGES else DEFAULT)


def current_language() -> str:
    return _current.get()


def gettext(message: str) -> str:
    if not message:  # gettext("") is the catalogue's header, never a label
        return message
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


#: Labels chosen at run time (shown with `_(label)`), listed here so extraction finds them.
RUNTIME_LABELS = (
    N_("兴趣"),
    N_("粉丝团"),
    N_("同城"),
    N_("校园"),
    N_("初中"),
    N_("高中"),
    N_("大学"),
    N_("求推荐"),
    N_("投票"),
    N_("悬念"),
    N_("挑战"),
    N_("提问"),
    N_("请求有误"),
    N_("请先登录"),
    N_("没有权限"),
    N_("找不到这个页面"),
    N_("不支持的操作"),
    N_("操作冲突"),
    N_("内容太大"),
    N_("填写有误"),
    N_("操作太频繁"),
    N_("出错了"),
    # list separators (the `listing` filter): "、" between names, "；" between reasons
    N_("、"),
    N_("；"),
)
