"""Cleaning member-written text and finding #话题# hashtags in it."""

from __future__ import annotations

import re
import unicodedata

from nook.errors import Invalid
from nook.phrases import N_, Phrase
from nook.social.limits import HASHTAG_MAX

# QQ空间 / Weibo style: #话题# between two hash marks, no line breaks or hash inside.
_HASHTAG = re.compile(rf"#([^#\s][^#\n]{{0,{HASHTAG_MAX - 1}}}?)#")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Characters that draw nothing yet are letters or symbols, not format characters: the Hangul fillers
#: (U+115F, U+1160, U+3164, U+FFA0) and the blank Braille pattern (U+2800). Text of only these is empty.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: Fillers that have no use in modern text: removed like format characters.
_FILLERS = re.compile("[\u115f\u1160\u3164\uffa0]")


def clean_text(value: str, *, field: str, max_len: int, allow_empty: bool = False) -> str:
    """NFC, without control, format (zero-width, bidi, BOM: Unicode's Cf) or filler characters and
    outer space; text that draws nothing counts as empty; enforce the length limit.

    NFC, not NFKC: NFKC would turn the fullwidth ，！？ of Chinese prose into ASCII. Names use
    `clean_name`. `field` names the field in error messages, marked with `N_` so pages can translate it."""
    nfc = unicodedata.normalize("NFC", value)
    text = _FILLERS.sub("", _CONTROL.sub("", "".join(ch for ch in nfc if unicodedata.category(ch) != "Cf"))).strip()
    if not allow_empty and all(ch in _BLANK or ch.isspace() for ch in text):
        raise Invalid(N_("%(field)s不能为空"), field=Phrase(field))
    if len(text) > max_len:
        raise Invalid(N_("%(field)s最多 %(max)s 个字（现在 %(n)s 个）"), field=Phrase(field), max=max_len, n=len(text))
    return text


def hashtags(text: str) -> list[str]:
    """Distinct hashtags in order of appearance, case-folded so #Cosplay# and #cosplay# meet."""
    seen: dict[str, None] = {}
    for match in _HASHTAG.finditer(text):
        name = match.group(1).strip().casefold()
        if name:
            seen.setdefault(name, None)
    return list(seen)


def normalize_hashtag(name: str) -> str:
    name = name.strip().strip("#").strip().casefold()
    if not name or len(name) > HASHTAG_MAX or "#" in name:
        raise Invalid(N_("话题名称无效"))
    return name


# --- names: nobody passes for the site's operators ------------------------------------------

#: Words that name the site's operators; a name made only of these (in any case, width, leet or
#: punctuation) is reserved for the real admin account. CJK ones are reserved anywhere in a name.
_OPERATOR_WORDS = (
    "admin", "administrator", "root", "moderator", "sysop", "system", "nook", "official", "staff", "support",
    "superuser", "webmaster",
)  # fmt: skip
_OPERATOR_CJK = ("管理员", "管理員", "官方", "心角", "站长", "站長", "客服", "系统", "系統", "超级管理")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LEET = str.maketrans("01!|34@5$7", "oiiieaasst")


def name_skeleton(name: str) -> str:
    """How a name reads: NFKC (fullwidth ａｄｍｉｎ is admin), case-folded, without format characters,
    spaces, punctuation or symbols, leet digits read as letters (adm1n is admin)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    core = _EDGES.sub("", folded)
    core = core.rstrip("0123456789") or core  # admin2 reads as admin
    return "".join(ch for ch in core.translate(_LEET).replace("l", "i") if unicodedata.category(ch)[0] in "LN")


_WORDS = {name_skeleton(w) for w in _OPERATOR_WORDS}


def is_operator_name(name: str) -> bool:
    """Whether a username or nickname passes for the site's operators (admin., ADMIN, adm1n, 心角管理员)."""
    skeleton = name_skeleton(name)
    if any(word in unicodedata.normalize("NFKC", name) or word in skeleton for word in _OPERATOR_CJK):
        return True
    return bool(skeleton) and _made_of_words(skeleton)


def _made_of_words(skeleton: str) -> bool:
    """Whether the skeleton is one or more operator words end to end (nook_admin, rootadmin)."""
    ends = [True] + [False] * len(skeleton)
    for i in range(len(skeleton)):
        if ends[i]:
            for word in _WORDS:
                if skeleton.startswith(word, i):
                    ends[i + len(word)] = True
    return ends[-1]


def clean_name(value: str, *, field: str, max_len: int, operator: bool = False) -> str:
    """A display name: cleaned like any text, never blank-looking, and not an operator's unless it is theirs."""
    text = clean_text(value, field=field, max_len=max_len)
    if not operator and is_operator_name(text):
        raise Invalid(N_("%(field)s不能冒充站点管理员或官方"), field=Phrase(field))
    return text
