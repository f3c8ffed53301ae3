"""Reasons the comment checks and the like-ring check give, read back as translatable `Phrase`s.

The comment engine and the ring check write their reasons in Chinese, and they are stored that way on
comment verdicts and moderation cases (the JSON API serves them as stored). Pages show a stored reason
through `reason_phrase`: a fixed reason is its own message id; a reason with numbers or quoted words is
matched against its template, so the numbers carry over into the translation. Every reason is marked
here with `N_` so extraction finds it; a reason not listed here is shown as stored.
"""

from __future__ import annotations

import re

from nook.phrases import N_, Listing, Phrase, Value

#: Fixed reasons: the comment engine's (nook.engine.comments quality and lowvalue).
FIXED = (
    N_("提了问题，方便对方接着聊"),
    N_("分享了自己的相关经历"),
    N_("对方难过时给了安慰"),
    N_("对方在难过，这条评论却在笑闹或道喜，不合时宜"),
    N_("为对方的好消息高兴"),
    N_("理解并安抚了对方的情绪"),
    N_("对方在生气，这条评论却在笑闹"),
    N_("含有攻击性或冒犯的说法，扣了分"),
    N_("紧扣原帖在说的事"),
    N_("和原帖关系不大"),
    N_("说了具体的内容"),
    N_("内容太短或太笼统"),
    N_("带着真情实感"),
    N_("只有「沙发、顶、+1、打卡」这类占位词，没有说任何内容"),
    N_("只有表情符号，没有文字"),
    N_("只有表情代码（如[赞]），没有文字"),
    N_("只是重复的字，没有内容"),
    N_("只回了一句「嗯、是的」，没有接上对方的话"),
    N_("是一句万能夸奖，和原帖内容没有关系"),
    N_("像广告或求互关，和原帖无关"),
    N_("只有一句「厉害、yyds、蹲」这类网络口头禅，没有说到原帖的内容"),
    N_("是一串放在哪条说说下都行的祝福套话，没有说到原帖的内容"),
    N_("只是一句放在哪条下都行的口号（武汉加油、致敬、愿平安），没有对谁说，也没有说到原帖的内容"),
    N_("像广告或引流（加V、兼职、福利、低价），已交给管理员查看"),
    N_("像接龙转发或拉票，已交给管理员查看"),
    N_("在推广自己的主页或作品，和原帖无关"),
    N_("和原帖的心情对不上，不合时宜：对方此刻需要的不是这句话"),
    N_("和别处的评论几乎一字不差（复制粘贴）"),
    N_("只是一句问候（晚安、节日快乐），没有多说什么"),
    N_("对方在分享好消息，这条评论却在安慰或同情，不合时宜"),
    N_("对方在抱怨，这条评论却在笑闹或道喜"),
)

#: The like-ring case's reason (nook.social.moderation.rings writes it from this template).
RING = N_(
    "%(users)s 个账号集中给同样的 %(posts)s 条说说点赞："
    "点赞密度 %(density)s，同站自然点赞预计只有 %(expected)s（%(lift)s 倍）"
)

#: Reasons with values. A value named `items` is a "、"-separated list (shown with the page's separator).
TEMPLATES = (
    N_("接上了原帖说的「%(items)s」"),
    N_("最近 %(total)s 条评论里有 %(low)s 条是低质评论（占位、纯表情、万能夸奖或广告）"),
    N_("最近 %(total)s 条评论里有 %(low)s 条是套话、广告或灌水"),
    N_("最近有 %(n)s 条评论与其他评论几乎一字不差（复制粘贴）"),
    N_("最近有 %(n)s 条评论含有攻击性或冒犯的说法"),
    RING,
)


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(template)))


_PATTERNS = [(t, _pattern(t)) for t in TEMPLATES]


def reason_phrase(text: str) -> Phrase:
    """A stored reason as a Phrase whose `str()` is the stored text."""
    for template, pattern in _PATTERNS:
        if match := pattern.fullmatch(text):
            values: dict[str, Value] = {
                k: Listing(v.split("、")) if k == "items" else v for k, v in match.groupdict().items()
            }
            return Phrase(template, values)
    return Phrase(text)
