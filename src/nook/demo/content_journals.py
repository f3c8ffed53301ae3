"""A few 日志 (long posts with a title and Markdown), written by the demo's most active members."""

from __future__ import annotations

from datetime import datetime, time

from nook.demo import clock
from nook.demo.people import Person
from nook.demo.posts import Written
from nook.demo.topics import Topic

_JOURNALS = (
    (
        "带娃去爬山的一天",
        "## 出发\n\n早上七点出门，**背包比孩子还重**。\n\n- 水两瓶\n- 饭团四个\n- 创可贴（果然用上了）\n\n"
        "## 山顶\n\n> 妈妈，云在我们脚底下！\n\n这一句，值回所有的腿酸。下次想去更远一点的山，有推荐吗？",
    ),
    (
        "高三最后一百天，写给自己",
        "倒计时牌翻到 100 的时候，教室里突然很安静。\n\n## 想对自己说\n\n1. 错题本比新题重要\n2. 晚上十二点前睡觉\n"
        "3. 每周给家里打一次电话\n\n> 不是每一天都要赢，只要不放弃。\n\n一起冲的同学，评论区报个到？",
    ),
)
_TOPIC = Topic(
    name="journal",
    mood="neutral",
    bodies=tuple(body for _, body in _JOURNALS),
    comments=("认真看完了，写得真好", "这段引用戳到我了", "收藏了，下次照着准备"),
    questions=("后来呢？",),
    talk=1.5,
)


def journal_posts(people: list[Person], now: datetime) -> list[Written]:
    """One 日志 each from the most active members, a week apart, so the demo shows the long form."""
    authors = sorted(people, key=lambda p: (-p.activity, p.user.username))[: len(_JOURNALS)]
    out = []
    for i, (person, (title, body)) in enumerate(zip(authors, _JOURNALS, strict=False)):
        day = clock.local_day(now, 3 + 7 * i)
        when = datetime.combine(day, time(13, 0), tzinfo=now.tzinfo)
        out.append(Written(person.user.username, _TOPIC, body, "public", None, when, (), title=title))
    return out
