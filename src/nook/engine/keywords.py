"""Keywords of a post: content words (nouns, verbs, slang, English) ranked by tf × idf.

Segmentation is rjieba's (fast); the idf table is the one that ships with jieba (MIT), read once,
so keywords match what `jieba.analyse.extract_tags` would rank without jieba's slow segmenter.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import lru_cache
from pathlib import Path

from nook.engine.segment import tag
from nook.engine.text import NormalizedText, normalize

__all__ = ["extract_keywords", "keyword_weights"]

_KEEP_POS = ("n", "v", "eng", "l", "j", "i", "a")
# Social filler that jieba's idf still ranks high in short posts.
_STOP = frozenset(
    [
        "今天",
        "明天",
        "昨天",
        "现在",
        "时候",
        "真的",
        "感觉",
        "觉得",
        "还是",
        "就是",
        "什么",
        "怎么",
        "这个",
        "那个",
        "一个",
        "一下",
        "一点",
        "没有",
        "不是",
        "可以",
        "知道",
        "自己",
        "我们",
        "你们",
        "他们",
        "大家",
        "已经",
        "还有",
        "因为",
        "所以",
        "但是",
        "然后",
        "如果",
        "这么",
        "那么",
        "这样",
        "那样",
        "有点",
        "好像",
        "终于",
        "一直",
        "出来",
        "起来",
        "看到",
        "开始",
        "东西",
        "事情",
        "有没有",
        "是不是",
        "觉得",
        "哈哈",
        "哈哈哈",
        "嘻嘻",
        "啊啊",
        "呜呜",
        "http",
        "https",
        "cn",
        "com",
        "www",
    ]
)


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """jieba's idf table and its median (the idf given to unseen words)."""
    spec = importlib.util.find_spec("jieba")  # locate jieba's data without importing (slow) jieba
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed")
    path = Path(spec.origin).parent / "analyse" / "idf.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


def _is_candidate(word: str, pos: str) -> bool:
    return len(word) >= 2 and pos.startswith(_KEEP_POS) and word.casefold() not in _STOP and not word.isdigit()


def keyword_weights(norm: NormalizedText, top_k: int = 5) -> list[tuple[str, float]]:
    """Top `top_k` (keyword, weight) pairs of a normalised post; hashtags count double."""
    idf, median = _idf()
    counts: Counter[str] = Counter(w for w, p in tag(norm.text) if _is_candidate(w, p))
    for hashtag in norm.hashtags:
        counts[hashtag] += 2
    total = sum(counts.values()) or 1
    scored = [(w, round(n / total * idf.get(w, median), 4)) for w, n in counts.items()]
    return sorted(scored, key=lambda x: -x[1])[:top_k]


def extract_keywords(text: str, top_k: int = 5) -> list[str]:
    """Top `top_k` keywords of a post, most telling first."""
    return [w for w, _ in keyword_weights(normalize(text), top_k)]
