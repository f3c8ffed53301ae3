"""Fast word segmentation (rjieba, a Rust port of jieba) with Nook's user dictionary.

jieba's dictionary predates today's social slang, so words like 上岸 or 破防 would be split; the
user dictionary adds them (and an operator can add more with `add_user_words`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import rjieba

__all__ = ["add_user_words", "search_terms", "segment", "tag"]

# word -> POS tag given to rjieba (n noun, v verb, vn verbal noun, a adjective, i idiom-like)
_NOOK_WORDS: dict[str, str] = {
    "上岸": "v", "考研党": "n", "考公": "vn", "考编": "vn", "爱豆": "n", "打卡": "v", "种草": "v", "拔草": "v",
    "安利": "v", "摸鱼": "v", "内卷": "vn", "躺平": "v", "破防": "v", "yyds": "i", "绝绝子": "i", "emo": "a",
    "社恐": "n", "社牛": "n", "铲屎官": "n", "毛孩子": "n", "手帐": "n", "手账": "n", "开黑": "v", "上分": "v",
    "氪金": "v", "塌房": "v", "超话": "n", "打榜": "v", "应援": "vn", "小确幸": "n", "干饭": "v", "探店": "v",
    "出片": "v", "扫街": "v", "撸铁": "v", "撸猫": "v", "遛狗": "v", "带娃": "v", "辅食": "n", "996": "n",
    "打工人": "n", "年终奖": "n", "早八": "n", "ddl": "n", "绩点": "n", "复盘": "v", "碎碎念": "n",
}  # fmt: skip


@lru_cache(maxsize=1)
def _load_user_dictionary() -> bool:
    add_user_words(_NOOK_WORDS.items())
    return True


def add_user_words(words: Iterable[tuple[str, str]]) -> None:
    """Teach the segmenter (process-wide) extra words as (word, POS tag) pairs."""
    for word, pos in words:
        rjieba.add_word(word, None, pos)


def segment(text: str) -> list[str]:
    """Words of `text` in order, whitespace dropped."""
    _load_user_dictionary()
    return [w for w in rjieba.cut(text) if not w.isspace()]


def tag(text: str) -> list[tuple[str, str]]:
    """(word, POS) pairs of `text`, whitespace dropped."""
    _load_user_dictionary()
    return [(w, p) for w, p in rjieba.tag(text) if not w.isspace()]


_WORD = re.compile(r"^\w+$")


def search_terms(text: str, *, for_index: bool = True) -> list[str]:
    """Distinct case-folded word tokens (letters, digits, CJK; punctuation dropped) for full-text search.

    For the index, search mode adds the shorter words inside long ones (天气预报 also gives 天气 and 预报),
    so a query for 天气 finds it; a query is cut plainly, every word of it required."""
    _load_user_dictionary()
    words = rjieba.cut_for_search(text) if for_index else rjieba.cut(text)
    seen: dict[str, None] = {}
    for word in words:
        folded = word.casefold()
        if _WORD.match(folded):
            seen.setdefault(folded, None)
    return list(seen)
