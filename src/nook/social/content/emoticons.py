"""Nook's own 表情: the `[名字]` codes members write, and the picture drawn for each.

The pictures are SVG files drawn for Nook (`nook/web/static/emoticons/`, see the README there).
What each code means to the comment engine (a hug, applause) lives in `nook.engine._emoticons`.
"""

from __future__ import annotations

from dataclasses import dataclass

from nook.phrases import N_

#: Name (what goes between the brackets), file, and the picker's label (marked for translation; 心 is
#: 爱心 there, since a bare 心 is also the site's brand mark), in the picker's order.
_FILES: tuple[tuple[str, str, str], ...] = (
    (N_("微笑"), "weixiao", N_("微笑")),
    (N_("大笑"), "daxiao", N_("大笑")),
    (N_("哭"), "ku", N_("哭")),
    (N_("捂脸"), "wulian", N_("捂脸")),
    (N_("惊讶"), "jingya", N_("惊讶")),
    (N_("生气"), "shengqi", N_("生气")),
    (N_("困"), "kun", N_("困")),
    (N_("思考"), "sikao", N_("思考")),
    (N_("心"), "xin", N_("爱心")),
    (N_("赞"), "zan", N_("赞")),
    (N_("抱抱"), "baobao", N_("抱抱")),
    (N_("加油"), "jiayou", N_("加油")),
    (N_("鼓掌"), "guzhang", N_("鼓掌")),
    (N_("握手"), "woshou", N_("握手")),
    (N_("干杯"), "ganbei", N_("干杯")),
    (N_("礼物"), "liwu", N_("礼物")),
    (N_("生日蛋糕"), "dangao", N_("生日蛋糕")),
    (N_("花"), "hua", N_("花")),
    (N_("猫咪"), "maomi", N_("猫咪")),
    (N_("狗狗"), "gougou", N_("狗狗")),
    (N_("太阳"), "taiyang", N_("太阳")),
    (N_("月亮"), "yueliang", N_("月亮")),
    (N_("星星"), "xingxing", N_("星星")),
    (N_("彩虹"), "caihong", N_("彩虹")),
)
STATIC_PREFIX = "/static/emoticons/"


@dataclass(frozen=True)
class Emoticon:
    name: str  # as written between the brackets
    code: str  # "[微笑]"
    url: str
    label: str  # pages show `_(label)`


EMOTICONS: tuple[Emoticon, ...] = tuple(Emoticon(n, f"[{n}]", f"{STATIC_PREFIX}{f}.svg", lb) for n, f, lb in _FILES)
_BY_NAME = {e.name: e for e in EMOTICONS}


def find(name: str) -> Emoticon | None:
    """The emoticon called `name`, or None (then `[name]` is just text)."""
    return _BY_NAME.get(name)
