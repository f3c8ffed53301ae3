"""The demo world's fixed facts: schools, cities, who lives where, and which circles exist."""

from __future__ import annotations

from dataclasses import dataclass

from nook.demo.model import CircleKind, JoinPolicy

DEMO_PASSWORD = "nook-demo-2024"  # noqa: S105 - the documented login of every demo account, admin included

HIGH_SCHOOL = "南城一中"  # in 杭州
UNIVERSITY = "江北大学"  # in 武汉
CITIES = ("杭州", "成都", "武汉", "广州", "北京")
MAJORS = ("计科", "汉语言", "新传", "临床", "会计")

#: the word behind each user kind; also the audience tag the campus topics look for
HS, UNI, ALUMNI, PARENT = "高中生", "大学生", "校友", "家长"


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    share: float
    years: tuple[int, ...]  # 入学年份 to draw from
    cities: tuple[tuple[str, float], ...]
    interests: tuple[tuple[str, float], ...]
    fixed_interests: tuple[str, ...] = ()


SEGMENTS: tuple[Segment, ...] = (
    Segment(
        HS, 0.40, (2021, 2022, 2023), (("杭州", 1.0),),
        (("追星", 3), ("电竞", 2), ("手账", 2.5), ("猫", 1), ("美食", 1), ("摄影", 0.5), ("旅行", 0.3)),
    ),
    Segment(
        UNI, 0.33, (2020, 2021, 2022, 2023), (("武汉", 0.85), ("杭州", 0.08), ("成都", 0.07)),
        (("摄影", 2), ("旅行", 2), ("考研", 2), ("电竞", 2), ("手账", 1), ("追星", 1.5), ("猫", 1),
         ("美食", 1.5)),
    ),
    Segment(
        ALUMNI, 0.12, (2014, 2015, 2016, 2017, 2018, 2019),
        (("北京", 0.3), ("广州", 0.25), ("成都", 0.2), ("杭州", 0.15), ("武汉", 0.1)),
        (("摄影", 2), ("旅行", 2.5), ("猫", 1.5), ("美食", 2), ("追星", 0.8), ("手账", 0.5), ("电竞", 0.8)),
    ),
    Segment(
        PARENT, 0.15, (2008, 2009, 2010, 2011, 2012, 2013),
        (("杭州", 0.45), ("成都", 0.3), ("广州", 0.15), ("北京", 0.1)),
        (("美食", 2), ("旅行", 1), ("手账", 0.8), ("猫", 0.8), ("摄影", 0.8)),
        fixed_interests=("育儿",),
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CircleSpec:
    """A circle and who joins it: users with `interest` and `school` (None: any); city circles are local."""

    role: str  # what topics refer to (Topic.circles)
    slug: str
    name: str
    description: str
    kind: CircleKind
    city: str | None
    join_policy: JoinPolicy
    interest: str | None
    school: str | None
    odds: float  # chance an eligible user joins


CIRCLES: tuple[CircleSpec, ...] = (
    CircleSpec("photo", "sheying", "摄影同好会", "扫街、人像、星空,晒图交流,互相提意见。", "interest", None,
               "open", "摄影", None, 0.8),
    CircleSpec("journal", "shouzhang", "手账日常", "排版、拼贴、文具分享,慢慢写,慢慢生活。", "interest", None,
               "open", "手账", None, 0.85),
    CircleSpec("esports", "dianjing", "电竞开黑团", "开黑组队、校赛战报、版本讨论。输赢都是兄弟。", "interest",
               None, "open", "电竞", None, 0.8),
    CircleSpec("travel", "lvxing", "旅行搭子", "找搭子、晒风景、问攻略,下一站一起出发。", "interest", None,
               "open", "旅行", None, 0.75),
    CircleSpec("fanclub", "xuzhiyan-fans", "许栀言后援会·栀子花开", "许栀言(虚构歌手)的粉丝圈:应援、打卡、作品讨论。",
               "fanclub", None, "approval", "追星", None, 0.9),
    CircleSpec("baoma", "hangzhou-baoma", "杭州宝妈群", "杭州的妈妈们:育儿心得、周末遛娃、闲置互换。", "city",
               "杭州", "approval", "育儿", None, 0.95),
    CircleSpec("baoma", "chengdu-baoma", "成都宝妈群", "成都宝妈互助,带娃路上不孤单。", "city", "成都",
               "approval", "育儿", None, 0.95),
    CircleSpec("chengdu-food", "chengdu-chihuo", "成都吃货联盟", "苍蝇馆子、火锅、早餐摊,好吃的都在这。", "city",
               "成都", "open", "美食", None, 0.7),
    CircleSpec("nancheng-alumni", "nancheng-yizhong", "南城一中校友圈", "南城一中的同学们,不管哪一届,回来聊聊。",
               "campus", "杭州", "open", None, "南城一中", 0.6),
    CircleSpec("jiangbei-kaoyan", "jiangbei-kaoyan", "江北考研互助", "江北大学考研经验、资料、互相监督打卡。",
               "campus", "武汉", "open", "考研", "江北大学", 0.9),
)  # fmt: skip

CLASS_CIRCLE_ROLE = "nancheng-class"  # one 高三 class's own circle, named after the class
