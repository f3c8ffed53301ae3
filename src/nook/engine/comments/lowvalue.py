"""Low-value comments (folded, never deleted): placeholders, bare emoji, repeats, stock praise, ads.

Precision comes first: a rule fires only when the whole comment is the pattern, and a short comment
that fits the post ("抱抱你" or "[抱抱]" under a sad post, "太棒了" under good news) is never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from nook.engine._emoticons import bare_emoticons_answer
from nook.engine.text import NormalizedText, strip_for_dedup

__all__ = ["LowValueResult", "detect_low_value"]

_FILLER = re.compile(
    r"(?:沙发|板凳|地板|前排|顶+|赞+|点赞|路过|mark|打卡|签到|留名|围观|插眼|火钳刘明|火前留名|已阅|来了|"
    r"dd|cy|6+|1+|一下|一个|了|啊|呀|哦|第一|抢)+"
)
# "好" alone is an answer ("好的"), so it counts as praise only after a verb or a degree word.
_STOCK_PRAISE = re.compile(
    r"(?:楼主)?(?:(?:写|说|拍|画|做|讲|总结)[得的]?(?:真|太|好|很|超|非常)?|(?:真|太|很|超|非常))"
    r"(?:好|棒|赞|不错|厉害|牛|优秀|精彩|好看|美|帅|可爱|到位|精辟)(?:了|啊|呀|哦)*|"
    r"(?:好文|好帖|好贴|支持楼主|支持一下|支持|学习了|收藏了?|转发了?|感谢分享|谢谢分享|涨知识了?|"
    r"不明觉厉|楼主好人|说得对|有道理|同意|同感|真不错|不错不错|可以可以|厉害了?|好看|好美|棒)(?:了|啊|呀|哦)*"
)
_PRAISES_THE_WRITING = re.compile(r"(?:写|说|拍|画|总结)[得的]")
# A bare "yes/OK" is a fine answer to a question, and says nothing under a statement.
_ACK = re.compile(r"(?:是的|是啊|是哈|就是|对的?|嗯+呢?|恩+|哦+|噢|好的|好吧|这样|哇哦?|呵呵)(?:啊|呀|哦|吧|了)*")
_QUESTION = re.compile(r"[?？]|吗|呢|是不是|什么|怎么|为什么|为啥|多少|几[点个号天]|哪")
_CELEBRATORY = re.compile(r"棒|厉害|牛|优秀|恭喜|赞|真好|太好")
_ADS = re.compile(
    r"加微信|加v|加vx|vx|威信|微信号|私聊|私信我|代购|兼职|日赚|月入|刷单|优惠券|领券|点击.{0,4}链接|主页链接|"
    r"扫码|进群|互粉|互关|互赞|回关|回赞|求关注|关注我|低价|包邮",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class LowValueResult:
    flag: bool
    code: str | None  # placeholder | emoji_only | emoticon_only | repeated | ack | stock_praise | ad
    reason: str | None  # plain Chinese, shown to the writer

    def to_json(self) -> dict[str, Any]:
        return {"flag": self.flag, "reason": self.reason}


_NOT_LOW = LowValueResult(False, None, None)
_REASONS = {
    "placeholder": "只有「沙发、顶、+1、打卡」这类占位词，没有说任何内容",
    "emoji_only": "只有表情符号，没有文字",
    "emoticon_only": "只有表情代码（如[赞]），没有文字",
    "repeated": "只是重复的字，没有内容",
    "ack": "只回了一句「嗯、是的」，没有接上对方的话",
    "stock_praise": "是一句万能夸奖，和原帖内容没有关系",
    "ad": "像广告或求互关，和原帖无关",
}


def _flag(code: str) -> LowValueResult:
    return LowValueResult(True, code, _REASONS[code])


def _emoticon_only(text: str, norm: NormalizedText, parent_mood: str) -> LowValueResult | None:
    if not norm.emoticons:
        return None
    if bare_emoticons_answer(norm.emoticons, parent_mood):
        return _NOT_LOW  # a hug under a sad post (or applause for good news) says what is needed
    return _flag("emoticon_only" if "[" in text else "emoji_only")


def _shares_content(bare: str, parent_bare: str) -> bool:
    """Whether the comment repeats any two-character stretch of what it answers."""
    return any(bare[i : i + 2] in parent_bare for i in range(len(bare) - 1))


def detect_low_value(text: str, norm: NormalizedText, parent_text: str, parent_mood: str = "neutral") -> LowValueResult:
    """Whether a comment adds nothing, and why; parent_mood comes from `_mood.mood` of what it answers."""
    bare = strip_for_dedup(text)
    if not bare:
        return _emoticon_only(text, norm, parent_mood) or _flag("placeholder")
    distinct = len(set(bare))
    if (distinct == 1 and len(bare) >= 2) or (len(bare) >= 3 and distinct <= 2 and distinct * 2 < len(bare)):
        return _flag("repeated")
    if _FILLER.fullmatch(bare):
        return _flag("placeholder")
    if _ACK.fullmatch(bare) and not _QUESTION.search(parent_text):
        return _flag("ack")
    if (norm.urls or _ADS.search(bare)) and not _shares_content(_ADS.sub("", bare), strip_for_dedup(parent_text)):
        return _flag("ad")
    if _STOCK_PRAISE.fullmatch(bare) or _STOCK_PRAISE.fullmatch(_FILLER.sub("", bare) or bare):
        if parent_mood == "good" and _CELEBRATORY.search(bare) and not _PRAISES_THE_WRITING.match(bare):
            return _NOT_LOW  # "太棒了" under good news is the celebration the post asks for
        return _flag("stock_praise")
    return _NOT_LOW
